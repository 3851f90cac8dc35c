"""The argument parser of ``python -m pkgmeta``, and the checks argparse cannot make."""

from __future__ import annotations

import argparse
import os

from .. import __version__

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    # what add_subparsers() returns; argparse names the class privately
    _Commands = argparse._SubParsersAction[argparse.ArgumentParser]

__all__ = ["build_parser", "check_arguments"]

_EPILOG = """\
exit status:
  0  success
  1  not found, or a check failed (verify, check, diagnose)
  2  usage error (or packaging missing: tree, check)

Add --json to any command for machine-readable output."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pkgmeta",
        description="Inspect the metadata of installed Python distributions.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pkgmeta {__version__}")
    # Options every command shares, added through parents= so that they are
    # written after the command (``pkgmeta list --json``).
    json_option = argparse.ArgumentParser(add_help=False)
    json_option.add_argument(
        "--json", action="store_true", help="print JSON instead of a table"
    )
    path_option = argparse.ArgumentParser(add_help=False)
    path_option.add_argument(
        "--path",
        action="append",
        metavar="DIR",
        help="search DIR (a directory or zip) instead of sys.path; repeatable",
    )
    both = [json_option, path_option]
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    _add_list(commands, both)
    show = commands.add_parser(
        "show", parents=both, help="summarize one distribution's metadata"
    )
    show.add_argument("name", help="distribution name (any spelling)")
    entry_points = commands.add_parser(
        "entry-points", parents=both, help="list entry points"
    )
    entry_points.add_argument(
        "group", nargs="?", help="only this group (e.g. console_scripts)"
    )
    entry_points.add_argument("--name", help="only entry points of this name")
    files = commands.add_parser(
        "files", parents=both, help="list the files a distribution installed"
    )
    files.add_argument("name", help="distribution name (any spelling)")
    requires = commands.add_parser(
        "requires", parents=both, help="list a distribution's requirements"
    )
    requires.add_argument("name", help="distribution name (any spelling)")
    which = commands.add_parser(
        "which",
        parents=[json_option],
        help="name the distributions that provide an importable module",
    )
    which.add_argument("module", help="module name; only its top-level part counts")
    verify = commands.add_parser(
        "verify",
        parents=both,
        help="check installed files against RECORD hashes and sizes",
    )
    verify.add_argument(
        "names", nargs="*", metavar="NAME", help="distributions to check (default: all)"
    )
    verify.add_argument(
        "--strict",
        action="store_true",
        help="also fail for distributions without RECORD",
    )
    diagnose = commands.add_parser(
        "diagnose",
        parents=both,
        help="explain why a name is or is not found",
    )
    diagnose.add_argument("name", help="distribution name (any spelling)")
    _add_tree(commands, both)
    _add_check(commands, both)
    return parser


def _add_list(commands: _Commands, parents: list[argparse.ArgumentParser]) -> None:
    listing = commands.add_parser(
        "list", parents=parents, help="list installed distributions"
    )
    listing.add_argument(
        "--format",
        choices=("columns", "freeze"),
        default="columns",
        help="a table (default), or requirement lines as pip freeze writes them",
    )
    listing.add_argument(
        "--not-required",
        action="store_true",
        help="only those no other installed distribution requires",
    )
    listing.add_argument(
        "--editable",
        action="store_true",
        help="only editable installs, with the project's location",
    )


def _add_tree(commands: _Commands, parents: list[argparse.ArgumentParser]) -> None:
    tree = commands.add_parser(
        "tree",
        parents=parents,
        help="draw the requirements among installed distributions",
    )
    tree.add_argument(
        "names", nargs="*", metavar="NAME", help="start here (default: top-level ones)"
    )
    tree.add_argument(
        "--reverse", action="store_true", help="show who requires each distribution"
    )
    tree.add_argument(
        "--depth", type=int, metavar="N", help="at most N levels below each one"
    )


def _add_check(commands: _Commands, parents: list[argparse.ArgumentParser]) -> None:
    commands.add_parser(
        "check",
        parents=parents,
        help="report requirements the installed distributions do not meet",
    )


def check_arguments(args: argparse.Namespace) -> str | None:
    """Return what is wrong with arguments argparse accepted, if anything."""
    for path in getattr(args, "path", None) or ():
        if not os.path.exists(path):
            return f"--path {path}: no such file or directory"
    for name in [getattr(args, "name", None), *getattr(args, "names", ())]:
        if name is not None and not name.strip():
            return "a distribution name cannot be empty"
    module = getattr(args, "module", None)
    if module is not None and not module.partition(".")[0].strip():
        return f"not a module name: {module!r}"
    return None
