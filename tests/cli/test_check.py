"""`pkgmeta check`: the requirements installed distributions do not meet."""

from __future__ import annotations

from helpers import build_tree

from .envs import dist, without_packaging
from .trees import installed, metadata


def test_check_of_a_sound_environment_says_so(cli, site):
    """Every requirement met: pip's sentence, exit 0."""
    dist(site, "app", "1.0", "lib>=1", "ghost; python_version < '3'")
    dist(site, "lib", "1.2")
    run = cli("check", "--path", str(site))
    assert (run.code, run.out, run.err) == (0, "No broken requirements found.\n", "")


def test_check_reports_missing_and_conflicting_requirements(cli, site):
    """pip check's lines: canonical names, the requirement as packaging writes it."""
    dist(site, "My_App", "1.0", "lib>=2", "Ghost[x]>=1; python_version >= '3'")
    dist(site, "lib", "1.0")
    run = cli("check", "--path", str(site))
    assert run.code == 1
    assert run.lines() == [
        "my-app 1.0 requires ghost, which is not installed.",
        "my-app 1.0 has requirement lib>=2, but you have lib 1.0.",
    ]


def test_check_allows_prereleases_as_pip_does(cli, site):
    """An installed pre-release meets a specifier that does not name one."""
    dist(site, "app", "1", "lib>=1")
    dist(site, "lib", "2.0rc1")
    assert cli("check", "--path", str(site)).code == 0


def test_check_follows_the_extras_asked_for(cli, site):
    """`app` asks `lib[speed]`: what that extra needs must be installed too."""
    dist(site, "app", "1", "lib[speed]")
    dist(site, "lib", "1", "turbo>=2; extra == 'speed'", "slow; extra == 'other'")
    dist(site, "turbo", "1.5", "fuel; extra == 'gas'")
    run = cli("check", "--path", str(site))
    assert run.lines() == ["lib 1 has requirement turbo>=2; extra == \"speed\", "
                           "but you have turbo 1.5."]  # fmt: skip


def test_check_reports_what_cannot_be_read_instead_of_failing(cli, site):
    """Invalid requirement strings and versions are problems, not tracebacks."""
    dist(site, "app", "1", "lib >= ", "ok")
    dist(site, "ok", "not.a.version")
    dist(site, "user", "1", "ok>=1")
    run = cli("check", "--path", str(site))
    assert run.code == 1
    lines = run.lines()
    assert lines[0].startswith("app 1 has an invalid requirement 'lib >= ': ")
    assert (
        lines[1]
        == "ok not.a.version has an invalid version: Invalid version: 'not.a.version'."
    )
    assert lines[2] == "user 1 has requirement ok>=1, but you have ok not.a.version."
    assert len(lines) == 3


def test_check_json_lists_problems_and_skipped(cli, site):
    """JSON: one object per problem, with its kind, and the skipped distributions."""
    dist(site, "app", "1.0", "lib>=2", "ghost")
    dist(site, "lib", "1.0")
    build_tree(site, {"anon-1.dist-info": {"METADATA": "Version: 1\n"}})
    run = cli("check", "--json", "--path", str(site))
    assert run.code == 1
    document = run.json()
    assert document["problems"] == [
        {
            "name": "app",
            "version": "1.0",
            "kind": "missing",
            "requirement": "ghost",
            "dependency": "ghost",
            "installed": None,
            "message": "app 1.0 requires ghost, which is not installed.",
        },
        {
            "name": "app",
            "version": "1.0",
            "kind": "conflict",
            "requirement": "lib>=2",
            "dependency": "lib",
            "installed": "1.0",
            "message": "app 1.0 has requirement lib>=2, but you have lib 1.0.",
        },
    ]
    (skip,) = document["skipped"]
    assert skip["path"].endswith("anon-1.dist-info")


def test_check_notes_skipped_distributions_on_stderr(cli, site):
    """A nameless distribution is left out with a note; it breaks nothing."""
    build_tree(site, {"anon-1.dist-info": {"METADATA": "Version: 1\n"}})
    run = cli("check", "--path", str(site))
    assert (run.code, run.out) == (0, "No broken requirements found.\n")
    assert run.err.startswith("pkgmeta: skipped ")


def test_check_reads_egg_info_requirements(cli, site):
    """An egg's requires.txt sections are requirements like any other."""
    build_tree(
        site,
        {
            "old.egg-info": {
                "PKG-INFO": metadata("old", "0.1"),
                "requires.txt": "needed>=3\n\n[:python_version < '3']\nancient\n",
            }
        },
    )
    build_tree(site, installed("needed", "2"))
    assert cli("check", "--path", str(site)).lines() == [
        "old 0.1 has requirement needed>=3, but you have needed 2."
    ]


def test_check_without_packaging_exits_2(cli, site, monkeypatch):
    """No packaging: the install hint, and 2, which no check result uses."""
    without_packaging(monkeypatch)
    run = cli("check", "--path", str(site))
    assert (run.code, run.out) == (2, "")
    assert "pip install 'python-pkgmeta[cli]'" in run.err


def test_check_compares_extras_normalized(cli, site):
    """PEP 685: `lib[Fast.Path]` asks what `extra == "fast_path"` requires."""
    dist(site, "app", "1", "lib[Fast.Path]")
    dist(site, "lib", "1", "turbo; extra == 'fast_path'")
    run = cli("check", "--path", str(site))
    assert run.lines() == ["lib 1 requires turbo, which is not installed."]


def test_check_reports_markers_that_cannot_be_evaluated(cli, site):
    """Unless an extra not asked for decides the marker, as it does for `show`."""
    dist(site, "app", "1", "a; python_version ~= 'x'",
         "b; python_version ~= 'x' and extra == 't'")  # fmt: skip
    run = cli("check", "--path", str(site))
    assert run.code == 1
    (line,) = run.lines()  # packaging's words follow
    assert line.startswith(
        "app 1 has a requirement whose marker cannot be evaluated, "
        "'a; python_version ~= \"x\"': Undefined "
    )
