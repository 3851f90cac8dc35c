"""The documentation's text: install commands and links to other pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Everything a reader sees: the pages, the README, the changelog (the docs
# include it). docs/performance.md is generated, and checked all the same.
PAGES = [
    *sorted((ROOT / "docs").glob("*.md")),
    ROOT / "README.md",
    ROOT / "CHANGELOG.md",
]

# `pkgmeta` on the package index is an unrelated project: a registry install
# of this one names `python-pkgmeta`. A bare `pkgmeta` token among an install
# command's arguments, or `pkgmeta` as a requirement (`pkgmeta==1`,
# `pkgmeta[x]`), would fetch the other project. A command ends at a shell
# separator (`&&`, `|`, `;`).
INSTALL = re.compile(r"\b(?:pip|pipx|uv)\b[^\n`&|;]*?\b(?:install|add)\b([^\n`&|;]*)")
REQUIREMENT = re.compile(r"(?<![\w.\-/])pkgmeta(?:\[|\s*(?:===?|>=|<=|~=|!=))")
BARE = re.compile(r"""^["']?pkgmeta(?![\w.\-/])""")


def registry_installs(text: str) -> list[str]:
    """Return the places in *text* that would install the other ``pkgmeta``."""
    found = [
        match.group(0)
        for match in INSTALL.finditer(text)
        if any(BARE.match(word) for word in match.group(1).split())
    ]
    found += [match.group(0) for match in REQUIREMENT.finditer(text)]
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_no_page_installs_pkgmeta_from_the_registry(page):
    """No page tells a reader to install the registry's unrelated ``pkgmeta``."""
    assert registry_installs(page.read_text("utf-8")) == []


@pytest.mark.parametrize(
    "text",
    [
        "pip install pkgmeta",
        "python -m pip install --upgrade pkgmeta",
        "uv pip install 'pkgmeta>=0.1'",
        "uv add pkgmeta",
        "dependencies = ['pkgmeta==0.1.0']",
        "pkgmeta[cli]",
    ],
)
def test_registry_installs_are_recognised(text):
    """The check would catch each way of asking the index for ``pkgmeta``."""
    assert registry_installs(text)


@pytest.mark.parametrize(
    "text",
    [
        "python -m pip install python-pkgmeta",
        "pip install 'python-pkgmeta==0.1.0'",
        "python -m pip install . && python -m pkgmeta list",
        "usage: pkgmeta [-h] [--version] COMMAND ...",
        "copy pkgmeta/ into yourtool/_vendor/pkgmeta",
        "pip install python-pkgmeta pkgmeta_x ./pkgmeta",
    ],
)
def test_other_mentions_pass(text):
    """The right name, a checkout install and the command line pass the check."""
    assert registry_installs(text) == []


# A page named by its path (`docs/caching.md`) is a dead string in the built
# docs unless it is a link. docs/conf.py turns the paths that docstrings and
# the generated docs/performance.md print into links; a written page links.
PAGE_PATH = re.compile(r"\bdocs/[\w-]+\.md\b")
LINK_OR_CODE_BLOCK = re.compile(
    r"^(```|~~~).*?^\1|\[[^\]\n]*\]\([^)\n]*\)", re.DOTALL | re.MULTILINE
)
WRITTEN = [
    page
    for page in (*sorted((ROOT / "docs").glob("*.md")), ROOT / "CHANGELOG.md")
    if page.name != "performance.md"  # benchmarks/report.py writes it
]


@pytest.mark.parametrize("page", WRITTEN, ids=lambda page: page.name)
def test_pages_link_the_pages_they_name(page):
    """A written page names another page only inside a link."""
    text = LINK_OR_CODE_BLOCK.sub("", page.read_text("utf-8"))
    assert PAGE_PATH.findall(text) == []
