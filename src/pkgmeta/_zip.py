"""A read-only path view into a zip archive on ``sys.path`` (wheels, eggs)."""

from __future__ import annotations

import errno
import io
import os
import posixpath
import stat
import sys

from ._archive import Listing, cached_listing, describe, read_member, reread

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if not TYPE_CHECKING:
    # typing.overload without importing typing: the implementation that
    # follows the overloads replaces them
    def overload(func):
        return func


if TYPE_CHECKING:
    import pathlib
    import zipfile
    from collections.abc import Iterator
    from typing import IO, Any, Literal, Union, overload

    from ._protocols import SimplePath

    _StrPath = Union[str, os.PathLike[str]]

# Imported where first needed: zipfile (it pulls in bz2 and lzma, ~5 ms) and
# zlib, once an archive is read; re (and fnmatch for a [set]) by glob();
# pathlib for the parent of the root, filename and match() only.

__all__ = ["ZipPath"]


# 3.14's pathlib splits names as "a." -> "a" + "." and "..a" -> "..a" + "";
# 3.8-3.13 split them "a." + "" and "." + ".a". ZipPath splits as the running
# Python's PurePosixPath does, like zipfile.Path and PackagePath.
_TRAILING_DOT_IS_A_SUFFIX = sys.version_info >= (3, 14)


def _split_suffix(name: str) -> tuple[str, str]:
    """Split *name* into stem and suffix as the running ``PurePosixPath`` does."""
    if _TRAILING_DOT_IS_A_SUFFIX:
        bare = name.lstrip(".")
        dot = bare.rfind(".")
        cut = len(name) - len(bare) + dot if dot != -1 else len(name)
    else:
        dot = name.rfind(".")
        cut = dot if 0 < dot < len(name) - 1 else len(name)
    return name[:cut], name[cut:]


class ZipPath:
    """A file or directory inside a zip archive, like ``zipfile.Path``.

    Unlike ``zipfile.Path`` it holds no open archive. The member names come
    from a cache shared by all paths, read once per archive and again when
    the file changes (see ``_stamp``). A path takes its view of the names
    from that cache on first use, and paths derived from it (``joinpath``,
    ``parent``, ``iterdir``) share that view, as ``zipfile.Path`` objects
    share one ``ZipFile``: resolving a thousand ``RECORD`` rows costs no
    ``stat`` per row. Each read of a member reopens the archive and closes
    it before returning; ``open()`` reads the member whole, so the file it
    returns holds no descriptor.

    The members of ``zipfile.Path`` that code calls are here, with the
    semantics of the newest (zipp 4.1, CPython 3.13) on every Python. The
    differences: the root exists, a directory may be named without its
    ``/``, ``is_symlink()`` of a missing member is ``False``, there is no
    ``root`` (no ``ZipFile`` is kept open) and writing modes are refused.

    Args:
        archive: The filesystem path of the zip file.
        at: A member path inside it, ``""`` for the root; a directory may
            be named with or without its trailing ``/``.
    """

    __slots__ = ("_view", "archive", "at")

    _view: Listing | None  # unset until first use

    def __init__(self, archive: _StrPath, at: str = "") -> None:
        self.archive = os.fspath(archive)
        self.at = at

    def _names(self) -> Listing | None:
        """The archive's listing as this path sees it (``None``: not a zip)."""
        try:
            return self._view
        except AttributeError:
            view = self._view = cached_listing(self.archive)
            return view

    def _derive(self, at: str) -> ZipPath:
        """Return the path *at* in the same archive, sharing this path's view."""
        path = ZipPath(self.archive, at)
        path._view = self._names()
        return path

    def _kind(self) -> str | None:
        listing = self._names()
        return listing.kind(self.at) if listing is not None else None

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.archive!r}, {self.at!r})"

    def __str__(self) -> str:
        return posixpath.join(self.archive, self.at)

    def _key(self) -> tuple[str, str]:
        # ``dir`` and ``dir/`` name the same member, as in pathlib.
        at = self.at
        return (self.archive, at[:-1] if at.endswith("/") else at)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ZipPath):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def joinpath(self, *others: _StrPath) -> ZipPath:
        """Return the member path *others* below this one.

        A result naming a directory gets its trailing ``/``, as
        ``zipfile.Path.joinpath`` gives it.
        """
        at = posixpath.join(self.at, *others)
        if at and not at.endswith("/"):
            listing = self._names()
            if (
                listing is not None
                and at not in listing.name_set
                and at + "/" in listing.name_set
            ):
                at += "/"
        return self._derive(at)

    def __truediv__(self, other: _StrPath) -> ZipPath:
        return self.joinpath(other)

    @property
    def parent(self) -> ZipPath | pathlib.Path:
        """The containing directory; for the root, the archive's directory."""
        if not self.at:
            import pathlib

            return pathlib.Path(self.archive).parent
        parent_at = posixpath.dirname(self.at.rstrip("/"))
        return self._derive(parent_at + "/" if parent_at else "")

    @property
    def name(self) -> str:
        """The last path component; for the root, the archive's file name."""
        if not self.at:
            return os.path.basename(self.archive)
        # Empty and ``.`` components do not count, as in PurePosixPath.
        parts = [part for part in self.at.split("/") if part and part != "."]
        return parts[-1] if parts else ""

    @property
    def suffix(self) -> str:
        """The last ``.ext`` of ``name``, or ``""``, as ``PurePosixPath`` gives it."""
        return _split_suffix(self.name)[1]

    @property
    def suffixes(self) -> list[str]:
        """Every ``.ext`` of ``name`` (``[".tar", ".gz"]``), as ``PurePosixPath``."""
        name = self.name
        if name.endswith(".") and not _TRAILING_DOT_IS_A_SUFFIX:
            return []
        return ["." + part for part in name.lstrip(".").split(".")[1:]]

    @property
    def stem(self) -> str:
        """``name`` without its ``suffix``, as ``PurePosixPath`` gives it."""
        return _split_suffix(self.name)[0]

    @property
    def filename(self) -> pathlib.Path:
        """The archive's path joined with the member's, as ``zipfile.Path`` has it."""
        import pathlib

        return pathlib.Path(self.archive).joinpath(self.at)

    def exists(self) -> bool:
        """Whether the member exists; implied directories count."""
        return self._kind() is not None

    def is_file(self) -> bool:
        """Whether the member exists and is not a directory."""
        return self._kind() == "file"

    def is_dir(self) -> bool:
        """Whether the member is an existing directory (or the archive's root)."""
        return self._kind() == "dir"

    def iterdir(self) -> Iterator[ZipPath]:
        """Return the children of this directory, in archive order.

        Raises:
            ValueError: This is not an existing directory (``zipfile.Path``
                raises the same for a file).
        """
        listing = self._names()
        if listing is None or listing.kind(self.at) != "dir":
            raise ValueError(f"not a directory in the zip: {self}")
        return self._children(listing)

    def _children(self, listing: Listing) -> Iterator[ZipPath]:
        base = self.at.rstrip("/")
        for name in listing.names:
            if posixpath.dirname(name.rstrip("/")) == base:
                yield self._derive(name)

    def read_bytes(self) -> bytes:
        """Return the member's content.

        Raises:
            FileNotFoundError: No such member (or the archive is not a zip).
            IsADirectoryError: The member is a directory.
            zipfile.BadZipFile: The member's data is damaged (the error is
                also a ``ValueError``; it names the member and the archive).
            RuntimeError: The member is encrypted (also a ``ValueError``).
        """
        return self._read(None)

    def _read(self, pwd: bytes | None) -> bytes:
        """Return the member's content; *pwd* is for an encrypted member."""
        import zipfile  # loaded already: a listing was read

        # A fresh listing, not this path's view: the offsets must be those
        # of the file on disk now.
        entry = self._entry(cached_listing(self.archive))
        try:
            return read_member(self.archive, *entry, pwd)
        except zipfile.BadZipFile:
            # A rebuild the stamp could not tell apart (same size, times,
            # inode and ctime) fails the header or CRC check against the
            # old listing: read the listing once more before blaming the file.
            fresh = self._entry(reread(self.archive))
            if describe(fresh) == describe(entry):
                raise
        return read_member(self.archive, *fresh, pwd)

    def _entry(self, listing: Listing | None) -> tuple[zipfile.ZipInfo, int]:
        """Return this member's entry in *listing*, raising if it is no file."""
        kind = listing.kind(self.at) if listing is not None else None
        if listing is None or kind is None:
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(self))
        if kind == "dir":
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(self))
        return listing.entries[self.at]

    def read_text(
        self,
        encoding: str | None = None,
        errors: str | None = None,
        newline: str | None = None,
    ) -> str:
        """Return the member's content decoded as ``io.TextIOWrapper`` would.

        Newlines are universal by default, as for ``zipfile.Path.read_text``.

        Raises:
            FileNotFoundError: No such member (or the archive is not a zip).
            IsADirectoryError: The member is a directory.
            zipfile.BadZipFile: The member's data is damaged (also a
                ``ValueError``).
            RuntimeError: The member is encrypted (also a ``ValueError``).
            UnicodeDecodeError: The content is not valid in *encoding*.
        """
        data = self.read_bytes()
        with io.TextIOWrapper(
            io.BytesIO(data), encoding=encoding, errors=errors, newline=newline
        ) as stream:
            return stream.read()

    # The overloads tell a type checker what each mode returns.
    @overload
    def open(
        self,
        mode: Literal["r"] = ...,
        *args: Any,
        pwd: bytes | None = ...,
        **kwargs: Any,
    ) -> io.TextIOWrapper: ...
    @overload
    def open(self, mode: Literal["rb"], *, pwd: bytes | None = ...) -> IO[bytes]: ...
    @overload
    def open(
        self, mode: str, *args: Any, pwd: bytes | None = ..., **kwargs: Any
    ) -> IO[Any]: ...
    def open(
        self, mode: str = "r", *args: Any, pwd: bytes | None = None, **kwargs: Any
    ) -> IO[Any]:
        """Open the member for reading, as ``zipfile.Path.open`` does.

        The member is read whole and checked (CRC-32) here, so the file
        returned holds no descriptor: leaving it unclosed leaks nothing.
        Metadata files and the files ``RECORD`` lists are small.

        Args:
            mode: ``"r"`` for text (the rest of *args* and *kwargs* go to
                ``io.TextIOWrapper``: encoding, errors, newline, ...) or
                ``"rb"`` for bytes; any mode starting with ``r`` reads, as
                in ``zipfile.Path``.
            pwd: The password of an encrypted member.

        Raises:
            IsADirectoryError: The member is a directory.
            FileNotFoundError: No such member (or the archive is not a zip).
            ValueError: *mode* writes (the view is read-only) or is no
                mode ``zipfile.Path`` knows; arguments were given for a
                binary mode.
            zipfile.BadZipFile: The member's data is damaged (also a
                ``ValueError``).
            RuntimeError: The member is encrypted and *pwd* is missing or
                wrong (also a ``ValueError``).
        """
        if self.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(self))
        if mode[:1] == "w":
            # zipfile.Path says "write() requires mode 'w', 'x', or 'a'".
            raise ValueError(
                f"cannot open {self} for writing ({mode!r}): the archives"
                " pkgmeta reads are opened read-only"
            )
        if mode[:1] != "r":
            raise ValueError('open() requires mode "r" or "w"')
        if "b" in mode and (args or kwargs):
            raise ValueError("encoding args invalid for binary operation")
        stream = io.BufferedReader(io.BytesIO(self._read(pwd)))  # type: ignore[arg-type, unused-ignore]
        if "b" in mode:
            return stream
        return io.TextIOWrapper(stream, *args, **kwargs)

    def is_symlink(self) -> bool:
        """Whether the member was archived as a symbolic link.

        That is, whether its Unix mode (the high bits of the entry's external
        attributes) says so. ``False`` for a missing member and for the root,
        as in ``pathlib``; ``zipfile.Path`` raises ``KeyError`` there.
        """
        listing = self._names()
        if listing is None:
            return False
        entry = listing.entries.get(self.at) or listing.entries.get(self.at + "/")
        return entry is not None and stat.S_ISLNK(entry[0].external_attr >> 16)

    def match(self, path_pattern: str) -> bool:
        """Whether the member path matches *path_pattern* (``PurePosixPath.match``)."""
        import pathlib

        return pathlib.PurePosixPath(self.at).match(path_pattern)

    def glob(self, pattern: str) -> Iterator[ZipPath]:
        """Return the members below this directory that *pattern* matches.

        The pattern language is zipp's (``zipfile.Path.glob``): ``*`` and
        ``?`` stay within a path segment, ``**`` (alone in a segment) spans
        any number of them, ``[...]`` is a character set as in ``fnmatch``
        (``[!a]`` negates); directories match with their trailing ``/``.
        Results come in archive order, implied directories last.

        Raises:
            ValueError: *pattern* is empty, or ``**`` is part of a segment.
        """
        import re

        if not pattern:
            raise ValueError(f"Unacceptable pattern: {pattern!r}")
        at = self.at
        if at and not at.endswith("/") and self.is_dir():
            at += "/"  # a directory named without its slash, which we allow
        matches = re.compile(re.escape(at) + _translate_glob(pattern)).fullmatch
        listing = self._names()
        names = listing.names if listing is not None else []
        return (self._derive(name) for name in names if matches(name))

    def rglob(self, pattern: str) -> Iterator[ZipPath]:
        """Return ``glob("**/" + pattern)``, as ``zipfile.Path.rglob`` does.

        As there, the ``/`` this adds means a direct child of this directory
        is not matched.
        """
        return self.glob(f"**/{pattern}")

    def relative_to(self, other: ZipPath, *extra: _StrPath) -> str:
        """Return this path relative to ``other.joinpath(*extra)``, as a string.

        ``posixpath.relpath`` of the two ``str()`` forms, as in
        ``zipfile.Path``: a path outside *other* gets ``..`` segments.
        """
        return posixpath.relpath(str(self), str(other.joinpath(*extra)))


def _translate_glob(pattern: str) -> str:
    r"""Return the regular expression zipp 4.1 makes of the glob *pattern*.

    Written out rather than taken from ``zipfile._path.glob``, which 3.8 to
    3.11 lack and which 3.12 and 3.13 ship in an older form (``[!a]`` is
    not a negated set there).

    >>> _translate_glob("*/*.py")
    '(?s:[^/][^/]*/[^/]*\\.py[/]?)\\Z'
    >>> _translate_glob("a?/**")
    '(?s:a[^/]/.*[/]?)\\Z'
    """
    import re

    if any("**" in part and part != "**" for part in re.split("/+", pattern)):
        raise ValueError("** must appear alone in a path segment")
    # A lone "*" must not match an empty segment.
    pattern = re.sub(
        "[^/]+", lambda m: "?*" if m.group(0) == "*" else m.group(0), pattern
    )
    regex = []
    for match in re.finditer(r"([^\[]+)|(?P<set>[\[].*?[\]])|([\[][^\]]*$)", pattern):
        text = match.group(0)
        if match.group("set"):
            import fnmatch

            # fnmatch's set, stripped of its "(?s:...)\Z"; never a separator.
            inner = re.fullmatch(r"\(\?s:(.*)\)\\[zZ]", fnmatch.translate(text), re.S)
            regex.append("(?![/])" + (inner.group(1) if inner else re.escape(text)))
        else:
            regex.append(
                re.escape(text)
                .replace(r"\*\*", ".*")
                .replace(r"\*", "[^/]*")
                .replace(r"\?", "[^/]")
            )
    return rf"(?s:{''.join(regex)}[/]?)\Z"


if TYPE_CHECKING:

    def _is_simple_path(path: ZipPath) -> SimplePath:
        return path  # mypy checks ZipPath against the protocol here
