"""``python -m pkgmeta``: listing and showing distributions, exit codes."""

from __future__ import annotations

import subprocess
import sys

import pkgmeta


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pkgmeta", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_list_shows_installed_distributions_with_versions():
    """`list` prints a table holding pytest and its version."""
    result = run_cli("list")
    assert result.returncode == 0
    rows = [line.split() for line in result.stdout.splitlines()]
    assert rows[0][:2] == ["Name", "Version"]
    assert ["pytest", pkgmeta.version("pytest")] in [row[:2] for row in rows]


def test_list_path_inspects_another_directory(tmp_path):
    """`list --path DIR` lists only what DIR holds."""
    info = tmp_path / "other-4.2.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Name: other\nVersion: 4.2\n", encoding="utf-8")
    result = run_cli("list", "--path", str(tmp_path))
    assert result.returncode == 0
    assert result.stdout.splitlines()[2].split()[:2] == ["other", "4.2"]
    assert len(result.stdout.splitlines()) == 3


def test_show_prints_metadata_summary():
    """`show NAME` prints name, version and requirements."""
    result = run_cli("show", "PyTest")
    assert result.returncode == 0
    assert f"Version: {pkgmeta.version('pytest')}" in result.stdout
    assert "Name: pytest" in result.stdout


def test_show_unknown_name_exits_1():
    """An unknown name is reported on stderr with exit code 1."""
    result = run_cli("show", "no-such-distribution-xyz")
    assert result.returncode == 1
    assert "no-such-distribution-xyz" in result.stderr


def test_no_command_is_a_usage_error():
    """Without a command the help goes to stderr and the exit code is 2."""
    result = run_cli()
    assert result.returncode == 2
    assert "usage" in result.stderr
