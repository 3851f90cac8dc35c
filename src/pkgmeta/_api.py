"""The functional API: ``version()``, ``entry_points()`` and friends."""

from __future__ import annotations

import sys

from ._distribution import Distribution, one_per_project
from ._entry_points import EntryPoint, EntryPoints
from ._errors import damaged
from ._finder import distributions_in

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping
    from typing import Any

    from ._files import PackagePath
    from ._finder import _PathIndex
    from ._protocols import PackageMetadata

# Imported where first needed, for ``import pkgmeta``'s time: _memo, by the
# two calls whose results are kept; _top_level, by packages_distributions()
# only.

# The functions look up the package's public names at call time, as the
# stdlib's look up their module's globals: code that monkeypatches
# ``importlib.metadata.Distribution`` (or ``distribution``, ``distributions``)
# with pkgmeta bound in its place sees its patch used. A dict lookup per call.


def _public() -> Any:
    """The package (``pkgmeta``, or wherever it is vendored or bound)."""
    return sys.modules[__package__]


def _patched() -> bool:
    """Whether ``distributions`` or ``Distribution`` of the package was replaced.

    Then nothing kept may be served: the replacement answers instead.
    """
    public = _public()
    return public.distributions is not distributions or (
        public.Distribution is not Distribution
    )


__all__ = [
    "distribution",
    "distributions",
    "entry_points",
    "files",
    "metadata",
    "packages_distributions",
    "requires",
    "version",
]


def distribution(distribution_name: str) -> Distribution:
    """Return the installed distribution of that name.

    When several metadata directories match, the first on ``sys.path`` that
    holds metadata wins (a stale leftover does not hide a valid install).

    Args:
        distribution_name: Any spelling that normalizes to the same name
            (``Foo_Bar`` finds ``foo-bar``).

    Returns:
        The distribution, usually a ``PathDistribution``.

    Raises:
        PackageNotFoundError: No distribution of that name is installed.
        ValueError: *distribution_name* is empty.

    .. versionadded:: 0.1
    """
    return _public().Distribution.from_name(distribution_name)  # type: ignore[no-any-return]


def distributions(**kwargs: Any) -> Iterator[Distribution]:
    """Yield every installed distribution, in ``sys.path`` order.

    Every metadata directory found is yielded, duplicates and broken ones
    included, as the stdlib does.

    Args:
        **kwargs: Search parameters for the finders, usually ``path`` (a list
            of directories to search instead of ``sys.path``) or ``name``.

    Returns:
        An iterator over the distributions every finder reports.

    Raises:
        ValueError: Both ``context`` and other keyword arguments were given.

    .. versionadded:: 0.1
    """
    return _public().Distribution.discover(**kwargs)  # type: ignore[no-any-return]


def metadata(distribution_name: str) -> PackageMetadata:
    """Return the core metadata of the named distribution.

    Args:
        distribution_name: Any spelling that normalizes to the same name
            (``Foo_Bar`` finds ``foo-bar``).

    Returns:
        The parsed ``METADATA`` (or ``PKG-INFO``): a case-insensitive mapping
        of header fields where a missing key raises ``KeyError``.

    Raises:
        PackageNotFoundError: No distribution of that name is installed.

    A distribution without a metadata file gives metadata that reads as
    empty; its ``[]`` raises ``MetadataNotFound`` (see
    ``Distribution.metadata``).

    .. versionadded:: 0.1
    """
    return _public().Distribution.from_name(distribution_name).metadata  # type: ignore[no-any-return]


def version(distribution_name: str) -> str:
    """Return the version string of the named distribution.

    Args:
        distribution_name: Any spelling that normalizes to the same name
            (``Foo_Bar`` finds ``foo-bar``).

    Returns:
        The ``Version`` field, as written (not normalized).

    Raises:
        PackageNotFoundError: No distribution of that name is installed.
        MetadataNotFound: It is installed but has no metadata file.
        KeyError: Its metadata has no ``Version`` field.

    .. versionadded:: 0.1
    """
    return _public().distribution(distribution_name).version  # type: ignore[no-any-return]


def files(distribution_name: str) -> list[PackagePath] | None:
    """Return the files the named distribution installed.

    Args:
        distribution_name: Any spelling that normalizes to the same name
            (``Foo_Bar`` finds ``foo-bar``).

    Returns:
        The paths listed in ``RECORD`` (or ``installed-files.txt`` /
        ``SOURCES.txt`` for eggs) that still exist, relative to the install
        location; ``None`` when the distribution lists no files.

    Raises:
        PackageNotFoundError: No distribution of that name is installed.

    .. versionadded:: 0.1
    """
    return _public().distribution(distribution_name).files  # type: ignore[no-any-return]


def requires(distribution_name: str) -> list[str] | None:
    """Return the requirements of the named distribution.

    Args:
        distribution_name: Any spelling that normalizes to the same name
            (``Foo_Bar`` finds ``foo-bar``).

    Returns:
        PEP 508 strings from ``Requires-Dist`` (egg-info ``requires.txt``
        sections become markers), or ``None`` when none are declared.

    Raises:
        PackageNotFoundError: No distribution of that name is installed.

    .. versionadded:: 0.1
    """
    return _public().distribution(distribution_name).requires  # type: ignore[no-any-return]


def entry_points(**params: Any) -> EntryPoints:
    """Return the entry points of every installed distribution.

    Each project contributes once, from the first of its metadata
    directories on the path that holds metadata. The collected entry points
    are kept until a ``sys.path`` entry changes (see ``docs/caching.md``).

    Args:
        **params: Attributes to select by, usually ``group`` and ``name``
            (see ``EntryPoints.select``).

    Returns:
        The matching entry points: an ``EntryPoints`` on every Python (the
        3.12+ form; never a dict or ``SelectableGroups``).

    .. versionadded:: 0.1
    """
    if _patched():
        return _EntryPointCatalog.collect(None).select(params)
    from ._memo import memoized

    return memoized("entry_points", _EntryPointCatalog.collect).select(params)


class _EntryPointCatalog:
    """Every entry point on ``sys.path``, with a by-group view built on demand."""

    __slots__ = ("_by_group", "everything")

    def __init__(self, everything: EntryPoints) -> None:
        self.everything = everything
        self._by_group: dict[str, EntryPoints] | None = None

    @classmethod
    def collect(
        cls, indexes: tuple[_PathIndex | None, ...] | None
    ) -> _EntryPointCatalog:
        found: list[EntryPoint] = []
        for dist in one_per_project(_searched(indexes)):
            try:
                found.extend(_entry_points_of(dist))
            except damaged():
                continue  # one broken distribution must not hide every plugin
        return cls(EntryPoints(found))

    def select(self, params: dict[str, Any]) -> EntryPoints:
        group = params.get("group")
        if len(params) == 1 and isinstance(group, str):
            return self._groups().get(group) or self.everything.select(group=group)
        if not params:
            return self.everything
        return self.everything.select(**params)

    def _groups(self) -> dict[str, EntryPoints]:
        # Racing threads each build the same complete dict; either one wins.
        by_group = self._by_group
        if by_group is None:
            by_group = self._by_group = self.everything._by_group()
        return by_group


def _entry_points_of(dist: object) -> Iterable[EntryPoint]:
    if isinstance(dist, Distribution):
        return dist.entry_points
    # A provider's own class, or the stdlib's on 3.8/3.9 (plain tuples there).
    return [
        EntryPoint(found.name, found.value, found.group)._for(dist)  # type: ignore[arg-type]
        for found in dist.entry_points  # type: ignore[attr-defined]
    ]


def packages_distributions() -> Mapping[str, list[str]]:
    """Map each top-level importable name to the distributions providing it.

    Names come from ``top_level.txt``, else from the installed files.
    Distributions whose metadata is missing or has no ``Name`` are left out.
    The scan behind the mapping is kept until a ``sys.path`` entry changes
    (see ``docs/caching.md``).

    Returns:
        A new dict on each call: ``{"yaml": ["PyYAML"], ...}``, the names
        as the distributions spell them, in ``sys.path`` order.

    .. versionadded:: 0.1
    """
    if _patched():
        providers = _collect_providers(None)
    else:
        from ._memo import memoized

        providers = memoized("packages_distributions", _collect_providers)
    return {package: list(names) for package, names in providers.items()}


def _searched(indexes: tuple[_PathIndex | None, ...] | None) -> Iterator[Distribution]:
    """The distributions of *indexes* (a kept result's key), else a default search."""
    if indexes is None:
        return _public().distributions()  # type: ignore[no-any-return]
    return distributions_in(indexes)


def _collect_providers(
    indexes: tuple[_PathIndex | None, ...] | None,
) -> dict[str, list[str]]:
    from ._top_level import module_suffixes, top_level_names

    suffixes = module_suffixes()
    providers: dict[str, list[str]] = {}
    for dist in _searched(indexes):
        try:
            name = dist.metadata["Name"]
            packages = top_level_names(dist, suffixes)
        except damaged(KeyError):
            continue
        for package in packages:
            providers.setdefault(package, []).append(name)
    return providers
