"""The structural types of the public API: ``PackageMetadata`` and ``SimplePath``.

Kept apart from the implementation so that ``typing`` is imported only when a
user asks for these names (``pkgmeta.__getattr__`` loads this module lazily).
"""

from __future__ import annotations

import os
from typing import Any, Dict, Iterator, List, Optional, Protocol, TypeVar, Union, overload

__all__ = ["PackageMetadata", "SimplePath"]

_T = TypeVar("_T")


class PackageMetadata(Protocol):
    """The read-only, case-insensitive view of a distribution's core metadata."""

    def __len__(self) -> int: ...

    def __contains__(self, item: str) -> bool: ...

    def __getitem__(self, key: str) -> str: ...

    def __iter__(self) -> Iterator[str]: ...

    @overload
    def get(self, name: str, failobj: None = None) -> Optional[str]: ...

    @overload
    def get(self, name: str, failobj: _T) -> Union[str, _T]: ...

    @overload
    def get_all(self, name: str, failobj: None = None) -> Optional[List[Any]]: ...

    @overload
    def get_all(self, name: str, failobj: _T) -> Union[List[Any], _T]: ...

    @property
    def json(self) -> Dict[str, Union[str, List[str]]]:
        """A JSON-compatible form of the metadata (PEP 566)."""


class SimplePath(Protocol):
    """The subset of ``pathlib.Path`` that ``PathDistribution`` relies on."""

    def joinpath(self, other: Union[str, os.PathLike[str]]) -> SimplePath: ...

    def __truediv__(self, other: Union[str, os.PathLike[str]]) -> SimplePath: ...

    @property
    def parent(self) -> SimplePath: ...

    def read_text(self, encoding: Optional[str] = None) -> str: ...

    def read_bytes(self) -> bytes: ...

    def exists(self) -> bool: ...
