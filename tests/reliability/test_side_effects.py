"""Importing and using pkgmeta changes no process-wide state.

tests/test_import.py checks that ``import pkgmeta`` leaves ``sys.meta_path``
and ``sys.path_hooks`` equal and loads nothing heavy. This module goes
further, in a fresh interpreter: the *identity* of every finder, hook and
``sys.path_importer_cache`` entry, ``sys.path`` itself, the stdlib module
``importlib.metadata`` (its namespace, its classes, ``PathFinder`` and its
``find_distributions``) and a few other global settings are snapshotted
before the import, after it, and after every public function has been used
on dist-info and egg-info directories and on zips (a wheel and an egg).
"""

from __future__ import annotations

import json
import os

import pytest

import pkgmeta
from helpers import build_tree, run_python, write_zip

SCRIPT = r"""
import atexit, copyreg, csv, gc, importlib, importlib.machinery, json, os, sys
import warnings
import importlib.metadata as stdlib_metadata

# What the calls below may import lazily, loaded now so that its import (which
# fills sys.path_importer_cache on the way) is not counted against pkgmeta.
import email.parser, inspect, io, pathlib, posixpath, re, struct, textwrap, types
import typing, zipfile, zlib
if "--with-backport" in sys.argv:
    import importlib_metadata  # patches PathFinder: pkgmeta must not undo that

site, wheel, egg = sys.argv[1:4]
sys.path.extend([site, wheel, egg])
PATH = sys.path


def namespace(obj):
    return dict(vars(obj))


def snapshot():
    classes = {
        name: namespace(value)
        for name, value in vars(stdlib_metadata).items()
        if isinstance(value, type)
        and value.__module__.startswith("importlib.metadata")
    }
    path_finder = importlib.machinery.PathFinder
    return {
        "sys.meta_path": list(sys.meta_path),
        "sys.path_hooks": list(sys.path_hooks),
        "sys.path": list(sys.path),
        "sys.path_importer_cache": dict(sys.path_importer_cache),
        "importlib.metadata": namespace(stdlib_metadata),
        "importlib.metadata classes": classes,
        "importlib.metadata submodules": sorted(
            name for name in sys.modules if name.startswith("importlib.metadata")
        ),
        "PathFinder": namespace(path_finder),
        "PathFinder.find_distributions": vars(path_finder).get("find_distributions"),
        "importlib_metadata loaded": "importlib_metadata" in sys.modules,
        "warnings.filters": list(warnings.filters),
        "csv.field_size_limit": csv.field_size_limit(),
        "switch interval": sys.getswitchinterval(),
        "recursion limit": sys.getrecursionlimit(),
        "os.environ": dict(os.environ),
        "cwd": os.getcwd(),
        "sys.excepthook": sys.excepthook,
        "trace and profile": [sys.gettrace(), sys.getprofile()],
        "gc.callbacks": list(getattr(gc, "callbacks", [])),  # none on PyPy
        "copyreg.dispatch_table": dict(copyreg.dispatch_table),
        "atexit callbacks": getattr(atexit, "_ncallbacks", lambda: 0)(),
    }


SCALARS = (str, int, float, bool, type(None))


def differences(before, after, where=""):
    # Containers are compared item by item; anything else must be the very
    # same object (or an equal scalar).
    if isinstance(before, dict) and isinstance(after, dict):
        found = []
        if list(before) != list(after):
            found.append(f"{where}: keys {sorted(map(str, set(before) ^ set(after)))}")
        for key in before.keys() & after.keys():
            found += differences(before[key], after[key], f"{where}[{key!r}]")
        return found
    if isinstance(before, list) and isinstance(after, list):
        if len(before) != len(after):
            return [f"{where}: {len(before)} items became {len(after)}"]
        return [
            difference
            for index, (old, new) in enumerate(zip(before, after))
            for difference in differences(old, new, f"{where}[{index}]")
        ]
    if before is after or (isinstance(before, SCALARS) and before == after):
        return []
    return [f"{where}: {before!r} became {after!r}"]


def compare(before, after):
    # The import system caches a finder for each directory it searches: the
    # entries of sys.path an import walks and the package's own directory.
    # Those may be added; nothing may be removed or replaced.
    import pkgmeta

    package_dirs = set(pkgmeta.__path__)
    old_cache = before["sys.path_importer_cache"]
    new_cache = dict(after["sys.path_importer_cache"])
    for key in set(new_cache) - set(old_cache):
        finder = new_cache.pop(key)
        if key not in sys.path and key not in package_dirs:
            yield f"sys.path_importer_cache: new key {key!r}"
        if type(finder).__module__.startswith("pkgmeta"):
            yield f"sys.path_importer_cache[{key!r}] is pkgmeta's {finder!r}"
    after = dict(after, **{"sys.path_importer_cache": new_cache})
    yield from differences(before, after)
    if sys.path is not PATH:
        yield "sys.path was replaced by another list"


def exercise():
    import pkgmeta

    names = ["alpha", "beta", "wheeled", "egged"]
    for name in names:
        dist = pkgmeta.distribution(name)
        dist.metadata.json, str(dist.metadata), dist.version, dist.name
        dist.requires, dist.entry_points, dist.origin, dist.read_text("RECORD")
        for path in dist.files or ():
            path.locate(), path.hash, path.size
            if path.locate().is_file():
                path.read_text(encoding="utf-8"), path.read_binary()
        pkgmeta.version(name), pkgmeta.metadata(name), pkgmeta.files(name)
        pkgmeta.requires(name)
    for entry_point in pkgmeta.entry_points(group="pkgmeta.side"):
        entry_point.load(), entry_point.module, entry_point.extras
    pkgmeta.entry_points(), pkgmeta.entry_points(name="alpha")
    pkgmeta.packages_distributions()
    [d.metadata.get("Name") for d in pkgmeta.distributions()]
    list(pkgmeta.distributions(path=[site, wheel, egg]))
    list(pkgmeta.MetadataPathFinder.find_distributions())
    pkgmeta.Distribution.at(os.path.join(site, "alpha-1.0.dist-info")).version
    for missing in ("nonesuch", "Alpha_Two"):
        try:
            pkgmeta.version(missing)
        except pkgmeta.PackageNotFoundError:
            pass
    pkgmeta.PackagePath, pkgmeta.FileHash, pkgmeta.PackageMetadata, pkgmeta.SimplePath
    pkgmeta.MetadataPathFinder.invalidate_caches()
    pkgmeta.version("alpha")


before = snapshot()
import pkgmeta
imported = snapshot()
exercise()
used = snapshot()
print(json.dumps({
    "import": list(compare(before, imported)),
    "use": list(compare(before, used)),
    "pkgmeta": pkgmeta.__file__,
}))
"""


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A site directory, a wheel and an egg, for the child to put on sys.path."""
    root = tmp_path_factory.mktemp("side-effects")
    site = root / "site"
    build_tree(
        site,
        {
            "alpha-1.0.dist-info": {
                "METADATA": "Name: alpha\nVersion: 1.0\nRequires-Dist: x\n\nBody\n",
                "RECORD": "alpha.py,sha256=abc,2\nalpha-1.0.dist-info/RECORD,,\n",
                "entry_points.txt": "[pkgmeta.side]\nalpha = json:dumps [extra]\n",
                "direct_url.json": '{"url": "file:///alpha", "dir_info": {}}',
            },
            "alpha.py": "x\n",
            "beta.egg-info": {
                "PKG-INFO": "Name: beta\nVersion: 2.0\n",
                "requires.txt": "y\n[e]\nz\n",
                "top_level.txt": "beta\n",
                "SOURCES.txt": "beta.py\n",
            },
            "nameless-3.0.dist-info": {"METADATA": "Version: 3.0\n"},
        },
    )
    wheel = root / "wheeled-1.0-py3-none-any.whl"
    write_zip(
        wheel,
        {
            "wheeled/__init__.py": "",
            "wheeled-1.0.dist-info/METADATA": "Name: wheeled\nVersion: 1.0\n",
            "wheeled-1.0.dist-info/RECORD": (
                "wheeled/__init__.py,,\nwheeled-1.0.dist-info/RECORD,,\n"
            ),
            "wheeled-1.0.dist-info/entry_points.txt": "[pkgmeta.side]\nw = json\n",
        },
    )
    egg = root / "egged-1.0-py3.egg"
    write_zip(
        egg,
        {
            "egged/__init__.py": "",
            "EGG-INFO/PKG-INFO": "Name: egged\nVersion: 1.0\n",
            "EGG-INFO/SOURCES.txt": "egged/__init__.py\n",
            "EGG-INFO/requires.txt": "q\n",
        },
    )
    return [str(site), str(wheel), str(egg)]


def run_snapshots(environment: list[str], *options: str) -> dict[str, list[str]]:
    report = json.loads(run_python("-c", SCRIPT, *environment, *options).stdout)
    # The child must have used the pkgmeta under test, not another copy.
    assert os.path.samefile(
        os.path.dirname(report.pop("pkgmeta")), os.path.dirname(pkgmeta.__file__)
    )
    return report


def test_import_leaves_the_import_system_and_stdlib_untouched(environment):
    """After ``import pkgmeta`` every snapshotted object is the same one as before."""
    assert run_snapshots(environment)["import"] == []


def test_using_the_whole_api_leaves_them_untouched(environment):
    """Every public function used on dirs and zips changes no global object."""
    assert run_snapshots(environment)["use"] == []


@pytest.mark.parametrize("stage", ["import", "use"])
def test_importlib_metadata_patch_is_left_as_it_is(environment, stage):
    """With importlib_metadata imported first, pkgmeta neither undoes nor repeats
    its patch of PathFinder and its finder on sys.meta_path."""
    pytest.importorskip("importlib_metadata")
    assert run_snapshots(environment, "--with-backport")[stage] == []


def test_snapshot_detects_a_replaced_stdlib_attribute(environment):
    """The comparison is sharp enough to see one changed stdlib attribute."""
    script = SCRIPT.replace(
        "exercise()\n",
        "exercise()\nimport importlib.machinery as m\n"
        "m.PathFinder.find_distributions = classmethod(lambda c, x=None: iter(()))\n",
        1,
    )
    report = json.loads(run_python("-c", script, *environment).stdout)
    assert any("find_distributions" in line for line in report["use"])
    assert report["import"] == []
