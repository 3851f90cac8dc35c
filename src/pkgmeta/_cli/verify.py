"""The ``verify`` command: installed files against ``RECORD``, as a table or JSON."""

from __future__ import annotations

from .._errors import PackageNotFoundError, damaged
from .._inspect.fields import name_and_version
from .._inspect.verify import verify
from .output import (
    EXIT_FAILED,
    EXIT_OK,
    location,
    write,
    write_json,
    write_table,
)
from .targets import Skips, find_distribution, installed
from .targets import not_found as report_not_found

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Sequence

    from .._distribution import Distribution
    from .._inspect.verify import Verification

__all__ = ["run_verify"]


def run_verify(
    names: Sequence[str], paths: Sequence[str] | None, as_json: bool, strict: bool
) -> int:
    """``verify [NAME ...]``: check installed files against ``RECORD``.

    Args:
        names: The distributions to check; every installed one when empty.
        paths: Directories and zips to search instead of ``sys.path``.
        as_json: Print the JSON report instead of the table.
        strict: Count a distribution without ``RECORD`` as a failure.

    Returns:
        0 when everything checked is intact; 1 when a file is missing,
        modified, unreadable or not a file, a row is malformed, a named
        distribution is not found or unreadable, or (with *strict*) one is
        unverifiable.
    """
    targets: list[Distribution] = []
    not_found: list[dict[str, str]] = []
    for name in names:
        try:
            targets.append(find_distribution(name, paths))
        except PackageNotFoundError as exc:
            not_found.append(report_not_found(name, exc))
    if names and not targets:  # nothing to check: the error is the answer
        if as_json:
            write_json(not_found[0] if len(not_found) == 1 else not_found)
        return EXIT_FAILED
    if not names:
        targets.extend(installed(paths))
    results: list[tuple[str, str, Distribution, Verification]] = []
    skips = Skips()
    for dist in targets:
        try:
            name, version = name_and_version(dist)
        except damaged(KeyError) as exc:
            skips.add(dist, exc)
            continue
        results.append((name, version, dist, verify(dist)))
    skips.report()
    results.sort(key=lambda result: (result[0].lower(), result[1]))

    failed = [outcome for *_, outcome in results if outcome.status == "failed"]
    unverifiable = [o for *_, o in results if o.status == "unverifiable"]
    ok = not (
        failed or not_found or (names and skips.rows) or (strict and unverifiable)
    )
    summary = {
        "distributions": len(results),
        "file_count": sum(outcome.checked for *_, outcome in results),
        "problems": sum(len(outcome.problems) for outcome in failed),
        "failed": len(failed),
        "unverifiable": len(unverifiable),
    }
    if as_json:
        write_json(
            {
                "ok": ok,
                "distributions": [
                    {
                        "name": name,
                        "version": version,
                        "location": location(dist),
                        "status": outcome.status,
                        "checked": outcome.checked,
                        "problems": [problem.as_json() for problem in outcome.problems],
                    }
                    for name, version, dist, outcome in results
                ],
                "not_found": not_found,
                "skipped": skips.rows,
                "summary": summary,
            }
        )
    else:
        _write_report(results, summary, len(not_found))
    return EXIT_OK if ok else EXIT_FAILED


def _write_report(
    results: list[tuple[str, str, Distribution, Verification]],
    summary: dict[str, int],
    not_found: int,
) -> None:
    rows = []
    for name, version, _, outcome in results:
        if outcome.status == "unverifiable":
            rows.append((name, version, "unverifiable", "", "no RECORD file"))
        rows.extend(
            (name, version, problem.kind, problem.path, problem.detail)
            for problem in outcome.problems
        )
    if rows:
        write_table(("Name", "Version", "Problem", "Path", "Detail"), rows)
        write()
    count = summary["distributions"]
    checked = (
        f"Verified {count} distribution{'s' if count != 1 else ''}"
        f" ({summary['file_count']:,} files)"
    )
    problems, failed = summary["problems"], summary["failed"]
    verdict = (
        f"{problems} problem{'s' if problems != 1 else ''} in {failed}"
        f" distribution{'s' if failed != 1 else ''}"
        if problems
        else "no problems"
    )
    unverifiable = summary["unverifiable"]
    extra = f", {unverifiable} unverifiable (no RECORD)" if unverifiable else ""
    if not_found:
        extra += f", {not_found} not found"
    write(f"{checked}: {verdict}{extra}.")
