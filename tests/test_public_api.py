"""The public surface: every 3.13 name, lazy names, custom providers, finders."""

from __future__ import annotations

import importlib
import importlib.metadata as stdlib
import os
import pathlib
import sys

import pytest

import pkgmeta
from helpers import build_tree

# importlib.metadata.__all__ of Python 3.13: the drop-in contract.
STDLIB_313_ALL = [
    "Distribution",
    "DistributionFinder",
    "PackageMetadata",
    "PackageNotFoundError",
    "distribution",
    "distributions",
    "entry_points",
    "files",
    "metadata",
    "packages_distributions",
    "requires",
    "version",
]
# Documented classes outside that list, and importlib_metadata's addition.
DOCUMENTED = [
    "EntryPoint",
    "EntryPoints",
    "FileHash",
    "IDistribution",
    "IPackagePath",
    "MetadataNotFound",
    "MetadataPathFinder",
    "PackagePath",
    "PathDistribution",
    "SimplePath",
]


def test_all_names_of_the_313_stdlib_are_exported():
    """Every name of importlib.metadata.__all__ (3.13) is in pkgmeta.__all__."""
    assert set(STDLIB_313_ALL) <= set(pkgmeta.__all__)
    assert set(stdlib.__all__) <= set(pkgmeta.__all__)


@pytest.mark.parametrize("name", STDLIB_313_ALL + DOCUMENTED)
def test_every_public_name_resolves(name):
    """Each public name is an attribute, including the lazily loaded ones."""
    assert getattr(pkgmeta, name) is not None
    assert name in dir(pkgmeta)


def test_lazy_names_are_the_defining_classes():
    """PackagePath and friends come from their modules, loaded on first use."""
    from pkgmeta._files import FileHash, PackagePath
    from pkgmeta._protocols import (
        IDistribution,
        IPackagePath,
        PackageMetadata,
        SimplePath,
    )

    assert pkgmeta.IDistribution is IDistribution
    assert pkgmeta.IPackagePath is IPackagePath
    assert pkgmeta.PackagePath is PackagePath
    assert pkgmeta.FileHash is FileHash
    assert pkgmeta.PackageMetadata is PackageMetadata
    assert pkgmeta.SimplePath is SimplePath


def test_star_import_gives_every_public_name():
    """``from pkgmeta import *`` binds exactly __all__."""
    namespace: dict = {}
    exec("from pkgmeta import *", namespace)
    assert set(pkgmeta.__all__) <= set(namespace)


def test_unknown_attribute_raises_attribute_error_naming_it():
    """A missing attribute is an AttributeError that says which."""
    with pytest.raises(AttributeError, match="no_such_name"):
        pkgmeta.no_such_name


def test_package_not_found_error_is_a_module_not_found_error():
    """PackageNotFoundError can be caught as ModuleNotFoundError/ImportError."""
    error = pkgmeta.PackageNotFoundError("x")
    assert isinstance(error, ModuleNotFoundError)
    assert error.name == "x"
    assert str(error) == "No package metadata was found for x"


def test_custom_distribution_subclass_gets_every_derived_property(tmp_path):
    """A provider implementing read_text/locate_file gets metadata, files, ..."""
    build_tree(
        tmp_path,
        {
            "meta": {
                "METADATA": "Name: custom\nVersion: 3\nRequires-Dist: dep\n",
                "RECORD": "custom.py,,\n",
                "entry_points.txt": "[g]\nn = custom:f\n",
            },
            "custom.py": "",
        },
    )

    class Custom(pkgmeta.Distribution):
        def read_text(self, filename):
            try:
                return (tmp_path / "meta" / filename).read_text(encoding="utf-8")
            except (FileNotFoundError, IsADirectoryError):
                return None

        def locate_file(self, path):
            return tmp_path / path

    dist = Custom()
    assert (dist.name, dist.version, dist.requires) == ("custom", "3", ["dep"])
    assert [str(path) for path in dist.files] == ["custom.py"]
    assert dist.files[0].locate() == tmp_path / "custom.py"
    assert [ep.dist for ep in dist.entry_points] == [dist]


def test_path_distribution_repr_names_the_metadata_path(tmp_path):
    """repr() of a PathDistribution shows where its metadata lives."""
    dist = pkgmeta.Distribution.at(tmp_path / "x-1.dist-info")
    assert "x-1.dist-info" in repr(dist)
    assert str(dist) == str(tmp_path / "x-1.dist-info")


def test_metadata_path_finder_on_meta_path_is_not_searched_twice(site_dir, monkeypatch):
    """Putting MetadataPathFinder on sys.meta_path yourself adds no duplicates."""
    build_tree(site_dir, {"dup-1.dist-info": {"METADATA": "Name: dup\nVersion: 1\n"}})
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, pkgmeta.MetadataPathFinder])
    assert len([d for d in pkgmeta.distributions() if d.name == "dup"]) == 1
    with pytest.raises(ImportError):
        importlib.import_module("pkgmeta_test_does_not_exist")


def test_stdlib_path_distributions_from_a_foreign_finder_are_adopted(
    site_dir, monkeypatch
):
    """A finder yielding stdlib PathDistributions gets pkgmeta's in return."""
    build_tree(site_dir, {"ado-1.dist-info": {"METADATA": "Name: ado\nVersion: 1\n"}})

    class StdlibFinder:
        @staticmethod
        def find_distributions(context):
            if context.name in (None, "ado"):
                yield stdlib.PathDistribution(site_dir / "ado-1.dist-info")

    monkeypatch.setattr(sys, "meta_path", [StdlibFinder()])
    (dist,) = pkgmeta.distributions()
    assert type(dist) is pkgmeta.PathDistribution
    assert dist.version == "1"


def test_nameless_metadata_does_not_break_entry_points(isolated_path):
    """A dist-info with neither a name part nor Name still lists its plugins."""
    build_tree(
        isolated_path,
        {
            "-1.0.dist-info": {
                "METADATA": "Version: 1.0\n",
                "entry_points.txt": "[grp]\nanon = anon:run\n",
            },
            "named-2.0.dist-info": {
                "METADATA": "Name: named\nVersion: 2.0\n",
                "entry_points.txt": "[grp]\nnamed = named:run\n",
            },
        },
    )
    assert sorted(ep.name for ep in pkgmeta.entry_points(group="grp")) == [
        "anon",
        "named",
    ]


class _BytesPath(os.PathLike):
    def __fspath__(self) -> bytes:  # type: ignore[override]
        return b"/tmp"


def test_path_like_entries_that_give_bytes_are_skipped(isolated_path):
    """A path-like object whose fspath is bytes is ignored like bytes."""
    build_tree(isolated_path, {"b-1.dist-info": {"METADATA": "Name: b\nVersion: 1\n"}})
    sys.path[:] = [_BytesPath(), pathlib.Path(isolated_path)]
    assert [d.name for d in pkgmeta.distributions()] == ["b"]


def test_find_spec_finds_no_modules():
    """MetadataPathFinder only knows distributions."""
    assert pkgmeta.MetadataPathFinder.find_spec("json", None) is None


# --- importlib_metadata 10's protocols and the rest of its surface ------------------


def _backport():
    from helpers import import_backport

    return import_backport()


def test_every_name_of_importlib_metadata_10_is_exported():
    """importlib_metadata.__all__ (10.2, with IDistribution and IPackagePath) is in
    pkgmeta's; pkgmeta adds the classes the stdlib documents."""
    backport = _backport()
    if not hasattr(backport, "IDistribution"):
        pytest.skip("importlib_metadata before 10 (3.8-3.10 here)")
    assert set(backport.__all__) <= set(pkgmeta.__all__)


PUBLIC_CLASSES = [
    "Distribution",
    "DistributionFinder",
    "EntryPoint",
    "EntryPoints",
    "FileHash",
    "MetadataNotFound",
    "MetadataPathFinder",
    "PackageMetadata",
    "PackageNotFoundError",
    "PackagePath",
    "PathDistribution",
    "SimplePath",
    "IDistribution",
    "IPackagePath",
]


@pytest.mark.parametrize("name", PUBLIC_CLASSES)
def test_public_classes_have_every_public_member_of_importlib_metadata(name):
    """No public attribute of importlib_metadata's class is missing from ours."""
    theirs = getattr(_backport(), name, None)
    if theirs is None:
        pytest.skip(f"no {name} in this importlib_metadata")
    wanted = {member for member in dir(theirs) if not member.startswith("_")}
    # MetaPathFinder's find_module (before 3.12): the finders are no
    # MetaPathFinder here (docs/compatibility.md), and find_spec answers.
    wanted.discard("find_module")
    assert wanted - set(dir(getattr(pkgmeta, name))) == set()


@pytest.mark.parametrize("name", ["IDistribution", "IPackagePath", "PackageMetadata"])
def test_protocols_are_runtime_checkable(name):
    """The three protocols importlib_metadata 10 checks at runtime are so here."""
    protocol = getattr(pkgmeta, name)
    assert getattr(protocol, "_is_runtime_protocol", False)
    assert not isinstance(object(), protocol)


@pytest.fixture
def installed(site_dir):
    """A distribution ``proto`` with a file, an entry point and no origin."""
    build_tree(
        site_dir,
        {
            "proto-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: proto\nVersion: 1.0\n",
                "RECORD": "proto.py,sha256=abc,3\n",
            },
            "proto.py": "",
        },
    )
    return site_dir / "proto-1.0.dist-info"


def test_pkgmeta_objects_satisfy_the_protocols(installed):
    """Distributions, their metadata and their files fit the protocols."""
    for dist in (pkgmeta.distribution("proto"), pkgmeta.Distribution.at(installed)):
        assert isinstance(dist, pkgmeta.IDistribution)
        assert isinstance(dist.metadata, pkgmeta.PackageMetadata)
        assert all(isinstance(path, pkgmeta.IPackagePath) for path in dist.files)


def test_stdlib_objects_satisfy_the_protocols_as_in_importlib_metadata(installed):
    """The stdlib's objects fit as importlib_metadata 10.2 says they fit.

    Its ``Distribution`` has ``origin`` from 3.13 (and ``name`` from 3.10),
    its ``PackageMetadata`` ``json`` from 3.10; its ``PackagePath`` always
    fits.
    """
    dist = stdlib.PathDistribution(pathlib.Path(installed))
    assert isinstance(dist, pkgmeta.IDistribution) is (sys.version_info >= (3, 13))
    metadata = dist.metadata
    assert isinstance(metadata, pkgmeta.PackageMetadata) is (
        sys.version_info >= (3, 10)
    )
    assert isinstance(dist.files[0], pkgmeta.IPackagePath)
    backport = _backport()
    if hasattr(backport, "IDistribution"):
        assert isinstance(dist, backport.IDistribution) is isinstance(
            dist, pkgmeta.IDistribution
        )
        assert isinstance(dist.files[0], backport.IPackagePath)
        assert isinstance(metadata, backport.PackageMetadata)


def test_isinstance_reads_no_metadata(site_dir, monkeypatch):
    """Checking a distribution never runs its properties, on every Python.

    Before 3.12, ``typing`` asks ``hasattr`` of each member: importlib_metadata
    10.2's ``isinstance`` raises ``KeyError`` there for a nameless one.
    """
    build_tree(site_dir, {"nameless-1.dist-info": {"METADATA": "Version: 1\n"}})
    dist = pkgmeta.Distribution.at(site_dir / "nameless-1.dist-info")
    reads = []
    monkeypatch.setattr(
        type(dist), "read_text", lambda self, name: reads.append(name), raising=True
    )
    assert isinstance(dist, pkgmeta.IDistribution)
    assert reads == []


def test_a_member_set_to_none_does_not_count():
    """As in typing: a method blocked with ``None`` makes the check fail."""

    class Blocked(pkgmeta.PathDistribution):
        locate_file = None  # type: ignore[assignment]

    dist = Blocked.__new__(Blocked)
    assert not isinstance(dist, pkgmeta.IDistribution)


def test_an_object_supplying_members_in_its_dict_fits():
    """Data members set on the instance count (a stdlib ``PackagePath``'s)."""

    class Bare:
        def read_text(self, encoding="utf-8"):
            return ""

        def read_binary(self):
            return b""

        def locate(self):
            return pathlib.Path()

        parts = ()

        def __fspath__(self):
            return ""

    item = Bare()
    assert not isinstance(item, pkgmeta.IPackagePath)
    vars(item).update(hash=None, size=None, dist=None)
    assert isinstance(item, pkgmeta.IPackagePath)
    assert not isinstance(pkgmeta.PackagePath("x.py"), pkgmeta.IPackagePath)


def test_a_class_deriving_from_a_protocol_checks_as_a_class():
    """A provider that subclasses IDistribution is checked by its class."""

    class Declared(pkgmeta.IDistribution):
        pass

    assert not isinstance(pkgmeta.Distribution.at("x-1.dist-info"), Declared)
