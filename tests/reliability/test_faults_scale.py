"""Fault corpus at scale: 1,999 valid distributions and one broken in the middle.

``sys.path`` is ``[first, middle, last]``: ``first`` holds 1,000 valid
distributions, ``last`` 999, and ``middle`` one broken distribution of each
kind below. Environment-wide calls must give every valid distribution,
whatever the broken one is (docs/faults.md): this is where pkgmeta
deliberately differs from the stdlib, which raises out of ``entry_points()``
or ``packages_distributions()`` for several of these kinds (FACTS.md).
"""

from __future__ import annotations

import os
import pathlib
import sys
import zipfile

import pytest

import pkgmeta
from helpers import build_tree, write_zip

from .faults import (
    STDLIB_PATH,
    corrupt_member,
    refresh,
)

GROUP = "pkgmeta.faults.scale"
FIRST = range(0, 1000)
LAST = range(1000, 1999)
VALID = [f"pkg{index:04d}" for index in (*FIRST, *LAST)]


def valid_tree(indexes: range) -> dict:
    """Valid distributions; every tenth lists its files instead of top_level.txt."""
    tree: dict = {}
    for index in indexes:
        name = f"pkg{index:04d}"
        files = {
            "METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.{index}\n",
            "entry_points.txt": f"[{GROUP}]\nplugin-{index:04d} = {name}:main\n",
        }
        if index % 10:
            files["top_level.txt"] = f"{name}\n"
        else:
            files["RECORD"] = f"{name}.py,,\n{name}-1.{index}.dist-info/METADATA,,\n"
            tree[f"{name}.py"] = ""
        tree[f"{name}-1.{index}.dist-info"] = files
    return tree


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The two directories of valid distributions, built once for the module."""
    first = tmp_path_factory.mktemp("first")
    last = tmp_path_factory.mktemp("last")
    build_tree(first, valid_tree(FIRST))
    build_tree(last, valid_tree(LAST))
    return str(first), str(last)


BROKEN_MD = "Metadata-Version: 2.1\nName: broken\nVersion: 9.9\n"


def dist_info(files: dict, dirname: str = "broken-9.9.dist-info") -> dict:
    """A metadata directory *dirname* holding *files*."""
    return {dirname: files}


def symlink_loop(middle: pathlib.Path) -> None:
    """A dist-info whose METADATA is a symlink to itself."""
    (middle / "broken-9.9.dist-info").mkdir()
    os.symlink("METADATA", middle / "broken-9.9.dist-info" / "METADATA")


def installed_files_loop(middle: pathlib.Path) -> None:
    """An egg-info whose installed-files.txt goes through a symlink loop."""
    build_tree(
        middle,
        {
            "broken.egg-info": {
                "PKG-INFO": BROKEN_MD,
                "installed-files.txt": "../loop/x.py\n",
            }
        },
    )
    os.symlink("loop", middle / "loop")


def bad_dir_name(middle: pathlib.Path) -> None:
    """A dist-info whose directory name is not valid UTF-8."""
    directory = os.path.join(os.fsencode(middle), b"caf\xe9-1.0.dist-info")
    os.mkdir(directory)
    with open(os.path.join(directory, b"METADATA"), "wb") as file:
        file.write(BROKEN_MD.encode())


def wheel(middle: pathlib.Path, damage: str) -> str:
    """A wheel standing in for the middle entry, damaged as *damage* says."""
    members = {
        "broken-9.9.dist-info/METADATA": BROKEN_MD + "Summary: padding\n" * 20,
        "broken-9.9.dist-info/entry_points.txt": f"[{GROUP}]\nbroken = b:m\n" * 20,
        "broken-9.9.dist-info/top_level.txt": "broken\n",
    }
    archive = write_zip(
        middle.parent / f"{middle.name}.whl", members, compression=zipfile.ZIP_DEFLATED
    )
    data = pathlib.Path(archive).read_bytes()
    if damage == "truncated":
        pathlib.Path(archive).write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        pathlib.Path(archive).write_bytes(b"")
    elif damage == "not-a-zip":
        pathlib.Path(archive).write_bytes(b"text\n" * 50)
    else:
        corrupt_member(archive, f"broken-9.9.dist-info/{damage}")
    return archive


def with_metadata(**files: str | bytes | dict) -> dict:
    """A ``broken`` dist-info holding valid METADATA and the given *files*."""
    return dist_info({"METADATA": BROKEN_MD, **files})


LATIN_1 = (BROKEN_MD + "Author: Jos\xe9\n").encode("latin-1")
NO_EQUALS = f"[{GROUP}]\nno equals\n[broken\n"
BAD_ROWS = 'a,b,c,d\n\n"unclosed,x\nf,sha256=x,big\n'

# kind -> what to put in the middle: a tree, or a function of the middle
# directory that builds it (returning a path to use instead, for zips).
KINDS = {
    "metadata-empty": dist_info({"METADATA": ""}),
    "metadata-binary": dist_info({"METADATA": bytes(range(256)) * 8}),
    "metadata-latin-1": dist_info({"METADATA": LATIN_1}),
    "metadata-bom": dist_info({"METADATA": "\ufeff" + BROKEN_MD}),
    "metadata-no-name": dist_info({"METADATA": "Version: 1\n"}),
    "metadata-no-version": dist_info({"METADATA": "Name: broken\n"}),
    "metadata-directory": dist_info({"METADATA": {}}),
    "metadata-symlink-loop": symlink_loop,
    "metadata-huge": dist_info({"METADATA": BROKEN_MD + "\n" + "x" * 10_000_000}),
    "dir-no-name": dist_info({"METADATA": BROKEN_MD}, "-9.9.dist-info"),
    "dir-no-name-no-name-field": dist_info(
        {"METADATA": "Version: 1\n"}, "-9.dist-info"
    ),
    "dir-no-name-undecodable": dist_info({"METADATA": b"Name: \xff\n"}, "-9.dist-info"),
    "dir-name-not-utf8": bad_dir_name,
    "stale-copy-of-a-valid-one": dist_info(
        {"INSTALLER": "pip\n"}, "pkg1500-0.1.dist-info"
    ),
    "egg-info-empty-file": {"broken-9.9.egg-info": ""},
    "entry-points-malformed": with_metadata(**{"entry_points.txt": NO_EQUALS}),
    "entry-points-undecodable": with_metadata(**{"entry_points.txt": b"[g]\nx = \xff"}),
    "entry-points-directory": with_metadata(**{"entry_points.txt": {}}),
    "requires-undecodable": with_metadata(**{"requires.txt": b"\xff\n"}),
    "record-undecodable": with_metadata(RECORD=b"caf\xe9.py,,\n"),
    "record-bad-rows": with_metadata(RECORD=BAD_ROWS),
    "top-level-undecodable": with_metadata(**{"top_level.txt": b"\xff\n"}),
    "installed-files-symlink-loop": installed_files_loop,
    "zip-truncated": lambda middle: wheel(middle, "truncated"),
    "zip-empty": lambda middle: wheel(middle, "empty"),
    "zip-not-a-zip": lambda middle: wheel(middle, "not-a-zip"),
    "zip-corrupt-metadata": lambda middle: wheel(middle, "METADATA"),
    "zip-corrupt-entry-points": lambda middle: wheel(middle, "entry_points.txt"),
    "zip-corrupt-top-level": lambda middle: wheel(middle, "top_level.txt"),
}


# Every kind of broken distribution, as test parameters named by kind.
ALL_KINDS = [pytest.param(kind, id=kind) for kind in KINDS]


@pytest.fixture
def broken_env(request, corpus, tmp_path, monkeypatch) -> str:
    """``sys.path`` = first, the broken kind asked for, last; returns the kind."""
    kind = request.param
    middle = tmp_path / "middle"
    middle.mkdir()
    make = KINDS[kind]
    entry = str(middle)
    if callable(make):
        entry = make(middle) or entry
    else:
        build_tree(middle, make)
    first, last = corpus
    monkeypatch.setattr(sys, "path", [first, entry, last, *STDLIB_PATH])
    refresh()
    yield kind
    refresh()


def readable_name(dist: pkgmeta.Distribution) -> str | None:
    """The dist's Name, or ``None`` when its metadata is broken in a documented way."""
    try:
        return dist.metadata["Name"]
    except (OSError, ValueError, KeyError):
        return None


@pytest.mark.parametrize("broken_env", ALL_KINDS, indirect=True)
def test_distributions_lists_every_valid_distribution(broken_env):
    """Iterating distributions() never raises and yields all 1,999 valid ones."""
    found = list(pkgmeta.distributions())
    names = [readable_name(dist) for dist in found]
    assert set(VALID) <= set(names)
    assert len(found) >= len(VALID)


@pytest.mark.parametrize("broken_env", ALL_KINDS, indirect=True)
def test_entry_points_lists_every_valid_plugin(broken_env):
    """entry_points() never raises and holds the plugin of every valid distribution."""
    found = pkgmeta.entry_points(group=GROUP)
    plugins = [ep.name for ep in found if ep.name.startswith("plugin-")]
    assert sorted(plugins) == [f"plugin-{name[3:]}" for name in VALID]
    assert {ep.name for ep in found} - set(plugins) <= {"broken"}


@pytest.mark.parametrize("broken_env", ALL_KINDS, indirect=True)
def test_packages_distributions_maps_every_valid_package(broken_env):
    """packages_distributions() never raises and maps every valid package."""
    providers = pkgmeta.packages_distributions()
    assert all(providers.get(name) == [name] for name in VALID), [
        (name, providers.get(name)) for name in VALID if providers.get(name) != [name]
    ][:5]
