"""Resource hygiene: no file, directory or zip archive stays open after a call.

pkgmeta's zip support keeps the *central directory* of each archive it has
read (names, offsets, CRCs: ``pkgmeta._archive._cache``), never an open file:
every member read reopens the archive and closes it before returning. These
tests hold it to that, on success and on error paths, three ways: a child
interpreter run with ``-X dev -W error::ResourceWarning``; the process's
open descriptors counted around each call (Linux ``/proc/self/fd``); and
``ResourceWarning`` recorded in-process after ``gc.collect()``.
"""

from __future__ import annotations

import gc
import os
import pathlib
import sys
import warnings
import zipfile
from typing import Any, Callable

import pytest

import pkgmeta
from helpers import (
    build_tree,
    new_descriptors,
    open_descriptors,
    run_python,
    write_zip,
)

# What a call on a damaged file may raise; which one is for the fault
# corpus to pin down, these tests only care that nothing stays open.
FAILURES = (ImportError, LookupError, OSError, ValueError, zipfile.BadZipFile)


def make_environment(root: pathlib.Path) -> dict[str, str]:
    """A site directory, a wheel, an egg and two damaged zips under *root*.

    ::

        root/
        ├── site/        alpha (dist-info, RECORD), beta (egg-info, SOURCES.txt)
        ├── wheeled.whl  wheeled-1.0.dist-info/ + wheeled/__init__.py
        ├── egged.egg    EGG-INFO/ + egged/__init__.py
        ├── corrupt.whl  corrupt-1.0.dist-info/METADATA with a bad CRC-32
        └── cut.whl      the first half of a wheel
    """
    site = root / "site"
    build_tree(
        site,
        {
            "alpha-1.0.dist-info": {
                "METADATA": "Name: alpha\nVersion: 1.0\nRequires-Dist: x\n\nBody\n",
                "RECORD": "alpha.py,sha256=abc,2\nalpha-1.0.dist-info/RECORD,,\n",
                "entry_points.txt": "[pkgmeta.res]\nalpha = json:dumps\n",
                "direct_url.json": '{"url": "file:///alpha"}',
            },
            "alpha.py": "x\n",
            "beta.egg-info": {
                "PKG-INFO": "Name: beta\nVersion: 2.0\n",
                "requires.txt": "y\n[e]\nz\n",
                "SOURCES.txt": "beta.py\n",
            },
            "beta.py": "",
        },
    )
    wheel = root / "wheeled.whl"
    write_zip(
        wheel,
        {
            "wheeled/__init__.py": "",
            "wheeled-1.0.dist-info/METADATA": "Name: wheeled\nVersion: 1.0\n",
            "wheeled-1.0.dist-info/RECORD": (
                "wheeled/__init__.py,,\nwheeled-1.0.dist-info/RECORD,,\n"
            ),
            "wheeled-1.0.dist-info/entry_points.txt": "[pkgmeta.res]\nw = json\n",
        },
        compression=zipfile.ZIP_DEFLATED,
    )
    egg = root / "egged.egg"
    write_zip(
        egg,
        {
            "egged/__init__.py": "",
            "EGG-INFO/PKG-INFO": "Name: egged\nVersion: 1.0\n",
            "EGG-INFO/SOURCES.txt": "egged/__init__.py\n",
            "EGG-INFO/top_level.txt": "egged\n",
        },
    )
    corrupt = root / "corrupt.whl"
    # Stored (the default), so that the text is found and replaced below.
    write_zip(
        corrupt, {"corrupt-1.0.dist-info/METADATA": "Name: corrupt\nVersion: 1.0\n"}
    )
    data = corrupt.read_bytes()
    corrupt.write_bytes(data.replace(b"Version: 1.0", b"Version: 9.9"))
    cut = root / "cut.whl"
    cut.write_bytes(wheel.read_bytes()[: wheel.stat().st_size // 2])
    return {
        "site": str(site),
        "wheel": str(wheel),
        "egg": str(egg),
        "corrupt": str(corrupt),
        "cut": str(cut),
    }


def attempt(call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Return ``call(*args, **kwargs)``, or the error a damaged file made it raise."""
    try:
        return call(*args, **kwargs)
    except FAILURES as error:
        return error


def exercise() -> None:
    """Use every public function on every kind of path entry, and drop the results."""
    for name in ("alpha", "beta", "wheeled", "egged", "corrupt", "missing"):
        for function in (pkgmeta.version, pkgmeta.requires, pkgmeta.files):
            attempt(function, name)
        metadata = attempt(pkgmeta.metadata, name)
        if not isinstance(metadata, BaseException):
            metadata.json
        dist = attempt(pkgmeta.distribution, name)
        if isinstance(dist, BaseException):
            continue
        attempt(getattr, dist, "origin")
        attempt(getattr, dist, "entry_points")
        files = attempt(getattr, dist, "files")
        for path in files if isinstance(files, list) else ():
            if path.locate().is_file():
                path.read_text(encoding="utf-8")
                path.read_binary()
    # Environment-wide calls may fail on the corrupt wheel (which is for
    # the fault corpus to decide), but must not leave anything open.
    entry_points = attempt(pkgmeta.entry_points, group="pkgmeta.res")
    for entry_point in entry_points if isinstance(entry_points, tuple) else ():
        entry_point.load()
    attempt(pkgmeta.packages_distributions)
    [attempt(getattr, dist, "metadata") for dist in pkgmeta.distributions()]
    # a scan abandoned half-way holds nothing open either
    scan = pkgmeta.distributions()
    next(scan)
    del scan


def child_script() -> str:
    """A script running ``exercise()`` with nothing but pkgmeta imported.

    The functions are copied from this module, so that the child does not
    import pytest, hypothesis or the conftest (whose warnings ``-X dev``
    would print).
    """
    import inspect

    return "\n".join(
        [
            "from __future__ import annotations",
            "import gc, sys, zipfile",
            "sys.path[:0] = sys.argv[1:]",
            "import pkgmeta",
            "FAILURES = (ImportError, LookupError, OSError, ValueError,"
            " zipfile.BadZipFile)",
            inspect.getsource(attempt),
            inspect.getsource(exercise),
            "exercise()",
            "pkgmeta.MetadataPathFinder.invalidate_caches()",
            "exercise()",
            "gc.collect()",
        ]
    )


def test_strict_child_interpreter_sees_no_resource_warning(tmp_path):
    """Under ``-X dev -W error::ResourceWarning`` the API writes nothing to stderr."""
    paths = make_environment(tmp_path)
    strict = ["-X", "dev", "-W", "error::ResourceWarning"]
    completed = run_python(*strict, "-c", child_script(), *paths.values())
    assert completed.stderr == ""


@pytest.fixture
def environment(tmp_path, monkeypatch):
    paths = make_environment(tmp_path)
    monkeypatch.setattr(sys, "path", [*paths.values(), *sys.path])
    pkgmeta.MetadataPathFinder.invalidate_caches()
    yield paths
    pkgmeta.MetadataPathFinder.invalidate_caches()


needs_proc = pytest.mark.skipif(
    not os.path.isdir("/proc/self/fd"), reason="needs Linux /proc/self/fd"
)


@needs_proc
def test_no_descriptor_stays_open_after_the_calls(environment):
    """The descriptors open after all calls are exactly those open before."""
    gc.collect()
    before = open_descriptors()
    exercise()
    gc.collect()
    assert new_descriptors(before) == {}


@needs_proc
@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: pkgmeta.version("wheeled"), id="version-in-wheel"),
        pytest.param(lambda: pkgmeta.files("egged"), id="files-in-egg"),
        pytest.param(lambda: pkgmeta.metadata("corrupt"), id="corrupt-member"),
        pytest.param(
            lambda: pkgmeta.entry_points(group="pkgmeta.res"), id="entry-points"
        ),
        pytest.param(pkgmeta.packages_distributions, id="packages-distributions"),
        pytest.param(lambda: list(pkgmeta.distributions()), id="distributions"),
    ],
)
def test_no_zip_is_open_when_a_call_returns(environment, call):
    """Right after a call (results still referenced), no archive is open."""
    result = attempt(call)
    archives = {environment[key] for key in ("wheel", "egg", "corrupt", "cut")}
    targets = set(open_descriptors().values())
    assert targets & archives == set()
    opened = [
        obj
        for obj in gc.get_objects()
        if isinstance(obj, zipfile.ZipFile) and obj.fp is not None
    ]
    assert [obj.filename for obj in opened if obj.filename in archives] == []
    del result


def test_no_resource_warning_after_garbage_collection(environment):
    """Results dropped and collected leave no unclosed file to warn about."""
    gc.collect()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        exercise()
        pkgmeta.MetadataPathFinder.invalidate_caches()
        exercise()
        gc.collect()
    assert [str(w.message) for w in caught if w.category is ResourceWarning] == []
