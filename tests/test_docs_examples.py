"""The recipes of docs/migrating-from-pkg-resources.md run and do what it says."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from helpers import build_tree
from pkgmeta import distribution, distributions

pytest.importorskip("packaging")  # the recipes use it, as the page says

PAGE = (
    Path(__file__).resolve().parent.parent / "docs" / "migrating-from-pkg-resources.md"
)
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def recipe(defines: str) -> str:
    """Return the page's one ``python`` block holding *defines*."""
    (found,) = [
        block for block in BLOCK.findall(PAGE.read_text("utf-8")) if defines in block
    ]
    return found


def run(source: str) -> dict[str, object]:
    """Run a recipe as a reader would paste it; return its globals."""
    namespace: dict[str, object] = {"__name__": "recipe"}
    exec(compile(source, str(PAGE), "exec"), namespace)
    return namespace


def metadata(name: str, version: str, *requires: str) -> str:
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    return "\n".join([*lines, *(f"Requires-Dist: {req}" for req in requires)]) + "\n"


@pytest.fixture
def site(tmp_path, monkeypatch):
    """Two site directories: x 1.2 shadows x 0.9; a broken directory first.

    first/
        broken-1.0.dist-info/           (no METADATA)
        x-1.2.dist-info/METADATA        requires y>=1, PySocks for [socks]
        zope.interface-6.0.dist-info/METADATA
    second/
        x-0.9.dist-info/METADATA
    """
    build_tree(
        tmp_path,
        {
            "first": {
                "broken-1.0.dist-info": {},
                "x-1.2.dist-info": {
                    "METADATA": metadata(
                        "x", "1.2", "y>=1", 'PySocks>=1.5; extra == "socks"'
                    )
                },
                "zope.interface-6.0.dist-info": {
                    "METADATA": metadata("zope.interface", "6.0")
                },
            },
            "second": {"x-0.9.dist-info": {"METADATA": metadata("x", "0.9")}},
        },
    )
    monkeypatch.setattr(
        sys, "path", [str(tmp_path / "first"), str(tmp_path / "second")]
    )
    return tmp_path


def test_requirements_recipe_evaluates_the_extras(site):
    """``requirements()`` keeps the plain requirements and those of the extras asked."""
    requirements = run(recipe("def requirements("))["requirements"]
    assert [str(req) for req in requirements("x")] == ["y>=1"]
    assert [req.name for req in requirements("x", extras=("socks",))] == [
        "y",
        "PySocks",
    ]


def test_working_set_recipe_gives_one_per_project_first_wins(site):
    """``working_set()`` drops the shadowed copy and the directory without metadata."""
    found = run(recipe("def working_set("))["working_set"]()
    ours = {
        dist.metadata["Name"]: dist.version
        for dist in found
        if dist.metadata["Name"] in ("x", "zope.interface", "broken")
    }
    assert ours == {"x": "1.2", "zope.interface": "6.0"}
    # what the page warns about: distributions() alone yields both copies
    assert sorted(
        d.version for d in distributions() if d.metadata.get("Name") == "x"
    ) == ["0.9", "1.2"]


def test_require_recipe_checks_the_version(site):
    """The ``require()`` check passes for an installed match and raises otherwise."""
    source = recipe('Requirement("x>=1")')
    run(source)
    with pytest.raises(RuntimeError, match=r"x 1\.2 does not satisfy x>=2"):
        run(source.replace('"x>=1"', '"x>=2"'))


def test_key_and_location_as_the_page_says(site):
    """The normalized name and ``str(locate_file(""))`` are what the page says."""
    dist = distribution("zope.interface")
    assert re.sub(r"[-_.]+", "-", dist.name).lower() == "zope-interface"
    location = dist.locate_file("")
    assert not isinstance(location, str)
    assert str(location) == str(site / "first")
