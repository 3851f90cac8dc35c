"""Reading zip archives on sys.path: listings kept per file, members read in place.

An archive's central directory is read once and kept, keyed by what ``stat``
says of the file (``_stamp``); a member is read straight from its offset and
checked as ``ZipFile.read`` checks it. ``ZipPath`` (``_zip``) is the path view
built on top.
"""

from __future__ import annotations

import io
import os
import posixpath
import stat

from ._errors import damaged_member, encrypted_member, zip_errors

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    import zipfile

# Imported where first needed: zipfile (it pulls in bz2 and lzma, ~5 ms) and
# zlib, once an archive is read.

__all__ = [
    "Listing",
    "cached_listing",
    "clear_cache",
    "describe",
    "list_top_level",
    "read_member",
    "reread",
]


class Listing:
    """What one read of an archive's central directory tells us.

    ``names`` is the stdlib's ``CompleteDirs.namelist()``: the members in
    archive order, then every directory implied by a member's path (with a
    trailing ``/``) that has no entry of its own.
    """

    __slots__ = ("entries", "name_set", "names", "top_level")

    def __init__(self, infos: list[zipfile.ZipInfo], directory_start: int) -> None:
        members = [info.filename for info in infos]
        # Each member's entry and where the next local header (or the
        # central directory) starts: its data may not run past that (3.13's
        # ZipFile refuses such overlapped entries as a possible zip bomb).
        # For duplicate names the last entry wins, as in ``ZipFile.read``.
        ends = [directory_start] * len(infos)
        end = directory_start
        # Last offset first; among equal offsets the archive order is kept,
        # so the same entry is found overlapping as in ZipFile.
        for index in sorted(
            range(len(infos)), key=lambda i: infos[i].header_offset, reverse=True
        ):
            ends[index] = end
            end = infos[index].header_offset
        self.entries = {info.filename: (info, end) for info, end in zip(infos, ends)}
        implied = _implied_dirs(members)
        self.names = members + implied
        self.name_set = frozenset(self.names)
        # First components in archive order, as the stdlib's
        # ``FastPath.zip_children`` indexes them.
        self.top_level = list(dict.fromkeys(name.split("/", 1)[0] for name in members))

    def kind(self, at: str) -> str | None:
        """Return ``"file"``, ``"dir"`` or ``None`` (missing) for member path *at*.

        A directory may be named with or without its trailing ``/``.
        """
        if not at:
            return "dir"
        if at in self.name_set:
            return "dir" if at.endswith("/") else "file"
        if not at.endswith("/") and at + "/" in self.name_set:
            return "dir"
        return None


def _implied_dirs(members: list[str]) -> list[str]:
    """Return the parent directories of *members* that have no entry themselves.

    Same order and spelling as ``zipfile.Path`` (deepest parent of each member
    first; runs of ``/`` split like ``posixpath.split``), so ``iterdir``
    lists children in the order the stdlib does.

    >>> _implied_dirs(["a/b/c.txt", "a/d.txt", "a/b/"])
    ['a/']
    """
    explicit = set(members)
    seen: set[str] = set()
    implied: list[str] = []
    for name in members:
        path = name.rstrip("/")
        while True:
            path = posixpath.split(path)[0]
            if not path.rstrip("/"):
                break
            directory = path + "/"
            if directory in seen:
                # Its own parents were all recorded when it was first seen.
                break
            if directory not in explicit:
                seen.add(directory)
                implied.append(directory)
    return implied


# archive path -> (_stamp() of the file, listing or None for "not a zip")
_cache: dict[str, tuple[tuple[int, ...], Listing | None]] = {}


def _stamp(status: os.stat_result) -> tuple[int, ...]:
    """Return what tells one build of an archive from the next.

    mtime and size alone miss a same-size rebuild on a coarse-mtime file
    system, or one copied with its times (``cp -p``, rsync, CI caches): a
    file renamed into place has a new inode, and one rewritten in place a
    new ctime, which no tool can set back.
    """
    return (
        status.st_mtime_ns,
        status.st_size,
        status.st_ino,
        status.st_dev,
        status.st_ctime_ns,
    )


def cached_listing(archive: str) -> Listing | None:
    """Return the cached listing of *archive*, re-read if the file changed.

    ``None`` when *archive* is missing, not a regular file or not a readable
    zip. Costs one ``os.stat`` when the cache is fresh.
    """
    # Taken before the stat: a clear_cache() from here on is not undone by
    # the store below (it rebinds the dict, as _finder's invalidation does).
    cache = _cache
    try:
        status = os.stat(archive)
    except (OSError, ValueError):  # ValueError: a NUL in the path
        cache.pop(archive, None)
        return None
    stamp = _stamp(status)
    cached = cache.get(archive)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    # Never open a FIFO or device: it could block or have side effects.
    found = _read_listing(archive) if stat.S_ISREG(status.st_mode) else None
    cache[archive] = (stamp, found)
    return found


def _read_listing(archive: str) -> Listing | None:
    """Read the member names of *archive*; ``None`` if it is not a usable zip."""
    import zipfile  # heavy (pulls in bz2, lzma): only once a zip is really used

    try:
        with zipfile.ZipFile(archive) as opened:
            infos = opened.infolist()
            directory_start = opened.start_dir
    # Besides zipfile's own: OSError (3.8 seeks before the start of the
    # file) and UnicodeDecodeError (a name flagged UTF-8 that is not).
    except zip_errors(OSError, ValueError):
        return None
    return Listing(infos, directory_start)


_LOCAL_HEADER = b"PK\x03\x04"
_LOCAL_HEADER_SIZE = 30
# Flag bits ``ZipFile.open`` handles and this reader does not: encrypted
# (0x1), compressed patched data (0x20), strong encryption (0x40).
_SPECIAL_FLAGS = 0x61


def read_member(
    archive: str, info: zipfile.ZipInfo, end: int, pwd: bytes | None = None
) -> bytes:
    """Return the content of the member *info* describes, which ends by *end*.

    Stored and deflated members (every wheel and egg in practice) are read
    straight from their offset: ``ZipFile`` would parse the whole central
    directory again, ~3 ms for a 1,000-member wheel. Anything else goes
    through ``ZipFile``, with *pwd* for an encrypted member. The checks and
    the leniency are those of 3.13's
    ``ZipFile.read``: the first ``file_size`` bytes decompressed count, and
    their CRC-32 must match.

    Raises:
        zipfile.BadZipFile: The local header does not match the central
            one, the data overlaps the next entry or ends early, the deflate
            stream or the CRC-32 is wrong, or the compression method is
            unknown; the error is also a ``ValueError`` (see
            ``_errors.damaged_member``).
        RuntimeError: The member is encrypted (as ``ZipFile.read`` raises);
            the error is also a ``ValueError`` (``_errors.encrypted_member``).
    """
    import zipfile
    import zlib

    member = info.orig_filename
    method = info.compress_type
    if info.flag_bits & _SPECIAL_FLAGS or method not in (
        zipfile.ZIP_STORED,
        zipfile.ZIP_DEFLATED,
    ):
        try:
            with zipfile.ZipFile(archive) as opened:
                return opened.read(info.filename, pwd=pwd)
        except zip_errors() as exc:
            raise damaged_member(archive, member, str(exc)) from exc
        # ZipFile's "encrypted, password required" or "Bad password"
        except RuntimeError as exc:
            raise encrypted_member(archive, member, str(exc)) from exc
    with open(archive, "rb") as stream:
        stream.seek(info.header_offset)
        header = stream.read(_LOCAL_HEADER_SIZE)
        if len(header) != _LOCAL_HEADER_SIZE or header[:4] != _LOCAL_HEADER:
            raise damaged_member(archive, member, "Bad magic number for file header")
        # general purpose flags at 6, name and extra field lengths at 26, 28
        flags = int.from_bytes(header[6:8], "little")
        name_size = int.from_bytes(header[26:28], "little")
        extra_size = int.from_bytes(header[28:30], "little")
        name = stream.read(name_size)
        data_start = stream.seek(extra_size, io.SEEK_CUR)
        data = stream.read(info.compress_size)
    # The local header's own flag says how its copy of the name is encoded.
    if name.decode("utf-8" if flags & 0x800 else "cp437") != member:
        raise damaged_member(
            archive, member, f"File name in directory and header {name!r} differ"
        )
    if data_start + info.compress_size > end:
        raise damaged_member(archive, member, "Overlapped entries (possible zip bomb)")
    size = info.file_size
    if method == zipfile.ZIP_STORED:
        content = data[:size]
    elif size:  # a limit of 0 would mean none to zlib
        try:
            content = zlib.decompressobj(-zlib.MAX_WBITS).decompress(data, size)
        except zlib.error as exc:
            raise damaged_member(archive, member, f"Bad deflate data ({exc})") from exc
    else:
        content = b""
    if len(content) < size and len(data) < info.compress_size:
        raise damaged_member(archive, member, "The archive ends inside the data")
    if zlib.crc32(content) != info.CRC:
        raise damaged_member(archive, member, "Bad CRC-32")
    return content


def reread(archive: str) -> Listing | None:
    """Return a listing of *archive* read now, whatever the cache holds."""
    _cache.pop(archive, None)
    return cached_listing(archive)


def describe(entry: tuple[zipfile.ZipInfo, int]) -> tuple[object, ...]:
    """Return what a member read depends on in its *entry*."""
    info, end = entry
    return (
        info.orig_filename,
        info.header_offset,
        info.compress_type,
        info.compress_size,
        info.file_size,
        info.CRC,
        info.flag_bits,
        end,
    )


def list_top_level(archive: str) -> list[str]:
    """Return the distinct first path components of the members of *archive*.

    This is what a path finder indexes for a zip on ``sys.path`` (the
    ``*.dist-info`` directories of a wheel, ``EGG-INFO`` of an egg).

    Args:
        archive: The filesystem path of the zip file.

    Returns:
        The names in archive order; empty when *archive* is missing, not a
        regular file, or not a readable zip (never raises for those).
    """
    listing = cached_listing(archive)
    return list(listing.top_level) if listing is not None else []


def clear_cache() -> None:
    """Forget every archive listing (for ``invalidate_caches()``)."""
    global _cache  # rebound, not cleared: a listing read meanwhile is dropped
    _cache = {}
