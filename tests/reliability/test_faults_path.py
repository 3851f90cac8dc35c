"""Fault corpus: ``sys.path`` entries that are missing, odd objects or special files.

An entry that cannot be listed is skipped, never an error and never a hang;
the entries around it are searched as usual.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import stat

import pytest

import pkgmeta
from helpers import build_tree, run_python, write_zip

from .faults import IS_ROOT, basenames, reference_find, release_fifo, run_bounded

MD = "Metadata-Version: 2.1\nName: other\nVersion: 3.0\n"


def other_entry(env) -> pathlib.Path:
    """A second directory at the end of sys.path holding ``other``."""
    entry = env.entry("other-site")
    env.dist("other-3.0.dist-info", {"METADATA": MD}, where=entry)
    return entry


def assert_both_found() -> None:
    """Both valid distributions (first and last entry) are found."""
    assert pkgmeta.version("good") == "1.0"
    assert pkgmeta.version("other") == "3.0"
    assert sorted(basenames(pkgmeta.distributions())) == [
        "good-1.0.dist-info",
        "other-3.0.dist-info",
    ]


def make_symlink_loop(env) -> str:
    """A path that is a symlink to itself."""
    loop = env.root / "loop"
    os.symlink("loop", loop)
    return str(loop)


def make_file(env) -> str:
    """A regular file that is not a zip."""
    path = env.root / "notes.txt"
    path.write_text("not a directory\n")
    return str(path)


ODD_ENTRIES = {
    "missing": lambda env: str(env.root / "no-such-dir"),
    "file": make_file,
    "symlink-loop": make_symlink_loop,
    "dangling-symlink": lambda env: (
        os.symlink("nowhere", env.root / "dangling") or str(env.root / "dangling")
    ),
    "name-too-long": lambda env: str(env.root / ("x" * 5000)),
    "dist-info-itself": lambda env: str(env.site / "good-1.0.dist-info"),
}


@pytest.mark.parametrize("make", list(ODD_ENTRIES.values()), ids=list(ODD_ENTRIES))
def test_entry_that_cannot_be_listed_is_skipped(env, reference, make):
    """An entry that is no readable directory or zip is skipped (references agree)."""
    other_entry(env)
    env.insert(make(env), position=1)
    assert_both_found()
    assert sorted(basenames(reference_find(reference))) == [
        "good-1.0.dist-info",
        "other-3.0.dist-info",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
@pytest.mark.parametrize("name", ["pipe", "pipe.zip", "pipe.whl"])
def test_named_pipe_entry_is_skipped_without_blocking(env, name):
    """A FIFO on sys.path is never opened: pkgmeta only lists regular files as zips.

    Deliberate difference: the references try it as a zip archive and block
    forever in ``open()``, waiting for a writer.
    """
    other_entry(env)
    fifo = str(env.root / name)
    os.mkfifo(fifo)
    env.insert(fifo, position=1)
    finished, result = run_bounded(assert_both_found, 5, release_fifo(fifo))
    assert finished, "a search blocked on the named pipe"
    assert result is None


@pytest.mark.parametrize(
    "entry",
    [
        pytest.param(b"/tmp", id="bytes"),
        pytest.param(None, id="none"),
        pytest.param(42, id="int"),
        pytest.param("/tmp/nul\x00byte", id="nul-byte"),
        pytest.param(object(), id="object"),
    ],
)
def test_entry_that_is_no_path_is_skipped(env, entry):
    """Bytes, None, numbers and NUL-containing strings on sys.path are ignored.

    Deliberate difference: the references raise ``TypeError`` (or
    ``ValueError`` for a NUL) out of every call, environment-wide or not;
    the import system itself ignores such entries.
    """
    other_entry(env)
    env.insert(entry, position=1)
    assert_both_found()
    assert [ep.name for ep in pkgmeta.entry_points(group="pkgmeta.faults")] == [
        "good-plugin"
    ]
    assert pkgmeta.packages_distributions()["good"] == ["good"]


FIRST_USE_BESIDE_BYTES = """
import json, sys
import pkgmeta
site, wheel = sys.argv[1:3]
sys.path[:0] = [b"/tmp", site, wheel]  # once pkgmeta is imported, as in the report

found = {
    "files": [str(path) for path in pkgmeta.files("recorded")],
    "packages": pkgmeta.packages_distributions()["recorded"],
    "zipped": pkgmeta.version("zipped"),
    "entry_points": [ep.name for ep in pkgmeta.entry_points(group="pkgmeta.faults")],
    "cache": [repr(key) for key in sys.path_importer_cache if isinstance(key, bytes)],
}
try:  # imports pathlib, csv and zipfile at once: on 3.8-3.10 that fails here
    import importlib.metadata as stdlib
    stdlib.files("recorded")
except TypeError:
    found["stdlib"] = "TypeError"
print(json.dumps(found, sort_keys=True))
"""


def test_bytes_entry_leaves_the_first_files_call_working(tmp_path):
    """A first files() (and friends) in a fresh process beside a bytes entry works.

    On 3.8-3.10 the import system itself raises ``TypeError`` for any first
    import while a bytes entry is on sys.path, and ``files()`` imports
    ``pathlib`` and ``csv`` on first use (``packages_distributions()``
    ``importlib.machinery``, a zip on the path ``zipfile``): those imports
    are made past the bytes entries, which leaves ``sys.path_importer_cache``
    as it was. The stdlib raises ``TypeError`` from its own search.
    """
    site = tmp_path / "site"
    site.mkdir()
    build_tree(
        site,
        {
            "recorded.py": "",
            "recorded-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: recorded\nVersion: 1.0\n",
                "RECORD": "recorded.py,,\nrecorded-1.0.dist-info/METADATA,,\n",
                "entry_points.txt": "[pkgmeta.faults]\nrec = recorded:main\n",
            },
        },
    )
    wheel = write_zip(
        tmp_path / "zipped-2.0-py3-none-any.whl",
        {"zipped-2.0.dist-info/METADATA": "Name: zipped\nVersion: 2.0\n"},
    )
    completed = run_python("-c", FIRST_USE_BESIDE_BYTES, str(site), wheel)
    assert json.loads(completed.stdout) == {
        "files": ["recorded.py", "recorded-1.0.dist-info/METADATA"],
        "packages": ["recorded"],
        "zipped": "2.0",
        "entry_points": ["rec"],
        "cache": [],
        "stdlib": "TypeError",
    }


def test_pathlib_entry_is_searched_like_a_string(env, reference):
    """A ``pathlib.Path`` on sys.path is searched, as the references search it."""
    entry = other_entry(env)
    env.path.remove(str(entry))
    env.insert(entry)
    assert_both_found()
    assert sorted(basenames(reference_find(reference))) == [
        "good-1.0.dist-info",
        "other-3.0.dist-info",
    ]


def test_empty_string_entry_is_the_current_directory(env, monkeypatch):
    """``''`` on sys.path searches the current directory (3.8's stdlib ignores it)."""
    entry = other_entry(env)
    env.path.remove(str(entry))
    monkeypatch.chdir(entry)
    env.insert("")
    assert_both_found()


def test_relative_entry_follows_the_current_directory(env, monkeypatch):
    """A relative entry is searched relative to the current directory."""
    entry = other_entry(env)
    env.path.remove(str(entry))
    monkeypatch.chdir(env.root)
    env.insert(entry.name)
    assert_both_found()


def test_symlink_to_a_directory_is_searched(env):
    """An entry that is a symlink to a site directory is searched through it."""
    entry = other_entry(env)
    env.path.remove(str(entry))
    link = env.root / "link"
    os.symlink(entry, link)
    env.insert(str(link))
    assert_both_found()


def test_duplicate_entry_reports_each_copy_like_the_references(env, reference):
    """The same directory twice on sys.path lists its distributions twice."""
    env.insert(str(env.site))
    assert basenames(pkgmeta.distributions()) == basenames(reference_find(reference))
    assert pkgmeta.version("good") == "1.0"
    assert [ep.name for ep in pkgmeta.entry_points(group="pkgmeta.faults")] == [
        "good-plugin"
    ]


def test_entry_removed_between_calls_is_forgotten(env):
    """A site directory deleted after a search is skipped by the next one."""
    entry = other_entry(env)
    assert_both_found()
    for dirpath, dirnames, filenames in os.walk(entry, topdown=False):
        for name in filenames:
            os.remove(os.path.join(dirpath, name))
        for name in dirnames:
            os.rmdir(os.path.join(dirpath, name))
    os.rmdir(entry)
    with pytest.raises(pkgmeta.PackageNotFoundError):
        pkgmeta.version("other")
    assert pkgmeta.version("good") == "1.0"


@pytest.mark.skipif(IS_ROOT, reason="permission bits do not stop root")
def test_unreadable_entry_is_skipped(env):
    """A directory nobody may list is skipped like a missing one."""
    entry = other_entry(env)
    locked = env.entry("locked", position=1)
    env.dist("locked-1.0.dist-info", {"METADATA": MD}, where=locked)
    os.chmod(locked, 0)
    try:
        env.insert(str(entry))  # re-stat everything after the chmod
        assert pkgmeta.version("good") == "1.0"
        assert pkgmeta.version("other") == "3.0"
        with pytest.raises(pkgmeta.PackageNotFoundError):
            pkgmeta.version("locked")
    finally:
        os.chmod(locked, stat.S_IRWXU)


@pytest.mark.skipif(IS_ROOT, reason="permission bits do not stop root")
def test_unreadable_metadata_directory_is_no_metadata(env):
    """A dist-info directory nobody may enter holds no metadata to read."""
    path = env.dist("locked-1.0.dist-info", {"METADATA": MD})
    os.chmod(path, 0)
    try:
        with pytest.raises(pkgmeta.MetadataNotFound, match=re.escape(path)):
            pkgmeta.version("locked")
        assert pkgmeta.version("good") == "1.0"
    finally:
        os.chmod(path, stat.S_IRWXU)
