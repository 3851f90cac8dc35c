"""Fidelity to importlib_metadata 10.2 where pkgmeta used to answer differently.

Each test builds its tree in ``tmp_path`` and asks pkgmeta and the references
(the running stdlib and ``importlib_metadata``) the same question.
"""

from __future__ import annotations

import importlib.metadata as stdlib
import os
import pathlib

import pytest

import pkgmeta
from helpers import build_tree, import_backport

BACKPORT = import_backport()
REFERENCES = pytest.mark.parametrize(
    "reference", [stdlib, BACKPORT], ids=["stdlib", "backport"]
)
MD = "Metadata-Version: 2.1\nName: foo\nVersion: 1.0\n"


def answer(call):
    """``("returns", value)``, or ``("raises", type name)`` for what a read raises."""
    try:
        return "returns", call()
    except (OSError, TypeError, ValueError) as exc:
        return "raises", type(exc).__name__


# --- read_text() resolves names as pathlib does ----------------------------------

NAMES = [
    "METADATA",
    "METADATA/",
    "./METADATA",
    "METADATA/.",
    "METADATA//",
    ".//METADATA",
    "sub/x.txt",
    "sub//x.txt",
    "sub/./x.txt",
    "sub/../METADATA",
    "x/../METADATA",
    "sub",
    "sub/",
    ".",
    "./",
    "",
    pathlib.PurePosixPath("./METADATA"),
]


@pytest.fixture
def dist_info(site_dir):
    """A directory distribution ``foo`` with a sub-directory ``sub/x.txt``."""
    build_tree(
        site_dir,
        {"foo-1.0.dist-info": {"METADATA": MD, "sub": {"x.txt": "X"}}},
    )
    return str(site_dir / "foo-1.0.dist-info")


@REFERENCES
@pytest.mark.parametrize("name", NAMES, ids=repr)
def test_read_text_names_resolve_as_the_references_do(dist_info, reference, name):
    """Trailing ``/``, ``/.`` and ``./`` name the same file, as pathlib joins them.

    Both the finder's distribution (a plain directory, read without pathlib)
    and ``PathDistribution(pathlib.Path(...))`` give the reference's answer.
    """
    expected = answer(
        lambda: reference.PathDistribution(pathlib.Path(dist_info)).read_text(name)
    )
    found = pkgmeta.distribution("foo")
    assert answer(lambda: found.read_text(name)) == expected
    built = pkgmeta.PathDistribution(pathlib.Path(dist_info))
    assert answer(lambda: built.read_text(name)) == expected


@REFERENCES
@pytest.mark.parametrize("name", ["", ".", "./", "x/..", "METADATA"], ids=repr)
def test_read_text_names_of_an_egg_info_file(site_dir, reference, name):
    """For an egg-info *file*, ``.`` and ``./`` name the file itself, as ``''`` does."""
    build_tree(site_dir, {"bar-1.0.egg-info": "Name: bar\nVersion: 1\n"})
    path = str(site_dir / "bar-1.0.egg-info")
    expected = answer(
        lambda: reference.PathDistribution(pathlib.Path(path)).read_text(name)
    )
    found = pkgmeta.distribution("bar")
    assert answer(lambda: found.read_text(name)) == expected


def test_plain_names_are_joined_as_before(dist_info):
    """A name without a separator is joined by ``os.path``, as it always was."""
    from pkgmeta import _fs

    for name in ("entry_points.txt", "RECORD", "top_level.txt"):
        assert _fs._joined(dist_info, name) == os.path.join(dist_info, name)
