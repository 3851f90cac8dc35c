"""Usage errors: what argparse and ``check_arguments`` refuse, with whose usage."""

from __future__ import annotations

import os

import pytest

from helpers import Zip, build_tree

from .trees import installed


def _last_line(text: str) -> str:
    return text.splitlines()[-1]


@pytest.mark.parametrize(
    ("args", "usage", "message"),
    [
        (["show"], "usage: pkgmeta show ", "the following arguments are required"),
        (["show", "--bogus", "x"], "usage: pkgmeta show ", "unrecognized arguments"),
        (["list", "surplus"], "usage: pkgmeta list ", "unrecognized arguments"),
        (["verify", "--nope"], "usage: pkgmeta verify ", "unrecognized arguments"),
        (["show", " "], "usage: pkgmeta show ", "cannot be empty"),
        (["which", ".x"], "usage: pkgmeta which ", "not a module name"),
    ],
    ids=["missing", "unknown-option", "surplus", "verify", "empty-name", "module"],
)
def test_a_usage_error_shows_the_usage_of_its_command(cli, args, usage, message):
    """The error is the command's: its usage line, then `pkgmeta CMD: error:`."""
    run = cli(*args)
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith(usage)
    assert _last_line(run.err).startswith(f"pkgmeta {args[0]}: error: ")
    assert message in run.err


def test_a_plain_file_as_path_is_a_usage_error(cli, tmp_path):
    """A file that is not a zip holds no distribution: exit 2, naming it and why."""
    plain = tmp_path / "notes.txt"
    plain.write_text("not a zip\n", encoding="utf-8")
    run = cli("list", "--path", str(plain))
    assert (run.code, run.out) == (2, "")
    assert _last_line(run.err) == (
        f"pkgmeta list: error: --path {plain}: not a zip archive (nor a directory):"
        " nothing can be found in it"
    )


def test_a_damaged_zip_as_path_is_a_usage_error(cli, tmp_path):
    """A zip cut short reads as no zip at all."""
    wheel = tmp_path / "cut-1.0-py3-none-any.whl"
    build_tree(tmp_path, {wheel.name: Zip(installed("cut", "1.0"))})
    wheel.write_bytes(wheel.read_bytes()[:40])
    assert cli("verify", "--path", str(wheel)).code == 2


def test_a_zip_archive_as_path_is_searched(cli, tmp_path):
    """A wheel is a valid sys.path entry: no usage error."""
    wheel = tmp_path / "zeta-1.0-py3-none-any.whl"
    build_tree(tmp_path, {wheel.name: Zip(installed("zeta", "1.0"))})
    run = cli("show", "zeta", "--json", "--path", str(wheel))
    assert (run.code, run.json()["version"]) == (0, "1.0")


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_a_device_as_path_is_a_usage_error(cli):
    """Neither a directory nor a regular file: never opened, refused."""
    run = cli("list", "--path", os.devnull)
    assert run.code == 2
    assert _last_line(run.err).endswith("neither a directory nor a zip archive")


def test_an_unlistable_directory_as_path_is_a_usage_error(cli, site, monkeypatch):
    """A directory that cannot be listed is refused with the system's reason."""
    real_scandir = os.scandir

    def refusing(path=".", *args, **kwargs):
        if os.fspath(path) == str(site):
            raise PermissionError(13, "Permission denied", str(site))
        return real_scandir(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", refusing)
    run = cli("verify", "--path", str(site))
    assert (run.code, run.out) == (2, "")
    assert _last_line(run.err) == (
        f"pkgmeta verify: error: --path {site}: cannot list the directory:"
        " Permission denied"
    )


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root lists a chmod 000 directory anyway (and Windows has no chmod 000)",
)
def test_a_chmod_000_directory_as_path_is_a_usage_error(cli, site):
    """The real case of the test above, where permissions are enforced."""
    site.chmod(0)
    try:
        run = cli("list", "--path", str(site))
    finally:
        site.chmod(0o755)
    assert run.code == 2
    assert "cannot list the directory" in run.err


def test_an_unreadable_file_as_path_is_a_usage_error(cli, tmp_path, monkeypatch):
    """A file that cannot be opened is said so, not called a non-zip."""
    wheel = tmp_path / "zeta-1.0-py3-none-any.whl"
    build_tree(tmp_path, {wheel.name: Zip(installed("zeta", "1.0"))})
    real_access = os.access

    def refusing(path, mode, *args, **kwargs):
        if os.fspath(path) == str(wheel):
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", refusing)
    run = cli("list", "--path", str(wheel))
    assert run.code == 2
    assert _last_line(run.err).endswith(": cannot be read: Permission denied")


def test_an_unknown_option_before_the_command_is_a_usage_error(cli):
    """Options of the program come before the command; others are refused."""
    run = cli("--bogus", "list")
    assert run.code == 2
    assert "unrecognized arguments: --bogus" in run.err


def test_no_command_prints_the_programs_help_on_stderr(cli):
    """Without a command: the program's help, exit 2."""
    run = cli()
    assert run.code == 2
    assert run.err.startswith("usage: pkgmeta [-h]")
