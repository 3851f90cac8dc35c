"""Fault corpus: the optional metadata files (requires, entry points, RECORD...).

requires.txt, entry_points.txt, RECORD, installed-files.txt and
direct_url.json are covered.

Each file is read as the references read it where they give an answer; where
they raise on one bad line or row, pkgmeta skips that line or row only (see
docs/faults.md and docs/compatibility.md).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import pathlib
import re
import sys

import pytest

import pkgmeta

from .faults import (
    BACKPORT,
    IS_ROOT,
    outcome,
    reference_dist,
    triples,
)

MD = "Metadata-Version: 2.1\nName: proj\nVersion: 1.0\n"
DIST = "proj-1.0.dist-info"


def make_proj(env, files: dict, *, egg: bool = False) -> str:
    """Build ``proj`` with extra metadata *files*; return its metadata directory."""
    if egg:
        return env.dist(
            "proj.egg-info", {"PKG-INFO": MD.replace("2.1", "1.1"), **files}
        )
    return env.dist(DIST, {"METADATA": MD, **files})


# --- requires.txt -----------------------------------------------------------------

ODD_REQUIRES = (
    "base>=1\n"
    "# a comment before any section\n"
    "\n"
    "[extra]\n"
    "  spaced  \n"
    "# a comment in a section\n"
    "[:sys_platform == 'win32']\n"
    "win-only\n"
    "[extra2:python_version < '3.9']\n"
    "old\n"
    "[]\n"
    "in-empty-section\n"
    "[[doubled]]\n"
    "doubled\n"
    "[unclosed\n"
    "after-unclosed\n"
    "pkg @ https://example.org/pkg.zip\n"
    "  [  padded  ]  \n"
    "last\n"
)


def test_requires_txt_with_odd_sections_and_comments_reads_like_the_references(
    env, reference
):
    """Sections become markers and comments stay, as the references give them."""
    skip_old_stdlib(reference, (3, 10), "strips neither lines nor section names")
    path = make_proj(env, {"requires.txt": ODD_REQUIRES}, egg=True)
    assert pkgmeta.requires("proj") == reference_dist(reference, path).requires


def test_requires_dist_wins_over_requires_txt(env, reference):
    """When PKG-INFO has Requires-Dist, requires.txt is not read (references agree)."""
    path = env.dist(
        "proj.egg-info",
        {"PKG-INFO": MD + "Requires-Dist: real\n", "requires.txt": "ignored\n"},
    )
    assert pkgmeta.requires("proj") == reference_dist(reference, path).requires
    assert pkgmeta.requires("proj") == ["real"]


def test_requires_txt_directory_is_no_requirements(env, reference):
    """A directory named requires.txt is skipped: no requirements (references agree)."""
    path = make_proj(env, {"requires.txt": {}}, egg=True)
    assert pkgmeta.requires("proj") is None
    assert reference_dist(reference, path).requires is None


# --- entry_points.txt --------------------------------------------------------------


def test_entry_points_with_malformed_lines_keep_every_valid_line(env):
    """Lines without ``=`` are skipped; every other line of every group is kept.

    Deliberate difference: the references raise (``TypeError``/``ValueError``)
    for the whole file, and from ``entry_points()`` for the whole environment.
    """
    make_proj(
        env,
        {
            "entry_points.txt": (
                "[g]\nfirst = a:b\nno equals sign\n = value-without-name\n"
                "name-without-value =\n[g2\nsecond = c:d\n[g3]\nthird=e\n"
            )
        },
    )
    # "[g2" opens no group (no closing bracket): it is a line without "=".
    assert triples(pkgmeta.distribution("proj").entry_points) == [
        ("first", "a:b", "g"),
        ("", "value-without-name", "g"),
        ("name-without-value", "", "g"),
        ("second", "c:d", "g"),
        ("third", "e", "g3"),
    ]
    assert [ep.name for ep in pkgmeta.entry_points(group="g3")] == ["third"]
    assert [ep.name for ep in pkgmeta.entry_points(group="pkgmeta.faults")] == [
        "good-plugin"
    ]


WELL_FORMED_ENTRY_POINTS = {
    "no-section": "orphan = a:b\n\n# only a comment\n",
    "duplicates": "[g]\na = x:one\na = x:two\n[g]\na = x:three\n[h]\na = x:four\n",
    "extras": (
        "[g]\nwith = mod:attr [extra1, extra2]\nspaced = mod . sub : attr [ e ]\n"
        "module-only = mod\nbad = mod:attr [unclosed\n"
    ),
    "unicode": "[grüppe]\nnäme = mödule.ünï:àttr\n名前 = モジュール:属性\n",
    "odd-whitespace": "  [g]  \n\tname\t=\tmod:attr\t\n\x0cx = y\n",
    "comments": "# c\n[g]\n# c = not:an entry\n; semicolon = stays\nname = mod\n",
    "invalid-values": "[g]\nbad = not a reference!\nempty =\ncolon = :attr\n",
}


def skip_old_stdlib(reference, since: tuple[int, int], why: str) -> None:
    """Skip a comparison with the stdlib of Pythons older than *since*."""
    if reference is importlib.metadata and sys.version_info < since:
        pytest.skip(f"the stdlib before {since[0]}.{since[1]} {why}")


@pytest.mark.parametrize(
    "text", list(WELL_FORMED_ENTRY_POINTS.values()), ids=list(WELL_FORMED_ENTRY_POINTS)
)
def test_entry_points_read_like_the_references(env, reference, text):
    """Sections, duplicates, extras, unicode and odd values read like the references."""
    skip_old_stdlib(reference, (3, 10), "parses entry_points.txt with configparser")
    path = make_proj(env, {"entry_points.txt": text})
    ours = pkgmeta.distribution("proj").entry_points
    listed = outcome(lambda: reference_dist(reference, path).entry_points)
    if listed[0] == "raises":
        # importlib_metadata 8.7-9.x checks values when listing; pkgmeta
        # lists them and lets only their use raise (compatibility.md).
        assert listed == ("raises", "ValueError")
        with pytest.raises(ValueError, match="Invalid object reference"):
            [ep.module for ep in ours]
        return
    theirs = listed[1]
    assert triples(ours) == triples(theirs)
    for mine, their in zip(ours, theirs):
        parts = outcome(lambda ep=mine: (ep.module, ep.attr, ep.extras))
        reference_parts = outcome(
            lambda ep=their: (ep.module, ep.attr, list(ep.extras))
        )
        if reference_parts[0] == "returns":
            assert parts == reference_parts, mine
        else:
            # Deliberate difference: ValueError naming the value, where the
            # references raise AttributeError or (3.13) AssertionError.
            assert parts == ("raises", "ValueError"), mine
            with pytest.raises(ValueError, match="Invalid object reference"):
                mine.module


def test_duplicate_entry_point_names_are_all_kept(env):
    """Every duplicate is listed; lookup by name gives the first one."""
    make_proj(env, {"entry_points.txt": WELL_FORMED_ENTRY_POINTS["duplicates"]})
    found = pkgmeta.entry_points(group="g")
    assert [ep.value for ep in found] == ["x:one", "x:two", "x:three"]
    assert found["a"].value == "x:one"


def test_entry_points_txt_directory_is_no_entry_points(env, reference):
    """A directory named entry_points.txt means no entry points (references agree)."""
    path = make_proj(env, {"entry_points.txt": {}})
    assert list(pkgmeta.distribution("proj").entry_points) == []
    assert list(reference_dist(reference, path).entry_points) == []


# --- RECORD ------------------------------------------------------------------------


def files_of_proj() -> list[tuple[str, str | None, str | None, int | None]]:
    """``files("proj")`` as (path, hash mode, hash value, size) tuples."""
    return [
        (
            str(path),
            path.hash.mode if path.hash else None,
            path.hash.value if path.hash else None,
            path.size,
        )
        for path in pkgmeta.files("proj") or ()
    ]


def reference_files(module, path: str) -> list[tuple]:
    """The reference's files of *path*, as :func:`files_of_proj` gives ours.

    Rows whose file does not exist are dropped (the 3.12+ behaviour, applied
    by pkgmeta on every Python).
    """
    found = reference_dist(module, path).files or ()
    return [
        (
            str(item),
            item.hash.mode if item.hash else None,
            item.hash.value if item.hash else None,
            item.size,
        )
        for item in found
        if item.locate().exists()
    ]


@pytest.fixture
def outside(env):
    """A file outside the site directory, for ``..`` and absolute RECORD paths."""
    path = env.root / "outside.txt"
    path.write_text("x")
    return path


RECORDS = {
    "unbalanced-quote": 'proj.py,,\n"unclosed.py,sha256=abc,1\nproj2.py,,\n',
    "quoted-comma": '"with,comma.txt",sha256=abc,3\nproj.py,,\n',
    "missing-columns": "proj.py\nproj2.py,sha256=abc\n",
    "unknown-algorithm": "proj.py,md7=abc,3\nproj2.py,SHA-999=x=y,4\n",
    "bad-base64": "proj.py,sha256=!!not*base64!!,3\nproj2.py,sha256=,0\n",
    "hash-without-equals": "proj.py,sha256,3\n",
    "crlf": "proj.py,sha256=abc,3\r\nproj2.py,,\r\n",
    "dot-dot": "../outside.txt,sha256=abc,1\nproj.py,,\n",
    "redundant-separators": "./proj.py,,\nsub//../proj2.py,,\n",
    "empty-path": ",,\nproj.py,,\n",
}


@pytest.mark.parametrize("record", list(RECORDS.values()), ids=list(RECORDS))
def test_record_rows_read_like_the_references(env, reference, outside, record):
    """Odd but parsable RECORD rows give the references' paths, hashes and sizes."""
    path = make_proj(env, {"RECORD": record})
    env.add({"proj.py": "", "proj2.py": "", "with,comma.txt": ""})
    assert files_of_proj() == reference_files(reference, path)


def test_absolute_record_path_is_kept_when_the_file_exists(env, reference, outside):
    """An absolute RECORD path names that file, as in the references."""
    path = make_proj(env, {"RECORD": f"{outside},,\n/no/such/file,,\nproj.py,,\n"})
    env.add({"proj.py": ""})
    assert files_of_proj() == reference_files(reference, path)
    located = [item.locate() for item in pkgmeta.files("proj")]
    assert str(located[0]) == str(outside)


@pytest.mark.parametrize(
    "record",
    [
        pytest.param("proj.py,sha256=abc,big\nproj2.py,,\n", id="size-not-int"),
        pytest.param("proj.py,sha256=abc,3,extra,columns\nproj2.py,,\n", id="5-cols"),
        pytest.param("proj.py,,\n\n\nproj2.py,,\n", id="blank-lines"),
    ],
)
def test_broken_record_rows_are_lenient_where_the_references_raise(env, record):
    """A row the references choke on costs that row's detail only.

    Deliberate difference: the references raise ``ValueError``/``TypeError``
    out of ``files()`` and ``packages_distributions()``.
    """
    make_proj(env, {"RECORD": record})
    env.add({"proj.py": "", "proj2.py": ""})
    assert [entry[0] for entry in files_of_proj()] == ["proj.py", "proj2.py"]
    assert pkgmeta.packages_distributions()["proj"] == ["proj"]


@pytest.mark.parametrize(
    "row",
    [",,", '"",,', ".,,", "./,,", "/,,", "//,,", "{outside},,"],
    ids=repr,
)
def test_record_row_without_a_module_name_costs_only_that_row(
    env, reference, outside, row
):
    """A row naming the install root (no parts) or an absolute path gives no name.

    ``files()`` lists it as the references do; ``packages_distributions()``
    keeps the distribution's other names. The references raise
    ``ValueError`` (``top, *rest = parts``; the stdlib from 3.13) for the
    rows without parts, losing the whole environment, and map ``"/"`` to
    the distribution for a root or absolute path (docs/compatibility.md).
    """
    row = row.format(outside=outside)
    path = make_proj(env, {"RECORD": f"proj.py,,\n{row}\n"})
    env.add({"proj.py": ""})
    assert files_of_proj() == reference_files(reference, path)
    mapping = pkgmeta.packages_distributions()
    assert mapping["proj"] == ["proj"]
    assert mapping["good"] == ["good"]
    assert [name for name, dists in mapping.items() if "proj" in dists] == ["proj"]
    if reference is not BACKPORT and sys.version_info < (3, 13):
        return  # the stdlib before 3.13 infers names another way (no unpacking)
    if row.startswith("/"):
        theirs = reference.packages_distributions()
        root = pathlib.PurePosixPath(row.split(",")[0]).anchor  # "/" or "//"
        assert [name for name in theirs if "/" in name] == [root]
    else:
        assert outcome(reference.packages_distributions) == ("raises", "ValueError")


def test_record_with_nul_byte_keeps_the_rows_before_it(env):
    """A NUL byte ends the readable part (3.8-3.10 csv) or names no file (3.11+)."""
    make_proj(env, {"RECORD": "proj.py,,\nbad\x00name.py,,\nproj2.py,,\n"})
    env.add({"proj.py": "", "proj2.py": ""})
    kept = [entry[0] for entry in files_of_proj()]
    assert kept[0] == "proj.py"
    assert "bad\x00name.py" not in kept
    assert kept == (["proj.py", "proj2.py"] if sys.version_info >= (3, 11) else kept)


def test_record_field_over_the_csv_limit_keeps_the_rows_before_it(env):
    """A path longer than csv's field limit stops the list there, without an error."""
    make_proj(env, {"RECORD": "proj.py,,\n" + "x" * 200_000 + ",,\nproj2.py,,\n"})
    env.add({"proj.py": "", "proj2.py": ""})
    assert [entry[0] for entry in files_of_proj()] == ["proj.py"]


@pytest.mark.parametrize(
    "record", [pytest.param("", id="empty"), pytest.param({}, id="directory")]
)
def test_empty_or_directory_record_means_no_file_list(env, reference, record):
    """An empty RECORD, or a directory named RECORD, gives ``None`` (stdlib: same)."""
    path = make_proj(env, {"RECORD": record})
    assert pkgmeta.files("proj") is None
    assert reference_dist(reference, path).files is None


# --- installed-files.txt -----------------------------------------------------------


def test_installed_files_through_a_symlink_loop_are_left_out(env):
    """A listed path inside a symlink loop is simply not there.

    Deliberate difference: ``Path.resolve()`` raises ``RuntimeError`` on a
    loop before 3.13, out of the reference's ``files()``.
    """
    env.dist(
        "proj.egg-info",
        {
            "PKG-INFO": MD,
            "installed-files.txt": "../proj.py\n../loop/inner.py\n../nul\x00.py\n",
        },
    )
    env.add({"proj.py": ""})
    os.symlink("loop", env.site / "loop")
    assert [str(item) for item in pkgmeta.files("proj")] == ["proj.py"]
    assert pkgmeta.packages_distributions()["proj"] == ["proj"]


# --- direct_url.json ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("{not json", id="invalid"),
        pytest.param("", id="empty"),
        pytest.param('{"url": "x"', id="truncated"),
        pytest.param('{"url": "x"} trailing', id="trailing-data"),
    ],
)
def test_invalid_direct_url_json_raises_value_error_like_the_references(
    env, reference, text
):
    """``origin`` raises json's JSONDecodeError (a ValueError), as the references do."""
    path = make_proj(env, {"direct_url.json": text})
    with pytest.raises(json.JSONDecodeError):
        pkgmeta.distribution("proj").origin
    skip_old_stdlib(reference, (3, 13), "has no Distribution.origin")
    dist = reference_dist(reference, path)
    assert outcome(lambda: dist.origin) == ("raises", "JSONDecodeError")


def test_invalid_direct_url_json_error_names_the_file(env):
    """The JSONDecodeError says which distribution's direct_url.json is broken."""
    path = make_proj(env, {"direct_url.json": "{not json"})
    with pytest.raises(json.JSONDecodeError, match=r"direct_url\.json") as caught:
        pkgmeta.distribution("proj").origin
    assert path in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[1, 2]", id="list"),
        pytest.param('"a string"', id="string"),
        pytest.param("null", id="null"),
        pytest.param('{"url": "x", "not-an-identifier": {"class": 1}}', id="odd-keys"),
    ],
)
def test_direct_url_json_of_another_shape_reads_like_the_backport(env, text):
    """JSON that is not a PEP 610 object is handed back as importlib_metadata does."""
    path = make_proj(env, {"direct_url.json": text})
    ours = pkgmeta.distribution("proj").origin
    theirs = reference_dist(BACKPORT, path).origin
    assert json.dumps(ours, default=vars) == json.dumps(theirs, default=vars)


def test_direct_url_json_directory_means_no_origin(env):
    """A directory named direct_url.json means no origin, as a missing file does."""
    make_proj(env, {"direct_url.json": {}})
    assert pkgmeta.distribution("proj").origin is None


# --- undecodable files -------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "content", "call", "attribute"),
    [
        pytest.param(
            "requires.txt",
            b"caf\xe9\n",
            lambda: pkgmeta.requires("proj"),
            "requires",
            id="requires.txt",
        ),
        pytest.param(
            "entry_points.txt",
            b"[g]\nname = mod:\xff\n",
            lambda: pkgmeta.distribution("proj").entry_points,
            "entry_points",
            id="entry_points.txt",
        ),
        pytest.param(
            "RECORD",
            b"caf\xe9.py,,\n",
            lambda: pkgmeta.files("proj"),
            "files",
            id="RECORD",
        ),
    ],
)
def test_undecodable_file_raises_unicode_decode_error_like_the_references(
    env, reference, filename, content, call, attribute
):
    """A file that is not UTF-8 raises UnicodeDecodeError, as in the references."""
    # requires.txt belongs to egg-info directories
    path = make_proj(env, {filename: content}, egg=filename == "requires.txt")
    with pytest.raises(UnicodeDecodeError):
        call()
    assert outcome(lambda: getattr(reference_dist(reference, path), attribute)) == (
        "raises",
        "UnicodeDecodeError",
    )


UNDECODABLE = {
    "METADATA": lambda: pkgmeta.version("proj"),
    "entry_points.txt": lambda: pkgmeta.distribution("proj").entry_points,
    "RECORD": lambda: pkgmeta.files("proj"),
    "direct_url.json": lambda: pkgmeta.distribution("proj").origin,
}


@pytest.mark.parametrize("filename", list(UNDECODABLE), ids=list(UNDECODABLE))
def test_unicode_decode_error_names_the_file(env, filename):
    """Whichever metadata file is not UTF-8, the error says which one."""
    path = make_proj(env, {filename: b"\xff\xfe broken \xe9"})
    with pytest.raises(
        UnicodeDecodeError, match=re.escape(os.path.join(path, filename))
    ):
        UNDECODABLE[filename]()


@pytest.mark.skipif(IS_ROOT, reason="permission bits do not stop root")
def test_unreadable_record_means_no_file_list(env):
    """A RECORD nobody may read counts as missing, as in the references."""
    path = make_proj(env, {"RECORD": "proj.py,,\n"})
    record = os.path.join(path, "RECORD")
    os.chmod(record, 0)
    try:
        assert pkgmeta.files("proj") is None
    finally:
        os.chmod(record, 0o644)
