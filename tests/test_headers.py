"""The header-block parser gives what ``email.message_from_string`` stores."""

from __future__ import annotations

import email

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newest_email import message_from_string
from pkgmeta._headers import parse_header_block, parse_headers_only, scan_header_block
from strategies import header_names

TYPICAL = """\
Metadata-Version: 2.4
Name: sample-pkg
Version: 1.2.3
Summary: A sample package
Author-email: Ann <ann@example.org>
License: MIT License
        \n\
        Copyright (c) the authors
Classifier: Programming Language :: Python :: 3
Classifier: License :: OSI Approved :: MIT License
Requires-Python: >=3.8
Requires-Dist: attrs>=22
Requires-Dist: pytest; extra == "test"
Provides-Extra: test
Description-Content-Type: text/markdown

# sample-pkg

    indented code

Last line.
"""

# Each case: (id, text).  Content-Type is left out: email parses bodies of
# multipart/* and message/* as MIME parts, which _headers does not (metadata
# never has that field).
CASES = [
    ("typical", TYPICAL),
    ("empty-text", ""),
    ("only-newline", "\n"),
    ("no-trailing-newline", "Name: x\nVersion: 1"),
    ("no-body", "Name: x\nVersion: 1\n"),
    ("no-body-blank-line", "Name: x\nVersion: 1\n\n"),
    ("body-only", "\nJust a body\n"),
    ("blank-first-lines", "\n\nName: x\n"),
    ("non-header-first-line", "This is text\nName: x\n"),
    ("non-header-line-ends-block", "Name: x\nplain text\nVersion: 1\n"),
    ("folded", "License: MIT\n        Copyright\n        \n        More\nName: x\n"),
    (
        "setuptools-description",
        "Name: x\nDescription: Line 1\n        |  indented\n        |\n"
        "        Line 3\n        \nVersion: 1\n",
    ),
    ("tabs", "Summary:\tx\n\tcont\n \tmixed\nName:\t\t y\n"),
    ("empty-values", "Name:\nVersion: \nSummary:  \t\n"),
    ("empty-first-line-then-fold", "License:\n        MIT\n        more\n"),
    ("whitespace-continuation", "Name: x\n \n\t\nVersion: 1\n"),
    ("trailing-spaces", "Name: x  \nSummary: a b \t\n"),
    ("no-space-after-colon", "Name:x\nVersion:1.0\n"),
    ("colon-in-value", "Project-URL: Home, https://example.org:8080/x\n"),
    ("duplicates", "Name: a\nname: b\nNAME: c\nClassifier: A\nClassifier: B\n"),
    ("key-case-variants", "name: x\nVERSION: 1\nrequires-dist: a\nRequires-DIST: b\n"),
    ("leading-continuation", "  leading\n\tmore\nName: x\n"),
    ("leading-colon", ":novalue\n  dropped\nName: x\n"),
    ("colon-only", ":\nName: x\n"),
    ("from-first", "From someone Sat Jan 1\nName: x\n\nbody\n"),
    ("from-only", "From someone"),
    ("from-middle", "Name: x\nFrom y\nVersion: 1\n"),
    ("from-middle-then-continuation", "Name: x\nFrom y\n  cont\nVersion: 1\n"),
    ("from-last-then-blank", "Name: x\nFrom y\n\nbody\n"),
    ("from-last-at-end", "Name: x\nFrom y"),
    ("from-last-then-text", "Name: x\nFrom y\nbody line\n"),
    ("from-last-then-bad-field", "Name: x\nFrom y\nBad Key: v\n"),
    ("from-then-continuation-last", "Name: x\nFrom y\n  cont\n\nbody"),
    ("from-colon", "From: someone\nName: x\n"),
    ("from-no-space", "Fromage: brie\n"),
    ("two-froms", "From a\nFrom b\nName: x\nFrom c\nFrom d\n\nbody"),
    ("crlf", "Name: x\r\nLicense: a\r\n  b\r\n\r\nbody\r\nline 2\r\n"),
    ("crlf-no-body", "Name: x\r\nVersion: 1\r\n"),
    ("lone-cr", "Name: x\rVersion: 1\r\rbody\r"),
    ("cr-cr-lf", "Name: x\r\r\nbody"),
    ("cr-in-value-end", "Name: x\r"),
    ("mixed-endings", "Name: x\nLicense: a\r  b\r\n\tc\n\r\nbody"),
    ("unicode", "Name: naïve\nAuthor: 山田太郎\nSummary: ✓ ok\n\nbody ✓\n"),
    ("unicode-line-separators", "Summary: a\x85b\u2028c\x0cd\x1ce\nName: x\n"),
    ("space-in-key", "Name: x\nBad Key: y\nVersion: 1\n"),
    ("space-before-colon", "Name : x\n"),
    ("non-ascii-key", "Name: x\nNämé: y\n"),
    ("control-in-key", "Name: x\nNa\x7fme: y\nVersion: 1\n"),
    ("tab-in-key", "Na\tme: y\n"),
    ("bom", "\ufeffName: x\nVersion: 1\n"),
    ("odd-key-chars", "X-~!#$%&'*+-.^_`|: y\n"),
    ("description-header-and-body", "Name: x\nDescription: inline\n\nbody\n"),
    ("body-with-from-line", "Name: x\n\nFrom here on\n"),
    ("body-blank-lines", "Name: x\n\n\n\nbody\n\n\n"),
    ("header-block-ends-in-blank-continuation", "Name: x\n  \n\nbody"),
]


def email_parse(text: str) -> tuple[list[tuple[str, str]], str]:
    """The stored headers and payload of ``email.message_from_string``."""
    message = message_from_string(text)
    return [(name, value) for name, value in message._headers], message.get_payload()


@pytest.mark.parametrize(("case", "text"), CASES, ids=[case for case, _ in CASES])
def test_parse_header_block_matches_email(case, text):
    """Headers and body equal email's ``_headers`` and ``get_payload()``."""
    assert parse_header_block(text) == email_parse(text)


@pytest.mark.parametrize(("case", "text"), CASES, ids=[case for case, _ in CASES])
def test_parse_headers_only_matches_parse_header_block(case, text):
    """Leaving out the body changes nothing in the headers."""
    assert parse_headers_only(text) == parse_header_block(text)[0]


def scan_in_steps(text: str, stops: list[str]) -> tuple[list[tuple[str, str]], str]:
    """Scan *text* stopping after each name in *stops*, then to the end."""
    headers: list[tuple[str, str]] = []
    offset = 0
    for stop_at in stops:
        found, offset, envelope = scan_header_block(text, offset, stop_at)
        headers += found
        if envelope is not None:
            return headers, envelope + text[offset:]
        assert found[-1][0].lower() == stop_at
    found, offset, envelope = scan_header_block(text, offset)
    assert envelope is not None
    return headers + found, envelope + text[offset:]


@pytest.mark.parametrize(("case", "text"), CASES, ids=[case for case, _ in CASES])
def test_scan_resumed_after_each_header_matches_one_scan(case, text):
    """Stopping after any header and resuming gives the same headers and body."""
    names = [name.lower() for name, _ in parse_headers_only(text)]
    assert scan_in_steps(text, names) == parse_header_block(text)
    assert scan_in_steps(text, [*names[1:2], "missing"]) == parse_header_block(text)


def test_scan_stops_right_after_the_wanted_header():
    """A scan for ``name`` reads up to the line after ``Name`` and no further."""
    found, offset, envelope = scan_header_block(TYPICAL, stop_at="name")
    assert found == [("Metadata-Version", "2.4"), ("Name", "sample-pkg")]
    assert envelope is None
    assert TYPICAL[offset:].startswith("Version: 1.2.3\n")


def test_scan_of_a_missing_header_reaches_the_body():
    """A scan for a name that is not there parses the whole header block."""
    found, offset, envelope = scan_header_block(TYPICAL, stop_at="missing")
    assert envelope == ""
    assert TYPICAL[offset:].startswith("# sample-pkg\n")
    assert found == parse_headers_only(TYPICAL)


def test_body_is_not_split_into_lines():
    """A huge body costs one slice: its odd lines do not affect the headers."""
    body = "x: y\n" * 10_000 + " continuation\rFrom z\n"
    text = "Name: x\n\n" + body
    assert parse_header_block(text) == ([("Name", "x")], body)


def test_multipart_content_type_leaves_the_body_as_text():
    """Unlike email, a Content-Type field does not split the body into MIME parts."""
    text = 'Name: x\nContent-Type: multipart/mixed; boundary="b"\n\n--b\n\nhi\n--b--\n'
    headers, body = parse_header_block(text)
    assert headers == [("Name", "x"), ("Content-Type", 'multipart/mixed; boundary="b"')]
    assert body == "--b\n\nhi\n--b--\n"
    # the deliberate difference: email returns a list of sub-messages here
    assert email.message_from_string(text).is_multipart()


# Strategies ---------------------------------------------------------------

# Pieces that steer the parser into every branch: line ends, field names,
# envelope lines, continuation indents, characters headerRE rejects.
FRAGMENTS = [
    "\n", "\r\n", "\r", "\n\n", "Name", "Version", "name", ":", ": ", "::",
    " ", "\t", "        ", "From ", "From", "x", "é", "a b", "\x7f", "\x00",
    "\x85", "\u2028", "\x0c", "\ufeff", "-", "|",
]  # fmt: skip

# Fragments mixed with arbitrary text, so lines also hold unplanned characters.
fragment_texts = st.lists(
    st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=40
).map("".join)

field_names = header_names(max_size=12)

# Unicode text for values and bodies; surrogates cannot come from UTF-8.
line_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\r\n"),
    max_size=20,
)
line_ends = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def header_blocks(draw: st.DrawFn) -> str:
    """A METADATA-like text: headers, folded values, maybe a body."""
    end = draw(line_ends)
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        name = draw(field_names)
        space = draw(st.sampled_from(["", " ", "  ", "\t"]))
        lines.append(f"{name}:{space}{draw(line_text)}")
        for _ in range(draw(st.integers(0, 3))):
            indent = draw(st.sampled_from([" ", "\t", " " * 8, " " * 8 + "|"]))
            lines.append(indent + draw(line_text))
    text = end.join(lines)
    if draw(st.booleans()):
        text += end + end + draw(st.text(max_size=60))
    elif lines and draw(st.booleans()):
        text += end
    return text


@settings(max_examples=300)
@given(fragment_texts)
def test_parse_header_block_matches_email_on_fragments(text):
    """Any mix of line ends, envelopes, indents and odd names parses like email."""
    assert parse_header_block(text) == email_parse(text)


@settings(max_examples=200)
@given(header_blocks())
def test_parse_header_block_matches_email_on_header_blocks(text):
    """Generated METADATA-like texts parse like email."""
    assert parse_header_block(text) == email_parse(text)


@settings(max_examples=200)
@given(fragment_texts | header_blocks(), st.data())
def test_scan_resumed_anywhere_matches_one_scan(text, data):
    """Stopping after any sequence of names and resuming never changes the result."""
    names = [*(name.lower() for name, _ in parse_headers_only(text)), "missing"]
    stops = data.draw(st.lists(st.sampled_from(names), max_size=4))
    assert scan_in_steps(text, stops) == parse_header_block(text)
