"""``MetadataPathFinder``: finding metadata directories on ``sys.path`` entries.

Each path entry (a directory, or a zip archive such as a wheel or an egg) is
listed once and indexed by normalized project name from the *file names
alone*; the index is kept until the entry's modification time changes, the
same freshness rule the stdlib applies (3.10+), so a new install is seen
without any explicit invalidation. The stamp also holds the device and inode
of what the entry names, so ``''`` after ``os.chdir()``, or a directory
swapped for another with the same mtime, is listed afresh.
"""

from __future__ import annotations

import os
import stat
import sys

from ._compat import import_cache_epoch, preload
from ._distribution import DistributionFinder, PathDistribution
from ._names import egg_key, legacy_normalize, metadata_dir_key, normalize

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from ._distribution import Distribution

# Imported where first needed: _zip (and zipfile behind it), once a zip
# archive is on the path or was read.

__all__ = [
    "FOREIGN",
    "PATH",
    "PATH_DUPLICATE",
    "MetadataPathFinder",
    "classify_finders",
    "distribution_resolvers",
    "distributions_in",
    "search_state",
]


class _PathIndex:
    """The metadata directories found in one path entry, by project name.

    A lookup of one name searches the whole listing at once, as one string,
    and checks only the children it hits; its answer is kept, so asking again
    costs a dict lookup. The per-child index a full scan needs is built on
    the first full scan, or once so many names were asked for that it is
    cheaper than searching the string again.
    """

    __slots__ = (
        "_haystack", "_infos", "_named", "children", "eggs", "is_zip", "root", "stamp",
    )  # fmt: skip

    def __init__(self, root: str, stamp: object, is_zip: bool) -> None:
        self.root = root
        self.stamp = stamp
        self.is_zip = is_zip
        self.children = self._list_children()
        # normalized name -> child names, in listing order; built on demand
        self._infos: dict[str, list[str]] | None = None
        # the listing as one lower-cased, separator-folded string; on demand
        self._haystack: str | None = None
        # normalized name -> what named() found for it, until _infos exists
        self._named: dict[str, list[str]] = {}
        # legacy-normalized name -> ["EGG-INFO"], for a *.egg path entry
        self.eggs: dict[str, list[str]] = {}
        name = egg_key(os.path.basename(root))
        if name is not None:
            for child in self.children:
                if child.lower() == "egg-info":
                    self.eggs.setdefault(name, []).append(child)

    def _list_children(self) -> list[str]:
        if self.is_zip:
            preload("zipfile")  # what _archive reads with; bytes entries, 3.8-3.10
            from ._archive import list_top_level

            return list_top_level(self.root)
        try:
            return os.listdir(self.root or ".")
        except OSError:  # unreadable, or gone since it was stat'ed
            return []

    @property
    def infos(self) -> dict[str, list[str]]:
        """Every metadata directory, by normalized project name."""
        infos = self._infos
        if infos is None:  # racing threads build equal dicts; either one wins
            infos = {}
            for child in self.children:
                name = metadata_dir_key(child)
                if name is not None:
                    infos.setdefault(name, []).append(child)
            self._infos = infos
        return infos

    def named(self, normalized: str) -> list[str]:
        """Return the metadata directories of one project, in listing order.

        The listing is joined into one string, lower-cased and with ``.``
        and runs of ``_`` folded to one ``_``, the way ``normalize`` folds a
        name; a child can then only match where the string holds
        ``\n<name>-`` (name and version) or ``\n<name>_dist-info\n``
        (no version). Those few children are checked by the exact rule.
        """
        # A name with an outer "_" could fold into the separator beside it.
        if self._infos is not None or normalized.strip("_") != normalized:
            return self.infos.get(normalized, [])
        found = self._named.get(normalized)
        if found is None:
            if len(self._named) >= _NAMES_BEFORE_FULL_INDEX:
                return self.infos.get(normalized, [])
            # Racing threads find equal lists; either one is kept.
            found = self._named[normalized] = self._search_listing(normalized)
        return found

    def _search_listing(self, normalized: str) -> list[str]:
        """Return the children named *normalized*, found in the joined listing.

        The three spellings share the prefix ``\n<name>``, so one ``find``
        loop over it serves them all: a miss, the common case on all but one
        path entry, is a single pass over the listing.
        """
        haystack = self._haystack
        if haystack is None:
            haystack = "\n" + "\n".join(self.children).lower().replace(".", "_")
            while "__" in haystack:
                haystack = haystack.replace("__", "_")
            haystack += "\n"
            self._haystack = haystack
        prefix = "\n" + normalized
        after = len(prefix)
        starts = []
        at = haystack.find(prefix)
        while at >= 0:
            rest = at + after
            if (
                haystack.startswith("-", rest)
                or haystack.startswith("_dist-info\n", rest)
                or haystack.startswith("_egg-info\n", rest)
            ):
                starts.append(at)
            at = haystack.find(prefix, at + 1)
        if not starts:
            return []
        children = self.children
        if haystack.count("\n") != len(children) + 1:
            # A file name holding a newline: lines no longer map to
            # children, so fall back on the full index.
            return self.infos.get(normalized, [])
        found = (children[haystack.count("\n", 0, at)] for at in starts)
        return [child for child in found if metadata_dir_key(child) == normalized]

    def search(self, keys: tuple[str, str] | None) -> Iterator[PathDistribution]:
        """Yield a distribution for each matching metadata directory.

        Args:
            keys: The normalized and legacy-normalized name searched for, or
                ``None`` for every distribution.
        """
        if keys:
            normalized, legacy = keys
            named = [(normalized, self.named(normalized))]
            eggs = self.eggs.get(legacy, [])
        else:
            named = list(self.infos.items())
            eggs = [child for children in self.eggs.values() for child in children]
        for key, children in named:
            for child in children:
                yield self._distribution(child, key)
        for child in eggs:
            yield self._distribution(child, None)

    def _distribution(self, child: str, key: str | None) -> PathDistribution:
        if self.is_zip:
            from ._zip import ZipPath

            return PathDistribution(ZipPath(self.root, child))
        directory = os.path.join(self.root, child)
        # The index key is the name _unique() would derive from the directory
        # name, unless that name is empty or the suffix is not lower case.
        if key and child.endswith((".dist-info", ".egg-info")):
            return PathDistribution._in_directory(directory, key)
        return PathDistribution._in_directory(directory)


# One more search of the joined listing costs a thirteenth (3.13) to a
# twenty-fifth (3.8) of indexing every child, measured at 1,000 children: past
# this many different names, the full index is the cheaper way on.
_NAMES_BEFORE_FULL_INDEX = 16


# path entry -> its index; shared by every search in the process. An
# invalidation binds a new dict rather than clearing this one: a search that
# was listing an entry meanwhile then files its (possibly stale) index in the
# dict that was dropped, never in the one later searches use.
_indexes: dict[str, _PathIndex] = {}
# import_cache_epoch() when _indexes was last known valid; None before any search
_indexes_epoch: int | None = None


def _drop_indexes_if_invalidated() -> None:
    """Forget every index if ``importlib.invalidate_caches()`` ran since."""
    global _indexes_epoch  # one process-wide cache, like the stdlib's
    epoch = import_cache_epoch()
    if epoch != _indexes_epoch:
        if _indexes_epoch is not None:
            MetadataPathFinder.invalidate_caches()
        _indexes_epoch = epoch


def _index_of(entry: object) -> _PathIndex | None:
    """Return the (cached, still fresh) index of one ``sys.path`` entry."""
    if not isinstance(entry, str):
        # The import system ignores bytes and other objects on sys.path;
        # path-like objects (pathlib.Path) are accepted as the stdlib does.
        if not isinstance(entry, os.PathLike):
            return None
        entry = os.fspath(entry)
        if not isinstance(entry, str):
            return None
    # Taken before the stat: an invalidation from here on is not undone by
    # the store below (see _indexes).
    indexes = _indexes
    try:
        status = os.stat(entry or ".")
    except (OSError, ValueError):  # missing, unreadable, or an embedded NUL
        indexes.pop(entry, None)
        return None
    is_zip = stat.S_ISREG(status.st_mode)
    # Device and inode tell apart two directories with the same mtime: ''
    # (or a relative entry) after os.chdir(), a directory renamed over another.
    # A zip's ctime too: a same-size rebuild copied with its times (cp -p,
    # rsync) cannot set it back (_archive keeps its listings by the same).
    stamp = (
        status.st_mtime_ns,
        status.st_size if is_zip else 0,  # a directory's size says nothing
        status.st_ino,
        status.st_dev,
        status.st_ctime_ns if is_zip else 0,
    )
    index = indexes.get(entry)
    if index is None or index.stamp != stamp:
        index = _PathIndex(entry, stamp, is_zip)
        indexes[entry] = index
    return index


def search_state() -> tuple[_PathIndex | None, ...] | None:
    """Return a key for what a default search finds: the index of each entry.

    The key holds the index of each entry of ``sys.path``, and an index is
    replaced (never mutated) when its entry's stamp changes or a cache is
    invalidated; so an unchanged key means an unchanged set of metadata
    directories. A result kept under the key must be computed from these very
    indexes (``distributions_in``), not by searching ``sys.path`` again:
    another thread may change ``sys.path``, or replace an index, in between.
    ``None`` when a finder other than the path finder reports distributions
    (such a finder may answer differently on every call), or when no path
    finder is on ``sys.meta_path``.
    """
    roles = [role for _, role in classify_finders(list(sys.meta_path))]
    if FOREIGN in roles or PATH not in roles:
        return None
    _drop_indexes_if_invalidated()
    return tuple([_index_of(entry) for entry in list(sys.path)])


def distributions_in(indexes: Iterable[_PathIndex | None]) -> Iterator[Distribution]:
    """Yield every distribution of *indexes*, as a default path search would.

    The kept results are computed here, so that each is a function of the
    key it is filed under (``search_state()``) and of nothing read later.
    """
    for index in indexes:
        if index is not None:
            yield from index.search(None)


class MetadataPathFinder(DistributionFinder):
    """Finds distributions in the directories and zip files of a path list.

    pkgmeta never puts this class on ``sys.meta_path``: ``distributions()``
    uses it in place of the stdlib's ``PathFinder`` when it meets that one.

    .. versionadded:: 0.1
    """

    @classmethod
    def find_distributions(  # a classmethod, as in the stdlib
        cls,
        context: DistributionFinder.Context = DistributionFinder.Context(),  # noqa: B008
    ) -> Iterator[PathDistribution]:
        """Yield the distributions named ``context.name`` along ``context.path``.

        Args:
            context: ``name`` (``None`` for all) and ``path`` (default
                ``sys.path``) of the search.

        Returns:
            An iterator over a ``PathDistribution`` per matching metadata
            directory, in path order; missing and unreadable path entries
            and anything that is not a directory or a zip are skipped.
        """
        _drop_indexes_if_invalidated()
        name = context.name
        keys = (normalize(name), legacy_normalize(name)) if name else None
        for entry in list(context.path):
            index = _index_of(entry)
            if index is not None:
                yield from index.search(keys)

    @classmethod
    def find_spec(cls, *args: object, **kwargs: object) -> None:
        """Find no modules: this finder only knows distributions.

        Args:
            *args: The import system's ``fullname``, ``path`` and
                ``target``; ignored.
            **kwargs: The same, if passed by keyword; ignored.

        Returns:
            Always ``None``.
        """
        return None

    @classmethod
    def invalidate_caches(cls) -> None:
        """Forget every path listing and zip directory read so far.

        ``importlib.invalidate_caches()`` has the same effect on 3.9+; it is
        rarely needed, as every search re-checks each path entry's mtime
        (see ``docs/caching.md`` for when it is).
        """
        global _indexes  # rebound, not cleared: see where it is defined
        _indexes = {}
        if f"{__package__}._archive" in sys.modules:  # no zip read: nothing kept
            from ._archive import clear_cache

            clear_cache()


def _is_path_metadata_finder(finder: object) -> bool:
    """Whether *finder* searches ``sys.path`` for metadata like ours does.

    That is the stdlib's ``PathFinder`` (whose ``find_distributions`` builds
    stdlib objects), ``MetadataPathFinder`` itself, and the finder
    ``importlib_metadata`` appends to ``sys.meta_path`` on import.
    """
    # importlib_metadata appends an instance; the stdlib's PathFinder is a class.
    cls = finder if isinstance(finder, type) else type(finder)
    if issubclass(cls, MetadataPathFinder):
        # A subclass that answers in its own way must be asked as it is.
        find = getattr(finder, "find_distributions", None)
        return getattr(find, "__func__", None) is _OWN_FIND
    module = getattr(cls, "__module__", None)
    name = getattr(cls, "__name__", None)
    if module == "_frozen_importlib_external" and name == "PathFinder":
        return True
    return name == "MetadataPathFinder" and module in (
        "importlib_metadata",
        "importlib.metadata",
    )


# The function behind MetadataPathFinder.find_distributions (a classmethod).
_OWN_FIND: object = vars(MetadataPathFinder)["find_distributions"].__func__

# What classify_finders() says pkgmeta does with a finder on sys.meta_path.
PATH = "path"  # a path finder: searched by MetadataPathFinder, once, here
PATH_DUPLICATE = "path-duplicate"  # another path finder: not searched twice
FOREIGN = "foreign"  # a third-party finder: asked as it is


def classify_finders(meta_path: Iterable[object]) -> list[tuple[object, str]]:
    """Pair each finder of *meta_path* that reports distributions with its role.

    The first finder that searches ``sys.path`` for metadata (the stdlib's
    ``PathFinder``, ``importlib_metadata``'s, or ours) is ``PATH``: pkgmeta
    searches the path there, with its own ``MetadataPathFinder``. Later ones
    are ``PATH_DUPLICATE``; any other finder with a ``find_distributions``
    is ``FOREIGN``, a subclass of ``MetadataPathFinder`` that overrides
    ``find_distributions`` included (its answer is its own). Import-only
    finders are left out. Every walk of ``sys.meta_path`` (the search, the
    cache key, ``diagnose``) sorts the finders here.
    """
    roles = []
    path_seen = False
    for finder in meta_path:
        if _is_path_metadata_finder(finder):
            roles.append((finder, PATH_DUPLICATE if path_seen else PATH))
            path_seen = True
        elif getattr(finder, "find_distributions", None) is not None:
            roles.append((finder, FOREIGN))
    return roles


def distribution_resolvers() -> Iterator[
    Callable[[DistributionFinder.Context], Iterable[Distribution]]
]:
    """Yield the ``find_distributions`` of every finder on ``sys.meta_path``.

    The path-based finder is searched by pkgmeta's own ``MetadataPathFinder``
    (once, where the first path finder stands), so third-party finders keep
    their place and nothing in the stdlib is modified.
    """
    for finder, role in classify_finders(list(sys.meta_path)):
        if role == PATH:
            yield MetadataPathFinder.find_distributions
        elif role == FOREIGN:
            yield _adopting(finder.find_distributions)  # type: ignore[attr-defined]


def _adopting(
    find: Callable[[DistributionFinder.Context], Iterable[Distribution]],
) -> Callable[[DistributionFinder.Context], Iterator[Distribution]]:
    """Wrap a foreign finder so its stdlib ``PathDistribution``s become ours.

    An answer that cannot be iterated (``None``, say) counts as no
    distributions: one broken finder must not take every call down with it,
    nor a lookup that the other finders can answer (the stdlib raises
    ``TypeError``). An error while iterating is the finder's, and propagates.
    """

    def find_adopted(context: DistributionFinder.Context) -> Iterator[Distribution]:
        found = find(context)
        try:
            dists = iter(found)
        except TypeError:  # None, or anything else that is no iterable
            return
        for dist in dists:
            yield adopt(dist)

    return find_adopted


def adopt(dist: Distribution) -> Distribution:
    """Return *dist*, or pkgmeta's equivalent of a stdlib ``PathDistribution``.

    The stdlib's and ``importlib_metadata``'s path distributions only wrap a
    metadata path, so rebuilding them here gives the newest behaviour; any
    other distribution class is the provider's own and is used as it is.
    """
    cls = type(dist)
    if cls.__name__ == "PathDistribution" and cls.__module__ in (
        "importlib.metadata",
        "importlib_metadata",
    ):
        path = getattr(dist, "_path", None)
        if path is not None:
            return PathDistribution(path)
    return dist
