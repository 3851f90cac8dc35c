"""The structural types of the public API: ``PackageMetadata``, ``SimplePath``,
``IDistribution`` and ``IPackagePath``.

Kept apart from the implementation so that ``typing`` is imported only when a
user asks for these names (``pkgmeta.__getattr__`` loads this module lazily).
"""

from __future__ import annotations

import abc
import os
from typing import (
    TYPE_CHECKING,
    Any,
    Iterable,
    Iterator,
    Protocol,
    Sequence,
    TypeVar,
    overload,
    runtime_checkable,
)

__all__ = ["IDistribution", "IPackagePath", "PackageMetadata", "SimplePath"]

_T = TypeVar("_T")

if TYPE_CHECKING:
    _ProtocolMeta = abc.ABCMeta
else:
    _ProtocolMeta = type(Protocol)

# What Protocol and the class statement put in a protocol's namespace, which
# is no member a provider has to supply.
_NOT_MEMBERS = frozenset(
    ("__init__", "__init_subclass__", "__subclasshook__", "__class_getitem__")
)
_MISSING = object()


class _MembersOnTheType(_ProtocolMeta):
    """Make ``isinstance()`` find members without calling them, on every Python.

    Before 3.12, ``isinstance`` on a runtime-checkable protocol asks
    ``hasattr(instance, name)``, which runs every property: checking a
    distribution read its metadata, files and entry points, and raised
    ``KeyError`` for one without a ``Name``. As 3.12+ does (with
    ``inspect.getattr_static``), members are looked up on the type and in
    the instance ``__dict__`` instead; a method set to ``None`` does not count.
    """

    def __instancecheck__(cls, instance: object) -> bool:
        if not cls.__dict__.get("_is_protocol", False):
            return super().__instancecheck__(instance)  # a class deriving from it
        return all(
            _supplies(instance, name, is_method)
            for name, is_method in _members(cls).items()
        )


def _members(protocol: type) -> dict[str, bool]:
    """Return the members *protocol* declares (with its bases), each with
    whether it is a method.

    Data members are declared as properties here (``IPackagePath.hash``),
    never as bare annotations, so the namespace holds them all.
    """
    found: dict[str, bool] = {}
    for base in reversed(protocol.__mro__):
        if type(base) is not _MembersOnTheType:
            continue  # object, Protocol, Generic
        for name, value in base.__dict__.items():
            if name.startswith("_") and not (
                name.startswith("__") and name.endswith("__") and callable(value)
            ):
                continue
            if name not in _NOT_MEMBERS:
                found[name] = callable(value)
    return found


def _supplies(instance: object, name: str, is_method: bool) -> bool:
    """Tell whether *instance* has the member *name*, without evaluating it."""
    value = getattr(instance, "__dict__", {}).get(name, _MISSING)
    if value is _MISSING:
        for klass in type(instance).__mro__:
            if name in klass.__dict__:
                value = klass.__dict__[name]
                break
        else:
            return False
    return not (is_method and value is None)


@runtime_checkable
class PackageMetadata(Protocol, metaclass=_MembersOnTheType):
    """The read-only, case-insensitive view of a distribution's core metadata.

    What ``metadata()`` and ``Distribution.metadata`` return. ``m["Name"]``
    raises ``KeyError`` for a missing field (the importlib_metadata 8+
    behaviour), ``m.get_all("Classifier")`` lists every occurrence, and
    the message body is served as a last ``Description`` field.

    Runtime-checkable, as in importlib_metadata 10: ``isinstance(m,
    PackageMetadata)`` holds for pkgmeta's and the stdlib's metadata (3.10+:
    the 3.8/3.9 stdlib's has no ``json``). Members are looked up on the type,
    never called.

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

    def joinpath(self, other: str | os.PathLike[str], /) -> SimplePath:
        """Return this path with *other* appended.

        Args:
            other: A relative path (``METADATA``, or a ``RECORD`` entry).

        Returns:
            The joined path; it need not exist.
        """

    def __truediv__(self, other: str | os.PathLike[str], /) -> SimplePath:
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


@runtime_checkable
class IPackagePath(Protocol, metaclass=_MembersOnTheType):
    """What each item of ``files()`` offers, whoever made it.

    Prefer it to ``PackagePath`` in annotations: the stdlib's
    ``PackagePath`` objects satisfy it too, on every Python. Checked by
    ``isinstance`` (runtime-checkable). ``hash``, ``size`` and ``dist`` are
    read-only here, so that a provider may compute them.

    .. versionadded:: 0.1
    """

    @property
    def hash(self) -> Any | None:
        """The ``FileHash`` recorded for the file, or ``None``."""

    @property
    def size(self) -> int | None:
        """The size in bytes recorded for the file, or ``None``."""

    @property
    def dist(self) -> IDistribution:
        """The distribution that installed the file."""

    def read_text(self, encoding: str = "utf-8") -> str:
        """Return the file's content decoded with *encoding*.

        Args:
            encoding: The codec to decode with.

        Returns:
            The decoded text of the file at ``locate()``.
        """

    def read_binary(self) -> bytes:
        """Return the file's content, as bytes.

        Returns:
            The bytes of the file at ``locate()``.
        """

    def locate(self) -> SimplePath:
        """Return where the file is: ``dist.locate_file(self)``.

        Returns:
            A path object (a ``pathlib.Path`` for directories).
        """

    @property
    def parts(self) -> tuple[str, ...]:
        """The path's components, as ``PurePosixPath.parts`` gives them."""

    def __fspath__(self) -> str:
        """Return the path as a string, relative to the install location."""


@runtime_checkable
class IDistribution(Protocol, metaclass=_MembersOnTheType):
    """What a distribution offers, whoever made it.

    Prefer it to ``Distribution`` in annotations of code that takes
    distributions: pkgmeta's satisfy it, and the stdlib's on 3.13 (before
    3.13 they lack ``origin``, and on 3.8/3.9 ``name``, so ``isinstance``
    says no, as importlib_metadata 10.2's does). Checked by ``isinstance``
    (runtime-checkable) without reading any metadata.

    ``files`` is a ``Sequence`` (importlib_metadata 10.2: a ``list``), so that
    ``Distribution.files``, a list of ``PackagePath``, satisfies it.

    .. versionadded:: 0.1
    """

    def read_text(self, filename: str | os.PathLike[str]) -> str | None:
        """Return the text of a metadata file, or ``None`` if it is absent.

        Args:
            filename: A file name in the metadata directory (``METADATA``).

        Returns:
            The decoded text, or ``None``.
        """

    def locate_file(self, path: str | os.PathLike[str]) -> SimplePath:
        """Return the path of a file the distribution installed.

        Args:
            path: A path relative to the install location.

        Returns:
            A path object.
        """

    @property
    def metadata(self) -> PackageMetadata:
        """The parsed core metadata."""

    @property
    def name(self) -> str:
        """The ``Name`` field of the metadata."""

    @property
    def version(self) -> str:
        """The ``Version`` field of the metadata."""

    @property
    def entry_points(self) -> Any:
        """The entry points the distribution declares."""

    @property
    def files(self) -> Sequence[IPackagePath] | None:
        """The installed files, or ``None`` when none are listed."""

    @property
    def requires(self) -> list[str] | None:
        """The requirements, as PEP 508 strings, or ``None``."""

    @property
    def origin(self) -> Any:
        """The PEP 610 ``direct_url.json`` record, or ``None``."""

    @classmethod
    def discover(
        cls, *, context: Any | None = None, **kwargs: Any
    ) -> Iterable[IDistribution]:
        """Return the distributions the finders report for *context*.

        Args:
            context: The search (a ``DistributionFinder.Context``).
            **kwargs: The search's attributes, instead of *context*.

        Returns:
            The distributions found.
        """

    @classmethod
    def from_name(cls, name: str) -> IDistribution:
        """Return the distribution installed under *name*.

        Args:
            name: The distribution name.

        Returns:
            The distribution.
        """

    @staticmethod
    def at(path: str | os.PathLike[str]) -> IDistribution:
        """Return the distribution whose metadata directory is *path*.

        Args:
            path: A metadata directory.

        Returns:
            The distribution.
        """
