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

    def __len__(self) -> int:
        """Return the number of fields, counting each repeated one."""

    def __contains__(self, item: str) -> bool:
        """Tell whether the field *item* is present.

        Args:
            item: The field name, in any case.
        """

    def __getitem__(self, key: str) -> str:
        """Return the first value of the field *key*, in any case.

        Args:
            key: The field name (``Name``, ``version``).

        Returns:
            The first value in file order.

        Raises:
            KeyError: The field is missing. The stdlib up to 3.13 returns
                ``None`` (with a ``DeprecationWarning`` on 3.12 and 3.13).
        """

    def __iter__(self) -> Iterator[str]:
        """Return an iterator over the field names in file order.

        A repeated field (``Classifier``) is yielded once per value.
        """

    # @overload replaces each stub with one shared function at runtime, so
    # these docstrings reach readers and editors only: docs/api.rst repeats
    # them for get and get_all.
    @overload
    def get(self, name: str, failobj: None = None) -> str | None:
        """Return the first value of the field *name*, or *failobj*.

        Args:
            name: The field name, in any case.
            failobj: What to return when the field is missing.

        Returns:
            The first value in file order, or *failobj*.
        """

    @overload
    def get(self, name: str, failobj: _T) -> str | _T: ...

    @overload
    def get_all(self, name: str, failobj: None = None) -> list[Any] | None:
        """Return every value of the field *name*, or *failobj*.

        Args:
            name: The field name, in any case (``Requires-Dist``).
            failobj: What to return when the field is missing.

        Returns:
            The values in file order, or *failobj*.
        """

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

    def joinpath(self, other: str | os.PathLike[str]) -> SimplePath:
        """Return this path with *other* appended.

        Args:
            other: A relative path (``METADATA``, or a ``RECORD`` entry).

        Returns:
            The joined path; it need not exist.
        """

    def __truediv__(self, other: str | os.PathLike[str]) -> SimplePath:
        """Return ``self.joinpath(other)``: ``path / "METADATA"``.

        Args:
            other: A relative path.

        Returns:
            The joined path; it need not exist.
        """

    @property
    def parent(self) -> SimplePath:
        """The directory that holds this path.

        ``PathDistribution.locate_file`` resolves installed files against
        the parent of the metadata directory.
        """

    def read_text(self, encoding: str | None = None) -> str:
        """Return the file's content decoded with *encoding*.

        Args:
            encoding: A codec name; ``PathDistribution`` passes ``utf-8``.

        Returns:
            The decoded text.

        Raises:
            FileNotFoundError: The file does not exist;
                ``PathDistribution.read_text`` then returns ``None``, as it
                does for ``IsADirectoryError``, ``NotADirectoryError``,
                ``PermissionError`` and ``KeyError``.
            UnicodeDecodeError: The content is not valid in *encoding*.
        """

    def read_bytes(self) -> bytes:
        """Return the file's content, as bytes.

        Returns:
            The bytes of the file.

        Raises:
            FileNotFoundError: The file does not exist.
        """

    def exists(self) -> bool:
        """Tell whether the file exists.

        Returns:
            Whether something is at this path; ``Distribution.files``
            leaves out the files for which it is false.
        """
