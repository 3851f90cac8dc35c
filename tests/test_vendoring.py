"""pkgmeta works vendored: copied into another package, beside an installed copy."""

from __future__ import annotations

import ast
import importlib
import json
import shutil
import sys
import types
from pathlib import Path

import pytest

import pkgmeta
from helpers import build_tree, run_python, write_zip

# The package as the tests run it: src/pkgmeta in a checkout, site-packages under nox.
PACKAGE_DIR = Path(pkgmeta.__file__).parent
VENDORED = "thirdparty._vendor.pkgmeta"

SITE = {
    "alpha-1.0.dist-info": {
        "METADATA": (
            "Metadata-Version: 2.1\nName: alpha\nVersion: 1.0\nSummary: The first\n"
            "Classifier: Topic :: A\nClassifier: Topic :: B\nRequires-Dist: beta>=2\n"
        ),
        "entry_points.txt": "[console_scripts]\nalpha = alpha.cli:main\n",
        "RECORD": (
            "alpha/__init__.py,,\nalpha/cli.py,,\nalpha-1.0.dist-info/METADATA,,\n"
        ),
    },
    "alpha": {
        "__init__.py": "",
        "cli.py": "def main():\n    return 'alpha says hi'\n",
    },
    "beta-2.0-py3.8.egg-info": {
        "PKG-INFO": "Name: beta\nVersion: 2.0\n",
        "requires.txt": "gamma\n\n[fast]\ndelta\n",
        "top_level.txt": "beta\n",
    },
}


def _build_wheel(path: Path) -> None:
    """A zip on sys.path holding one distribution::

    zipped-3.0.dist-info/METADATA
    zipped-3.0.dist-info/RECORD
    zipped/__init__.py
    """
    write_zip(
        path,
        {
            "zipped-3.0.dist-info/METADATA": "Name: zipped\nVersion: 3.0\n",
            "zipped-3.0.dist-info/RECORD": (
                "zipped/__init__.py,,\nzipped-3.0.dist-info/METADATA,,\n"
            ),
            "zipped/__init__.py": "",
        },
    )


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A vendoring package holding a copy of pkgmeta, and a site dir plus a wheel."""
    base = tmp_path_factory.mktemp("vendoring")
    root = base / "root"
    vendor = root / "thirdparty" / "_vendor"
    shutil.copytree(
        PACKAGE_DIR,
        vendor / "pkgmeta",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    (root / "thirdparty" / "__init__.py").write_text("")
    (vendor / "__init__.py").write_text("")
    site = base / "site"
    site.mkdir()
    build_tree(site, SITE)
    wheel = base / "zipped-3.0-py3-none-any.whl"
    _build_wheel(wheel)
    return {"root": str(root), "site": str(site), "wheel": str(wheel)}


def _run_hidden(code: str, *args: str, cwd: str | None = None) -> str:
    """Run *code* in a Python where the real pkgmeta cannot be imported.

    ``-I`` drops ``PYTHONPATH`` (which may point at ``src``), the user site
    and the current directory; ``-S`` drops site-packages, where an installed
    pkgmeta lives. The code puts what it needs on ``sys.path`` itself.
    """
    return run_python("-I", "-S", "-c", code, *args, cwd=cwd).stdout


_SMOKE = """
import json, sys

root, site, wheel = sys.argv[1:4]
sys.path[:0] = [root, site, wheel]
meta_path, path_hooks = list(sys.meta_path), list(sys.path_hooks)
from thirdparty._vendor import pkgmeta as pm
report = {
    "machinery_untouched": sys.meta_path == meta_path and sys.path_hooks == path_hooks,
    "name": pm.__name__,
    "version_attribute": pm.__version__,
    "version": pm.version("alpha"),
    "zipped_version": pm.version("Zipped"),
}
scripts = pm.entry_points(group="console_scripts")
report["scripts"] = sorted(ep.name for ep in scripts)
report["loaded"] = scripts["alpha"].load()()
report["script_dist"] = scripts["alpha"].dist.name
report["files"] = sorted(str(path) for path in pm.files("alpha"))
report["zipped_files"] = sorted(str(path) for path in pm.files("zipped"))
report["file_text"] = pm.files("alpha")[1].read_text()
meta = pm.metadata("alpha")
report["summary"] = meta["Summary"]
report["classifiers"] = meta.get_all("Classifier")
report["json_name"] = meta.json["name"]
report["requires"] = [pm.requires("alpha"), pm.requires("beta")]
report["distributions"] = sorted(
    dist.metadata["Name"] for dist in pm.distributions(path=[site, wheel])
)
report["packages"] = {
    name: providers
    for name, providers in pm.packages_distributions().items()
    if name in ("alpha", "beta", "zipped")
}
report["lazy_modules"] = [
    pm.FileHash.__module__,
    pm.PackageMetadata.__module__,
    pm.PackagePath.__module__,
    pm.SimplePath.__module__,
]
try:
    pm.version("python-pkgmeta")
except pm.PackageNotFoundError:
    report["own_metadata"] = False
else:
    report["own_metadata"] = True
report["pkgmeta_modules"] = sorted(
    name for name in sys.modules if name.split(".")[0] == "pkgmeta"
)
try:
    import pkgmeta
except ImportError:
    report["real_importable"] = False
else:
    report["real_importable"] = pkgmeta.__file__
print(json.dumps(report))
"""


@pytest.fixture(scope="module")
def smoke(environment: dict[str, str]) -> dict[str, object]:
    """The vendored copy's answers to the smoke suite, from a separate process."""
    output = _run_hidden(
        _SMOKE, environment["root"], environment["site"], environment["wheel"]
    )
    return json.loads(output)  # type: ignore[no-any-return]


def _absolute_imports(source: str) -> list[str]:
    """Return the ``pkgmeta`` modules that *source* imports by absolute name."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
    return [name for name in found if name.split(".")[0] == "pkgmeta"]


def test_absolute_imports_are_found_by_the_scan():
    """The scan below recognizes every spelling of an absolute import."""
    source = (
        "import pkgmeta\nimport pkgmeta._api as a\nfrom pkgmeta import x\n"
        "from . import y\nfrom .pkgmeta import z\n"
    )
    assert _absolute_imports(source) == ["pkgmeta", "pkgmeta._api", "pkgmeta"]


def test_no_module_imports_pkgmeta_by_absolute_name():
    """Every module of the package imports its siblings relatively."""
    offenders = {
        str(path.relative_to(PACKAGE_DIR)): names
        for path in sorted(PACKAGE_DIR.rglob("*.py"))
        if (names := _absolute_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_vendored_copy_answers_the_smoke_suite(smoke):
    """Under its new name the copy reads a site dir and a wheel like pkgmeta does."""
    assert smoke["name"] == VENDORED
    assert smoke["version"] == "1.0"
    assert smoke["zipped_version"] == "3.0"
    assert smoke["scripts"] == ["alpha"]
    assert smoke["loaded"] == "alpha says hi"
    assert smoke["script_dist"] == "alpha"
    assert smoke["files"] == [
        "alpha-1.0.dist-info/METADATA",
        "alpha/__init__.py",
        "alpha/cli.py",
    ]
    assert smoke["zipped_files"] == [
        "zipped-3.0.dist-info/METADATA",
        "zipped/__init__.py",
    ]
    assert smoke["file_text"] == SITE["alpha"]["cli.py"]
    assert smoke["summary"] == "The first"
    assert smoke["classifiers"] == ["Topic :: A", "Topic :: B"]
    assert smoke["json_name"] == "alpha"
    assert smoke["requires"] == [["beta>=2"], ["gamma", 'delta; extra == "fast"']]
    assert smoke["distributions"] == ["alpha", "beta", "zipped"]
    assert smoke["packages"] == {
        "alpha": ["alpha"],
        "beta": ["beta"],
        "zipped": ["zipped"],
    }


def test_vendored_copy_loads_its_lazy_names_from_itself(smoke):
    """Names loaded on first access come from the copy's own modules."""
    assert smoke["lazy_modules"] == [
        f"{VENDORED}._files",
        f"{VENDORED}._protocols",
        f"{VENDORED}._files",
        f"{VENDORED}._protocols",
    ]


def test_vendored_copy_never_imports_pkgmeta(smoke):
    """No module named ``pkgmeta`` is imported, and the real one is hidden."""
    assert smoke["pkgmeta_modules"] == []
    assert smoke["real_importable"] is False


def test_vendored_copy_knows_its_version_without_metadata(smoke):
    """``__version__`` is readable although no pkgmeta distribution is installed."""
    assert smoke["version_attribute"] == pkgmeta.__version__
    assert smoke["own_metadata"] is False


def test_vendored_import_leaves_the_import_machinery_alone(smoke):
    """Importing the copy changes neither ``sys.meta_path`` nor ``sys.path_hooks``."""
    assert smoke["machinery_untouched"] is True


_CLI = """
import runpy, sys

root = sys.argv[1]
sys.path.insert(0, root)
sys.argv[:] = ["pkgmeta", *sys.argv[2:]]
try:
    runpy.run_module("thirdparty._vendor.pkgmeta", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code
else:
    code = 0
assert not [name for name in sys.modules if name.split(".")[0] == "pkgmeta"]
print("EXIT", code)
"""


def test_vendored_command_line_lists_the_environment(environment):
    """``python -m thirdparty._vendor.pkgmeta list`` works from the copy."""
    output = _run_hidden(
        _CLI, environment["root"], "list", "--path", environment["site"]
    )
    lines = output.splitlines()
    assert lines[-1] == "EXIT 0"
    rows = [line.split()[:2] for line in lines]
    assert ["alpha", "1.0"] in rows
    assert ["beta", "2.0"] in rows


def test_vendored_command_line_version_needs_no_metadata(environment):
    """``--version`` of the copy prints ``__version__``; no pkgmeta is installed."""
    output = _run_hidden(_CLI, environment["root"], "--version")
    assert output.splitlines() == [f"pkgmeta {pkgmeta.__version__}", "EXIT 0"]


def test_vendored_command_line_reports_a_missing_name(environment):
    """An unknown name exits with 1 from the vendored copy too."""
    output = _run_hidden(_CLI, environment["root"], "show", "no-such-dist")
    assert output.splitlines()[-1] == "EXIT 1"


# -- the vendored copy beside the installed one, in one process ---------------

_IMMUTABLE = (bool, int, float, str, bytes, tuple, frozenset, type(None))


def _objects(package: str) -> dict[str, object]:
    """Return the module globals and class attributes of *package*'s modules.

    Keys are relative to the package (``._finder:_indexes``,
    ``._finder:MetadataPathFinder._cache``), so the two copies can be
    compared key by key. Modules, immutable values and objects defined
    outside both copies (the stdlib's functions and classes) are left out:
    sharing those is harmless.
    """
    found: dict[str, object] = {}
    for name, module in list(sys.modules.items()):
        if name != package and not name.startswith(f"{package}."):
            continue
        relative = name[len(package) :]
        for attr, value in vars(module).items():
            if _is_dunder(attr):  # __builtins__ is the one dict all modules share
                continue
            found[f"{relative}:{attr}"] = value
            if isinstance(value, type) and value.__module__ == name:
                for member, inner in vars(value).items():
                    if not _is_dunder(member):
                        found[f"{relative}:{attr}.{member}"] = inner
    return {
        key: value
        for key, value in found.items()
        if not isinstance(value, (types.ModuleType, *_IMMUTABLE))
        and _owned(value, ("pkgmeta", VENDORED))
    }


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


def _owned(value: object, packages: tuple[str, ...]) -> bool:
    """Whether *value* is state, or code defined in one of *packages*."""
    module = getattr(value, "__module__", None)
    if not isinstance(module, str) or isinstance(value, (dict, list, set)):
        return True  # containers and plain instances: state
    return module.split(".")[0] in packages or module.startswith(VENDORED)


def _sizes(objects: dict[str, object]) -> dict[str, int]:
    """Return the length of every container among *objects*."""
    return {
        key: len(value)
        for key, value in objects.items()
        if isinstance(value, (dict, list, set))
    }


@pytest.fixture
def vendored(environment, monkeypatch):
    """The vendored copy imported into this process, removed again afterwards."""
    monkeypatch.syspath_prepend(environment["root"])
    yield importlib.import_module(VENDORED)
    for name in [name for name in sys.modules if name.split(".")[0] == "thirdparty"]:
        del sys.modules[name]


def _names(module: types.ModuleType, paths: list[str]) -> set[str]:
    return {dist.metadata["Name"] for dist in module.distributions(path=paths)}


def test_vendored_and_installed_copies_have_distinct_classes(vendored, environment):
    """The copies' classes and exceptions are different objects."""
    for name in (
        "Distribution",
        "PathDistribution",
        "EntryPoint",
        "PackageNotFoundError",
    ):
        assert getattr(vendored, name) is not getattr(pkgmeta, name)
    dist = next(iter(vendored.distributions(path=[environment["site"]], name="alpha")))
    assert not isinstance(dist, pkgmeta.Distribution)


def test_vendored_and_installed_copies_share_no_state(vendored, environment):
    """Filling or dropping one copy's caches leaves the other copy's alone."""
    paths = [environment["site"], environment["wheel"]]
    expected = {"alpha", "beta", "zipped"}
    assert _names(pkgmeta, paths) == expected
    assert _names(vendored, paths) == expected
    real, copy = _objects("pkgmeta"), _objects(VENDORED)
    shared = sorted(key for key in real.keys() & copy.keys() if real[key] is copy[key])
    assert shared == []

    copy_filled = _sizes(copy)
    real_filled = _sizes(real)
    pkgmeta.MetadataPathFinder.invalidate_caches()
    assert _sizes(_objects("pkgmeta")) != real_filled  # the invalidation did drop
    assert _sizes(_objects(VENDORED)) == copy_filled

    assert _names(pkgmeta, paths) == expected
    real_filled = _sizes(_objects("pkgmeta"))
    vendored.MetadataPathFinder.invalidate_caches()
    assert _sizes(_objects(VENDORED)) != copy_filled
    assert _sizes(_objects("pkgmeta")) == real_filled
