"""The goals of the performance issue, checked against one interpreter's results.

Apart from the rendering so that each goal, its threshold and the numbers it
reads sit in one place; ``report.py`` turns the rows into a table.
"""

from __future__ import annotations

import math

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Optional, Tuple

    Run = Dict[str, Any]
    # (target, what it needs, the measured value as shown, met)
    TargetRow = Tuple[str, str, str, Optional[bool]]

KEY_SIZE = "1000"
OP_LABELS = {
    "version_hit": "`version(name)` hit",
    "version_miss": "`version(name)` miss",
    "ep_group": '`entry_points(group="console_scripts")`',
    "ep_all": "`entry_points()`",
    "scan": '`[d.metadata["Name"] for d in distributions()]`',
    "files": "`files(name)`",
    "requires": "`requires(name)`",
    "pkgdist": "`packages_distributions()`",
}
# Operations that keep nothing between calls: a scan hands out every
# distribution's metadata as it is on disk now (docs/caching.md), so its warm
# ratio is judged on a row of its own rather than hidden in the worst case.
REREAD_OPS = ("scan",)
LINEAR_EXPONENT = 1.15  # growth exponent still called linear (noise allowance)


def fmt_ms(seconds: float | None) -> str:
    """Milliseconds with three significant-ish digits: sub-ms calls matter too."""
    if seconds is None:
        return "n/a"
    ms = seconds * 1000
    return f"{ms:.3f}" if ms < 1 else f"{ms:.2f}" if ms < 10 else f"{ms:.1f}"


def ratio_of(numerator: float | None, denominator: float | None) -> float | None:
    """The ratio, or None when either side was not measured (n/a, not 0)."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def fmt_ratio(ratio: float | None) -> str:
    """A speed ratio: one decimal is all the noise allows."""
    return (
        "n/a" if ratio is None else f"{ratio:.1f}x" if ratio < 100 else f"{ratio:.0f}x"
    )


def fmt_speed(ratio: float | None) -> str:
    """A speed ratio (other ÷ pkgmeta) in words: ``4.7x faster``, ``1.3x slower``."""
    if ratio is None:
        return "n/a"
    if 0.95 <= ratio < 1.05:
        return "as fast (1.0x)"
    if ratio >= 1:
        return f"{fmt_ratio(ratio)} faster"
    return f"{fmt_ratio(1 / ratio)} slower"


def fmt_floor(ratio: float | None) -> str:
    """pkgmeta's time over the floor's: ``3.1x the floor``."""
    return "n/a" if ratio is None else f"{ratio:.1f}x the floor"


def fmt_share(ratio: float | None) -> str:
    """A fraction of a reference (import time, memory), where 0.5 is a goal."""
    return "n/a" if ratio is None else f"{ratio:.2f}x"


def key_size(run: Run) -> str | None:
    """N = 1000, which the issue's goals name, or the middle size measured.

    ``None`` for a run of the real site only (``run.py --real-site-only``).
    """
    sizes = list(run["sizes"])
    if not sizes:
        return None
    return KEY_SIZE if KEY_SIZE in sizes else sizes[len(sizes) // 2]


def real(run: Run, key: str, impl: str, field: str = "cold") -> float | None:
    """One summary field of a real-site call; None where it was not measured."""
    found = run.get("real_site", {}).get("calls", {}).get(key, {}).get(impl)
    return None if found is None else found[field]


def real_floor(run: Run, work: str) -> float | None:
    """The real site's floor of *work* (``list``, ``pkgdist``), cold."""
    found = run.get("real_site", {}).get("floor", {}).get(work)
    return None if found is None else found["cold"]


def real_ratio(run: Run, key: str, other: str = "stdlib") -> float | None:
    """*other* ÷ pkgmeta for a real-site call."""
    return ratio_of(real(run, key, other), real(run, key, "pkgmeta"))


# The real site's files() calls with pathlib imported: the names timed.
FILES_KEYS = ("files:pip+pathlib", "files:requests+pathlib", "files:iniconfig+pathlib")


def real_site_rows(run: Run) -> list[TargetRow]:
    """The goals about the real site: packages_distributions() and files()."""
    rows: list[TargetRow] = []
    vs_stdlib = real_ratio(run, "pkgdist")
    vs_imd = real_ratio(run, "pkgdist", "importlib_metadata")
    shown = fmt_speed(vs_stdlib) if vs_stdlib is not None else "no stdlib call"
    shown += f" (vs imd: {fmt_speed(vs_imd)})"
    answers = run.get("real_site", {}).get("calls", {}).get("pkgdist", {})
    if (
        "stdlib" in answers
        and answers["stdlib"]["result"] != (answers["pkgmeta"]["result"])
    ):  # 3.10 reads top_level.txt only
        shown += (
            f"; the stdlib's answer is smaller ({answers['stdlib']['result']} "
            f"names, pkgmeta's {answers['pkgmeta']['result']})"
        )
    rows.append(
        (
            "real site: cold `packages_distributions()`",
            "≥ 3x faster than the stdlib",
            shown,
            None if vs_stdlib is None else vs_stdlib >= 3,
        )
    )
    over_floor = ratio_of(real(run, "pkgdist", "pkgmeta"), real_floor(run, "pkgdist"))
    rows.append(
        (
            "real site: cold `packages_distributions()` vs the floor",
            "≤ 3x the floor",
            f"{fmt_floor(over_floor)} ({fmt_ms(real_floor(run, 'pkgdist'))} ms)",
            None if over_floor is None else over_floor <= 3,
        )
    )
    ratios = {key: real_ratio(run, key) for key in FILES_KEYS}
    known = {key: ratio for key, ratio in ratios.items() if ratio is not None}
    if known:
        worst = min(known, key=known.__getitem__)
        name = worst.split(":")[1].split("+")[0]
        shown = f'worst {fmt_speed(known[worst])} (`files("{name}")`)'
        met: bool | None = known[worst] >= 1
    else:
        shown, met = "n/a", None
    rows.append(
        (
            "real site: cold `files(name)`, `pathlib` already imported",
            "no slower than the stdlib",
            shown,
            met,
        )
    )
    return rows


def cold(run: Run, size: str, op: str, impl: str, field: str = "cold") -> float | None:
    """One summary field of (size, op, impl); None where the op does not exist."""
    found = run["sizes"][size]["ops"].get(op, {}).get(impl)
    return None if found is None else found[field]


def growth_exponent(run: Run, op: str, impl: str) -> tuple[float | None, str]:
    """Exponent k in time ~ N**k between the two largest sizes measured."""
    sizes = sorted(run["sizes"], key=int)
    if len(sizes) < 2:
        return None, ""
    low, high = sizes[-2], sizes[-1]
    t_low, t_high = cold(run, low, op, impl), cold(run, high, op, impl)
    if not t_low or not t_high:
        return None, ""
    return math.log(t_high / t_low) / math.log(int(high) / int(low)), f"{low}→{high}"


def warm_ratios(run: Run, size: str) -> dict[str, float]:
    """pkgmeta's first call ÷ its median later call, per operation."""
    ratios = {}
    for op, by_impl in run["sizes"][size]["ops"].items():
        ratio = ratio_of(by_impl["pkgmeta"]["first_warm"], by_impl["pkgmeta"]["warm"])
        if ratio is not None:
            ratios[op] = ratio
    return ratios


def fresh_verdict(run: Run) -> tuple[str, bool]:
    """Summarize the required freshness checks of pkgmeta, naming any failure."""
    checks = [c for c in run["fresh"]["pkgmeta"] if c["required"]]
    failed = [c["check"] for c in checks if c["seen"] != c["expected"]]
    shown = f"{len(checks) - len(failed)}/{len(checks)} pass"
    return (shown + (": failed " + "; ".join(failed) if failed else ""), not failed)


def target_rows(run: Run) -> list[TargetRow]:
    """Evaluate each target of the performance issues on one interpreter's run.

    A run of the real site only has the real-site rows.
    """
    size = key_size(run)
    rows: list[TargetRow] = real_site_rows(run)
    if size is None:
        return rows
    for op, label in (
        ("ep_group", 'cold `entry_points(group="console_scripts")`'),
        ("version_hit", "cold `version()` hit"),
        ("version_miss", "cold `version()` miss"),
    ):
        ratio = ratio_of(cold(run, size, op, "stdlib"), cold(run, size, op, "pkgmeta"))
        with_import = ratio_of(
            cold(run, size, op, "stdlib", "import_call"),
            cold(run, size, op, "pkgmeta", "import_call"),
        )
        vs_imd = ratio_of(
            cold(run, size, op, "importlib_metadata"), cold(run, size, op, "pkgmeta")
        )
        shown = f"{fmt_speed(ratio)} (with import {fmt_speed(with_import)}; "
        shown += f"vs imd: {fmt_speed(vs_imd)})"
        floor = run["sizes"][size].get("floor")
        if op == "version_miss" and floor:
            best = ratio_of(cold(run, size, op, "stdlib"), floor["cold"])
            shown += f"; listing `sys.path` alone takes {fmt_ms(floor['cold'])} ms"
            shown += f", so at most {fmt_speed(best)}"
        rows.append((label, "≥ 3x faster", shown, ratio is not None and ratio >= 3))
    imports = run["import"]
    share = ratio_of(imports["pkgmeta"]["importtime"], imports["stdlib"]["importtime"])
    wall = ratio_of(imports["pkgmeta"]["wall_delta"], imports["stdlib"]["wall_delta"])
    rows.append(
        (
            "`import pkgmeta` vs `import importlib.metadata`",
            "≤ 0.5x the time",
            f"{share:.2f}x the time by importtime, {wall:.2f}x by wall"
            if share and wall
            else "n/a",
            share is not None and share <= 0.5,
        )
    )
    scan = ratio_of(
        cold(run, size, "scan", "stdlib"), cold(run, size, "scan", "pkgmeta")
    )
    rows.append(
        (
            "cold full metadata scan",
            "no slower (≥ 1x)",
            fmt_speed(scan),
            scan is not None and scan >= 1,
        )
    )
    memory = run["sizes"][size]["memory"]
    peak = ratio_of(memory["pkgmeta"]["peak_bytes"], memory["stdlib"]["peak_bytes"])
    rows.append(
        (
            "full scan peak memory (tracemalloc)",
            "no higher (≤ 1x)",
            f"{peak:.2f}x the stdlib's" if peak else "n/a",
            peak is not None and peak <= 1,
        )
    )
    warm = warm_ratios(run, size)
    kept = {op: ratio for op, ratio in warm.items() if op not in REREAD_OPS}
    if kept:
        worst = min(kept, key=kept.__getitem__)
        shown = f"worst {fmt_speed(kept[worst])} ({OP_LABELS[worst]}); "
        shown += f"best {fmt_speed(max(kept.values()))}"
        rows.append(
            ("warm call vs first call", "≥ 20x faster", shown, kept[worst] >= 20)
        )
    for op in REREAD_OPS:
        if op in warm:
            rows.append(
                (
                    f"warm {OP_LABELS[op]} vs first",
                    "≥ 20x faster",
                    f"{fmt_speed(warm[op])}; re-reads every METADATA by design",
                    warm[op] >= 20,
                )
            )
    exponents = {
        op: growth_exponent(run, op, "pkgmeta") for op in run["sizes"][size]["ops"]
    }
    known = {op: value for op, value in exponents.items() if value[0] is not None}
    if known:
        worst = max(known, key=lambda op: known[op][0] or 0.0)
        exponent, span = known[worst]
        shown = f"worst N^{exponent:.2f} ({OP_LABELS[worst]}, {span})"
        rows.append(
            (
                "time grows linearly with N",
                f"exponent ≤ {LINEAR_EXPONENT}",
                shown,
                (exponent or 0) <= LINEAR_EXPONENT,
            )
        )
    opens = run["sizes"][size]["opens"]
    hit, miss = opens["version_hit"]["pkgmeta"], opens["version_miss"]["pkgmeta"]
    rows.append(
        (
            "`version()` parses no other distribution",
            "hit reads 1 METADATA, miss 0",
            f"hit {hit['metadata_read']}, miss {miss['metadata_read']}",
            hit["metadata_read"] <= 1 and miss["metadata_read"] == 0,
        )
    )
    shown, met = fresh_verdict(run)
    rows.append(
        ("warm caches see new installs", "all required checks pass", shown, met)
    )
    return rows
