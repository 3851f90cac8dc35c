"""``Distribution`` and ``PathDistribution``: an installed project and its metadata."""

from __future__ import annotations

import abc
import os
import stat
import sys

from ._names import name_from_metadata_dir, normalize

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType, SimpleNamespace
    from typing import Any

    from ._entry_points import EntryPoints
    from ._files import PackagePath
    from ._protocols import PackageMetadata, SimplePath

__all__ = [
    "Distribution",
    "DistributionFinder",
    "MetadataNotFound",
    "PackageNotFoundError",
    "PathDistribution",
    "first_with_metadata",
]

# What a missing or unreadable metadata file raises while being read; the
# reference treats all of these as "file absent" (KeyError: member not in a zip).
_ABSENT = (
    FileNotFoundError,
    IsADirectoryError,
    KeyError,
    NotADirectoryError,
    PermissionError,
)


class PackageNotFoundError(ModuleNotFoundError):
    """No distribution of the requested name is on the search path.

    A subclass of ``ModuleNotFoundError`` (hence of ``ImportError``), as in
    the stdlib; ``name`` is the name asked for.

    .. versionadded:: 0.1
    """

    def __str__(self) -> str:
        return f"No package metadata was found for {self.name}"

    @property
    def name(self) -> str:  # type: ignore[override]  # read-only, from args
        """The distribution name that was looked up, as the caller spelled it.

        The stdlib of 3.8 and 3.9 gives ``None`` here.

        Raises:
            ValueError: The exception was not created with exactly one
                argument, the name.
        """
        (name,) = self.args
        return name  # type: ignore[no-any-return]


class MetadataNotFound(FileNotFoundError):
    """A distribution was found but holds no metadata file to read.

    A subclass of ``FileNotFoundError``; importlib_metadata 8.5+ raises an
    exception of the same name where the stdlib returns ``None``.

    .. versionadded:: 0.1
    """


def _name_field(
    accessor: Callable[[Distribution], str],
) -> Callable[[Distribution], str]:
    """Re-raise a missing required field as a ``KeyError`` naming the distribution."""

    def read_field(self: Distribution) -> str:
        try:
            return accessor(self)
        except KeyError as exc:
            (field,) = exc.args
            raise KeyError(f"Metadata field {field} not present in {self}") from None

    read_field.__name__ = accessor.__name__
    read_field.__doc__ = accessor.__doc__
    return read_field


class Distribution(metaclass=abc.ABCMeta):
    """An installed distribution package, read through ``read_text``.

    Subclasses supply ``read_text`` and ``locate_file``; everything else is
    derived from the files they return. Unlike the stdlib before 3.14 this is
    a strict ABC: a subclass missing either method cannot be instantiated
    (the newest ``importlib_metadata`` behaviour).

    .. versionadded:: 0.1
    """

    @abc.abstractmethod
    def read_text(self, filename: str | os.PathLike[str]) -> str | None:
        """Return the text of a metadata file, or ``None`` if it does not exist.

        Args:
            filename: The name of a file in the metadata directory, such as
                ``METADATA`` or ``entry_points.txt``.

        Returns:
            The decoded text, or ``None`` when the file is absent or
            unreadable.

        Raises:
            UnicodeDecodeError: The file exists but cannot be decoded;
                implementations let it propagate. An absent file is not an
                error: implementations return ``None`` instead of raising.
        """

    @abc.abstractmethod
    def locate_file(self, path: str | os.PathLike[str]) -> SimplePath:
        """Return the path of a file the distribution installed.

        Args:
            path: A path relative to the directory the distribution was
                installed into (as listed in ``RECORD``).

        Returns:
            A path object (``pathlib.Path`` for directories).
        """

    @classmethod
    def from_name(cls, name: str) -> Distribution:
        """Return the distribution installed under *name*.

        When several metadata directories match (a stale one left by an
        interrupted uninstall, say), the first one that holds metadata wins.

        Args:
            name: Any spelling that normalizes to the distribution's name.

        Returns:
            The first matching distribution holding metadata, else the first
            match.

        Raises:
            ValueError: *name* is empty or ``None``.
            PackageNotFoundError: No distribution of that name was found.
        """
        if not name:
            raise ValueError("A distribution name is required.")
        return first_with_metadata(cls.discover(name=name), name)

    @classmethod
    def discover(
        cls, *, context: DistributionFinder.Context | None = None, **kwargs: Any
    ) -> Iterator[Distribution]:
        """Yield the distributions every finder on ``sys.meta_path`` reports.

        Args:
            context: The search to run; or give its attributes (``name``,
                ``path``, or anything a custom finder understands) as keyword
                arguments instead.

        Returns:
            An iterator over what the finders report, in ``sys.meta_path``
            order.

        Raises:
            ValueError: Both *context* and keyword arguments were given.
        """
        if context and kwargs:  # raised by the call, not on first iteration
            raise ValueError("cannot accept context and kwargs")
        return _search(context or DistributionFinder.Context(**kwargs))

    @staticmethod
    def at(path: str | os.PathLike[str]) -> PathDistribution:
        """Return the distribution whose metadata directory is *path*.

        Args:
            path: A ``*.dist-info`` or ``*.egg-info`` directory (or egg-info
                file); it is not checked to exist.

        Returns:
            A ``PathDistribution`` reading from *path*.
        """
        import pathlib

        return PathDistribution(pathlib.Path(path))

    def _metadata_text(self) -> str | None:
        # The last clause reads an egg-info *file*: its own path is the metadata.
        return (
            self.read_text("METADATA")
            or self.read_text("PKG-INFO")
            or self.read_text("")
        )

    @property
    def metadata(self) -> PackageMetadata:
        """The parsed core metadata (``METADATA``, or ``PKG-INFO`` for eggs).

        Raises:
            MetadataNotFound: The distribution has no metadata file.
        """
        from ._message import Message

        text = self._metadata_text()
        if text is None:
            raise MetadataNotFound(
                f"No package metadata was found in {self}: "
                "METADATA and PKG-INFO are missing, empty or unreadable"
            )
        return Message.from_text(text)

    @property
    @_name_field
    def name(self) -> str:
        """The ``Name`` field of the metadata.

        Raises:
            MetadataNotFound: The distribution has no metadata file.
            KeyError: The metadata has no ``Name`` field.

        .. versionadded:: 0.1 (the stdlib has it from 3.10)
        """
        return self.metadata["Name"]

    @property
    def _normalized_name(self) -> str:
        return normalize(self.name)

    @property
    @_name_field
    def version(self) -> str:
        """The ``Version`` field of the metadata.

        Raises:
            MetadataNotFound: The distribution has no metadata file.
            KeyError: The metadata has no ``Version`` field.
        """
        return self.metadata["Version"]

    @property
    def entry_points(self) -> EntryPoints:
        """The entry points declared in ``entry_points.txt``.

        Empty when the file is absent; lines without ``=`` are skipped, and
        invalid values raise ``ValueError`` only when an attribute needs
        them. Each entry point's ``dist`` is this distribution.
        """
        from ._entry_points import EntryPoints, parse_entry_points

        parsed = parse_entry_points(self.read_text("entry_points.txt"))
        return EntryPoints(entry_point._for(self) for entry_point in parsed)

    @property
    def files(self) -> list[PackagePath] | None:
        """The installed files listed by ``RECORD`` (or the egg-info lists).

        ``None`` when no list exists; files no longer on disk are left out.
        """
        from ._files import files_of

        return files_of(self, root=self._files_root())

    def _files_root(self) -> str | None:
        """The directory ``locate_file`` joins to, when it is a plain one.

        Given it, ``files`` asks the OS whether each listed file exists
        instead of building a path object per row; ``None`` for providers
        whose ``locate_file`` may mean anything.
        """
        return None

    @property
    def requires(self) -> list[str] | None:
        """The requirements, as PEP 508 strings (egg-info sections converted).

        ``None`` when neither ``Requires-Dist`` nor ``requires.txt`` exists.

        Raises:
            MetadataNotFound: The distribution has no metadata file.
        """
        requirements = self.metadata.get_all("Requires-Dist")
        if requirements:
            return list(requirements)
        source = self.read_text("requires.txt")
        if source is None:
            return requirements
        from ._sections import requirements_from_requires_txt

        return requirements_from_requires_txt(source)

    @property
    def origin(self) -> SimpleNamespace | None:
        """The PEP 610 ``direct_url.json`` record, as nested namespaces.

        ``None`` when the distribution was not installed from a direct URL
        (``origin.url``, ``origin.dir_info.editable`` and so on otherwise).

        .. versionadded:: 0.1 (the stdlib has it from 3.13)
        """
        text = self.read_text("direct_url.json")
        if text is None:
            return None
        import json
        import types

        try:
            return json.loads(  # type: ignore[no-any-return]
                text, object_hook=lambda data: types.SimpleNamespace(**data)
            )
        except json.JSONDecodeError as exc:
            # The same type and position, with whose file it is in the message.
            raise json.JSONDecodeError(
                f"{exc.msg} in direct_url.json of {self}", exc.doc, exc.pos
            ) from None


def _search(context: DistributionFinder.Context) -> Iterator[Distribution]:
    """Yield what each finder on ``sys.meta_path`` finds for *context*."""
    # The path finder builds PathDistributions, so it is imported at call
    # time: the layers stay acyclic when the modules are loaded.
    from ._finder import distribution_resolvers

    for resolver in distribution_resolvers():
        yield from resolver(context)


def first_with_metadata(found: Iterable[Distribution], name: str) -> Distribution:
    """Return the first of *found* that holds metadata, else the first of all.

    A stale copy (a metadata directory left empty by an interrupted
    uninstall) must not hide a valid install later on the path.

    Raises:
        PackageNotFoundError: *found* is empty; the error names *name*.
    """
    fallback: Distribution | None = None
    for dist in found:
        if _has_metadata(dist):
            return dist
        if fallback is None:
            fallback = dist
    if fallback is None:
        raise PackageNotFoundError(name)
    return fallback


def _has_metadata(dist: object) -> bool:
    """Whether *dist* holds readable, non-empty metadata.

    Works on any distribution a finder returns, including the stdlib's own
    ``Distribution`` subclasses, which have ``read_text`` but none of our
    private helpers. Damaged metadata (undecodable, a corrupt zip member, a
    file that cannot be opened) counts as none here so that a broken copy
    cannot hide a good one; reading it later still raises.
    """
    try:
        if isinstance(dist, Distribution):
            return bool(dist._metadata_text())
        return bool(Distribution._metadata_text(dist))  # type: ignore[arg-type]
    except (OSError, ValueError):
        return False


_USUALLY_PRESENT = frozenset(("METADATA", "PKG-INFO", ""))


def _read_text_file(directory: str, name: str) -> str | None:
    """Read *name* in *directory* as ``Path.read_text(encoding="utf-8")`` would.

    Most metadata files are optional (four dists in five have no
    ``entry_points.txt``), and ``os.access`` answers "absent" without the
    cost of raising and catching ``FileNotFoundError``; the core metadata
    is nearly always there, so it is opened without asking. Bytes decoded
    here with the same newline translation are faster than a text-mode file.
    """
    # '' names the metadata path itself: an egg-info *file*.
    path = os.path.join(directory, name) if name else directory
    if name not in _USUALLY_PRESENT and not os.access(path, os.F_OK):
        return None
    data = _read_regular_file(path)
    if data is None:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _naming(exc, path) from None
    if "\r" in text:  # universal newlines, as text mode reads them
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# O_NONBLOCK: a FIFO does not block the open() call itself (POSIX only).
# O_BINARY: no newline translation by the C runtime (Windows only).
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _read_regular_file(path: str) -> bytes | None:
    """Return the bytes of the file at *path*; ``None`` if it is not a regular file.

    Descriptor calls sized by ``fstat`` read a 3 KB metadata file in 15 % (3.8)
    to 40 % (3.13) less time than ``open(path, "rb").read()``, which counts
    on scans that read thousands, and raise the same ``OSError`` subclasses.
    A FIFO, a device or a directory is never read: reading could block,
    never end, or fail with an error that says nothing about metadata.
    """
    fd = os.open(path, _READ_FLAGS)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return None
        want = status.st_size + 1  # one byte more: a file that grew is read on
        parts: list[bytes] = []
        while True:
            chunk = os.read(fd, want)
            if not chunk:
                break
            parts.append(chunk)
            if len(chunk) < want:  # a short read of a regular file: its end
                break
            want = 1 << 16
    finally:
        os.close(fd)
    return b"".join(parts)  # a single part is returned as it is, not copied


def _naming(exc: UnicodeDecodeError, path: object) -> UnicodeDecodeError:
    """Return *exc* with *path* in its reason: same type, bytes and offsets."""
    reason = f"{exc.reason} (in {path})"
    return UnicodeDecodeError(exc.encoding, exc.object, exc.start, exc.end, reason)


class _PathOnFirstUse:
    """``PathDistribution._path`` of a distribution the finder made from a name.

    A non-data descriptor: the path it builds is stored on the instance and
    shadows it from then on (as ``__init__``'s assignment does). Unlike a
    ``__getattr__`` it is never asked about other names, so an
    ``AttributeError`` raised inside a property keeps its own message.
    """

    def __get__(self, dist: PathDistribution | None, owner: object = None) -> Any:
        if dist is None:
            return self
        if dist._directory is None:
            raise AttributeError("_path")
        import pathlib

        path = pathlib.Path(dist._directory)
        vars(dist)["_path"] = path
        return path


class PathDistribution(Distribution):
    """A distribution whose metadata lives in a directory or zip member.

    Args:
        path: The metadata directory (``*.dist-info``, ``*.egg-info``,
            ``EGG-INFO``) or an egg-info file, as a ``pathlib.Path`` or any
            object with the ``SimplePath`` methods.

    .. versionadded:: 0.1
    """

    # Set instead of ``_path`` by the path finder for plain directories, so
    # that the hot path (read METADATA, report a version) never builds a
    # pathlib object; ``_path`` is made from it on first use.
    _directory: str | None = None
    _cached_text: str | None = None
    # The normalized name, when the finder knows it from the directory name.
    _known_name: str | None = None

    if TYPE_CHECKING:
        _path: SimplePath
    else:
        _path = _PathOnFirstUse()

    def __init__(self, path: SimplePath) -> None:
        self._path = path

    @classmethod
    def _in_directory(
        cls, directory: str, normalized_name: str | None = None
    ) -> PathDistribution:
        dist = cls.__new__(cls)
        dist._directory = directory
        if normalized_name is not None:
            dist._known_name = normalized_name
        return dist

    def __str__(self) -> str:
        if self._directory is not None:
            return self._directory
        return str(self._path)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {str(self)!r}>"

    def read_text(self, filename: str | os.PathLike[str]) -> str | None:
        """Return the text of *filename* in the metadata directory.

        Args:
            filename: A file name such as ``METADATA``; ``""`` reads the
                metadata path itself (an egg-info *file*).

        Returns:
            The text decoded as UTF-8 with universal newlines, or ``None``
            when the file is absent, a directory or unreadable.

        Raises:
            UnicodeDecodeError: The file is not valid UTF-8 (the reason
                names the file).
        """
        try:
            if self._directory is not None:
                return _read_text_file(self._directory, os.fspath(filename))
            path = self._path.joinpath(filename)
            try:
                return path.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise _naming(exc, path) from None
        except _ABSENT:
            return None

    def _metadata_text(self) -> str | None:
        # Read once per object: ``from_name`` checks it, ``version`` uses it.
        if self._cached_text is None:
            self._cached_text = super()._metadata_text()
        return self._cached_text

    def locate_file(self, path: str | os.PathLike[str]) -> SimplePath:
        """Return *path* resolved against the directory holding the metadata.

        Args:
            path: A path as listed in ``RECORD``, relative to the site dir.

        Returns:
            A ``pathlib.Path`` (or a zip path for metadata inside a zip).
        """
        return self._path.parent / path

    def _files_root(self) -> str | None:
        if self._directory is None or type(self).locate_file is not (
            PathDistribution.locate_file
        ):
            return None
        return str(self._path.parent)

    @property
    def _normalized_name(self) -> str:
        if self._known_name is not None:
            return self._known_name
        # The directory name is enough and costs no file read.
        location = self._directory if self._directory is not None else str(self._path)
        stem_name = name_from_metadata_dir(os.path.basename(location))
        if stem_name:
            return normalize(stem_name)
        return super()._normalized_name


class DistributionFinder(metaclass=abc.ABCMeta):
    """A ``sys.meta_path`` finder that can also report installed distributions.

    The stdlib derives this from ``importlib.abc.MetaPathFinder``; pkgmeta
    does not, because importing ``importlib.abc`` costs ~40 ms on 3.13. Any
    object with a ``find_distributions`` method is honoured either way.

    .. versionadded:: 0.1
    """

    class Context:
        """The search a caller asked for: ``name``, ``path`` and any extras.

        Keyword arguments become attributes, so custom finders can accept
        their own (``distributions(realm="private")``).

        Args:
            **kwargs: The search parameters, set as attributes.
        """

        name: str | None = None
        """The name to match, or ``None`` for every distribution."""

        def __init__(self, **kwargs: Any) -> None:
            vars(self).update(kwargs)

        @property
        def path(self) -> list[str]:
            """The directories to search; ``sys.path`` unless given."""
            return vars(self).get("path", sys.path)  # type: ignore[no-any-return]

    @abc.abstractmethod
    def find_distributions(
        self,
        context: DistributionFinder.Context = Context(),  # noqa: B008 - stdlib signature
    ) -> Iterable[Distribution]:
        """Return the distributions matching *context*.

        Args:
            context: What to look for: ``context.name`` (``None`` for all)
                along ``context.path``, plus any parameter the finder knows.

        Returns:
            The distributions found, in the finder's order.
        """

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
        /,
    ) -> ModuleSpec | None:
        """Find no modules, so that a finder of distributions only is harmless.

        Without it, the import system of 3.8-3.11 falls back to
        ``find_module`` and every import reaching a subclass placed on
        ``sys.meta_path`` fails with ``AttributeError``.

        Returns:
            Always ``None``; a subclass that also finds modules overrides it.
        """
        return None

    def invalidate_caches(self) -> None:  # noqa: B027 - optional hook, as in MetaPathFinder
        """Drop cached state; called by ``importlib.invalidate_caches()``."""
