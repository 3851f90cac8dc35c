"""Rendering ``docs/performance.md`` from the per-interpreter results files.

Kept apart from the measuring so the page can be re-rendered (``python
benchmarks/report.py``) after a change of wording without measuring again.
Every ratio is *other ÷ pkgmeta* for times: above 1 means pkgmeta is faster.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from targets import (
    OP_LABELS,
    cold,
    fmt_ms,
    fmt_ratio,
    fmt_share,
    growth_exponent,
    key_size,
    ratio_of,
    target_rows,
)

BENCH_DIR = Path(__file__).resolve().parent
OTHERS = ("stdlib", "importlib_metadata")
SHORT = {"pkgmeta": "pkgmeta", "stdlib": "stdlib", "importlib_metadata": "imd"}

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict

    Run = Dict[str, Any]


def load(results_dir: Path) -> list[Run]:
    """Read every results file, CPython oldest first, then PyPy."""
    runs = [json.loads(path.read_text()) for path in results_dir.glob("*.json")]
    return sorted(
        runs, key=lambda run: (_implementation(run) != "CPython", _version(run))
    )


def _order(run: Run) -> tuple[bool, tuple[int, ...]]:
    return (_implementation(run) != "CPython", _version(run))


def _implementation(run: Run) -> str:
    return str(run.get("implementation", "CPython"))


def _version(run: Run) -> tuple[int, ...]:
    return tuple(int(part) for part in str(run["python"]).split(".")[:3])


def _label(run: Run) -> str:
    """``CPython 3.13.0``, or ``PyPy (Python 3.9.16)``."""
    if _implementation(run) == "CPython":
        return f"CPython {run['python']}"
    return f"{_implementation(run)} (Python {run['python']})"


def _mark(met: bool | None) -> str:
    return "" if met is None else " ✅" if met else " ❌"


def _targets_table(runs: list[Run]) -> list[str]:
    by_run = [target_rows(run) for run in runs]
    header = "| target | needs | " + " | ".join(_label(run) for run in runs) + " |"
    lines = [header, "|---|---|" + "---|" * len(runs)]
    for index, (label, need, _, _) in enumerate(by_run[0]):
        cells = [f"{rows[index][2]}{_mark(rows[index][3])}" for rows in by_run]
        lines.append(f"| {label} | {need} | " + " | ".join(cells) + " |")
    return lines


def _cold_table(run: Run) -> list[str]:
    impls = [impl for impl in ("pkgmeta", *OTHERS) if impl in run["versions"]]
    others = [impl for impl in OTHERS if impl in impls]
    header = "| operation | N | " + " | ".join(impls) + " | "
    header += " | ".join(f"{SHORT[o]} ÷ pkgmeta" for o in others)
    header += (
        " | " + " | ".join(f"{SHORT[o]} ÷ pkgmeta with import" for o in others) + " |"
    )
    lines = [header, "|---|--:|" + "--:|" * (len(impls) + 2 * len(others))]
    for op, label in OP_LABELS.items():
        for size in sorted(run["sizes"], key=int):
            cells = [fmt_ms(cold(run, size, op, impl)) for impl in impls]
            cells += [
                fmt_ratio(
                    ratio_of(cold(run, size, op, o), cold(run, size, op, "pkgmeta"))
                )
                for o in others
            ]
            cells += [
                fmt_ratio(
                    ratio_of(
                        cold(run, size, op, o, "import_call"),
                        cold(run, size, op, "pkgmeta", "import_call"),
                    )
                )
                for o in others
            ]
            lines.append(f"| {label} | {size} | " + " | ".join(cells) + " |")
    return lines


def _floor_line(run: Run) -> list[str]:
    floors = [
        f"{fmt_ms(run['sizes'][size]['floor']['cold'])} ms at N={size}"
        for size in sorted(run["sizes"], key=int)
        if "floor" in run["sizes"][size]
    ]
    if not floors:
        return []
    return [
        "Listing every `sys.path` entry once, with no library (the floor under "
        "any miss): " + ", ".join(floors) + ".",
        "",
    ]


def _warm_table(run: Run) -> list[str]:
    others = [impl for impl in OTHERS if impl in run["versions"]]
    header = "| operation | N | pkgmeta first | pkgmeta warm | first ÷ warm | "
    header += (
        " | ".join(f"{SHORT[o]} warm | {SHORT[o]} ÷ pkgmeta" for o in others) + " |"
    )
    lines = [header, "|---|--:|--:|--:|--:|" + "--:|--:|" * len(others)]
    for op, label in OP_LABELS.items():
        for size in sorted(run["sizes"], key=int):
            first = cold(run, size, op, "pkgmeta", "first_warm")
            warm = cold(run, size, op, "pkgmeta", "warm")
            cells = [fmt_ms(first), fmt_ms(warm), fmt_ratio(ratio_of(first, warm))]
            for other in others:
                other_warm = cold(run, size, op, other, "warm")
                cells += [fmt_ms(other_warm), fmt_ratio(ratio_of(other_warm, warm))]
            lines.append(f"| {label} | {size} | " + " | ".join(cells) + " |")
    return lines


def _import_table(run: Run) -> list[str]:
    imports = run["import"]
    lines = [
        "| library | `-X importtime` cumulative (ms) | ÷ importlib.metadata "
        "| wall - `pass` (ms) | ÷ importlib.metadata |",
        "|---|--:|--:|--:|--:|",
    ]
    base = imports["stdlib"]
    for impl, found in imports.items():
        name = "importlib.metadata" if impl == "stdlib" else impl
        lines.append(
            f"| `{name}` | {fmt_ms(found['importtime'])} "
            f"| {fmt_share(ratio_of(found['importtime'], base['importtime']))} "
            f"| {fmt_ms(found['wall_delta'])} "
            f"| {fmt_share(ratio_of(found['wall_delta'], base['wall_delta']))} |"
        )
    bare = statistics.median([found["bare"] for found in imports.values()])
    lines.append(
        f"\nA bare interpreter (`-I -S -c pass`) takes {fmt_ms(bare)} ms wall."
    )
    return lines


def _memory_table(run: Run) -> list[str]:
    lines = [
        "| N | library | tracemalloc peak (KiB) | ÷ stdlib | peak RSS growth (KiB) |",
        "|--:|---|--:|--:|--:|",
    ]
    for size in sorted(run["sizes"], key=int):
        memory = run["sizes"][size]["memory"]
        for impl, found in memory.items():
            peak = found["peak_bytes"]
            share = ratio_of(peak, memory["stdlib"]["peak_bytes"])
            traced = "—" if peak is None else f"{peak / 1024:,.0f}"
            lines.append(
                f"| {size} | {impl} | {traced} | {fmt_share(share)} "
                f"| {found['rss_kib']:,.0f} |"
            )
    return lines


def _opens_table(run: Run) -> list[str]:
    impls = [impl for impl in ("pkgmeta", *OTHERS) if impl in run["versions"]]
    lines = [
        "| operation | N | " + " | ".join(impls) + " |",
        "|---|--:|" + "--:|" * len(impls),
    ]
    for size in sorted(run["sizes"], key=int):
        for op, by_impl in run["sizes"][size]["opens"].items():
            cells = [
                "{opened} / {metadata_read} / {listed}".format(**by_impl[impl])
                for impl in impls
            ]
            lines.append(f"| {OP_LABELS[op]} | {size} | " + " | ".join(cells) + " |")
    return lines


def _scaling_table(run: Run) -> list[str]:
    sizes = sorted(run["sizes"], key=int)
    lines = [
        "| operation | library | "
        + " | ".join(f"N={s} (ms)" for s in sizes)
        + " | µs per dist at the largest N | exponent |",
        "|---|---|" + "--:|" * (len(sizes) + 2),
    ]
    for op, label in OP_LABELS.items():
        for impl in ("pkgmeta", "stdlib"):
            times = [cold(run, size, op, impl) for size in sizes]
            if times[-1] is None:
                continue
            exponent, span = growth_exponent(run, op, impl)
            per_dist = (times[-1] or 0) / int(sizes[-1]) * 1e6
            shown = "n/a" if exponent is None else f"{exponent:.2f} ({span})"
            lines.append(
                f"| {label} | {impl} | "
                + " | ".join(fmt_ms(t) for t in times)
                + f" | {per_dist:.1f} | {shown} |"
            )
    return lines


def _real_site_table(run: Run) -> list[str]:
    impls = [impl for impl in ("pkgmeta", *OTHERS) if impl in run["versions"]]
    others = [impl for impl in OTHERS if impl in impls]
    lines = [
        "| operation (cold, ms) | "
        + " | ".join(impls)
        + " | "
        + " | ".join(f"{SHORT[o]} ÷ pkgmeta" for o in others)
        + " |",
        "|---|" + "--:|" * (len(impls) + len(others)),
    ]
    for op, by_impl in run["real_site"].items():
        cells = [fmt_ms(by_impl[impl]["cold"]) for impl in impls]
        cells += [
            fmt_ratio(ratio_of(by_impl[o]["cold"], by_impl["pkgmeta"]["cold"]))
            for o in others
        ]
        label = OP_LABELS[op].replace("(name)", '("pip")')
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def _fresh_cell(check: dict[str, Any], judged: bool) -> str:
    seen = check["seen"]
    shown = "not found" if seen is None else f"`{seen}`"
    if not judged or check["expected"] == "n/a":
        return shown
    return shown + (" PASS" if seen == check["expected"] else " FAIL")


def _fresh_table(run: Run) -> list[str]:
    impls = [impl for impl in ("pkgmeta", *OTHERS) if impl in run["fresh"]]
    lines = [
        "| after … | expected | " + " | ".join(impls) + " |",
        "|---|---|" + "---|" * len(impls),
    ]
    for index, check in enumerate(run["fresh"]["pkgmeta"]):
        expected = (
            "(observed only)" if not check["required"] else f"`{check['expected']}`"
        )
        cells = [
            _fresh_cell(
                run["fresh"][impl][index], impl == "pkgmeta" and check["required"]
            )
            for impl in impls
        ]
        lines.append(f"| {check['check']} | {expected} | " + " | ".join(cells) + " |")
    return lines


def _mismatches(run: Run) -> list[str]:
    """Operations whose results (counts, versions) differ between libraries."""
    notes = []
    for size, measured in run["sizes"].items():
        for op, by_impl in measured["ops"].items():
            results = {impl: found["result"] for impl, found in by_impl.items()}
            if len({repr(r) for r in results.values()}) > 1:
                notes.append(f"- N={size}, {OP_LABELS[op]}: results differ: {results}")
    return notes


def _machine(runs: list[Run]) -> list[str]:
    machine = runs[-1]["machine"]
    lines = [
        f"- Machine: `{machine['uname'].strip()}`, {machine['nproc']} CPUs.",
        "- Interpreters and libraries:",
    ]
    for run in runs:
        libs = ", ".join(
            f"{impl} {version}"
            for impl, version in run["versions"].items()
            if impl != "stdlib"
        )
        load = "/".join(f"{value:.1f}" for value in run["machine"]["load_before"])
        quick = " (**quick run**: fewer sizes and repetitions)" if run["quick"] else ""
        lines.append(
            f"  - {_label(run)}: {libs}; measured {run['date']} "
            f"in {run['elapsed_s']:.0f} s, load average before {load}{quick}."
        )
    return lines


METHOD = """\
## Method

- **Sites.** `benchmarks/generate.py` writes a seeded, reproducible
  site-packages of N distributions: 95 % `*.dist-info` (2-5 KB METADATA with
  realistic headers, ~10 `Requires-Dist` with markers and a Markdown body;
  RECORD with sha256 and sizes of the package files it also writes;
  `entry_points.txt` on ~20 % with `console_scripts` and a plugin group;
  `top_level.txt`, `INSTALLER`), 5 % directory `*.egg-info` (`PKG-INFO`,
  `requires.txt` with sections, `SOURCES.txt`, `installed-files.txt` on half).
- **Isolation.** Each measurement is a fresh `python -I -S driver.py`
  process: `sys.path` is the synthetic site followed by the stdlib only; the
  library is imported from the venv's site-packages through a meta-path
  finder that has no `find_distributions`, so no other distribution is seen.
  The driver imports nothing the library might import lazily (no `json`,
  `re`, `argparse`).
- **Cold** = the first call in a fresh process, after importing the library
  (the import is timed separately; "with import" columns add it). Median of
  the repetitions shown under each interpreter; the repetitions interleave
  all libraries and operations so load drift hits them alike.
- **Warm** = in a few of those processes, up to 10 further calls of the same
  operation: "first ÷ warm" is the first call over the median later call.
- **Import**: `python -I -S -X importtime -c "import X"` (cumulative µs of
  `X`'s own line) and the wall time of `python -I -S -c "import X"` minus that
  of the same command without the import.
- **Memory**: the full scan in its own process, peak of Python allocations
  from `_tracemalloc` (started after the library import, so lazy imports
  count), and in another process the growth of the peak resident set (`VmHWM`
  in `/proc/self/status`) during the scan.
- **Files read**: an audit hook (`sys.addaudithook`) counts `open` events
  below the site (any file / METADATA or PKG-INFO) and `os.listdir` /
  `os.scandir` events during one call.
- **Stdlib on 3.8/3.9** has no `entry_points(group=...)`: its "group" row
  is `entry_points().get("console_scripts", ())`, the equivalent user code;
  it has no `packages_distributions()` before 3.10.
- **Noise**: the machine is shared; compare ratios within one run, not
  absolute times across runs.
"""


LIMITS = """\
What bounds the targets a row may miss:

- **`version()` miss.** A miss must list every `sys.path` entry to know
  that no `<name>-*.dist-info` is there; the floor line under each cold
  table is that listing with no library at all. The stdlib of 3.8 keeps
  nothing and does little more than list, so at most the floor's ratio can
  be won there; 3.10+ pays for its own per-entry Python work.
- **Warm full scan.** `distributions()` re-reads each METADATA on every
  call, as the stdlib does, so an edit in place is seen at once and a scan
  holds one distribution's metadata at a time (the memory rows). Keeping
  them would cost a `stat` per distribution (about a third of a read) and
  every METADATA of the environment in memory; see `docs/caching.md`."""


def render(runs: list[Run]) -> str:
    """Return the whole Markdown page for the given runs."""
    lines = [
        "# Performance",
        "",
        "Generated by `nox -s bench` (`python benchmarks/run.py`); do not edit by "
        "hand. Ratios are *other library's time ÷ pkgmeta's time*: above 1x means "
        "pkgmeta is faster.",
        "",
        *_machine(runs),
        "",
        f"## Targets (N = {key_size(runs[0])})",
        "",
        *_targets_table(runs),
        "",
        "Verdicts judge the call alone, after the library is imported; *with "
        "import* adds each library's own import, which is what a command-line "
        "tool pays on every run. *imd* is importlib_metadata.",
        "",
        LIMITS,
        "",
        METHOD,
    ]
    for run in runs:
        manifest = run["sizes"][key_size(run)]["manifest"]
        lines += [
            f"## {_label(run)}",
            "",
            "Each site holds 95 % dist-info / 5 % egg-info; "
            f"at N = {manifest['size']}: "
            f"{manifest['console_scripts']} projects with console scripts, "
            f"{manifest['plugins']} plugins, {manifest['files']} files. "
            f"Cold: median of {run['plan']['repeat']} processes.",
            "",
            "### Cold: first call in a fresh process (ms)",
            "",
            *_cold_table(run),
            "",
            *_floor_line(run),
            "### Warm: repeated calls in one process (ms)",
            "",
            *_warm_table(run),
            "",
            "### Import",
            "",
            *_import_table(run),
            "",
            "### Growth with N (cold)",
            "",
            *_scaling_table(run),
            "",
            "### Peak memory of the full scan",
            "",
            *_memory_table(run),
            "",
            "### Files read by one call: opened / METADATA read / directory listings",
            "",
            *_opens_table(run),
            "",
            "### The venv's own site-packages",
            "",
            *_real_site_table(run),
            "",
            "### Freshness: does a warm cache see a new install?",
            "",
            *_fresh_table(run),
            "",
        ]
        mismatches = _mismatches(run)
        if mismatches:
            lines += ["Results that differ between libraries:", "", *mismatches, ""]
    return "\n".join(lines).rstrip() + "\n"


def write(results_dir: Path, output: Path) -> None:
    """Render every results file in *results_dir* into *output*."""
    runs = load(results_dir)
    if not runs:
        raise SystemExit(f"no results in {results_dir}: run benchmarks/run.py first")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(runs))


if __name__ == "__main__":
    write(BENCH_DIR / ".results", BENCH_DIR.parent / "docs" / "performance.md")
