"""The parts of a lookup's explanation: entries, candidates, near misses, finders.

Plain records that ``diagnose`` and ``search`` fill in and ``diagnose --json``
prints through their ``as_json`` methods.
"""

from __future__ import annotations

from .._names import legacy_normalize, normalize

__all__ = [
    "Candidate",
    "Diagnosis",
    "FinderAnswer",
    "NearMiss",
    "PathEntry",
]


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
        """Whether a lookup would accept it (``has_metadata``'s rule)."""
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
