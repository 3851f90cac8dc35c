"""Run the benchmark suite: every interpreter, every size; then write the report.

Usage (from the repository root; any Python 3.8+ can host it)::

    python benchmarks/run.py                       # 3.8 and 3.13, N = 100, 1000, 5000
    python benchmarks/run.py --quick               # about a minute, to check it works
    python benchmarks/run.py --pythons all --sizes 1000 --repeat 11
    python benchmarks/run.py --pythons 3.9,3.10 --real-site-only

Results go to ``benchmarks/.results/3.X.json`` (one file per interpreter, so
interpreters can be re-measured one at a time) and ``docs/performance.md`` is
rendered from every results file present.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import time
from pathlib import Path

import measure
import report
from generate import ensure_site
from realsite import ensure_real_site
from venvs import ALL_PYTHONS, Interpreter, SetupError, available, prepare

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / ".results"
DEFAULT_OUTPUT = BENCH_DIR.parent / "docs" / "performance.md"

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--pythons",
        default="3.8,3.13",
        help='comma-separated versions, or "all" for 3.8-3.13 (default: 3.8,3.13)',
    )
    parser.add_argument(
        "--sizes", default=None, help="distributions per site (default: 100,1000,5000)"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="fresh processes per measurement (default: 9)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="N = 100, 1000 and 3 repetitions"
    )
    parser.add_argument(
        "--real-site-only",
        action="store_true",
        help="measure the import and the real site only (no synthetic sites)",
    )
    parser.add_argument(
        "--no-install", action="store_true", help="reuse the venvs as they are"
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=RESULTS_DIR,
        help="where the per-interpreter JSON goes (the report renders all in it)",
    )
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help="the Markdown report"
    )
    args = parser.parse_args(argv)
    args.pythons = (
        list(ALL_PYTHONS) if args.pythons == "all" else args.pythons.split(",")
    )
    default_sizes = "100,1000" if args.quick else "100,1000,5000"
    args.sizes = [int(size) for size in (args.sizes or default_sizes).split(",")]
    if args.real_site_only:
        args.sizes = []
    return args


def _plan(args: argparse.Namespace) -> measure.Plan:
    if args.quick:
        plan = measure.Plan(repeat=3, warm_procs=2, warm_calls=5, memory_repeat=1)
    else:
        plan = measure.Plan()
    if args.repeat:
        plan.repeat = args.repeat
    return plan


def bench_interpreter(
    py: Interpreter, sizes: list[int], plan: measure.Plan, quick: bool
) -> dict[str, Any]:
    """Measure everything on one interpreter and return the JSON-able results."""
    started = time.time()
    results: dict[str, Any] = {
        "python": py.version,
        "implementation": py.implementation,
        "short": py.short,
        "versions": py.versions,
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "quick": quick,
        "plan": plan.__dict__,
        "machine": {
            "uname": " ".join(platform.uname()),
            "nproc": os.cpu_count(),
            "load_before": os.getloadavg(),
        },
        "sizes": {},
    }
    results["import"] = measure.measure_import(py, plan)
    if sizes:
        results["fresh"] = measure.measure_freshness(py)
    try:
        real = ensure_real_site(py.short)
    except SetupError as exc:  # e.g. PyPy: no pins, and an sdist that will not build
        print(f"{py.short}: no real site, skipped: {exc}"[:400], file=sys.stderr)
    else:
        results["real_site"] = measure.measure_real_site(py, real, plan)
    for size in sizes:
        manifest = ensure_site(size)
        counts = {
            key: value for key, value in manifest.__dict__.items() if key != "names"
        }
        results["sizes"][str(size)] = {
            "manifest": counts,
            "ops": measure.measure_ops(py, manifest, plan),
            "floor": measure.measure_floor(py, manifest, plan),
            "memory": measure.measure_memory(py, manifest, plan),
            "opens": measure.measure_opens(py, manifest),
        }
    results["machine"]["load_after"] = os.getloadavg()
    results["elapsed_s"] = round(time.time() - started, 1)
    return results


def main(argv: list[str] | None = None) -> int:
    """Prepare venvs, measure, save the results and render the report."""
    args = _parse_args(argv)
    plan = _plan(args)
    args.results.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:  # generate up front: not part of anyone's timing
        ensure_site(size)
    for short in available(args.pythons):
        py = prepare(short, install=not args.no_install)
        print(f"python{short}: {py.version}, {py.versions}", file=sys.stderr)
        results = bench_interpreter(py, args.sizes, plan, args.quick)
        path = args.results / f"{short}.json"
        if not args.sizes and path.exists():
            # A real-site run keeps the synthetic results measured before.
            kept = json.loads(path.read_text())
            for key in ("sizes", "fresh"):
                if kept.get(key):
                    results[key] = kept[key]
            if kept.get("sizes"):
                results["synthetic_date"] = kept.get("synthetic_date", kept["date"])
        path.write_text(json.dumps(results, indent=1) + "\n")
        print(
            f"python{short}: done in {results['elapsed_s']} s -> {path}",
            file=sys.stderr,
        )
    report.write(args.results, args.output)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
