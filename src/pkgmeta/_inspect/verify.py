"""Checking the files a distribution installed against its ``RECORD``.

``RECORD`` (spec: Recording installed projects) is a CSV file of
``path,hash,size`` rows. Paths are relative to the directory holding the
``.dist-info`` directory (``../../bin/tool`` for scripts) or absolute; a hash
is ``<algorithm>=<digest>`` with a ``hashlib.algorithms_guaranteed``
algorithm and the digest in urlsafe base64 without ``=`` padding; either
column may be empty (``RECORD`` itself, byte-code files).

A ``RECORD`` is data from the distribution, and its rows may name anything
(``/dev/zero``, a named pipe, a symlink loop): only regular files are
opened, never blocking, and never read past the size the row promises.
"""

from __future__ import annotations

import base64
import binascii
import errno
import hashlib
import os
import stat

from .._errors import damaged
from .._fs import READ_FLAGS
from .._record import RecordError, parse_record

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Iterator

    from .._distribution import Distribution
    from .._protocols import SimplePath

__all__ = [
    "INVALID",
    "MISSING",
    "MODIFIED",
    "NOT_A_FILE",
    "UNREADABLE",
    "Problem",
    "Verification",
    "verify",
]

# Problem kinds, as ``verify --json`` spells them.
MISSING = "missing"  # listed, not on disk
MODIFIED = "modified"  # size or digest differs from the row
UNREADABLE = "unreadable"  # on disk, but cannot be read
NOT_A_FILE = "not-a-file"  # a pipe, socket or device: never opened
INVALID = "invalid-record"  # the row itself is malformed: nothing to compare

_CHUNK = 1 << 20

# What Windows reports for a symlink loop (ERROR_CANT_RESOLVE_FILENAME).
_WINDOWS_LOOP = 1921


class Problem:
    """One thing wrong with one ``RECORD`` row.

    Args:
        path: The path as the row writes it.
        kind: ``missing``, ``modified``, ``unreadable``, ``not-a-file`` or
            ``invalid-record``.
        detail: A few words for a human.
    """

    __slots__ = ("detail", "kind", "path")

    def __init__(self, path: str, kind: str, detail: str) -> None:
        self.path = path
        self.kind = kind
        self.detail = detail

    def __repr__(self) -> str:
        return f"Problem({self.path!r}, {self.kind!r}, {self.detail!r})"

    def as_json(self) -> dict[str, str]:
        """Return the ``verify --json`` form: ``path``, ``kind``, ``detail``."""
        return {"path": self.path, "kind": self.kind, "detail": self.detail}


class Verification:
    """What checking one distribution found.

    Attributes:
        has_record: Whether the distribution has a non-empty ``RECORD``;
            without one nothing can be checked (``unverifiable``).
        checked: How many rows were checked.
        problems: What was wrong, in ``RECORD`` order.
    """

    __slots__ = ("checked", "has_record", "problems")

    def __init__(self, has_record: bool) -> None:
        self.has_record = has_record
        self.checked = 0
        self.problems: list[Problem] = []

    @property
    def status(self) -> str:
        """``ok``, ``failed`` (some problem) or ``unverifiable`` (no RECORD)."""
        if self.problems:
            return "failed"
        return "ok" if self.has_record else "unverifiable"


def verify(dist: Distribution) -> Verification:
    """Check every file in the ``RECORD`` of *dist* for existence, size and hash.

    Rows without a hash or size are only checked to exist, and a missing
    ``.pyc`` is no problem: byte-code is a cache that may be cleared.

    Args:
        dist: Any distribution; files are found with ``locate_file``.

    Returns:
        The outcome; never raises for a broken ``RECORD`` or file.
    """
    try:
        text = dist.read_text("RECORD")
    except ValueError as exc:  # UnicodeDecodeError
        result = Verification(has_record=True)
        result.problems.append(Problem("RECORD", INVALID, f"cannot be decoded: {exc}"))
        return result
    if not text:
        return Verification(has_record=False)
    result = Verification(has_record=True)
    for path, hash_spec, size in _rows(text, result.problems):
        result.checked += 1
        problem = _check(dist, path, hash_spec, size)
        if problem is not None:
            result.problems.append(problem)
    return result


def _rows(text: str, problems: list[Problem]) -> Iterator[tuple[str, str, str]]:
    """Yield ``(path, hash, size)`` per row naming a path; a CSV error ends the rows."""
    try:
        for row in parse_record(text.splitlines()):
            if row[0]:
                yield row
    except RecordError as exc:
        problems.append(Problem("RECORD", INVALID, str(exc)))


def _check(dist: Distribution, path: str, hash_spec: str, size: str) -> Problem | None:
    """Return what is wrong with the file of one row, or ``None``."""
    expected_size: int | None = None
    if size:
        # isascii: "²".isdigit() is true, and int() refuses it
        expected_size = int(size) if size.isascii() and size.isdigit() else None
        if expected_size is None:
            return Problem(path, INVALID, f"size {size!r} is not a byte count")
    expected: tuple[str, bytes] | None = None
    if hash_spec:
        expected_or_error = _parse_hash(hash_spec)
        if isinstance(expected_or_error, str):
            return Problem(path, INVALID, expected_or_error)
        expected = expected_or_error
    try:
        located = dist.locate_file(path)
    except (NotImplementedError, TypeError, ValueError) as exc:
        # a custom distribution that installs nothing on disk
        return Problem(path, UNREADABLE, f"cannot be located: {_strerror(exc)}")
    if isinstance(located, os.PathLike):
        return _check_file(path, located, expected, expected_size)
    return _check_member(path, located, expected, expected_size)


def _check_member(
    path: str,
    located: SimplePath,
    expected: tuple[str, bytes] | None,
    expected_size: int | None,
) -> Problem | None:
    """Check a row found by a non-filesystem path: a zip member, read whole."""
    try:
        if expected is None and expected_size is None:
            if not located.exists() and not path.endswith(".pyc"):
                return Problem(path, MISSING, "not found")
            return None
        data = located.read_bytes()
    except damaged() as exc:
        return _failure(path, exc, exists_only=False)
    if expected_size is not None and len(data) != expected_size:
        return _size_differs(path, len(data), expected_size)
    if expected is not None and hashlib.new(expected[0], data).digest() != expected[1]:
        return _digest_differs(path, expected[0])
    return None


def _check_file(
    path: str,
    located: os.PathLike[str],
    expected: tuple[str, bytes] | None,
    expected_size: int | None,
) -> Problem | None:
    """Check a row found on the filesystem: ``stat`` first, open regular files only.

    The size is compared before any byte is read, so a file larger than
    promised costs one ``stat``; a hash-less row is never opened.
    """
    exists_only = expected is None and expected_size is None
    try:
        status = os.stat(located)
    except damaged() as exc:
        return _failure(path, exc, exists_only)
    if exists_only:
        return None
    if not stat.S_ISREG(status.st_mode):
        return _not_regular(path, status.st_mode)
    if expected_size is not None and status.st_size != expected_size:
        return _size_differs(path, status.st_size, expected_size)
    if expected is None:
        return None
    try:
        return _hash_file(path, located, expected, expected_size)
    except damaged() as exc:  # replaced, removed or refused since the stat
        return _failure(path, exc, exists_only=False)


def _hash_file(
    path: str,
    located: os.PathLike[str],
    expected: tuple[str, bytes],
    expected_size: int | None,
) -> Problem | None:
    """Hash the file, reading at most one byte more than its size can be.

    The bound is the row's size, else the size ``fstat`` reports: a file
    that grows while read (or a ``/proc`` file, whose size says 0) is not
    read on without end.
    """
    algorithm, wanted = expected
    fd = os.open(located, READ_FLAGS)  # a FIFO swapped in cannot block
    try:
        status = os.fstat(fd)  # the file opened, which may not be the one stat saw
        if not stat.S_ISREG(status.st_mode):
            return _not_regular(path, status.st_mode)
        limit = status.st_size if expected_size is None else expected_size
        if status.st_size != limit:
            return _size_differs(path, status.st_size, limit)
        hasher = hashlib.new(algorithm)
        size = 0
        while size <= limit:
            # up to the size, then one byte more: does the file end there?
            chunk = os.read(fd, min(_CHUNK, limit - size) or 1)
            if not chunk:
                break
            size += len(chunk)
            hasher.update(chunk)
    finally:
        os.close(fd)
    if size > limit:
        if expected_size is None:
            return Problem(path, UNREADABLE, "cannot be read: it grew while read")
        return Problem(
            path, MODIFIED, f"size is over {limit} bytes, RECORD says {limit}"
        )
    if size != limit:  # it shrank while read
        return _size_differs(path, size, limit)
    if hasher.digest() != wanted:
        return _digest_differs(path, algorithm)
    return None


def _failure(path: str, exc: BaseException, exists_only: bool) -> Problem | None:
    """Return the problem of a file that could not be stat-ed or read.

    A hash-less row only asks whether the file exists, so any failure but
    a symlink loop makes it missing (as ``os.path.exists`` says).
    """
    if isinstance(exc, OSError) and (
        exc.errno == errno.ELOOP or getattr(exc, "winerror", None) == _WINDOWS_LOOP
    ):
        return Problem(
            path, UNREADABLE, f"cannot be read: a symlink loop ({_strerror(exc)})"
        )
    if exists_only or isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return None if path.endswith(".pyc") else Problem(path, MISSING, "not found")
    return Problem(path, UNREADABLE, f"cannot be read: {_strerror(exc)}")


def _not_regular(path: str, mode: int) -> Problem:
    """Return the problem of a row naming what is no regular file."""
    if stat.S_ISDIR(mode):  # unreadable, as when open() refused it
        return Problem(path, UNREADABLE, "cannot be read: is a directory")
    return Problem(path, NOT_A_FILE, f"{_file_type(mode)}: only regular files are read")


def _file_type(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return f"a file of type {stat.S_IFMT(mode):#o}"


def _size_differs(path: str, found: int, expected: int) -> Problem:
    return Problem(path, MODIFIED, f"size is {found} bytes, RECORD says {expected}")


def _digest_differs(path: str, algorithm: str) -> Problem:
    return Problem(path, MODIFIED, f"{algorithm} digest differs from RECORD")


def _parse_hash(spec: str) -> tuple[str, bytes] | str:
    """Return ``(algorithm, digest)`` of a hash column, or what is wrong with it."""
    mode, sep, value = spec.partition("=")
    algorithm = mode.lower()
    if not sep or not value:
        return f"hash {spec!r} is not <algorithm>=<digest>"
    # shake_* digests have no fixed length: they cannot appear in a RECORD
    if algorithm not in hashlib.algorithms_guaranteed or algorithm.startswith("shake_"):
        return f"unsupported hash algorithm {mode!r}"
    try:
        # the spec writes no padding; restore it for the decoder
        digest = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return f"hash digest {value!r} is not urlsafe base64"
    try:
        digest_size = hashlib.new(algorithm).digest_size
    except ValueError:  # refused by the OpenSSL policy (md5 in FIPS mode)
        return f"unsupported hash algorithm {mode!r}"
    if len(digest) != digest_size:
        return f"hash digest {value!r} is too short or too long for {algorithm}"
    return algorithm, digest


def _strerror(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
