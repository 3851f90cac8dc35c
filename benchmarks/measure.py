"""Measurements of one interpreter: spawning ``driver.py`` and summarizing samples.

Every number comes from fresh processes, interleaved so that drift in the
machine's load hits all implementations alike: each repetition runs every
operation of every implementation once before the next repetition starts.
"""

from __future__ import annotations

import ast
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from generate import Manifest
from realsite import RealSite
from venvs import Interpreter

DRIVER = Path(__file__).resolve().parent / "driver.py"
MODULES = {
    "pkgmeta": "pkgmeta",
    "stdlib": "importlib.metadata",
    "importlib_metadata": "importlib_metadata",
}
OPS = (
    "version_hit",
    "version_miss",
    "ep_group",
    "ep_all",
    "scan",
    "files",
    "requires",
    "pkgdist",
)
# The calls timed on the real site: (key, op, name asked for, modules the
# application imported before). files() with pathlib imported is what most
# applications see; without it, pkgmeta pays pathlib's import on that call.
REAL_SITE_CALLS = (
    ("pkgdist", "pkgdist", "", ""),
    ("files:pip", "files", "pip", ""),
    ("files:pip+pathlib", "files", "pip", "pathlib"),
    ("files:requests+pathlib", "files", "requests", "pathlib"),
    ("files:iniconfig+pathlib", "files", "iniconfig", "pathlib"),
    ("ep_all", "ep_all", "", ""),
    ("ep_group", "ep_group", "", ""),
    ("version_hit", "version_hit", "requests", ""),
)
OPENS_OPS = ("version_hit", "version_miss", "ep_group", "files", "requires")

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, Dict, List

    Outcome = Dict[str, Any]
    Summary = Dict[str, Any]
    Samples = Dict[str, Dict[str, List[Outcome]]]


class MeasureError(RuntimeError):
    """A driver process failed: the command and its stderr say why."""


@dataclass
class Plan:
    """How much to repeat; ``--quick`` shrinks it."""

    repeat: int = 9  # fresh processes per (op, impl, N)
    warm_procs: int = 3  # of those, how many also time warm calls
    warm_calls: int = 10  # warm calls per process at most ...
    warm_budget: float = 0.3  # ... and seconds they may take (at least 2 calls)
    memory_repeat: int = 3


def supported(py: Interpreter, impl: str, op: str) -> bool:
    """``packages_distributions()`` arrived in the stdlib with 3.10."""
    old = py.version_info < (3, 10)
    return not (impl == "stdlib" and op == "pkgdist" and old)


def run_driver(
    py: Interpreter, args: Mapping[str, object], own_site: bool = False
) -> Outcome:
    """Run the driver once in a fresh process and return the dict it printed.

    Args:
        py: The interpreter to measure.
        args: ``key=value`` arguments of ``driver.py``.
        own_site: Keep the venv's site-packages on ``sys.path`` (no ``-S``).

    Raises:
        MeasureError: The process failed or printed no result.
    """
    command = [py.python, "-I", *([] if own_site else ["-S"]), str(DRIVER)]
    command += [f"{key}={value}" for key, value in args.items()]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=900, check=False
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        raise MeasureError(f"{' '.join(command)}\n{done.stderr[-3000:]}")
    outcome: Outcome = ast.literal_eval(lines[-1])
    return outcome


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def summarize(outcomes: list[Outcome]) -> Summary:
    """Reduce the processes' samples of one (op, impl) to medians."""
    firsts = [o["first"] for o in outcomes]
    warmed = [o for o in outcomes if o["warm"]]
    results = {repr(o["result"]) for o in outcomes}
    return {
        "cold": _median(firsts),
        "cold_min": min(firsts),
        "cold_samples": firsts,
        "import_call": _median([o["import"] + o["first"] for o in outcomes]),
        "first_warm": _median([o["first"] for o in warmed]),
        "warm": _median([statistics.median(o["warm"]) for o in warmed]),
        "result": sorted(results)[0] if len(results) == 1 else sorted(results),
    }


def _progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure_ops(
    py: Interpreter, manifest: Manifest, plan: Plan
) -> dict[str, dict[str, Summary]]:
    """Cold and warm timings of every operation on one synthetic site."""
    samples: Samples = {op: {impl: [] for impl in py.impls} for op in OPS}
    base = {
        "site": manifest.site,
        "lib": py.lib,
        "hit": manifest.hit,
        "miss": manifest.miss,
    }
    for rep in range(plan.repeat):
        warm = plan.warm_calls if rep < plan.warm_procs else 0
        for op in OPS:
            for impl in py.impls:
                if supported(py, impl, op):
                    args: dict[str, object] = {**base, "impl": impl, "op": op}
                    args.update(mode="time", warm=warm, budget=plan.warm_budget)
                    samples[op][impl].append(run_driver(py, args))
        _progress(f"{py.short} N={manifest.size}: repetition {rep + 1}/{plan.repeat}")
    return {
        op: {impl: summarize(found) for impl, found in by_impl.items() if found}
        for op, by_impl in samples.items()
    }


def measure_floor(py: Interpreter, manifest: Manifest, plan: Plan) -> Summary:
    """Cold cost of listing every ``sys.path`` entry: the floor under a miss."""
    args = {"impl": "floor", "mode": "floor", "site": manifest.site}
    return summarize([run_driver(py, args) for _ in range(plan.repeat)])


def measure_memory(
    py: Interpreter, manifest: Manifest, plan: Plan
) -> dict[str, Summary]:
    """Peak memory of the full scan: tracemalloc peak and peak-RSS growth.

    Each in its own process: tracing inflates the resident set it would measure.
    PyPy has no tracemalloc: only the resident set is measured there.
    """
    tracing = py.implementation == "CPython"
    base = {"site": manifest.site, "lib": py.lib, "op": "scan"}
    found: dict[str, dict[str, list[float]]] = {
        impl: {"trace": [], "rss": []} for impl in py.impls
    }
    for _ in range(plan.memory_repeat):
        for impl in py.impls:
            if tracing:
                traced = run_driver(py, {**base, "impl": impl, "mode": "trace"})
                found[impl]["trace"].append(traced["peak_bytes"])
            found[impl]["rss"].append(
                run_driver(py, {**base, "impl": impl, "mode": "rss"})["rss_kib"]
            )
    return {
        impl: {
            "peak_bytes": _median(values["trace"]),
            "rss_kib": _median(values["rss"]),
        }
        for impl, values in found.items()
    }


def measure_opens(py: Interpreter, manifest: Manifest) -> dict[str, dict[str, Outcome]]:
    """Files opened and directories listed below the site by one call of each op."""
    base = {
        "site": manifest.site,
        "lib": py.lib,
        "hit": manifest.hit,
        "miss": manifest.miss,
    }
    opens: dict[str, dict[str, Outcome]] = {}
    for op in OPENS_OPS:
        opens[op] = {}
        for impl in py.impls:
            outcome = run_driver(py, {**base, "impl": impl, "op": op, "mode": "opens"})
            opens[op][impl] = {
                key: outcome[key] for key in ("opened", "metadata_read", "listed")
            }
    return opens


def measure_real_site(py: Interpreter, real: RealSite, plan: Plan) -> dict[str, Any]:
    """Cold calls on the real site (``realsite.py``), and its floors.

    The site is the only ``sys.path`` entry with distributions, as the
    synthetic ones are; the floors are ``driver.py``'s ``floor`` modes on it.
    """
    samples: Samples = {
        key: {impl: [] for impl in py.impls} for key, *_ in REAL_SITE_CALLS
    }
    floors: dict[str, list[Outcome]] = {"list": [], "pkgdist": []}
    base = {"site": real.site, "lib": py.lib, "miss": "not-installed-anywhere"}
    for rep in range(plan.repeat):
        warm = plan.warm_calls if rep < plan.warm_procs else 0
        for key, op, hit, preload in REAL_SITE_CALLS:
            for impl in py.impls:
                if supported(py, impl, op):
                    args: dict[str, object] = {**base, "impl": impl, "op": op}
                    args.update(hit=hit, preload=preload, mode="time")
                    args.update(warm=warm, budget=plan.warm_budget)
                    samples[key][impl].append(run_driver(py, args))
        for work, found in floors.items():
            args = {"impl": "floor", "mode": "floor", "floor": work, "site": real.site}
            found.append(run_driver(py, args))
        _progress(f"{py.short} real site: repetition {rep + 1}/{plan.repeat}")
    return {
        "site": real.__dict__,
        "calls": {
            key: {impl: summarize(found) for impl, found in by_impl.items() if found}
            for key, by_impl in samples.items()
        },
        "floor": {work: summarize(found) for work, found in floors.items()},
    }


def measure_freshness(py: Interpreter) -> dict[str, list[Outcome]]:
    """Run the freshness checks of ``fresh.py`` once per implementation."""
    return {
        impl: run_driver(py, {"impl": impl, "mode": "fresh", "lib": py.lib})["checks"]
        for impl in py.impls
    }


def _import_command(
    py: Interpreter, module: str | None, importtime: bool = False
) -> list[str]:
    """``python -c "import X"`` that sees the library but no other site."""
    code = f"import sys; sys.path.append({py.lib!r})"
    if module:
        code += f"; import {module}"
    return [
        py.python,
        "-I",
        "-S",
        *(["-X", "importtime"] if importtime else []),
        "-c",
        code,
    ]


def _cumulative_us(stderr: str, module: str) -> int:
    """Cumulative microseconds of *module*'s line in ``-X importtime`` output."""
    for line in stderr.splitlines():
        if (
            line.startswith("import time:")
            and line.rsplit("|", 1)[-1].strip() == module
        ):
            return int(line.split("|")[1])
    raise MeasureError(f"no -X importtime line for {module}:\n{stderr[-2000:]}")


def _import_seconds(py: Interpreter, module: str) -> float:
    """Seconds the import of *module* takes, measured inside the interpreter.

    CPython's ``-X importtime`` line for the module; PyPy has no such option,
    so there the import is timed with ``perf_counter`` around it.
    """
    if py.implementation == "CPython":
        done = subprocess.run(
            _import_command(py, module, importtime=True),
            capture_output=True,
            text=True,
            check=True,
        )
        return _cumulative_us(done.stderr, module) / 1e6
    code = (
        f"import sys, time; sys.path.append({py.lib!r}); "
        f"t = time.perf_counter(); import {module}; "
        "print(time.perf_counter() - t)"
    )
    done = subprocess.run(
        [py.python, "-I", "-S", "-c", code], capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip())


def measure_import(py: Interpreter, plan: Plan) -> dict[str, Summary]:
    """Import cost per library: ``-X importtime`` and wall time over ``pass``."""
    wall: dict[str, list[float]] = {impl: [] for impl in [*py.impls, "pass"]}
    importtime: dict[str, list[float]] = {impl: [] for impl in py.impls}
    for _ in range(max(plan.repeat, 5)):
        for impl in ["pass", *py.impls]:
            module = MODULES.get(impl)
            start = time.perf_counter()
            subprocess.run(_import_command(py, module), check=True)
            wall[impl].append(time.perf_counter() - start)
            if module:
                importtime[impl].append(_import_seconds(py, module))
    bare = statistics.median(wall["pass"])
    return {
        impl: {
            "importtime": statistics.median(importtime[impl]),
            "wall": statistics.median(wall[impl]),
            "wall_delta": statistics.median(wall[impl]) - bare,
            "bare": bare,
        }
        for impl in py.impls
    }
