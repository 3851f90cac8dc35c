"""Tests for pkgmeta._zip: ZipPath against zipfile.Path, the archive cache."""

from __future__ import annotations

import functools
import gc
import io
import lzma
import os
import pathlib
import posixpath
import stat
import subprocess
import sys
import warnings
import zipfile
import zlib
from typing import Any, Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import needs_subprocess, new_descriptors, open_descriptors, write_zip
from pkgmeta import _archive, _zip
from pkgmeta._archive import clear_cache, list_top_level
from pkgmeta._zip import ZipPath

WHEEL_MEMBERS = {
    "example/__init__.py": "def main():\n    return 'example'\n",
    "example/sub/data.txt": "line one\r\nline two\rline three\n",
    "example-21.12.dist-info/METADATA": "Name: example\r\nVersion: 21.12\r\n",
    "example-21.12.dist-info/RECORD": "example/__init__.py,,\n",
    "explicit/": "",
    "explicit/file.txt": "inside an explicit directory",
    "top.py": "x = 1\n",
    "deep/a/b/c.txt": "deep",
}
"""A wheel with implied and explicit directories::

    example-21.12-py3-none-any.whl
    ├── example/                  (implied)
    │   ├── __init__.py
    │   └── sub/                  (implied)
    │       └── data.txt          (CRLF and CR line ends)
    ├── example-21.12.dist-info/  (implied)
    │   ├── METADATA
    │   └── RECORD
    ├── explicit/                 (own entry)
    │   └── file.txt
    ├── top.py
    └── deep/a/b/c.txt            (three implied levels)
"""

EGG_MEMBERS = {
    "EGG-INFO/PKG-INFO": "Name: sample\nVersion: 1.0\n",
    "EGG-INFO/top_level.txt": "sample\n",
    "sample/__init__.py": "",
}
"""An egg::

    sample-1.0-py3.8.egg
    ├── EGG-INFO/PKG-INFO, top_level.txt
    └── sample/__init__.py
"""


@pytest.fixture
def wheel(tmp_path: pathlib.Path) -> str:
    """The wheel of WHEEL_MEMBERS."""
    return write_zip(tmp_path / "example-21.12-py3-none-any.whl", WHEEL_MEMBERS)


@pytest.fixture
def egg(tmp_path: pathlib.Path) -> str:
    """The egg of EGG_MEMBERS."""
    return write_zip(tmp_path / "sample-1.0-py3.8.egg", EGG_MEMBERS)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Every test starts without cached listings."""
    clear_cache()


def reference_names(archive: str) -> list[str]:
    """Every member path zipfile.Path knows, implied directories included."""
    with zipfile.ZipFile(archive) as opened:
        root = zipfile.Path(opened)
        names = list(root.root.namelist())
    return names


def describe(path: ZipPath | zipfile.Path) -> dict[str, object]:
    """The observable state of a path that both classes share.

    ``is_file`` is taken together with ``exists``: before 3.10 zipfile.Path
    calls any name without a trailing slash a file, missing or not.
    """
    is_file = path.exists() and path.is_file()
    state: dict[str, object] = {
        "str": str(path),
        "name": path.name,
        "parent": str(path.parent),
        "exists": path.exists(),
        "is_dir": path.is_dir(),
        "is_file": is_file,
    }
    if isinstance(path, ZipPath):
        assert path.is_file() == is_file
    if is_file:
        state["text"] = path.read_text(encoding="utf-8")
        state["bytes"] = path.read_bytes()
    if path.is_dir() and path.exists():
        state["children"] = [str(child) for child in path.iterdir()]
    return state


@pytest.mark.parametrize("fixture", ["wheel", "egg"])
def test_joined_paths_match_zipfile_path(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    """Every member, directory and missing name behaves as in zipfile.Path."""
    archive: str = request.getfixturevalue(fixture)
    names = reference_names(archive)
    queries = names + [name.rstrip("/") for name in names] + ["missing", "a/b"]
    with zipfile.ZipFile(archive) as opened:
        reference_root = zipfile.Path(opened)
        for query in queries:
            expected = describe(reference_root.joinpath(query))
            assert describe(ZipPath(archive).joinpath(query)) == expected, query


def test_multi_segment_joinpath_matches_zipfile_path(wheel: str) -> None:
    """joinpath with several segments and / resolve directories the same way."""
    with zipfile.ZipFile(wheel) as opened:
        expected = zipfile.Path(opened) / "example" / "sub"
        assert str(ZipPath(wheel) / "example" / "sub") == str(expected)
        if sys.version_info >= (3, 10):  # 3.8/3.9 joinpath takes one segment
            assert str(ZipPath(wheel).joinpath("example", "sub")) == str(
                zipfile.Path(opened).joinpath("example", "sub")
            )
    assert str(ZipPath(wheel).joinpath("example", "sub")) == f"{wheel}/example/sub/"


def test_iterdir_lists_children_in_archive_order(wheel: str) -> None:
    """The root lists members first, then implied directories, like zipfile.Path."""
    children = [child.at for child in ZipPath(wheel).iterdir()]
    assert children == [
        "explicit/",
        "top.py",
        "example/",
        "example-21.12.dist-info/",
        "deep/",
    ]


def test_root_matches_zipfile_path_on_310_and_later(wheel: str) -> None:
    """The root's str, name and parent follow zipfile.Path as of 3.10."""
    root = ZipPath(wheel)
    assert str(root) == wheel + "/"
    assert root.name == "example-21.12-py3-none-any.whl"
    assert root.parent == pathlib.Path(wheel).parent
    if sys.version_info >= (3, 10):  # 3.8/3.9 give '' and the root itself
        with zipfile.ZipFile(wheel) as opened:
            reference = zipfile.Path(opened)
            assert (root.name, root.parent) == (reference.name, reference.parent)
            assert [str(child) for child in root.iterdir()] == [
                str(child) for child in reference.iterdir()
            ]


def test_root_exists_when_zipfile_path_says_not(wheel: str) -> None:
    """The root of a readable zip exists (zipfile.Path's exists() is False)."""
    assert ZipPath(wheel).exists()
    assert ZipPath(wheel).is_dir()
    assert not ZipPath(wheel).is_file()
    with zipfile.ZipFile(wheel) as opened:
        assert not zipfile.Path(opened).exists()


def test_missing_name_with_slash_is_not_a_dir(wheel: str) -> None:
    """A missing 'x/' is no directory (zipfile.Path judges by the slash alone)."""
    missing = ZipPath(wheel, "missing/")
    assert not missing.is_dir()
    assert not missing.exists()
    with pytest.raises(ValueError, match="not a directory"):
        missing.iterdir()
    with zipfile.ZipFile(wheel) as opened:
        assert zipfile.Path(opened, "missing/").is_dir()


@pytest.mark.parametrize("at", ["example", "example/", "explicit", "explicit/"])
def test_directory_without_trailing_slash_is_a_directory(wheel: str, at: str) -> None:
    """A directory named without its '/' exists, is a dir and can be listed."""
    path = ZipPath(wheel, at)
    assert path.exists()
    assert path.is_dir()
    assert not path.is_file()
    assert [child.name for child in path.iterdir()]
    assert path.name == at.rstrip("/")


def test_read_text_uses_universal_newlines(wheel: str) -> None:
    """CRLF and CR become LF by default; newline='' keeps them, as TextIOWrapper."""
    path = ZipPath(wheel, "example/sub/data.txt")
    assert path.read_text(encoding="utf-8") == "line one\nline two\nline three\n"
    assert path.read_text("utf-8", newline="") == WHEEL_MEMBERS["example/sub/data.txt"]
    with zipfile.ZipFile(wheel) as opened:
        assert path.read_text("utf-8") == zipfile.Path(opened, path.at).read_text(
            "utf-8"
        )


def test_read_text_applies_encoding_and_errors(tmp_path: pathlib.Path) -> None:
    """The encoding and errors arguments reach the decoder."""
    archive = write_zip(tmp_path / "enc.zip", {"latin.txt": "café".encode("latin-1")})
    path = ZipPath(archive, "latin.txt")
    assert path.read_text(encoding="latin-1") == "café"
    assert path.read_text(encoding="utf-8", errors="replace") == "caf\ufffd"
    with pytest.raises(UnicodeDecodeError):
        path.read_text(encoding="utf-8")


@pytest.mark.parametrize("at", ["missing.txt", "example/missing", "top.py/x"])
def test_reading_a_missing_member_raises_file_not_found(wheel: str, at: str) -> None:
    """A missing member raises FileNotFoundError naming the path."""
    with pytest.raises(FileNotFoundError, match="No such file") as info:
        ZipPath(wheel, at).read_bytes()
    assert info.value.filename == f"{wheel}/{at}"
    with pytest.raises(FileNotFoundError):
        ZipPath(wheel, at).read_text(encoding="utf-8")


@pytest.mark.parametrize("at", ["", "example", "example/", "explicit/", "deep/a"])
def test_reading_a_directory_raises_is_a_directory(wheel: str, at: str) -> None:
    """Implied, explicit and root directories raise IsADirectoryError."""
    with pytest.raises(IsADirectoryError):
        ZipPath(wheel, at).read_text(encoding="utf-8")


def test_reading_from_a_non_zip_raises_file_not_found(tmp_path: pathlib.Path) -> None:
    """A member of a file that is no zip is missing, not a BadZipFile."""
    fake = tmp_path / "fake.whl"
    fake.write_text("not a zip", encoding="utf-8")
    path = ZipPath(str(fake), "a-1.0.dist-info/METADATA")
    assert not path.exists()
    with pytest.raises(FileNotFoundError):
        path.read_bytes()


def test_iterdir_of_a_file_raises_value_error(wheel: str) -> None:
    """Listing a file raises ValueError, as zipfile.Path does."""
    with pytest.raises(ValueError, match="not a directory"):
        ZipPath(wheel, "top.py").iterdir()
    with zipfile.ZipFile(wheel) as opened, pytest.raises(ValueError, match="listdir"):
        zipfile.Path(opened, "top.py").iterdir()


def test_locate_file_of_a_wheel_dist_renders_inside_the_archive(wheel: str) -> None:
    """A RECORD path resolved from the dist-info's parent shows '.whl/' in str()."""
    metadata_dir = ZipPath(wheel, "example-21.12.dist-info")
    located = metadata_dir.parent / "example/__init__.py"
    assert ".whl/" in str(located)
    assert located.exists()
    assert located.read_text(encoding="utf-8").startswith("def main")


def test_metadata_dir_found_by_top_level_name_reads_metadata(egg: str) -> None:
    """The egg's EGG-INFO, named as list_top_level gives it, reads its files."""
    assert list_top_level(egg) == ["EGG-INFO", "sample"]
    info = ZipPath(egg, "EGG-INFO")
    assert info.joinpath("PKG-INFO").read_text(encoding="utf-8").startswith("Name")
    assert info.parent == ZipPath(egg)
    assert (info.parent / "sample/__init__.py").is_file()


def test_equality_ignores_the_trailing_slash(wheel: str) -> None:
    """'dir' and 'dir/' are equal and hash alike; other archives differ."""
    assert ZipPath(wheel, "example") == ZipPath(wheel, "example/")
    assert hash(ZipPath(wheel, "example")) == hash(ZipPath(wheel, "example/"))
    assert ZipPath(wheel, "top.py") != ZipPath(wheel + "x", "top.py")
    assert ZipPath(wheel, "top.py") != ZipPath(wheel, "top")
    assert ZipPath(wheel, "top.py") != f"{wheel}/top.py"
    assert len({ZipPath(wheel), ZipPath(wheel, ""), ZipPath(wheel, "top.py")}) == 2


def test_repr_names_archive_and_member(wheel: str) -> None:
    """repr() shows the constructor call."""
    assert repr(ZipPath(wheel, "top.py")) == f"ZipPath({wheel!r}, 'top.py')"


def test_archive_may_be_a_path_object(wheel: str) -> None:
    """An os.PathLike archive is stored as its string."""
    assert ZipPath(pathlib.Path(wheel), "top.py").archive == wheel
    assert ZipPath(pathlib.Path(wheel), "top.py").is_file()


def test_list_top_level_gives_first_components_in_archive_order(wheel: str) -> None:
    """Distinct first components, in archive order, as the stdlib indexes them."""
    names = reference_names(wheel)
    expected = list(dict.fromkeys(name.split("/", 1)[0] for name in names))
    assert list_top_level(wheel) == expected
    assert expected == [
        "example",
        "example-21.12.dist-info",
        "explicit",
        "top.py",
        "deep",
    ]


def test_list_top_level_of_an_empty_zip_is_empty(tmp_path: pathlib.Path) -> None:
    """A valid zip without members has no top level but a root that exists."""
    archive = write_zip(tmp_path / "empty.zip", {})
    assert list_top_level(archive) == []
    assert ZipPath(archive).is_dir()


def bad_archives(tmp_path: pathlib.Path, wheel: str) -> dict[str, str]:
    """Paths that are not readable zips, by kind."""
    data = pathlib.Path(wheel).read_bytes()
    made = {
        "empty": b"",
        "truncated": data[: len(data) // 2],
        "tail-cut": data[:-5],
        "not-a-zip": b"Name: example\nVersion: 1.0\n" * 10,
    }
    paths = {}
    for kind, content in made.items():
        path = tmp_path / f"{kind}.zip"
        path.write_bytes(content)
        paths[kind] = str(path)
    directory = tmp_path / "directory.zip"
    directory.mkdir()
    paths["directory"] = str(directory)
    paths["missing"] = str(tmp_path / "missing.zip")
    paths["nul"] = str(tmp_path / "nul\0.zip")
    return paths


def test_unreadable_archives_list_nothing(tmp_path: pathlib.Path, wheel: str) -> None:
    """Empty, truncated, foreign, directory and missing inputs list nothing."""
    for kind, path in bad_archives(tmp_path, wheel).items():
        assert list_top_level(path) == [], kind
        assert not ZipPath(path).exists(), kind
        assert not ZipPath(path, "example/__init__.py").exists(), kind
        assert not ZipPath(path).is_dir(), kind


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
@needs_subprocess
def test_fifo_named_like_a_zip_is_not_opened(tmp_path: pathlib.Path) -> None:
    """A FIFO is never opened (that would block): it lists nothing at once."""
    fifo = tmp_path / "fifo.zip"
    os.mkfifo(fifo)
    code = (
        "import sys; from pkgmeta._archive import list_top_level; "
        "from pkgmeta._zip import ZipPath; "
        "assert list_top_level(sys.argv[1]) == []; "
        "assert not ZipPath(sys.argv[1], 'a').exists()"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    # In a child process, so that a regression fails by timeout, not a hang.
    subprocess.run(
        [sys.executable, "-c", code, str(fifo)], check=True, env=env, timeout=60
    )


@settings(max_examples=150, deadline=None)
@given(
    cut=st.integers(min_value=0, max_value=2000),
    flips=st.lists(
        st.tuples(st.integers(min_value=1, max_value=400), st.integers(0, 255)),
        max_size=6,
    ),
)
def test_list_top_level_never_raises_on_damaged_zips(
    tmp_path_factory: pytest.TempPathFactory, cut: int, flips: list[tuple[int, int]]
) -> None:
    """Truncated or byte-flipped archives give a listing or nothing, never an error."""
    directory = tmp_path_factory.mktemp("damaged")
    source = write_zip(directory / "good.zip", WHEEL_MEMBERS)
    data = bytearray(pathlib.Path(source).read_bytes())
    data = data[: len(data) - min(cut, len(data))] if cut % 2 else data
    for offset_from_end, value in flips:
        if data:
            data[-min(offset_from_end, len(data))] = value
    damaged = directory / "damaged.zip"
    damaged.write_bytes(bytes(data))
    clear_cache()
    assert isinstance(list_top_level(str(damaged)), list)


def read_outcome(read: Callable[[], bytes]) -> bytes | BaseException:
    """What *read* returns, or the error it raises on a damaged archive."""
    try:
        return read()
    except (OSError, EOFError, ValueError, RuntimeError, zipfile.BadZipFile) as error:
        return error
    except (zlib.error, lzma.LZMAError) as error:
        return error


@settings(max_examples=100, deadline=None)
@given(
    flips=st.lists(
        st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=3
    )
)
def test_damaged_members_read_like_zipfile(
    tmp_path_factory: pytest.TempPathFactory, flips: list[tuple[int, int]]
) -> None:
    """On flipped bytes a member gives ZipFile.read's bytes, or fails where it fails.

    Only 3.13-era ZipFile refuses data that overlaps the next entry (a zip
    bomb guard); ZipPath refuses it on every Python.
    """
    directory = tmp_path_factory.mktemp("flipped")
    source = compressed_zip(directory / "source.zip")
    data = bytearray(pathlib.Path(source).read_bytes())
    for offset, value in flips:
        data[offset % len(data)] = value
    damaged = directory / "damaged.zip"
    damaged.write_bytes(bytes(data))
    clear_cache()
    try:
        opened = zipfile.ZipFile(damaged)
    except (OSError, ValueError, NotImplementedError, zipfile.BadZipFile):
        assert list_top_level(str(damaged)) == []
        return
    with opened:
        for info in opened.infolist():
            expected = read_outcome(functools.partial(opened.read, info.filename))
            ours = read_outcome(ZipPath(str(damaged), info.filename).read_bytes)
            if isinstance(expected, bytes) and not isinstance(ours, bytes):
                assert "Overlapped entries" in str(ours)
            elif isinstance(ours, bytes):
                assert ours == expected


def test_listing_is_read_once_per_archive(
    wheel: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The central directory is read once, not again for each member read."""
    opened: list[object] = []
    real = zipfile.ZipFile

    def counting(*args: object, **kwargs: object) -> zipfile.ZipFile:
        opened.append(args[0])
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile, "ZipFile", counting)
    for _ in range(3):
        list_top_level(wheel)
        ZipPath(wheel, "example").is_dir()
        (ZipPath(wheel) / "example" / "sub").iterdir()
    assert len(opened) == 1
    ZipPath(wheel, "top.py").read_bytes()
    ZipPath(wheel, "top.py").read_text(encoding="utf-8")
    assert len(opened) == 1


def compressed_zip(path: pathlib.Path) -> str:
    """A zip with one member per compression method zipfile can write."""
    methods = {
        "stored.txt": zipfile.ZIP_STORED,
        "deflated.txt": zipfile.ZIP_DEFLATED,
        "bzip2.txt": zipfile.ZIP_BZIP2,
        "lzma.txt": zipfile.ZIP_LZMA,
    }
    # By hand: a compression method per member, which write_zip does not take.
    with zipfile.ZipFile(path, "w") as archive:
        for name, method in methods.items():
            archive.writestr(name, f"{name} " * 50, compress_type=method)
        archive.writestr("empty.txt", "", compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("ü/é.txt", "unicode name", compress_type=zipfile.ZIP_DEFLATED)
    return str(path)


class Unseekable:
    """A write-only stream without seek, so zipfile writes data descriptors."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def write(self, data: bytes) -> int:
        self.buffer += data
        return len(data)

    def flush(self) -> None:
        """Nothing to flush."""


def test_members_read_like_zipfile_for_every_method(tmp_path: pathlib.Path) -> None:
    """Stored, deflated, bzip2 and lzma members read as ZipFile.read gives them."""
    archive = compressed_zip(tmp_path / "methods.zip")
    with zipfile.ZipFile(archive) as opened:
        expected = {info.filename: opened.read(info) for info in opened.infolist()}
    assert {name: ZipPath(archive, name).read_bytes() for name in expected} == expected


def test_members_with_data_descriptors_read_like_zipfile(
    tmp_path: pathlib.Path,
) -> None:
    """Members written to an unseekable stream (sizes after the data) read right."""
    stream = Unseekable()
    # By hand: written to a stream, which write_zip (a path) cannot be given.
    with zipfile.ZipFile(stream, "w") as writing:  # type: ignore[arg-type]
        writing.writestr("a.txt", "alpha " * 20, compress_type=zipfile.ZIP_DEFLATED)
        writing.writestr("b.txt", "beta")
    path = tmp_path / "streamed.zip"
    path.write_bytes(bytes(stream.buffer))
    with zipfile.ZipFile(path) as opened:
        assert all(info.flag_bits & 0x08 for info in opened.infolist())
        expected = {info.filename: opened.read(info) for info in opened.infolist()}
    assert {
        name: ZipPath(str(path), name).read_bytes() for name in expected
    } == expected


def test_corrupt_member_data_raises_bad_zip_file(tmp_path: pathlib.Path) -> None:
    """A flipped data byte fails the CRC check, as in ZipFile.read."""
    archive = write_zip(tmp_path / "crc.zip", {"a.txt": "a" * 100, "b.txt": "b" * 100})
    data = bytearray(pathlib.Path(archive).read_bytes())
    data[data.index(b"a" * 100) + 50] = ord("x")
    pathlib.Path(archive).write_bytes(bytes(data))
    with zipfile.ZipFile(archive) as opened, pytest.raises(zipfile.BadZipFile):
        opened.read("a.txt")
    with pytest.raises(zipfile.BadZipFile, match="CRC"):
        ZipPath(archive, "a.txt").read_bytes()
    assert ZipPath(archive, "b.txt").read_bytes() == b"b" * 100


def test_mismatched_local_header_raises_bad_zip_file(tmp_path: pathlib.Path) -> None:
    """A local header naming another file is refused, as in ZipFile.read."""
    archive = write_zip(tmp_path / "names.zip", {"aaa.txt": "a", "bbb.txt": "b"})
    data = bytearray(pathlib.Path(archive).read_bytes())
    data[data.index(b"aaa.txt")] = ord("z")  # the local header's copy only
    pathlib.Path(archive).write_bytes(bytes(data))
    with zipfile.ZipFile(archive) as opened, pytest.raises(zipfile.BadZipFile):
        opened.read("aaa.txt")
    with pytest.raises(zipfile.BadZipFile, match="differ"):
        ZipPath(archive, "aaa.txt").read_bytes()


def test_data_overlapping_the_next_entry_is_refused(tmp_path: pathlib.Path) -> None:
    """A member whose data would run into the next one is refused (a zip bomb guard)."""
    archive = write_zip(tmp_path / "bomb.zip", {"a.txt": "a" * 10, "b.txt": "b" * 10})
    data = bytearray(pathlib.Path(archive).read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 20 : central + 24] = (40).to_bytes(4, "little")  # compressed size
    pathlib.Path(archive).write_bytes(bytes(data))
    with pytest.raises(zipfile.BadZipFile, match="Overlapped entries"):
        ZipPath(archive, "a.txt").read_bytes()
    assert ZipPath(archive, "b.txt").read_bytes() == b"b" * 10
    if "_end_offset" in zipfile.ZipInfo.__slots__:  # the guard's CPython versions
        with zipfile.ZipFile(archive) as opened, pytest.raises(
            zipfile.BadZipFile, match="Overlapped entries"
        ):
            opened.read("a.txt")


def test_encrypted_member_raises_like_zipfile(tmp_path: pathlib.Path) -> None:
    """A member flagged encrypted raises ZipFile's RuntimeError, also a ValueError.

    The message starts with zipfile's own and names the archive.
    """
    archive = write_zip(tmp_path / "locked.zip", {"secret.txt": "s"})
    data = bytearray(pathlib.Path(archive).read_bytes())
    local = data.index(b"PK\x03\x04")
    central = data.index(b"PK\x01\x02")
    data[local + 6] |= 0x1
    data[central + 8] |= 0x1
    pathlib.Path(archive).write_bytes(bytes(data))
    with zipfile.ZipFile(archive) as opened, pytest.raises(RuntimeError) as expected:
        opened.read("secret.txt")
    with pytest.raises(RuntimeError, match="encrypted") as raised:
        ZipPath(archive, "secret.txt").read_bytes()
    assert str(raised.value).startswith(str(expected.value))
    assert archive in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_derived_paths_share_one_look_at_the_archive(
    wheel: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """joinpath, parent and iterdir results reuse their origin's listing."""
    looked: list[str] = []
    real = _zip.cached_listing

    def counting(archive: str) -> object:
        looked.append(archive)
        return real(archive)

    monkeypatch.setattr(_zip, "cached_listing", counting)
    metadata_dir = ZipPath(wheel, "example-21.12.dist-info")
    for name in ["example/__init__.py", "example/sub/data.txt", "missing", "deep"]:
        located = metadata_dir.parent / name
        located.exists()
        located.is_file()
        located.is_dir()
    assert [child.is_dir() for child in ZipPath(wheel, "example").iterdir()] == [
        False,
        True,
    ]
    assert len(looked) == 2  # one per ZipPath made from an archive path


def test_rewritten_archive_is_read_again(tmp_path: pathlib.Path) -> None:
    """A zip replaced on disk (new mtime or size) is listed afresh."""
    archive = write_zip(tmp_path / "a.zip", {"old.py": ""})
    assert list_top_level(archive) == ["old.py"]
    write_zip(tmp_path / "a.zip", {"new.py": "", "new-1.0.dist-info/METADATA": "x"})
    stamp = os.stat(archive).st_mtime_ns + 1_000_000_000
    os.utime(archive, ns=(stamp, stamp))
    assert list_top_level(archive) == ["new.py", "new-1.0.dist-info"]
    assert not ZipPath(archive, "old.py").exists()


def rebuild_keeping_stamp(archive: str, members: dict[str, str], how: str) -> None:
    """Write *members* over *archive* with its size and times, as ``cp -p`` would.

    *how* is ``"in-place"`` (the same inode rewritten) or ``"renamed"`` (a
    new file moved over it, as rsync does).
    """
    before = os.stat(archive)
    target = archive if how == "in-place" else archive + ".tmp"
    write_zip(target, members)
    if how == "renamed":
        os.replace(target, archive)
    os.utime(archive, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(archive)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


@pytest.mark.parametrize("how", ["in-place", "renamed"])
def test_same_size_same_mtime_rebuild_is_read_afresh(
    tmp_path: pathlib.Path, how: str
) -> None:
    """Another build of equal size and mtime is listed again, not read as the old."""
    archive = write_zip(tmp_path / "a.whl", {"a/METADATA": "Version: 1.0\n"})
    assert ZipPath(archive, "a/METADATA").read_bytes() == b"Version: 1.0\n"
    rebuild_keeping_stamp(archive, {"a/METADATA": "Version: 2.0\n"}, how)
    assert ZipPath(archive, "a/METADATA").read_bytes() == b"Version: 2.0\n"
    with zipfile.ZipFile(archive) as opened:
        assert opened.read("a/METADATA") == b"Version: 2.0\n"


def test_rebuild_the_stamp_misses_is_caught_by_the_member_check(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where inode and ctime tell nothing, a failed CRC re-reads the listing once."""
    monkeypatch.setattr(_archive, "_stamp", lambda status: (status.st_mtime_ns,))
    archive = write_zip(
        tmp_path / "a.whl", {"a/METADATA": "Version: 1.0\n", "a/RECORD": "x"}
    )
    assert ZipPath(archive, "a/METADATA").read_bytes() == b"Version: 1.0\n"
    stale = _archive._cache[archive][1]
    rebuild_keeping_stamp(
        archive, {"a/RECORD": "x", "a/METADATA": "Version: 2.0\n"}, "in-place"
    )
    assert _archive.cached_listing(archive) is stale  # the stamp alone cannot tell
    assert ZipPath(archive, "a/METADATA").read_bytes() == b"Version: 2.0\n"
    assert _archive.cached_listing(archive) is not stale
    assert ZipPath(archive, "a/RECORD").read_bytes() == b"x"


def test_damaged_member_still_raises_after_the_second_look(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A member that fails against a fresh listing too raises its BadZipFile."""
    archive = write_zip(tmp_path / "crc.zip", {"a.txt": "a" * 100})
    data = bytearray(pathlib.Path(archive).read_bytes())
    data[data.index(b"a" * 100) + 50] = ord("x")
    pathlib.Path(archive).write_bytes(bytes(data))
    looked: list[str] = []
    real = _archive._read_listing

    def counting(path: str) -> object:
        looked.append(path)
        return real(path)

    monkeypatch.setattr(_archive, "_read_listing", counting)
    with pytest.raises(zipfile.BadZipFile, match="CRC"):
        ZipPath(archive, "a.txt").read_bytes()
    assert looked == [archive, archive]  # once, and once more before raising


def test_deleted_archive_lists_nothing(tmp_path: pathlib.Path) -> None:
    """A listed archive that disappears is dropped from the cache."""
    archive = write_zip(tmp_path / "a.zip", {"old.py": ""})
    assert list_top_level(archive) == ["old.py"]
    os.remove(archive)
    assert list_top_level(archive) == []
    assert archive not in _archive._cache


def test_clear_cache_forgets_listings(wheel: str) -> None:
    """clear_cache() empties the listing cache."""
    list_top_level(wheel)
    assert wheel in _archive._cache
    clear_cache()
    assert not _archive._cache


def test_no_file_handle_outlives_a_call(wheel: str) -> None:
    """Listing and reading leave no open file and emit no ResourceWarning."""
    gc.collect()
    has_proc = os.path.isdir("/proc/self/fd")  # descriptors are listed on Linux
    before = open_descriptors() if has_proc else {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        list_top_level(wheel)
        for _ in range(5):
            ZipPath(wheel, "top.py").read_text(encoding="utf-8")
            ZipPath(wheel, "example/sub/data.txt").read_bytes()
            with pytest.raises(FileNotFoundError):
                ZipPath(wheel, "nope").read_bytes()
        gc.collect()
    assert [str(warning.message) for warning in caught] == []
    if has_proc:
        assert new_descriptors(before) == {}


@needs_subprocess
def test_importing_the_module_does_not_import_zipfile() -> None:
    """zipfile is loaded only when an archive is really listed."""
    code = (
        "import sys; import pkgmeta._zip as z; import pkgmeta._archive as a; "
        "assert 'zipfile' not in sys.modules, 'import'; "
        "a.list_top_level('/nonexistent.zip'); "
        "assert 'zipfile' not in sys.modules, 'missing archive'; "
        "z.ZipPath('/nonexistent.zip', 'a').exists(); "
        "assert 'zipfile' not in sys.modules, 'exists'"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_implied_dirs_follow_zipfile_path() -> None:
    """Implied directories match zipfile.Path, order and odd slashes included."""
    members = ["a//b///c.txt", "/abs/x", "a/b/", "z/y/", "z/w", "q/r/s/t"]
    expected = list(zipfile.CompleteDirs._implied_dirs(members))  # type: ignore[attr-defined]
    assert _archive._implied_dirs(members) == expected


# --- the rest of zipfile.Path's members --------------------------------------
# Each is compared with zipfile.Path on the same archive where the running
# stdlib has the member; the semantics followed are the newest (zipp 4.1 and
# 3.13's zipfile.Path) on every Python.


def reference_path(archive: str, at: str) -> zipfile.Path:
    """The stdlib's path *at*, from a root the caller does not need to close.

    The ZipFile is read into memory first, so no descriptor stays open.
    """
    with open(archive, "rb") as stream:
        opened = zipfile.ZipFile(io.BytesIO(stream.read()))
    opened.filename = archive
    return zipfile.Path(opened).joinpath(at) if at else zipfile.Path(opened)


def has(member: str) -> bool:
    """Whether the running stdlib's zipfile.Path has *member* in its newest form.

    3.12's glob() lets ``*`` cross ``/`` and its is_symlink() is always
    False; 3.13's are zipp's.
    """
    if member in ("glob", "rglob", "is_symlink") and sys.version_info < (3, 13):
        return False
    return hasattr(zipfile.Path, member)


def member_queries(archive: str) -> list[str]:
    """Every member and directory name, with and without the slash, and misses."""
    names = reference_names(archive)
    return names + [name.rstrip("/") for name in names] + ["missing.txt"]


def test_name_parts_match_zipfile_path(wheel: str) -> None:
    """name, suffix, suffixes, stem and filename are zipfile.Path's."""
    for at in [*member_queries(wheel), ""]:
        ours = ZipPath(wheel).joinpath(at)
        theirs = reference_path(wheel, at)
        if at or sys.version_info >= (3, 10):  # 3.8/3.9 root: name ''
            assert ours.name == theirs.name, at
        for member in ("suffix", "suffixes", "stem", "filename"):
            if has(member) and (at or sys.version_info >= (3, 11)):
                assert getattr(ours, member) == getattr(theirs, member), (at, member)


@pytest.mark.parametrize(
    "name",
    [
        "a",
        "a.",
        ".a",
        ".a.b",
        "a.b.c",
        "..",
        "..a",
        "...a.",
        "a..",
        ".a.",
        "a..b",
        "a.b.",
        "a.b..",
        "x/a.tar.gz",
    ],
)
def test_suffixes_follow_pure_posix_path(wheel: str, name: str) -> None:
    """Odd names split into stem and suffixes as the running PurePosixPath does.

    3.14 changed the split of trailing and leading dots; both rules are met.
    """
    ours = ZipPath(wheel, name)
    reference = pathlib.PurePosixPath(name)
    assert (ours.name, ours.suffix, ours.suffixes, ours.stem) == (
        reference.name,
        reference.suffix,
        reference.suffixes,
        reference.stem,
    )


def test_open_text_and_binary_read_like_zipfile_path(wheel: str) -> None:
    """open('r') and open('rb') give zipfile.Path's content, arguments included."""
    at = "example/sub/data.txt"
    ours, theirs = ZipPath(wheel, at), reference_path(wheel, at)
    with ours.open(encoding="utf-8") as mine:
        assert mine.read() == "line one\nline two\nline three\n"
    if sys.version_info >= (3, 9):  # 3.8's takes no text arguments
        with theirs.open(encoding="utf-8") as ref:
            assert ref.read() == "line one\nline two\nline three\n"
    with ours.open("r", "utf-8", None, "") as mine:
        assert mine.read() == WHEEL_MEMBERS[at]
    with ours.open("r", encoding="ascii", errors="strict", newline="\n") as mine:
        assert mine.readline() == "line one\r\n"
    if sys.version_info >= (3, 9):  # 3.8's opens no binary mode
        with theirs.open("rb") as ref:
            assert ref.read() == WHEEL_MEMBERS[at].encode()
    with ours.open("rb") as mine:
        assert mine.read(4) == b"line"
        assert mine.read() == WHEEL_MEMBERS[at].encode()[4:]
        assert mine.seekable()
        mine.seek(0)
        assert mine.read() == WHEEL_MEMBERS[at].encode()
    with ours.open("rb") as mine, pytest.raises(io.UnsupportedOperation):
        mine.write(b"x")


def test_open_errors_match_zipfile_path(wheel: str) -> None:
    """Directories, missing members, binary with arguments raise as in zipfile.Path."""
    cases: list[tuple[str, str, dict[str, str], type[BaseException]]] = [
        ("example/", "r", {}, IsADirectoryError),
        ("explicit/", "rb", {}, IsADirectoryError),
        ("missing.txt", "r", {}, FileNotFoundError),
        ("missing.txt", "rb", {}, FileNotFoundError),
        ("top.py", "rb", {"encoding": "utf-8"}, ValueError),
        ("top.py", "a", {}, ValueError),
        ("top.py", "x", {}, ValueError),
        ("top.py", "w", {}, ValueError),
        ("missing.txt", "w", {}, ValueError),
    ]
    for at, mode, kwargs, error in cases:
        with pytest.raises(error):
            ZipPath(wheel, at).open(mode, **kwargs)
        if sys.version_info < (3, 10):
            continue  # 3.8/3.9: KeyError for a directory, TypeError for arguments
        # zipfile warns of a duplicate name before refusing to write one
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            with pytest.raises(error):
                reference_path(wheel, at).open(mode, **kwargs)


def test_writing_modes_name_the_read_only_view(wheel: str) -> None:
    """open('w') and open('wb') raise ValueError saying the archive is read-only."""
    for mode in ("w", "wb"):
        with pytest.raises(ValueError, match="read-only"):
            ZipPath(wheel, "top.py").open(mode)
    with pytest.raises(ValueError, match='requires mode "r" or "w"'):
        ZipPath(wheel, "top.py").open("")  # zipfile.Path: IndexError


def test_open_without_close_leaves_no_descriptor(wheel: str) -> None:
    """A file open() returns holds no descriptor: dropping it unclosed warns nothing."""
    gc.collect()
    has_proc = os.path.isdir("/proc/self/fd")
    before = open_descriptors() if has_proc else {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        streams = [ZipPath(wheel, "top.py").open("rb") for _ in range(3)]
        streams.append(ZipPath(wheel, "top.py").open(encoding="utf-8"))
        if has_proc:
            assert new_descriptors(before) == {}
        assert streams[0].read() == b"x = 1\n"
        del streams
        gc.collect()
    assert [str(warning.message) for warning in caught] == []


def test_password_is_passed_to_zipfile_for_an_encrypted_member(
    tmp_path: pathlib.Path,
) -> None:
    """open(pwd=...) reaches ZipFile; a wrong password raises its RuntimeError."""
    archive = write_zip(tmp_path / "locked.zip", {"secret.txt": "s" * 20})
    data = bytearray(pathlib.Path(archive).read_bytes())
    data[data.index(b"PK\x03\x04") + 6] |= 0x1
    data[data.index(b"PK\x01\x02") + 8] |= 0x1
    pathlib.Path(archive).write_bytes(bytes(data))
    with zipfile.ZipFile(archive) as opened, pytest.raises(RuntimeError) as theirs:
        opened.read("secret.txt", pwd=b"wrong")
    with pytest.raises(RuntimeError) as ours:
        ZipPath(archive, "secret.txt").open("rb", pwd=b"wrong")
    assert str(ours.value).startswith(str(theirs.value))
    plain = write_zip(tmp_path / "plain.zip", {"a.txt": "a"})
    assert ZipPath(plain, "a.txt").open("rb", pwd=b"ignored").read() == b"a"


GLOBS = [
    "*",
    "*.py",
    "**",
    "**/*",
    "*/*",
    "**/*.txt",
    "example/*",
    "example/**",
    "?op.py",
    "e*/",
    "[d-f]*",
    "*/[ab]/*",
]
"""Patterns zipp 4.1 and 3.12/3.13's zipfile.Path translate alike."""


@pytest.mark.parametrize("at", ["", "example/", "deep/"])
def test_glob_and_rglob_match_zipfile_path(wheel: str, at: str) -> None:
    """glob() and rglob() find what zipfile.Path finds, in its order."""
    for pattern in GLOBS:
        ours = [str(path) for path in ZipPath(wheel, at).glob(pattern)]
        rglobbed = [str(path) for path in ZipPath(wheel, at).rglob(pattern)]
        assert ours == [str(path) for path in zipp_path(wheel, at).glob(pattern)]
        if has("glob"):
            theirs = reference_path(wheel, at)
            assert ours == [str(path) for path in theirs.glob(pattern)], pattern
            assert rglobbed == [str(path) for path in theirs.rglob(pattern)], pattern
    assert [p.at for p in ZipPath(wheel).glob("**/*.txt")] == [
        "example/sub/data.txt",
        "explicit/file.txt",
        "deep/a/b/c.txt",
    ]


def zipp_path(archive: str, at: str) -> Any:
    """zipp's Path *at* (4.1 on 3.10+, 3.20 on 3.8: the same for GLOBS)."""
    zipp = pytest.importorskip("zipp")
    with open(archive, "rb") as stream:
        opened = zipfile.ZipFile(io.BytesIO(stream.read()))
    opened.filename = archive
    return zipp.Path(opened, at)


def zipp_version() -> str:
    """The installed zipp's version."""
    import importlib.metadata

    return importlib.metadata.version("zipp")


def test_glob_sets_follow_fnmatch_as_zipp_does(wheel: str) -> None:
    """[!x] negates (zipp 4.1; 3.12/3.13's zipfile.Path read it as '!' or 'x')."""
    assert [p.at for p in ZipPath(wheel).glob("[!e]*")] == ["top.py", "deep/"]
    if int(zipp_version().split(".")[0]) >= 4:
        for pattern in ("[!e]*", "[^t]*", "e[!x]*/"):
            expected = [str(p) for p in zipp_path(wheel, "").glob(pattern)]
            assert [str(p) for p in ZipPath(wheel).glob(pattern)] == expected


def test_glob_of_a_directory_named_without_its_slash(wheel: str) -> None:
    """ZipPath(a, 'example') globs like 'example/' (zipfile.Path has no such path)."""
    assert [str(p) for p in ZipPath(wheel, "example").glob("*")] == [
        str(p) for p in ZipPath(wheel, "example/").glob("*")
    ]


@pytest.mark.parametrize("pattern", ["", "**foo", "a/b**/c"])
def test_bad_glob_patterns_raise_value_error(wheel: str, pattern: str) -> None:
    """Empty patterns and ** inside a segment raise ValueError, as in zipp."""
    message = "Unacceptable pattern" if not pattern else "must appear alone"
    with pytest.raises(ValueError, match=message):
        list(ZipPath(wheel).glob(pattern))
    if has("glob"):
        with pytest.raises(ValueError, match=message):
            list(reference_path(wheel, "").glob(pattern))


def test_glob_of_a_non_zip_finds_nothing(tmp_path: pathlib.Path) -> None:
    """An archive that cannot be listed has no members to match."""
    fake = tmp_path / "fake.whl"
    fake.write_text("not a zip", encoding="utf-8")
    assert list(ZipPath(str(fake)).glob("*")) == []


@pytest.mark.parametrize(
    ("at", "other", "extra"),
    [
        ("example/sub/data.txt", "example/", ()),
        ("example/sub/data.txt", "", ("example", "sub")),
        ("top.py", "", ()),
        ("example/", "deep/a/", ()),
        ("", "example/sub/", ()),
    ],
)
def test_relative_to_matches_zipfile_path(
    wheel: str, at: str, other: str, extra: tuple[str, ...]
) -> None:
    """relative_to gives zipfile.Path's relpath of the two paths."""
    ours = ZipPath(wheel, at).relative_to(ZipPath(wheel, other), *extra)
    if has("relative_to"):
        theirs = reference_path(wheel, at).relative_to(
            reference_path(wheel, other), *extra
        )
        assert ours == theirs
    expected = posixpath.relpath(
        posixpath.join(wheel, at), posixpath.join(wheel, other, *extra)
    )
    assert ours == expected


def test_match_follows_pure_posix_path(wheel: str) -> None:
    """match() is PurePosixPath.match of the member path, as in zipfile.Path."""
    patterns = ["*.py", "example/*", "*.txt", "data.txt", "sub/*.txt", "deep/**"]
    for at in member_queries(wheel):
        for pattern in patterns:
            ours = ZipPath(wheel, at).match(pattern)
            assert ours == pathlib.PurePosixPath(at).match(pattern), (at, pattern)
            if has("match"):
                assert ours == reference_path(wheel, at).match(pattern)


def test_is_symlink_reads_the_unix_mode(tmp_path: pathlib.Path) -> None:
    """A member archived as a symlink is one; others, missing and root are not."""
    archive = tmp_path / "links.zip"
    # By hand: write_zip sets no external attributes.
    with zipfile.ZipFile(archive, "w") as writing:
        link = zipfile.ZipInfo("pkg/link.py")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        writing.writestr(link, "target.py")
        writing.writestr("pkg/target.py", "x = 1\n")
    path = str(archive)
    for at, expected in [("pkg/link.py", True), ("pkg/target.py", False)]:
        assert ZipPath(path, at).is_symlink() is expected
        if has("is_symlink"):
            assert reference_path(path, at).is_symlink() is expected
    assert not ZipPath(path, "pkg/").is_symlink()
    assert not ZipPath(path, "pkg").is_symlink()
    assert not ZipPath(path).is_symlink()
    assert not ZipPath(path, "missing").is_symlink()
    if has("is_symlink"):  # zipfile.Path raises for a name with no entry
        with pytest.raises(KeyError):
            reference_path(path, "missing").is_symlink()
