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
    KEY_SIZE,
    OP_LABELS,
    cold,
    fmt_floor,
    fmt_ms,
    fmt_share,
    fmt_speed,
    growth_exponent,
    key_size,
    ratio_of,
    real,
    real_floor,
    real_ratio,
    target_rows,
)

BENCH_DIR = Path(__file__).resolve().parent
OTHERS = ("stdlib", "importlib_metadata")
SHORT = {"pkgmeta": "pkgmeta", "stdlib": "stdlib", "importlib_metadata": "imd"}

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, Dict

    Run = Dict[str, Any]


def load(results_dir: Path) -> list[Run]:
    """Read every results file, CPython oldest first, then PyPy."""
    runs = [json.loads(path.read_text()) for path in results_dir.glob("*.json")]
    return sorted(runs, key=_order)


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


def _verdict(met: bool | None) -> str:
    return "" if met is None else ": **met**" if met else ": **missed**"


# Interpreters per targets table: its cells are long, and more columns do
# not fit the documentation's text column at 1280 px (tools/docs_widths.py).
TARGET_COLUMNS = 3


def _targets_tables(runs: list[Run]) -> list[str]:
    """The targets, one table per group of up to ``TARGET_COLUMNS`` interpreters."""
    lines: list[str] = []
    for start in range(0, len(runs), TARGET_COLUMNS):
        if lines:
            lines.append("")
        lines += _targets_table(runs[start : start + TARGET_COLUMNS])
    return lines


def _targets_table(runs: list[Run]) -> list[str]:
    by_run = [{label: row for label, *row in target_rows(run)} for run in runs]
    labels: dict[str, str] = {}  # every target any run has, in first-seen order
    for run in runs:
        for label, need, _, _ in target_rows(run):
            labels.setdefault(label, need)
    header = "| target | needs | " + " | ".join(_label(run) for run in runs) + " |"
    lines = [header, "|---|---|" + "---|" * len(runs)]
    for label, need in labels.items():
        cells = []
        for rows in by_run:
            found = rows.get(label)
            cells.append(
                "not measured" if found is None else found[1] + _verdict(found[2])
            )
        lines.append(f"| {label} | {need} | " + " | ".join(cells) + " |")
    return lines


def _cold_table(run: Run) -> list[str]:
    impls = [impl for impl in ("pkgmeta", *OTHERS) if impl in run["versions"]]
    others = [impl for impl in OTHERS if impl in impls]
    header = "| operation | N | " + " | ".join(impls) + " | "
    header += " | ".join(f"pkgmeta vs {SHORT[o]}" for o in others)
    header += (
        " | " + " | ".join(f"pkgmeta vs {SHORT[o]}, with import" for o in others) + " |"
    )
    lines = [header, "|---|--:|" + "--:|" * (len(impls) + 2 * len(others))]
    for op, label in OP_LABELS.items():
        for size in sorted(run["sizes"], key=int):
            cells = [fmt_ms(cold(run, size, op, impl)) for impl in impls]
            cells += [
                fmt_speed(
                    ratio_of(cold(run, size, op, o), cold(run, size, op, "pkgmeta"))
                )
                for o in others
            ]
            cells += [
                fmt_speed(
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
    header = "| operation | N | pkgmeta first | pkgmeta warm | warm vs first | "
    header += (
        " | ".join(f"{SHORT[o]} warm | pkgmeta warm vs {SHORT[o]}" for o in others)
        + " |"
    )
    lines = [header, "|---|--:|--:|--:|--:|" + "--:|--:|" * len(others)]
    for op, label in OP_LABELS.items():
        for size in sorted(run["sizes"], key=int):
            first = cold(run, size, op, "pkgmeta", "first_warm")
            warm = cold(run, size, op, "pkgmeta", "warm")
            cells = [fmt_ms(first), fmt_ms(warm), fmt_speed(ratio_of(first, warm))]
            for other in others:
                other_warm = cold(run, size, op, other, "warm")
                cells += [fmt_ms(other_warm), fmt_speed(ratio_of(other_warm, warm))]
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


REAL_LABELS = {
    "pkgdist": "`packages_distributions()`",
    "files:pip": '`files("pip")`, `pathlib` not yet imported',
    "files:pip+pathlib": '`files("pip")`',
    "files:requests+pathlib": '`files("requests")`',
    "files:iniconfig+pathlib": '`files("iniconfig")`',
    "ep_all": "`entry_points()`",
    "ep_group": '`entry_points(group="console_scripts")`',
    "version_hit": '`version("requests")`',
}


def _real_site_line(run: Run) -> str:
    site = run["real_site"]["site"]
    return (
        f"{site['dists']} distributions ({site['without_top_level']} without "
        f"`top_level.txt`, whose RECORDs hold {site['record_rows']:,} rows), "
        f"installed from `benchmarks/requirements/{site['pins']}`"
    )


def _real_site_table(run: Run) -> list[str]:
    impls = [impl for impl in ("pkgmeta", *OTHERS) if impl in run["versions"]]
    others = [impl for impl in OTHERS if impl in impls]
    lines = [
        "| call (cold, ms) | "
        + " | ".join(impls)
        + " | "
        + " | ".join(f"pkgmeta vs {SHORT[o]}" for o in others)
        + " |",
        "|---|" + "--:|" * (len(impls) + len(others)),
    ]
    for key, label in REAL_LABELS.items():
        if key not in run["real_site"]["calls"]:
            continue
        cells = [fmt_ms(real(run, key, impl)) for impl in impls]
        cells += [fmt_speed(real_ratio(run, key, o)) for o in others]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    floor_list, floor_read = real_floor(run, "list"), real_floor(run, "pkgdist")
    over = ratio_of(real(run, "pkgdist", "pkgmeta"), floor_read)
    lines += [
        "",
        f"Floors: listing `sys.path` {fmt_ms(floor_list)} ms; listing it and "
        f"reading what `packages_distributions()` needs {fmt_ms(floor_read)} ms, "
        f"so pkgmeta's `packages_distributions()` takes {fmt_floor(over)}. "
        "Above 1x means pkgmeta is faster.",
    ]
    return lines


def _summary_table(runs: list[Run]) -> list[str]:
    """The headline ratios, one column per interpreter."""
    header = "| | " + " | ".join(_label(run) for run in runs) + " |"
    lines = [header, "|---|" + "---|" * len(runs)]

    def row(label: str, cell: Callable[[Run], str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(run) for run in runs) + " |")

    def import_cell(run: Run) -> str:
        imports = run["import"]
        share = ratio_of(
            imports["pkgmeta"]["importtime"], imports["stdlib"]["importtime"]
        )
        return fmt_speed(None if not share else 1 / share)

    def vs_stdlib_and_imd(key: str) -> Callable[[Run], str]:
        def cell(run: Run) -> str:
            stdlib = real_ratio(run, key)
            imd = real_ratio(run, key, "importlib_metadata")
            shown = fmt_speed(stdlib) if stdlib is not None else "no stdlib call"
            return shown if imd is None else f"{shown} (vs imd: {fmt_speed(imd)})"

        return cell

    def floor_cell(run: Run) -> str:
        return fmt_floor(
            ratio_of(real(run, "pkgdist", "pkgmeta"), real_floor(run, "pkgdist"))
        )

    def synthetic(op: str) -> Callable[[Run], str]:
        def cell(run: Run) -> str:
            size = key_size(run)
            if size is None:
                return "not measured"
            return fmt_speed(
                ratio_of(cold(run, size, op, "stdlib"), cold(run, size, op, "pkgmeta"))
            )

        return cell

    def met_cell(run: Run) -> str:
        verdicts = [met for _, _, _, met in target_rows(run) if met is not None]
        return f"{sum(verdicts)} of {len(verdicts)} met"

    row("`import pkgmeta` vs `import importlib.metadata`", import_cell)
    row(
        "real site: cold `packages_distributions()`",
        vs_stdlib_and_imd("pkgdist"),
    )
    row("real site: the same, against the floor", floor_cell)
    row(
        'real site: cold `files("pip")`, `pathlib` imported',
        vs_stdlib_and_imd("files:pip+pathlib"),
    )
    row(
        'real site: cold `files("pip")`, with `pathlib`\'s import',
        vs_stdlib_and_imd("files:pip"),
    )
    row("real site: cold `entry_points()`", vs_stdlib_and_imd("ep_all"))
    row('real site: cold `version("requests")`', vs_stdlib_and_imd("version_hit"))
    row(f"N = {KEY_SIZE} synthetic: cold `version()` hit", synthetic("version_hit"))
    row(f"N = {KEY_SIZE} synthetic: cold `version()` miss", synthetic("version_miss"))
    row(
        f'N = {KEY_SIZE} synthetic: cold `entry_points(group="console_scripts")`',
        synthetic("ep_group"),
    )
    row(f"N = {KEY_SIZE} synthetic: cold full metadata scan", synthetic("scan"))
    row("targets (table below)", met_cell)
    return lines


def _infers(run: Run) -> bool:
    """Whether this stdlib's packages_distributions() infers names from files.

    3.10's reads ``top_level.txt`` only: on the real site it leaves out every
    wheel without one, a cheaper and different answer.
    """
    return _version(run) >= (3, 11)


def _fastest_stdlib(runs: list[Run]) -> list[str]:
    """Name the fastest stdlib packages_distributions() and pkgmeta's ratio to it."""
    timed = [(real(run, "pkgdist", "stdlib"), run) for run in runs if _infers(run)]
    timed = [(seconds, run) for seconds, run in timed if seconds is not None]
    if not timed:
        return []
    seconds, fastest = min(timed, key=lambda pair: pair[0])
    ours = real(fastest, "pkgdist", "pkgmeta")
    lines = [
        f"The fastest stdlib `packages_distributions()` on the real site is "
        f"CPython {fastest['python']}'s ({fmt_ms(seconds)} ms); pkgmeta on the "
        f"same interpreter, in the same run, takes {fmt_ms(ours)} ms: "
        f"{fmt_speed(ratio_of(seconds, ours))}."
    ]
    partial = [
        run for run in runs if not _infers(run) and real(run, "pkgdist", "stdlib")
    ]
    for run in partial:
        lines[0] += (
            f" CPython {run['python']}'s is not counted: it reads `top_level.txt` "
            f"only and so leaves out every wheel without one "
            f"({_result(run, 'pkgdist', 'stdlib')} import names against "
            f"pkgmeta's {_result(run, 'pkgdist', 'pkgmeta')})."
        )
    return [*lines, ""]


def _result(run: Run, key: str, impl: str) -> Any:
    return run["real_site"]["calls"][key][impl]["result"]


def _real_mismatches(run: Run) -> list[str]:
    """Real-site calls whose results (counts, versions) differ between libraries."""
    notes = []
    for key, by_impl in run["real_site"]["calls"].items():
        results = {impl: found["result"] for impl, found in by_impl.items()}
        if len({repr(r) for r in results.values()}) > 1:
            notes.append(f"- {REAL_LABELS.get(key, key)}: results differ: {results}")
    return notes


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
        if not run["sizes"]:
            quick += " (the real site only)"
        elif run.get("synthetic_date"):
            quick += f" (the synthetic sites on {run['synthetic_date']})"
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
- **Real site**: `benchmarks/realsite.py` builds `.realsites/3.X` from
  `benchmarks/requirements/real-site-3.X.txt` (pinned, installed with
  `--no-deps`), once per change of the pins; its site-packages is then the
  only `sys.path` entry, as a synthetic site is. `files()` is timed with
  `pathlib` imported before the library (`driver.py preload=pathlib`), as
  nearly every application has it, and once without.
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


FLOORS = """\
The **floor** is the least work any implementation must do for a call,
timed in the same kind of fresh process with no library imported
(`benchmarks/driver.py`, `mode=floor`), on the same site and in the same
run, so that it moves with the machine's load as the libraries do:

- *listing*: `os.listdir` of every `sys.path` entry. A `version()` miss
  cannot be faster.
- *`packages_distributions()` floor*: that listing, plus reading the bytes
  of each metadata directory's `METADATA` (or `PKG-INFO`), for the name it
  reports, and of its `top_level.txt`, or of its `RECORD` where there is
  none. It decodes, parses and checks nothing, so no implementation can
  reach it; "3.1x the floor" is pkgmeta's time over it."""


def render(runs: list[Run]) -> str:
    """Return the whole Markdown page for the given runs."""
    with_sizes = [run for run in runs if key_size(run) is not None]
    real_runs = [run for run in runs if "real_site" in run]
    lines = [
        "# Performance",
        "",
        "pkgmeta against each interpreter's own `importlib.metadata` (*the "
        "stdlib*) and against `importlib_metadata` (*imd*), each call timed in "
        "fresh processes. *4.7x faster* means the other library took 4.7 times "
        "as long as pkgmeta; *1.3x slower* means pkgmeta took 1.3 times as long.",
        "",
        "## Summary",
        "",
        *_summary_table(runs),
        "",
        "The *real site* is a pinned environment of about a hundred "
        "distributions from PyPI, most of them wheels without `top_level.txt` "
        "(sphinx, pytest, mypy, black, requests and what they pull in); the "
        "*synthetic* sites hold N generated distributions. *Cold* is the first "
        "call in a fresh process, the library already imported.",
        "",
        *_fastest_stdlib(runs),
        FLOORS,
        "",
    ]
    if real_runs:
        lines += ["## The real site", ""]
        for run in real_runs:
            lines += [
                f"### {_label(run)}",
                "",
                _real_site_line(run) + ".",
                "",
                *_real_site_table(run),
                "",
            ]
            mismatches = _real_mismatches(run)
            if mismatches:
                lines += [
                    "Results that differ between libraries (the number of "
                    "files or names each returned):",
                    "",
                    *mismatches,
                    "",
                ]
    lines += [
        "## Targets",
        "",
        "Each goal of the performance issues, at N = "
        f"{KEY_SIZE} for the synthetic ones.",
        "",
        *_targets_tables(runs),
        "",
        "Verdicts judge the call alone, after the library is imported; *with "
        "import* adds each library's own import, which is what a command-line "
        "tool pays on every run.",
        "",
        LIMITS,
        "",
    ]
    for run in with_sizes:
        manifest = run["sizes"][key_size(run)]["manifest"]
        lines += [
            f"## Synthetic sites, {_label(run)}",
            "",
            "Each site holds 95 % dist-info / 5 % egg-info; "
            f"at N = {manifest['size']}: "
            f"{manifest['console_scripts']} projects with console scripts, "
            f"{manifest['plugins']} plugins, {manifest['files']} files. "
            f"Cold: median of {run['plan']['repeat']} processes.",
            "",
            # Titles in bold, not headings: a heading would open a section
            # inside the raw <details> element.
            "<details><summary>Every table of this interpreter</summary>",
            "",
            "**Cold: first call in a fresh process (ms)**",
            "",
            *_cold_table(run),
            "",
            *_floor_line(run),
            "**Warm: repeated calls in one process (ms)**",
            "",
            *_warm_table(run),
            "",
            "**Import**",
            "",
            *_import_table(run),
            "",
            "**Growth with N (cold)**",
            "",
            *_scaling_table(run),
            "",
            "**Peak memory of the full scan**",
            "",
            *_memory_table(run),
            "",
            "**Files read by one call: opened / METADATA read / directory listings**",
            "",
            *_opens_table(run),
            "",
            "**Freshness: does a warm cache see a new install?**",
            "",
            *_fresh_table(run),
            "",
        ]
        mismatches = _mismatches(run)
        if mismatches:
            lines += ["Results that differ between libraries:", "", *mismatches, ""]
        lines += ["</details>", ""]
    lines += [
        METHOD,
        "",
        "## About this page",
        "",
        *_machine(runs),
        "",
        "Generated by `nox -s bench` (`python benchmarks/run.py`) from the "
        "results in `benchmarks/.results/`; edit `benchmarks/report.py`, not "
        "this page. How to run it and what each benchmark guards: "
        "`benchmarks/README.md` and [Development](development.md).",
        "",
    ]
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
