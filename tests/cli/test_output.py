"""The writers of ``pkgmeta._cli.output``: tables measured in terminal cells."""

from __future__ import annotations

import re

import pytest

from helpers import build_tree
from pkgmeta._cli.output import cells

from .trees import installed


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("", 0),
        ("plain", 5),
        ("数据-tool", 9),  # two wide characters, five narrow
        ("\uff46\uff55\uff4c\uff4c", 8),  # "full" in fullwidth Latin
        ("cafe\u0301", 4),  # a combining acute accent takes no cell
        ("é", 1),  # precomposed: one narrow character
        ("Ω", 1),  # ambiguous width counts as narrow, as most terminals do
    ],
)
def test_cells_counts_screen_cells(text, width):
    """Wide and fullwidth characters take two cells, combining marks none."""
    assert cells(text) == width


def test_a_table_with_wide_names_lines_up_in_cells(cli, site):
    """`list` pads by cells: every column starts at the same screen column."""
    build_tree(site, installed("数据-tool", "1.0"))
    build_tree(site, installed("ascii-tool", "22.0"))
    build_tree(site, installed("cafe\u0301", "3"))
    run = cli("list", "--path", str(site))
    assert run.code == 0
    lines = run.lines()
    assert [line.split()[0] for line in lines[2:]] == [
        "ascii-tool",
        "cafe\u0301",
        "数据-tool",
    ]

    def column_starts(line: str) -> list[int]:
        """Return the screen column of each cell after the first."""
        return [cells(line[: m.start()]) for m in re.finditer(r"(?<=  )\S", line)]

    header = column_starts(lines[0])
    assert len(header) == 2
    for line in lines[1:]:
        assert column_starts(line) == header, line
