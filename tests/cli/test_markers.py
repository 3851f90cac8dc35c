"""``_inspect.markers``: which requirements hold here, and who requires whom."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from packaging.markers import Marker
from packaging.requirements import Requirement as PackagingRequirement

import pkgmeta
from helpers import build_tree, needs_subprocess
from pkgmeta._inspect import markers
from pkgmeta._inspect.markers import (
    InvalidRequirement,
    applicable_requirements,
    marker_applies,
    parse_requirement,
    required_by,
)

from .trees import installed, metadata


@pytest.fixture
def no_packaging(monkeypatch):
    """Markers cannot be evaluated, as where packaging is not installed."""
    monkeypatch.setattr(markers, "_MARKER_TYPE", [None])


@pytest.mark.parametrize(
    ("text", "name", "extras", "marker"),
    [
        ("six", "six", (), None),
        ("Foo.Bar [x, y] >=1,<2", "Foo.Bar", ("x", "y"), None),
        ('rich; extra == "pretty"', "rich", (), 'extra == "pretty"'),
        ("a>=1 ; python_version<'3.9'", "a", (), "python_version<'3.9'"),
        ("pkg @ https://h.example/p;v=1.whl", "pkg", (), None),
        (
            "pkg @ https://h.example/p;v=1.whl ; os_name == 'nt'",
            "pkg",
            (),
            "os_name == 'nt'",
        ),
    ],
    ids=["bare", "extras", "marker", "tight", "url", "url-marker"],
)
def test_parse_requirement_splits_the_outline(text, name, extras, marker):
    """Name, extras and marker come apart; a URL keeps its own semicolons."""
    requirement = parse_requirement(text)
    assert (requirement.name, requirement.extras, requirement.marker) == (
        name,
        extras,
        marker,
    )
    assert requirement.key == pkgmeta._names.normalize(name)


@pytest.mark.parametrize("text", ["", ">=1", "[x] foo", "-dash"])
def test_parse_requirement_refuses_what_names_no_project(text):
    """A string that does not start with a name is invalid, naming the string."""
    with pytest.raises(InvalidRequirement, match="no project name"):
        parse_requirement(text)


_names = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9._-]{0,8}[A-Za-z0-9])?", fullmatch=True)
_markers = st.sampled_from(
    [
        None,
        'python_version < "3"',
        "extra == 'x'",
        'os_name == "posix" and extra == "test"',
        '(sys_platform == "win32" or python_version >= "3.8")',
    ]
)


@given(
    name=_names,
    extras=st.lists(_names, max_size=2, unique=True),
    spec=st.sampled_from(["", ">=1", "==2.*,!=2.1", "~=1.0"]),
    marker=_markers,
)
def test_parse_requirement_agrees_with_packaging(name, extras, spec, marker):
    """On valid PEP 508 strings, the outline is the one packaging parses."""
    text = name + (f"[{','.join(extras)}]" if extras else "") + spec
    if marker is not None:
        text += f"; {marker}"
    ours = parse_requirement(text)
    theirs = PackagingRequirement(text)
    assert ours.name == theirs.name
    assert set(ours.extras) == theirs.extras
    assert (ours.marker is None) == (theirs.marker is None)
    assert ours.without_marker == text.partition(";")[0].strip()


@pytest.mark.parametrize(
    ("marker", "extras", "holds"),
    [
        ('python_version < "3"', (), False),
        ('python_version >= "3"', (), True),
        ('extra == "x"', (), False),
        ('extra == "x"', ("X",), True),
        ('python_version >= "3" and extra == "x"', (), False),
        ('python_version >= "3" and extra == "x"', ("x",), True),
        ('extra == "x" or python_version >= "3"', (), True),
    ],
)
def test_applies_evaluates_the_marker_here(marker, extras, holds):
    """Markers are judged for this interpreter and the extras asked for."""
    assert parse_requirement(f"dep; {marker}").applies(extras) is holds


def test_an_invalid_marker_is_an_invalid_requirement():
    """packaging's refusal becomes InvalidRequirement, naming the string."""
    with pytest.raises(InvalidRequirement, match="dep; python_version"):
        parse_requirement("dep; python_version <").applies()


def test_without_packaging_markers_are_unjudged_but_extras_still_decide(no_packaging):
    """No packaging: a marker gives None, unless an extra not asked for decides."""
    other = parse_requirement('dep; python_version < "3"')
    assert (other.applies(), other.evaluated) == (None, False)
    optional = parse_requirement('dep; sys_platform == "x" and extra == "test"')
    assert (optional.applies(), optional.evaluated) == (False, True)
    assert parse_requirement("dep").evaluated


def test_applicable_requirements_keeps_what_holds_in_order(site):
    """Extras not asked for and false markers drop out; invalid ones are reported."""
    meta = metadata(
        "app",
        "1",
        "Requires-Dist: first>=1",
        'Requires-Dist: never; python_version < "3"',
        'Requires-Dist: opt; extra == "fast"',
        "Requires-Dist: ???",
        "Requires-Dist: last",
    )
    build_tree(site, installed("app", "1", meta=meta))
    (dist,) = pkgmeta.distributions(path=[str(site)])
    invalid: list[InvalidRequirement] = []
    chosen = applicable_requirements(dist, on_invalid=invalid.append)
    assert [r.name for r in chosen] == ["first", "last"]
    assert [str(exc) for exc in invalid] == ["'???': no project name at its start"]
    with_extra = applicable_requirements(dist, extras=["Fast"])
    assert [r.name for r in with_extra] == ["first", "opt", "last"]


def test_applicable_requirements_keep_unjudged_markers(site, no_packaging):
    """Without packaging, a requirement under another marker counts, unevaluated."""
    meta = metadata("app", "1", 'Requires-Dist: never; python_version < "3"')
    build_tree(site, installed("app", "1", meta=meta))
    (dist,) = pkgmeta.distributions(path=[str(site)])
    (kept,) = applicable_requirements(dist)
    assert (kept.name, kept.evaluated) == ("never", False)


@pytest.fixture
def dependents(site):
    """`target` and the distributions that name it in every way."""
    build_tree(site, installed("target", "1"))
    for name, requirement in [
        ("plain", "Target>=1"),
        ("spelled", "TARGET[extra]"),
        ("py2only", 'target; python_version < "3"'),
        ("optional", 'target; extra == "t"'),
        ("unrelated", "targetx"),
    ]:
        meta = metadata(name, "1", f"Requires-Dist: {requirement}")
        build_tree(site, installed(name, "1", meta=meta))
    build_tree(site, {"broken-1.dist-info": {"METADATA": b"Name: \xff\n"}})
    return site


def test_required_by_counts_only_requirements_that_hold(dependents):
    """Markers of the requirer are evaluated; names compare normalized."""
    skipped: list[str] = []
    found = required_by(
        "TARGET",
        pkgmeta.distributions(path=[str(dependents)]),
        on_skip=lambda dist, exc: skipped.append(str(dist)),
    )
    assert [(name, req.text) for name, req in found] == [
        ("plain", "Target>=1"),
        ("spelled", "TARGET[extra]"),
    ]
    assert skipped == [str(dependents / "broken-1.dist-info")]


def test_required_by_without_packaging_counts_unjudged_markers(
    dependents, no_packaging
):
    """A marker that cannot be judged counts, flagged; an extra still decides."""
    found = required_by("target", pkgmeta.distributions(path=[str(dependents)]))
    assert [(name, req.evaluated) for name, req in found] == [
        ("plain", True),
        ("py2only", False),
        ("spelled", True),
    ]


_PROBE = """
import sys
import pkgmeta
from pkgmeta._inspect.markers import applicable_requirements, required_by
dist = pkgmeta.distribution("app")
applicable_requirements(dist)
required_by("dep", pkgmeta.distributions())
print("packaging" in sys.modules)
"""


@needs_subprocess
def test_extras_and_plain_requirements_need_no_packaging(tmp_path):
    """packaging (~20 ms) is imported only for a marker no shortcut decides."""
    meta = metadata(
        "app",
        "1",
        "Requires-Dist: dep>=1",
        'Requires-Dist: opt; extra == "x"',
        'Requires-Dist: opt2; python_version > "3" and extra == "y"',
    )
    build_tree(tmp_path, installed("app", "1", meta=meta))
    source = os.path.dirname(os.path.dirname(pkgmeta.__file__))
    output = subprocess.check_output(
        [sys.executable, "-c", _PROBE],
        text=True,
        env=dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), source])),
    )
    assert output.strip() == "False"


@pytest.mark.parametrize(
    ("marker", "extras", "holds"),
    [
        ('extra == "Fast_Path"', ("fast.path",), True),
        ('extra == "fast-path"', ("FAST_PATH",), True),
        ('extra == "Fast_Path" or python_version < "3"', ("fast-path",), True),
        ('extra == "Fast_Path" or python_version < "3"', ("fast",), False),
        ('python_version >= "3" and extra == "x"', ("X",), True),
    ],
)
def test_marker_applies_compares_extras_normalized(marker, extras, holds):
    """PEP 685, one rule for show's text and the engine's parsed marker."""
    assert marker_applies(marker, extras) is holds
    assert marker_applies(Marker(marker), extras) is holds


def test_an_extra_not_asked_decides_a_chain_it_cannot_evaluate():
    """`X and extra == "t"` is false without "t", even where X has no rule."""
    marker = 'python_version ~= "x" and extra == "t"'
    assert marker_applies(marker) is False
    assert marker_applies(Marker(marker)) is False
    with pytest.raises(InvalidRequirement, match="Undefined"):
        marker_applies(Marker(marker), ["t"])
