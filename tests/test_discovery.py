"""Finding distributions on sys.path: sources, spellings, stale copies, freshness."""

from __future__ import annotations

import importlib.metadata
import os
import pathlib
import sys

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import pkgmeta
from helpers import (
    INVALIDATIONS,
    STDLIB_PATH,
    build_tree,
    import_backport,
    run_python,
    write_zip,
)
from pkgmeta import _finder
from pkgmeta._names import metadata_dir_key, normalize


def dist_info(name: str, version: str = "1.0", **files: str) -> dict:
    """A minimal ``*.dist-info`` directory holding METADATA and *files*."""
    return {
        f"{name}-{version}.dist-info": {
            "METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
            **files,
        }
    }


def test_version_reads_a_dist_info_directory(site_dir):
    """version() finds a dist-info directory on sys.path."""
    build_tree(site_dir, dist_info("alpha", "2.3"))
    assert pkgmeta.version("alpha") == "2.3"


@pytest.mark.parametrize("spelling", ["Foo.Bar", "foo_bar", "FOO-bar", "foo__bar"])
def test_version_accepts_every_spelling_of_a_name(site_dir, spelling):
    """Any spelling that normalizes alike finds the distribution."""
    build_tree(site_dir, dist_info("foo_bar", "1.5"))
    assert pkgmeta.version(spelling) == "1.5"


def test_egg_info_directory_and_file_are_found(site_dir):
    """An egg-info directory (PKG-INFO) and an egg-info file are both read."""
    build_tree(
        site_dir,
        {
            "beta-0.1-py3.egg-info": {"PKG-INFO": "Name: beta\nVersion: 0.1\n"},
            "gamma.egg-info": "Name: gamma\nVersion: 0.2\n",
        },
    )
    assert pkgmeta.version("beta") == "0.1"
    assert pkgmeta.version("gamma") == "0.2"


def test_egg_directory_on_sys_path_is_found(site_dir, monkeypatch):
    """A ``*.egg`` directory placed on sys.path exposes its EGG-INFO."""
    egg = site_dir / "delta-3.0-py3.egg"
    build_tree(egg, {"EGG-INFO": {"PKG-INFO": "Name: delta\nVersion: 3.0\n"}})
    monkeypatch.syspath_prepend(str(egg))
    assert pkgmeta.version("delta") == "3.0"


def test_wheel_on_sys_path_is_read_without_extracting(tmp_path, monkeypatch):
    """Metadata inside a zip on sys.path is read in place."""
    wheel = tmp_path / "eps-1.0-py3-none-any.whl"
    write_zip(
        wheel,
        {
            "eps/__init__.py": "",
            "eps-1.0.dist-info/METADATA": "Name: eps\nVersion: 1.0\n",
            "eps-1.0.dist-info/entry_points.txt": "[console_scripts]\neps = eps:main\n",
        },
    )
    monkeypatch.syspath_prepend(str(wheel))
    pkgmeta.MetadataPathFinder.invalidate_caches()
    assert pkgmeta.version("eps") == "1.0"
    (script,) = pkgmeta.entry_points(group="console_scripts", name="eps")
    assert script.value == "eps:main"
    assert ".whl/" in str(pkgmeta.distribution("eps").locate_file("eps/__init__.py"))


def test_missing_distribution_raises_package_not_found(site_dir):
    """An unknown name raises PackageNotFoundError mentioning metadata."""
    with pytest.raises(pkgmeta.PackageNotFoundError, match="metadata") as caught:
        pkgmeta.version("definitely-not-installed-xyz")
    assert caught.value.name == "definitely-not-installed-xyz"


@pytest.mark.parametrize("name", ["", None])
def test_from_name_rejects_an_empty_name(name):
    """An empty name is a ValueError, not a search."""
    with pytest.raises(ValueError, match="name is required"):
        pkgmeta.Distribution.from_name(name)


def test_stale_dist_info_does_not_shadow_a_valid_one(site_dir, tmp_path, monkeypatch):
    """A metadata-less dist-info earlier on the path gives way to a valid one."""
    build_tree(site_dir, {"zeta-1.0.dist-info": {"REQUESTED": ""}})
    later = tmp_path / "later"
    build_tree(later, dist_info("zeta", "2.0"))
    monkeypatch.setattr(sys, "path", [*sys.path, str(later)])
    assert pkgmeta.version("zeta") == "2.0"
    assert [ep.name for ep in pkgmeta.entry_points(name="zeta")] == []


def test_stale_dist_info_alone_raises_metadata_not_found(site_dir):
    """metadata() of a directory without a metadata file says so, naming it.

    It reads as empty (as in every stdlib); asking it for a field raises.
    """
    build_tree(site_dir, {"omega-1.0.dist-info": {"RECORD": ""}})
    assert "Name" not in pkgmeta.metadata("omega")
    with pytest.raises(pkgmeta.MetadataNotFound, match=r"omega-1\.0\.dist-info"):
        pkgmeta.metadata("omega")["Name"]
    assert isinstance(pkgmeta.MetadataNotFound("x"), FileNotFoundError)


@pytest.mark.parametrize("field", ["Name", "Version"])
def test_missing_required_field_names_field_and_path(site_dir, field):
    """.name/.version without the field raise KeyError naming it and the path."""
    build_tree(site_dir, {"kappa-1.0.dist-info": {"METADATA": "Summary: nothing\n"}})
    dist = pkgmeta.distribution("kappa")
    with pytest.raises(KeyError) as caught:
        getattr(dist, field.lower())
    message = str(caught.value)
    assert field in message
    assert "kappa-1.0.dist-info" in message


def test_missing_metadata_key_raises_key_error(site_dir):
    """PackageMetadata[missing] raises KeyError (newest behaviour)."""
    build_tree(site_dir, dist_info("lam"))
    with pytest.raises(KeyError, match="Home-page"):
        pkgmeta.metadata("lam")["Home-page"]


def test_new_install_is_visible_without_invalidation(site_dir):
    """A distribution installed after a lookup is found by the next one."""
    with pytest.raises(pkgmeta.PackageNotFoundError):
        pkgmeta.version("late")
    build_tree(site_dir, dist_info("late", "9"))
    os.utime(site_dir, ns=(0, 10**18))  # a new mtime even on coarse clocks
    assert pkgmeta.version("late") == "9"


@pytest.mark.parametrize("invalidate", INVALIDATIONS)
def test_invalidate_caches_makes_a_new_install_visible(site_dir, invalidate):
    """After either invalidation a new distribution is found, mtime unchanged."""
    mtime = site_dir.stat().st_mtime_ns
    with pytest.raises(pkgmeta.PackageNotFoundError):
        pkgmeta.version("later")
    build_tree(site_dir, dist_info("later", "4"))
    os.utime(site_dir, ns=(mtime, mtime))  # same mtime: only invalidation helps
    with pytest.raises(pkgmeta.PackageNotFoundError):
        pkgmeta.version("later")
    invalidate()
    assert pkgmeta.version("later") == "4"


def test_odd_sys_path_entries_are_skipped(isolated_path, tmp_path):
    """Missing dirs, plain files, bytes and Path objects on sys.path do no harm."""
    build_tree(isolated_path, dist_info("solid", "1.1"))
    plain_file = tmp_path / "plain.txt"
    plain_file.write_text("not a zip")
    sys.path[:] = [
        str(tmp_path / "missing"),
        str(plain_file),
        os.fsencode(str(isolated_path)),
        pathlib.Path(isolated_path),
    ]
    assert [d.version for d in pkgmeta.distributions()] == ["1.1"]


def test_current_directory_entry_is_searched(isolated_path, monkeypatch):
    """An empty string on sys.path means the current directory."""
    monkeypatch.chdir(isolated_path)
    build_tree(isolated_path, dist_info("here", "0.9"))
    sys.path[:] = [""]
    assert pkgmeta.version("here") == "0.9"


def twin_sites(tmp_path: pathlib.Path) -> tuple[pathlib.Path, pathlib.Path]:
    """Two site directories holding ``left`` and ``right``, with one mtime."""
    left, right = tmp_path / "left", tmp_path / "right"
    build_tree(left, dist_info("left", "1.0", **{"top_level.txt": "left\n"}))
    build_tree(right, dist_info("right", "2.0", **{"top_level.txt": "right\n"}))
    for site in (left, right):
        os.utime(site, ns=(10**18, 10**18))
    assert left.stat().st_mtime_ns == right.stat().st_mtime_ns
    return left, right


def names_seen(module) -> dict[str, object]:
    """What the environment-wide calls and a lookup of *module* report."""
    names = sorted(dist.metadata["Name"] for dist in module.distributions())
    found = {"distributions": names}
    if hasattr(module, "packages_distributions"):  # 3.10+ in the stdlib
        found["packages"] = sorted(module.packages_distributions())
    return found


@pytest.mark.parametrize("entry", ["", "."])
def test_relative_entry_follows_chdir_to_a_directory_with_the_same_mtime(
    isolated_path, tmp_path, monkeypatch, entry
):
    """'' (or '.') is the directory current at each search, not the first one listed.

    The two directories share their mtime, so only the stamp's device and
    inode tell them apart. The references (3.9+) agree for '' (they re-list
    it on every call).
    """
    left, right = twin_sites(tmp_path)
    sys.path[:] = [entry, *STDLIB_PATH]  # the references import email lazily
    monkeypatch.chdir(left)
    assert pkgmeta.version("left") == "1.0"
    assert names_seen(pkgmeta) == {"distributions": ["left"], "packages": ["left"]}
    # The references that search '' at all (3.8's stdlib and the backport
    # there ignore it), asked once so that whatever they keep is warm.
    references = [
        reference
        for reference in (importlib.metadata, import_backport())
        if entry == "" and "left" in names_seen(reference)["distributions"]
    ]
    monkeypatch.chdir(right)
    assert pkgmeta.version("right") == "2.0"
    with pytest.raises(pkgmeta.PackageNotFoundError):
        pkgmeta.version("left")
    assert names_seen(pkgmeta) == {"distributions": ["right"], "packages": ["right"]}
    assert [ep.name for ep in pkgmeta.entry_points(group="none")] == []
    for reference in references:  # they re-list '' on every call
        assert reference.version("right") == "2.0"
        assert names_seen(reference)["distributions"] == ["right"]
    assert len(references) == (2 if entry == "" and sys.version_info >= (3, 9) else 0)


def test_directory_swapped_for_one_with_the_same_mtime_is_listed_again(
    isolated_path, tmp_path
):
    """A site directory renamed over by another with its mtime is listed afresh.

    What an installer building a new environment beside the old one and
    renaming it into place does; deliberate difference: the stdlib 3.10+
    keeps the old listing (its key is the mtime alone), and reports a
    ``left`` whose metadata is gone.
    """
    left, right = twin_sites(tmp_path)
    sys.path[:] = [str(left)]
    assert names_seen(pkgmeta) == {"distributions": ["left"], "packages": ["left"]}
    assert pkgmeta.version("left") == "1.0"
    os.rename(left, tmp_path / "old")
    os.rename(right, left)
    assert left.stat().st_mtime_ns == (tmp_path / "old").stat().st_mtime_ns
    assert names_seen(pkgmeta) == {"distributions": ["right"], "packages": ["right"]}
    assert pkgmeta.version("right") == "2.0"
    with pytest.raises(pkgmeta.PackageNotFoundError):
        pkgmeta.version("left")


def test_distributions_accepts_an_explicit_path(tmp_path):
    """distributions(path=[...]) searches only those directories."""
    build_tree(tmp_path, {**dist_info("one"), **dist_info("two")})
    found = sorted(d.name for d in pkgmeta.distributions(path=[str(tmp_path)]))
    assert found == ["one", "two"]


def test_distributions_rejects_context_and_kwargs_together():
    """Giving a context and keyword arguments is a ValueError."""
    context = pkgmeta.DistributionFinder.Context(name="x")
    with pytest.raises(ValueError, match="context and kwargs"):
        pkgmeta.distributions(context=context, a=1)  # at the call, as the stdlib


def test_distribution_at_reads_a_metadata_directory(tmp_path):
    """Distribution.at() wraps a metadata directory given by path."""
    build_tree(tmp_path, dist_info("atpkg", "5.5"))
    dist = pkgmeta.Distribution.at(tmp_path / "atpkg-5.5.dist-info")
    assert isinstance(dist, pkgmeta.PathDistribution)
    assert dist.version == "5.5"
    assert dist.locate_file("x") == tmp_path / "x"


def test_distribution_is_a_strict_abc():
    """A subclass missing read_text/locate_file cannot be instantiated."""
    with pytest.raises(TypeError):
        type("Incomplete", (pkgmeta.Distribution,), {})()


def test_import_changes_no_global_state():
    """Importing and using pkgmeta leaves meta_path and path_hooks untouched."""
    before = (list(sys.meta_path), list(sys.path_hooks))
    pkgmeta.version("pytest")
    list(pkgmeta.entry_points(group="console_scripts"))
    assert (list(sys.meta_path), list(sys.path_hooks)) == before


class _StdlibStyleFinder:
    """A third-party finder that returns the stdlib's own Distribution objects."""

    def __init__(self, directory: pathlib.Path) -> None:
        self.directory = directory

    def find_spec(self, *args, **kwargs):
        return None

    def find_distributions(self, context):
        import importlib.metadata as stdlib

        class Custom(stdlib.Distribution):
            def __init__(self, path):
                self.path = path

            def read_text(self, filename):
                try:
                    return (self.path / filename).read_text(encoding="utf-8")
                except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                    return None

            def locate_file(self, path):
                return self.path.parent / path

        for child in self.directory.iterdir():
            if context.name in (None, "custom-thing"):
                yield Custom(child)


def test_foreign_finder_distributions_work_through_pkgmeta(tmp_path, site_dir):
    """Distributions from a stdlib-style custom finder are honoured."""
    store = tmp_path / "store"
    build_tree(
        store,
        {
            "thing": {
                "METADATA": "Name: custom-thing\nVersion: 7.0\n",
                "entry_points.txt": "[pkgmeta.test]\nthing = thing:run\n",
                "top_level.txt": "thing\n",
            }
        },
    )
    finder = _StdlibStyleFinder(store)
    sys.meta_path.append(finder)
    try:
        assert pkgmeta.version("custom-thing") == "7.0"
        (found,) = pkgmeta.entry_points(group="pkgmeta.test")
        assert isinstance(found, pkgmeta.EntryPoint)
        assert found.value == "thing:run"
        assert pkgmeta.packages_distributions()["thing"] == ["custom-thing"]
    finally:
        sys.meta_path.remove(finder)


def test_path_finder_is_searched_once_despite_importlib_metadata(site_dir, monkeypatch):
    """importlib_metadata's appended finder does not duplicate distributions."""
    importlib_metadata = pytest.importorskip("importlib_metadata")
    build_tree(site_dir, dist_info("single"))
    # What importing importlib_metadata does (conftest undoes it session-wide).
    monkeypatch.setattr(
        sys, "meta_path", [*sys.meta_path, importlib_metadata.MetadataPathFinder()]
    )
    matches = [d for d in pkgmeta.distributions() if d.metadata["Name"] == "single"]
    assert len(matches) == 1
    assert all(isinstance(d, pkgmeta.PathDistribution) for d in matches)


def test_requires_converts_egg_info_sections(site_dir):
    """requires.txt sections become PEP 508 markers."""
    build_tree(
        site_dir,
        {
            "reqs-1.0.egg-info": {
                "PKG-INFO": "Name: reqs\nVersion: 1.0\n",
                "requires.txt": (
                    'plain\n\n[extra1]\nfoo>=1\n\n[:sys_platform == "win32"]\nbar\n'
                ),
            }
        },
    )
    assert pkgmeta.requires("reqs") == [
        "plain",
        'foo>=1; extra == "extra1"',
        'bar; sys_platform == "win32"',
    ]


def test_origin_reads_direct_url_json(site_dir):
    """Distribution.origin exposes direct_url.json as attributes."""
    # Both built before the first lookup: an install within the file
    # system's timestamp granularity of a listing is seen only after an
    # invalidation (docs/caching.md), and MEMFS in Pyodide ticks in ms.
    build_tree(
        site_dir,
        dist_info(
            "orig",
            **{"direct_url.json": '{"url": "file:///x", "dir_info": {"editable": 1}}'},
        ),
    )
    build_tree(site_dir, dist_info("plainpkg"))
    origin = pkgmeta.distribution("orig").origin
    assert origin.url == "file:///x"
    assert origin.dir_info.editable == 1
    assert pkgmeta.distribution("plainpkg").origin is None


def test_packages_distributions_uses_top_level_then_record(site_dir):
    """Top-level names come from top_level.txt, else from RECORD."""
    build_tree(
        site_dir,
        {
            **dist_info("declared", **{"top_level.txt": "decl\n"}),
            **dist_info(
                "inferred",
                RECORD="infer/__init__.py,,\nsolo.py,,\ninferred-1.0.dist-info/METADATA,,\n",
            ),
            "infer": {"__init__.py": ""},
            "solo.py": "",
        },
    )
    mapping = pkgmeta.packages_distributions()
    assert mapping["decl"] == ["declared"]
    assert mapping["infer"] == ["inferred"]
    assert mapping["solo"] == ["inferred"]
    assert not any(name.endswith(".dist-info") for name in mapping)


class NamesOnlyFinder(pkgmeta.DistributionFinder):
    """A user's finder that reports distributions and finds no modules."""

    def find_distributions(self, context=None):
        return iter(())


def test_a_distribution_finder_on_meta_path_leaves_imports_alone(monkeypatch):
    """A subclass placed on sys.meta_path does not break failing imports."""
    monkeypatch.setattr(sys, "meta_path", [NamesOnlyFinder(), *sys.meta_path])
    with pytest.raises(ModuleNotFoundError):
        __import__("no_such_module_pkgmeta_test")
    assert list(pkgmeta.distributions(name="no-such-dist")) == []


metadata_suffixes = st.sampled_from(
    [".dist-info", ".egg-info", ".DIST-INFO", ".Egg-Info", "", ".py", ".pth"]
)
name_parts = st.text(alphabet="abAB._-1\u00e9\u03a3\n", min_size=0, max_size=6)
listings = st.lists(
    st.builds(
        lambda name, version, suffix: name + version + suffix,
        name_parts,
        st.sampled_from(["", "-1.0", "-2.0-py3.8", "-"]),
        metadata_suffixes,
    ),
    max_size=12,
)


def index_of_listing(children: list) -> _finder._PathIndex:
    """A path index over a made-up listing, without touching the disk."""
    index = _finder._PathIndex.__new__(_finder._PathIndex)
    index.children = children
    index._infos = None
    index._haystack = None
    index._named = {}
    index.eggs = {}
    return index


@given(listings, name_parts)
# Case folding depends on the neighbours (a word-final capital sigma after "."
# lower-cases to the final form, after "_" to the medial one): the per-child
# key must fold the whole name first, as the listing search does (found on 3.9).
@example(children=["A.Σ-1.0.dist-info"], name="A.Σ")
def test_a_name_lookup_finds_what_the_full_index_holds(children, name):
    """Searching the joined listing agrees with the per-child index, in order."""
    normalized = normalize(name)
    expected = index_of_listing(children).infos.get(normalized, [])
    assert index_of_listing(children).named(normalized) == expected
    for child in children:  # every indexed name is found by a lookup too
        key = metadata_dir_key(child)
        if key is not None:
            assert child in index_of_listing(children).named(key)


@given(listings, st.lists(name_parts, max_size=3 * _finder._NAMES_BEFORE_FULL_INDEX))
def test_repeated_lookups_on_one_index_agree_with_the_full_index(children, names):
    """Kept answers, and the full index built past the limit, change no answer."""
    index = index_of_listing(children)
    reference = index_of_listing(children).infos
    for name in [*names, *names]:
        normalized = normalize(name)
        assert index.named(normalized) == reference.get(normalized, [])
    distinct = {normalize(name) for name in names}
    if len(distinct) > _finder._NAMES_BEFORE_FULL_INDEX:
        assert index._infos is not None


def test_a_kept_lookup_is_not_searched_again(monkeypatch):
    """The second lookup of a name answers from what the first one kept."""
    index = index_of_listing(["alpha-1.0.dist-info", "beta-2.0.dist-info"])
    assert index.named("alpha") == ["alpha-1.0.dist-info"]

    def no_search(self, normalized):
        raise AssertionError(f"searched the listing again for {normalized}")

    monkeypatch.setattr(_finder._PathIndex, "_search_listing", no_search)
    assert index.named("alpha") == ["alpha-1.0.dist-info"]


COUNT_OPENS = """
import os, sys
site = sys.argv[1]
sys.path.insert(0, site)
import pkgmeta
opened = []
def hook(event, args):
    if event == "open" and isinstance(args[0], str) and args[0].startswith(site):
        opened.append(os.path.relpath(args[0], site))
sys.addaudithook(hook)
assert pkgmeta.version("wanted") == "2.0"
hit, opened[:] = list(opened), []
try:
    pkgmeta.version("absent")
except pkgmeta.PackageNotFoundError:
    pass
print(hit, opened)
"""


def test_a_version_lookup_opens_only_its_own_metadata(tmp_path):
    """A hit opens one METADATA, once; a miss opens nothing; neighbours stay unread."""
    site = tmp_path / "site"
    neighbours = {f"other{i}-1.0.dist-info": {"METADATA": "Name: x"} for i in range(9)}
    build_tree(site, {**neighbours, **dist_info("wanted", "2.0")})
    completed = run_python("-c", COUNT_OPENS, str(site))
    hit_path = os.path.join("wanted-2.0.dist-info", "METADATA")
    assert completed.stdout.split("\n")[0] == f"{[hit_path]} []"
