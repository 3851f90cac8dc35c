"""Three implementations behind one call shape, and results as plain data.

The differential tests ask the same question of ``pkgmeta``, of the running
interpreter's ``importlib.metadata`` ("stdlib") and of the ``importlib_metadata``
backport installed in the venv ("backport"), then compare the answers once
they are reduced to lists, dicts and tuples. Older stdlib forms (a dict of
entry point groups, an ``email.message.Message`` without the Description,
``files()`` keeping rows for missing files) are brought to the newest shape
here, so that a test only fails on a difference in substance.
"""

from __future__ import annotations

import collections
import contextlib
import importlib
import importlib.machinery
import importlib.metadata
import itertools
import os
import sys
import warnings
from typing import TYPE_CHECKING, Any, Callable, Iterator, NamedTuple

import pkgmeta
from helpers import import_backport
from newest_email import dedent

if TYPE_CHECKING:
    from types import ModuleType


# Imported with its patch of the import system undone; Api.active re-creates
# that setup only for the duration of a backport call.
backport = import_backport()

PY = sys.version_info[:2]

# Exceptions a call may legitimately end with; anything else is a test error.
# AssertionError: the 3.13 stdlib asserts on an invalid entry point value.
_OUTCOMES = (
    ImportError,
    LookupError,
    OSError,
    TypeError,
    ValueError,
    AttributeError,
    AssertionError,
)


class Api:
    """One implementation of the ``importlib.metadata`` API.

    Attributes:
        label: ``"pkgmeta"``, ``"stdlib"`` or ``"backport"`` (the test ids).
        module: The module whose functions are called.
    """

    def __init__(self, label: str, module: ModuleType) -> None:
        self.label = label
        self.module = module

    def __repr__(self) -> str:
        return f"<Api {self.label}>"

    def supports(self, feature: str) -> bool:
        """Whether this implementation has ``feature`` at all on this Python.

        Absent features are not compared: there is nothing to compare with.
        """
        if self.label != "stdlib":
            return True
        since = {
            "json": (3, 10),
            "name": (3, 10),
            "packages_distributions": (3, 10),
            "select": (3, 10),
            "origin": (3, 13),
        }
        return since.get(feature, (3, 8)) <= PY

    @contextlib.contextmanager
    def active(self) -> Iterator[None]:
        """Make this implementation the one ``sys.meta_path`` answers for.

        Only the backport needs it: its functions find distributions through
        its own finder, which it expects on ``sys.meta_path`` in place of the
        stdlib's.
        """
        if self.label != "backport":
            yield
            return
        path_finder = importlib.machinery.PathFinder
        saved = vars(path_finder)["find_distributions"]
        finder = backport.MetadataPathFinder()
        sys.meta_path.append(finder)
        del path_finder.find_distributions  # type: ignore[attr-defined]
        try:
            yield
        finally:
            sys.meta_path.remove(finder)
            path_finder.find_distributions = saved  # type: ignore[attr-defined]

    def outcome(self, call: Callable[[], Any]) -> tuple[Any, ...]:
        """Return what ``call()`` did, as plain data, warnings included.

        ``("returns", value, warnings)`` or ``("raises", type name, detail,
        warnings)``; ``detail`` is the name and message of a not-found error.
        """
        with warnings.catch_warnings(record=True) as caught, self.active():
            warnings.simplefilter("always")
            try:
                result: tuple[Any, ...] = ("returns", call())
            except _OUTCOMES as exc:
                # A missing distribution: its name, and the message
                not_found = isinstance(exc, ImportError)
                detail = (exc.name, str(exc)) if not_found else None
                result = ("raises", type(exc).__name__, detail)
        # A ResourceWarning is the garbage collector closing some earlier
        # call's zip file, whoever made it: timing noise, not an answer.
        categories = sorted(
            {w.category.__name__ for w in caught if w.category is not ResourceWarning}
        )
        return (*result, categories)

    def discover(self, path: list[str], how: str = "distributions") -> list[Any]:
        """Return the distributions found on ``path``, in the order found.

        Args:
            path: The search path.
            how: ``"distributions"`` (``distributions(path=...)``),
                ``"discover"`` (``Distribution.discover(path=...)``) or
                ``"context"`` (``Distribution.discover(context=...)``).
        """
        module = self.module
        with self.active():
            if how == "distributions":
                return list(module.distributions(path=path))
            if how == "discover":
                return list(module.Distribution.discover(path=path))
            context = module.DistributionFinder.Context(path=path)
            return list(module.Distribution.discover(context=context))

    def entry_points(self, **params: str) -> list[Any]:
        """Return ``entry_points(**params)`` as a flat list on every Python.

        3.8/3.9 take no parameters and return a dict of groups; 3.10/3.11
        return a ``SelectableGroups`` dict whose dict methods warn, which
        ``dict.values`` reads silently.
        """
        with self.active():
            if self.supports("select"):
                found = self.module.entry_points(**params)
            else:
                found = self.module.entry_points()
        if not isinstance(found, dict):
            return list(found)
        flat = itertools.chain.from_iterable(dict.values(found))
        return [
            ep for ep in flat if all(getattr(ep, k) == v for k, v in params.items())
        ]


PKGMETA = Api("pkgmeta", pkgmeta)
STDLIB = Api("stdlib", importlib.metadata)
BACKPORT = Api("backport", backport)
REFERENCES = (STDLIB, BACKPORT)
"""What pkgmeta is compared with, in test id order."""


# --- plain data ----------------------------------------------------------------


def plain_metadata(md: Any) -> list[tuple[str, Any]]:
    """Return the ``(key, value)`` pairs of a metadata object, in file order.

    Goes through the ``PackageMetadata`` protocol only (iteration and
    ``get_all``), since pkgmeta promises no more. The 3.8/3.9 stdlib returns
    a bare ``email.message.Message``: its values are brought to the 3.10+
    form (RFC 822 indentation removed, the body as ``Description``).
    """
    used: dict[str, int] = collections.Counter()
    pairs = []
    for key in md:
        values = md.get_all(key)
        pairs.append((key, values[used[key.lower()]]))
        used[key.lower()] += 1
    if hasattr(md, "json"):
        return pairs
    body = md.get_payload()
    pairs = [(key, _redent(value)) for key, value in pairs]
    return [*pairs, ("Description", body)] if body else pairs


def _redent(value: Any) -> Any:
    """Undo the 8-space folding of a header value, as 3.10+ does (3.14's dedent)."""
    indent = " " * 8
    if not isinstance(value, str) or "\n" + indent not in value:
        return value
    return dedent(indent + value)


def plain_mapping(md: Any) -> dict[str, Any]:
    """Return the mapping behaviour of a metadata object on a known key."""
    return {
        "Name in": "Name" in md,
        "name in": "name" in md,
        "missing in": "No-Such-Key" in md,
        "md[name]": md["name"],
        "get missing": md.get("No-Such-Key"),
        "get missing, default": md.get("No-Such-Key", "default"),
        "get_all missing": md.get_all("No-Such-Key"),
        "get_all classifier": md.get_all("CLASSIFIER"),
    }


def plain_files(files: list[Any] | None, drop_missing: bool) -> list[Any] | None:
    """Return ``(path, hash mode, hash value, size)`` rows, or None.

    Args:
        files: What ``files()`` returned.
        drop_missing: Drop rows whose file does not exist, as the stdlib
            does itself from 3.12 on.
    """
    if files is None:
        return None
    if drop_missing:
        files = [path for path in files if path.locate().exists()]
    return [
        (
            str(path),
            path.hash and path.hash.mode,
            path.hash and path.hash.value,
            path.size,
        )
        for path in files
    ]


def plain_located(files: list[Any] | None, drop_missing: bool) -> list[Any] | None:
    """Return ``str(locate())`` and the first bytes of each existing file."""
    if files is None:
        return None
    located = [path.locate() for path in files]
    if drop_missing:
        located = [path for path in located if path.exists()]
    return [(str(path), path.read_bytes()[:20]) for path in located]


def plain_entry_point(ep: Any) -> tuple[Any, ...]:
    """Return an entry point's fields and parsed parts (or why they fail)."""
    try:
        if hasattr(type(ep), "module"):
            parts: tuple[Any, ...] = (ep.module, ep.attr, list(ep.extras))
        else:  # 3.8: only ``extras`` is parsed, into match objects
            match = ep.pattern.match(ep.value)
            parts = (
                match.group("module"),
                match.group("attr"),
                [m.group() for m in ep.extras],
            )
    except (ValueError, AttributeError, AssertionError) as exc:
        parts = (type(exc).__name__,)
    return (ep.name, ep.value, ep.group, *parts)


def plain_entry_points(eps: Any) -> list[tuple[Any, ...]]:
    """Return entry points in order, each as :func:`plain_entry_point`."""
    return [plain_entry_point(ep) for ep in eps]


def plain_origin(value: Any) -> Any:
    """Return ``origin`` with every namespace turned into a dict."""
    if hasattr(value, "__dict__"):
        return {key: plain_origin(item) for key, item in vars(value).items()}
    if isinstance(value, list):
        return [plain_origin(item) for item in value]
    return value


def dist_name(api: Api, dist: Any) -> Any:
    """Return ``dist.name``, or its ``Name`` header where there is no ``name``."""
    return dist.name if api.supports("name") else dist.metadata["Name"]


def drops_missing_files(api: Api) -> bool:
    """Whether rows for missing files must be dropped to get 3.12+ ``files()``."""
    return api.label == "stdlib" and PY < (3, 12)


# What one distribution offers, each reduced to plain data. The functions get
# the Api (for version-dependent normalisation) and the distribution object.
DIST_FACETS: dict[str, Callable[[Api, Any], Any]] = {
    "name": dist_name,
    "version": lambda api, d: d.version,
    "metadata": lambda api, d: plain_metadata(d.metadata),
    "mapping": lambda api, d: plain_mapping(d.metadata),
    "json": lambda api, d: d.metadata.json,
    "requires": lambda api, d: d.requires,
    "files": lambda api, d: plain_files(d.files, drops_missing_files(api)),
    "located": lambda api, d: plain_located(d.files, drops_missing_files(api)),
    "entry-points": lambda api, d: plain_entry_points(d.entry_points),
    "origin": lambda api, d: plain_origin(d.origin),
    "read-text": lambda api, d: [
        d.read_text(n) for n in ("top_level.txt", "INSTALLER", "nope")
    ],
}

FACET_FEATURES = {"name": "name", "json": "json", "origin": "origin"}
"""Facets that only exist from some stdlib version on (see Api.supports)."""


def functional_outcome(api: Api, facet: str, name: str) -> tuple[Any, ...]:
    """Return the outcome of asking ``facet`` of the distribution called ``name``.

    The facets the functional API offers directly (``version(name)``, ...)
    go through those functions; the others through ``distribution(name)``.
    """
    module = api.module
    direct: dict[str, Callable[[], Any]] = {
        "version": lambda: module.version(name),
        "metadata": lambda: plain_metadata(module.metadata(name)),
        "requires": lambda: module.requires(name),
        "files": lambda: plain_files(module.files(name), drops_missing_files(api)),
    }
    fallback = lambda: DIST_FACETS[facet](api, module.distribution(name))  # noqa: E731
    return api.outcome(direct.get(facet, fallback))


def snapshot(api: Api, dist: Any) -> dict[str, tuple[Any, ...]]:
    """Return every facet ``api`` supports of ``dist``, keyed by facet."""
    return {
        facet: api.outcome(lambda facet=facet: DIST_FACETS[facet](api, dist))
        for facet in DIST_FACETS
        if api.supports(FACET_FEATURES.get(facet, facet))
    }


def metadata_location(dist: Any) -> str:
    """Return where a path distribution's metadata lives (pairs up results).

    ``_path`` is the metadata directory of the stdlib's, the backport's and
    pkgmeta's path distributions alike (team brief: the duck type).
    """
    return os.path.normpath(str(dist._path))


# --- environments --------------------------------------------------------------


def holds_no_metadata(entry: str) -> bool:
    """Whether a ``sys.path`` entry contributes no distribution at all."""
    try:
        children = os.listdir(entry or ".")
    except OSError:
        return not os.path.isfile(entry)
    return not any(
        child.lower().endswith((".dist-info", ".egg-info", ".egg"))
        for child in children
    )


def invalidate_caches() -> None:
    """Drop every cached ``sys.path`` listing of all three implementations."""
    importlib.invalidate_caches()
    pkgmeta.MetadataPathFinder.invalidate_caches()
    backport.MetadataPathFinder.invalidate_caches()


class Built(NamedTuple):
    """A scenario written to disk."""

    root: str
    path: list[str]

    def relative(self, location: str) -> str:
        """Return ``location`` relative to the scenario's root, for test output."""
        return os.path.relpath(location, self.root)

    def entry_of(self, relative: str) -> int:
        """Return the index of the search path entry holding ``relative``."""
        location = os.path.join(self.root, relative)
        for index, entry in enumerate(self.path):
            if location.startswith(entry + os.sep):
                return index
        raise LookupError(relative)
