"""What the fault corpus shares: throwaway environments, the references, zip surgery.

An :class:`Env` is a ``sys.path`` made of fresh directories below ``tmp_path``;
its first directory always holds one valid distribution, ``good``, so that a
test can check that the broken one beside it costs nothing else. Reference
implementations are asked about a metadata directory directly
(``PathDistribution(path)``), which needs no ``sys.meta_path`` set-up.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import pathlib
import sys
import threading
import time
import warnings
import zipfile
from typing import TYPE_CHECKING, Any, Callable

import pytest

import pkgmeta
from helpers import (
    CAN_THREAD,
    NO_THREAD,
    STDLIB_PATH,
    Tree,
    build_tree,
    import_backport,
)

if TYPE_CHECKING:
    from types import ModuleType

GOOD_GROUP = "pkgmeta.faults"
"""The entry point group the valid neighbour (and the scale corpus) declare in."""

GOOD_TREE: Tree = {
    "good-1.0.dist-info": {
        "METADATA": "Metadata-Version: 2.1\nName: good\nVersion: 1.0\n",
        "entry_points.txt": f"[{GOOD_GROUP}]\ngood-plugin = good:main\n",
        "top_level.txt": "good\n",
        "RECORD": "good.py,,\ngood-1.0.dist-info/METADATA,,\n",
    },
    "good.py": "def main(): pass\n",
}

IS_ROOT = getattr(os, "geteuid", lambda: -1)() == 0
"""Permission bits do not stop root: chmod-based cases are skipped for it."""


def member_data_offset(archive: str, member: str) -> int:
    """Return where the (compressed) data of *member* starts in *archive*."""
    with zipfile.ZipFile(archive) as opened:
        info = opened.getinfo(member)
    with open(archive, "rb") as stream:
        stream.seek(info.header_offset + 26)
        lengths = stream.read(4)
    name_size = int.from_bytes(lengths[:2], "little")
    extra_size = int.from_bytes(lengths[2:], "little")
    return info.header_offset + 30 + name_size + extra_size


def central_entry_offset(archive: str, member: str) -> int:
    """Return where the central directory entry of *member* starts in *archive*."""
    with zipfile.ZipFile(archive) as opened:
        offset = opened.start_dir
        for info in opened.infolist():
            if info.filename == member:
                return offset
            offset += 46 + len(info.orig_filename.encode())
            offset += len(info.extra) + len(info.comment)
    raise KeyError(member)


def corrupt_member(archive: str, member: str) -> None:
    """Flip a byte inside the data of *member*, as a damaged download would."""
    offset = member_data_offset(archive, member)
    data = bytearray(pathlib.Path(archive).read_bytes())
    data[offset + 2] ^= 0xFF
    pathlib.Path(archive).write_bytes(bytes(data))


def refresh() -> None:
    """Drop the listings pkgmeta and the stdlib keep of path entries."""
    pkgmeta.MetadataPathFinder.invalidate_caches()
    importlib.invalidate_caches()


class Env:
    """A ``sys.path`` of fresh directories, the first one holding ``good``.

    The standard library's own entries (which hold no distributions) follow
    the test's entries, so that modules imported late still import.

    Attributes:
        root: The directory everything is built below.
        site: The first ``sys.path`` entry.
    """

    def __init__(self, root: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        self.site = root / "site"
        self.site.mkdir()
        build_tree(self.site, GOOD_TREE)
        self.path: list[Any] = [str(self.site), *STDLIB_PATH]
        monkeypatch.setattr(sys, "path", self.path)
        refresh()

    def add(self, tree: Tree, where: pathlib.Path | None = None) -> pathlib.Path:
        """Build *tree* in *where* (default: the first entry); return *where*."""
        target = self.site if where is None else where
        build_tree(target, tree)
        refresh()
        return target

    def dist(self, dirname: str, files: Tree, where: pathlib.Path | None = None) -> str:
        """Build a metadata directory *dirname* holding *files*; return its path."""
        self.add({dirname: files}, where)
        return str((self.site if where is None else where) / dirname)

    def entry(self, name: str, position: int | None = None) -> pathlib.Path:
        """Create a new empty directory and put it on ``sys.path``.

        Args:
            name: The directory's name below :attr:`root`.
            position: Where to insert it in ``sys.path``; after the test's
                other entries if ``None``.
        """
        directory = self.root / name
        directory.mkdir()
        self.insert(str(directory), position)
        return directory

    def insert(self, entry: object, position: int | None = None) -> None:
        """Put any object on ``sys.path``, after the test's other entries by default."""
        if position is None:
            position = len(self.path) - len(STDLIB_PATH)
        self.path.insert(position, entry)
        refresh()


BACKPORT = import_backport()
# importlib_metadata imports zipp on its first zip, and hides the ImportError
# it would meet once sys.path holds no site-packages: import it now.
import zipp  # noqa: E402, F401

REFERENCES = (importlib.metadata, BACKPORT)
"""The running stdlib's ``importlib.metadata`` and ``importlib_metadata``."""

REFERENCE_IDS = ("stdlib", "backport")


# Read while sys.path is still the real one (8.5 on 3.8, 10.2 on 3.11+).
_BACKPORT_VERSION = tuple(
    int(part)
    for part in importlib.metadata.version("importlib_metadata").split(".")[:2]
)


def backport_version() -> tuple[int, ...]:
    """The installed ``importlib_metadata``'s version, as ``(major, minor)``."""
    return _BACKPORT_VERSION


def reference_dist(module: ModuleType, path: str) -> Any:
    """Return *module*'s ``PathDistribution`` of the metadata directory *path*."""
    return module.PathDistribution(pathlib.Path(path))


def reference_find(module: ModuleType, name: str | None = None) -> list[Any]:
    """Return what *module*'s own path finder finds along ``sys.path``.

    Each reference's ``MetadataPathFinder`` is asked directly, so the answer
    is its own even though importlib_metadata's finder is not installed.
    """
    context = module.DistributionFinder.Context(name=name, path=list(sys.path))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return list(module.MetadataPathFinder.find_distributions(context))


def basenames(dists: Any) -> list[str]:
    """Return the metadata directory names of path-based distributions."""
    return [os.path.basename(str(dist._path).rstrip("/")) for dist in dists]


def outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    """Return ``("returns", value)`` or ``("raises", exception type name)``.

    Only the errors a metadata call may end with are caught; anything else
    fails the test that asked. The 3.12+ stdlib's ``DeprecationWarning`` for
    a missing metadata key (it returns ``None``) is silenced.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            return ("returns", call())
        # AssertionError: the 3.13 stdlib asserts on an invalid entry point value.
        except (
            LookupError,
            OSError,
            ValueError,
            TypeError,
            AttributeError,
            AssertionError,
        ) as exc:
            return ("raises", type(exc).__name__)


def triples(entry_points: Any) -> list[tuple[str, str, str]]:
    """Return entry points as ``(name, value, group)`` in their order."""
    return [(ep.name, ep.value, ep.group) for ep in entry_points]


def release_fifo(path: str) -> Callable[[], None]:
    """Return a callable that unblocks readers stuck opening the FIFO *path*.

    Opening the write end (and closing it) lets a blocked ``open()`` return
    and the read see end of file; it is retried for a while, as it fails
    (ENXIO) until the reader has reached its ``open()``.
    """

    def release() -> None:
        for _ in range(40):
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
            time.sleep(0.05)

    return release


def run_bounded(
    call: Callable[[], Any], seconds: float, release: Callable[[], None]
) -> tuple[bool, Any]:
    """Run *call* in a thread; after *seconds*, call *release* to unblock it.

    Returns:
        ``(finished in time, what call returned or raised)``; the calling
        test is skipped where no thread can be started.
    """
    if not CAN_THREAD:
        pytest.skip(NO_THREAD)
    result: list[Any] = []

    def target() -> None:
        try:
            result.append(call())
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            result.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    finished = not thread.is_alive()
    if not finished:
        release()
        thread.join(seconds)
    return finished, result[0] if result else None
