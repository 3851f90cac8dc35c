"""Explaining a name lookup: each path entry searched, what matched, what won and why.

The search is re-enacted by the rules of ``_finder`` (a metadata directory
matches by the normalized name before its first ``-``; the ``EGG-INFO`` of an
``.egg`` entry by the egg's legacy name) while the winner is whatever
``distributions(name=...)`` really yields first with metadata, so the report
cannot contradict ``distribution()``.
"""

from __future__ import annotations

import os
import stat
import sys

from ._names import legacy_normalize, normalize
from ._verify import read_errors

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from ._distribution import Distribution
    from ._protocols import SimplePath

__all__ = [
    "Candidate",
    "Diagnosis",
    "FinderAnswer",
    "NearMiss",
    "PathEntry",
    "diagnose",
]

# What a misbehaving third-party finder commonly raises; the report shows it
# instead of dying. Anything else is a bug that deserves its traceback.
_FINDER_ERRORS = (
    AttributeError,
    ImportError,
    LookupError,
    OSError,
    RuntimeError,
    TypeError,
    ValueError,
)

# Lower-cased file name endings that look like a project's files but are
# never searched for metadata, with why (checked when the name part matches).
_NOT_SEARCHED = (
    (".egg-link", "a develop-mode link: the directory it names must be on the path"),
    (".egg", "an egg is searched only when it is itself on the path"),
    (".whl", "a wheel is searched only when it is itself on the path"),
    (".pth", "an editable-install hook whose metadata directory is missing"),
)


class Candidate:
    """A metadata directory (or egg-info file) whose name matches the query.

    Attributes:
        entry: The path entry it was found in.
        path: Its path, spelled as the finder spells it.
        match: ``name`` (its name normalizes to the query) or
            ``legacy-egg-name`` (``EGG-INFO`` of an ``.egg``).
        status: ``selected`` (what ``distribution()`` returns), ``shadowed``
            (valid, but an earlier one wins) or ``skipped`` (no readable
            metadata: the lookup passes over it).
        source: The metadata file read: ``METADATA``, ``PKG-INFO``, ``""``
            (an egg-info file), or ``None`` when none could be read.
        name: The ``Name`` field, if any.
        version: The ``Version`` field, if any.
        problems: What is wrong with it, in words.
    """

    __slots__ = (
        "entry",
        "match",
        "name",
        "path",
        "problems",
        "source",
        "status",
        "version",
    )

    def __init__(self, entry: str, path: str, match: str) -> None:
        self.entry = entry
        self.path = path
        self.match = match
        self.status = "skipped"
        self.source: str | None = None
        self.name: str | None = None
        self.version: str | None = None
        self.problems: list[str] = []

    @property
    def has_metadata(self) -> bool:
        """Whether a lookup would accept it (``_has_metadata``'s rule)."""
        return self.source is not None

    def as_json(self) -> dict[str, object]:
        """Return the ``diagnose --json`` form of the candidate."""
        return {
            "path": self.path,
            "match": self.match,
            "status": self.status,
            "metadata_file": self.source,
            "name": self.name,
            "version": self.version,
            "problems": list(self.problems),
        }


class NearMiss:
    """A file that looks like the project's but is not found by the query."""

    __slots__ = ("path", "reason")

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason

    def as_json(self) -> dict[str, str]:
        """Return the ``diagnose --json`` form: ``path`` and ``reason``."""
        return {"path": self.path, "reason": self.reason}


class PathEntry:
    """One search path entry and what it holds for the query.

    Attributes:
        entry: The entry as a string (``repr`` for a non-string object).
        kind: ``directory``, ``zip``, ``file`` (a file that is not a zip),
            ``special`` (a device or pipe), ``missing``, ``unreadable`` or
            ``invalid`` (not a string or path, or holding a NUL).
        detail: Why, for the kinds that find nothing; else ``None``.
    """

    __slots__ = ("candidates", "children", "detail", "entry", "kind", "near_misses")

    def __init__(self, entry: str, kind: str, detail: str | None = None) -> None:
        self.entry = entry
        self.kind = kind
        self.detail = detail
        self.candidates: list[Candidate] = []
        self.near_misses: list[NearMiss] = []
        # the names listed in the entry, as the finder saw them
        self.children: list[str] = []

    def as_json(self) -> dict[str, object]:
        """Return the ``diagnose --json`` form of the entry."""
        return {
            "entry": self.entry,
            "kind": self.kind,
            "detail": self.detail,
            "candidates": [candidate.as_json() for candidate in self.candidates],
            "near_misses": [miss.as_json() for miss in self.near_misses],
        }


class FinderAnswer:
    """What one finder on ``sys.meta_path`` reported for the query.

    Attributes:
        finder: The finder's class, as ``module.QualName``.
        role: ``path`` (searched by pkgmeta's ``MetadataPathFinder``: the
            entries of the report), ``path-duplicate`` (another path finder,
            not searched twice) or ``foreign`` (asked directly).
        found: The distributions it yielded (``path``, ``name``, ``version``).
        error: What asking it raised, if it raised.
    """

    __slots__ = ("error", "finder", "found", "role")

    def __init__(self, finder: str, role: str) -> None:
        self.finder = finder
        self.role = role
        self.found: list[dict[str, str | None]] = []
        self.error: str | None = None

    def as_json(self) -> dict[str, object]:
        """Return the ``diagnose --json`` form of the answer."""
        return {
            "finder": self.finder,
            "role": self.role,
            "found": list(self.found),
            "error": self.error,
        }


class Diagnosis:
    """The whole explanation of one lookup.

    Attributes:
        query: The name as asked.
        normalized: The key directory names are compared by.
        legacy: The key an ``.egg``'s ``EGG-INFO`` is compared by.
        entries: Every path entry, in search order.
        finders: Every finder on ``sys.meta_path`` that reports distributions.
        selected: What the lookup returns (``path``, ``name``, ``version``,
            ``provider``), or ``None``.
        usable: Whether ``version(query)`` would return a version.
        lookup_error: What the lookup itself raised, if anything.
        similar: Names on the path close to the query (typos).
    """

    __slots__ = (
        "entries",
        "finders",
        "legacy",
        "lookup_error",
        "normalized",
        "query",
        "selected",
        "similar",
        "usable",
    )

    def __init__(self, query: str) -> None:
        self.query = query
        self.normalized = normalize(query)
        self.legacy = legacy_normalize(query)
        self.entries: list[PathEntry] = []
        self.finders: list[FinderAnswer] = []
        self.selected: dict[str, str | None] | None = None
        self.usable = False
        self.lookup_error: str | None = None
        self.similar: list[str] = []

    @property
    def found(self) -> bool:
        """Whether ``distribution(query)`` returns a distribution."""
        return self.selected is not None

    def candidates(self) -> list[Candidate]:
        """Return every candidate of every entry, in search order."""
        return [candidate for entry in self.entries for candidate in entry.candidates]

    def as_json(self) -> dict[str, object]:
        """Return the ``diagnose --json`` document."""
        return {
            "query": self.query,
            "normalized": self.normalized,
            "legacy": self.legacy,
            "found": self.found,
            "usable": self.usable,
            "selected": self.selected,
            "lookup_error": self.lookup_error,
            "path": [entry.as_json() for entry in self.entries],
            "finders": [answer.as_json() for answer in self.finders],
            "similar": list(self.similar),
        }


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
        result.entries.append(_search_entry(entry, result, seen_names))
    result.finders = _ask_finders(result, entries if path is not None else None)
    _select(result, entries if path is not None else None)
    if not result.found:
        _find_misnamed(result)
    import difflib

    close = difflib.get_close_matches(
        result.normalized, [key for key in seen_names if key != result.normalized], n=5
    )
    result.similar = [seen_names[key] for key in close]
    return result


def _search_entry(
    entry: object, result: Diagnosis, seen_names: dict[str, str]
) -> PathEntry:
    """Describe one path entry and collect its candidates and near misses."""
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
        _examine(candidate, _location(report, candidate))
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


def _examine(candidate: Candidate, location: SimplePath) -> None:
    """Read a candidate's metadata as a lookup would, noting what goes wrong."""
    from ._message import Message

    text = _metadata_text(candidate, location)
    if text is None:
        if not candidate.problems:
            candidate.problems.append("no METADATA or PKG-INFO file")
        return
    meta = Message.from_text(text)
    candidate.name = meta.get("Name")
    candidate.version = meta.get("Version")
    if candidate.name is None:
        candidate.problems.append("no Name field")
    elif normalize(candidate.name) != normalize(_dir_name(candidate)):
        candidate.problems.append(
            f"its Name field {candidate.name!r} does not match the directory name"
        )
    if candidate.version is None:
        candidate.problems.append("no Version field")


def _dir_name(candidate: Candidate) -> str:
    base = os.path.basename(candidate.path.rstrip("/"))
    if candidate.match == "legacy-egg-name":
        base = os.path.basename(candidate.entry)
    return base.rpartition(".")[0].partition("-")[0]


def _metadata_text(candidate: Candidate, location: SimplePath) -> str | None:
    """Return the text ``Distribution._metadata_text`` would return, or ``None``.

    The order and the leniency are the lookup's: ``METADATA``, then
    ``PKG-INFO``, then the path itself (an egg-info file); a missing, empty
    or permission-denied file passes on to the next one, while undecodable
    or otherwise unreadable content stops the search (``read_text`` raises).
    """
    is_file = _is_file(location)
    for filename in (
        ("", "METADATA", "PKG-INFO") if is_file else ("METADATA", "PKG-INFO")
    ):
        label = filename or os.path.basename(candidate.path)
        target = location.joinpath(filename) if filename else location
        try:
            data = target.read_bytes()
        except (FileNotFoundError, NotADirectoryError, KeyError):
            continue
        except IsADirectoryError:
            candidate.problems.append(f"{label} is a directory")
            continue
        except PermissionError:
            candidate.problems.append(f"{label} cannot be read: permission denied")
            continue
        except read_errors() as exc:
            candidate.problems.append(f"{label} cannot be read: {exc}")
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            candidate.problems.append(f"{label} is not valid UTF-8 (byte {exc.start})")
            return None
        if text:
            candidate.source = filename
            return text
        candidate.problems.append(f"{label} is empty")
    return None


def _is_file(location: SimplePath) -> bool:
    is_file = getattr(location, "is_file", None)
    try:
        return bool(is_file()) if is_file is not None else False
    except OSError:
        return False


def _label(finder: object) -> str:
    cls = finder if isinstance(finder, type) else type(finder)
    return f"{cls.__module__}.{cls.__qualname__}"


def _describe(dist: object) -> dict[str, str | None]:
    """Return ``path``, ``name``, ``version`` of any finder's distribution."""
    path = getattr(dist, "_path", None)
    try:
        meta = dist.metadata  # type: ignore[attr-defined]
        name, version = meta.get("Name"), meta.get("Version")
    except (AttributeError, KeyError, OSError, ValueError):
        name = version = None
    return {
        "path": str(dist) if path is None else str(path),
        "name": None if name is None else str(name),
        "version": None if version is None else str(version),
        "provider": _label(dist),
    }


def _context(result: Diagnosis, path: list[object] | None) -> object:
    from ._distribution import DistributionFinder

    if path is None:
        return DistributionFinder.Context(name=result.query)
    return DistributionFinder.Context(name=result.query, path=path)


def _ask_finders(result: Diagnosis, path: list[object] | None) -> list[FinderAnswer]:
    """Ask every finder on ``sys.meta_path`` that reports distributions."""
    from ._finder import _is_path_metadata_finder

    answers = []
    path_seen = False
    for finder in list(sys.meta_path):
        if _is_path_metadata_finder(finder):
            answer = FinderAnswer(
                _label(finder), "path-duplicate" if path_seen else "path"
            )
            if not path_seen:
                answer.found = [
                    {
                        "path": c.path,
                        "name": c.name,
                        "version": c.version,
                        "provider": None,
                    }
                    for c in result.candidates()
                ]
            path_seen = True
            answers.append(answer)
            continue
        find = getattr(finder, "find_distributions", None)
        if find is None:
            continue  # an import-only finder
        answer = FinderAnswer(_label(finder), "foreign")
        try:
            answer.found = [_describe(dist) for dist in find(_context(result, path))]
        except _FINDER_ERRORS as exc:
            answer.error = f"{type(exc).__name__}: {exc}"
        answers.append(answer)
    return answers


def _select(result: Diagnosis, path: list[object] | None) -> None:
    """Run the real lookup and mark the candidate it returns."""
    from ._api import distributions
    from ._distribution import PathDistribution, _has_metadata

    search: dict[str, object] = {"name": result.query}
    if path is not None:
        search["path"] = path
    for candidate in result.candidates():
        candidate.status = "shadowed" if candidate.has_metadata else "skipped"
    chosen: Distribution | None = None
    try:
        fallback: Distribution | None = None
        for dist in distributions(**search):
            if _has_metadata(dist):
                chosen = dist
                break
            if fallback is None:
                fallback = dist
        chosen = chosen or fallback
    except _FINDER_ERRORS as exc:
        result.lookup_error = f"{type(exc).__name__}: {exc}"
        return
    if chosen is None:
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
    except (KeyError, OSError, ValueError):  # no Version, no metadata, bad UTF-8
        result.usable = False


def _find_misnamed(result: Diagnosis) -> None:
    """Note metadata whose ``Name`` is the query though its directory is not."""
    from ._message import Message

    for report in result.entries:
        for child in report.children:
            low = child.lower()
            if not low.endswith((".dist-info", ".egg-info")):
                continue
            if normalize(low.rpartition(".")[0].partition("-")[0]) == result.normalized:
                continue  # a candidate already
            probe = Candidate(report.entry, _join(report, child), "name")
            text = _metadata_text(probe, _location(report, probe))
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
