"""Tests for the ``[section]`` reader and the requires.txt conversion."""

from __future__ import annotations

import sys

import importlib_metadata
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pkgmeta._sections import iter_section_lines, requirements_from_requires_txt

# The stdlib reads sections like importlib_metadata from 3.10 on; 3.8 and 3.9
# neither strip lines nor keep repeated sections apart.
STDLIB_SECTIONED = sys.version_info >= (3, 10)
if STDLIB_SECTIONED:
    import importlib.metadata as stdlib_metadata

needs_sectioned_stdlib = pytest.mark.skipif(
    not STDLIB_SECTIONED, reason="the stdlib of 3.8/3.9 reads sections differently"
)

SECTION_TEXTS = {
    "empty": "",
    "only_blank_lines": "\n \n\t\n",
    "lines_before_any_section": "a\nb\n[s]\nc\n",
    "indented_lines": "  [s]  \n   x = 1   \n",
    "comments": "# top\n[s]\n#c\n   # indented comment\nx # not a comment\n",
    "comment_that_looks_like_a_section": "#[s]\nx\n",
    "section_that_looks_like_a_comment": "[#s]\nx\n",
    "nested_brackets": "[[s]]\nx\n[]\ny\n[s]]\nz\n",
    "inner_spaces_kept": "[ my section ]\nx\n",
    "unbalanced_brackets_are_lines": "[s\nx]\n[\n]\n",
    "crlf_and_cr": "[s]\r\nx\ry\r\n",
    "unicode_line_breaks": "[s]\x0bx\x0cy\x1cz\x1d\x1e\x85a\u2028b\u2029c",
    "unicode_whitespace_stripped": "\u3000[s]\u00a0\n\x1fx\u2003\n",
    "repeated_sections": "[a]\nx\n[b]\ny\n[a]\nz\n",
    "no_trailing_newline": "[s]\nx",
}


def reference_read(text: str, *, skip_comments: bool) -> list[tuple[str | None, str]]:
    """The pairs importlib_metadata's ``Sectioned.read`` gives for *text*."""
    sectioned = importlib_metadata.Sectioned
    filter_ = sectioned.valid if skip_comments else None
    return [(pair.name, pair.value) for pair in sectioned.read(text, filter_=filter_)]


@pytest.mark.parametrize("skip_comments", [True, False])
@pytest.mark.parametrize("text", SECTION_TEXTS.values(), ids=SECTION_TEXTS.keys())
def test_iter_section_lines_matches_importlib_metadata(
    text: str, skip_comments: bool
) -> None:
    """Sections, stripping and line splitting are those of ``Sectioned.read``."""
    ours = list(iter_section_lines(text, skip_comments=skip_comments))
    assert ours == reference_read(text, skip_comments=skip_comments)


def test_iter_section_lines_pairs_lines_with_their_section() -> None:
    """Each line comes with the last section opened before it, None before any."""
    text = "top\n[one]\na\n\n[two]\nb\n# c\n"
    assert list(iter_section_lines(text, skip_comments=True)) == [
        (None, "top"),
        ("one", "a"),
        ("two", "b"),
    ]
    assert list(iter_section_lines(text, skip_comments=False))[-1] == ("two", "# c")


# Characters that decide how lines split, strip and open sections.
SECTION_ALPHABET = "ab_ =:#[]\t\n\r\x0b\x0c\x1c\x85\u2028\u00a0\u3000é"


@settings(deadline=None)
@given(text=st.text(alphabet=SECTION_ALPHABET), skip_comments=st.booleans())
def test_iter_section_lines_agrees_with_importlib_metadata_on_any_text(
    text: str, skip_comments: bool
) -> None:
    """Random texts of the significant characters read the same as the reference."""
    ours = list(iter_section_lines(text, skip_comments=skip_comments))
    assert ours == reference_read(text, skip_comments=skip_comments)


REQUIRES_TEXTS = {
    "plain": "requests>=2\nidna\n",
    "extra": "a\n[socks]\nPySocks>=1.5.6\n",
    "marker_only": "[:python_version < '3.8']\nimportlib_metadata\n",
    "extra_and_marker": '[test:sys_platform == "win32"]\npywin32\n',
    "extra_with_empty_marker": "[test:]\npytest\n",
    "empty_section": "[]\nx\n",
    "url_requirement": "pkg @ https://example.com/pkg.zip\n[e]\nq@ file:///q\n",
    "comments_kept": "# top\n[e]\n# inner\nx\n",
    "repeated_sections": "[a]\nx\n[b]\ny\n[a]\nz\n",
    "whitespace_inside_section_name": "[ e : python_version>'3' ]\nx\n",
    "colons_in_marker": "[e:a:b]\nx\n",
    "indented": "  [e]  \n   x >= 1  \n",
}


def reference_requirements(module: object, text: str) -> list[str]:
    """What ``Distribution._deps_from_requires_text`` of *module* gives."""
    distribution = module.Distribution  # type: ignore[attr-defined]
    return list(distribution._deps_from_requires_text(text))


@pytest.mark.parametrize("text", REQUIRES_TEXTS.values(), ids=REQUIRES_TEXTS.keys())
def test_requirements_match_importlib_metadata(text: str) -> None:
    """requires.txt sections become the strings importlib_metadata gives."""
    expected = reference_requirements(importlib_metadata, text)
    assert requirements_from_requires_txt(text) == expected


@needs_sectioned_stdlib
@pytest.mark.parametrize("text", REQUIRES_TEXTS.values(), ids=REQUIRES_TEXTS.keys())
def test_requirements_match_stdlib(text: str) -> None:
    """requires.txt sections become the strings the running stdlib gives."""
    expected = reference_requirements(stdlib_metadata, text)
    assert requirements_from_requires_txt(text) == expected


def test_requirements_get_markers_from_section_names() -> None:
    """``[extra]``, ``[:marker]`` and ``[extra:marker]`` become PEP 508 markers."""
    text = "a\n[x]\nb\n[:os_name == 'nt']\nc\n[y:os_name == 'nt']\nd\n"
    assert requirements_from_requires_txt(text) == [
        "a",
        'b; extra == "x"',
        "c; os_name == 'nt'",
        "d; (os_name == 'nt') and extra == \"y\"",
    ]


def test_requirements_put_a_space_after_urls() -> None:
    """A URL requirement keeps a space before its marker, even without one."""
    text = "p @ https://h/p.zip\n[x]\nq @ https://h/q.zip\n"
    assert requirements_from_requires_txt(text) == [
        "p @ https://h/p.zip ",
        'q @ https://h/q.zip ; extra == "x"',
    ]


def test_requirements_keep_comment_lines() -> None:
    """Comment lines come back as requirements, as the reference returns them."""
    assert requirements_from_requires_txt("# c\n[x]\n# d\n") == [
        "# c",
        '# d; extra == "x"',
    ]


def test_requirements_are_empty_when_text_is_empty() -> None:
    """An empty or blank requires.txt gives no requirements."""
    assert requirements_from_requires_txt("") == []
    assert requirements_from_requires_txt("\n  \n") == []


REQUIREMENT_LINE = st.text(alphabet="ab<>=.@ /:#;'\"", min_size=1)
SECTION_NAME = st.text(alphabet="ab_ :<=.'\"[]@", max_size=12)


@st.composite
def requires_texts(draw: st.DrawFn) -> str:
    """requires.txt texts: requirement lines under random section headers."""
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        if draw(st.booleans()):
            lines.append(f"[{draw(SECTION_NAME)}]")
        lines.append(draw(REQUIREMENT_LINE))
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


@settings(deadline=None)
@given(text=requires_texts())
def test_requirements_agree_with_importlib_metadata_on_any_sections(
    text: str,
) -> None:
    """Random requires.txt sections convert exactly as importlib_metadata does."""
    expected = reference_requirements(importlib_metadata, text)
    assert requirements_from_requires_txt(text) == expected
