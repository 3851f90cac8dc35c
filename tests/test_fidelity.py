"""Fidelity to importlib_metadata 10.2 where pkgmeta used to answer differently.

Each test builds its tree in ``tmp_path`` and asks pkgmeta and the references
(the running stdlib and ``importlib_metadata``) the same question.
"""

from __future__ import annotations

import importlib.metadata as stdlib
import os
import pathlib
import sys

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


# --- a name of the wrong type ------------------------------------------------------

NOT_A_STRING = "expected string or bytes-like object"
BYTES = "cannot use a string pattern on a bytes-like object"
REQUIRED = "A distribution name is required."
# What importlib_metadata 10.2 raises; on 3.8-3.11 ``re`` says no ", got ...".
WRONG_NAMES = [
    ("version", 123, "TypeError", f"{NOT_A_STRING}, got 'int'"),
    ("version", ["x"], "TypeError", f"{NOT_A_STRING}, got 'list'"),
    ("version", None, "ValueError", REQUIRED),
    ("version", 0, "ValueError", REQUIRED),
    ("version", b"", "ValueError", REQUIRED),
    ("distribution", b"x", "TypeError", BYTES),
    ("distribution", bytearray(b"x"), "TypeError", BYTES),
    ("metadata", 1.5, "TypeError", f"{NOT_A_STRING}, got 'float'"),
    ("files", ("x",), "TypeError", f"{NOT_A_STRING}, got 'tuple'"),
    ("requires", {"a": 1}, "TypeError", f"{NOT_A_STRING}, got 'dict'"),
]
BACKPORT_IS_10 = int(stdlib.version("importlib_metadata").split(".")[0]) >= 10


def failure(call):
    """The type and message of what *call* raises."""
    with pytest.raises(Exception) as caught:  # noqa: PT011 - compared below
        call()
    return type(caught.value).__name__, str(caught.value)


@pytest.mark.parametrize(("function", "name", "kind", "message"), WRONG_NAMES, ids=repr)
def test_a_name_of_the_wrong_type_raises_as_importlib_metadata(
    site_dir, function, name, kind, message
):
    """``version(123)`` is a TypeError, ``version(None)`` a ValueError, as in 10.2.

    pkgmeta gives 10.2's message on 3.12+ (that of ``re``) on every Python;
    the backport is asked too where it is 10.x (8.5 on 3.8-3.10 differs).
    """
    build_tree(site_dir, {"foo-1.0.dist-info": {"METADATA": MD}})
    assert failure(lambda: getattr(pkgmeta, function)(name)) == (kind, message)
    if BACKPORT_IS_10:
        found_kind, found_message = failure(lambda: getattr(BACKPORT, function)(name))
        assert found_kind == kind
        assert message.startswith(found_message)


def test_a_finder_that_accepts_other_names_still_answers(monkeypatch):
    """The type is only checked once the search failed: a custom finder may
    take names that are not strings."""

    class Numbered(pkgmeta.Distribution):
        def read_text(self, filename):
            return MD if filename == "METADATA" else None

        def locate_file(self, path):
            return pathlib.Path(path)

    class Finder:
        @staticmethod
        def find_spec(*args):
            return None

        @staticmethod
        def find_distributions(context):
            return [Numbered()] if context.name == 7 else []

    monkeypatch.setattr(sys, "meta_path", [Finder, *sys.meta_path])
    assert pkgmeta.version(7) == "1.0"  # type: ignore[arg-type]


# --- differences measured and kept (docs/compatibility.md) ---------------------------


def test_comparing_an_entry_point_with_another_type_answers():
    """``==`` with another type is False and ordering a TypeError; the references
    raise AttributeError (``other._key()``)."""
    entry_point = pkgmeta.EntryPoint("a", "b:c", "g")
    assert entry_point != 1
    assert entry_point != ("a", "b:c", "g")
    assert entry_point not in [1, None]
    with pytest.raises(TypeError):
        entry_point < 1  # noqa: B015
    with pytest.raises(AttributeError, match="_key"):
        BACKPORT.EntryPoint("a", "b:c", "g") == 1  # noqa: B015


def test_a_multipart_content_type_leaves_the_body_text(site_dir):
    """Core metadata is not MIME: the body stays the description."""
    body = "--XX\nContent-Type: text/plain\n\nHello\n--XX--\n"
    text = MD + 'Content-Type: multipart/mixed; boundary="XX"\n\n' + body
    build_tree(site_dir, {"foo-1.0.dist-info": {"METADATA": text}})
    metadata = pkgmeta.metadata("foo")
    assert metadata["Description"] == body
    assert metadata.json["description"] == body
    path = site_dir / "foo-1.0.dist-info"
    theirs = BACKPORT.PathDistribution(path).metadata.get("Description")
    assert not isinstance(theirs, str)


def test_installed_files_txt_inside_a_zip_is_read(tmp_path):
    """An egg-info in a zip lists its files; the references raise AttributeError."""
    from helpers import write_zip

    archive = write_zip(
        tmp_path / "eggs.zip",
        {
            "baz-1.0.egg-info/PKG-INFO": "Name: baz\nVersion: 1\n",
            "baz-1.0.egg-info/installed-files.txt": "../baz/__init__.py\n../baz.py\n",
            "baz/__init__.py": "",
            "baz.py": "",
        },
    )
    (dist,) = pkgmeta.distributions(path=[archive])
    assert [str(path) for path in dist.files] == ["baz/__init__.py", "baz.py"]
    (theirs,) = BACKPORT.distributions(path=[archive])
    if BACKPORT_IS_10:  # 8.5 (3.8-3.10 here) reads it
        with pytest.raises(AttributeError, match="resolve"):
            theirs.files
