"""Fault corpus: stale, oddly named and legacy metadata directories.

What is found under which name follows the references' path finders (asked
directly, see faults.reference_find); a stale copy never hides a valid one.
"""

from __future__ import annotations

import os
import re
import zipfile

import pytest

import pkgmeta
from helpers import write_zip

from .faults import (
    BACKPORT,
    basenames,
    reference_dist,
    reference_find,
)

MD = "Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"


def metadata(name: str, version: str = "1.0") -> str:
    """The smallest METADATA of *name* at *version*."""
    return MD.format(name=name, version=version)


def valid_dist(name: str = "proj", version: str = "2.0") -> dict:
    """A complete dist-info of *name* (entry points, RECORD, top_level)."""
    return {
        f"{name}-{version}.dist-info": {
            "METADATA": metadata(name, version),
            "entry_points.txt": f"[proj.group]\n{name}-ep = {name}:main\n",
            "RECORD": f"{name}.py,,\n",
            "top_level.txt": f"{name}\n",
        },
        f"{name}.py": "",
    }


STALE = {
    "only-installer": {"INSTALLER": "pip\n", "REQUESTED": ""},
    "empty-dir": {},
    "empty-metadata": {"METADATA": "", "RECORD": "proj.py,,\n"},
    "undecodable-metadata": {"METADATA": b"Name: proj\nVersion: 0.\xff\n"},
    "metadata-is-a-directory": {"METADATA": {}},
}


@pytest.mark.parametrize(
    "stale",
    [pytest.param(tree, id=kind) for kind, tree in STALE.items()],
)
def test_stale_dist_info_earlier_on_the_path_does_not_hide_the_valid_one(env, stale):
    """A leftover without readable metadata gives way to a later valid copy.

    Deliberate difference (CPython issue 100666): the stdlib answers from the
    first directory found, giving ``None`` or an error.
    """
    early = env.entry("early", position=0)
    env.dist("proj-1.0.dist-info", stale, where=early)
    late = env.entry("late")
    env.add(valid_dist(), where=late)
    assert pkgmeta.version("proj") == "2.0"
    assert pkgmeta.metadata("proj")["Version"] == "2.0"
    assert [str(path) for path in pkgmeta.files("proj")] == ["proj.py"]
    assert [ep.name for ep in pkgmeta.entry_points(group="proj.group")] == ["proj-ep"]
    assert pkgmeta.packages_distributions()["proj"] == ["proj"]
    # Both directories are still reported by distributions(), as the stdlib does.
    assert sorted(basenames(pkgmeta.distributions(name="proj"))) == [
        "proj-1.0.dist-info",
        "proj-2.0.dist-info",
    ]


def test_stale_dist_info_in_the_same_directory_does_not_hide_the_valid_one(env):
    """Whatever the listing order, the copy with metadata is the one used."""
    env.dist("proj-1.0.dist-info", {"INSTALLER": "pip\n"})
    env.add(valid_dist())
    assert pkgmeta.version("proj") == "2.0"
    assert pkgmeta.distribution("proj").entry_points.names == {"proj-ep"}
    assert [ep.value for ep in pkgmeta.entry_points(group="proj.group")] == [
        "proj:main"
    ]


def test_corrupt_zip_copy_earlier_on_the_path_does_not_hide_the_valid_one(env):
    """A wheel on sys.path whose METADATA is damaged gives way to a valid copy."""
    from .faults import corrupt_member

    archive = write_zip(
        env.root / "damaged.whl",
        {"proj-1.0.dist-info/METADATA": metadata("proj", "1.0") * 20},
        compression=zipfile.ZIP_DEFLATED,
    )
    corrupt_member(archive, "proj-1.0.dist-info/METADATA")
    env.insert(archive, position=0)
    env.add(valid_dist())
    assert pkgmeta.version("proj") == "2.0"


@pytest.mark.parametrize(
    ("dirname", "name", "lookups"),
    [
        pytest.param("nover.dist-info", "nover", ["nover"], id="no-version"),
        pytest.param("nover.egg-info", "nover", ["nover"], id="egg-info-no-version"),
        pytest.param(
            "zope.interface-5.0.dist-info",
            "zope.interface",
            ["zope.interface", "zope-interface", "ZOPE_INTERFACE", "zope__interface"],
            id="dots",
        ),
        pytest.param(
            "Foo_Bar-1.0.dist-info", "Foo-Bar", ["foo-bar", "FOO.BAR"], id="upper-case"
        ),
        pytest.param(
            "SHOUT-1.0.DIST-INFO", "shout", ["shout", "SHOUT"], id="upper-suffix"
        ),
        pytest.param("café-1.0.dist-info", "café", ["café", "CAFÉ"], id="unicode"),
        pytest.param(
            "naïve_pkg-1.0-py3.8.egg-info", "naïve-pkg", ["naïve-pkg"], id="unicode-egg"
        ),
        pytest.param("my pkg-1.0.dist-info", "my pkg", ["my pkg"], id="space"),
        pytest.param("proj-1.0-2.dist-info", "proj", ["proj"], id="hyphen-version"),
    ],
)
def test_odd_directory_names_are_found_as_the_backport_finds_them(
    env, dirname, name, lookups
):
    """Unusual directory names are found under the names importlib_metadata uses."""
    env.dist(dirname, {"METADATA": metadata(name)})
    for lookup in lookups:
        ours = basenames(pkgmeta.distributions(name=lookup))
        assert ours == basenames(reference_find(BACKPORT, lookup)), lookup
        assert ours == [dirname], lookup
        assert pkgmeta.version(lookup) == "1.0"
        assert pkgmeta.distribution(lookup).name == name


def test_dist_info_without_a_name_part_is_listed_but_found_by_no_name(env, reference):
    """``-1.0.dist-info`` is found by no name, yet environment-wide calls list it.

    Deliberate difference: ``entry_points()`` of the 3.10+ stdlib raises
    ``TypeError`` for the whole environment on such a directory.
    """
    env.dist(
        "-1.0.dist-info",
        {
            "METADATA": metadata("anonymous"),
            "entry_points.txt": "[anon.group]\nanon = anon:main\n",
            "top_level.txt": "anon\n",
        },
    )
    assert reference_find(reference, "anonymous") == []
    with pytest.raises(pkgmeta.PackageNotFoundError):
        pkgmeta.version("anonymous")
    names = [dist.name for dist in pkgmeta.distributions()]
    assert sorted(names) == ["anonymous", "good"]
    assert [ep.name for ep in pkgmeta.entry_points(group="anon.group")] == ["anon"]
    assert pkgmeta.packages_distributions()["anon"] == ["anonymous"]


@pytest.mark.skipif(
    os.name == "nt", reason="names that are not valid UTF-8 need a POSIX file system"
)
def test_directory_name_that_is_not_utf8_is_listed_like_the_stdlib(env, reference):
    """A directory name with an undecodable byte is listed; its metadata still reads."""
    site = os.fsencode(env.site)
    os.mkdir(os.path.join(site, b"caf\xe9-1.0.dist-info"))
    if b"caf\xe9-1.0.dist-info" not in os.listdir(site):  # Emscripten's file systems
        pytest.skip("this file system does not keep a name that is not valid UTF-8")
    with open(os.path.join(site, b"caf\xe9-1.0.dist-info", b"METADATA"), "wb") as f:
        f.write(metadata("cafe").encode())
    env.add({})
    ours = basenames(pkgmeta.distributions())
    theirs = basenames(reference_find(reference))
    assert sorted(ours) == sorted(theirs)
    assert "caf\udce9-1.0.dist-info" in ours
    assert sorted(dist.version for dist in pkgmeta.distributions()) == ["1.0", "1.0"]
    assert basenames(pkgmeta.distributions(name="caf\udce9")) == [
        "caf\udce9-1.0.dist-info"
    ]


def test_metadata_name_differing_from_the_directory_name(env, reference):
    """Lookups use the directory name; ``name`` is what METADATA says."""
    path = env.dist("dirname-1.0.dist-info", {"METADATA": metadata("realname")})
    assert pkgmeta.version("dirname") == "1.0"
    assert pkgmeta.distribution("dirname").name == "realname"
    assert reference_dist(reference, path).metadata["Name"] == "realname"
    assert basenames(pkgmeta.distributions(name="realname")) == basenames(
        reference_find(reference, "realname")
    )


def test_nested_dist_info_is_not_found(env, reference):
    """Metadata directories inside a sub-directory are not searched (stdlib: same)."""
    env.add({"sub": valid_dist("nested")})
    assert basenames(pkgmeta.distributions(name="nested")) == []
    assert reference_find(reference, "nested") == []
    with pytest.raises(pkgmeta.PackageNotFoundError):
        pkgmeta.version("nested")


EGG_PKG_INFO = (
    "Metadata-Version: 1.1\nName: legacy\nVersion: 0.9\nSummary: old\n"
    "Requires-Dist: dep>=1\n"
)


def test_egg_info_file_reads_like_the_references(env, reference):
    """A ``*.egg-info`` *file* is the metadata itself; it lists no files."""
    path = env.dist("legacy-0.9-py3.8.egg-info", EGG_PKG_INFO)
    theirs = reference_dist(reference, path)
    assert pkgmeta.version("legacy") == theirs.version == "0.9"
    assert pkgmeta.requires("legacy") == theirs.requires == ["dep>=1"]
    assert pkgmeta.files("legacy") is None
    assert theirs.files is None
    assert list(pkgmeta.distribution("legacy").entry_points) == []


def test_egg_info_directory_reads_like_the_references(env, reference):
    """An egg-info directory: PKG-INFO, requires.txt sections, SOURCES.txt."""
    path = env.dist(
        "legacy.egg-info",
        {
            "PKG-INFO": "Metadata-Version: 1.1\nName: legacy\nVersion: 0.9\n",
            "requires.txt": "dep>=1\n\n[extra]\nother\n",
            "SOURCES.txt": "legacy.py\nsetup.py\n",
            "top_level.txt": "legacy\n",
        },
    )
    env.add({"legacy.py": ""})
    theirs = reference_dist(reference, path)
    assert pkgmeta.version("legacy") == theirs.version == "0.9"
    assert pkgmeta.requires("legacy") == theirs.requires
    assert [str(p) for p in pkgmeta.files("legacy")] == ["legacy.py"]
    assert pkgmeta.packages_distributions()["legacy"] == ["legacy"]


def test_empty_egg_info_file_raises_key_error_naming_the_file(env):
    """An empty egg-info file has metadata without fields: KeyError naming it."""
    path = env.dist("hollow-1.0.egg-info", "")
    with pytest.raises(KeyError, match="Version not present in " + re.escape(path)):
        pkgmeta.version("hollow")
    assert "hollow" not in str(pkgmeta.packages_distributions())


def test_dist_info_that_is_a_file_reads_like_the_references(env, reference):
    """A regular file named ``*.dist-info`` is itself the metadata, as in the stdlib."""
    path = env.dist("flat-1.0.dist-info", metadata("flat"))
    assert pkgmeta.version("flat") == reference_dist(reference, path).version == "1.0"
    assert pkgmeta.files("flat") is None


def test_egg_directory_on_sys_path_reads_like_the_stdlib(env, reference):
    """A ``*.egg`` directory on sys.path is found by its EGG-INFO."""
    egg = env.root / "Legacy_Egg-1.0-py3.8.egg"
    env.add({"EGG-INFO": {"PKG-INFO": metadata("Legacy-Egg")}}, where=egg)
    env.insert(str(egg))
    assert pkgmeta.version("legacy_egg") == "1.0"
    assert basenames(pkgmeta.distributions(name="legacy_egg")) == basenames(
        reference_find(reference, "legacy_egg")
    )
