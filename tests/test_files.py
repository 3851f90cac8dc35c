"""Tests for pkgmeta._files: PackagePath, FileHash, files_of against the references."""

from __future__ import annotations

import csv
import importlib.metadata as stdlib_metadata
import io
import os
import pathlib
import pickle
import sys
import zipfile
from typing import Any, Dict, Optional, Tuple, Union

import importlib_metadata
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import write_zip
from pkgmeta._archive import clear_cache
from pkgmeta._files import FileHash, PackagePath, _make_path, files_of
from pkgmeta._zip import ZipPath

Tree = Dict[str, Union[str, bytes, "Tree"]]
Row = Tuple[str, Optional[Tuple[str, str]], Optional[int]]


def build(root: pathlib.Path, tree: Tree) -> None:
    """Create *tree* (name -> content, or -> nested tree for a directory) in *root*."""
    root.mkdir(parents=True, exist_ok=True)
    for name, content in tree.items():
        target = root / name
        if isinstance(content, dict):
            build(target, content)
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            with open(target, "w", encoding="utf-8", newline="") as stream:
                stream.write(content)


def record(*rows: tuple[str, str, str], lineterminator: str = "\r\n") -> str:
    """RECORD text for *rows*, quoted by csv.writer as installers do."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=lineterminator).writerows(rows)
    return buffer.getvalue()


def described(files: list[Any] | None) -> list[Row] | None:
    """The comparable part of a files() result: path, hash (mode, value), size."""
    if files is None:
        return None
    return [
        (str(path), path.hash and (path.hash.mode, path.hash.value), path.size)
        for path in files
    ]


def existing(files: list[Any] | None) -> list[Any] | None:
    """*files* without those not on disk: the filter the stdlib gained in 3.12."""
    return None if files is None else [path for path in files if path.locate().exists()]


@pytest.fixture
def site(tmp_path: pathlib.Path) -> pathlib.Path:
    """A prefix with bin/ and lib/site, holding one dist of each metadata kind.

    ::

        prefix/
        ├── abs.txt                      (named by an absolute RECORD path)
        ├── bin/script, bin/legacy-tool  (reached with ../../bin)
        └── lib/site/
            ├── pkg/ ...                  RECORD of pkg-1.0.dist-info
            ├── pkg-1.0.dist-info/
            ├── legacy/ ...               installed-files.txt of legacy
            ├── legacy-2.0-py3.8.egg-info/
            ├── src_pkg/ ...              SOURCES.txt of src_pkg
            └── src_pkg.egg-info/
    """
    prefix = tmp_path / "prefix"
    site = prefix / "lib" / "site"
    build(prefix, {"abs.txt": "absolute", "bin": {"script": "#!", "legacy-tool": "#!"}})
    build(
        site,
        {
            "pkg": {
                "__init__.py": "x = 1\n",
                "data,with,commas.txt": "c",
                'quo"te.txt': "q",
                "ünïcode.py": "u",
                "dot.py": "",
                "mod.py": "",
                "target.py": "",
                "sub": {"inner.py": ""},
            },
            "pkg-1.0.dist-info": {"METADATA": "Name: pkg\nVersion: 1.0\n"},
            "legacy": {"__init__.py": "", "data, with comma.txt": ""},
            "legacy-2.0-py3.8.egg-info": {
                "PKG-INFO": "Name: legacy\nVersion: 2.0\n",
                "installed-files.txt": "\n".join(
                    [
                        "../legacy/__init__.py",
                        "../legacy/data, with comma.txt",
                        "../legacy/missing.py",
                        "../../../bin/legacy-tool",
                        "",
                        "PKG-INFO",
                        "installed-files.txt",
                    ]
                ),
                "SOURCES.txt": "setup.py\nlegacy/__init__.py\n",
            },
            "src_pkg": {"__init__.py": ""},
            "weird,comma.py": "",
            "quote.py": "",
            "src_pkg.egg-info": {
                "PKG-INFO": "Name: src-pkg\nVersion: 0.1\n",
                "SOURCES.txt": "\n".join(
                    [
                        "setup.py",
                        "src_pkg/__init__.py",
                        "src_pkg.egg-info/PKG-INFO",
                        "src_pkg.egg-info/SOURCES.txt",
                        "weird,comma.py",
                        'quo"te.py',
                        "",
                        "src_pkg/missing.py",
                    ]
                ),
            },
        },
    )
    os.symlink(site / "pkg" / "target.py", site / "pkg" / "link.py")
    os.symlink(site / "pkg" / "nowhere.py", site / "pkg" / "broken.py")
    (site / "pkg-1.0.dist-info" / "RECORD").write_text(
        record(
            ("pkg/__init__.py", "sha256=AbC-_d", "6"),
            ("pkg/data,with,commas.txt", "sha256=x", "1"),
            ('pkg/quo"te.txt', "", ""),
            ("pkg/ünïcode.py", "sha512=u", ""),
            ("pkg/./dot.py", "", ""),
            ("pkg/mod.py/", "", "0"),
            ("pkg/sub/", "", ""),
            ("pkg/link.py", "", ""),
            ("pkg/broken.py", "", ""),
            ("pkg/missing.py", "sha256=m", "1"),
            ("../../bin/script", "sha256=s", "2"),
            ("../../bin/missing-script", "", ""),
            (str(prefix / "abs.txt"), "", "8"),
            ("pkg-1.0.dist-info/METADATA", "sha256=meta", "24"),
            ("pkg-1.0.dist-info/RECORD", "", ""),
        ),
        encoding="utf-8",
    )
    return site


DIST_DIRS = ["pkg-1.0.dist-info", "legacy-2.0-py3.8.egg-info", "src_pkg.egg-info"]


@pytest.mark.parametrize("dist_dir", DIST_DIRS)
def test_files_match_importlib_metadata(site: pathlib.Path, dist_dir: str) -> None:
    """RECORD, installed-files.txt and SOURCES.txt give the reference's list."""
    dist = importlib_metadata.PathDistribution(site / dist_dir)
    expected = described(dist.files)
    assert expected  # the fixture must exercise something
    assert described(files_of(dist)) == expected
    assert described(files_of(dist, root=str(site))) == expected


@pytest.mark.parametrize("dist_dir", DIST_DIRS)
def test_files_of_stdlib_dist_match_importlib_metadata(
    site: pathlib.Path, dist_dir: str
) -> None:
    """The running stdlib's distribution objects give the same list too."""
    expected = described(importlib_metadata.PathDistribution(site / dist_dir).files)
    dist = stdlib_metadata.PathDistribution(site / dist_dir)
    assert described(files_of(dist)) == expected


def test_record_rows_of_every_kind(site: pathlib.Path) -> None:
    """Quoted, unicode, dotted, walked-up and absolute rows parse; missing go."""
    dist = importlib_metadata.PathDistribution(site / "pkg-1.0.dist-info")
    assert described(files_of(dist, root=str(site))) == [
        ("pkg/__init__.py", ("sha256", "AbC-_d"), 6),
        ("pkg/data,with,commas.txt", ("sha256", "x"), 1),
        ('pkg/quo"te.txt', None, None),
        ("pkg/ünïcode.py", ("sha512", "u"), None),
        ("pkg/dot.py", None, None),
        ("pkg/mod.py", None, 0),
        ("pkg/sub", None, None),
        ("pkg/link.py", None, None),
        ("../../bin/script", ("sha256", "s"), 2),
        (str(site.parent.parent / "abs.txt"), None, 8),
        ("pkg-1.0.dist-info/METADATA", ("sha256", "meta"), 24),
        ("pkg-1.0.dist-info/RECORD", None, None),
    ]


def test_installed_files_walk_up_on_every_python(site: pathlib.Path) -> None:
    """installed-files.txt paths become site-relative, with '..' when outside it."""
    dist = importlib_metadata.PathDistribution(site / "legacy-2.0-py3.8.egg-info")
    assert [str(path) for path in files_of(dist) or []] == [
        "legacy/__init__.py",
        "legacy/data, with comma.txt",
        "../../bin/legacy-tool",
        "legacy-2.0-py3.8.egg-info",
        "legacy-2.0-py3.8.egg-info/PKG-INFO",
        "legacy-2.0-py3.8.egg-info/installed-files.txt",
    ]


def test_stdlib_differs_only_by_the_missing_file_filter(site: pathlib.Path) -> None:
    """Before 3.12 the stdlib keeps missing files; that is the only difference."""
    for dist_dir in ["pkg-1.0.dist-info", "src_pkg.egg-info"]:
        ours = described(files_of(importlib_metadata.PathDistribution(site / dist_dir)))
        stdlib_files = stdlib_metadata.PathDistribution(site / dist_dir).files
        if sys.version_info >= (3, 12):
            assert described(stdlib_files) == ours
        else:
            assert described(existing(stdlib_files)) == ours
            assert len(stdlib_files or []) > len(ours or [])


def test_stdlib_reads_installed_files_from_312(site: pathlib.Path) -> None:
    """installed-files.txt: used from 3.12, walking up only from 3.13."""
    ours = files_of(
        importlib_metadata.PathDistribution(site / "legacy-2.0-py3.8.egg-info")
    )
    stdlib_dist = stdlib_metadata.PathDistribution(site / "legacy-2.0-py3.8.egg-info")
    if sys.version_info >= (3, 13):
        assert described(stdlib_dist.files) == described(ours)
    elif sys.version_info >= (3, 12):  # relative_to() without walk_up
        with pytest.raises(ValueError, match="subpath"):
            stdlib_dist.files
    else:  # SOURCES.txt instead, missing files kept
        assert [str(path) for path in stdlib_dist.files or []] == [
            "setup.py",
            "legacy/__init__.py",
        ]


def test_installed_files_follow_a_symlinked_egg_info(
    site: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    """Paths are resolved through symlinks before being made relative, as upstream."""
    elsewhere = tmp_path / "elsewhere" / "real.egg-info"
    build(elsewhere, {"PKG-INFO": "Name: real\n", "installed-files.txt": "../x.py\n"})
    build(tmp_path / "elsewhere", {"x.py": ""})
    os.symlink(elsewhere, site / "real.egg-info")
    dist = importlib_metadata.PathDistribution(site / "real.egg-info")
    assert described(files_of(dist)) == described(dist.files)
    assert [str(path) for path in files_of(dist) or []] == ["../../../elsewhere/x.py"]


@pytest.mark.parametrize(
    ("tree", "expected"),
    [
        ({}, None),
        ({"RECORD": ""}, None),
        ({"RECORD": "", "SOURCES.txt": ""}, []),
        (
            {"installed-files.txt": "", "SOURCES.txt": "x.egg-info/PKG-INFO\n"},
            ["x.egg-info/PKG-INFO"],
        ),
        ({"SOURCES.txt": ""}, []),
        (
            {"RECORD": "x.egg-info/PKG-INFO,,\n", "SOURCES.txt": "setup.py"},
            ["x.egg-info/PKG-INFO"],
        ),
    ],
)
def test_empty_lists_fall_through_like_the_reference(
    tmp_path: pathlib.Path, tree: Tree, expected: list[str] | None
) -> None:
    """An empty RECORD or installed-files.txt counts as absent; SOURCES.txt never."""
    build(tmp_path / "x.egg-info", {"PKG-INFO": "Name: x\n", **tree})
    dist = importlib_metadata.PathDistribution(tmp_path / "x.egg-info")
    assert described(dist.files) == described(files_of(dist))
    found = files_of(dist, root=str(tmp_path))
    assert (None if found is None else [str(path) for path in found]) == expected


def test_egg_info_file_has_no_files(tmp_path: pathlib.Path) -> None:
    """An old-style egg-info *file* lists nothing, like the reference."""
    (tmp_path / "old.egg-info").write_text("Name: old\n", encoding="utf-8")
    dist = importlib_metadata.PathDistribution(tmp_path / "old.egg-info")
    assert files_of(dist) is None is dist.files


def reference_error(
    dist: importlib_metadata.Distribution,
) -> type[BaseException] | None:
    """The exception importlib_metadata's files raises on *dist*, if any."""
    try:
        dist.files
    except (TypeError, ValueError, csv.Error) as error:
        return type(error)
    return None


NUL_SPLITS_CSV = sys.version_info < (3, 11)  # csv accepts NUL from 3.11


@pytest.mark.parametrize(
    ("rows", "expected", "reference_raises"),
    [
        pytest.param(
            "pkg/__init__.py,sha256=a,6,extra\n",
            [("pkg/__init__.py", ("sha256", "a"), 6)],
            TypeError,
            id="four-columns",
        ),
        pytest.param(
            "pkg/__init__.py,,\n\npkg/mod.py,,\n",
            [("pkg/__init__.py", None, None), ("pkg/mod.py", None, None)],
            TypeError,
            id="empty-row",
        ),
        pytest.param(
            "pkg/__init__.py,sha256=a,six\npkg/mod.py,,1.5\npkg/dot.py,, 7 \n",
            [
                ("pkg/__init__.py", ("sha256", "a"), None),
                ("pkg/mod.py", None, None),
                ("pkg/dot.py", None, 7),
            ],
            ValueError,
            id="bad-size",
        ),
        pytest.param(
            "pkg/__init__.py,,\n" + "x" * 200_000 + ",,\npkg/mod.py,,\n",
            [("pkg/__init__.py", None, None)],
            csv.Error,
            id="field-over-csv-limit",
        ),
        pytest.param(
            "pkg/__init__.py,,\npkg/a\0b.py,,\npkg/mod.py,,\n",
            [("pkg/__init__.py", None, None)]
            + ([] if NUL_SPLITS_CSV else [("pkg/mod.py", None, None)]),
            csv.Error if NUL_SPLITS_CSV else None,
            id="nul-byte",
        ),
    ],
)
def test_malformed_record_rows_do_not_raise(
    site: pathlib.Path,
    rows: str,
    expected: list[Row],
    reference_raises: type[BaseException] | None,
) -> None:
    """Rows the reference raises on are handled as files_of documents."""
    (site / "pkg-1.0.dist-info" / "RECORD").write_text(rows, encoding="utf-8")
    dist = importlib_metadata.PathDistribution(site / "pkg-1.0.dist-info")
    assert reference_error(dist) is reference_raises
    if reference_raises is None:
        assert described(dist.files) == expected
    assert described(files_of(dist)) == expected
    assert described(files_of(dist, root=str(site))) == expected


def test_root_fast_path_does_not_locate_each_file(site: pathlib.Path) -> None:
    """Given root, files_of checks existence itself instead of via locate_file."""
    reference = importlib_metadata.PathDistribution(site / "pkg-1.0.dist-info")

    class NoLocate(importlib_metadata.PathDistribution):
        def locate_file(self, path: Any) -> Any:
            raise AssertionError(f"locate_file({path!r})")

    dist = NoLocate(site / "pkg-1.0.dist-info")
    assert described(files_of(dist, root=str(site))) == described(reference.files)


def test_root_fast_path_without_dir_fd(
    site: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the root cannot be opened, joined paths give the same answer."""
    dist = importlib_metadata.PathDistribution(site / "pkg-1.0.dist-info")
    expected = described(dist.files)
    monkeypatch.setattr("pkgmeta._fs._open_directory", lambda root: None)
    assert described(files_of(dist, root=str(site))) == expected
    monkeypatch.setattr(os, "supports_dir_fd", set())  # as on Windows
    assert described(files_of(dist, root=str(site))) == expected


@pytest.fixture
def wheel(tmp_path: pathlib.Path) -> str:
    """A wheel whose RECORD names present, missing and outside files::

    pkg-1.0-py3-none-any.whl
    ├── pkg/__init__.py, pkg/data,comma.txt
    └── pkg-1.0.dist-info/METADATA, RECORD
    """
    path = tmp_path / "pkg-1.0-py3-none-any.whl"
    write_zip(
        path,
        {
            "pkg/__init__.py": "",
            "pkg/data,comma.txt": "",
            "pkg-1.0.dist-info/METADATA": "Name: pkg\nVersion: 1.0\n",
            "pkg-1.0.dist-info/RECORD": record(
                ("pkg/__init__.py", "sha256=i", "0"),
                ("pkg/data,comma.txt", "", ""),
                ("pkg/missing.py", "", ""),
                ("../../bin/script", "", ""),
                ("pkg-1.0.dist-info/METADATA", "sha256=m", "24"),
                ("pkg-1.0.dist-info/RECORD", "", ""),
            ),
        },
    )
    clear_cache()
    return str(path)


def test_files_in_a_wheel_match_zipfile_path_dists(wheel: str) -> None:
    """A ZipPath dist lists and locates what a zipfile.Path dist does."""
    dist = importlib_metadata.PathDistribution(ZipPath(wheel, "pkg-1.0.dist-info"))
    ours = files_of(dist)
    with zipfile.ZipFile(wheel) as archive:
        reference_dist = importlib_metadata.PathDistribution(
            zipfile.Path(archive, "pkg-1.0.dist-info/")
        )
        expected = reference_dist.files
        assert described(ours) == described(expected)
        assert [str(path.locate()) for path in ours or []] == [
            str(path.locate()) for path in expected or []
        ]
    assert all(".whl/" in str(path.locate()) for path in ours or [])
    assert (ours or [])[0].read_text() == ""


def test_installed_files_in_a_zipped_egg_are_normalized_lexically(
    tmp_path: pathlib.Path,
) -> None:
    """A zipped egg's installed-files.txt is read (the reference has no resolve())."""
    egg = tmp_path / "legacy-2.0-py3.8.egg"
    write_zip(
        egg,
        {
            "EGG-INFO/PKG-INFO": "Name: legacy\nVersion: 2.0\n",
            "EGG-INFO/installed-files.txt": (
                "../legacy/__init__.py\nPKG-INFO\n../gone\n"
            ),
            "legacy/__init__.py": "",
        },
    )
    dist = importlib_metadata.PathDistribution(ZipPath(str(egg), "EGG-INFO"))
    assert [str(path) for path in files_of(dist) or []] == [
        "legacy/__init__.py",
        "EGG-INFO/PKG-INFO",
    ]
    with zipfile.ZipFile(egg) as archive, pytest.raises(AttributeError):
        importlib_metadata.PathDistribution(zipfile.Path(archive, "EGG-INFO/")).files


def test_package_path_reads_and_locates_its_file(site: pathlib.Path) -> None:
    """read_text, read_binary and locate go through the distribution."""
    dist = importlib_metadata.PathDistribution(site / "pkg-1.0.dist-info")
    first = (files_of(dist) or [])[0]
    assert first.dist is dist
    assert first.locate() == site / "pkg" / "__init__.py"
    assert first.read_text() == "x = 1\n"
    assert first.read_text(encoding="ascii") == "x = 1\n"
    assert first.read_binary() == b"x = 1\n"
    assert isinstance(first.hash, FileHash)
    assert (first.hash.mode, first.hash.value, first.size) == ("sha256", "AbC-_d", 6)


def test_package_path_has_pure_posix_path_semantics() -> None:
    """str, parts, equality and hashing are those of PurePosixPath."""
    path = PackagePath("pkg//sub/./mod.py")
    assert str(path) == "pkg/sub/mod.py"
    assert path.parts == ("pkg", "sub", "mod.py")
    assert path == pathlib.PurePosixPath("pkg/sub/mod.py")
    assert hash(path) == hash(pathlib.PurePosixPath("pkg/sub/mod.py"))
    assert path != pathlib.PureWindowsPath("pkg/sub/mod.py")
    assert path != "pkg/sub/mod.py"
    assert path == stdlib_metadata.PackagePath("pkg/sub/mod.py")
    assert path.name == "mod.py"
    assert path.suffix == ".py"
    assert os.fspath(path) == "pkg/sub/mod.py"
    assert str(PackagePath("")) == "."
    assert str(PackagePath("../../bin/x")) == "../../bin/x"


@pytest.mark.parametrize(
    "name", ["pkg//sub/./mod.py", "", "../../bin/x", "/abs/x", "//two/x", "a/"]
)
def test_listed_paths_behave_as_paths_made_by_hand(name: str) -> None:
    """A path as files() makes it (parsed on first use before 3.12) is as by hand."""
    listed, made = _make_path(name), PackagePath(name)
    listed.dist = None  # type: ignore[assignment]
    assert type(listed) is PackagePath
    assert (str(listed), listed.parts, repr(listed)) == (
        str(made),
        made.parts,
        repr(made),
    )
    assert listed == made
    assert hash(listed) == hash(made)
    assert sorted([listed, PackagePath("m")]) == sorted([made, PackagePath("m")])
    assert pickle.loads(pickle.dumps(listed)) == made
    assert (listed.parent, listed / "x") == (made.parent, made / "x")
    with pytest.raises(AttributeError, match="'PackagePath' object has no attribute"):
        _make_path(name).hash


def test_derived_paths_are_package_paths_without_attributes() -> None:
    """parent and / give PackagePath objects that carry no hash, as upstream."""
    path = PackagePath("pkg/mod.py")
    path.hash = None
    assert type(path.parent) is PackagePath
    assert type(path / "x") is PackagePath
    assert path.parent == PackagePath("pkg")
    assert not hasattr(path.parent, "hash")
    assert not hasattr(importlib_metadata.PackagePath("a/b").parent, "hash")


def test_file_hash_splits_on_the_first_equals_sign() -> None:
    """mode is before the first '=', value after it (base64 padding kept)."""
    spec = FileHash("sha256=abc==")
    assert (spec.mode, spec.value) == ("sha256", "abc==")
    assert repr(spec) == "<FileHash mode: sha256 value: abc==>"
    assert repr(spec) == repr(importlib_metadata.FileHash("sha256=abc=="))
    bare = FileHash("nohash")
    assert (bare.mode, bare.value) == ("nohash", "")


# Characters str.splitlines() breaks on, besides \r and \n: the reference
# splits RECORD into lines before csv sees it, so a quoted field cannot hold
# them there either. NUL splits csv rows before 3.11.
LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x00"

record_paths = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",), blacklist_characters=LINE_BREAKS
    )
    | st.sampled_from(',"/ .é'),
    max_size=30,
)
hashes = st.none() | st.tuples(
    st.sampled_from(["sha256", "sha384", "sha512", "md5"]),
    st.text(
        alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
        min_size=1,
        max_size=43,
    ),
)
sizes = st.none() | st.integers(min_value=0, max_value=2**63)


class InMemoryRecord(importlib_metadata.Distribution):
    """A distribution with only a RECORD, whose every file exists."""

    def __init__(self, text: str) -> None:
        self.text = text

    def read_text(self, filename: Any) -> str | None:
        return self.text if filename == "RECORD" else None

    def locate_file(self, path: Any) -> Any:
        return pathlib.Path(os.curdir)  # always exists


@given(
    st.lists(st.tuples(record_paths, hashes, sizes), min_size=1, max_size=20),
    st.sampled_from(["\r\n", "\n"]),
)
def test_written_record_rows_parse_back(
    rows: list[tuple[str, tuple[str, str] | None, int | None]], lineterminator: str
) -> None:
    """Rows written with csv.writer come back equal, and equal to the reference."""
    text = record(
        *(
            (
                path,
                f"{spec[0]}={spec[1]}" if spec else "",
                "" if size is None else str(size),
            )
            for path, spec, size in rows
        ),
        lineterminator=lineterminator,
    )
    dist = InMemoryRecord(text)
    expected = [
        (str(pathlib.PurePosixPath(path)), spec, size) for path, spec, size in rows
    ]
    assert described(files_of(dist)) == expected
    assert described(dist.files) == expected


@given(
    st.text(alphabet=st.characters(blacklist_characters="="), max_size=10),
    st.text(max_size=40),
)
def test_file_hash_round_trips(mode: str, value: str) -> None:
    """FileHash(f'{mode}={value}') gives mode and value back."""
    spec = FileHash(f"{mode}={value}")
    assert (spec.mode, spec.value) == (mode, value)
    assert repr(spec) == f"<FileHash mode: {mode} value: {value}>"
