"""The public exceptions, and the families of faults ``docs/faults.md`` promises, once.

Every ``except`` that decides "absent", "damaged" or "a misbehaving finder"
uses a family from here, so that a library call and a CLI command given the
same broken file make the same decision. Families that name ``zipfile`` or
``zlib`` classes are functions evaluated in the ``except`` clause, which
Python only does while an exception is being handled: a damaged archive can
only have been read once ``zipfile`` was imported, so nothing is imported
here.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    import zipfile

# zipfile is imported by damaged_member() only, which runs once a member
# has been read, so it is loaded already.

__all__ = [
    "ABSENT",
    "FINDER_ERRORS",
    "MetadataNotFound",
    "PackageNotFoundError",
    "damaged",
    "damaged_member",
    "encrypted_member",
    "named_decode_error",
    "zip_errors",
]


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


# Absent: what opening a metadata file raises when the reference reads it as
# "no such file" (``read_text`` returns ``None``); KeyError is a missing zip
# member of a ``zipfile.Path``.
ABSENT = (
    FileNotFoundError,
    IsADirectoryError,
    KeyError,
    NotADirectoryError,
    PermissionError,
)

# A misbehaving third-party finder: what ``diagnose`` reports instead of
# dying. Anything else is a bug that deserves its traceback.
FINDER_ERRORS = (
    AttributeError,
    ImportError,
    LookupError,
    OSError,
    RuntimeError,
    TypeError,
    ValueError,
)


def zip_errors(*also: type[BaseException]) -> tuple[type[BaseException], ...]:
    """Return what ``zipfile`` raises for a damaged or foreign zip, and *also*.

    Seen when fuzzing truncated and bit-flipped archives (tests/test_zip.py):
    ``BadZipFile``, ``zlib.error`` (bad deflate data), ``struct.error`` and
    ``EOFError`` (short reads), ``NotImplementedError`` (an unknown
    compression method or zip version).
    """
    errors: tuple[type[BaseException], ...] = (EOFError, NotImplementedError, *also)
    for module, name in (
        ("zipfile", "BadZipFile"),
        ("zlib", "error"),
        ("struct", "error"),
    ):
        loaded = sys.modules.get(module)
        if loaded is not None:
            errors += (getattr(loaded, name),)
    return errors


def damaged(*also: type[BaseException]) -> tuple[type[BaseException], ...]:
    """Return what reading a damaged distribution raises, and *also*.

    Meant for ``except damaged() as exc``: a file that cannot be read
    (``OSError``, ``MetadataNotFound`` included) or content that cannot be
    decoded or parsed (``ValueError``: bad UTF-8, invalid JSON, a damaged
    member of pkgmeta's own zip reader). A ``zipfile.Path`` that a foreign
    finder's distribution reads through raises ``zipfile``'s own errors,
    which are no ``ValueError``. Environment-wide calls skip a distribution
    that raises one of these; calls about one distribution let it propagate.
    """
    errors: tuple[type[BaseException], ...] = (OSError, ValueError, EOFError, *also)
    for module, name in (("zipfile", "BadZipFile"), ("zlib", "error")):
        loaded = sys.modules.get(module)
        if loaded is not None:
            errors += (getattr(loaded, name),)
    return errors


def named_decode_error(exc: UnicodeDecodeError, path: object) -> UnicodeDecodeError:
    """Return *exc* with *path* in its reason: same type, bytes and offsets."""
    reason = f"{exc.reason} (in {path})"
    return UnicodeDecodeError(exc.encoding, exc.object, exc.start, exc.end, reason)


# The class of damaged_member()'s errors, defined on first use: its base
# class comes from zipfile, which is imported only once an archive is read.
# Two threads racing here make two equivalent classes, which is harmless.
_bad_member_class: type[zipfile.BadZipFile] | None = None


def damaged_member(archive: str, member: str, reason: str) -> zipfile.BadZipFile:
    """Return the error for the damaged *member* of *archive*, naming both.

    It is a ``zipfile.BadZipFile``, which the stdlib's ``zipfile.Path``
    raises for most such damage, and a ``ValueError``, like the other faults
    in the content of a metadata file (``UnicodeDecodeError``,
    ``json.JSONDecodeError``).
    """
    global _bad_member_class  # one class per process, made when first needed
    if _bad_member_class is None:
        import zipfile

        class BadZipMember(zipfile.BadZipFile, ValueError):
            """A zip member whose data cannot be read back."""

        _bad_member_class = BadZipMember
    return _bad_member_class(f"{reason}: member {member!r} of zip archive {archive}")


class EncryptedZipMember(RuntimeError, ValueError):
    """A zip member that cannot be read without a password.

    A ``RuntimeError``, as ``zipfile`` raises for it, and a ``ValueError``,
    so that ``damaged()`` covers it: environment-wide calls skip the one
    distribution instead of failing for every neighbour.
    """


def encrypted_member(archive: str, member: str, reason: str) -> EncryptedZipMember:
    """Return the error for the encrypted *member* of *archive*, naming both.

    *reason* is ``zipfile``'s own message ("File ... is encrypted, password
    required for extraction"), kept first so that code matching it still does.
    """
    return EncryptedZipMember(f"{reason}: member {member!r} of zip archive {archive}")
