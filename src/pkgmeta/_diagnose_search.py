"""Re-enacting the search of one path entry: its kind, candidates and near misses.

The rules are ``_finder``'s: a metadata directory matches by the normalized
name before its first ``-``; the ``EGG-INFO`` of an ``.egg`` entry by the
egg's legacy name. What looks like the project's yet is never found that way
is a near miss, with the reason.
"""

from __future__ import annotations

import os
import stat

from ._diagnose_metadata import examine, metadata_text
from ._diagnose_report import Candidate, NearMiss, PathEntry
from ._names import legacy_normalize, normalize

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Iterable

    from ._diagnose_report import Diagnosis
    from ._protocols import SimplePath

__all__ = ["find_misnamed", "search_entry"]

# Lower-cased file name endings that look like a project's files but are
# never searched for metadata, with why (checked when the name part matches).
_NOT_SEARCHED = (
    (".egg-link", "a develop-mode link: the directory it names must be on the path"),
    (".egg", "an egg is searched only when it is itself on the path"),
    (".whl", "a wheel is searched only when it is itself on the path"),
    (".pth", "an editable-install hook whose metadata directory is missing"),
)


def search_entry(
    entry: object, result: Diagnosis, seen_names: dict[str, str]
) -> PathEntry:
    """Describe one path entry and collect its candidates and near misses.

    Args:
        entry: The ``sys.path`` item, of any type.
        result: The explanation being built (its query keys are read).
        seen_names: Every project name met so far, normalized to the first
            spelling seen; the names of this entry are added.

    Returns:
        The entry's report; nothing is raised for an unusable entry.
    """
    if isinstance(entry, os.PathLike):
        entry = os.fspath(entry)
    if not isinstance(entry, str):
        return PathEntry(repr(entry), "invalid", "not a string or path: ignored")
    try:
        status = os.stat(entry or ".")
    except (FileNotFoundError, NotADirectoryError):
        return PathEntry(entry, "missing")
    except OSError as exc:
        return PathEntry(entry, "unreadable", exc.strerror or str(exc))
    except ValueError:
        return PathEntry(entry, "invalid", "holds a NUL character: ignored")
    if stat.S_ISREG(status.st_mode):
        import zipfile

        from ._zip import list_top_level

        if not zipfile.is_zipfile(entry):
            return PathEntry(entry, "file", "not a zip archive: nothing is found in it")
        report = PathEntry(entry, "zip")
        children = list_top_level(entry)
    elif stat.S_ISDIR(status.st_mode):
        try:
            children = os.listdir(entry or ".")
        except OSError as exc:
            return PathEntry(entry, "unreadable", exc.strerror or str(exc))
        report = PathEntry(
            entry, "directory", "the current directory" if not entry else None
        )
    else:
        return PathEntry(entry, "special", "neither a directory nor a zip file")
    report.children = children
    _match_children(report, children, result, seen_names)
    for candidate in report.candidates:
        examine(candidate, _location(report, candidate))
    return report


def _match_children(
    report: PathEntry, children: Iterable[str], result: Diagnosis, seen: dict[str, str]
) -> None:
    """Sort the children of an entry into candidates and near misses."""
    base = os.path.basename(report.entry).lower()
    egg_name = (
        base.rpartition(".")[0].partition("-")[0] if base.endswith(".egg") else None
    )
    eggs: list[Candidate] = []
    for child in children:
        low = child.lower()
        path = _join(report, child)
        if low.endswith((".dist-info", ".egg-info")):
            # the finder's rule: the name is what precedes the first "-"
            stem = low.rpartition(".")[0].partition("-")[0]
            key = normalize(stem)
            seen.setdefault(key, child.rpartition(".")[0].partition("-")[0])
            if key == result.normalized:
                report.candidates.append(Candidate(report.entry, path, "name"))
            elif key.replace("_", "") == result.normalized.replace("_", ""):
                report.near_misses.append(
                    NearMiss(path, "differs from the name asked for in its separators")
                )
        elif egg_name is not None and low == "egg-info":
            if legacy_normalize(egg_name) == result.legacy:
                eggs.append(Candidate(report.entry, path, "legacy-egg-name"))
            elif normalize(egg_name) == result.normalized:
                report.near_misses.append(
                    NearMiss(
                        path,
                        f"an egg's EGG-INFO is found by its legacy name "
                        f"{legacy_normalize(egg_name)!r} (only case and '-'/'_' "
                        f"are folded); ask for that spelling",
                    )
                )
        else:
            reason = _not_searched(low, result.normalized)
            if reason is not None:
                report.near_misses.append(NearMiss(path, reason))
    # the finder lists eggs after the metadata directories
    report.candidates.extend(eggs)


def _not_searched(low: str, normalized: str) -> str | None:
    """Return why a project-looking file is not searched, if it is the query's."""
    for marker in (".dist-info", ".egg-info"):
        if marker in low:  # not at the end, or the first branch had it
            if normalize(low.partition(marker)[0].partition("-")[0]) == normalized:
                return "not named *.dist-info or *.egg-info, so never searched"
            return None
    for suffix, reason in _NOT_SEARCHED:
        if low.endswith(suffix):
            stem = low[: -len(suffix)]
            if suffix == ".pth":
                if not stem.startswith("__editable__."):
                    return None
                stem = stem[len("__editable__.") :]
            if normalize(stem.partition("-")[0]) == normalized:
                return reason
            return None
    return None


def _join(report: PathEntry, child: str) -> str:
    """Spell a child's path as the finder does (``str()`` of its distribution)."""
    if report.kind == "zip":
        import posixpath

        return posixpath.join(report.entry, child)
    return os.path.join(report.entry, child)


def _location(report: PathEntry, candidate: Candidate) -> SimplePath:
    if report.kind == "zip":
        from ._zip import ZipPath

        return ZipPath(report.entry, os.path.basename(candidate.path))
    import pathlib

    return pathlib.Path(candidate.path)


def find_misnamed(result: Diagnosis) -> None:
    """Note metadata whose ``Name`` is the query though its directory is not.

    Only worth the reading when nothing was found: each such directory
    becomes a near miss of its entry.

    Args:
        result: The explanation, its entries already searched.
    """
    from ._message import Message

    for report in result.entries:
        for child in report.children:
            low = child.lower()
            if not low.endswith((".dist-info", ".egg-info")):
                continue
            if normalize(low.rpartition(".")[0].partition("-")[0]) == result.normalized:
                continue  # a candidate already
            probe = Candidate(report.entry, _join(report, child), "name")
            text = metadata_text(probe, _location(report, probe))
            if text is None:
                continue
            name = Message.from_text(text).get("Name")
            if name is not None and normalize(name) == result.normalized:
                report.near_misses.append(
                    NearMiss(
                        probe.path,
                        f"its Name field is {name!r}, but lookups go by the "
                        "directory name",
                    )
                )
