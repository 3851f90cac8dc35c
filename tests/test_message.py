"""``Message`` reads like importlib_metadata 10.2's ``_adapters.Message``."""

from __future__ import annotations

import copy
import email
import pickle
import textwrap
import types

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newest_email import dedent, message_from_string
from pkgmeta._metadata import Message, _dedent
from strategies import header_names

# The example of importlib_metadata's own documentation of its Message.
DOC_EXAMPLE = """\
Name: Foo
Version: 3.0
License: blah
        de-blah

First line of description.
Second line of description.

Fourth line!
"""

SETUPTOOLS_PKG_INFO = """\
Metadata-Version: 1.1
Name: old-pkg
Version: 0.9
Summary: An old package
Home-page: https://example.org
License: Copyright (c) the authors
        \n\
        Permission is hereby granted.
Description: Old package
        |==========
        |
        |    indented example
        |
        Plain last line
        \n\
Keywords: alpha  beta\tgamma
Platform: UNKNOWN
Classifier: Programming Language :: Python
Classifier: Programming Language :: Python :: 2
"""

MODERN_METADATA = """\
Metadata-Version: 2.4
Name: new-pkg
Version: 2.0
Summary: A new package
License-Expression: MIT
License-File: LICENSE
License-File: NOTICE
Import-Name: new_pkg
Import-Namespace: new
Dynamic: license-file
dynamic: requires-dist
Requires-Dist: attrs
requires-dist: click; extra == "cli"
Provides-Extra: cli
Project-URL: Home, https://example.org
Keywords: one,two
Description-Content-Type: text/markdown

# new-pkg

Some text.

        deeply indented code
"""

# Each case: (id, text).  No Content-Type field (see _headers.py).
CASES = [
    ("doc-example", DOC_EXAMPLE),
    ("setuptools-pkg-info", SETUPTOOLS_PKG_INFO),
    ("modern-metadata", MODERN_METADATA),
    ("empty", ""),
    ("body-only", "\nJust a body\n"),
    ("no-body", "Name: x\nVersion: 1\n"),
    ("blank-body", "Name: x\n\n\n"),
    ("duplicates-and-cases", "Name: a\nname: b\nNAME: c\nKeywords: k\nkeywords: l\n"),
    ("keywords-edge-spaces", "Keywords:  a b \nName: x\n"),
    ("keywords-empty", "Keywords:\nName: x\n"),
    ("keywords-unicode-space", "Keywords: a\u3000b\xa0c\x1cd\n"),
    ("fold-less-than-eight", "License: a\n  b\n   c\n"),
    ("fold-tab", "License: a\n\tb\n        c\n"),
    ("fold-mixed-indent", "License: a\n         b\n        \tc\n          d\n"),
    ("fold-empty-first-line", "License:\n        MIT\n        more\n"),
    ("fold-whitespace-only-lines", "License: a\n        \n          \n\t\n        b\n"),
    ("fold-carriage-returns", "License: a\r\n        b\r\n        c\r\n\r\nbody\r\n"),
    ("fold-cr-in-line", "License: a\n        b\rc\n"),
    ("description-header-and-body", "Name: x\nDescription: inline\n\nbody\n"),
    ("body-trailing-blank-lines", "Name: x\n\nbody\n\n\n"),
    ("body-leading-blank-lines", "Name: x\n\n\n\nbody"),
    ("body-whitespace-lines", "Name: x\n\n  \n\tbody\n  \n"),
    ("body-unicode-line-breaks", "Name: x\n\na\x85b\u2028c\x0bd\x1ce\r\nf"),
    ("value-unicode-line-breaks", "Summary: a\x85b\u2029c\x0cd\nName: x\n"),
    ("value-leading-unicode-space", "Summary: \u3000x\n"),
    ("from-lines", "From a\nName: x\nFrom b\n\nbody"),
    ("non-header-start", "no colon here\nName: x\n"),
    ("unicode", "Name: naïve\nAuthor: 山田太郎\n\nbody ✓\n"),
    ("empty-values", "Name:\nVersion: \nKeywords: \n"),
]

CASE_IDS = [case for case, _ in CASES]


def redent(value: str) -> str:
    """The documented rule: dedent values folded with an eight-space indent."""
    if "\n" + " " * 8 in value:
        return dedent(" " * 8 + value)
    return value


def email_items(text: str) -> list[tuple[str, str]]:
    """The headers importlib_metadata 10.2 builds from email's parse."""
    message = message_from_string(text)
    items = [(name, redent(value)) for name, value in message._headers]
    if message.get_payload():
        items.append(("Description", message.get_payload()))
    return items


def first_value(items: list[tuple[str, str]], key: str) -> str | None:
    """The first value of *key* among *items*, ignoring case."""
    return next((value for name, value in items if name.lower() == key.lower()), None)


def probe_keys(items: list[tuple[str, str]]) -> list[str]:
    """Names to look up: each name in three spellings, plus absent ones."""
    names = [name for name, _ in items]
    variants = [variant for name in names for variant in (name.upper(), name.lower())]
    return [*names, *variants, "Name", "Description", "Keywords", "Missing", ""]


@pytest.fixture(scope="module")
def reference():
    """Build importlib_metadata 10.2's Message of a text as on 3.14 (skip when older).

    Its adapter dedents with the running ``textwrap``; the newest one is
    swapped in for the module's lifetime.
    """
    importlib_metadata = pytest.importorskip("importlib_metadata")
    found = importlib_metadata.version("importlib_metadata")
    if tuple(int(part) for part in found.split(".")[:2]) < (10, 2):
        pytest.skip(f"importlib_metadata {found} is older than 10.2")
    from importlib_metadata import _adapters

    with pytest.MonkeyPatch.context() as patch:
        newest = types.SimpleNamespace(**{**vars(textwrap), "dedent": dedent})
        patch.setattr(_adapters, "textwrap", newest)
        yield lambda text: _adapters.Message(message_from_string(text))


def assert_same_as_reference(ours: Message, ref, keys: list[str]) -> None:
    """Every read of *ours* gives what importlib_metadata's *ref* gives."""
    # lookups first, while ours is still partly scanned
    for key in keys:
        assert (key in ours) == (key in ref), key
        assert ours.get(key) == ref.get(key), key
        assert ours.get(key, 0) == ref.get(key, 0), key
        assert ours.get_all(key) == ref.get_all(key), key
        assert ours.get_all(key, 0) == ref.get_all(key, 0), key
        if key in ref:
            assert ours[key] == ref[key], key
        else:
            with pytest.raises(KeyError) as caught:
                ref[key]
            assert caught.value.args == (key,)
            with pytest.raises(KeyError) as caught:
                ours[key]
            assert caught.value.args == (key,)
    assert list(ours) == list(ref)
    assert ours.keys() == ref.keys()
    assert ours.values() == ref.values()
    assert ours.items() == ref.items()
    assert len(ours) == len(ref)
    assert ours.json == ref.json
    assert str(ours) == str(ref)
    assert ours.as_string() == ref.as_string()


@pytest.mark.parametrize(("case", "text"), CASES, ids=CASE_IDS)
def test_message_matches_importlib_metadata(case, text, reference):
    """Lookups, iteration, json and rendering equal importlib_metadata 10.2's."""
    ref = reference(text)
    assert_same_as_reference(Message.from_text(text), ref, probe_keys(ref.items()))
    # get_payload() follows the stdlib (the body), not 10.2's "" on 3.9+.
    assert (
        Message.from_text(text).get_payload()
        == email.message_from_string(text).get_payload()
    )


@pytest.mark.parametrize(("case", "text"), CASES, ids=CASE_IDS)
def test_items_match_email_parse_with_redent(case, text):
    """Headers are email's, folded values dedented, the body as Description."""
    assert Message.from_text(text).items() == email_items(text)


@pytest.mark.parametrize(("case", "text"), CASES, ids=CASE_IDS)
def test_lookups_return_the_first_value_ignoring_case(case, text):
    """[], get, get_all and ``in`` agree with a case-insensitive scan of items."""
    items = email_items(text)
    message = Message.from_text(text)
    for key in probe_keys(items):
        expected = first_value(items, key)
        assert (key in message) == (expected is not None)
        assert message.get(key, "absent") == (
            "absent" if expected is None else expected
        )
        values = [value for name, value in items if name.lower() == key.lower()]
        assert message.get_all(key) == (values or None)
        if expected is None:
            with pytest.raises(KeyError):
                message[key]
        else:
            assert message[key] == expected


def test_getitem_raises_key_error_naming_the_key_when_missing():
    """A missing field raises KeyError(key), not None as email does."""
    message = Message.from_text("Name: x\n")
    with pytest.raises(KeyError) as caught:
        message["Version"]
    assert caught.value.args == ("Version",)


def test_get_and_get_all_return_failobj_when_missing():
    """get() and get_all() fall back to failobj (default None)."""
    message = Message.from_text("Name: x\n")
    assert message.get("Version") is None
    assert message.get("Version", "0") == "0"
    assert message.get_all("Requires-Dist") is None
    assert message.get_all("Requires-Dist", []) == []


def test_get_all_returns_a_new_list_each_time():
    """Changing a list get_all() returned does not change the message."""
    message = Message.from_text("Requires-Dist: a\nrequires-dist: b\n")
    values = message.get_all("REQUIRES-DIST")
    assert values == ["a", "b"]
    values.append("c")
    assert message.get_all("Requires-Dist") == ["a", "b"]


def test_len_iter_and_keys_keep_duplicates_order_and_spelling():
    """Names come back as written, in file order, duplicates counted."""
    message = Message.from_text("Name: a\nclassifier: x\nClassifier: y\n\nbody")
    assert len(message) == 4
    assert list(message) == ["Name", "classifier", "Classifier", "Description"]
    assert message.keys() == list(message)
    assert message.values() == ["a", "x", "y", "body"]


def test_contains_ignores_case():
    """``in`` finds a field in any spelling of its name."""
    message = Message.from_text("Requires-Python: >=3.8\n")
    assert "requires-python" in message
    assert "REQUIRES-PYTHON" in message
    assert "Requires" not in message


def test_body_becomes_description_and_stays_the_payload():
    """The body is served as a last Description header and by get_payload()."""
    message = Message.from_text(DOC_EXAMPLE)
    assert message["Description"] == (
        "First line of description.\nSecond line of description.\n\nFourth line!\n"
    )
    assert list(message)[-1] == "Description"
    assert message.get_payload() == message["Description"]


def test_no_description_without_a_body():
    """An empty body adds no Description header."""
    assert "Description" not in Message.from_text("Name: x\n\n")


def test_folded_values_lose_the_eight_space_indent():
    """setuptools' folded Description and License come back unindented."""
    message = Message.from_text(SETUPTOOLS_PKG_INFO)
    assert message["License"] == (
        "Copyright (c) the authors\n\nPermission is hereby granted."
    )
    assert message["Description"] == (
        "Old package\n|==========\n|\n|    indented example\n|\nPlain last line\n"
    )


def test_values_folded_with_fewer_spaces_are_kept():
    """Without an eight-space fold the value stays as email stores it."""
    message = Message.from_text("License: a\n  b\n\tc\n")
    assert message["License"] == "a\n  b\n\tc"


def test_json_lists_multiple_use_fields_and_splits_keywords():
    """json lower-cases keys, lists repeatable fields and splits keywords."""
    assert Message.from_text(MODERN_METADATA).json == {
        "metadata_version": "2.4",
        "name": "new-pkg",
        "version": "2.0",
        "summary": "A new package",
        "license_expression": "MIT",
        "license_file": ["LICENSE", "NOTICE"],
        "import_name": ["new_pkg"],
        "import_namespace": ["new"],
        "dynamic": ["license-file", "requires-dist"],
        "requires_dist": ["attrs", 'click; extra == "cli"'],
        "provides_extra": ["cli"],
        "project_url": ["Home, https://example.org"],
        "keywords": ["one,two"],
        "description_content_type": "text/markdown",
        "description": "# new-pkg\n\nSome text.\n\n        deeply indented code\n",
    }


def test_json_keeps_the_first_value_of_a_single_use_field():
    """A repeated single-use field maps to its first value under one key."""
    message = Message.from_text("Name: a\nname: b\nKeywords: x y\nkeywords: z\n")
    assert message.json == {"name": "a", "keywords": ["x", "y"]}


def test_json_splits_keywords_on_any_whitespace_run():
    """Keywords split like re.split(r'\\s+'), keeping empty words at the ends."""
    message = Message.from_text("Keywords:  a  b\tc\u3000d \n")
    assert message.json == {"keywords": ["a", "b", "c", "d", ""]}


def test_as_string_renders_folded_values_and_a_final_blank_line():
    """Each value's further lines are indented by eight spaces."""
    assert str(Message.from_text(DOC_EXAMPLE)) == (
        "Name: Foo\n"
        "Version: 3.0\n"
        "License: blah\n"
        "        de-blah\n"
        "Description: First line of description.\n"
        "        Second line of description.\n"
        "        \n"
        "        Fourth line!\n"
        "\n"
    )


def test_as_string_drops_leading_blank_lines_and_the_final_line_break():
    """Rendering left-strips a value and drops its last line break."""
    message = Message([("A", "\n  \nx\n"), ("B", ""), ("C", "y\n\n")])
    assert message.as_string() == "A: x\nB: \nC: y\n        \n\n"


def test_message_can_be_built_from_pairs():
    """Message(pairs) serves the pairs as given, without redent or parsing."""
    message = Message([("Name", "x"), ("License", "a\n        b")])
    assert message["name"] == "x"
    assert message["License"] == "a\n        b"
    assert len(Message()) == 0


def test_lookup_of_an_early_field_leaves_the_rest_unscanned():
    """Reading Name scans only up to it; everything else is still right after."""
    text = "Metadata-Version: 2.1\nName: x\nVersion: 1\nName: y\n\nbody"
    message = Message.from_text(text)
    assert message["Name"] == "x"
    assert message._partial is not None
    assert "Version" in message
    assert message.items() == email_items(text)
    assert message._partial is None


def test_a_stale_snapshot_does_not_duplicate_headers():
    """A scan from an older snapshot (a racing thread) leaves items intact."""
    text = "Name: x\nVersion: 1\nSummary: s\n\nbody"
    message = Message.from_text(text)
    stale = message._partial
    assert stale is not None
    assert message["Version"] == "1"
    message._scan(stale, "name")  # as a thread that read the old snapshot would
    assert message.items() == email_items(text)
    message._scan(stale, None)
    assert message.items() == email_items(text)


@pytest.mark.parametrize("touch", [False, True], ids=["unscanned", "scanned"])
def test_pickle_and_copy_keep_the_headers(touch):
    """Pickled and copied messages read the same, parsed or not."""
    message = Message.from_text(SETUPTOOLS_PKG_INFO)
    if touch:
        message.items()
    for clone in (
        pickle.loads(pickle.dumps(message)),
        copy.copy(message),
        copy.deepcopy(message),
    ):
        assert clone.items() == message.items()
        assert clone["name"] == "old-pkg"


def test_multiple_use_keys_match_importlib_metadata(reference):
    """The repeatable fields are the ones importlib_metadata 10.2 lists."""
    from importlib_metadata._adapters import Message as Adapter

    assert Message.multiple_use_keys == {str(key) for key in Adapter.multiple_use_keys}


# Strategies ---------------------------------------------------------------

# Names from the spec (json treats some specially) and any headerRE accepts.
spec_names = st.sampled_from(
    ["Name", "Version", "Keywords", "keywords", "Classifier", "Requires-Dist",
     "Description", "License", "import-name", "Dynamic"]
)  # fmt: skip
field_names = spec_names | header_names(max_size=10)

# Value text: any characters but line ends and surrogates, with runs of the
# spaces and tabs that folding and dedent care about.
line_text = st.lists(
    st.sampled_from([" ", "\t", " " * 8, "|", "\x85", "\u3000"])
    | st.text(
        alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\r\n"),
        max_size=6,
    ),
    max_size=5,
).map("".join)


@st.composite
def metadata_texts(draw: st.DrawFn) -> str:
    """METADATA-like text: headers with folds of any indent, maybe a body."""
    end = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        space = draw(st.sampled_from(["", " ", "\t"]))
        lines.append(f"{draw(field_names)}:{space}{draw(line_text)}")
        for _ in range(draw(st.integers(0, 3))):
            indent = draw(
                st.sampled_from([" ", "\t", " " * 8, " " * 9, " " * 8 + "\t"])
            )
            lines.append(indent + draw(line_text))
    text = end.join(lines)
    if draw(st.booleans()):
        body = end.join(draw(st.lists(line_text, max_size=4)))
        text += end + end + body
    elif lines and draw(st.booleans()):
        text += end
    return text


@settings(max_examples=100)
@given(metadata_texts())
def test_message_matches_importlib_metadata_on_generated_texts(reference, text):
    """Generated METADATA reads exactly as importlib_metadata 10.2 reads it."""
    ref = reference(text)
    assert_same_as_reference(Message.from_text(text), ref, probe_keys(ref.items()))
    # get_payload() follows the stdlib (the body), not 10.2's "" on 3.9+.
    assert (
        Message.from_text(text).get_payload()
        == email.message_from_string(text).get_payload()
    )


@settings(max_examples=100)
@given(metadata_texts())
def test_items_match_email_parse_on_generated_texts(text):
    """Generated METADATA gives email's headers, redented, plus the body."""
    assert Message.from_text(text).items() == email_items(text)


@settings(max_examples=100)
@given(metadata_texts(), st.data())
def test_lookups_in_any_order_agree_with_a_full_parse(text, data):
    """However lookups interleave with the lazy scan, every answer is the same."""
    items = email_items(text)
    keys = probe_keys(items)
    message = Message.from_text(text)
    for key in data.draw(st.lists(st.sampled_from(keys), max_size=6)):
        assert message.get(key) == first_value(items, key)
    assert message.items() == items
    assert message.json == Message(items).json


# A line of a value that renders and parses back unchanged: no line breaks
# of any kind, and not only spaces and tabs (dedent would empty it).
clean_line = st.text(
    alphabet=st.characters(
        exclude_categories=("Cs", "Zl", "Zp"),
        exclude_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85",
    ),
    max_size=12,
).filter(lambda line: line == "" or line.strip(" \t") != "")


@st.composite
def clean_values(draw: st.DrawFn) -> str:
    """A value that round-trips: starts with a non-space, ends with a non-empty line."""
    first = draw(clean_line.filter(lambda line: line == "" or not line[0].isspace()))
    if not first:
        return ""
    rest = draw(st.lists(clean_line, max_size=3))
    if rest and not rest[-1]:
        rest[-1] = "x"
    return "\n".join([first, *rest])


@settings(max_examples=100)
@given(st.lists(st.tuples(field_names, clean_values()), max_size=6))
def test_rendered_message_parses_back_to_the_same_items(pairs):
    """str(message) read again gives the same headers, for well-formed values."""
    message = Message(pairs)
    again = Message.from_text(str(message))
    assert again.items() == pairs
    assert Message.from_text(str(again)).items() == pairs


def test_rendered_body_parses_back_as_description():
    """A body moved into Description survives a render and a parse."""
    message = Message.from_text("Name: x\n\nline 1\n\n  line 3")
    again = Message.from_text(str(message))
    assert again.items() == message.items()


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(" \t\n\rab\x0c\u3000"), max_size=30))
def test_dedent_matches_newest_textwrap(text):
    """The regex-free dedent gives 3.14's textwrap.dedent result everywhere."""
    assert _dedent(text) == dedent(text)
