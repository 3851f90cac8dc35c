"""`pkgmeta which` for namespace packages and editable installs."""

from __future__ import annotations

import pytest

from helpers import build_tree

from .trees import installed


@pytest.fixture
def namespace(site_dir):
    """Three distributions sharing the namespace ``nsx`` (no ``__init__``),
    one of which also adds a plugin file to the regular package ``ownpkg``."""
    for portion in ("alpha", "beta"):
        files = {
            f"nsx/{portion}/__init__.py": "",
            f"nsx/{portion}/core.py": "",
            f"nsx/{portion}/static/app.js": "",
        }
        build_tree(site_dir, installed(f"nsx-{portion}", "1.0", files))
    build_tree(
        site_dir,
        installed("nsx-gamma", "2.0", {"nsx/gamma.py": "", "ownpkg/plugins/g.py": ""}),
    )
    build_tree(site_dir, installed("ownpkg", "3", {"ownpkg/__init__.py": ""}))
    return site_dir


def test_which_calls_a_shared_namespace_a_namespace(cli, namespace):
    """The namespace itself: every portion's distribution, with what it adds."""
    run = cli("which", "nsx")
    assert run.code == 0
    assert run.lines()[0] == (
        "nsx is a namespace package: 3 distributions provide portions of it"
    )
    rows = [line.split()[:3] for line in run.lines()[3:]]
    assert sorted(rows) == [
        ["nsx-alpha", "1.0", "nsx.alpha"],
        ["nsx-beta", "1.0", "nsx.beta"],
        ["nsx-gamma", "2.0", "nsx.gamma"],
    ]
    document = cli("which", "nsx", "--json").json()
    assert (document["module"], document["namespace"]) == ("nsx", True)
    assert {row["found_by"] for row in document["distributions"]} == {"RECORD"}


@pytest.mark.parametrize(
    ("module", "provider", "resolved"),
    [
        ("nsx.beta", "nsx-beta", "nsx.beta"),
        ("nsx.beta.core", "nsx-beta", "nsx.beta.core"),
        ("nsx.beta.core.attribute", "nsx-beta", "nsx.beta.core"),
        ("nsx.gamma", "nsx-gamma", "nsx.gamma"),
        ("ownpkg", "ownpkg", "ownpkg"),
        ("ownpkg.plugins.g", "nsx-gamma", "ownpkg.plugins.g"),
    ],
)
def test_which_names_only_the_provider_of_a_portion(
    cli, namespace, module, provider, resolved
):
    """A dotted name is followed as deep as the file lists go."""
    document = cli("which", module, "--json").json()
    assert document["module"] == resolved
    assert document["namespace"] is False
    assert [row["name"] for row in document["distributions"]] == [provider]


def test_which_finds_a_module_of_an_editable_pth_install(cli, site_dir, tmp_path):
    """A .pth path (hatchling, flit, setuptools' compat mode): the project's
    modules are found where it points, not in RECORD."""
    source = tmp_path / "project" / "src"
    build_tree(source, {"edmod": {"__init__.py": "", "sub.py": ""}})
    build_tree(site_dir, installed("edmod", "0.1", {"_edmod.pth": f"{source}\n"}))
    document = cli("which", "edmod.sub", "--json").json()
    assert document["module"] == "edmod.sub"
    (row,) = document["distributions"]
    assert (row["name"], row["found_by"]) == ("edmod", ".pth")
    assert row["path"] == str(source / "edmod" / "sub.py")


def test_which_finds_a_module_of_a_setuptools_editable_finder(cli, site_dir, tmp_path):
    """setuptools' __editable__ finder: its MAPPING is read, never imported."""
    project = tmp_path / "project"
    build_tree(project, {"finmod": {"__init__.py": "", "deep": {"x.py": ""}}})
    finder = (
        "import sys\n"
        "raise SystemExit('must not run')\n"
        f"MAPPING: dict[str, str] = {{'finmod': {str(project / 'finmod')!r}}}\n"
        "NAMESPACES: dict[str, list[str]] = {}\n"
    )
    build_tree(
        site_dir,
        installed(
            "fin",
            "1.0",
            {
                "__editable__.fin-1.0.pth": "import __editable___fin_1_0_finder; "
                "__editable___fin_1_0_finder.install()\n",
                "__editable___fin_1_0_finder.py": finder,
            },
        ),
    )
    for module, resolved in [("finmod", "finmod"), ("finmod.deep.x", "finmod.deep.x")]:
        document = cli("which", module, "--json").json()
        assert document["module"] == resolved
        (row,) = document["distributions"]
        assert (row["name"], row["found_by"]) == ("fin", "editable finder")


def test_which_of_an_editable_install_without_evidence_still_fails(cli, site_dir):
    """A .pth pointing nowhere gives no answer rather than a wrong one."""
    build_tree(site_dir, installed("ghostly", "1", {"_g.pth": "/no/such/dir\n"}))
    run = cli("which", "ghostmod")
    assert run.code == 1
