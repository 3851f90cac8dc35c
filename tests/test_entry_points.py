"""Tests for ``EntryPoint``, ``EntryPoints`` and the entry_points.txt parser."""

from __future__ import annotations

import copy
import os.path
import pickle
import re
import sys
import weakref
from collections import OrderedDict
from typing import Any, Tuple
from unittest import mock

import importlib_metadata
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import deprecated
from pkgmeta import _entry_points
from pkgmeta._entry_points import EntryPoint, EntryPoints, parse_entry_points
from pkgmeta._sections import iter_section_lines

Triple = Tuple[str, str, str]

# The stdlib parses entry_points.txt like importlib_metadata from 3.10 on
# (3.8/3.9 use configparser); EntryPoint.module/attr/extras exist from 3.9.
STDLIB_SECTIONED = sys.version_info >= (3, 10)
if sys.version_info >= (3, 9):
    import importlib.metadata as stdlib_metadata

    REFERENCES: list[Any] = [importlib_metadata, stdlib_metadata]
else:
    REFERENCES = [importlib_metadata]


def _reference_raises_value_error() -> bool:
    """importlib_metadata before 8.6 (the 3.8 venv) asserts instead of raising."""
    try:
        importlib_metadata.EntryPoint("n", "not valid!", "g").module
    except ValueError:
        return True
    except AssertionError:
        return False
    raise AssertionError("the reference accepted an invalid value")


REFERENCE_RAISES_VALUE_ERROR = _reference_raises_value_error()
REFERENCE_PATTERN = importlib_metadata.EntryPoint.pattern


def triples(entry_points: Any) -> list[Triple]:
    """The (name, value, group) of each entry point, in order."""
    return [(ep.name, ep.value, ep.group) for ep in entry_points]


def _reference_validates_eagerly() -> bool:
    """importlib_metadata 8.7-9.x (3.9/3.10 venvs) reject bad values on creation."""
    try:
        importlib_metadata.EntryPoint("n", "not valid!", "g")
    except ValueError:
        return True
    return False


REFERENCE_VALIDATES_EAGERLY = _reference_validates_eagerly()


def reference_parse(text: str) -> list[Triple]:
    """What importlib_metadata reads from an entry_points.txt.

    Where the installed version refuses to build entry points with invalid
    values, its section reader is asked for the same (group, name, value)
    pairs that ``EntryPoints._from_text`` turns into entry points.
    """
    if REFERENCE_VALIDATES_EAGERLY:
        pairs = importlib_metadata.Sectioned.section_pairs(text)
        return [(pair.value.name, pair.value.value, pair.name) for pair in pairs]
    return triples(importlib_metadata.EntryPoints._from_text(text))


def reference_components(value: str) -> tuple[str, str | None, list[str]] | None:
    """module, attr and extras by the reference grammar; None when invalid."""
    match = REFERENCE_PATTERN.match(value)
    if match is None:
        return None
    extras = re.findall(r"\w+", match.group("extras") or "")
    return match.group("module"), match.group("attr"), extras


def components(entry_point: Any) -> tuple[str, str | None, list[str]]:
    return entry_point.module, entry_point.attr, entry_point.extras


# -- parsing entry_points.txt ------------------------------------------------

PLAIN_TEXTS = {
    "console_scripts": "[console_scripts]\nfoo = foo.cli:main\nbar=bar:run\n",
    "extras": "[console_scripts]\nfoo = foo.cli:main [cli, color]\n",
    "spaces_around_colon_and_equals": "[g]\nfoo   =   foo.cli  :  main  \n",
    "colon_in_name": "[g]\nns:sub = pkg.mod:obj\n",
    "unicode": "[gröup]\nnäme = pkg_ü.mod:fünc\n",
    "comments": "# header\n[g]\n# c\n# disabled = x:y\na = b # not a comment\n",
    "empty_sections": "[empty]\n[g]\na = b\n[also_empty]\n",
    "several_groups": "[a]\nx = m:f\n[b]\ny = n:g\nz = n\n",
    "no_trailing_newline": "[g]\na = b",
    "empty": "",
}
TRICKY_TEXTS = {
    "duplicate_names": "[g]\na = x:y\na = x:z\n",
    "duplicate_groups": "[g]\na = x\n[h]\nb = y\n[g]\nc = z\n",
    "indented_lines": "  [g]  \n    a = b  \n  # comment\n",
    "section_with_spaces": "[ my group ]\na = b\n",
    "nested_brackets": "[[g]]\na = b\n[]\nc = d\n",
    "crlf_and_cr": "[g]\r\na = b\rc = d\r\n",
    "unicode_line_breaks": "[g]\x0ba = b\x0cc = d\u2028e = f\x1cg = h\x85i = j\n",
    "unicode_whitespace": "\t[g]\t\n\u00a0a\t=\u3000b\u00a0\n",
    "equals_in_value": "[g]\na = b:c [x=1]\nd == e\n",
    "empty_name_or_value": "[g]\n= b\na =\n",
    "lines_before_first_group": "orphan = x\nno equals sign\n[g]\na = b\n",
    "line_starting_with_bracket": "[g]\n[a] = b\n",
    "percent_and_semicolon": "[g]\na = b:c%s\n; d = e\n",
    "invalid_values": "[g]\na = not valid!\nb = -x\nc = m:\n",
    "continuation_like": "[g]\na = b\n  c = d\n",
}
ALL_TEXTS = {**PLAIN_TEXTS, **TRICKY_TEXTS}


@pytest.mark.parametrize("text", ALL_TEXTS.values(), ids=ALL_TEXTS.keys())
def test_parse_entry_points_matches_importlib_metadata(text: str) -> None:
    """Names, values, groups and order are those importlib_metadata reads."""
    assert triples(parse_entry_points(text)) == reference_parse(text)


@pytest.mark.skipif(not STDLIB_SECTIONED, reason="3.8/3.9 parse with configparser")
@pytest.mark.parametrize("text", ALL_TEXTS.values(), ids=ALL_TEXTS.keys())
def test_parse_entry_points_matches_stdlib(text: str) -> None:
    """Names, values, groups and order are those the running stdlib reads."""
    expected = triples(stdlib_metadata.EntryPoints._from_text(text))
    assert triples(parse_entry_points(text)) == expected


@pytest.mark.parametrize("text", PLAIN_TEXTS.values(), ids=PLAIN_TEXTS.keys())
def test_parse_entry_points_matches_stdlib_when_text_is_plain(text: str) -> None:
    """Plain files read the same as with any stdlib, configparser-based too."""
    if sys.version_info >= (3, 10):
        expected = triples(stdlib_metadata.EntryPoints._from_text(text))
    else:
        import importlib.metadata

        expected = triples(importlib.metadata.EntryPoint._from_text(text))
    assert triples(parse_entry_points(text)) == expected


def test_parse_entry_points_splits_at_first_equals_and_strips() -> None:
    """Name and value are split at the first ``=`` and stripped."""
    text = "[g]\n  a b  =  c = d  \n"
    assert triples(parse_entry_points(text)) == [("a b", "c = d", "g")]


def test_parse_entry_points_skips_line_without_equals() -> None:
    """A malformed line is dropped alone, where the reference fails the file."""
    text = "[g]\na = x:y\nthis line is broken\nb = x:z\n"
    with pytest.raises(TypeError):
        reference_parse(text)
    assert triples(parse_entry_points(text)) == [("a", "x:y", "g"), ("b", "x:z", "g")]


def test_parse_entry_points_ignores_lines_before_first_group() -> None:
    """Lines before any ``[group]`` declare nothing, malformed or not."""
    assert parse_entry_points("a = b\nbroken\n") == []


@pytest.mark.parametrize("text", [None, "", "\n\n", "# only a comment\n"])
def test_parse_entry_points_is_empty_when_text_declares_nothing(
    text: str | None,
) -> None:
    """No file, an empty file or a file of comments gives an empty list."""
    assert parse_entry_points(text) == []


def test_parse_entry_points_leaves_dist_unset() -> None:
    """Parsed entry points have no distribution until ``_for`` attaches one."""
    (entry_point,) = parse_entry_points("[g]\na = b\n")
    assert entry_point.dist is None


def test_parse_entry_points_does_not_parse_values() -> None:
    """Listing entry points with invalid values works; no value is looked at."""
    text = TRICKY_TEXTS["invalid_values"]
    assert [ep.name for ep in parse_entry_points(text)] == ["a", "b", "c"]


# Characters that decide how a line splits, strips, opens a group or declares.
TEXT_ALPHABET = "ab_ .:=#[]\t\n\r\x0b\x1c\x85\u2028\u00a0é"


def well_formed(text: str) -> str:
    """*text* without the lines the reference cannot parse (no ``=``)."""

    def parsable(line: str) -> bool:
        stripped = line.strip()
        return (
            not stripped
            or stripped.startswith("#")
            or (stripped.startswith("[") and stripped.endswith("]"))
            or "=" in stripped
        )

    return "\n".join(filter(parsable, text.splitlines()))


@settings(deadline=None)
@given(text=st.text(alphabet=TEXT_ALPHABET))
def test_parse_entry_points_agrees_with_importlib_metadata_on_any_text(
    text: str,
) -> None:
    """Random texts read as the reference reads them once broken lines are gone."""
    assert triples(parse_entry_points(text)) == reference_parse(well_formed(text))


@settings(deadline=None)
@given(text=st.text(alphabet=TEXT_ALPHABET))
def test_parse_entry_points_reads_lines_as_iter_section_lines(text: str) -> None:
    """parse_entry_points reads lines and groups as iter_section_lines does."""
    expected = []
    for group, line in iter_section_lines(text, skip_comments=True):
        name, equals, value = line.partition("=")
        if group is not None and equals:
            expected.append((name.strip(), value.strip(), group))
    assert triples(parse_entry_points(text)) == expected


# -- EntryPoint values -------------------------------------------------------

VALID_VALUES = [
    "pkg",
    "pkg.mod",
    "pkg.mod:obj",
    "pkg.mod:obj.attr.sub",
    "pkg.mod : obj",
    "pkg.mod:\tobj  ",
    "pkg.mod:obj [extra1, extra2]",
    "pkg.mod:obj[extra1,extra2]",
    "pkg.mod [extra]",
    "pkg.mod:obj [ extra-1 , extra.2 ]  ",
    "pkg.mod:obj []",
    "mödule.ünïcode:fünc",
    "_private._mod:_obj",
    "123.456:789",
    "..:..",
    "pkg.mod:obj\n",
]
INVALID_VALUES = [
    "",
    " pkg",
    "pkg-name:obj",
    "pkg:",
    ":obj",
    "pkg:obj:other",
    "pkg obj",
    "pkg:obj [extra",
    "pkg:obj [extra] trailing",
    "pkg:obj [a\n]",
    "pkg.mod:a\u0301",
]


@pytest.mark.parametrize("reference", REFERENCES, ids=lambda m: m.__name__)
@pytest.mark.parametrize("value", VALID_VALUES)
def test_value_components_match_reference(value: str, reference: Any) -> None:
    """module, attr and extras of a value are those of the reference."""
    theirs = reference.EntryPoint("n", value, "g")
    assert components(EntryPoint("n", value, "g")) == components(theirs)


@pytest.mark.parametrize("value", INVALID_VALUES)
def test_invalid_value_raises_only_when_used(value: str) -> None:
    """Construction, repr and listing work; module/attr/extras/load raise."""
    entry_point = EntryPoint("n", value, "g")
    assert repr(EntryPoints([entry_point]))
    assert reference_components(value) is None
    for use in ("module", "attr", "extras"):
        with pytest.raises(ValueError, match="Invalid object reference") as info:
            getattr(entry_point, use)
        assert info.value.args[1] == value
        assert "entry-points/#data-model" in info.value.args[0]
    with pytest.raises(ValueError, match="Invalid object reference"):
        entry_point.load()


@pytest.mark.skipif(
    not REFERENCE_RAISES_VALUE_ERROR, reason="this importlib_metadata asserts"
)
@pytest.mark.parametrize("value", INVALID_VALUES)
def test_invalid_value_raises_like_importlib_metadata(value: str) -> None:
    """The reference rejects the same values, with a ValueError too."""
    with pytest.raises(ValueError, match="Invalid object reference"):
        importlib_metadata.EntryPoint("n", value, "g").module


def test_extras_are_a_new_list_each_time() -> None:
    """Callers may change the extras list without changing the entry point."""
    entry_point = EntryPoint("n", "m:f [a, b]", "g")
    entry_point.extras.append("c")
    assert entry_point.extras == ["a", "b"]


def test_attr_is_none_for_a_bare_module() -> None:
    """A value without ``:`` names a module: attr is None and extras empty."""
    entry_point = EntryPoint("n", "pkg.mod", "g")
    assert components(entry_point) == ("pkg.mod", None, [])


def test_common_values_are_parsed_without_the_regular_expression(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Values without extras never compile the grammar (nor import ``re``)."""

    def refuse() -> None:
        raise AssertionError("the grammar was compiled")

    monkeypatch.setattr(_entry_points, "_value_pattern", refuse)
    for value in ("pkg.mod:obj.attr", "pkg", "pkg.mod : obj ", "ünï.cödé:x"):
        assert EntryPoint("n", value, "g").module == value.partition(":")[0].strip()


def test_pattern_is_the_reference_grammar() -> None:
    """``EntryPoint.pattern`` is there for code that matches values itself."""
    assert EntryPoint.pattern.pattern == REFERENCE_PATTERN.pattern
    assert EntryPoint("n", "v", "g").pattern is EntryPoint.pattern


WORD_CHARS = "aZ_09éßΩ٣²中ǅ"  # letters, digits of other scripts, numerics
NON_WORD_CHARS = "-!\u0301+"  # \u0301 (a combining mark) is not \w
SPACES = ["", " ", "  ", "\t", "\u00a0", "\u3000", "\x1c", "\x0c"]
dotted_words = st.text(alphabet=WORD_CHARS + ".", min_size=1, max_size=12)


@st.composite
def entry_point_values(draw: st.DrawFn) -> str:
    """Values shaped like the grammar, with optional flaws and whitespace."""
    space = st.sampled_from(SPACES)
    parts = [draw(space), draw(dotted_words), draw(space)]
    if draw(st.booleans()):
        parts += [":", draw(space), draw(dotted_words), draw(space)]
    if draw(st.booleans()):
        names = draw(st.lists(st.text(alphabet=WORD_CHARS + "-.", max_size=6)))
        separator = draw(st.sampled_from([",", ", ", " , ", ";"]))
        parts += ["[", separator.join(names), "]", draw(space)]
    if draw(st.integers(0, 9)) == 0:  # a flaw somewhere, now and then
        flaw = draw(st.sampled_from(NON_WORD_CHARS + ":[]\n"))
        position = draw(st.integers(0, len(parts)))
        parts.insert(position, flaw)
    return "".join(parts)


def assert_components_agree(value: str) -> None:
    expected = reference_components(value)
    entry_point = EntryPoint("n", value, "g")
    if expected is None:
        with pytest.raises(ValueError, match="Invalid object reference"):
            entry_point.module
    else:
        assert components(entry_point) == expected


def test_str_methods_classify_characters_as_the_grammar_does() -> None:
    """Over all of Unicode, ``isalnum``/``_`` is ``\\w`` and ``strip`` drops ``\\s``.

    This is what lets values without extras skip the regular expression.
    The one exception, U+180E (stripped by PyPy only), never takes that path.
    """
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    words = [c for c in every if c.isalnum() or c == "_"]
    assert re.findall(r"\w", every) == words
    stripped = [c for c in every if not c.strip()]
    assert re.findall(r"\s", every) == [
        c for c in stripped if c != _entry_points._NOT_SPACE_TO_RE
    ]


@pytest.mark.parametrize("value", ["mod\u180e", "mod:\u180eattr", "\u180emod"])
def test_mongolian_vowel_separator_is_no_space(value: str) -> None:
    """U+180E is no ``\\s`` to the grammar, though PyPy's ``strip()`` drops it."""
    assert_components_agree(value)


@settings(deadline=None, max_examples=300)
@given(value=entry_point_values())
def test_components_agree_with_reference_grammar(value: str) -> None:
    """module/attr/extras (or the error) follow the reference regex exactly."""
    assert_components_agree(value)


@settings(deadline=None, max_examples=300)
@given(value=st.text(alphabet=WORD_CHARS + NON_WORD_CHARS + ".:[], \t\n\x1c"))
def test_components_agree_with_reference_grammar_on_any_text(value: str) -> None:
    """Arbitrary strings are accepted or rejected exactly as by the regex."""
    assert_components_agree(value)


@settings(deadline=None)
@given(value=st.text())
def test_components_agree_with_reference_grammar_on_any_unicode(value: str) -> None:
    """Word characters and whitespace are those of ``re`` over all of Unicode."""
    assert_components_agree(value)


# -- EntryPoint objects ------------------------------------------------------


def test_entry_point_is_immutable() -> None:
    """No attribute can be set or deleted, not even private ones."""
    entry_point = EntryPoint("n", "m:f", "g")
    for name in ("name", "value", "group", "dist", "_parsed", "new"):
        with pytest.raises(AttributeError, match=r"EntryPoint objects are immutable\."):
            setattr(entry_point, name, "x")
        with pytest.raises(AttributeError, match=r"EntryPoint objects are immutable\."):
            delattr(entry_point, name)
    assert triples([entry_point]) == [("n", "m:f", "g")]


def test_entry_point_accepts_positional_and_keyword_arguments() -> None:
    """``EntryPoint(name, value, group)`` in either spelling, as the reference."""
    keywords = EntryPoint(group="g", value="m:f", name="n")
    assert keywords == EntryPoint("n", "m:f", "g")


def test_entry_points_with_equal_fields_are_equal_and_hash_alike() -> None:
    """Equality and hash follow (name, value, group) and ignore dist."""
    first = EntryPoint("n", "m:f", "g")._for(object())
    second = EntryPoint("n", "m:f", "g")
    assert first == second
    assert hash(first) == hash(second)
    assert len({first, second, EntryPoint("n", "m:f", "h")}) == 2
    assert first != EntryPoint("n", "m:f", "h")


def test_entry_point_is_not_equal_to_other_objects() -> None:
    """Comparing with a non-entry point is False rather than an error."""
    entry_point = EntryPoint("n", "m:f", "g")
    assert entry_point != ("n", "m:f", "g")
    assert entry_point != None  # noqa: E711 - the comparison under test
    assert entry_point in [1, "x", entry_point]
    with pytest.raises(TypeError):
        entry_point < ("n", "m:f", "g")  # noqa: B015 - expected to raise


def test_entry_point_leaves_other_comparisons_to_the_other_object() -> None:
    """Against other types the other side decides, so ANY and reference objects work."""
    entry_point = EntryPoint("n", "m:f", "g")
    theirs = importlib_metadata.EntryPoint("n", "m:f", "g")
    assert entry_point == mock.ANY
    assert entry_point == theirs
    assert theirs == entry_point


def test_entry_points_sort_by_name_value_group() -> None:
    """Sorting orders by name, then value, then group, like the reference."""
    fields = [
        ("b", "m:f", "g"),
        ("a", "m:g", "g"),
        ("a", "m:f", "h"),
        ("a", "m:f", "g"),
    ]
    ours = sorted(EntryPoint(*f) for f in fields)
    theirs = sorted(importlib_metadata.EntryPoint(*f) for f in fields)
    assert triples(ours) == triples(theirs) == sorted(fields)


def test_repr_matches_reference() -> None:
    """The repr spells a keyword constructor call, as the reference's does."""
    fields = ("n'x", "m:f [e]", "g")
    expected = "EntryPoint(name=\"n'x\", value='m:f [e]', group='g')"
    assert repr(EntryPoint(*fields)) == expected
    assert repr(EntryPoint(*fields)) == repr(importlib_metadata.EntryPoint(*fields))


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_entry_point_pickles_without_dist(protocol: int) -> None:
    """A pickled entry point comes back equal, with its dist left behind."""
    entry_point = EntryPoint("n", "m:f [e]", "g")._for(object())
    entry_point.module  # the parse cache is not pickled either
    restored = pickle.loads(pickle.dumps(entry_point, protocol))
    assert type(restored) is EntryPoint
    assert restored == entry_point
    assert restored.dist is None
    assert components(restored) == ("m", "f", ["e"])


class _PluginEntryPoint(EntryPoint):
    """A subclass, as plugin hosts sometimes define."""


def test_entry_point_subclass_pickles_as_itself() -> None:
    """Pickling keeps the class of a subclass instance."""
    restored = pickle.loads(pickle.dumps(_PluginEntryPoint("n", "m", "g")))
    assert type(restored) is _PluginEntryPoint


def test_copy_gives_an_equal_entry_point() -> None:
    """copy and deepcopy give an equal entry point, without a dist too."""
    entry_point = EntryPoint("n", "m:f", "g")
    assert copy.copy(entry_point) == entry_point
    assert copy.deepcopy(entry_point) == entry_point
    assert copy.copy(entry_point).dist is None


class _Dist:
    """A stand-in distribution that deep-copies."""


def test_copy_keeps_dist_as_the_references_do() -> None:
    """copy shares ``dist``, deepcopy copies it: what a ``__dict__`` gives.

    Pickling still leaves it out (test_entry_point_pickles_without_dist);
    importlib_metadata pickles it with the entry point.
    """
    dist = _Dist()
    entry_point = EntryPoint("n", "m:f", "g")._for(dist)
    copied = copy.copy(entry_point)
    assert (copied, copied.dist) == (entry_point, dist)
    assert copied is not entry_point
    deep = copy.deepcopy(entry_point)
    assert deep == entry_point
    assert type(deep.dist) is _Dist
    assert deep.dist is not dist
    reference = importlib_metadata.EntryPoint("n", "m:f", "g")._for(dist)
    assert copy.copy(reference).dist is dist
    assert copy.deepcopy(reference).dist is not dist


def test_deepcopy_shares_the_dist_copy_among_entry_points() -> None:
    """Entry points of one distribution keep sharing one (copied) dist."""
    dist = _Dist()
    entry_points = [EntryPoint(name, "m:f", "g")._for(dist) for name in "ab"]
    first, second = copy.deepcopy(entry_points)
    assert first.dist is second.dist is not dist


def test_copy_of_a_subclass_keeps_its_class_and_attributes() -> None:
    """A subclass (with a ``__dict__``) is copied as itself, extras included."""
    entry_point = _PluginEntryPoint("n", "m", "g")._for(_Dist())
    vars(entry_point)["note"] = ["x"]
    for clone in (copy.copy(entry_point), copy.deepcopy(entry_point)):
        assert type(clone) is _PluginEntryPoint
        assert vars(clone) == {"note": ["x"]}
        assert clone == entry_point
    assert copy.copy(entry_point).note is entry_point.note
    assert copy.deepcopy(entry_point).note is not entry_point.note


def test_copies_of_found_entry_points_keep_a_working_dist(site_dir) -> None:
    """A copied entry point of an installed distribution still names it."""
    import pkgmeta
    from helpers import build_tree

    build_tree(
        site_dir,
        {
            "cp-1.0.dist-info": {
                "METADATA": "Name: cp\nVersion: 1.0\n",
                "entry_points.txt": "[g]\nn = m:f\n",
            }
        },
    )
    (entry_point,) = pkgmeta.distribution("cp").entry_points
    for clone in (copy.copy(entry_point), copy.deepcopy(entry_point)):
        assert clone.dist is not None
        assert clone.dist.version == "1.0"


def test_for_attaches_dist_and_returns_the_same_object() -> None:
    """``_for`` sets dist on the entry point itself and returns it."""
    dist = object()
    entry_point = EntryPoint("n", "m:f", "g")
    assert entry_point.dist is None
    assert entry_point._for(dist) is entry_point
    assert entry_point.dist is dist


def test_entry_point_can_be_weakly_referenced() -> None:
    """``__slots__`` keeps weak references working, as for a plain class."""
    entry_point = EntryPoint("n", "m:f", "g")
    assert weakref.ref(entry_point)() is entry_point


def test_load_returns_the_named_object() -> None:
    """load() imports the module and walks the dotted attribute."""
    assert EntryPoint("n", "os.path:join", "g").load() is os.path.join
    assert EntryPoint("n", "os.path : join [x]", "g").load() is os.path.join
    nested = EntryPoint("n", "collections:OrderedDict.fromkeys", "g").load()
    assert nested == OrderedDict.fromkeys


def test_load_returns_the_module_when_there_is_no_attr() -> None:
    """A bare module reference loads the module itself."""
    assert EntryPoint("n", "os.path", "g").load() is os.path


def test_load_skips_empty_attribute_parts() -> None:
    """Empty parts of a dotted attribute are skipped, as the reference does."""
    value = "collections:.OrderedDict..fromkeys."
    assert EntryPoint("n", value, "g").load() == OrderedDict.fromkeys
    assert importlib_metadata.EntryPoint("n", value, "g").load() == OrderedDict.fromkeys


def test_load_raises_for_missing_module_and_attribute() -> None:
    """Import and attribute errors come out of load() unchanged."""
    with pytest.raises(ModuleNotFoundError):
        EntryPoint("n", "no_such_module_pkgmeta:f", "g").load()
    with pytest.raises(AttributeError):
        EntryPoint("n", "os.path:no_such_attribute", "g").load()


def test_matches_compares_the_given_attributes() -> None:
    """matches() is True when every given attribute is equal."""
    entry_point = EntryPoint("bar", "bing:bong [extra1, extra2]", "foo")
    assert entry_point.matches()
    assert entry_point.matches(group="foo")
    assert entry_point.matches(name="bar", value="bing:bong [extra1, extra2]")
    assert entry_point.matches(module="bing", attr="bong")
    assert entry_point.matches(extras=["extra1", "extra2"])
    assert not entry_point.matches(group="foo", name="other")


def test_matches_rejects_dist() -> None:
    """Distributions do not compare equal, so matching on dist is refused."""
    with pytest.raises(ValueError, match='"dist"'):
        EntryPoint("n", "m:f", "g").matches(dist=None)


def test_matches_raises_for_unknown_attribute() -> None:
    """An unknown parameter is an AttributeError, as in the reference."""
    with pytest.raises(AttributeError):
        EntryPoint("n", "m:f", "g").matches(colour="red")


def test_matches_stops_at_the_first_difference() -> None:
    """Parameters after a mismatch are not read, so an invalid value is spared."""
    entry_point = EntryPoint("n", "not valid!", "g")
    assert not entry_point.matches(group="other", module="x")
    with pytest.raises(ValueError, match="Invalid object reference"):
        entry_point.matches(group="g", module="x")


# -- EntryPoints -------------------------------------------------------------

SAMPLE = "[g]\na = m:f\nb = m:g\na = m:h\n[h]\nc = n\n"


def both(text: str = SAMPLE) -> tuple[EntryPoints, Any]:
    """Our EntryPoints and importlib_metadata's, from the same text."""
    return (
        EntryPoints(parse_entry_points(text)),
        importlib_metadata.EntryPoints(importlib_metadata.EntryPoints._from_text(text)),
    )


def test_entry_points_getitem_returns_first_with_name() -> None:
    """``eps[name]`` is the first entry point of that name."""
    ours, theirs = both()
    assert ours["a"] == EntryPoint("a", "m:f", "g")
    assert triples([ours["a"]]) == triples([theirs["a"]])


def test_entry_points_getitem_raises_key_error_with_the_name() -> None:
    """A missing name raises KeyError carrying that name."""
    ours, _ = both()
    with pytest.raises(KeyError) as info:
        ours["missing"]
    assert info.value.args == ("missing",)


def test_entry_points_getitem_takes_no_slices() -> None:
    """A slice is looked up as a name, as in the reference: KeyError."""
    ours, theirs = both()
    with pytest.raises(KeyError):
        theirs[slice(0, 1)]
    with pytest.raises(KeyError):
        ours[slice(0, 1)]


def test_entry_points_index_is_the_deprecated_shape_of_3_10() -> None:
    """An integer indexes the tuple, with the warning 3.10/3.11 gave.

    importlib_metadata 5+ raises KeyError; code written for 3.8-3.11
    (pipdeptree 2.x's ``dist.entry_points[0]``) indexes.
    """
    ours, theirs = both()
    with pytest.raises(KeyError):
        theirs[0]
    with deprecated(match=r"tuple\(entry_points\)\[0\]"):
        assert ours[0] is next(iter(ours))


@pytest.mark.parametrize(
    "params",
    [{}, {"group": "g"}, {"group": "x"}, {"name": "a"}, {"name": "a", "group": "g"}],
)
def test_entry_points_select_matches_reference(params: dict[str, str]) -> None:
    """select() keeps the matching entry points in order, like the reference."""
    ours, theirs = both()
    selected = ours.select(**params)
    assert type(selected) is EntryPoints
    assert triples(selected) == triples(theirs.select(**params))


def test_entry_points_select_by_module_and_extras() -> None:
    """Any EntryPoint attribute can be selected on."""
    ours = EntryPoints(parse_entry_points("[g]\na = m:f [x]\nb = n:f\n"))
    assert [ep.name for ep in ours.select(module="m")] == ["a"]
    assert [ep.name for ep in ours.select(extras=[])] == ["b"]


def test_entry_points_select_rejects_dist() -> None:
    """Selecting on dist raises, as matches() does."""
    ours, _ = both()
    with pytest.raises(ValueError, match='"dist"'):
        ours.select(dist=None)


def test_entry_points_names_and_groups_match_reference() -> None:
    """names and groups are the sets of names and groups."""
    ours, theirs = both()
    assert ours.names == theirs.names == {"a", "b", "c"}
    assert ours.groups == theirs.groups == {"g", "h"}


def test_entry_points_repr_matches_reference() -> None:
    """The repr shows the class and the tuple of entry points."""
    ours, theirs = both("[g]\na = m:f\n")
    assert repr(ours) == repr(theirs)
    assert repr(ours) == (
        "EntryPoints((EntryPoint(name='a', value='m:f', group='g'),))"
    )


def test_entry_points_is_an_immutable_tuple() -> None:
    """EntryPoints is a tuple without instance attributes."""
    ours, _ = both()
    assert isinstance(ours, tuple)
    assert len(ours) == 4
    with pytest.raises(AttributeError):
        ours.extra = 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_entry_points_pickle(protocol: int) -> None:
    """An EntryPoints round-trips through pickle as EntryPoints."""
    ours, _ = both()
    restored = pickle.loads(pickle.dumps(ours, protocol))
    assert type(restored) is EntryPoints
    assert restored == ours
