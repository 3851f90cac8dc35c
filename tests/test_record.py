"""The RECORD reader: the split without csv reads what csv reads."""

from __future__ import annotations

import csv

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pkgmeta._record import (
    RecordError,
    parse_record,
    parse_record_text,
    record_paths,
)

# Characters that matter to csv and to the split: separators, quotes, NUL,
# line breaks of every kind splitlines() knows, and ordinary path text.
record_text = st.text(alphabet=st.sampled_from(list('ab/.,"\0\n\r\x0b\x85 é=')))


def _rows_until_error(rows: object) -> tuple[list[tuple[str, str, str]], bool]:
    found: list[tuple[str, str, str]] = []
    try:
        for row in rows:  # type: ignore[attr-defined]
            found.append(row)
    except RecordError:
        return found, True
    return found, False


@given(record_text)
@example('a,b\n"c,d",e\n')
@example("a\0,b\n")
@example("a,b,c,d\n\n,\n")
def test_text_rows_are_csv_rows(text: str) -> None:
    """parse_record_text gives parse_record's rows, and stops where it stops."""
    expected = _rows_until_error(parse_record(text.splitlines()))
    assert _rows_until_error(parse_record_text(text)) == expected


@given(record_text)
def test_record_paths_are_the_first_column(text: str) -> None:
    """record_paths is the path of each row read before an unreadable one."""
    rows, _ = _rows_until_error(parse_record(text.splitlines()))
    assert record_paths(text) == [path for path, _hash, _size in rows]


def test_a_line_over_the_field_limit_goes_to_csv() -> None:
    """A field past csv's limit (as a program set it) ends the rows as csv does."""
    old = csv.field_size_limit(10)
    try:
        text = "short,x\n" + "p" * 11 + ",y\nafter,z\n"
        assert record_paths(text) == ["short"]
        rows, failed = _rows_until_error(parse_record_text(text))
        assert (rows, failed) == ([("short", "x", "")], True)
    finally:
        csv.field_size_limit(old)


@pytest.mark.parametrize(
    ("text", "paths"),
    [
        ('"a,b/c.py",sha256=x,1\nd.py,,\n', ["a,b/c.py", "d.py"]),
        ("a/b.py,sha256=ab/cd,3\n", ["a/b.py"]),
        ("x,,\r\ny,,\r\n", ["x", "y"]),
    ],
)
def test_record_paths_of_written_rows(text: str, paths: list[str]) -> None:
    """Quoted paths keep their commas; hashes and line ends are not paths."""
    assert record_paths(text) == paths
