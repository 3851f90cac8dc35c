"""The ``python -m pkgmeta`` command line: dispatch to the commands.

``parser`` builds the arguments, ``output`` writes tables, JSON and errors,
``targets`` finds what a command works on, and one module per command group
runs the commands (``environment``, ``distribution``, ``verify``,
``diagnose``). Importing this package loads neither ``argparse`` nor any
command: ``--help`` costs little more than the interpreter's start and
``argparse``, and a command loads only its own module.
"""

from __future__ import annotations

import os
import sys

from .output import EXIT_FAILED, EXIT_OK, EXIT_USAGE, OutputError, error, flush

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "main"]

# command -> its module in this package, the function that runs it, and the
# parsed arguments that function takes, in order
_COMMANDS = {
    "list": (
        "environment",
        "run_list",
        ("path", "json", "format", "not_required", "editable"),
    ),
    "entry-points": (
        "environment",
        "run_entry_points",
        ("group", "name", "path", "json"),
    ),
    "which": ("which", "run_which", ("module", "json")),
    "show": ("distribution", "run_show", ("names", "path", "json")),
    "files": ("distribution", "run_files", ("name", "path", "json")),
    "requires": ("distribution", "run_requires", ("name", "path", "json")),
    "verify": ("verify", "run_verify", ("names", "path", "json", "strict")),
    "diagnose": ("diagnose", "run_diagnose", ("name", "path", "json")),
    "tree": (
        "requirements",
        "run_tree",
        ("names", "reverse", "depth", "path", "json"),
    ),
    "check": ("requirements", "run_check", ("path", "json")),
}


def _run(args: argparse.Namespace) -> int:
    """Run the command *args* names; return its exit code."""
    from importlib import import_module  # with the command's module only

    module_name, function, parameters = _COMMANDS[args.command]
    run = getattr(import_module(f".{module_name}", __name__), function)
    return run(*(getattr(args, name) for name in parameters))  # type: ignore[no-any-return]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Args:
        argv: The arguments after the program name; ``sys.argv[1:]`` if
            ``None``.

    Returns:
        0 on success, 1 when something is not found, a check fails or the
        output cannot be written, 2 for a usage error (``--help`` and
        ``--version`` return 0).
    """
    try:
        code = _parse_and_run(argv)
        flush()  # a full disk must be told before the exit status
    except BrokenPipeError:
        # ``pkgmeta list | head``: the reader left; stay quiet about it.
        _drop_stdout()
        return EXIT_FAILED
    except OutputError as exc:
        error(f"cannot write to standard output: {exc}")
        _drop_stdout()
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130  # the shell's code for SIGINT
    return code


def _parse_and_run(argv: Sequence[str] | None) -> int:
    from .parser import parse_arguments  # argparse: on use only

    try:
        parser, args = parse_arguments(argv)
    except SystemExit as exc:  # --help, --version, or a usage error
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return _run(args)


def _drop_stdout() -> None:
    """Point stdout at devnull, so that the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # no file descriptor (captured)
        pass
