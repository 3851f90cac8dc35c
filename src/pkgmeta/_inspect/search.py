"""Re-enacting the search of one path entry: its kind, candidates and near misses.

The rules are the finder's own functions (``pkgmeta._names``): a metadata
directory matches by ``metadata_dir_key``, the ``EGG-INFO`` of an ``.egg``
entry by ``egg_key``. What looks like the project's yet is never found that
way is a near miss, with the reason.
"""

from __future__ import annotations

import os
import pathlib
import posixpath
import stat
import zipfile

from .._archive import list_top_level
from .._metadata import Message
from .._names import (
    egg_key,
    metadata_dir_key,
    metadata_dir_project,
    normalize,
    project_part,
)
from .._zip import ZipPath
from .metadata import examine, metadata_text
from .report import Candidate, NearMiss, PathEntry

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Iterable

    from .._protocols import SimplePath
    from .report import Diagnosis

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
    egg = egg_key(os.path.basename(report.entry))
    eggs: list[Candidate] = []
    for child in children:
        low = child.lower()
        path = _join(report, child)
        key = metadata_dir_key(child)
        if key is not None:
            seen.setdefault(key, metadata_dir_project(child) or "")
            if key == result.normalized:
                report.candidates.append(Candidate(report.entry, path, "name"))
            elif key.replace("_", "") == result.normalized.replace("_", ""):
                report.near_misses.append(
                    NearMiss(path, "differs from the name asked for in its separators")
                )
        elif egg is not None and low == "egg-info":
            if egg == result.legacy:
                eggs.append(Candidate(report.entry, path, "legacy-egg-name"))
            elif normalize(egg) == result.normalized:
                report.near_misses.append(
                    NearMiss(
                        path,
                        f"an egg's EGG-INFO is found by its legacy name "
                        f"{egg!r} (only case and '-'/'_' are folded); ask for "
                        "that spelling",
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
            if normalize(project_part(low.partition(marker)[0])) == normalized:
                return "not named *.dist-info or *.egg-info, so never searched"
            return None
    for suffix, reason in _NOT_SEARCHED:
        if low.endswith(suffix):
            stem = low[: -len(suffix)]
            if suffix == ".pth":
                if not stem.startswith("__editable__."):
                    return None
                stem = stem[len("__editable__.") :]
            if normalize(project_part(stem)) == normalized:
                return reason
            return None
    return None


def _join(report: PathEntry, child: str) -> str:
    """Spell a child's path as the finder does (``str()`` of its distribution)."""
    if report.kind == "zip":
        return posixpath.join(report.entry, child)
    return os.path.join(report.entry, child)


def _location(report: PathEntry, candidate: Candidate) -> SimplePath:
    if report.kind == "zip":
        return ZipPath(report.entry, os.path.basename(candidate.path))
    return pathlib.Path(candidate.path)


def find_misnamed(result: Diagnosis) -> None:
    """Note metadata whose ``Name`` is the query though its directory is not.

    Only worth the reading when nothing was found: each such directory
    becomes a near miss of its entry.

    Args:
        result: The explanation, its entries already searched.
    """
    for report in result.entries:
        for child in report.children:
            key = metadata_dir_key(child)
            if key is None or key == result.normalized:
                continue  # not a metadata directory, or a candidate already
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
