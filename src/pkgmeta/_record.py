"""Reading ``RECORD`` rows: the one reader of the format, for every caller."""

from __future__ import annotations

import sys

from ._compat import preload

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

# Imported where first needed: csv (which imports re), only for a RECORD that
# holds a quote or a NUL, or a line over csv's field limit; the others split
# the same without it.

__all__ = [
    "RecordError",
    "parse_record",
    "parse_record_text",
    "record_paths",
    "splits_plainly",
]

# csv's field limit until a program changes it (``_csv`` keeps the setting).
_DEFAULT_FIELD_LIMIT = 131072


class RecordError(ValueError):
    """``RECORD`` cannot be read on from some line (a ``csv.Error``)."""


def parse_record(lines: Iterable[str]) -> Iterator[tuple[str, str, str]]:
    """Yield ``(path, hash, size)`` of each non-empty ``RECORD`` row, as written.

    The one reader of the format (spec: Recording installed projects), for
    ``files()`` and ``verify`` alike: CSV as the ``csv`` module reads it; a
    row's missing columns are ``""``, columns past the third are ignored.

    Raises:
        RecordError: csv cannot read on (a NUL byte before 3.11, a field over
            the CSV field limit); the message names the line. The rows
            before it have been yielded.
    """
    preload("csv")  # bytes entries on sys.path, 3.8-3.10
    import csv

    reader = csv.reader(lines)
    try:
        for row in reader:
            if row:
                columns = len(row)
                yield (
                    row[0],
                    row[1] if columns > 1 else "",
                    row[2] if columns > 2 else "",
                )
    except csv.Error as exc:
        raise RecordError(f"unreadable from line {reader.line_num}: {exc}") from exc


def parse_record_text(text: str) -> Iterator[tuple[str, str, str]]:
    """Yield what ``parse_record(text.splitlines())`` yields, without csv when it can.

    Raises:
        RecordError: As ``parse_record``.
    """
    lines = text.splitlines()
    if not splits_plainly(text):
        yield from parse_record(lines)
        return
    for line in lines:
        if line:
            columns = line.split(",", 3)
            count = len(columns)
            yield (
                columns[0],
                columns[1] if count > 1 else "",
                columns[2] if count > 2 else "",
            )


def record_paths(text: str) -> list[str]:
    """Return the path column of each row ``parse_record_text`` yields.

    A row csv cannot read ends the list with the paths read before it, as
    it ends ``files()``.

    >>> record_paths('a/__init__.py,sha256=x,3\\n\\n"b,c.py",,\\nd.pth')
    ['a/__init__.py', 'b,c.py', 'd.pth']
    """
    lines = text.splitlines()
    if splits_plainly(text):
        return [line.partition(",")[0] for line in lines if line]
    paths = []
    try:
        for path, _hash, _size in parse_record(lines):
            paths.append(path)
    except RecordError:
        pass
    return paths


def splits_plainly(text: str) -> bool:
    """Whether splitting each line on ``,`` gives the fields csv would read.

    Without a ``"`` no field is quoted, so a comma always ends a field and
    no row spans lines. csv's other rules only raise: on a NUL before 3.11
    (any NUL goes to csv) and on a field over its limit (a line that long
    goes to csv to decide).
    """
    if '"' in text or "\0" in text:
        return False
    csv_state = sys.modules.get("_csv")
    limit = (
        csv_state.field_size_limit() if csv_state is not None else _DEFAULT_FIELD_LIMIT
    )
    return len(text) <= limit or max(map(len, text.splitlines())) <= limit
