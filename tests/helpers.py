"""Plain helpers the tests import: file trees, zips, child interpreters, the backport.

Fixtures stay in the conftest files; what a test module calls by name lives
here, so that it is imported like any module (``from helpers import
build_tree``; pytest puts ``tests/`` on ``sys.path`` for the root conftest).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import importlib.machinery
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import warnings
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, Iterator, Mapping, Union

import pytest

import pkgmeta

if TYPE_CHECKING:
    from types import ModuleType

# --- file trees ----------------------------------------------------------------


@dataclass(frozen=True)
class Zip:
    """A zip archive (stored) whose members are the files of ``tree``.

    Zips made by tools hold no directory entries, so none are written.
    """

    tree: Tree


# A file tree: names map to text (written as UTF-8, newlines untouched), bytes
# (written as they are), a Zip (an archive) or a nested tree (a directory).
Tree = Dict[str, Union[str, bytes, Zip, "Tree"]]


def build_tree(root: os.PathLike[str] | str, tree: Tree) -> None:
    """Create the files, directories and zips of *tree* below the directory *root*."""
    for name, content in tree.items():
        path = os.path.join(root, name)
        if isinstance(content, dict):
            os.makedirs(path, exist_ok=True)
            build_tree(path, content)
        elif isinstance(content, Zip):
            write_zip(path, content.tree)
        else:
            data = content.encode("utf-8") if isinstance(content, str) else content
            with open(path, "wb") as file:
                file.write(data)


def write_zip(
    path: os.PathLike[str] | str,
    members: Mapping[str, str | bytes | Tree],
    *,
    compression: int = zipfile.ZIP_STORED,
) -> str:
    """Write a zip archive at *path* holding *members*, in order; return its path.

    The one writer of the tests' zips, so that every archive is made alike.
    *members* maps member names to text (written as UTF-8), bytes, or a
    nested tree whose files become ``"name/..."`` members. A name ending in
    ``/`` is a directory entry; no other is written, as tools write none.
    Every member is compressed with *compression* (stored by default).
    """
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for member, data in _members(members):
            archive.writestr(member, data)
    return os.fspath(path)


def _members(
    tree: Mapping[str, str | bytes | Zip | Tree], prefix: str = ""
) -> Iterator[tuple[str, str | bytes]]:
    """Yield ``("dir/file", content)`` for every file of *tree*, in order."""
    for name, content in tree.items():
        if isinstance(content, dict):
            yield from _members(content, f"{prefix}{name}/")
        elif isinstance(content, Zip):
            raise TypeError("zips inside zips are not on any search path")
        else:
            yield f"{prefix}{name}", content


# --- the standard library's entries ---------------------------------------------

_METADATA_SUFFIXES = (".dist-info", ".egg-info", ".egg")


def _without_distributions(entry: str) -> str:
    """Return *entry*, or a stand-in for it that holds no metadata directories.

    PyPy's stdlib directory ships ``cffi``, ``greenlet``, ``hpy`` and
    ``readline`` metadata beside its modules. A test that counts what it
    built must not see them, while the stdlib stays importable: the stand-in
    is a directory of symlinks to every other child, removed at exit.
    """
    try:
        children = os.listdir(entry)
    except OSError:
        return entry
    kept = [
        child for child in children if not child.lower().endswith(_METADATA_SUFFIXES)
    ]
    if len(kept) == len(children):
        return entry
    mirror = tempfile.mkdtemp(prefix="pkgmeta-stdlib-")
    atexit.register(shutil.rmtree, mirror, True)
    for child in kept:
        os.symlink(os.path.join(entry, child), os.path.join(mirror, child))
    return mirror


STDLIB_PATH = [
    _without_distributions(entry)
    for entry in sys.path
    if isinstance(entry, str)
    and entry.startswith(sys.base_prefix)
    and "site-packages" not in entry
]
"""The standard library's ``sys.path`` entries, holding no distribution.

Put beside a test's own entries once site-packages is off the path, so that
modules imported late (``email``, ``csv``) still import.
"""


# --- caches --------------------------------------------------------------------

INVALIDATIONS = [
    pytest.param(
        importlib.invalidate_caches,
        marks=pytest.mark.xfail(
            sys.version_info < (3, 9),
            reason="3.8 has no invalidation counter to observe; mtimes only",
            strict=True,
        ),
        id="importlib",
    ),
    pytest.param(pkgmeta.MetadataPathFinder.invalidate_caches, id="finder"),
]
"""Both ways to drop the kept listings, for ``parametrize("invalidate", ...)``."""


# --- the importlib_metadata backport -------------------------------------------


def import_backport() -> ModuleType:
    """Import ``importlib_metadata`` and undo what its import does to the stdlib.

    On import it appends its finder to ``sys.meta_path`` and deletes
    ``PathFinder.find_distributions``, after which the stdlib's own API would
    hand out backport objects (the differential tests would silently compare
    the backport with itself) and pkgmeta would see a second finder. Both are
    put back; the backport's API keeps working without them. Importing it
    again later changes nothing, so every caller may call this.

    Raises:
        ImportError: importlib_metadata is not installed.
    """
    path_finder = importlib.machinery.PathFinder
    saved = vars(path_finder).get("find_distributions")
    meta_path = list(sys.meta_path)
    import importlib_metadata

    sys.meta_path[:] = meta_path
    if saved is not None and "find_distributions" not in vars(path_finder):
        path_finder.find_distributions = saved  # type: ignore[attr-defined]
    return importlib_metadata


# --- open descriptors ------------------------------------------------------------


def open_descriptors() -> dict[str, str]:
    """Return the process's open file descriptors and what each points to.

    Linux only (``/proc/self/fd``); callers skip elsewhere. A descriptor that
    closes while it is being read (the listing's own among them) is left out.
    """
    found = {}
    for fd in os.listdir("/proc/self/fd"):
        try:
            found[fd] = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            pass
    return found


def new_descriptors(before: dict[str, str]) -> dict[str, str]:
    """Return the descriptors open now that were not open, to the same file, *before*.

    Descriptors that something else closed meanwhile (a collected object of
    an earlier test, a finished child's pipe) do not count: only what was
    opened and left open can be a leak.
    """
    return {
        fd: target
        for fd, target in open_descriptors().items()
        if before.get(fd) != target
    }


# --- what this interpreter can do ----------------------------------------------


def _can_subprocess() -> bool:
    """Whether a child interpreter starts: not under Pyodide (no processes)."""
    try:
        subprocess.run(
            [sys.executable, "-c", ""], capture_output=True, timeout=120, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return True


def _can_thread() -> bool:
    """Whether a thread starts: not under Pyodide (a build without threads)."""
    thread = threading.Thread(target=lambda: None)
    try:
        thread.start()
    except RuntimeError:
        return False
    thread.join()
    return True


CAN_SUBPROCESS = _can_subprocess()
"""Tried once: the tests that start a child interpreter skip without it."""
CAN_THREAD = _can_thread()
"""Tried once: the tests that start a thread skip without it."""
NO_SUBPROCESS = "this interpreter cannot start a subprocess"
NO_THREAD = "this interpreter cannot start a thread"
needs_subprocess = pytest.mark.skipif(not CAN_SUBPROCESS, reason=NO_SUBPROCESS)
"""Mark for a test that starts a child interpreter (``run_python`` skips itself)."""
needs_thread = pytest.mark.skipif(not CAN_THREAD, reason=NO_THREAD)
"""Mark for a test that starts a thread."""


# --- child interpreters --------------------------------------------------------


def run_python(*args: str, cwd: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run this interpreter with *args*, importing this very pkgmeta; fail on error.

    ``PYTHONPATH`` starts with the directory the pkgmeta under test was
    imported from (``src`` in a checkout, site-packages under nox).

    Returns:
        The finished child, its output as text; the calling test has already
        failed, showing the child's stderr, unless it exited with 0. Where no
        child can be started the calling test is skipped instead.
    """
    if not CAN_SUBPROCESS:
        pytest.skip(NO_SUBPROCESS)
    location = os.path.dirname(os.path.dirname(os.path.abspath(pkgmeta.__file__)))
    environ = dict(os.environ)
    environ["PYTHONPATH"] = os.pathsep.join(
        [location, *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    completed = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=environ,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed


# --- the older API shapes ----------------------------------------------------


@contextlib.contextmanager
def deprecated(match: str, since: tuple[int, int] = (3, 10)) -> Iterator[None]:
    """Expect an older shape's DeprecationWarning where pkgmeta gives one.

    That is from *since*, the first Python whose stdlib warned for the shape
    (or lacks it); before it the shape was that stdlib's API, and pkgmeta
    must stay silent (pkgmeta._deprecations).
    """
    if sys.version_info >= since:
        with pytest.warns(DeprecationWarning, match=match):
            yield
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            yield
