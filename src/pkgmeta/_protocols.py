"""The structural types of the public API: ``PackageMetadata`` and ``SimplePath``.

Kept apart from the implementation so that ``typing`` is imported only when a
user asks for these names (``pkgmeta.__getattr__`` loads this module lazily).
"""

from __future__ import annotations

import os
from typing import Any, Iterator, Protocol, TypeVar, overload

__all__ = ["PackageMetadata", "SimplePath"]

_T = TypeVar("_T")


class PackageMetadata(Protocol):
    """The read-only, case-insensitive view of a distribution's core metadata.

    What ``metadata()`` and ``Distribution.metadata`` return. ``m["Name"]``
    raises ``KeyError`` for a missing field (the importlib_metadata 8+
    behaviour), ``m.get_all("Classifier")`` lists every occurrence, and
    the message body is served as a last ``Description`` field.

    .. versionadded:: 0.1
    """

    def __len__(self) -> int: ...

    def __contains__(self, item: str) -> bool: ...

    def __getitem__(self, key: str) -> str: ...

    def __iter__(self) -> Iterator[str]: ...

    @overload
    def get(self, name: str, failobj: None = None) -> str | None: ...

    @overload
    def get(self, name: str, failobj: _T) -> str | _T: ...

    @overload
    def get_all(self, name: str, failobj: None = None) -> list[Any] | None: ...

    @overload
    def get_all(self, name: str, failobj: _T) -> list[Any] | _T: ...

    @property
    def json(self) -> dict[str, str | list[str]]:
        """A JSON-compatible form of the metadata (PEP 566)."""


class SimplePath(Protocol):
    """The subset of ``pathlib.Path`` that ``PathDistribution`` relies on.

    Implement it to serve metadata from elsewhere (an archive, a database)
    through ``PathDistribution``.

    .. versionadded:: 0.1
    """

    def joinpath(self, other: str | os.PathLike[str]) -> SimplePath: ...

    def __truediv__(self, other: str | os.PathLike[str]) -> SimplePath: ...

    @property
    def parent(self) -> SimplePath: ...

    def read_text(self, encoding: str | None = None) -> str: ...

    def read_bytes(self) -> bytes: ...

    def exists(self) -> bool: ...
