"""Property tests of the public API over metadata files generated on disk.

The parser modules have their own property tests (test_headers, test_message,
test_sections, test_entry_points, test_files, test_names); these go one layer
up: a structure is generated, written out as the files an installer writes,
read back through ``pkgmeta``'s public functions, and compared with the
structure itself and with the references (``importlib_metadata``, the
running stdlib) reading the same files.
"""

from __future__ import annotations

import contextlib
import csv
import importlib.metadata as stdlib_metadata
import io
import json
import os
import pathlib
import sys
import tempfile
from typing import Any, Iterator, List, Optional, Tuple

import importlib_metadata
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import pkgmeta
from helpers import Tree, build_tree
from strategies import header_names

BACKPORT_VERSION = tuple(
    int(part)
    for part in importlib_metadata.version("importlib_metadata").split(".")[:2]
)
# The stdlib reads requires.txt, names and entry points like the backport from 3.10.
STDLIB_MODERN = sys.version_info >= (3, 10)

Fields = List[Tuple[str, str]]
Triple = Tuple[str, str, str]


@contextlib.contextmanager
def site_of(tree: Tree) -> Iterator[pathlib.Path]:
    """A fresh directory holding *tree*, put first on ``sys.path`` meanwhile.

    Hypothesis runs many examples per test, so pytest's function-scoped
    ``tmp_path`` cannot be used; every example gets its own directory,
    which also keeps any path-entry cache from seeing an earlier example.
    """
    with tempfile.TemporaryDirectory() as directory:
        build_tree(directory, tree)
        sys.path.insert(0, directory)
        try:
            yield pathlib.Path(directory)
        finally:
            sys.path.remove(directory)


def only_distribution(site: pathlib.Path) -> pkgmeta.Distribution:
    """The single distribution pkgmeta finds in *site*."""
    (dist,) = pkgmeta.distributions(path=[str(site)])
    return dist


# -- core metadata and PackageMetadata.json -----------------------------------

# Fields of core metadata 2.5 that may appear more than once (the spec's list,
# which the json form turns into lists).
MULTIPLE_USE = {
    "classifier",
    "dynamic",
    "import-name",
    "import-namespace",
    "license-file",
    "obsoletes-dist",
    "platform",
    "project-url",
    "provides-dist",
    "provides-extra",
    "requires-dist",
    "requires-external",
    "supported-platform",
}
SINGLE_USE_NAMES = [
    "Metadata-Version",
    "Name",
    "Version",
    "Summary",
    "Home-page",
    "Author",
    "Author-email",
    "License",
    "Requires-Python",
    "Description",
    "Description-Content-Type",
]
MULTIPLE_USE_NAMES = [
    "Classifier",
    "Requires-Dist",
    "Provides-Extra",
    "Project-URL",
    "Platform",
    "Dynamic",
    "License-File",
    "Import-Name",
]
# Any other name email accepts is a single-use field; those whose json key
# reads back as a special field ("requires_dist" -> Requires-Dist) are left
# out, as the round trip through json cannot tell them apart.
SPECIAL_KEYS = {key.replace("-", "_") for key in MULTIPLE_USE} | {
    "keywords",
    "description",
}
other_names = header_names(max_size=8).filter(
    lambda name: name.lower().replace("-", "_") not in SPECIAL_KEYS
)
field_names = (
    st.sampled_from([*SINGLE_USE_NAMES, *MULTIPLE_USE_NAMES]).flatmap(
        lambda name: st.sampled_from([name, name.lower(), name.upper()])
    )
    | other_names
)

# Line text email keeps as it is: no \r or \n (the only line ends it knows),
# no surrogates (not encodable). In a value, a line of only whitespace
# (isspace(): "\x1f" and "\u3000" too) would be emptied by the fold's
# dedent, so it must hold something else; the body keeps any line.
line_chars = st.characters(exclude_categories=("Cs",), exclude_characters="\r\n")
body_lines = st.text(alphabet=line_chars, max_size=10)
lines = body_lines.filter(lambda line: not line.isspace())


@st.composite
def field_values(draw: st.DrawFn) -> str:
    """A value a METADATA writer can fold: its first character is no space or tab."""
    first = draw(lines.filter(lambda line: line[:1] not in (" ", "\t")))
    rest = draw(st.lists(lines, max_size=3)) if first else []
    return "\n".join([first, *rest])


keyword_words = st.text(
    alphabet=st.characters(
        exclude_categories=("Cs", "Zs", "Zl", "Zp", "Cc"), exclude_characters=" "
    ),
    min_size=1,
    max_size=6,
).filter(lambda word: not any(char.isspace() for char in word))


@st.composite
def keyword_values(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A Keywords value and the words the json form must split it into."""
    words = draw(st.lists(keyword_words, min_size=1, max_size=4))
    gaps = [draw(st.sampled_from([" ", "  ", "\t", " \t "])) for _ in words[1:]]
    return words[0] + "".join(gap + word for gap, word in zip(gaps, words[1:])), words


def render_field(name: str, value: str) -> str:
    """One header as build backends write it: further lines indented 8 spaces."""
    first, *rest = value.split("\n")
    return "".join([f"{name}: {first}\n", *(f"        {line}\n" for line in rest)])


def render_metadata(fields: Fields, body: str) -> str:
    """A METADATA file: the headers, then the body after a blank line if any."""
    text = "".join(render_field(name, value) for name, value in fields)
    return text + "\n" + body if body else text


def expected_json(
    fields: Fields, keywords: dict[str, list[str]], body: str
) -> dict[str, Any]:
    """The json form PEP 566 describes for *fields*, computed from the structure.

    Keys are field names lower-cased with ``_`` for ``-``, in the order they
    first appear; a repeatable field gives all its values, Keywords its
    words, any other field its first value. Where two names make one key
    (``Home-page``, ``home_page``), the name that appears last decides the
    value (the reference fills a dict name by name). A body is the
    Description unless a header gave one.
    """
    result: dict[str, Any] = {}
    for name, _ in fields:
        key = name.lower().replace("-", "_")
        values = [value for other, value in fields if other.lower() == name.lower()]
        if name.lower() in MULTIPLE_USE:
            result[key] = values
        elif key == "keywords":
            result[key] = keywords[values[0]]
        else:
            result[key] = values[0]
    if body and "description" not in result:
        result["description"] = body
    return result


@st.composite
def metadata_structures(
    draw: st.DrawFn,
) -> tuple[Fields, dict[str, list[str]], str]:
    """Header fields (Keywords among them), their keyword splits and a body.

    There is always one field at least: an empty METADATA counts as missing.
    """
    fields: Fields = []
    keywords: dict[str, list[str]] = {}
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.integers(0, 5)) == 0:
            value, words = draw(keyword_values())
            keywords[value] = words
            fields.append((draw(st.sampled_from(["Keywords", "keywords"])), value))
        else:
            fields.append((draw(field_names), draw(field_values())))
    body = draw(st.just("") | st.lists(body_lines, max_size=4).map("\n".join))
    return fields, keywords, body


def dist_info(fields: Fields, body: str) -> Tree:
    return {"gen-1.0.dist-info": {"METADATA": render_metadata(fields, body)}}


# Two names, one json key: the name written last decides the value.
SHARED_KEY = ([("Home-page", "a"), ("home_page", "b"), ("HOME-PAGE", "c")], {}, "")


@example(SHARED_KEY)
@given(metadata_structures())
def test_metadata_json_is_the_structure_written(structure):
    """A written METADATA reads back as the json form of the fields written."""
    fields, keywords, body = structure
    with site_of(dist_info(fields, body)) as site:
        found = only_distribution(site).metadata.json
    expected = expected_json(fields, keywords, body)
    assert found == expected
    assert list(found) == list(expected)  # keys in order of first appearance
    assert json.loads(json.dumps(found)) == found


@pytest.mark.skipif(
    BACKPORT_VERSION < (10, 2), reason="importlib_metadata before 10.2 differs"
)
@example(SHARED_KEY)
@given(metadata_structures())
def test_metadata_json_matches_importlib_metadata(structure):
    """pkgmeta's json of a METADATA file is importlib_metadata 10.2's, key order too."""
    fields, _, body = structure
    with site_of(dist_info(fields, body)) as site:
        path = site / "gen-1.0.dist-info"
        reference = importlib_metadata.PathDistribution(path).metadata.json
        found = only_distribution(site).metadata.json
    assert list(found.items()) == list(reference.items())


def render_json(data: dict[str, Any]) -> str:
    """A METADATA file written from a json form (PEP 566: its inverse mapping)."""
    fields: Fields = []
    body = ""
    for key, value in data.items():
        name = key.replace("_", "-")
        if key == "keywords":
            fields.append((name, " ".join(value)))
        elif isinstance(value, list):
            fields.extend((name, item) for item in value)
        elif key == "description" and value:
            body = value  # a body keeps any text verbatim, a header would not
        else:
            fields.append((name, value))
    return render_metadata(fields, body)


@given(metadata_structures())
def test_metadata_json_survives_being_written_back(structure):
    """json -> METADATA -> json gives the same dict (the PEP 566 round trip)."""
    fields, _, body = structure
    with site_of(dist_info(fields, body)) as site:
        first = only_distribution(site).metadata.json
    again_tree: Tree = {"gen-1.0.dist-info": {"METADATA": render_json(first)}}
    with site_of(again_tree) as site:
        again = only_distribution(site).metadata.json
    assert again == first


@given(metadata_structures(), st.sampled_from(["Name", "NAME", "name"]))
def test_metadata_lookups_give_the_values_written(structure, spelling):
    """metadata(name)[field] and get_all(field) give what was written, any case."""
    fields, _, body = structure
    fields = [("Name", "gen"), *fields]
    with site_of(dist_info(fields, body)):
        message = pkgmeta.metadata("gen")
        assert message[spelling] == "gen"
        for name, _ in fields:
            written = [
                value for other, value in fields if other.lower() == name.lower()
            ]
            if name.lower() == "description" and body:
                written.append(body)  # the body comes last, as a Description
            assert message.get_all(name.swapcase()) == written
            assert message[name] == written[0]


# -- entry_points.txt ---------------------------------------------------------

WORD_CHARS = "aZ_09éßΩ٣中"
words = st.text(alphabet=WORD_CHARS, min_size=1, max_size=5)
dotted = st.lists(words, min_size=1, max_size=3).map(".".join)
gap = st.sampled_from(["", "", " ", "\t", "  "])


@st.composite
def entry_point_values(draw: st.DrawFn) -> str:
    """Object references, mostly valid, sometimes with one flaw inserted."""
    value = draw(dotted)
    if draw(st.booleans()):
        value += draw(gap) + ":" + draw(gap) + draw(dotted)
    if draw(st.integers(0, 3)) == 0:
        extras = draw(st.lists(st.text(alphabet="az09_-.", max_size=4), max_size=3))
        value += draw(gap) + "[" + draw(st.sampled_from([",", ", "])).join(extras) + "]"
    if draw(st.integers(0, 4)) == 0:
        flaw = draw(st.sampled_from(list("-!:[] ")))
        at = draw(st.integers(0, len(value)))
        value = value[:at] + flaw + value[at:]
    return value.strip()  # the file format strips what surrounds a value


# Entry point names as the file format can carry them: no '=', no line break,
# no surrounding space, and not starting like a comment or a section header.
entry_point_names = (
    st.text(alphabet="abc_.-:XZ09é ", min_size=1, max_size=8)
    .map(str.strip)
    .filter(lambda name: name != "")
)
# Unique per test run, so that the venv's own entry points never mix in.
group_names = st.text(alphabet="abc_.XZ09-", min_size=1, max_size=6).map(
    lambda name: f"pkgmeta.prop.{name}"
)


def _backport_validates_eagerly() -> bool:
    """importlib_metadata 8.7-9.x (3.9/3.10 venvs) reject bad values on creation."""
    try:
        importlib_metadata.EntryPoint("n", "not valid!", "g")
    except ValueError:
        return True
    return False


BACKPORT_VALIDATES_EAGERLY = _backport_validates_eagerly()


def reference_is_valid(value: str) -> bool:
    """Whether the reference grammar (importlib_metadata's regex) accepts *value*."""
    return importlib_metadata.EntryPoint.pattern.match(value) is not None


@st.composite
def entry_point_files(draw: st.DrawFn) -> tuple[str, list[Triple]]:
    """An entry_points.txt and the (name, value, group) triples it declares."""
    declared: list[Triple] = []
    lines_: list[str] = []
    for group in draw(st.lists(group_names, max_size=3)):
        lines_.append(f"[{group}]")
        for name in draw(st.lists(entry_point_names, max_size=4)):
            value = draw(entry_point_values())
            spacing = draw(st.sampled_from(["=", " = ", "= ", "\t=\t"]))
            lines_.append(f"{name}{spacing}{value}")
            declared.append((name, value, group))
        if draw(st.booleans()):
            lines_.append(draw(st.sampled_from(["", "# a comment", "   "])))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines_) + newline, declared


@given(entry_point_files())
def test_entry_points_are_the_declared_triples(written):
    """entry_points(group=...) gives each declared entry point, in file order."""
    text, declared = written
    tree: Tree = {
        "eps-1.0.dist-info": {
            "METADATA": "Name: eps\nVersion: 1.0\n",
            "entry_points.txt": text,
        }
    }
    with site_of(tree):
        for group in dict.fromkeys(group for _, _, group in declared):
            found = pkgmeta.entry_points(group=group)
            assert [(ep.name, ep.value, ep.group) for ep in found] == [
                triple for triple in declared if triple[2] == group
            ]
            assert all(ep.dist is not None and ep.dist.name == "eps" for ep in found)


@given(entry_point_files())
def test_entry_points_match_importlib_metadata(written):
    """A distribution's entry points are the reference's, whatever the values."""
    text, declared = written
    if BACKPORT_VALIDATES_EAGERLY and not all(
        reference_is_valid(value) for _, value, _ in declared
    ):
        return  # importlib_metadata 8.7-9.x reject an invalid value when listing
    tree: Tree = {
        "eps-1.0.dist-info": {"METADATA": "Name: eps\n", "entry_points.txt": text}
    }
    with site_of(tree) as site:
        reference = importlib_metadata.PathDistribution(site / "eps-1.0.dist-info")
        expected = [(ep.name, ep.value, ep.group) for ep in reference.entry_points]
        found = only_distribution(site).entry_points
    assert [(ep.name, ep.value, ep.group) for ep in found] == expected


@given(entry_point_names, entry_point_values())
def test_entry_point_components_match_importlib_metadata(name, value):
    """module/attr/extras are the reference's; an invalid value raises on use only."""
    tree: Tree = {
        "eps-1.0.dist-info": {
            "METADATA": "Name: eps\n",
            "entry_points.txt": f"[pkgmeta.prop]\n{name} = {value}\n",
        }
    }
    with site_of(tree):
        (entry_point,) = pkgmeta.entry_points(group="pkgmeta.prop")
    # listing, repr and hashing never parse the value
    assert repr(entry_point)
    assert entry_point == pkgmeta.EntryPoint(name, value, "pkgmeta.prop")
    assert hash(entry_point) == hash(pkgmeta.EntryPoint(name, value, "pkgmeta.prop"))
    if reference_is_valid(value):
        reference = importlib_metadata.EntryPoint(name, value, "pkgmeta.prop")
        assert (entry_point.module, entry_point.attr, entry_point.extras) == (
            reference.module,
            reference.attr,
            reference.extras,
        )
    else:
        for use in ("module", "attr", "extras"):
            with pytest.raises(ValueError, match="Invalid object reference"):
                getattr(entry_point, use)
        with pytest.raises(ValueError, match="Invalid object reference"):
            entry_point.load()


# -- requires.txt -------------------------------------------------------------

project_names = st.from_regex(
    r"[A-Za-z][A-Za-z0-9]{0,4}([-_.][A-Za-z0-9]{1,3})?", fullmatch=True
)
extra_names = st.from_regex(r"[a-z][a-z0-9]{0,3}([-_.][a-z0-9]{1,2})?", fullmatch=True)
MARKERS = [
    'python_version < "3.8"',
    "python_version >= '3'",
    'sys_platform == "win32"',
    'os_name == "posix" and platform_machine != "nonesuch"',
    'implementation_name == "cpython" or python_version < "2.7"',
]


@st.composite
def requirement_lines(draw: st.DrawFn) -> tuple[str, str]:
    """A PEP 508 requirement without a marker, and its project name."""
    name = draw(project_names)
    if draw(st.integers(0, 4)) == 0:
        return f"{name} @ https://example.com/{name}.zip", name
    line = name
    if draw(st.booleans()):
        line += (
            "[" + ",".join(draw(st.lists(extra_names, min_size=1, max_size=2))) + "]"
        )
    if draw(st.booleans()):
        line += draw(st.sampled_from([">=1.0", "==2.*", "<3,>1", "~=1.4", "!=0.1"]))
    return line, name


Section = Tuple[Optional[str], Optional[str], List[Tuple[str, str]]]


@st.composite
def requires_structures(draw: st.DrawFn) -> list[Section]:
    """Requirements grouped under (extra, marker) sections; the first is bare."""
    sections: list[Section] = [
        (None, None, draw(st.lists(requirement_lines(), max_size=3)))
    ]
    for _ in range(draw(st.integers(0, 4))):
        extra = draw(st.none() | extra_names)
        marker = draw(st.none() | st.sampled_from(MARKERS))
        if extra is None and marker is None:
            extra = draw(extra_names)
        reqs = draw(st.lists(requirement_lines(), min_size=1, max_size=3))
        sections.append((extra, marker, reqs))
    return sections


def render_requires(sections: list[Section], newline: str) -> str:
    """requires.txt as setuptools writes it: one header per extra/marker pair."""
    out: list[str] = []
    for extra, marker, reqs in sections:
        if extra is not None or marker is not None:
            out.append(f"[{extra or ''}{':' + marker if marker else ''}]")
        out.extend(line for line, _ in reqs)
        out.append("")
    return newline.join(out)


def expected_requirements(sections: list[Section]) -> list[str]:
    """The PEP 508 strings each section's requirements stand for."""
    result = []
    for extra, marker, reqs in sections:
        conditions = []
        if marker:
            conditions.append(f"({marker})" if extra else marker)
        if extra:
            conditions.append(f'extra == "{extra}"')
        suffix = "; " + " and ".join(conditions) if conditions else ""
        for line, _ in reqs:
            # PEP 508 needs a space between a URL and its marker.
            result.append(line + (" " if "@" in line else "") + suffix)
    return result


def egg_info_with_requires(text: str) -> Tree:
    return {
        "reqs.egg-info": {
            "PKG-INFO": "Metadata-Version: 1.1\nName: reqs\nVersion: 1.0\n",
            "requires.txt": text,
        }
    }


@given(requires_structures(), st.sampled_from(["\n", "\r\n"]))
def test_requires_txt_sections_become_markers(sections, newline):
    """requires() gives each requirement with its section's marker appended."""
    with site_of(egg_info_with_requires(render_requires(sections, newline))):
        found = pkgmeta.requires("reqs")
    assert found == expected_requirements(sections)


@given(requires_structures(), st.sampled_from(["\n", "\r\n"]))
def test_requires_txt_matches_the_references(sections, newline):
    """requires() of an egg-info is importlib_metadata's and the stdlib's."""
    with site_of(egg_info_with_requires(render_requires(sections, newline))) as site:
        path = site / "reqs.egg-info"
        found = pkgmeta.requires("reqs")
        assert found == importlib_metadata.PathDistribution(path).requires
        # 3.8/3.9 add no space after a URL (importlib_metadata issue 357) and
        # give "" for a requires.txt without requirements.
        legacy_differs = not found or any("@" in line for line in found)
        if STDLIB_MODERN or not legacy_differs:
            assert found == stdlib_metadata.PathDistribution(path).requires


@given(requires_structures())
def test_requires_txt_markers_select_what_the_sections_did(sections):
    """Each requirement parses as PEP 508 and applies exactly where its section did."""
    with site_of(egg_info_with_requires(render_requires(sections, "\n"))):
        found = pkgmeta.requires("reqs") or []
    flat = [
        (extra, marker, name) for extra, marker, reqs in sections for _, name in reqs
    ]
    assert len(found) == len(flat)
    asked = ["", *(extra for extra, _, _ in sections if extra)]
    for text, (extra, marker, name) in zip(found, flat):
        requirement = Requirement(text)
        assert requirement.name == name
        for wanted in asked:
            applies = (
                not extra or canonicalize_name(extra) == canonicalize_name(wanted)
            ) and (not marker or Marker(marker).evaluate())
            selected = requirement.marker is None or requirement.marker.evaluate(
                {"extra": wanted}
            )
            assert selected == applies, (text, wanted)


# -- RECORD -------------------------------------------------------------------

# File and directory names that exercise csv quoting (comma, quote, space)
# and UTF-8; the suffixes keep a file from sharing a name with a directory.
name_chars = st.sampled_from(list("abcXYZ019 ,\"'#=_-.é中"))
dir_names = st.text(alphabet=name_chars, min_size=1, max_size=5).map(lambda n: n + "_d")
file_names = st.text(alphabet=name_chars, min_size=1, max_size=5).map(
    lambda n: n + ".f"
)
record_hashes = st.sampled_from(["", "sha256=", "sha256=AbC-_09", "md5=x=y", "nohash"])
record_sizes = st.sampled_from(["", "0", "17", "123456789012"])


@st.composite
def record_rows(draw: st.DrawFn) -> list[tuple[str, str, str, bool]]:
    """(path, hash, size, exists) rows for files under ``pkg/``, a few missing."""
    rows = {}
    for _ in range(draw(st.integers(1, 8))):
        parts = ["pkg", *draw(st.lists(dir_names, max_size=2)), draw(file_names)]
        rows["/".join(parts)] = (
            draw(record_hashes),
            draw(record_sizes),
            draw(st.integers(0, 4)) != 0,
        )
    return [(path, *row) for path, row in rows.items()]


def record_tree(rows: list[tuple[str, str, str, bool]], newline: str) -> Tree:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerows((path, spec, size) for path, spec, size, _ in rows)
    writer.writerow(("rec-1.0.dist-info/RECORD", "", ""))
    tree: Tree = {
        "rec-1.0.dist-info": {
            "METADATA": "Name: rec\nVersion: 1.0\n",
            "RECORD": buffer.getvalue(),
        }
    }
    for path, _, _, exists in rows:
        if exists:
            *directories, name = path.split("/")
            node = tree
            for directory in directories:
                node = node.setdefault(directory, {})  # type: ignore[assignment]
            node[name] = f"content of {path}"
    return tree


def described(files: Any) -> list[tuple[str, Any, Any]]:
    return [
        (str(path), path.hash and (path.hash.mode, path.hash.value), path.size)
        for path in files
    ]


@given(record_rows(), st.sampled_from(["\r\n", "\n"]))
def test_record_rows_read_as_the_csv_module_reads_them(rows, newline):
    """files() gives csv.reader's path, hash and size for each existing file."""
    with site_of(record_tree(rows, newline)) as site:
        record = site / "rec-1.0.dist-info" / "RECORD"
        with open(record, encoding="utf-8", newline="") as stream:
            parsed = list(csv.reader(stream))
        expected = [
            (
                path,
                spec.partition("=")[::2] if spec else None,
                int(size) if size else None,
            )
            for path, spec, size in parsed
            if os.path.exists(site / path)
        ]
        found = pkgmeta.files("rec")
        assert found is not None
        assert described(found) == expected
        for path in found:
            assert path.dist is not None
            if path.name != "RECORD":
                assert path.read_text(encoding="utf-8") == f"content of {path}"
                assert path.locate() == site / str(path)


@given(record_rows(), st.sampled_from(["\r\n", "\n"]))
def test_record_rows_match_importlib_metadata(rows, newline):
    """files() of a written RECORD is importlib_metadata's (missing files dropped)."""
    with site_of(record_tree(rows, newline)) as site:
        reference = importlib_metadata.PathDistribution(site / "rec-1.0.dist-info")
        expected = described(reference.files)
        found = described(pkgmeta.files("rec"))
    assert found == expected


# -- names --------------------------------------------------------------------

name_words = st.lists(
    st.text(alphabet="abcxyzABCXYZ0189", min_size=1, max_size=4), min_size=1, max_size=4
)
separators = st.text(alphabet="-_.", min_size=1, max_size=3)


@st.composite
def spellings(draw: st.DrawFn, parts: list[str]) -> str:
    """One spelling of the name made of *parts*: any case, any separator runs."""
    cased = [
        draw(st.sampled_from([part, part.lower(), part.upper()])) for part in parts
    ]
    return cased[0] + "".join(draw(separators) + part for part in cased[1:])


@given(st.text(alphabet=st.sampled_from("aAzZ09-_. ÄéİßK"), max_size=20) | st.text())
def test_normalize_agrees_with_packaging(name):
    """normalize() is packaging's canonicalize_name with '_' for '-', and idempotent."""
    from pkgmeta._names import normalize

    assert normalize(name) == canonicalize_name(name).replace("-", "_")
    assert normalize(normalize(name)) == normalize(name)


@given(name_words.flatmap(lambda parts: st.tuples(spellings(parts), spellings(parts))))
def test_every_spelling_of_a_name_finds_the_distribution(pair):
    """A project installed under one spelling is found by any equivalent one."""
    installed, asked = pair
    # Wheels escape runs of '-' in the directory name; '.', '_' and case stay.
    stem = "_".join(part for part in installed.replace("-", "_").split("_") if part)
    tree: Tree = {
        f"{stem}-2.0.dist-info": {"METADATA": f"Name: {installed}\nVersion: 2.0\n"}
    }
    with site_of(tree) as site:
        assert pkgmeta.version(asked) == "2.0"
        assert pkgmeta.distribution(asked).name == installed
        other = asked + "x"
        with pytest.raises(pkgmeta.PackageNotFoundError):
            pkgmeta.version(other)
        if STDLIB_MODERN:
            found = stdlib_metadata.distributions(name=asked, path=[str(site)])
            assert [dist.metadata["Name"] for dist in found] == [installed]
