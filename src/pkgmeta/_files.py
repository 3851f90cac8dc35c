"""``PackagePath``, ``FileHash`` and the installed-files lists they are read from."""

from __future__ import annotations

import os

from ._compat import PATHS_PARSED_WHEN_MADE, preload
from ._fs import FilesBelow
from ._record import RecordError, parse_record, parse_record_text

preload("pathlib")  # bytes entries on sys.path, 3.8-3.10: see preload
import pathlib  # noqa: E402

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

    from ._protocols import IDistribution as _Dist
    from ._protocols import SimplePath

__all__ = ["FileHash", "PackagePath", "files_of"]


class FileHash:
    """A ``RECORD`` hash column, ``<algorithm>=<urlsafe-base64 digest>``.

    .. versionadded:: 0.1

    Args:
        spec: The column as written; split on its first ``=``.

    Attributes:
        mode (str): The hash algorithm (``sha256``); all of *spec* when it
            has no ``=``.
        value (str): The digest, URL-safe base64 without padding; ``""``
            when *spec* has no ``=``.
    """

    def __init__(self, spec: str) -> None:
        self.mode, _, self.value = spec.partition("=")

    def __repr__(self) -> str:
        return f"<FileHash mode: {self.mode} value: {self.value}>"


class PackagePath(pathlib.PurePosixPath):
    """A file a distribution installed, relative to where it was installed.

    Compares, hashes and splits like ``PurePosixPath``. Paths derived from
    it (``parent``, ``/``) are ``PackagePath`` objects without ``hash``,
    ``size`` and ``dist``, as in the stdlib.

    .. versionadded:: 0.1

    Attributes:
        hash (FileHash | None): The hash recorded in ``RECORD``, if any.
        size (int | None): The size in bytes recorded in ``RECORD``, if any
            (``None`` too for a size that is not an integer).
        dist (Distribution): The distribution that installed the file; what
            ``read_text``, ``read_binary`` and ``locate`` go through.
    """

    hash: FileHash | None
    size: int | None
    dist: _Dist

    if PATHS_PARSED_WHEN_MADE:

        def __getattr__(self, name: str) -> Any:
            """Parse a path ``files()`` made unparsed, when pathlib first needs it.

            Only the parsed parts are looked up here (every other name raises
            ``AttributeError`` as usual): 3.8-3.11 keep them in slots, and a
            slot not yet set falls back to ``__getattr__``.
            """
            raw = vars(self).get("_unparsed") if name in _PARSED_SLOTS else None
            if raw is None:
                if name[:1] == "_":  # pathlib's own caches (_str, _hash): cheap
                    raise AttributeError(name)
                raise AttributeError(
                    f"{type(self).__name__!r} object has no attribute {name!r}"
                )
            # Parsing again in another thread meanwhile sets the same values.
            parsed = type(self)._parse_args((raw,))  # type: ignore[attr-defined]
            for slot, value in zip(_PARSED_SLOTS, parsed):
                object.__setattr__(self, slot, value)
            return getattr(self, name)

    def read_text(self, encoding: str = "utf-8") -> str:
        """Return the file's content decoded with *encoding*.

        Args:
            encoding: The codec to decode with; newlines are universal.

        Returns:
            The decoded text of the file at ``locate()``.

        Raises:
            FileNotFoundError: The file is gone (and the other ``OSError``
                subclasses when it cannot be read: ``IsADirectoryError``,
                ``PermissionError``).
            UnicodeDecodeError: The content is not valid in *encoding*.
            ValueError: The file is a damaged zip member
                (``zipfile.BadZipFile``).
            LookupError: *encoding* names no codec.
            AttributeError: The path has no ``dist`` (built by hand or
                derived with ``parent`` or ``/``).
        """
        return self.locate().read_text(encoding=encoding)

    def read_binary(self) -> bytes:
        """Return the file's content, as bytes.

        Returns:
            The bytes of the file at ``locate()``.

        Raises:
            FileNotFoundError: The file is gone (and the other ``OSError``
                subclasses when it cannot be read: ``IsADirectoryError``,
                ``PermissionError``).
            ValueError: The file is a damaged zip member
                (``zipfile.BadZipFile``).
            AttributeError: The path has no ``dist`` (built by hand or
                derived with ``parent`` or ``/``).
        """
        return self.locate().read_bytes()

    def locate(self) -> SimplePath:
        """Return the file's location, as the distribution resolves it.

        Returns:
            The path ``dist.locate_file(self)`` gives, a ``pathlib.Path``
            for a distribution in a directory or a zip path for one in a
            zip; it need not exist.

        Raises:
            AttributeError: The path has no ``dist`` (built by hand or
                derived with ``parent`` or ``/``).
        """
        return self.dist.locate_file(self)


# The slots of the parsed parts of a path (3.8-3.11), in _parse_args' order.
_PARSED_SLOTS = ("_drv", "_root", "_parts")


def _unparsed_path(name: str) -> PackagePath:
    """``PackagePath(name)``, parsed on first use (3.8-3.11 parse when made).

    ``files()`` makes a path per RECORD row and most are never looked into;
    pathlib's parse is most of a row's cost there.
    """
    path = object.__new__(PackagePath)
    path._unparsed = name  # type: ignore[attr-defined]
    return path


_make_path = _unparsed_path if PATHS_PARSED_WHEN_MADE else PackagePath


def files_of(dist: _Dist, *, root: str | None = None) -> list[PackagePath] | None:
    """Return the files *dist* installed that still exist, as ``Distribution.files``.

    The list comes from the first of these that has content: ``RECORD``
    (CSV rows ``path,hash,size``); ``installed-files.txt`` (paths relative
    to the egg-info directory, made relative to ``dist.locate_file('')``,
    walking up with ``..`` when they lie outside it, on every Python); or
    ``SOURCES.txt``, whose mere presence gives a list, even an empty one.
    Rows whose ``locate()`` does not exist are left out (the 3.12+
    behaviour, applied on every Python).

    Where the reference (importlib_metadata 10.2) raises, this does not:

    - a row with more than 3 columns uses the first 3 (reference: TypeError);
    - an empty row is skipped (reference: TypeError);
    - a size that is not an integer gives ``size=None`` (reference:
      ValueError);
    - a ``csv.Error`` (a NUL byte before 3.11, a field over the CSV field
      limit) ends the list with the rows read before it;
    - a distribution whose ``_path`` cannot ``resolve()`` (a zip member)
      has its ``installed-files.txt`` paths normalized lexically
      (reference: AttributeError).

    Args:
        dist: A distribution: ``read_text`` and ``locate_file`` are used,
            and ``_path`` (its metadata directory) for
            ``installed-files.txt``.
        root: Pass it only when ``dist.locate_file(p)`` is known to be the
            file system path ``os.path.join(root, str(p))`` (a plain
            directory distribution): existence is then asked of the kernel
            directly, about a third of the cost of a path object per row.
            It means what ``os.path.exists`` means: false, never an error,
            for a path that cannot be checked (3.13's ``Path.exists``;
            earlier ones raise ``PermissionError`` for some).

    Returns:
        The files, or ``None`` when *dist* has none of the three lists.
    """
    # A pkgmeta Distribution reads it without translating line ends.
    read_record = getattr(dist, "_record_text", None)
    text = read_record() if read_record is not None else dist.read_text("RECORD")
    if text:
        rows = parse_record_text(text)
    else:
        lines = _installed_lines(dist) or _sources_lines(dist)
        if lines is None:
            return None
        rows = parse_record(lines)
    if root is None:
        return _parse_rows(rows, dist, None)
    with FilesBelow(root) as below:
        return _parse_rows(rows, dist, below.exists)


def _target(name: str, path: PackagePath) -> str:
    """Return what to ask the kernel about for RECORD path *name*, parsed as *path*.

    The raw name names the same file as ``str(path)`` (the kernel, like
    pathlib, ignores ``//`` and inner ``.`` components) except at its end,
    where pathlib drops a ``/`` or ``/.`` that makes ``stat`` demand a
    directory. Rendering *path* is avoided when possible: it is the
    costliest step per row on 3.12+.
    """
    return str(path) if not name or name[-1] in "/." else name


def _installed_lines(dist: _Dist) -> list[str] | None:
    """Return ``installed-files.txt`` as RECORD lines relative to the install root.

    The file lists paths relative to the egg-info directory (``../foo.py``,
    ``../../../bin/foo``), which pip writes for legacy installs.
    """
    text = dist.read_text("installed-files.txt")
    # Only a path-based distribution knows its egg-info directory.
    subdir = getattr(dist, "_path", None)
    if not text or not subdir:
        return None
    start = _resolved(dist.locate_file(""))
    lines = []
    for name in text.splitlines():
        # os.path.relpath walks up with ``..`` on every Python, like
        # ``relative_to(walk_up=True)`` on 3.12+ (CPython issue 84538):
        # packages such as dask-labextension install outside site-packages.
        relative = os.path.relpath(_resolved(subdir / name), start)
        if os.sep != "/":
            relative = relative.replace(os.sep, "/")
        # Quoted like the stdlib does, so a comma stays part of the path.
        lines.append(f'"{relative}"')
    return lines


def _resolved(path: SimplePath) -> str:
    """Return *path* with symlinks resolved when it is on the file system.

    ``os.path.realpath`` is what ``Path.resolve()`` does on 3.13, and it
    gives up quietly on a symlink loop, where ``resolve()`` raises
    ``RuntimeError`` before 3.13; a path the OS cannot be asked about (a NUL
    byte in ``installed-files.txt``) is kept as written. Zip members cannot
    be resolved; they are compared lexically instead (``relpath``
    normalizes ``..``).
    """
    if isinstance(path, pathlib.Path):
        try:
            return os.path.realpath(path)
        except ValueError:  # an embedded NUL: lstat() refuses it on 3.13
            return str(path)
    resolve = getattr(path, "resolve", None)
    return str(resolve() if resolve is not None else path)


def _sources_lines(dist: _Dist) -> list[str] | None:
    text = dist.read_text("SOURCES.txt")
    if text is None:
        return None
    return [f'"{line}"' for line in text.splitlines()]


def _parse_rows(
    rows: Iterator[tuple[str, str, str]],
    dist: _Dist,
    exists: Callable[[str], bool] | None,
) -> list[PackagePath]:
    """Turn RECORD-style *rows* into ``PackagePath`` objects of files that exist.

    *exists* is asked about each row's path as ``_target`` gives it; without
    it, each path's ``locate()`` is. A row csv cannot read ends the list with
    the rows read before it.
    """
    paths: list[PackagePath] = []
    append = paths.append
    make_path = _make_path
    try:
        for name, spec, size in rows:
            path = make_path(name)
            path.hash = FileHash(spec) if spec else None
            if size:
                try:
                    path.size = int(size)
                except ValueError:
                    path.size = None
            else:
                path.size = None
            path.dist = dist
            if exists(_target(name, path)) if exists else path.locate().exists():
                append(path)
    except RecordError:
        pass
    return paths
