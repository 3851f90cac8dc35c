"""``python -m pkgmeta`` end to end: every command in a fresh process, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import pkgmeta
from helpers import build_tree, needs_subprocess

from .trees import installed, metadata

pytestmark = needs_subprocess


def run_cli(
    *args: str, path: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m pkgmeta ARGS``; *path* entries go first on its sys.path."""
    env = dict(os.environ)
    if path:
        env["PYTHONPATH"] = os.pathsep.join([*path, env.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "pkgmeta", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def reference(code: str) -> object:
    """Return what *code* prints as JSON, run in a process like the CLI's."""
    output = subprocess.check_output([sys.executable, "-c", code], text=True)
    return json.loads(output)


@pytest.fixture
def env(tmp_path):
    """A site with a good distribution, a modified one and a broken one."""
    site = tmp_path / "site"
    site.mkdir()
    build_tree(
        site,
        installed(
            "good",
            "1.0",
            {"good/__init__.py": "G = 1\n"},
            meta=metadata("good", "1.0", "Summary: fine", "Requires-Dist: other>=1"),
            info={"entry_points.txt": "[console_scripts]\ngood = good:main\n"},
        ),
    )
    build_tree(site, installed("bad", "2.0", {"bad.py": "B = 1\n"}))
    (site / "bad.py").write_text("B = 2\n", encoding="utf-8")
    build_tree(
        site, {"broken-3.0.dist-info": {"METADATA": b"Name: broken\nVersion: \xff\n"}}
    )
    return site


def test_list_shows_installed_distributions_with_versions():
    """`list` prints a table holding pytest and its version."""
    result = run_cli("list")
    assert result.returncode == 0
    rows = [line.split() for line in result.stdout.splitlines()]
    assert rows[0][:2] == ["Name", "Version"]
    assert ["pytest", pkgmeta.version("pytest")] in [row[:2] for row in rows]


def test_list_json_matches_importlib_metadata_on_the_real_environment():
    """`list --json` names what importlib_metadata finds, one row per project."""
    rows = json.loads(run_cli("list", "--json").stdout)["distributions"]
    expected = reference(
        "import json, importlib_metadata as m;"
        "print(json.dumps(sorted({(d.metadata['Name'], d.version)"
        " for d in m.distributions()})))"
    )
    assert sorted({(row["name"], row["version"]) for row in rows}) == [
        tuple(pair)
        for pair in expected  # type: ignore[union-attr]
    ]


def test_list_path_inspects_another_directory(env):
    """`list --path DIR` lists only what DIR holds; the broken one on stderr."""
    result = run_cli("list", "--path", str(env))
    assert result.returncode == 0
    assert [line.split()[:2] for line in result.stdout.splitlines()[2:]] == [
        ["bad", "2.0"],
        ["good", "1.0"],
    ]
    assert result.stderr.startswith("pkgmeta: skipped ")
    assert "broken-3.0.dist-info" in result.stderr
    assert "Traceback" not in result.stderr


def test_show_prints_metadata_summary():
    """`show NAME` prints name, version and requirements."""
    result = run_cli("show", "PyTest")
    assert result.returncode == 0
    assert f"Version: {pkgmeta.version('pytest')}" in result.stdout
    assert "Name: pytest" in result.stdout


def test_show_json_in_a_fresh_process(env):
    """`show --json` parses and holds the summary fields."""
    document = json.loads(run_cli("show", "GOOD", "--json", "--path", str(env)).stdout)
    assert (document["name"], document["summary"], document["requires"]) == (
        "good",
        "fine",
        ["other>=1"],
    )


def test_show_unknown_name_exits_1():
    """An unknown name is reported on stderr with exit code 1."""
    result = run_cli("show", "no-such-distribution-xyz")
    assert result.returncode == 1
    assert result.stderr == (
        "pkgmeta: No package metadata was found for no-such-distribution-xyz\n"
    )


def test_entry_points_json_matches_importlib_metadata():
    """`entry-points console_scripts --json` agrees with importlib_metadata."""
    document = json.loads(run_cli("entry-points", "console_scripts", "--json").stdout)
    rows = document["entry_points"]
    expected = reference(
        "import json, importlib_metadata as m;"
        "print(json.dumps(sorted((e.name, e.value)"
        " for e in m.entry_points(group='console_scripts'))))"
    )
    assert sorted([row["name"], row["value"]] for row in rows) == expected


def test_entry_points_in_a_broken_environment(env):
    """Entry points of good distributions are listed; the broken one is skipped."""
    result = run_cli("entry-points", "--json", "--path", str(env))
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert [row["name"] for row in document["entry_points"]] == ["good"]
    assert "broken-3.0.dist-info" in document["skipped"][0]["path"]


def test_files_and_requires_in_a_fresh_process(env):
    """`files` and `requires` print their JSON documents."""
    files = json.loads(run_cli("files", "good", "--json", "--path", str(env)).stdout)
    assert "good/__init__.py" in {row["path"] for row in files["files"]}
    requires = run_cli("requires", "good", "--path", str(env))
    assert (requires.returncode, requires.stdout) == (0, "other>=1\n")


def test_files_without_a_list_exits_1(tmp_path):
    """A distribution with no RECORD has no file list: exit code 1."""
    build_tree(tmp_path, {"bare-1.dist-info": {"METADATA": metadata("bare", "1")}})
    result = run_cli("files", "bare", "--path", str(tmp_path))
    assert result.returncode == 1
    assert "has no file list" in result.stderr


def test_which_finds_a_module_on_pythonpath(env):
    """`which` sees distributions on the process's sys.path (PYTHONPATH here)."""
    result = run_cli("which", "good", "--json", path=[str(env)])
    assert result.returncode == 0
    assert json.loads(result.stdout)["distributions"][0]["name"] == "good"
    assert run_cli("which", "no_such_module_xyz").returncode == 1


def test_verify_reports_the_modified_file(env):
    """`verify` exits 1 and names the file changed after installation."""
    result = run_cli("verify", "--json", "--path", str(env))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    problems = [
        (entry["name"], problem["path"], problem["kind"])
        for entry in report["distributions"]
        for problem in entry["problems"]
    ]
    assert problems == [("bad", "bad.py", "modified")]
    assert run_cli("verify", "good", "--path", str(env)).returncode == 0


def test_verify_on_the_real_environment_does_not_crash():
    """`verify` of the running interpreter's environment gives a JSON report."""
    result = run_cli("verify", "--json")
    assert result.returncode in (0, 1)
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["summary"]["distributions"] > 0


def test_diagnose_nonexistent_explains_the_miss():
    """`diagnose` of an unknown name lists sys.path and exits 1."""
    result = run_cli("diagnose", "nonexistent")
    assert result.returncode == 1
    assert result.stdout.startswith("Looking up 'nonexistent'")
    assert "Result: not found" in result.stdout
    document = json.loads(run_cli("diagnose", "nonexistent", "--json").stdout)
    assert document["found"] is False
    assert all(entry["candidates"] == [] for entry in document["path"])


def test_diagnose_finds_a_distribution_and_exits_0():
    """`diagnose pytest` selects the installed pytest."""
    result = run_cli("diagnose", "PyTest", "--json")
    assert result.returncode == 0
    selected = json.loads(result.stdout)["selected"]
    assert (selected["name"], selected["version"]) == (
        "pytest",
        pkgmeta.version("pytest"),
    )


def test_help_and_version_exit_0():
    """`--help` lists the commands; `--version` is pkgmeta's own version."""
    result = run_cli("--help")
    assert result.returncode == 0
    assert "diagnose" in result.stdout
    assert "verify" in result.stdout
    version = run_cli("--version")
    assert (version.returncode, version.stdout) == (
        0,
        f"pkgmeta {pkgmeta.__version__}\n",
    )


@pytest.mark.parametrize(
    "args",
    [[], ["nonsense"], ["show"], ["show", ""], ["list", "--path", "/nonexistent/x"]],
)
def test_usage_errors_exit_2(args):
    """No command, an unknown one, a missing or empty name, a bad --path: exit 2."""
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(("usage:", "pkgmeta: "))


def test_no_command_is_a_usage_error():
    """Without a command the help goes to stderr and the exit code is 2."""
    result = run_cli()
    assert result.returncode == 2
    assert "usage" in result.stderr


_PROBE = """
import json, sys
import pkgmeta._cli
before = set(sys.modules)
code = pkgmeta._cli.main(["--help"])
sys.stdout.flush()
print()
print(json.dumps({"code": code, "loaded": sorted(set(sys.modules) - before)}))
"""


def test_help_imports_nothing_heavy():
    """`--help` loads no module that only a command needs (json, email, csv...)."""
    # The probe imports json itself, so it is judged by the CLI module alone.
    output = subprocess.check_output([sys.executable, "-c", _PROBE], text=True)
    probe = json.loads(output.splitlines()[-1])
    assert probe["code"] == 0
    heavy = {"csv", "email", "inspect", "pathlib", "typing", "zipfile", "difflib"}
    assert heavy & set(probe["loaded"]) == set()
    commands = ("environment", "distribution", "verify", "diagnose", "targets")
    loaded = [name for name in probe["loaded"] if name.startswith("pkgmeta.")]
    assert not [name for name in loaded if name.rpartition(".")[2] in commands]
    assert not [name for name in loaded if name.startswith("pkgmeta._inspect")]


def test_cli_module_import_is_light():
    """Importing the CLI module loads neither argparse nor json."""
    code = (
        "import sys, pkgmeta._cli;"
        "print(sorted(m for m in ('argparse', 'json', 'csv', 'email', 'pathlib',"
        " 'typing', 'zipfile', 'inspect') if m in sys.modules))"
    )
    output = subprocess.check_output([sys.executable, "-c", code], text=True)
    assert output.strip() == "[]"


@pytest.mark.skipif(
    not os.path.exists("/dev/full"), reason="no /dev/full to fill a disk with"
)
@pytest.mark.parametrize(
    "args", [["list"], ["show", "pytest", "--json"], ["--help"], ["--version"]]
)
@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_a_full_disk_is_one_line_on_stderr_and_exit_1(args, unbuffered):
    """Output into /dev/full ends with one `pkgmeta:` line, no traceback.

    Buffered or not (PYTHONUNBUFFERED): argparse would swallow the error of
    an unbuffered write of --help and exit 0.
    """
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    with open("/dev/full", "w", encoding="utf-8") as full:
        result = subprocess.run(
            [sys.executable, "-m", "pkgmeta", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            env=env,
        )
    assert result.returncode == 1
    assert result.stderr == (
        "pkgmeta: cannot write to standard output: No space left on device\n"
    )
