"""The ``python -m pkgmeta`` command line: the parser and the dispatch to commands.

Each command lives in a ``_cli_*`` module imported only when it runs, so that
``--help`` costs little more than the interpreter's start and ``argparse``.
"""

from __future__ import annotations

import sys

from ._cli_output import EXIT_FAILED, EXIT_OK, EXIT_USAGE, error

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "main"]

_EPILOG = """\
exit status:
  0  success
  1  not found, or a check failed (verify, diagnose)
  2  usage error

Add --json to any command for machine-readable output."""


def _parser() -> argparse.ArgumentParser:
    import argparse

    from . import __version__

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

    commands.add_parser("list", parents=both, help="list installed distributions")
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
    return parser


def _check_arguments(args: argparse.Namespace) -> str | None:
    """Return what is wrong with arguments argparse accepted, if anything."""
    import os

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


def _run(args: argparse.Namespace) -> int:
    """Run the command *args* names; return its exit code."""
    command = args.command
    if command == "list":
        from ._cli_environment import run_list

        return run_list(args.path, args.json)
    if command == "entry-points":
        from ._cli_environment import run_entry_points

        return run_entry_points(args.group, args.name, args.path, args.json)
    if command == "which":
        from ._cli_environment import run_which

        return run_which(args.module, args.json)
    if command == "show":
        from ._cli_distribution import run_show

        return run_show(args.name, args.path, args.json)
    if command == "files":
        from ._cli_distribution import run_files

        return run_files(args.name, args.path, args.json)
    if command == "requires":
        from ._cli_distribution import run_requires

        return run_requires(args.name, args.path, args.json)
    if command == "verify":
        from ._cli_verify import run_verify

        return run_verify(args.names, args.path, args.json, args.strict)
    from ._cli_diagnose import run_diagnose

    return run_diagnose(args.name, args.path, args.json)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Args:
        argv: The arguments after the program name; ``sys.argv[1:]`` if
            ``None``.

    Returns:
        0 on success, 1 when something is not found or a check fails, 2 for
        a usage error (``--help`` and ``--version`` return 0).
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    problem = _check_arguments(args)
    if problem is not None:
        error(problem)
        return EXIT_USAGE
    try:
        return _run(args)
    except BrokenPipeError:
        # ``pkgmeta list | head``: the reader left; stay quiet about it, and
        # point stdout at devnull so the flush at exit cannot fail again.
        import os

        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):  # no real file descriptor (captured)
            pass
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130  # the shell's code for SIGINT
