"""Top-level names inferred from RECORD rows, as importlib_metadata infers them."""

from __future__ import annotations

import csv
import importlib.machinery
import io
import os
import pathlib
import sys
import tempfile

import importlib_metadata
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pkgmeta import PathDistribution
from pkgmeta._top_level import _top_level_name, module_suffixes, top_level_names

SUFFIXES = module_suffixes()
# Path parts that reach every branch: packages, modules, extension modules,
# dotted names, "." and "..", the empty part of a doubled or trailing "/".
# fmt: off
parts = st.sampled_from([
    "pkg", "mod.py", "_ext.so", "a.pth", "d-1.0.dist-info", "__pycache__", ".", "..",
    "", "sub", ".py", "x.cpython-313-x86_64-linux-gnu.so", "c,d.py", 'q"t',
])
# fmt: on
# Absolute paths are left out: the reference names their root "/" (and pkgmeta
# does not, docs/compatibility.md), and they would ask about the real root.
relative_paths = (
    st.lists(parts, min_size=1, max_size=4)
    .map("/".join)
    .filter(lambda path: not path.startswith("/"))
)


def _reference_name(path: str) -> str:
    """importlib_metadata's name for one path (before dropping dotted names)."""
    return importlib_metadata._get_toplevel_name(importlib_metadata.PackagePath(path))


def _parts(path: str) -> tuple[str, ...]:
    return pathlib.PurePosixPath(path).parts


@given(relative_paths)
@example("foo/")
@example("./foo.py")
@example("foo.py/")
def test_name_and_target_of_a_path(path: str) -> None:
    """The name is the reference's; the target names pathlib's path to the kernel."""
    name, target = _top_level_name(path, SUFFIXES)
    if not _parts(path):
        assert name == ""
        return
    assert name == _reference_name(path)
    assert pathlib.PurePosixPath(target) == pathlib.PurePosixPath(path)
    assert not target.endswith(("/", "/."))


def _build(site: pathlib.Path, paths: list[str], present: list[bool]) -> None:
    """Write a RECORD of *paths* and create the files marked present that fit."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows((p, "", "") for p in paths)
    info = site / "rec-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Name: rec\nVersion: 1.0\n")
    (info / "RECORD").write_text(buffer.getvalue())
    for path, wanted in zip(paths, present):
        relative = _parts(path)
        if not wanted or not relative or ".." in relative:
            continue  # never outside the site
        target = site.joinpath(*relative)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                target.write_text("")
        except (FileExistsError, NotADirectoryError, IsADirectoryError):
            pass  # the tree already has a file where this needs a directory


@given(st.lists(st.tuples(relative_paths, st.booleans()), min_size=1, max_size=8))
def test_names_from_record_rows_match_importlib_metadata(rows: list[tuple[str, bool]]):
    """The names are importlib_metadata's, for files that exist, without files()."""
    rows = [row for row in rows if _parts(row[0])]  # its unpacking raises there
    if not rows:
        return
    with tempfile.TemporaryDirectory() as directory:
        site = pathlib.Path(directory)
        _build(site, [path for path, _ in rows], [present for _, present in rows])
        reference = importlib_metadata.PathDistribution(site / "rec-1.0.dist-info")
        expected = sorted(importlib_metadata._top_level_inferred(reference))
        dist = PathDistribution._in_directory(
            os.path.join(directory, "rec-1.0.dist-info")
        )
        assert sorted(top_level_names(dist, SUFFIXES)) == expected


def test_module_suffixes_without_importlib_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before ``importlib.machinery`` is loaded, the same list, without loading it."""
    monkeypatch.delitem(sys.modules, "importlib.machinery")
    suffixes = module_suffixes()
    assert "importlib.machinery" not in sys.modules
    assert suffixes == sorted(importlib.machinery.all_suffixes(), key=len, reverse=True)
