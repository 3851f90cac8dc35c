"""Kept results of entry_points() and packages_distributions(): reuse, freshness."""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import pathlib
import sys

import pytest

import pkgmeta
from helpers import INVALIDATIONS, build_tree

PLUGIN = "[demo.plugins]\n{name} = {name}.plugin:Plugin\n"


def plugin_dist(name: str) -> dict:
    """A dist-info declaring one ``demo.plugins`` entry point and one package."""
    return {
        f"{name}-1.0.dist-info": {
            "METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n",
            "entry_points.txt": PLUGIN.format(name=name),
            "top_level.txt": f"{name}\n",
        }
    }


def plugin_names() -> list[str]:
    return sorted(pkgmeta.entry_points(group="demo.plugins").names)


def keep_mtime(directory: os.PathLike[str]) -> int:
    return os.stat(directory).st_mtime_ns


def test_repeated_calls_reuse_the_collected_entry_points(site_dir):
    """A second identical call returns the very same (immutable) result."""
    build_tree(site_dir, plugin_dist("first"))
    assert pkgmeta.entry_points(group="demo.plugins") is pkgmeta.entry_points(
        group="demo.plugins"
    )
    assert pkgmeta.entry_points() is pkgmeta.entry_points()


def test_selection_by_group_matches_a_plain_select(site_dir):
    """The by-group view answers exactly what ``select(group=...)`` would."""
    build_tree(site_dir, {**plugin_dist("first"), **plugin_dist("second")})
    everything = pkgmeta.entry_points()
    for group in [*everything.groups, "no.such.group"]:
        assert pkgmeta.entry_points(group=group) == everything.select(group=group)
    assert pkgmeta.entry_points(group="no.such.group") == pkgmeta.EntryPoints(())


def test_new_install_is_seen_by_the_next_entry_points_call(site_dir):
    """A distribution installed between calls (new mtime) shows up."""
    build_tree(site_dir, plugin_dist("first"))
    assert plugin_names() == ["first"]
    build_tree(site_dir, plugin_dist("second"))
    os.utime(site_dir, ns=(0, 10**18))  # a new mtime even on coarse clocks
    assert plugin_names() == ["first", "second"]


def test_uninstall_is_seen_by_the_next_packages_distributions_call(site_dir):
    """Removing a metadata directory (new mtime) drops its packages."""
    build_tree(site_dir, {**plugin_dist("first"), **plugin_dist("second")})
    assert pkgmeta.packages_distributions()["second"] == ["second"]
    info = site_dir / "second-1.0.dist-info"
    for child in info.iterdir():
        child.unlink()
    info.rmdir()
    os.utime(site_dir, ns=(0, 10**18))
    assert "second" not in pkgmeta.packages_distributions()


def test_sys_path_change_is_seen_by_the_next_call(site_dir, tmp_path, monkeypatch):
    """A directory put on sys.path between calls contributes at once."""
    build_tree(site_dir, plugin_dist("first"))
    assert plugin_names() == ["first"]
    other = tmp_path / "other"
    build_tree(other, plugin_dist("second"))
    monkeypatch.syspath_prepend(str(other))
    assert plugin_names() == ["first", "second"]
    monkeypatch.undo()
    assert "second" not in plugin_names()


@pytest.mark.parametrize("invalidate", INVALIDATIONS)
def test_invalidation_makes_an_in_place_edit_visible(site_dir, invalidate):
    """An entry_points.txt rewritten in place is read again after invalidation."""
    build_tree(site_dir, plugin_dist("first"))
    mtime = keep_mtime(site_dir)
    assert plugin_names() == ["first"]
    entry_points_txt = site_dir / "first-1.0.dist-info" / "entry_points.txt"
    entry_points_txt.write_text(PLUGIN.format(name="renamed"), encoding="utf-8")
    os.utime(site_dir, ns=(mtime, mtime))
    assert plugin_names() == ["first"]  # documented: kept until invalidated
    invalidate()
    assert plugin_names() == ["renamed"]


def test_packages_distributions_returns_an_independent_copy(site_dir):
    """Mutating a returned mapping does not change the next call's answer."""
    build_tree(site_dir, plugin_dist("first"))
    providers = pkgmeta.packages_distributions()
    providers["first"].append("intruder")
    providers["invented"] = ["x"]
    again = pkgmeta.packages_distributions()
    assert again["first"] == ["first"]
    assert "invented" not in again


class CountingFinder(importlib.metadata.DistributionFinder):
    """A foreign finder whose answer changes on every call."""

    def __init__(self, site: str) -> None:
        self.site = site
        self.calls = 0

    def find_spec(self, *args: object) -> None:
        return None

    def find_distributions(self, context=None):
        self.calls += 1
        name = f"dynamic{self.calls}"
        directory = os.path.join(self.site, f"{name}-1.0.dist-info")
        build_tree(self.site, plugin_dist(name))
        yield importlib.metadata.PathDistribution(pathlib.Path(directory))


def test_a_foreign_finder_is_asked_on_every_call(tmp_path, monkeypatch):
    """Nothing is kept while a finder other than the path finder takes part."""
    finder = CountingFinder(str(tmp_path))
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, finder])
    first = plugin_names()
    second = plugin_names()
    assert "dynamic1" in first
    assert "dynamic2" in second
    assert finder.calls == 2
