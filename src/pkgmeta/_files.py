"""``PackagePath``, ``FileHash`` and the installed-files lists they are read from."""

from __future__ import annotations

import os

from ._compat import preload

preload("pathlib")  # bytes entries on sys.path, 3.8-3.10: see preload
import pathlib  # noqa: E402

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from ._protocols import IDistribution as _Dist
    from ._protocols import SimplePath


# Imported where first needed: csv, by the RECORD reader only (preloaded past
# bytes entries on sys.path, as pathlib is above).

__all__ = ["FileHash", "PackagePath", "RecordError", "files_of", "parse_record"]


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
    lines = _record_lines(dist) or _installed_lines(dist) or _sources_lines(dist)
    if lines is None:
        return None
    if root is None:
        return _parse_rows(lines, dist, _located_exists)
    if os.access not in os.supports_dir_fd:  # Windows: no faccessat()
        join = os.path.join
        exists = os.path.exists
        return _parse_rows(
            lines, dist, lambda name, path: exists(join(root, _target(name, path)))
        )
    directory = _open_directory(root)
    try:
        return _parse_rows(lines, dist, _exists_below(root, directory))
    finally:
        if directory is not None:
            os.close(directory)


def _located_exists(name: str, path: PackagePath) -> bool:
    return path.locate().exists()


def _target(name: str, path: PackagePath) -> str:
    """Return what to ``stat`` for RECORD path *name*, parsed as *path*.

    The raw name names the same file as ``str(path)`` (the kernel, like
    pathlib, ignores ``//`` and inner ``.`` components) except at its end,
    where pathlib drops a ``/`` or ``/.`` that makes ``stat`` demand a
    directory. Rendering *path* is avoided when possible: it is the
    costliest step per row on 3.12+.
    """
    return str(path) if not name or name[-1] in "/." else name


def _open_directory(root: str) -> int | None:
    """Open *root* for ``dir_fd`` lookups; ``None`` when it cannot be opened."""
    try:
        return os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except (OSError, ValueError):
        return None


def _exists_below(
    root: str, directory: int | None
) -> Callable[[str, PackagePath], bool]:
    """Return the existence test for RECORD paths relative to *root*.

    ``os.access(F_OK)`` asks the kernel the question ``os.path.exists``
    asks (effective ids: same permission rules as ``stat``) without
    building a ``stat_result``; through *directory* the kernel also skips
    walking *root* for every row. Together they halve the cost per row.
    """
    access = os.access
    effective = os.access in os.supports_effective_ids
    if directory is None:
        prefix = os.path.join(root, "")

        def exists(name: str, path: PackagePath) -> bool:
            target = _target(name, path)
            if target[:1] != "/":
                target = prefix + target
            try:
                return access(target, os.F_OK, effective_ids=effective)
            except ValueError:  # a NUL in the name (csv accepts it from 3.11)
                return False

        return exists

    def exists_at(name: str, path: PackagePath) -> bool:
        try:
            return access(
                _target(name, path), os.F_OK, dir_fd=directory, effective_ids=effective
            )
        except ValueError:  # a NUL in the name (csv accepts it from 3.11)
            return False

    return exists_at


def _record_lines(dist: _Dist) -> list[str] | None:
    text = dist.read_text("RECORD")
    return text.splitlines() if text else None


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
    lines: Iterable[str], dist: _Dist, keep: Callable[[str, PackagePath], bool]
) -> list[PackagePath]:
    """Turn RECORD-style CSV *lines* into the ``PackagePath`` objects *keep* accepts.

    *keep* is given each row's raw path and its ``PackagePath``; a row csv
    cannot read ends the list with the rows read before it.
    """
    paths: list[PackagePath] = []
    append = paths.append
    try:
        for name, spec, size in parse_record(lines):
            path = PackagePath(name)
            path.hash = FileHash(spec) if spec else None
            if size:
                try:
                    path.size = int(size)
                except ValueError:
                    path.size = None
            else:
                path.size = None
            path.dist = dist
            if keep(name, path):
                append(path)
    except RecordError:
        pass
    return paths


class RecordError(ValueError):
    """``RECORD`` cannot be read on from some line (a ``csv.Error``)."""


def parse_record(lines: Iterable[str]) -> Iterator[tuple[str, str, str]]:
    """Yield ``(path, hash, size)`` of each non-empty ``RECORD`` row, as written.

    The one reader of the format (spec: Recording installed projects), for
    ``files()`` and ``verify`` alike: CSV as the ``csv`` module reads it; a
    row's missing columns are ``""``, columns past the third are ignored.

    Raises:
        RecordError: csv cannot read on (a NUL byte before 3.11, a field over
            the CSV field limit); the message names the line. The rows
            before it have been yielded.
    """
    preload("csv")  # bytes entries on sys.path, 3.8-3.10
    import csv

    reader = csv.reader(lines)
    try:
        for row in reader:
            if row:
                columns = len(row)
                yield (
                    row[0],
                    row[1] if columns > 1 else "",
                    row[2] if columns > 2 else "",
                )
    except csv.Error as exc:
        raise RecordError(f"unreadable from line {reader.line_num}: {exc}") from exc
