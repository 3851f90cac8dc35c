"""``Distribution`` and ``PathDistribution``: an installed project and its metadata."""

from __future__ import annotations

import abc
import os
import sys

from ._deprecations import ABSTRACT, warn_deprecated
from ._entry_points import EntryPoints, parse_entry_points
from ._errors import (
    ABSENT,
    MetadataNotFound,
    PackageNotFoundError,
    damaged,
    named_decode_error,
)
from ._fs import read_text_file
from ._names import name_from_metadata_dir, normalize
from ._sections import requirements_from_requires_txt

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType, SimpleNamespace
    from typing import Any

    from ._files import PackagePath
    from ._protocols import PackageMetadata, SimplePath

# Imported where first needed, for ``import pkgmeta``'s time: pathlib (with
# its own imports ~12 ms: only for the objects users ask for, ``at()`` and
# ``_path``), _metadata (the header parser, with the first metadata read),
# _files (pathlib, for ``files``), json and types (``origin`` only), errno
# (a symlink loop only); and _finder, the seam (see ``_search``).

__all__ = [
    "METADATA_FILES",
    "Distribution",
    "DistributionFinder",
    "PathDistribution",
    "first_with_metadata",
    "has_metadata",
    "one_per_project",
    "present_metadata",
]

# Where the core metadata is read from, first found first: a wheel's METADATA,
# an egg's PKG-INFO, and '' for the metadata path itself (an egg-info *file*).
METADATA_FILES = ("METADATA", "PKG-INFO", "")


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
    derived from the files they return. A subclass without ``read_text``
    cannot be instantiated (the newest ``importlib_metadata`` behaviour); one
    that lacks only ``locate_file`` (pip 24's ``WheelDistribution``) is
    instantiated with a ``DeprecationWarning``, as the stdlib of 3.12 and
    3.13 does, and its ``locate_file`` raises ``NotImplementedError``.

    .. versionadded:: 0.1
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Runs before ABCMeta counts the abstract methods: a concrete stand-in
        # makes the class instantiable, and its __new__ warns on each use.
        if _is_abstract(cls, "locate_file") and not _is_abstract(cls, "read_text"):
            setattr(cls, "locate_file", _unimplemented_locate_file)  # noqa: B010
            setattr(cls, "__new__", _warning_new(cls))  # noqa: B010

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
            TypeError: *name* is not a ``str`` (``bytes``, a number, a list),
                with importlib_metadata 10.2's message.
            PackageNotFoundError: No distribution of that name was found.
        """
        if not name:
            raise ValueError("A distribution name is required.")
        try:
            return first_with_metadata(cls.discover(name=name), name)
        except (AttributeError, TypeError):
            # Checked only once the search failed: a valid name pays nothing,
            # and a finder that accepts other names keeps working.
            if isinstance(name, str):
                raise
            raise _name_type_error(name) from None

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
        # The first non-empty text; else what the last file gave: an empty
        # egg-info *file* reads as empty metadata, not as none.
        text = None
        for filename in METADATA_FILES:
            text = self.read_text(filename)
            if text:
                break
        return text

    @property
    def metadata(self) -> PackageMetadata:
        """The parsed core metadata (``METADATA``, or ``PKG-INFO`` for eggs).

        A distribution without a metadata file (missing, empty or
        unreadable) gives metadata that reads as empty, as every stdlib's
        does: ``"Name" in dist.metadata`` is false, ``get`` gives the
        default, and ``dist.metadata["Name"]`` raises ``MetadataNotFound``
        naming the distribution (where importlib_metadata 9+ raises it for
        the whole property).
        """
        from ._metadata import Message

        text = self._metadata_text()
        if text is None:
            return Message.absent(
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
        parsed = parse_entry_points(self.read_text("entry_points.txt"))
        return EntryPoints(entry_point._for(self) for entry_point in parsed)

    @property
    def files(self) -> list[PackagePath] | None:
        """The installed files listed by ``RECORD`` (or the egg-info lists).

        ``None`` when no list exists; files no longer on disk are left out.
        """
        from ._files import files_of

        return files_of(self, root=self._files_root())

    def _record_text(self) -> str | None:
        """``read_text("RECORD")``, for callers that split it with ``splitlines()``.

        A ``PathDistribution`` leaves its line ends as written (a ``\r\n``
        is one line break to ``splitlines()`` either way).
        """
        return self.read_text("RECORD")

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

        ``None`` when neither ``Requires-Dist`` nor ``requires.txt`` exists
        (also when there is no metadata file, as in the stdlib).
        """
        requirements = self.metadata.get_all("Requires-Dist")
        if requirements:
            return list(requirements)
        source = self.read_text("requires.txt")
        if source is None:
            return requirements
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
    # THE SEAM: the one import up the layers in the core. The finder builds
    # PathDistributions, so it sits above this module; the stdlib's API makes
    # Distribution.discover() reach it. Imported at call time, the layers
    # stay acyclic when the modules load (tests/test_layers.py).
    from ._finder import distribution_resolvers

    for resolver in distribution_resolvers():
        yield from resolver(context)


def _name_type_error(name: object) -> TypeError:
    """The error for a name that is not a ``str``, in importlib_metadata's words.

    Its name normalization (``re.sub``) raises these; pkgmeta's, made of
    ``str`` methods, would raise an ``AttributeError`` instead.
    """
    if isinstance(name, (bytes, bytearray, memoryview)):
        return TypeError("cannot use a string pattern on a bytes-like object")
    return TypeError(
        f"expected string or bytes-like object, got {type(name).__name__!r}"
    )


def first_with_metadata(found: Iterable[Distribution], name: str) -> Distribution:
    """Return the first of *found* that holds metadata, else the first of all.

    A stale copy (a metadata directory left empty by an interrupted
    uninstall) must not hide a valid install later on the path.

    Raises:
        PackageNotFoundError: *found* is empty; the error names *name*.
    """
    fallback: Distribution | None = None
    for dist in found:
        if has_metadata(dist):
            return dist
        if fallback is None:
            fallback = dist
    if fallback is None:
        raise PackageNotFoundError(name)
    return fallback


def _is_abstract(cls: type, name: str) -> bool:
    return bool(getattr(getattr(cls, name, None), "__isabstractmethod__", False))


def _unimplemented_locate_file(
    self: Distribution, path: str | os.PathLike[str]
) -> SimplePath:
    """Stand in for the ``locate_file`` a subclass does not implement."""
    raise NotImplementedError(
        f"{type(self).__qualname__} does not implement Distribution.locate_file"
    )


_unimplemented_locate_file.unimplemented = True  # type: ignore[attr-defined]


def _warning_new(owner: type) -> staticmethod[..., Any]:
    """Return the ``__new__`` of a subclass that lacks ``locate_file``."""

    def __new__(cls: type, *args: object, **kwargs: object) -> object:
        if getattr(getattr(cls, "locate_file", None), "unimplemented", False):
            warn_deprecated(
                f"{ABSTRACT} {{'locate_file'}}",
                f"an implementation of {cls.__qualname__}.locate_file",
                since=(3, 12),
            )
        return super(owner, cls).__new__(cls)  # type: ignore[arg-type]

    return staticmethod(__new__)


def one_per_project(dists: Iterable[Distribution]) -> Iterator[Distribution]:
    """Yield one distribution per normalized name, preferring ones with metadata.

    ``first_with_metadata`` for a whole environment: a metadata-less
    directory (the leftover of an interrupted uninstall) gives way to a later
    valid copy of the same project; the check is only made when two
    directories share a name, so it costs nothing otherwise.
    """
    chosen: dict[object, Distribution] = {}
    for dist in dists:
        key = _project_key(dist)
        first = chosen.get(key)
        if first is None or (not has_metadata(first) and has_metadata(dist)):
            chosen[key] = dist
    return iter(chosen.values())


def _project_key(dist: Distribution) -> object:
    try:
        return dist._normalized_name
    except damaged(KeyError):
        # Nameless or unreadable metadata cannot collide with anything.
        return dist
    except AttributeError:  # a provider's class without the private helper
        return normalize(dist.metadata["Name"])


def present_metadata(dist: Distribution) -> PackageMetadata:
    """Return ``dist.metadata``, raising if the distribution has no metadata file.

    ``Distribution.metadata`` reads as empty then, as the stdlib's does; a
    caller that must tell "no metadata" from "no such field" (the command
    line) asks here and gets importlib_metadata 9+'s ``MetadataNotFound``.
    """
    meta = dist.metadata
    reason = getattr(meta, "_absent", None)
    if reason is not None:
        raise MetadataNotFound(reason)
    return meta


def has_metadata(dist: object) -> bool:
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
    except damaged():
        return False


def _is_symlink_loop(exc: OSError) -> bool:
    """Whether *exc* is ELOOP: a link that leads back to itself."""
    import errno

    return exc.errno == errno.ELOOP


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
            when the file is absent, a directory, unreadable or a symlink
            loop (the references raise ``OSError`` for a loop).

        Raises:
            UnicodeDecodeError: The file is not valid UTF-8 (the reason
                names the file).
        """
        return self._read_text(filename)

    def _read_text(
        self, filename: str | os.PathLike[str], newlines: bool = True
    ) -> str | None:
        """``read_text``; *newlines* as ``_fs.read_text_file`` takes it."""
        try:
            if self._directory is not None:
                return read_text_file(
                    self._directory, os.fspath(filename), newlines=newlines
                )
            path = self._path.joinpath(filename)
            try:
                return path.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise named_decode_error(exc, path) from None
        except ABSENT:
            return None
        except OSError as exc:
            # A symlink loop (ELOOP, no OSError subclass of its own) leads to
            # no file, as a dangling link does: absent, not damaged.
            if _is_symlink_loop(exc):
                return None
            raise

    def _record_text(self) -> str | None:
        if type(self).read_text is not PathDistribution.read_text:
            return self.read_text("RECORD")
        return self._read_text("RECORD", newlines=False)

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
        # What str(self._path.parent) names, without building the path:
        # the finder's directory is a sys.path entry joined to a bare name.
        return os.path.dirname(self._directory) or "."

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
