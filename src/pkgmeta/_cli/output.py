"""What the command line writes: tables, JSON documents and one-line errors."""

from __future__ import annotations

import sys

# Imported where first needed: json (a command's --json only) and unicodedata
# (a table cell beyond ASCII only).

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Sequence

    from .._distribution import Distribution

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "OutputError",
    "cells",
    "error",
    "explain",
    "failure",
    "flush",
    "location",
    "write",
    "write_json",
    "write_table",
]

# Exit codes scripts can rely on (documented in the final report / docs/cli).
EXIT_OK = 0
EXIT_FAILED = 1  # not found, or a check failed
EXIT_USAGE = 2  # argparse uses 2 for its own usage errors too


class OutputError(Exception):
    """Standard output cannot be written: a full disk, an I/O error.

    ``BrokenPipeError`` is not translated: a reader that left is no error
    to report.
    """

    def __init__(self, cause: OSError) -> None:
        super().__init__(cause.strerror or str(cause))


def write(line: str = "") -> None:
    """Print *line* to stdout, escaping what the terminal's encoding cannot show.

    A summary in Chinese must not become a ``UnicodeEncodeError`` traceback
    on a console that only speaks cp1252 or ASCII.

    Raises:
        OutputError: stdout cannot be written (``/dev/full``).
    """
    try:
        try:
            print(line)
        except UnicodeEncodeError:
            encoding = getattr(sys.stdout, "encoding", None) or "ascii"
            print(line.encode(encoding, "backslashreplace").decode(encoding))
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(exc) from exc


def flush() -> None:
    """Write out what stdout still buffers, before the exit status is decided.

    Raises:
        OutputError: stdout cannot be written.
    """
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(exc) from exc


def error(message: str) -> None:
    """Report *message* on stderr as one ``pkgmeta: ...`` line."""
    text = "pkgmeta: " + " ".join(message.split("\n"))
    encoding = getattr(sys.stderr, "encoding", None) or "ascii"
    print(text.encode(encoding, "backslashreplace").decode(encoding), file=sys.stderr)


def write_json(document: object) -> None:
    """Print *document* as indented JSON; non-ASCII is escaped, so any
    terminal and any decoder can take it."""
    import json

    write(json.dumps(document, indent=2))


def write_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print *rows* under *header* in left-aligned columns, two spaces apart.

    Columns are as wide as their widest cell on screen (:func:`cells`), so
    that a name in Chinese does not push the columns after it out of line.
    No rows print nothing: an empty result is an empty output.
    """
    if not rows:
        return
    table = [header, *rows]
    sizes = [[cells(cell) for cell in row] for row in table]
    widths = [max(size[i] for size in sizes) for i in range(len(header))]
    table.insert(1, ["-" * width for width in widths])
    sizes.insert(1, widths)
    for row, size in zip(table, sizes):
        padded = (
            cell + " " * (width - used) for cell, used, width in zip(row, size, widths)
        )
        write("  ".join(padded).rstrip())


def cells(text: str) -> int:
    """Return how many terminal cells *text* takes.

    East Asian wide and fullwidth characters take two, combining marks
    none (``unicodedata``'s classes, as terminals use them); the rest one.

    >>> cells("abc"), cells("数据-tool"), cells("e\u0301")
    (3, 9, 1)
    """
    if text.isascii():
        return len(text)
    import unicodedata  # a C extension to load: for text beyond ASCII only

    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def failure(kind: str, name: str, message: str, **more: str) -> dict[str, str]:
    """Return the ``--json`` document of a name a command cannot answer for.

    Every command that takes a name writes it (in a list when several names
    were asked): ``{"error": kind, "name": asked, "message": ..., **more}``,
    where *kind* is ``not-found`` or ``unreadable`` (its metadata, at
    ``path``).
    """
    return {"error": kind, "name": name, "message": message, **more}


def location(dist: Distribution) -> str:
    """Return the directory *dist* was installed into, or ``""`` if unknown.

    Custom distributions may not support ``locate_file``.
    """
    try:
        return str(dist.locate_file(""))
    except (AttributeError, NotImplementedError, TypeError):
        return ""


def explain(exc: BaseException) -> str:
    """Return the message of *exc* for one line of stderr.

    ``str(KeyError(...))`` would wrap the message in quotes.
    """
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0])
    return str(exc) or type(exc).__name__
