"""Foreign finders on sys.meta_path: pkgmeta honours them as the stdlib does.

Three finders written for the stdlib serve the same projects from a store
that is not on ``sys.path``: a ``DistributionFinder`` subclass returning
its own ``Distribution`` subclass, a duck-typed finder returning objects
that derive from no ``Distribution``, and one returning the stdlib's
``PathDistribution``. Each is put first or last on ``sys.meta_path`` and
every public function is asked the same question through pkgmeta and
through the running interpreter's ``importlib.metadata``.
"""

from __future__ import annotations

import csv
import email
import importlib.metadata as stdlib
import os
import pathlib
import re
import sys
from typing import Any, Callable, Iterator

import pytest

import pkgmeta
from helpers import Tree, build_tree, run_python

GROUP = "pkgmeta.foreign"
# entry_points() keeps one distribution per name and the stdlib has
# packages_distributions() from 3.10 on.
STDLIB_MODERN = sys.version_info >= (3, 10)

# The projects the foreign finders serve: metadata files by project name.
FOREIGN: dict[str, dict[str, str]] = {
    "foreign-alpha": {
        "METADATA": (
            "Metadata-Version: 2.1\nName: foreign-alpha\nVersion: 3.1\n"
            "Classifier: X\nClassifier: Y\nRequires-Dist: dep>=1\n"
        ),
        "entry_points.txt": f"[{GROUP}]\nalpha = alpha.cli:main\n[other]\no = a:b\n",
        "top_level.txt": "alpha\n",
        "RECORD": "alpha/__init__.py,sha256=abc,3\nalpha/cli.py,,\n",
    },
    "foreign-beta": {
        "METADATA": "Metadata-Version: 2.1\nName: foreign-beta\nVersion: 0.2\n",
        "top_level.txt": "beta\nbeta_extra\n",
    },
    # Also on sys.path (as 1.0): whichever finder comes first wins.
    "clash": {
        "METADATA": "Metadata-Version: 2.1\nName: clash\nVersion: 9.0\n",
        "entry_points.txt": f"[{GROUP}]\nclash = clash.foreign:main\n",
        "top_level.txt": "clash\n",
    },
}
# The directory each project's metadata sits in inside the store.
INFO_DIRS = {name: f"{name.replace('-', '_')}-x.dist-info" for name in FOREIGN}

ON_PATH: Tree = {
    "clash-1.0.dist-info": {
        "METADATA": "Metadata-Version: 2.1\nName: clash\nVersion: 1.0\n",
        "entry_points.txt": f"[{GROUP}]\nclash = clash.path:main\n",
        "top_level.txt": "clash\n",
    },
    "onpath-2.0.dist-info": {
        "METADATA": "Metadata-Version: 2.1\nName: onpath\nVersion: 2.0\n",
        "entry_points.txt": f"[{GROUP}]\nonpath = onpath:main\n",
        "RECORD": "onpath/__init__.py,,\nonpath-2.0.dist-info/METADATA,,\n",
    },
    "onpath": {"__init__.py": ""},
}
NAMES = ["foreign-alpha", "foreign-beta", "clash", "onpath"]


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def wanted(context: Any, name: str) -> bool:
    """Whether a search for ``context.name`` should report project *name*."""
    return context.name is None or normalized(context.name) == normalized(name)


class StoredFiles:
    """Metadata files read from a dict, installed files located below a root."""

    def __init__(self, files: dict[str, str], root: pathlib.Path) -> None:
        self._files = files
        self._root = root

    def read_text(self, filename: Any) -> str | None:
        return self._files.get(str(filename))

    def locate_file(self, path: Any) -> pathlib.Path:
        return self._root / path


class InMemoryDistribution(StoredFiles, stdlib.Distribution):
    """A stdlib ``Distribution`` subclass reading its files from a dict."""


class StdlibSubclassFinder(stdlib.DistributionFinder):
    """A finder written against the stdlib's ``DistributionFinder`` ABC."""

    def __init__(self, root: pathlib.Path) -> None:
        self.root = root
        self.contexts: list[tuple[Any, Any]] = []

    def find_spec(self, *args: object, **kwargs: object) -> None:
        return None

    def find_distributions(self, context: Any = None) -> Iterator[Any]:
        context = context or stdlib.DistributionFinder.Context()
        self.contexts.append((context.name, context.path))
        for name, files in FOREIGN.items():
            if wanted(context, name):
                yield InMemoryDistribution(files, self.root)


class DuckDistribution(StoredFiles):
    """What the API reads of a distribution, on a class that is no ``Distribution``."""

    @property
    def metadata(self) -> Any:
        return email.message_from_string(self._files["METADATA"])

    @property
    def name(self) -> str:
        return str(self.metadata["Name"])

    @property
    def _normalized_name(self) -> str:  # what the stdlib's entry_points() uses
        return normalized(self.name)

    @property
    def version(self) -> str:
        return str(self.metadata["Version"])

    @property
    def entry_points(self) -> list[Any]:
        found, group = [], None
        for line in self._files.get("entry_points.txt", "").splitlines():
            if line.startswith("["):
                group = line.strip("[]")
            elif "=" in line:
                name, _, value = line.partition("=")
                found.append(stdlib.EntryPoint(name.strip(), value.strip(), group))
        return found

    @property
    def files(self) -> list[Any] | None:
        text = self._files.get("RECORD")
        if text is None:
            return None
        found = []
        for path, spec, size in csv.reader(text.splitlines()):
            package_path = stdlib.PackagePath(path)
            package_path.hash = stdlib.FileHash(spec) if spec else None
            package_path.size = int(size) if size else None
            package_path.dist = self
            found.append(package_path)
        return found

    @property
    def requires(self) -> list[str] | None:
        return self.metadata.get_all("Requires-Dist")


class DuckFinder:
    """Only ``find_distributions``: no ABC, no ``find_spec``."""

    def __init__(self, root: pathlib.Path) -> None:
        self.root = root

    def find_distributions(self, context: Any) -> Iterator[Any]:
        for name, files in FOREIGN.items():
            if wanted(context, name):
                yield DuckDistribution(files, self.root)


class PathDistributionFinder:
    """Serves stdlib ``PathDistribution`` objects from a directory off sys.path."""

    def __init__(self, root: pathlib.Path) -> None:
        self.root = root

    def find_spec(self, *args: object, **kwargs: object) -> None:
        return None

    def find_distributions(self, context: Any) -> Iterator[Any]:
        for name in FOREIGN:
            if wanted(context, name):
                yield stdlib.PathDistribution(self.root / INFO_DIRS[name])


FINDERS = {
    "stdlib-subclass": StdlibSubclassFinder,
    "duck-typed": DuckFinder,
    "path-distributions": PathDistributionFinder,
}


def may_hold_distributions(entry: object) -> bool:
    """Whether a sys.path entry may add distributions to the comparison.

    ``''`` is one (3.8's stdlib skips it, pkgmeta does not), so is anything
    that is not a string, and any directory holding metadata directories.
    """
    if not isinstance(entry, str) or not entry:
        return True
    if not os.path.isdir(entry):
        return False
    return any(
        child.endswith((".dist-info", ".egg-info")) for child in os.listdir(entry)
    )


@pytest.fixture
def store(tmp_path: pathlib.Path) -> pathlib.Path:
    """The foreign projects' metadata and installed files, off sys.path."""
    root = tmp_path / "store"
    tree: Tree = {INFO_DIRS[name]: dict(files) for name, files in FOREIGN.items()}
    tree["alpha"] = {"__init__.py": "abc", "cli.py": ""}
    build_tree(root.parent, {"store": tree})
    return root


@pytest.fixture
def site(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """A site directory alone on sys.path, beside entries that hold no metadata.

    The venv's own site-packages are left out so that only the projects of
    these tests are compared; the standard library stays importable.
    """
    root = tmp_path / "site"
    root.mkdir()
    build_tree(root, ON_PATH)
    kept = [entry for entry in sys.path if not may_hold_distributions(entry)]
    monkeypatch.setattr(sys, "path", [str(root), *kept])
    pkgmeta.MetadataPathFinder.invalidate_caches()
    return root


def warm_up() -> None:
    """Make each kind of call once, loading what pkgmeta imports on first use."""
    for dist in pkgmeta.distributions():
        dist.metadata.json, dist.files, dist.requires, dist.origin, dist.entry_points
    pkgmeta.entry_points(group=GROUP)
    pkgmeta.packages_distributions()


@pytest.fixture(params=["first", "last"])
def position(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=list(FINDERS))
def finder(
    request: pytest.FixtureRequest,
    store: pathlib.Path,
    site: pathlib.Path,
    position: str,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Any]:
    """One of the foreign finders, first or last on sys.meta_path.

    pkgmeta is used once before, so that the modules it imports on first use
    are loaded: on 3.8-3.11 the duck-typed finder (no ``find_spec``) breaks
    every import made while it is on sys.meta_path (see
    ``test_first_use_beside_a_finder_without_find_spec``).
    """
    warm_up()
    found = FINDERS[request.param](store)
    meta_path = list(sys.meta_path)
    if position == "first":
        monkeypatch.setattr(sys, "meta_path", [found, *meta_path])
    else:
        monkeypatch.setattr(sys, "meta_path", [*meta_path, found])
    yield found
    monkeypatch.undo()
    assert found not in sys.meta_path


def outcome(call: Callable[[], Any]) -> tuple[Any, ...]:
    """What a call gives, or the name and text of what it raises."""
    try:
        return ("returned", call())
    except (LookupError, ImportError, RuntimeError, AttributeError, TypeError) as error:
        message = str(error)
        if isinstance(
            error, (pkgmeta.PackageNotFoundError, stdlib.PackageNotFoundError)
        ):
            message = error.args[0]  # the messages differ between versions
        return ("raised", type(error).__name__, message)


def files_of(api: Any, name: str) -> Any:
    files = api.files(name)
    if files is None:
        return None
    return [
        (str(path), getattr(path, "hash", None) and path.hash.value, path.size)
        for path in files
    ]


def entry_points_of(api: Any, group: str) -> list[tuple[str, str, str]]:
    if api is stdlib and not STDLIB_MODERN:
        found = stdlib.entry_points().get(group, ())  # a dict on 3.8/3.9
    else:
        found = api.entry_points(group=group)
    return [(ep.name, ep.value, ep.group) for ep in found]


def name_lookups(api: Any, name: str) -> dict[str, Any]:
    """Every per-name answer of *api*, as plain data."""
    return {
        "version": outcome(lambda: api.version(name)),
        "name": outcome(lambda: api.metadata(name)["Name"]),
        "classifiers": outcome(lambda: api.metadata(name).get_all("Classifier")),
        "requires": outcome(lambda: api.requires(name)),
        "files": outcome(lambda: files_of(api, name)),
        "distribution": outcome(lambda: api.distribution(name).version),
    }


def path_order(site: pathlib.Path) -> list[str]:
    """The projects on sys.path in the order the file system lists them."""
    listed = [name for name in os.listdir(site) if name.endswith(".dist-info")]
    return [name.partition("-")[0] for name in listed]


def expected_order(position: str, site: pathlib.Path) -> list[str]:
    foreign = list(FOREIGN)
    on_path = path_order(site)
    return foreign + on_path if position == "first" else on_path + foreign


def test_distributions_come_in_meta_path_order(finder, position, site):
    """Foreign distributions come before or after the path's, as the stdlib gives."""
    found = [dist.metadata["Name"] for dist in pkgmeta.distributions()]
    assert found == expected_order(position, site)
    assert found == [dist.metadata["Name"] for dist in stdlib.distributions()]


@pytest.mark.parametrize("name", NAMES)
def test_name_lookups_match_the_stdlib(finder, position, name):
    """version, metadata, requires, files and distribution agree with the stdlib."""
    ours = name_lookups(pkgmeta, name)
    assert ours == name_lookups(stdlib, name)
    if name == "clash":  # the first finder on sys.meta_path wins
        version = "9.0" if position == "first" else "1.0"
        assert ours["version"] == ("returned", version)


def test_entry_points_keep_the_first_project_of_a_name(finder, position, site):
    """entry_points() lists foreign plugins, the first 'clash' only, in finder order."""
    found = entry_points_of(pkgmeta, GROUP)
    clash = "clash.foreign:main" if position == "first" else "clash.path:main"
    triples = {
        "alpha": ("alpha", "alpha.cli:main", GROUP),
        "clash": ("clash", clash, GROUP),
        "onpath": ("onpath", "onpath:main", GROUP),
    }
    # foreign-beta declares none; the second 'clash' is dropped
    order = [
        name.replace("foreign-", "")
        for name in dict.fromkeys(expected_order(position, site))
        if name != "foreign-beta"
    ]
    assert found == [triples[name] for name in order]
    if STDLIB_MODERN:  # 3.8/3.9 keep both copies of 'clash'
        assert found == entry_points_of(stdlib, GROUP)


def test_entry_points_are_pkgmeta_objects_bound_to_their_distribution(finder):
    """Whatever the finder returns, entry points are pkgmeta's, with .dist set."""
    for entry_point in pkgmeta.entry_points(group=GROUP):
        assert isinstance(entry_point, pkgmeta.EntryPoint)
        assert entry_point.dist is not None
        assert entry_point.dist.metadata["Name"] in ("foreign-alpha", "clash", "onpath")


def test_packages_distributions_include_foreign_projects(finder, position):
    """Top-level names of foreign projects map to them, beside the path's."""
    found = pkgmeta.packages_distributions()
    assert found == {
        "alpha": ["foreign-alpha"],
        "beta": ["foreign-beta"],
        "beta_extra": ["foreign-beta"],
        "clash": ["clash", "clash"],  # every copy provides it, unlike entry points
        "onpath": ["onpath"],
    }
    if sys.version_info >= (3, 11):  # 3.10 reads top_level.txt only
        assert found == stdlib.packages_distributions()


def test_path_distributions_from_a_finder_become_pkgmeta_objects(
    store, site, monkeypatch
):
    """A finder's stdlib PathDistributions come back as pkgmeta PathDistributions."""
    monkeypatch.setattr(
        sys, "meta_path", [PathDistributionFinder(store), *sys.meta_path]
    )
    dist = pkgmeta.distribution("foreign-alpha")
    assert type(dist) is pkgmeta.PathDistribution
    assert dist.version == "3.1"
    assert [str(path) for path in dist.files or ()] == [
        "alpha/__init__.py",
        "alpha/cli.py",
    ]


class RecordingFinder(stdlib.DistributionFinder):
    """Remembers the extra keyword of each search; finds nothing."""

    def __init__(self) -> None:
        self.realms: list[Any] = []

    def find_distributions(self, context: Any = None) -> Iterator[Any]:
        self.realms.append(getattr(context, "realm", None))
        return iter(())


def test_context_reaches_the_foreign_finder_as_given(store, site, monkeypatch):
    """name, path and extra search keywords are passed through unchanged."""
    found = StdlibSubclassFinder(store)
    monkeypatch.setattr(sys, "meta_path", [found, *sys.meta_path])
    assert pkgmeta.version("Foreign_Alpha") == "3.1"
    assert [d.metadata["Name"] for d in pkgmeta.distributions(path=["nowhere"])] == [
        *FOREIGN
    ]
    assert found.contexts == [("Foreign_Alpha", sys.path), (None, ["nowhere"])]
    for api in (pkgmeta, stdlib):
        recording = RecordingFinder()
        monkeypatch.setattr(sys, "meta_path", [recording, *sys.meta_path])
        list(api.distributions(realm="private"))
        assert recording.realms == ["private"], api.__name__


class SpecOnlyFinder:
    """A meta path finder from before distributions existed."""

    def find_spec(self, *args: object, **kwargs: object) -> None:
        return None


def test_finder_without_find_distributions_is_skipped(site, monkeypatch):
    """A finder with no find_distributions changes nothing, as for the stdlib."""
    monkeypatch.setattr(sys, "meta_path", [SpecOnlyFinder(), *sys.meta_path])
    assert [d.metadata["Name"] for d in pkgmeta.distributions()] == path_order(site)
    assert pkgmeta.version("onpath") == "2.0"
    assert [d.metadata["Name"] for d in stdlib.distributions()] == path_order(site)


class RaisingFinder:
    """A finder whose search fails (a network-backed store that is down)."""

    def find_distributions(self, context: Any) -> Iterator[Any]:
        raise RuntimeError("the store is unreachable")
        yield  # a generator, as finders usually are: it raises when iterated


def everything(api: Any) -> dict[str, Any]:
    calls: dict[str, Callable[[], Any]] = {
        "distributions": lambda: [d.metadata["Name"] for d in api.distributions()],
        "version-on-path": lambda: api.version("onpath"),
        "version-missing": lambda: api.version("nonesuch"),
        "metadata": lambda: api.metadata("clash")["Version"],
        "entry_points": lambda: entry_points_of(api, GROUP),
    }
    if STDLIB_MODERN:
        calls["packages_distributions"] = api.packages_distributions
    return {name: outcome(call) for name, call in calls.items()}


@pytest.mark.parametrize("place", ["first", "last"])
def test_raising_finder_fails_the_calls_the_stdlib_fails(site, monkeypatch, place):
    """An error inside find_distributions propagates exactly where the stdlib's does.

    The stdlib asks finders lazily: a lookup that a finder before the broken
    one answers never reaches it, anything that needs every finder raises.
    """
    broken = RaisingFinder()
    meta_path = (
        [broken, *sys.meta_path] if place == "first" else [*sys.meta_path, broken]
    )
    monkeypatch.setattr(sys, "meta_path", meta_path)
    ours = everything(pkgmeta)
    assert ours == everything(stdlib)
    raised = ("raised", "RuntimeError", "the store is unreachable")
    assert ours["distributions"] == raised
    assert ours["version-missing"] == raised
    assert (ours["version-on-path"] == raised) == (place == "first")


def test_duck_without_normalized_name_still_lists_entry_points(
    store, site, monkeypatch
):
    """pkgmeta keys duplicates by the Name field when _normalized_name is absent.

    The stdlib (3.10+) raises AttributeError here; pkgmeta is lenient on
    purpose, as a provider cannot be expected to implement a private name.
    """

    class PlainDuck(DuckDistribution):
        _normalized_name = property(lambda self: self.missing)  # AttributeError

    class PlainDuckFinder(DuckFinder):
        def find_distributions(self, context: Any) -> Iterator[Any]:
            for name, files in FOREIGN.items():
                if wanted(context, name):
                    yield PlainDuck(files, self.root)

    monkeypatch.setattr(sys, "meta_path", [PlainDuckFinder(store), *sys.meta_path])
    assert [ep.value for ep in pkgmeta.entry_points(group=GROUP)] == [
        "alpha.cli:main",
        "clash.foreign:main",
        "onpath:main",
    ]


FIRST_USE_BESIDE_DUCK = """
import sys
import pkgmeta

class DuckFinder:
    def find_distributions(self, context):
        return iter(())

sys.meta_path.insert(0, DuckFinder())
sys.path.insert(0, sys.argv[1])
print(pkgmeta.metadata("onpath").json["version"], pkgmeta.files("onpath")[0])
"""


@pytest.mark.xfail(
    sys.version_info < (3, 12),
    strict=True,
    reason="limitation: 3.8-3.11 call find_module() on a sys.meta_path entry "
    "without find_spec(), so every import fails while it is there; the stdlib "
    "imported its modules up front, pkgmeta imports them on first use",
)
def test_first_use_beside_a_finder_without_find_spec(tmp_path):
    """A fresh process whose first pkgmeta call meets a find_spec-less finder works."""
    build_tree(tmp_path, ON_PATH)
    completed = run_python("-c", FIRST_USE_BESIDE_DUCK, str(tmp_path))
    assert completed.stdout == "2.0 onpath/__init__.py\n"


class FaultyProvider(pkgmeta.PathDistribution):
    """A provider's distribution whose own code has an AttributeError bug."""

    def read_text(self, filename: Any) -> str | None:
        raise AttributeError("provider bug: 'NoneType' has no attribute 'decode'")


class FaultyStdlibProvider(stdlib.PathDistribution):
    def read_text(self, filename: Any) -> str | None:
        raise AttributeError("provider bug: 'NoneType' has no attribute 'decode'")


@pytest.mark.parametrize("facet", ["metadata", "version", "entry_points", "files"])
def test_attribute_error_inside_a_property_keeps_its_message(tmp_path, facet):
    """An AttributeError from a provider's read_text surfaces with its own message."""
    path = tmp_path / "faulty-1.0.dist-info"
    with pytest.raises(AttributeError, match="provider bug"):
        getattr(FaultyStdlibProvider(path), facet)  # the stdlib keeps the message
    with pytest.raises(AttributeError, match="provider bug"):
        getattr(FaultyProvider(path), facet)


# -- finders that answer no iterable -------------------------------------------


class NoneFinder:
    """A finder whose ``find_distributions`` forgot its ``return``/``yield``."""

    def find_spec(self, *args: object, **kwargs: object) -> None:
        return None

    def find_distributions(self, context: Any = None) -> Any:
        return None


class NumberFinder(NoneFinder):
    """A finder answering something that is no iterable at all."""

    def find_distributions(self, context: Any = None) -> Any:
        return 42


@pytest.mark.parametrize("place", ["first", "last"])
@pytest.mark.parametrize("broken", [NoneFinder, NumberFinder], ids=["none", "int"])
def test_finder_answering_no_iterable_is_skipped(site, monkeypatch, place, broken):
    """Its answer counts as no distributions; every call works from the others.

    Deliberate difference: the stdlib raises ``TypeError`` from every call
    that reaches the finder (docs/compatibility.md, pkgmeta's own choices).
    """
    warm_up()
    finder = broken()
    meta_path = (
        [finder, *sys.meta_path] if place == "first" else [*sys.meta_path, finder]
    )
    monkeypatch.setattr(sys, "meta_path", meta_path)
    ours = everything(pkgmeta)
    ours.pop("packages_distributions", None)  # asked on every Python below
    plugins = {"clash": "clash.path:main", "onpath": "onpath:main"}
    assert ours == {
        "distributions": ("returned", path_order(site)),
        "version-on-path": ("returned", "2.0"),
        "version-missing": ("raised", "PackageNotFoundError", "nonesuch"),
        "metadata": ("returned", "1.0"),
        "entry_points": (
            "returned",
            [(name, plugins[name], GROUP) for name in path_order(site)],
        ),
    }
    providers = pkgmeta.packages_distributions()
    assert providers == {"clash": ["clash"], "onpath": ["onpath"]}
    assert [str(path) for path in pkgmeta.files("onpath") or ()] == [
        "onpath/__init__.py",
        "onpath-2.0.dist-info/METADATA",
    ]
    theirs = everything(stdlib)
    assert theirs["distributions"][:2] == ("raised", "TypeError")
    assert theirs["version-missing"][:2] == ("raised", "TypeError")
    # The stdlib asks lazily: a lookup the path answers first never reaches it.
    assert (theirs["version-on-path"][:2] == ("raised", "TypeError")) == (
        place == "first"
    )


# -- subclasses of pkgmeta's own finder ----------------------------------------


class OwnStoreFinder(pkgmeta.MetadataPathFinder):
    """A user's MetadataPathFinder that serves the store instead of sys.path."""

    store: pathlib.Path

    @classmethod
    def find_distributions(cls, context: Any = None) -> Iterator[Any]:
        context = context or pkgmeta.DistributionFinder.Context()
        for name in FOREIGN:
            if wanted(context, name):
                yield pkgmeta.PathDistribution(cls.store / INFO_DIRS[name])


class UnchangedFinder(pkgmeta.MetadataPathFinder):
    """A subclass that adds nothing to the search."""


def test_subclass_overriding_find_distributions_is_asked_as_it_is(
    store, site, monkeypatch
):
    """Its distributions are seen beside the path's, as any finder's are."""
    from pkgmeta import _finder
    from pkgmeta._inspect.diagnose import diagnose

    monkeypatch.setattr(OwnStoreFinder, "store", store, raising=False)
    meta_path = [OwnStoreFinder, *sys.meta_path]
    monkeypatch.setattr(sys, "meta_path", meta_path)
    roles = [role for _, role in _finder.classify_finders(meta_path)]
    assert roles[:2] == [_finder.FOREIGN, _finder.PATH]
    assert [d.metadata["Name"] for d in pkgmeta.distributions()] == expected_order(
        "first", site
    )
    assert pkgmeta.version("foreign-alpha") == "3.1"
    assert pkgmeta.version("clash") == "9.0"  # the first finder wins
    assert pkgmeta.version("onpath") == "2.0"
    assert [ep.value for ep in pkgmeta.entry_points(group=GROUP)] == [
        "alpha.cli:main",
        "clash.foreign:main",
        "onpath:main",
    ]
    assert pkgmeta.packages_distributions()["beta_extra"] == ["foreign-beta"]
    report = diagnose("foreign-alpha")
    answers = {answer.finder: answer for answer in report.finders}
    own = answers[f"{__name__}.OwnStoreFinder"]
    assert own.role == _finder.FOREIGN
    assert own.error is None
    assert [(found["name"], found["version"]) for found in own.found] == [
        ("foreign-alpha", "3.1")
    ]
    assert report.selected is not None
    assert report.selected["version"] == "3.1"
    assert report.usable


OWN_FINDERS = {
    "own": lambda: pkgmeta.MetadataPathFinder,
    "subclass": lambda: UnchangedFinder,
    "instance": UnchangedFinder,
}


@pytest.mark.parametrize("make", list(OWN_FINDERS.values()), ids=list(OWN_FINDERS))
def test_own_finder_or_an_unchanged_subclass_is_the_path_finder(
    site, monkeypatch, make
):
    """pkgmeta's class, or a subclass (class or instance) adding nothing, is PATH."""
    from pkgmeta import _finder

    finder = make()
    meta_path = [finder, *sys.meta_path]
    monkeypatch.setattr(sys, "meta_path", meta_path)
    roles = [role for _, role in _finder.classify_finders(meta_path)]
    assert roles[0] == _finder.PATH
    assert _finder.FOREIGN not in roles
    assert [d.metadata["Name"] for d in pkgmeta.distributions()] == path_order(site)
