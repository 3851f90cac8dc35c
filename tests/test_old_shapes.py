"""Code written for any stdlib 3.8-3.13 keeps working: the older shapes, deprecated.

Each shape is compared with the stdlib of the running Python where that
stdlib still has it (a dict of groups on 3.8/3.9, ``SelectableGroups`` on
3.10/3.11), and its warning is checked to name the modern spelling.
"""

from __future__ import annotations

import importlib.metadata as stdlib
import os
import re
import sys
import warnings
from typing import Any
from unittest import mock

import pytest

import pkgmeta
from helpers import build_tree, deprecated
from pkgmeta._deprecations import (
    BY_INDEX,
    DICT_CONSTRUCTION,
    GROUPS_DICT,
    TUPLE_INTERFACE,
)

# entry_points() of the stdlib is a dict of groups before 3.12.
STDLIB_DICT = sys.version_info < (3, 12)
# EntryPoint is a namedtuple (3.8/3.9) or a DeprecatedTuple (3.10/3.11).
STDLIB_TUPLE_EP = sys.version_info < (3, 12)

ENTRY_POINTS = """\
[console_scripts]
old-tool = oldpkg.cli:main
[oldpkg.plugins]
first = oldpkg.plugins:first
second = oldpkg.plugins:second
"""


@pytest.fixture
def old_site(isolated_path):
    """sys.path holding one distribution with entry points in two groups."""
    build_tree(
        isolated_path,
        {
            "oldpkg-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: oldpkg\nVersion: 1.0\n",
                "entry_points.txt": ENTRY_POINTS,
                "top_level.txt": "oldpkg\n",
            },
            "hollow-1.0.dist-info": {"INSTALLER": "pip\n"},
        },
    )
    return isolated_path


def stdlib_quietly(call: Any) -> Any:
    """Call into the stdlib with its own deprecation warnings silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return call()


def triples(eps: Any) -> list[tuple[str, str, str]]:
    return [(ep.name, ep.value, ep.group) for ep in eps]


def test_get_gives_a_group_or_the_default_like_the_old_dict(old_site):
    """entry_points().get(group, []) of virtualenv and setuptools_scm on 3.8/3.9."""
    eps = pkgmeta.entry_points()
    with deprecated(match=r"entry_points\(group='oldpkg.plugins'\)"):
        found = eps.get("oldpkg.plugins", [])
    with deprecated(match=r"group='no.such.group'"):
        missing = eps.get("no.such.group", [])
    assert triples(found) == [
        ("first", "oldpkg.plugins:first", "oldpkg.plugins"),
        ("second", "oldpkg.plugins:second", "oldpkg.plugins"),
    ]
    assert missing == []
    if STDLIB_DICT:
        theirs = stdlib_quietly(stdlib.entry_points)
        assert triples(found) == triples(
            stdlib_quietly(lambda: theirs.get("oldpkg.plugins"))
        )
        assert stdlib_quietly(lambda: theirs.get("no.such.group", [])) == []


def test_a_group_by_subscript_like_the_old_dict(old_site):
    """entry_points()["console_scripts"], where no entry point has that name."""
    eps = pkgmeta.entry_points()
    with deprecated(match=r"entry_points\(group='console_scripts'\)"):
        scripts = eps["console_scripts"]
    assert triples(scripts) == [("old-tool", "oldpkg.cli:main", "console_scripts")]
    with pytest.raises(KeyError):
        eps["no.such.group"]
    if STDLIB_DICT:
        theirs = stdlib_quietly(stdlib.entry_points)
        assert triples(stdlib_quietly(lambda: theirs["console_scripts"])) == triples(
            scripts
        )


def test_an_entry_point_name_wins_over_a_group_of_that_name(isolated_path):
    """The newest meaning of eps[name] comes first; the group is the fallback."""
    build_tree(
        isolated_path,
        {
            "clash-1.0.dist-info": {
                "METADATA": "Name: clash\nVersion: 1.0\n",
                "entry_points.txt": "[tools]\nextra = x:y\n[extra]\nother = a:b\n",
            }
        },
    )
    eps = pkgmeta.entry_points()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert eps["extra"].value == "x:y"  # no warning: the newest shape


def test_values_and_items_are_the_sorted_groups(old_site):
    """The dict views of 3.8-3.11: groups sorted, each with its entry points."""
    eps = pkgmeta.entry_points()
    with deprecated(match=re.escape(GROUPS_DICT)):
        values = [triples(group) for group in eps.values()]
    with deprecated(match=r"select\(group=\.\.\.\)"):
        items = [(group, triples(found)) for group, found in eps.items()]
    assert [group for group, _ in items] == ["console_scripts", "oldpkg.plugins"]
    assert [found for _, found in items] == values
    assert not hasattr(eps, "keys")  # a conflict: dict(eps) maps names
    if STDLIB_DICT:
        theirs = stdlib_quietly(stdlib.entry_points)
        assert [
            (group, triples(found))
            for group, found in stdlib_quietly(lambda: list(theirs.items()))
        ] == items


def test_a_group_name_is_in_the_entry_points(old_site):
    """'group' in entry_points() asks for a group, as the dict's `in` did."""
    eps = pkgmeta.entry_points()
    with deprecated(match=r"in entry_points\(\)\.groups"):
        assert "console_scripts" in eps
    with deprecated(match=r"'no.such.group' in"):
        assert "no.such.group" not in eps
    assert next(iter(eps)) in eps  # an entry point: no warning (errors here)
    if STDLIB_DICT:
        assert stdlib_quietly(lambda: "console_scripts" in stdlib.entry_points())


def test_iteration_and_len_are_the_newest_shape(old_site):
    """A true conflict: iterating gives entry points, not groups (3.12+ and imd 5+)."""
    eps = pkgmeta.entry_points()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(eps) == 3
        assert all(isinstance(ep, pkgmeta.EntryPoint) for ep in eps)


def test_an_index_gives_the_entry_point_at_that_position(old_site):
    """dist.entry_points[0] of pipdeptree 2.x (3.8-3.11 accepted an int)."""
    dist = pkgmeta.distribution("oldpkg")
    with deprecated(match=re.escape(BY_INDEX)):
        first = dist.entry_points[0]
    assert first.name == "old-tool"
    if STDLIB_TUPLE_EP:
        theirs = stdlib_quietly(lambda: stdlib.distribution("oldpkg").entry_points[0])
        assert (theirs.name, theirs.value) == (first.name, first.value)


def test_the_tuple_interface_of_an_entry_point(old_site):
    """ep[0] and dict() of a list of entry points, the namedtuple shape of 3.8/3.9."""
    eps = pkgmeta.entry_points(group="oldpkg.plugins")
    ep = next(iter(eps))
    with deprecated(match=re.escape(TUPLE_INTERFACE)):
        assert (ep[0], ep[1], ep[2]) == (ep.name, ep.value, ep.group)
    with deprecated(match=r"\{ep\.name: ep for ep in"):
        by_name = dict(list(eps))
    assert by_name == {"first": ep, "second": eps["second"]}
    if STDLIB_TUPLE_EP:
        theirs = stdlib_quietly(
            lambda: dict(
                ep
                for ep in stdlib.distribution("oldpkg").entry_points
                if ep.group == "oldpkg.plugins"
            )
        )
        assert sorted(theirs) == sorted(by_name)


def test_dict_of_a_group_maps_names_like_the_old_tuples(old_site):
    """dict(entry_points()["group"]) and dict(entry_points(group=...)) of 3.8-3.11.

    The idiom of CPython's own 3.8-3.11 tests; it is why EntryPoints has no
    keys(): dict() would take it for a mapping of groups.
    """
    with deprecated(match=re.escape(DICT_CONSTRUCTION)):
        by_name = dict(pkgmeta.entry_points(group="oldpkg.plugins"))
    assert sorted(by_name) == ["first", "second"]
    with deprecated(match=re.escape(GROUPS_DICT)):
        scripts = pkgmeta.entry_points()["console_scripts"]
    with deprecated(match=re.escape(DICT_CONSTRUCTION)):
        assert sorted(dict(scripts)) == ["old-tool"]
    if STDLIB_DICT:
        theirs = stdlib_quietly(lambda: dict(stdlib.entry_points()["oldpkg.plugins"]))
        assert sorted(theirs) == sorted(by_name)


class OnlyReadText(pkgmeta.Distribution):
    """pip 24.x's WheelDistribution: read_text, but no locate_file."""

    def read_text(self, filename: str | os.PathLike[str]) -> str | None:
        if os.fspath(filename) == "METADATA":
            return "Name: wheelish\nVersion: 2.0\n"
        return None


def test_a_subclass_without_locate_file_works_with_a_warning():
    """Instantiated as 3.12/3.13 do, with their warning; locate_file then raises."""
    with deprecated(match="locate_file", since=(3, 12)):
        dist = OnlyReadText()  # type: ignore[abstract]
    assert (dist.name, dist.version) == ("wheelish", "2.0")
    with pytest.raises(NotImplementedError, match="OnlyReadText"):
        dist.locate_file("x")
    if sys.version_info >= (3, 12):

        class StdlibOnlyReadText(stdlib.Distribution):
            read_text = OnlyReadText.read_text

        with pytest.warns(DeprecationWarning, match="locate_file"):
            assert StdlibOnlyReadText().version == "2.0"


def test_a_subclass_that_implements_locate_file_later_does_not_warn():
    """A subclass of the lenient class that adds locate_file is a whole one."""

    class Whole(OnlyReadText):
        def locate_file(self, path: str | os.PathLike[str]) -> pkgmeta.SimplePath:
            import pathlib

            return pathlib.Path(path)

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert str(Whole().locate_file("a")) == "a"


def test_a_subclass_without_read_text_still_fails():
    """importlib_metadata 10.2's own tests require it: nothing to read from."""

    class OnlyLocateFile(pkgmeta.Distribution):
        def locate_file(self, path: str | os.PathLike[str]) -> pkgmeta.SimplePath:
            raise NotImplementedError

    with pytest.raises(TypeError):
        OnlyLocateFile()  # type: ignore[abstract]
    with pytest.raises(TypeError):
        type("Nothing", (pkgmeta.Distribution,), {})()


def test_empty_metadata_reads_as_empty(old_site):
    """ "Name" in dist.metadata is false (pipdeptree 2.x), as on every stdlib."""
    (hollow,) = pkgmeta.distributions(name="hollow")
    meta = hollow.metadata
    assert "Name" not in meta
    assert meta.get("Version", "?") == "?"
    with pytest.raises(pkgmeta.MetadataNotFound, match=r"hollow-1\.0\.dist-info"):
        meta["Name"]
    (theirs,) = stdlib.distributions(name="hollow")
    assert "Name" not in theirs.metadata


def test_the_functional_api_uses_a_monkeypatched_distribution_class(
    old_site, monkeypatch
):
    """build's tests patch importlib.metadata.Distribution; the functions see it."""
    fake = mock.Mock()
    fake.from_name.return_value.version = "9.9"
    fake.from_name.return_value.metadata = {"Name": "faked"}
    monkeypatch.setattr(pkgmeta, "Distribution", fake)
    assert pkgmeta.version("anything") == "9.9"
    assert pkgmeta.metadata("anything") == {"Name": "faked"}
    assert pkgmeta.distribution("anything") is fake.from_name.return_value
    fake.discover.return_value = iter(())
    assert list(pkgmeta.distributions()) == []


def test_the_functional_api_uses_a_monkeypatched_distributions(old_site, monkeypatch):
    """entry_points() and packages_distributions() ask the patched function."""
    assert len(pkgmeta.entry_points(group="console_scripts")) == 1
    with monkeypatch.context() as patch:
        patch.setattr(pkgmeta, "distributions", lambda **kwargs: iter(()))
        assert len(pkgmeta.entry_points(group="console_scripts")) == 0
        assert pkgmeta.packages_distributions() == {}
    assert len(pkgmeta.entry_points(group="console_scripts")) == 1
    assert pkgmeta.packages_distributions() == {"oldpkg": ["oldpkg"]}


def test_a_monkeypatched_distribution_function_serves_version(monkeypatch):
    """version(), files() and requires() look the package's distribution() up."""
    fake = mock.Mock()
    fake.return_value.version = "3.3"
    fake.return_value.files = None
    fake.return_value.requires = ["x"]
    monkeypatch.setattr(pkgmeta, "distribution", fake)
    assert pkgmeta.version("a") == "3.3"
    assert pkgmeta.files("a") is None
    assert pkgmeta.requires("a") == ["x"]
