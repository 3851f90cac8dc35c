"""Explaining a name lookup: each path entry searched, what matched, what won and why.

The search is re-enacted entry by entry (``search``) with the finder's own
name rules, while the winner is whatever ``distributions(name=...)`` yields,
chosen by ``first_with_metadata`` as ``distribution()`` chooses it, so the
report cannot contradict the lookup. This module asks the finders on
``sys.meta_path``, sorted by the search's own ``classify_finders``, and runs
that lookup.
"""

from __future__ import annotations

import difflib
import os
import sys

from .._api import distributions
from .._distribution import (
    DistributionFinder,
    PathDistribution,
    first_with_metadata,
)
from .._errors import FINDER_ERRORS, PackageNotFoundError, damaged
from .._finder import FOREIGN, PATH, classify_finders
from .report import Diagnosis, FinderAnswer
from .search import find_misnamed, search_entry

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Sequence

    from .._distribution import Distribution

__all__ = ["diagnose"]


def diagnose(name: str, path: Sequence[object] | None = None) -> Diagnosis:
    """Explain how *name* is looked up, as ``distribution(name)`` does it.

    Args:
        name: The distribution name, in any spelling (not empty).
        path: The entries to search instead of ``sys.path``.

    Returns:
        The explanation; nothing is raised for broken entries or metadata.
    """
    result = Diagnosis(name)
    entries = list(sys.path if path is None else path)
    seen_names: dict[str, str] = {}  # normalized -> first spelling seen
    for entry in entries:
        result.entries.append(search_entry(entry, result, seen_names))
    result.finders = _ask_finders(result, entries if path is not None else None)
    _select(result, entries if path is not None else None)
    if not result.found:
        find_misnamed(result)
    close = difflib.get_close_matches(
        result.normalized, [key for key in seen_names if key != result.normalized], n=5
    )
    result.similar = [seen_names[key] for key in close]
    return result


def _label(finder: object) -> str:
    cls = finder if isinstance(finder, type) else type(finder)
    return f"{cls.__module__}.{cls.__qualname__}"


def _describe(dist: object) -> dict[str, str | None]:
    """Return ``path``, ``name``, ``version`` of any finder's distribution."""
    path = getattr(dist, "_path", None)
    try:
        meta = dist.metadata  # type: ignore[attr-defined]
        name, version = meta.get("Name"), meta.get("Version")
    except damaged(AttributeError, KeyError):  # cannot be described
        name = version = None
    return {
        "path": str(dist) if path is None else str(path),
        "name": None if name is None else str(name),
        "version": None if version is None else str(version),
        "provider": _label(dist),
    }


def _context(result: Diagnosis, path: list[object] | None) -> object:
    if path is None:
        return DistributionFinder.Context(name=result.query)
    return DistributionFinder.Context(name=result.query, path=path)


def _ask_finders(result: Diagnosis, path: list[object] | None) -> list[FinderAnswer]:
    """Ask every finder on ``sys.meta_path`` that reports distributions."""
    answers = []
    for finder, role in classify_finders(list(sys.meta_path)):
        answer = FinderAnswer(_label(finder), role)
        answers.append(answer)
        if role == PATH:
            answer.found = [
                {"path": c.path, "name": c.name, "version": c.version, "provider": None}
                for c in result.candidates()
            ]
        elif role == FOREIGN:
            find = finder.find_distributions  # type: ignore[attr-defined]
            try:
                answer.found = [
                    _describe(dist) for dist in find(_context(result, path))
                ]
            except FINDER_ERRORS as exc:
                answer.error = f"{type(exc).__name__}: {exc}"
    return answers


def _select(result: Diagnosis, path: list[object] | None) -> None:
    """Run the real lookup and mark the candidate it returns."""
    search: dict[str, object] = {"name": result.query}
    if path is not None:
        search["path"] = path
    for candidate in result.candidates():
        candidate.status = "shadowed" if candidate.has_metadata else "skipped"
    chosen: Distribution
    try:
        chosen = first_with_metadata(distributions(**search), result.query)
    except PackageNotFoundError:
        return
    except FINDER_ERRORS as exc:
        result.lookup_error = f"{type(exc).__name__}: {exc}"
        return
    result.selected = _describe(chosen)
    if isinstance(chosen, PathDistribution):
        key = os.path.normpath(str(chosen))
        for candidate in result.candidates():
            if os.path.normpath(candidate.path) == key:
                candidate.status = "selected"
                result.selected["provider"] = None  # found on the path
                break
    try:
        result.usable = isinstance(chosen.version, str)
    except damaged(KeyError):  # no Version, no metadata, bad UTF-8
        result.usable = False
