"""`pkgmeta tree`: the requirements among installed distributions, drawn."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import build_tree, needs_subprocess

from .envs import dist, without_packaging


@pytest.fixture
def web(site):
    """``app`` needs ``web[secure]``; ``web`` needs ``idna``, and ``crypto``
    only for the ``secure`` extra, ``brotli`` only for ``fast``; ``idna`` is
    old and ``missing`` is not installed."""
    dist(site, "app", "1.0", "web[secure]>=2", "missing; extra == 'cli'")
    dist(
        site,
        "Web",
        "2.31.0",
        "idna<4,>=2.5",
        "crypto>=1; extra == 'secure'",
        "brotli; extra == 'fast'",
        "nowhere; python_version < '3'",
    )
    dist(site, "idna", "3.6")
    dist(site, "crypto", "42.0")
    dist(site, "brotli", "1.1")
    return site


def test_tree_draws_top_level_distributions_with_what_they_need(cli, web):
    """Roots are those nobody requires; extras asked of a dependency apply to it."""
    run = cli("tree", "--path", str(web))
    assert run.code == 0
    assert run.lines() == [
        "app==1.0",
        "└── Web[secure] [required: >=2, installed: 2.31.0]",
        "    ├── crypto [required: >=1, installed: 42.0]",
        "    └── idna [required: <4,>=2.5, installed: 3.6]",
        "brotli==1.1",
    ]
    assert run.err == ""


def test_tree_of_a_name_starts_there_and_marks_what_is_missing(cli, web):
    """NAME picks the root (any spelling); a missing dependency says so."""
    dist(web, "tool", "0.1", "missing>=1", "idna")
    run = cli("tree", "TOOL", "web", "--path", str(web))
    assert run.lines() == [
        "tool==0.1",
        "├── idna [required: Any, installed: 3.6]",
        "└── missing [required: >=1, not installed]",
        "Web==2.31.0",
        "└── idna [required: <4,>=2.5, installed: 3.6]",
    ]


def test_tree_depth_limits_the_levels_below_each_root(cli, web):
    """`--depth 0` prints the roots only, `--depth 1` their direct requirements."""
    assert cli("tree", "--depth", "0", "--path", str(web)).lines() == [
        "app==1.0",
        "brotli==1.1",
    ]
    assert cli("tree", "app", "--depth", "1", "--path", str(web)).lines() == [
        "app==1.0",
        "└── Web[secure] [required: >=2, installed: 2.31.0]",
    ]


def test_tree_negative_depth_is_a_usage_error(cli, web):
    """A depth below 0 means nothing: exit 2."""
    run = cli("tree", "--depth", "-1", "--path", str(web))
    assert (run.code, run.err) == (2, "pkgmeta: --depth must be 0 or more\n")


def test_tree_reverse_shows_who_requires_each(cli, web):
    """Reversed, the roots require nothing installed; below are their requirers."""
    run = cli("tree", "--reverse", "--path", str(web))
    assert run.lines() == [
        "brotli==1.1",
        "crypto==42.0",
        "└── Web==2.31.0 [requires: crypto>=1]",
        "    └── app==1.0 [requires: web[secure]>=2]",
        "idna==3.6",
        "└── Web==2.31.0 [requires: idna<4,>=2.5]",
        "    └── app==1.0 [requires: web[secure]>=2]",
    ]


def test_tree_cuts_a_cycle_and_still_draws_it(cli, site):
    """Two distributions requiring each other are drawn once, the loop marked."""
    dist(site, "hen", "1", "egg>=1")
    dist(site, "egg", "1", "hen")
    assert cli("tree", "--path", str(site)).lines() == [
        "egg==1",
        "└── hen [required: Any, installed: 1]",
        "    └── egg [required: >=1, installed: 1] (cycle)",
    ]


def test_tree_json_nests_dependencies(cli, web):
    """JSON nodes carry name, version, required, installed and dependencies."""
    document = cli("tree", "app", "--json", "--path", str(web)).json()
    assert document["skipped"] == []
    (app,) = document["distributions"]
    assert {k: v for k, v in app.items() if k != "dependencies"} == {
        "name": "app",
        "version": "1.0",
        "extras": [],
        "required": None,
        "installed": "1.0",
        "cycle": False,
    }
    (web_node,) = app["dependencies"]
    assert (web_node["name"], web_node["extras"], web_node["required"]) == (
        "Web",
        ["secure"],
        ">=2",
    )
    assert [(d["name"], d["installed"]) for d in web_node["dependencies"]] == [
        ("crypto", "42.0"),
        ("idna", "3.6"),
    ]


def test_tree_json_of_a_missing_dependency_has_null_versions(cli, site):
    """A requirement nobody installed gives version and installed null."""
    dist(site, "lonely", "1", "ghost~=2.0")
    (root,) = cli("tree", "--json", "--path", str(site)).json()["distributions"]
    assert root["dependencies"] == [
        {
            "name": "ghost",
            "version": None,
            "extras": [],
            "required": "~=2.0",
            "installed": None,
            "cycle": False,
            "dependencies": [],
        }
    ]


def test_tree_of_an_unknown_name_exits_1(cli, web):
    """An unknown NAME: one line on stderr, or the not-found document."""
    run = cli("tree", "nope", "--path", str(web))
    assert (run.code, run.out) == (1, "")
    assert run.err.startswith("pkgmeta: ")
    document = cli("tree", "nope", "--json", "--path", str(web))
    assert document.code == 1
    assert document.json()["error"] == "not-found"
    assert document.json()["name"] == "nope"


def test_tree_reports_skipped_distributions(cli, web):
    """Unreadable metadata is skipped: a note on stderr, a row in the JSON."""
    build_tree(web, {"anon-1.dist-info": {"METADATA": "Version: 1\n"}})
    run = cli("tree", "--path", str(web))
    assert run.code == 0
    assert run.err.startswith("pkgmeta: skipped ")
    assert "Name not present" in run.err
    (skip,) = cli("tree", "--json", "--path", str(web)).json()["skipped"]
    assert skip["path"].endswith("anon-1.dist-info")
    assert "Name not present" in skip["reason"]


def test_tree_draws_in_ascii_where_the_terminal_cannot(cli, web, monkeypatch):
    """A terminal without box-drawing characters gets ASCII branches."""
    import io

    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr("sys.stdout", stream)
    assert cli("tree", "app", "--depth", "1", "--path", str(web)).code == 0
    stream.seek(0)
    assert stream.read().splitlines()[1] == (
        "`-- Web[secure] [required: >=2, installed: 2.31.0]"
    )


def test_tree_without_packaging_says_how_to_install_it(cli, web, monkeypatch):
    """No packaging: one line naming the extra, exit 2."""
    without_packaging(monkeypatch)
    run = cli("tree", "--path", str(web))
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        "pkgmeta: tree: this command needs the 'packaging' library: "
        "python -m pip install 'python-pkgmeta[cli]'\n"
    )


@needs_subprocess
def test_tree_in_a_fresh_process_without_packaging(web):
    """The same in a process where packaging cannot be imported at all."""
    code = (
        "import sys; sys.modules['packaging'] = None\n"
        "from pkgmeta._cli import main\n"
        f"sys.exit(main(['tree', '--path', {str(web)!r}]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "python-pkgmeta[cli]" in done.stderr
    assert "Traceback" not in done.stderr
