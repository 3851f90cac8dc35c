"""`pkgmeta list --format freeze`, `--editable` and `--not-required`."""

from __future__ import annotations

import json

import pytest

from helpers import build_tree
from pkgmeta._cli.environment import file_url_path

from .envs import dist, without_packaging
from .trees import installed


def origin(site, name: str, version: str, direct_url: dict) -> None:
    """Install *name* with a ``direct_url.json`` of *direct_url*."""
    info = {"direct_url.json": json.dumps(direct_url)}
    build_tree(site, installed(name, version, info=info))


@pytest.fixture
def mixed(site):
    """One of each kind of install pip freeze tells apart."""
    dist(site, "plain", "1.0")
    origin(site, "mine", "0.1.dev0", {"url": "file:///src/my%20proj",
                                      "dir_info": {"editable": True}})  # fmt: skip
    origin(site, "local", "2", {"url": "file:///src/local", "dir_info": {}})
    origin(
        site,
        "fromgit",
        "3",
        {
            "url": "https://example.com/repo.git",
            "vcs_info": {"vcs": "git", "commit_id": "abc123"},
            "subdirectory": "pkg",
        },
    )
    origin(
        site,
        "wheelurl",
        "4",
        {"url": "https://example.com/w-4-py3-none-any.whl", "archive_info": {}},
    )
    return site


def test_list_freeze_writes_what_pip_freeze_would(cli, mixed):
    """`name==version`, `-e DIR` for editables, `name @ URL` for direct URLs."""
    run = cli("list", "--format", "freeze", "--path", str(mixed))
    assert run.code == 0
    assert run.lines() == [
        "fromgit @ git+https://example.com/repo.git@abc123#subdirectory=pkg",
        "local @ file:///src/local",
        "-e /src/my proj",
        "plain==1.0",
        "wheelurl @ https://example.com/w-4-py3-none-any.whl",
    ]


def test_list_editable_shows_only_editables_with_their_project(cli, mixed):
    """`--editable` keeps editable installs and shows where the project is."""
    run = cli("list", "--editable", "--path", str(mixed))
    assert [line.split(None, 2) for line in run.lines()] == [
        ["Name", "Version", "Editable project location"],
        ["----", "--------", "-------------------------"],
        ["mine", "0.1.dev0", "/src/my proj"],
    ]
    rows = cli("list", "--editable", "--json", "--path", str(mixed)).json()
    assert [row["editable_project_location"] for row in rows["distributions"]] == [
        "/src/my proj"
    ]


def test_list_ignores_a_broken_direct_url_with_a_warning(cli, site):
    """A direct_url.json that is no JSON object: not editable, one warning."""
    build_tree(site, installed("odd", "1", info={"direct_url.json": "[1]"}))
    run = cli("list", "--format", "freeze", "--path", str(site))
    assert (run.code, run.lines()) == (0, ["odd==1"])
    assert run.err.startswith("pkgmeta: ignored the direct_url.json of ")


def test_list_not_required_leaves_out_what_others_require(cli, site):
    """Only distributions no other one requires, here, with extras followed."""
    dist(site, "app", "1", "lib[fast]", "legacy; python_version < '3'")
    dist(site, "lib", "1", "turbo; extra == 'fast'", "slow; extra == 'other'")
    dist(site, "turbo", "1")
    dist(site, "slow", "1")
    dist(site, "legacy", "1")
    dist(site, "selfish", "1", "selfish[x]")
    run = cli("list", "--not-required", "--json", "--path", str(site))
    names = [row["name"] for row in run.json()["distributions"]]
    assert names == ["app", "legacy", "selfish", "slow"]


def test_list_not_required_without_packaging_exits_2(cli, site, monkeypatch):
    """The one listing that evaluates requirements needs packaging."""
    without_packaging(monkeypatch)
    run = cli("list", "--not-required", "--path", str(site))
    assert run.code == 2
    assert run.err.startswith("pkgmeta: list --not-required: this command needs ")
    assert cli("list", "--path", str(site)).code == 0


def test_list_json_and_freeze_exclude_each_other(cli, site):
    """Two output formats at once is a usage error."""
    run = cli("list", "--json", "--format", "freeze", "--path", str(site))
    assert (run.code, run.out) == (2, "")


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("file:///src/a%20b", "/src/a b"),
        ("file://localhost/src/x", "/src/x"),
        ("file://elsewhere/src/x", "file://elsewhere/src/x"),
        ("https://example.com/x", "https://example.com/x"),
    ],
)
def test_file_urls_become_paths(url, path):
    """Only local file: URLs are turned into paths."""
    assert file_url_path(url) == path
