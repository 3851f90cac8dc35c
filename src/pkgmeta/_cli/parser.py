"""The argument parser of ``python -m pkgmeta``, and the checks argparse cannot make.

Each command is one row of ``_COMMANDS`` (its name, help line and shared
options) and one function adding its own arguments, so that a command is
added without touching the others. A usage error is reported by the
parser of the command it is about, with that command's usage line.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys

from .. import __version__
from .._archive import cached_listing
from .output import OutputError

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from _typeshed import SupportsWrite

__all__ = ["build_parser", "check_arguments", "check_path", "parse_arguments"]

_EPILOG = """\
exit status:
  0  success
  1  not found, a check failed (verify, check, diagnose), or the
     output could not be written
  2  usage error (or packaging missing: tree, check, list --not-required)

Add --json to any command for machine-readable output."""

_NAME_HELP = "distribution name (any spelling)"


def _list_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("columns", "freeze"),
        default="columns",
        help="a table (default), or requirement lines as pip freeze writes them",
    )
    parser.add_argument(
        "--not-required",
        action="store_true",
        help="only those no other installed distribution requires",
    )
    parser.add_argument(
        "--editable",
        action="store_true",
        help="only editable installs, with the project's location",
    )


def _show_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("names", nargs="+", metavar="name", help=_NAME_HELP)


def _entry_points_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "group", nargs="?", help="only this group (e.g. console_scripts)"
    )
    parser.add_argument("--name", help="only entry points of this name")


def _name_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help=_NAME_HELP)


def _which_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "module", help="module name; a dotted name narrows a namespace package"
    )


def _verify_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help="distributions to check (default: all)"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="also fail for distributions without RECORD",
    )


def _tree_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help="start here (default: top-level ones)"
    )
    parser.add_argument(
        "--reverse", action="store_true", help="show who requires each distribution"
    )
    parser.add_argument(
        "--depth", type=int, metavar="N", help="at most N levels below each one"
    )


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    pass  # the shared options only


# Which shared options a command takes (added through parents=, so that they
# are written after the command: ``pkgmeta list --json``).
_JSON_ONLY = ("json",)
_JSON_AND_PATH = ("json", "path")

# command, its line in --help, its shared options, the function adding the
# rest; in the order --help lists them
_COMMANDS: tuple[
    tuple[str, str, tuple[str, ...], Callable[[argparse.ArgumentParser], None]], ...
] = (
    ("list", "list installed distributions", _JSON_AND_PATH, _list_arguments),
    (
        "show",
        "summarize the metadata of distributions",
        _JSON_AND_PATH,
        _show_arguments,
    ),
    ("entry-points", "list entry points", _JSON_AND_PATH, _entry_points_arguments),
    (
        "files",
        "list the files a distribution installed",
        _JSON_AND_PATH,
        _name_argument,
    ),
    (
        "requires",
        "list a distribution's requirements",
        _JSON_AND_PATH,
        _name_argument,
    ),
    (
        "which",
        "name the distributions that provide an importable module",
        _JSON_ONLY,
        _which_arguments,
    ),
    (
        "verify",
        "check installed files against RECORD hashes and sizes",
        _JSON_AND_PATH,
        _verify_arguments,
    ),
    (
        "diagnose",
        "explain why a name is or is not found",
        _JSON_AND_PATH,
        _name_argument,
    ),
    (
        "tree",
        "draw the requirements among installed distributions",
        _JSON_AND_PATH,
        _tree_arguments,
    ),
    (
        "check",
        "report requirements the installed distributions do not meet",
        _JSON_AND_PATH,
        _check_arguments,
    ),
)


class _Parser(argparse.ArgumentParser):
    """``ArgumentParser`` whose help, usage and version text cannot be lost.

    argparse drops an ``OSError`` raised while it prints: ``--help`` into a
    full disk, with unbuffered output, would exit 0 having written nothing.
    """

    def _print_message(
        self, message: str, file: SupportsWrite[str] | None = None
    ) -> None:
        if not message:
            return
        try:
            (file or sys.stderr).write(message)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc) from exc


def _shared_options() -> dict[str, argparse.ArgumentParser]:
    """Return the parent parser of each shared option, named as in ``_COMMANDS``."""
    json_option = _Parser(add_help=False)
    json_option.add_argument(
        "--json", action="store_true", help="print JSON instead of a table"
    )
    path_option = _Parser(add_help=False)
    path_option.add_argument(
        "--path",
        action="append",
        metavar="DIR",
        help="search DIR (a directory or zip) instead of sys.path; repeatable",
    )
    return {"json": json_option, "path": path_option}


def build_parser() -> tuple[
    argparse.ArgumentParser, dict[str, argparse.ArgumentParser]
]:
    """Return the program's parser and the parser of each command, by name."""
    parser: argparse.ArgumentParser = _Parser(
        prog="pkgmeta",
        description="Inspect the metadata of installed Python distributions.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pkgmeta {__version__}")
    shared = _shared_options()
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands: dict[str, argparse.ArgumentParser] = {}
    for name, help_line, options, add_arguments in _COMMANDS:
        command = subparsers.add_parser(
            name, help=help_line, parents=[shared[option] for option in options]
        )
        add_arguments(command)
        commands[name] = command
    return parser, commands


def parse_arguments(
    argv: Sequence[str] | None,
) -> tuple[argparse.ArgumentParser, argparse.Namespace]:
    """Parse *argv* and check what argparse cannot.

    Returns:
        The program's parser and the arguments.

    Raises:
        SystemExit: A usage error, already written to stderr with the usage
            line of the command it is about (argparse's exit status 2), or
            ``--help`` or ``--version`` (0).
    """
    parser, commands = build_parser()
    # parse_known_args: an unknown option of a command is then reported by
    # that command's parser; parse_args would blame the program's.
    args, unknown = parser.parse_known_args(argv)
    reporter = commands.get(args.command, parser)
    if unknown:
        reporter.error(f"unrecognized arguments: {' '.join(unknown)}")
    problem = check_arguments(args)
    if problem is not None:
        reporter.error(problem)
    return parser, args


def check_arguments(args: argparse.Namespace) -> str | None:
    """Return what is wrong with arguments argparse accepted, if anything."""
    for path in getattr(args, "path", None) or ():
        problem = check_path(path)
        if problem is not None:
            return f"--path {path}: {problem}"
    for name in [getattr(args, "name", None), *(getattr(args, "names", None) or ())]:
        if name is not None and not name.strip():
            return "a distribution name cannot be empty"
    module = getattr(args, "module", None)
    if module is not None and not module.partition(".")[0].strip():
        return f"not a module name: {module!r}"
    return None


def check_path(path: str) -> str | None:
    """Return why *path* cannot be searched for distributions, or ``None``.

    A search path entry is a directory that can be listed or a zip archive
    (a ``.whl``, an ``.egg``): the finder finds nothing in anything else,
    and would say nothing about it.
    """
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return "no such file or directory"
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    except ValueError:  # a NUL character
        return "not a valid path"
    if stat.S_ISDIR(status.st_mode):
        try:
            with os.scandir(path):
                pass
        except OSError as exc:
            return f"cannot list the directory: {exc.strerror or exc}"
        return None
    if not stat.S_ISREG(status.st_mode):
        return "neither a directory nor a zip archive"
    if not os.access(path, os.R_OK):
        return "cannot be read: Permission denied"
    # The finder's own reading of the archive (kept for the search to come).
    if cached_listing(path) is None:
        return "not a zip archive (nor a directory): nothing can be found in it"
    return None
