"""The ``diagnose`` command: the explanation of a lookup, as text or JSON."""

from __future__ import annotations

from .._inspect.diagnose import diagnose
from .output import EXIT_FAILED, EXIT_OK, write, write_json

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Sequence

    from .._inspect.report import Diagnosis, PathEntry

__all__ = ["run_diagnose"]


def run_diagnose(name: str, paths: Sequence[str] | None, as_json: bool) -> int:
    """``diagnose NAME``: explain why *name* is or is not found.

    Returns:
        0 when ``version(NAME)`` would return a version; 1 when nothing is
        found, or what is found has no usable metadata.
    """
    result = diagnose(name, None if paths is None else list(paths))
    if as_json:
        write_json(result.as_json())
    else:
        _write_explanation(result, "--path" if paths is not None else "sys.path")
    return EXIT_OK if result.usable else EXIT_FAILED


def _write_explanation(result: Diagnosis, path_label: str) -> None:
    keys = f"normalized {result.normalized!r}"
    if result.legacy != result.normalized:
        keys += f", egg name {result.legacy!r}"
    write(f"Looking up {result.query!r} ({keys})")
    write()
    write(f"Search path ({path_label}), in order:")
    if not result.entries:
        write("  (empty)")
    width = len(str(len(result.entries)))
    for number, entry in enumerate(result.entries, 1):
        _write_entry(f"{number:>{width}}", entry)
    write()
    write("Finders on sys.meta_path that report distributions:")
    for answer in result.finders:
        if answer.role == "path":
            what = "searched by pkgmeta's MetadataPathFinder (the entries above)"
        elif answer.role == "path-duplicate":
            what = "another path finder: the entries are not searched twice"
        elif answer.error is not None:
            what = f"failed: {answer.error}"
        elif answer.found:
            what = "found " + ", ".join(_found(found) for found in answer.found)
        else:
            what = "found nothing"
        write(f"  {answer.finder}: {what}")
    write()
    for line in _verdict(result):
        write(line)


def _write_entry(number: str, entry: PathEntry) -> None:
    detail = f"  ({entry.detail})" if entry.detail else ""
    write(f"  {number}  {entry.kind:<10} {entry.entry}{detail}")
    indent = " " * (len(number) + 4)
    for candidate in entry.candidates:
        about = []
        if candidate.name is not None or candidate.version is not None:
            about.append(f"{candidate.name or '?'} {candidate.version or '?'}")
        about.extend(candidate.problems)
        child = _child(entry, candidate.path)
        write(f"{indent}{candidate.status:<10} {child}: {'; '.join(about)}")
    for miss in entry.near_misses:
        write(f"{indent}{'near miss':<10} {_child(entry, miss.path)}: {miss.reason}")


def _child(entry: PathEntry, path: str) -> str:
    """Return *path* relative to its entry, which the line above shows."""
    prefix = entry.entry.rstrip("/\\")
    if prefix and path.startswith(prefix) and len(path) > len(prefix):
        return path[len(prefix) + 1 :]
    return path


def _found(found: dict[str, str | None]) -> str:
    return f"{found['name'] or '?'} {found['version'] or '?'} at {found['path']}"


def _verdict(result: Diagnosis) -> list[str]:
    """Return the closing lines: what a lookup does, and what to try."""
    query = result.query
    lines = []
    if result.lookup_error is not None:
        lines.append(f"Result: the lookup itself fails: {result.lookup_error}")
    elif result.selected is None:
        lines.append(
            "Result: not found: no metadata directory on the search path is"
            f" named for {query!r}."
        )
        lines.append(f"distribution({query!r}) raises PackageNotFoundError.")
    else:
        selected = result.selected
        what = " ".join(
            value for value in (selected["name"], selected["version"]) if value
        )
        lines.append(
            f"Result: found {what + ' at ' if what else ''}{selected['path']}"
            + (f" (from {selected['provider']})" if selected["provider"] else "")
        )
        if not result.usable:
            lines.append(
                f"But its metadata is unusable: version({query!r}) raises "
                "(see the problems of the selected candidate above)."
            )
    if result.similar and not result.usable:
        lines.append("Similar names on the search path: " + ", ".join(result.similar))
    return lines
