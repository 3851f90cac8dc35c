"""Checking the files a distribution installed against its ``RECORD``.

``RECORD`` (spec: Recording installed projects) is a CSV file of
``path,hash,size`` rows. Paths are relative to the directory holding the
``.dist-info`` directory (``../../bin/tool`` for scripts) or absolute; a hash
is ``<algorithm>=<digest>`` with a ``hashlib.algorithms_guaranteed``
algorithm and the digest in urlsafe base64 without ``=`` padding; either
column may be empty (``RECORD`` itself, byte-code files).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os

from .._errors import damaged
from .._files import RecordError, parse_record

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Iterator

    from .._distribution import Distribution
    from .._protocols import SimplePath

__all__ = [
    "INVALID",
    "MISSING",
    "MODIFIED",
    "UNREADABLE",
    "Problem",
    "Verification",
    "verify",
]

# Problem kinds, as ``verify --json`` spells them.
MISSING = "missing"  # listed, not on disk
MODIFIED = "modified"  # size or digest differs from the row
UNREADABLE = "unreadable"  # on disk, but cannot be read
INVALID = "invalid-record"  # the row itself is malformed: nothing to compare

_CHUNK = 1 << 20


class Problem:
    """One thing wrong with one ``RECORD`` row.

    Args:
        path: The path as the row writes it.
        kind: ``missing``, ``modified``, ``unreadable`` or ``invalid-record``.
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
    try:
        if expected is None and expected_size is None:
            if not _exists(located) and not path.endswith(".pyc"):
                return Problem(path, MISSING, "not found")
            return None
        found_size, digest = _measure(located, expected[0] if expected else None)
    except (FileNotFoundError, NotADirectoryError):
        if path.endswith(".pyc"):
            return None
        return Problem(path, MISSING, "not found")
    except damaged() as exc:
        return Problem(path, UNREADABLE, f"cannot be read: {_strerror(exc)}")
    if expected_size is not None and found_size != expected_size:
        return Problem(
            path, MODIFIED, f"size is {found_size} bytes, RECORD says {expected_size}"
        )
    if expected is not None and digest != expected[1]:
        return Problem(path, MODIFIED, f"{expected[0]} digest differs from RECORD")
    return None


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


def _exists(located: SimplePath) -> bool:
    if isinstance(located, os.PathLike):
        # os.path.exists is false, never an error, for a path it cannot check
        return os.path.exists(located)
    return located.exists()


def _measure(located: SimplePath, algorithm: str | None) -> tuple[int, bytes]:
    """Return the size of a file and its digest (``b""`` without *algorithm*)."""
    hasher = hashlib.new(algorithm) if algorithm else None
    if not isinstance(located, os.PathLike):  # a zip member: read it whole
        data = located.read_bytes()
        if hasher is not None:
            hasher.update(data)
        return len(data), hasher.digest() if hasher is not None else b""
    if hasher is None:
        return os.stat(located).st_size, b""
    size = 0
    with open(located, "rb") as file:
        for chunk in iter(lambda: file.read(_CHUNK), b""):
            size += len(chunk)
            hasher.update(chunk)
    return size, hasher.digest()


def _strerror(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
