"""Fault corpus: zip archives on ``sys.path`` that are damaged, foreign or odd.

An archive that cannot be listed is skipped silently, as the stdlib skips it.
A listed archive whose member cannot be read back raises ``zipfile.BadZipFile``
(also a ``ValueError``) naming the member and the archive.
"""

from __future__ import annotations

import os
import pathlib
import posixpath
import re
import sys
import zipfile

import pytest

import pkgmeta
from helpers import write_zip

from .faults import (
    basenames,
    central_entry_offset,
    corrupt_member,
    member_data_offset,
    reference_find,
)

MD = "Metadata-Version: 2.1\nName: zipped\nVersion: 1.0\n"
METADATA = "zipped-1.0.dist-info/METADATA"
ENTRY_POINTS = "zipped-1.0.dist-info/entry_points.txt"


def wheel(env, name: str = "zipped.whl", **members: str | bytes) -> str:
    """Write a wheel-like zip below the env root holding ``zipped`` and *members*."""
    contents: dict[str, str | bytes] = {
        METADATA: MD + "Summary: " + "padding " * 40 + "\n",
        ENTRY_POINTS: "[zip.group]\nzipped = zipped:main\n" + "# pad\n" * 20,
        "zipped-1.0.dist-info/RECORD": "zipped.py,,\n",
        "zipped.py": "",
    }
    contents.update({name.replace("|", "/"): text for name, text in members.items()})
    return write_zip(env.root / name, contents, compression=zipfile.ZIP_DEFLATED)


def assert_only_good_is_found(reference) -> None:
    """Nothing but the valid neighbour is found, by pkgmeta and the reference."""
    assert basenames(pkgmeta.distributions()) == ["good-1.0.dist-info"]
    assert basenames(reference_find(reference)) == ["good-1.0.dist-info"]
    assert pkgmeta.version("good") == "1.0"
    assert [ep.name for ep in pkgmeta.entry_points(group="pkgmeta.faults")] == [
        "good-plugin"
    ]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated-half"),
        pytest.param(lambda data: data[:-10], id="truncated-end-record"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: b"just some text, not a zip\n", id="text"),
        pytest.param(lambda data: b"PK\x05\x06" + b"\x00" * 10, id="bad-end-record"),
        pytest.param(lambda data: data.replace(b"PK\x01\x02", b"XX\x01\x02"), id="cd"),
    ],
)
def test_unreadable_archive_on_sys_path_is_skipped_silently(env, reference, damage):
    """A file on sys.path that is not a readable zip is skipped, as by the stdlib."""
    archive = pathlib.Path(wheel(env))
    archive.write_bytes(damage(archive.read_bytes()))
    env.insert(str(archive), position=0)
    assert_only_good_is_found(reference)
    with pytest.raises(pkgmeta.PackageNotFoundError):
        pkgmeta.version("zipped")


def test_directory_named_like_a_zip_is_searched_as_a_directory(env, reference):
    """A directory called ``*.zip`` holds metadata directories like any other."""
    fake = env.entry("fake.zip")
    env.dist("zipped-1.0.dist-info", {"METADATA": MD}, where=fake)
    assert pkgmeta.version("zipped") == "1.0"
    assert basenames(pkgmeta.distributions(name="zipped")) == basenames(
        reference_find(reference, "zipped")
    )


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("lib/zipped-1.0.dist-info/METADATA", id="nested"),
        pytest.param("zipped-1.0.dist-info\\METADATA", id="backslash"),
        pytest.param("./zipped-1.0.dist-info/METADATA", id="dot-slash"),
    ],
)
def test_metadata_at_odd_member_paths_is_not_found(env, reference, name):
    """Metadata nested in a folder or named with backslashes is not a distribution."""
    archive = write_zip(
        env.root / "odd.zip", {name: MD}, compression=zipfile.ZIP_DEFLATED
    )
    env.insert(archive, position=0)
    found = basenames(pkgmeta.distributions(name="zipped"))
    assert found == basenames(reference_find(reference, "zipped")) == []
    assert_only_good_is_found(reference)


def test_valid_wheel_on_sys_path_reads_like_the_references(env, reference):
    """The undamaged archive the other cases start from reads like the references."""
    archive = wheel(env)
    env.insert(archive, position=0)
    assert pkgmeta.version("zipped") == "1.0"
    theirs = reference_find(reference, "zipped")
    assert basenames(pkgmeta.distributions(name="zipped")) == basenames(theirs)
    assert theirs[0].version == "1.0"
    assert [str(path) for path in pkgmeta.files("zipped")] == ["zipped.py"]


def test_located_files_of_a_wheel_have_zipfile_path_members(env):
    """locate_file() and PackagePath.locate() of a zipped dist open and glob.

    The stdlib's PathDistribution over the same archive gives zipfile.Path.
    """
    archive = wheel(env)
    env.insert(archive, position=0)
    dist = pkgmeta.distribution("zipped")
    (listed,) = pkgmeta.files("zipped")
    located = listed.locate()
    assert located == dist.locate_file("zipped.py")
    assert (located.name, located.suffix, located.stem) == (
        "zipped.py",
        ".py",
        "zipped",
    )
    with located.open("rb") as stream:
        assert stream.read() == b""
    root = dist.locate_file("")
    with dist.locate_file(ENTRY_POINTS).open(encoding="utf-8") as stream:
        assert stream.readline() == "[zip.group]\n"
    assert [path.name for path in root.glob("*.py")] == ["zipped.py"]
    assert located.relative_to(root) == "zipped.py"
    with zipfile.ZipFile(archive) as opened:
        theirs = zipfile.Path(opened, "zipped.py")
        expected = posixpath.relpath(str(theirs), str(zipfile.Path(opened)))
    assert located.relative_to(root) == expected


def damaged_wheel(env, member: str, how: str) -> str:
    """A wheel on sys.path whose *member* is damaged *how*."""
    archive = wheel(env)
    if how == "crc":
        corrupt_member(archive, member)
    else:
        data = bytearray(pathlib.Path(archive).read_bytes())
        offset = member_data_offset(archive, member)
        if how == "deflate":
            data[offset] = 0xFF  # block type 3: reserved, an invalid stream
        else:  # the local header's copy of the name
            data[offset - len(member)] ^= 0x20
        pathlib.Path(archive).write_bytes(bytes(data))
    env.insert(archive, position=0)
    return archive


DAMAGE = ["crc", "deflate", "header-name"]


@pytest.mark.parametrize("how", DAMAGE)
def test_damaged_metadata_member_raises_bad_zip_file_naming_the_archive(env, how):
    """A damaged METADATA: BadZipFile (and ValueError) naming member and archive."""
    archive = damaged_wheel(env, METADATA, how)
    (found,) = pkgmeta.distributions(name="zipped")
    with pytest.raises(zipfile.BadZipFile, match=re.escape(archive)) as caught:
        found.version
    assert isinstance(caught.value, ValueError)
    assert METADATA in str(caught.value)


@pytest.mark.parametrize("how", DAMAGE)
def test_damaged_entry_points_member_raises_from_the_distribution_only(env, how):
    """The distribution's own entry points raise; its version still reads."""
    archive = damaged_wheel(env, ENTRY_POINTS, how)
    dist = pkgmeta.distribution("zipped")
    assert dist.version == "1.0"
    with pytest.raises(zipfile.BadZipFile, match=re.escape(archive)):
        dist.entry_points


def test_version_of_a_damaged_wheel_raises_only_when_the_version_is_read(env):
    """``distribution()`` of a damaged wheel succeeds; reading its version raises."""
    archive = damaged_wheel(env, METADATA, "crc")
    dist = pkgmeta.distribution("zipped")
    assert [ep.name for ep in dist.entry_points] == ["zipped"]
    with pytest.raises(zipfile.BadZipFile, match=re.escape(archive)):
        dist.version


def test_unknown_compression_method_raises_bad_zip_file(env):
    """A member compressed by a method zipfile lacks: BadZipFile, not NotImplemented."""
    archive = wheel(env)
    data = bytearray(pathlib.Path(archive).read_bytes())
    with zipfile.ZipFile(archive) as opened:
        local = opened.getinfo(ENTRY_POINTS).header_offset
    central = central_entry_offset(archive, ENTRY_POINTS)
    data[local + 8] = data[central + 10] = 99  # method 99 (AES) in both headers
    pathlib.Path(archive).write_bytes(bytes(data))
    env.insert(archive, position=0)
    dist = pkgmeta.distribution("zipped")
    with pytest.raises(
        zipfile.BadZipFile, match=r"member .*entry_points\.txt"
    ) as caught:
        dist.entry_points
    assert archive in str(caught.value)


def encrypted_wheel(env, member: str) -> str:
    """A wheel on sys.path whose stored *member* is flagged encrypted.

    The flag (bit 0x1) is set in both headers: ``zipfile`` then asks for a
    password. ``top_level.txt`` makes ``packages_distributions()`` read it.
    """
    archive = write_zip(
        env.root / "locked.whl",
        {
            METADATA: MD,
            ENTRY_POINTS: "[zip.group]\nzipped = zipped:main\n",
            "zipped-1.0.dist-info/top_level.txt": "zipped\n",
            "zipped-1.0.dist-info/RECORD": "zipped.py,,\n",
        },
    )
    data = bytearray(pathlib.Path(archive).read_bytes())
    with zipfile.ZipFile(archive) as opened:
        local = opened.getinfo(member).header_offset
    central = central_entry_offset(archive, member)
    data[local + 6] |= 0x1
    data[central + 8] |= 0x1
    pathlib.Path(archive).write_bytes(bytes(data))
    env.insert(archive, position=0)
    return archive


ENCRYPTED = [METADATA, ENTRY_POINTS, "zipped-1.0.dist-info/top_level.txt"]


@pytest.mark.parametrize("member", ENCRYPTED)
def test_encrypted_member_is_skipped_by_environment_wide_calls(env, member):
    """distributions(), entry_points(), packages_distributions() keep the neighbour.

    They used to raise zipfile's RuntimeError for the whole environment.
    """
    encrypted_wheel(env, member)
    assert "good-1.0.dist-info" in basenames(pkgmeta.distributions())
    assert [ep.name for ep in pkgmeta.entry_points(group="pkgmeta.faults")] == [
        "good-plugin"
    ]
    assert pkgmeta.packages_distributions()["good"] == ["good"]
    assert pkgmeta.version("good") == "1.0"


@pytest.mark.parametrize("member", ENCRYPTED)
def test_encrypted_member_raises_runtime_error_from_its_distribution(env, member):
    """Reading the member itself raises zipfile's RuntimeError, naming the archive."""
    archive = encrypted_wheel(env, member)
    dist = pkgmeta.distribution("zipped")
    with zipfile.ZipFile(archive) as opened, pytest.raises(RuntimeError) as theirs:
        opened.read(member)
    with pytest.raises(RuntimeError, match="password required") as caught:
        dist.read_text(member.split("/", 1)[1])
    assert str(caught.value).startswith(str(theirs.value))
    assert archive in str(caught.value)
    if member == METADATA:
        with pytest.raises(RuntimeError, match="encrypted"):
            dist.version
    else:
        assert dist.version == "1.0"


def test_wheel_without_metadata_raises_metadata_not_found_naming_it(env):
    """A dist-info folder in a zip holding no METADATA is a MetadataNotFound."""
    archive = write_zip(
        env.root / "hollow.whl",
        {"hollow-1.0.dist-info/RECORD": ""},
        compression=zipfile.ZIP_DEFLATED,
    )
    env.insert(archive, position=0)
    with pytest.raises(pkgmeta.MetadataNotFound, match=re.escape(archive)):
        pkgmeta.version("hollow")


def test_undecodable_metadata_in_a_zip_raises_unicode_decode_error(env):
    """Metadata in a zip that is not UTF-8 raises UnicodeDecodeError, as on disk."""
    archive = wheel(env, **{"zipped-1.0.dist-info|METADATA": b"Name: caf\xe9\n"})
    env.insert(archive, position=0)
    with pytest.raises(UnicodeDecodeError):
        pkgmeta.version("zipped")


def test_archive_replaced_by_garbage_between_calls_is_dropped(env):
    """Once a listed zip is overwritten with garbage, it is skipped like any non-zip."""
    archive = pathlib.Path(wheel(env))
    env.insert(str(archive), position=0)
    assert pkgmeta.version("zipped") == "1.0"
    archive.write_bytes(b"garbage" * 100)
    with pytest.raises(pkgmeta.PackageNotFoundError):
        pkgmeta.version("zipped")
    assert basenames(pkgmeta.distributions()) == ["good-1.0.dist-info"]


@pytest.mark.parametrize("how", ["in-place", "renamed"])
def test_rebuild_of_the_same_size_and_mtime_is_read_afresh(env, reference, how):
    """A wheel replaced by another build of equal size and times gives its version.

    ``cp -p``, rsync and CI caches keep the mtime; the size is the same when
    only the version's digits changed. pkgmeta used to read the new file by
    the old listing and raise ``BadZipFile`` "Bad CRC-32".
    """
    # Stored, so that equal lengths make equal sizes.
    archive = write_zip(env.root / "zipped.whl", {METADATA: MD, "zipped.py": ""})
    env.insert(archive, position=0)
    assert pkgmeta.version("zipped") == "1.0"
    before = os.stat(archive)
    built = write_zip(env.root / "next.whl", {METADATA: NEXT, "zipped.py": ""})
    assert os.stat(built).st_size == before.st_size
    if how == "renamed":
        os.replace(built, archive)
    else:
        pathlib.Path(archive).write_bytes(pathlib.Path(built).read_bytes())
    os.utime(archive, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(archive).st_mtime_ns == before.st_mtime_ns

    assert pkgmeta.version("zipped") == "2.0"
    assert pkgmeta.distribution("zipped").read_text("METADATA") == NEXT
    assert reference_find(reference, "zipped")[0].version == "2.0"


NEXT = MD.replace("1.0", "2.0")
"""The METADATA of the next build: another version of the same length."""


def test_duplicate_members_read_the_last_like_zipfile(env, reference):
    """Two METADATA members of one name: the last one is read, as ZipFile.read does."""
    archive = env.root / "dup.whl"
    # By hand: a mapping (write_zip's members) cannot hold one name twice.
    with zipfile.ZipFile(archive, "w") as writing:
        writing.writestr(METADATA, MD)
        with pytest.warns(UserWarning, match="Duplicate name"):
            writing.writestr(METADATA, MD.replace("1.0", "2.0"))
    env.insert(str(archive), position=0)
    theirs = reference_find(reference, "zipped")
    assert pkgmeta.version("zipped") == theirs[0].version == "2.0"


def test_egg_zip_on_sys_path_reads_like_the_references(env, reference):
    """A zipped ``*.egg`` is found by its EGG-INFO, as by the references."""
    archive = write_zip(
        env.root / "Zipped_Egg-1.0-py3.8.egg",
        {"EGG-INFO/PKG-INFO": MD.replace("zipped", "Zipped-Egg")},
        compression=zipfile.ZIP_DEFLATED,
    )
    env.insert(archive, position=0)
    assert pkgmeta.version("zipped_egg") == "1.0"
    assert basenames(pkgmeta.distributions(name="zipped_egg")) == basenames(
        reference_find(reference, "zipped_egg")
    )


class _StdlibZipFinder:
    """A foreign finder serving the stdlib's ``PathDistribution`` over a zip.

    The distribution reads through ``zipfile.Path``, whose errors for a
    damaged member are ``zipfile``'s own (``BadZipFile`` is no ``ValueError``).
    """

    def __init__(self, archive: str) -> None:
        self.archive = archive

    def find_distributions(self, context=None):
        import importlib.metadata as stdlib

        name = getattr(context, "name", None)
        if name in (None, "zipped"):
            root = zipfile.Path(self.archive, "zipped-1.0.dist-info/")
            yield stdlib.PathDistribution(root)


def test_a_foreign_finders_damaged_zip_member_is_skipped_by_api_and_cli(
    env, monkeypatch, capsys
):
    """entry_points() and `pkgmeta entry-points` skip the same damaged distribution.

    Both decide "damaged" by one fault family (``pkgmeta._errors.damaged``):
    the library used to raise ``BadZipFile`` here while the CLI skipped it.
    """
    from pkgmeta._cli import main

    archive = wheel(env, "elsewhere.whl")  # not on sys.path: found by the finder
    corrupt_member(archive, ENTRY_POINTS)
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, _StdlibZipFinder(archive)])
    with pytest.raises(zipfile.BadZipFile, match="CRC"):
        next(_StdlibZipFinder(archive).find_distributions()).entry_points

    found = pkgmeta.entry_points()
    assert [
        (ep.group, ep.name) for ep in found if ep.group.startswith(("zip.", "pkgmeta."))
    ] == [("pkgmeta.faults", "good-plugin")]
    capsys.readouterr()
    code = main(["entry-points"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "good-plugin" in out
    assert "zipped" not in out
    assert "skipped" in err
    assert "elsewhere.whl" in err
