"""``diagnose``: why a name is or is not found, entry by entry."""

from __future__ import annotations

import os
import sys

import pytest

import pkgmeta
from helpers import Zip, build_tree
from pkgmeta._inspect.diagnose import diagnose

from .trees import MemoryFinder, installed, metadata


def candidates(result) -> list[tuple[str, str]]:
    """Return ``(basename, status)`` of every candidate, in search order."""
    return [(os.path.basename(c.path), c.status) for c in result.candidates()]


def near_misses(result) -> list[tuple[str, str]]:
    """Return ``(basename, reason)`` of every near miss, in search order."""
    return [
        (os.path.basename(miss.path), miss.reason)
        for entry in result.entries
        for miss in entry.near_misses
    ]


# --- what is found ----------------------------------------------------------


def test_a_plain_hit_is_selected_and_usable(site):
    """One valid metadata directory is the selected, usable candidate."""
    build_tree(site, installed("Foo_Bar", "1.0"))
    result = diagnose("foo.bar", [str(site)])
    assert (result.found, result.usable) == (True, True)
    assert (result.normalized, result.legacy) == ("foo_bar", "foo.bar")
    assert candidates(result) == [("Foo_Bar-1.0.dist-info", "selected")]
    (candidate,) = result.candidates()
    assert (candidate.name, candidate.version, candidate.source) == (
        "Foo_Bar",
        "1.0",
        "METADATA",
    )
    assert result.selected == {
        "path": str(site / "Foo_Bar-1.0.dist-info"),
        "name": "Foo_Bar",
        "version": "1.0",
        "provider": None,
    }


def test_a_stale_directory_is_skipped_for_a_later_valid_one(site, tmp_path):
    """An interrupted uninstall's leftovers are skipped, with the reason."""
    later = tmp_path / "later"
    later.mkdir()
    build_tree(site, {"dup-1.0.dist-info": {"REQUESTED": ""}})
    build_tree(later, installed("dup", "2.0"))
    result = diagnose("dup", [str(site), str(later)])
    assert candidates(result) == [
        ("dup-1.0.dist-info", "skipped"),
        ("dup-2.0.dist-info", "selected"),
    ]
    assert result.candidates()[0].problems == ["no METADATA or PKG-INFO file"]
    assert result.selected is not None
    assert result.selected["version"] == "2.0"


def test_a_second_valid_copy_is_shadowed(site, tmp_path):
    """Of two valid copies the first wins; the second is `shadowed`."""
    later = tmp_path / "later"
    later.mkdir()
    build_tree(site, installed("twice", "1.0"))
    build_tree(later, installed("twice", "2.0"))
    result = diagnose("twice", [str(site), str(later)])
    assert [status for _, status in candidates(result)] == ["selected", "shadowed"]


def test_selection_agrees_with_distribution_on_sys_path(site_dir, tmp_path):
    """Without a path, the selected candidate is what distribution() returns."""
    build_tree(site_dir, {"agree-1.0.dist-info": {"REQUESTED": ""}})
    build_tree(site_dir, installed("agree", "1.5"))
    result = diagnose("Agree")
    assert result.selected is not None
    assert result.selected["path"] == str(pkgmeta.distribution("Agree")._path)


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        (
            {"METADATA": b"Name: bad\nVersion: \xff\n"},
            "METADATA is not valid UTF-8 (byte 19)",
        ),
        ({"METADATA": "Name: x\nVersion: 1\n", "PKG-INFO": ""}, None),
        ({"METADATA": "", "PKG-INFO": ""}, "PKG-INFO is empty"),
        ({"METADATA": {"inner": ""}}, "METADATA is a directory"),
    ],
    ids=["undecodable", "valid", "both-empty", "metadata-is-a-directory"],
)
def test_unreadable_metadata_is_explained(site, files, problem):
    """Each way METADATA can fail to be read is named in the problems."""
    build_tree(site, {"x-1.dist-info": files})
    result = diagnose("x", [str(site)])
    (candidate,) = result.candidates()
    if problem is None:
        assert candidate.problems == []
    else:
        assert problem in candidate.problems
        assert not result.usable


def test_an_empty_metadata_falls_back_to_pkg_info(site):
    """An empty METADATA is noted, and PKG-INFO is read as the lookup does."""
    build_tree(
        site, {"x-1.dist-info": {"METADATA": "", "PKG-INFO": metadata("x", "1")}}
    )
    (candidate,) = diagnose("x", [str(site)]).candidates()
    assert (candidate.source, candidate.problems) == ("PKG-INFO", ["METADATA is empty"])


def test_missing_fields_make_a_found_distribution_unusable(site, cli):
    """No Version field: found, but version() would raise; exit code 1."""
    build_tree(site, {"nover-1.dist-info": {"METADATA": "Name: nover\n"}})
    result = diagnose("nover", [str(site)])
    (candidate,) = result.candidates()
    assert candidate.problems == ["no Version field"]
    assert (result.found, result.usable) == (True, False)
    run = cli("diagnose", "nover", "--path", str(site))
    assert run.code == 1
    assert "But its metadata is unusable" in run.out


def test_a_missing_name_field_is_a_problem(site):
    """No Name field is reported even though the directory matches."""
    build_tree(site, {"anon-1.dist-info": {"METADATA": "Version: 1\n"}})
    (candidate,) = diagnose("anon", [str(site)]).candidates()
    assert candidate.problems == ["no Name field"]


def test_a_name_field_unlike_the_directory_is_a_problem(site):
    """A directory found by its name whose Name field says otherwise is flagged."""
    build_tree(site, {"alias-1.dist-info": {"METADATA": metadata("other", "1")}})
    (candidate,) = diagnose("alias", [str(site)]).candidates()
    assert candidate.problems == [
        "its Name field 'other' does not match the directory name"
    ]


def test_an_egg_info_file_is_read_as_the_metadata(site):
    """A `*.egg-info` file (not a directory) is its own metadata."""
    build_tree(site, {"flat-1.0.egg-info": metadata("flat", "1.0")})
    (candidate,) = diagnose("flat", [str(site)]).candidates()
    assert (candidate.source, candidate.status) == ("", "selected")


def test_a_wheel_on_the_path_is_searched(tmp_path):
    """A zip entry is `zip`; its dist-info is a candidate selected by the lookup."""
    wheel = tmp_path / "wz-1.0-py3-none-any.whl"
    build_tree(tmp_path, {wheel.name: Zip(installed("wz", "1.0", {"wz.py": ""}))})
    result = diagnose("wz", [str(wheel)])
    assert result.entries[0].kind == "zip"
    assert candidates(result) == [("wz-1.0.dist-info", "selected")]


def test_an_egg_is_found_by_its_legacy_name(tmp_path):
    """An egg's EGG-INFO matches by legacy name; other spellings are near misses."""
    egg = tmp_path / "Foo.Bar-1.0-py3.8.egg"
    build_tree(
        tmp_path, {egg.name: {"EGG-INFO": {"PKG-INFO": metadata("Foo.Bar", "1.0")}}}
    )
    hit = diagnose("Foo.Bar", [str(egg)])
    assert [(c.match, c.status) for c in hit.candidates()] == [
        ("legacy-egg-name", "selected")
    ]
    assert hit.candidates()[0].problems == []
    miss = diagnose("foo_bar", [str(egg)])
    assert not miss.found
    ((path, reason),) = near_misses(miss)
    assert path == "EGG-INFO"
    assert "legacy name 'foo.bar'" in reason


# --- what is not found ------------------------------------------------------


def test_every_kind_of_path_entry_is_described(tmp_path):
    """Directories, zips, plain files, missing paths and odd objects are told apart."""
    directory = tmp_path / "dir"
    directory.mkdir()
    plain = tmp_path / "plain.txt"
    plain.write_text("not a zip", encoding="utf-8")
    archive = tmp_path / "a.zip"
    build_tree(tmp_path, {archive.name: Zip({"x.py": ""})})
    entries = [str(directory), str(archive), str(plain), str(tmp_path / "gone"), 42]
    entries += [b"bytes", "nul\x00char", directory]  # a Path counts as its string
    result = diagnose("anything", entries)
    assert [(entry.kind, entry.detail) for entry in result.entries] == [
        ("directory", None),
        ("zip", None),
        ("file", "not a zip archive: nothing is found in it"),
        ("missing", None),
        ("invalid", "not a string or path: ignored"),
        ("invalid", "not a string or path: ignored"),
        ("invalid", "holds a NUL character: ignored"),
        ("directory", None),
    ]
    assert result.entries[4].entry == "42"
    assert not result.found


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_a_named_pipe_on_the_path_is_special(tmp_path):
    """A FIFO is neither opened nor listed: it is `special`."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (entry,) = diagnose("x", [str(fifo)]).entries
    assert (entry.kind, entry.detail) == (
        "special",
        "neither a directory nor a zip file",
    )


def test_the_empty_entry_is_the_current_directory(tmp_path, monkeypatch):
    """`''` on the path is searched as the current directory, and says so."""
    build_tree(tmp_path, installed("here", "1"))
    monkeypatch.chdir(tmp_path)
    result = diagnose("here", [""])
    assert result.entries[0].detail == "the current directory"
    assert candidates(result) == [("here-1.dist-info", "selected")]


NOT_NAMED = "not named *.dist-info or *.egg-info, so never searched"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("pkg-1.0.dist-info.bak", NOT_NAMED),
        ("pkg-1.0.egg-info~", NOT_NAMED),
        (
            "pkg.egg-link",
            "a develop-mode link: the directory it names must be on the path",
        ),
        ("pkg-1.0-py3.8.egg", "an egg is searched only when it is itself on the path"),
        (
            "pkg-1.0-py3-none-any.whl",
            "a wheel is searched only when it is itself on the path",
        ),
        (
            "__editable__.pkg-1.0.pth",
            "an editable-install hook whose metadata directory is missing",
        ),
        ("pkgx-1.0.dist-info.bak", None),  # another project's backup
        ("pkgx-1.0.dist-info", None),  # another project
    ],
)
def test_files_that_look_like_the_project_are_near_misses(site, name, reason):
    """Backups, eggs, egg-links, wheels and editable hooks are named with why."""
    build_tree(site, {name: ""})
    build_tree(site, {"other.pth": "", "unrelated.egg": "", "README.txt": ""})
    result = diagnose("pkg", [str(site)])
    assert not result.found
    assert near_misses(result) == ([(name, reason)] if reason else [])


def test_a_name_differing_only_in_separators_is_a_near_miss(site):
    """`foobar` is not `foo-bar`: the dist-info is shown as a near miss."""
    build_tree(site, installed("foo_bar", "1"))
    result = diagnose("foobar", [str(site)])
    assert near_misses(result) == [
        ("foo_bar-1.dist-info", "differs from the name asked for in its separators")
    ]


def test_metadata_naming_the_project_in_a_misnamed_directory_is_a_near_miss(site):
    """A Name field equal to the query does not help: lookups use directory names."""
    build_tree(site, {"renamed-1.dist-info": {"METADATA": metadata("wanted", "1")}})
    build_tree(site, {"other-1.dist-info": {"METADATA": metadata("other", "1")}})
    build_tree(site, {"stale-1.dist-info": {}})
    result = diagnose("wanted", [str(site)])
    assert near_misses(result) == [
        (
            "renamed-1.dist-info",
            "its Name field is 'wanted', but lookups go by the directory name",
        )
    ]


def test_similar_names_are_suggested(site):
    """A typo gets the close names on the path."""
    build_tree(site, installed("requests", "2"))
    build_tree(site, installed("zzz", "1"))
    assert diagnose("reqeusts", [str(site)]).similar == ["requests"]


# --- finders ----------------------------------------------------------------


def test_a_foreign_finder_that_answers_is_reported_and_can_win(site, monkeypatch):
    """A custom finder before the path finder provides the selected distribution."""
    build_tree(site, installed("shared", "1.0"))
    monkeypatch.setattr(sys, "meta_path", [MemoryFinder("shared"), *sys.meta_path])
    result = diagnose("shared", [str(site)])
    foreign = result.finders[0]
    assert (foreign.role, foreign.error) == ("foreign", None)
    assert foreign.finder.endswith(".MemoryFinder")
    assert [(found["name"], found["version"]) for found in foreign.found] == [
        ("shared", "9.9")
    ]
    assert result.selected is not None
    assert result.selected["provider"].endswith(".MemoryDistribution")
    assert candidates(result) == [("shared-1.0.dist-info", "shadowed")]
    path_answer = next(answer for answer in result.finders if answer.role == "path")
    assert [found["path"] for found in path_answer.found] == [
        str(site / "shared-1.0.dist-info")
    ]


def test_a_failing_foreign_finder_is_reported_not_raised(site, monkeypatch, cli):
    """A finder that raises is shown with its error; the lookup's failure too."""
    build_tree(site, installed("x", "1"))
    monkeypatch.setattr(sys, "meta_path", [MemoryFinder(None), *sys.meta_path])
    result = diagnose("x", [str(site)])
    assert result.finders[0].error == "RuntimeError: finder is broken"
    assert result.lookup_error == "RuntimeError: finder is broken"
    assert (result.found, result.usable) == (False, False)
    assert near_misses(result) == []  # the candidate is not its own near miss
    run = cli("diagnose", "x", "--path", str(site))
    assert run.code == 1
    assert "failed: RuntimeError: finder is broken" in run.out
    assert "Result: the lookup itself fails: RuntimeError" in run.out


def test_a_second_path_finder_is_not_searched_twice(site, monkeypatch):
    """Another path-based finder is listed as a duplicate, not asked."""
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, pkgmeta.MetadataPathFinder])
    roles = [answer.role for answer in diagnose("x", [str(site)]).finders]
    assert roles.count("path") == 1
    assert roles[-1] == "path-duplicate"


# --- the command ------------------------------------------------------------


def test_diagnose_command_explains_a_miss(cli, site):
    """The text names the query, each entry and the verdict; exit code 1."""
    build_tree(site, installed("requests", "2"))
    run = cli("diagnose", "Reqeusts", "--path", str(site))
    assert run.code == 1
    lines = run.lines()
    assert lines[0] == "Looking up 'Reqeusts' (normalized 'reqeusts')"
    assert "Search path (--path), in order:" in lines
    assert f"  1  directory  {site}" in lines
    assert "Result: not found: no metadata directory on the search path is named " \
        "for 'Reqeusts'." in lines  # fmt: skip
    assert "distribution('Reqeusts') raises PackageNotFoundError." in lines
    assert lines[-1] == "Similar names on the search path: requests"


def test_diagnose_command_shows_candidates_under_their_entry(cli, site, tmp_path):
    """Each candidate and near miss is a line under its entry, with its status."""
    later = tmp_path / "later"
    later.mkdir()
    build_tree(site, {"dup-1.0.dist-info": {"REQUESTED": ""}, "dup.egg-link": ""})
    build_tree(later, installed("dup", "2.0"))
    run = cli("diagnose", "Dup", "--path", str(site), "--path", str(later))
    assert run.code == 0
    lines = run.lines()
    assert "     skipped    dup-1.0.dist-info: no METADATA or PKG-INFO file" in lines
    assert "     near miss  dup.egg-link: a develop-mode link: the directory it " \
        "names must be on the path" in lines  # fmt: skip
    assert "     selected   dup-2.0.dist-info: dup 2.0" in lines
    assert lines[-1] == f"Result: found dup 2.0 at {later / 'dup-2.0.dist-info'}"


def test_diagnose_command_names_a_foreign_provider(cli, site, monkeypatch):
    """A distribution from a custom finder is credited to its class."""
    monkeypatch.setattr(sys, "meta_path", [MemoryFinder("mem"), *sys.meta_path])
    run = cli("diagnose", "mem", "--path", str(site))
    assert run.code == 0
    assert "found mem 9.9 at " in run.out
    assert run.lines()[-1].endswith(".MemoryDistribution)")


def test_diagnose_command_lists_finders_that_found_nothing(cli, site, monkeypatch):
    """A foreign finder without an answer says so; a duplicate path finder too."""
    monkeypatch.setattr(
        sys,
        "meta_path",
        [*sys.meta_path, MemoryFinder("other"), pkgmeta.MetadataPathFinder],
    )
    out = cli("diagnose", "x", "--path", str(site)).out
    assert ".MemoryFinder: found nothing" in out
    assert "another path finder: the entries are not searched twice" in out


def test_diagnose_command_json_document(cli, site):
    """--json gives the documented keys at every level."""
    build_tree(site, installed("j", "1"))
    build_tree(site, {"j-1.0.dist-info.bak": {}})
    document = cli("diagnose", "J", "--json", "--path", str(site)).json()
    assert set(document) == {
        "query", "normalized", "legacy", "found", "usable", "selected",
        "lookup_error", "path", "finders", "similar",
    }  # fmt: skip
    (entry,) = document["path"]
    assert set(entry) == {"entry", "kind", "detail", "candidates", "near_misses"}
    (candidate,) = entry["candidates"]
    assert candidate == {
        "path": str(site / "j-1.dist-info"),
        "match": "name",
        "status": "selected",
        "metadata_file": "METADATA",
        "name": "j",
        "version": "1",
        "problems": [],
    }
    assert entry["near_misses"] == [
        {
            "path": str(site / "j-1.0.dist-info.bak"),
            "reason": NOT_NAMED,
        }
    ]
    assert {"finder", "role", "found", "error"} <= set(document["finders"][0])
    assert (document["found"], document["usable"]) == (True, True)


def test_diagnose_command_on_sys_path(cli, site_dir):
    """Without --path the report covers sys.path, entry by entry."""
    build_tree(site_dir, installed("onpath", "3"))
    run = cli("diagnose", "onpath", "--json")
    assert run.code == 0
    document = run.json()
    assert [entry["entry"] for entry in document["path"]] == [
        entry if isinstance(entry, str) else repr(entry) for entry in sys.path
    ]


def test_diagnose_command_with_an_empty_search_path(cli, monkeypatch):
    """An empty sys.path is reported as such."""
    import difflib  # noqa: F401 - nothing can be imported once sys.path is empty

    monkeypatch.setattr(sys, "path", [])
    run = cli("diagnose", "x")
    assert run.code == 1
    assert "  (empty)" in run.lines()


def test_a_foreign_finder_is_asked_about_sys_path_too(site_dir, monkeypatch):
    """Without a path, foreign finders get a context without one, as usual."""
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, MemoryFinder("memonly")])
    result = diagnose("memonly")
    assert result.finders[-1].found[0]["name"] == "memonly"
    assert result.usable


def test_a_lone_stale_directory_is_selected_but_unusable(site, cli):
    """With nothing better, the lookup returns the stale copy: found, not usable."""
    build_tree(site, {"lone-1.0.dist-info": {"REQUESTED": ""}})
    result = diagnose("lone", [str(site)])
    assert candidates(result) == [("lone-1.0.dist-info", "selected")]
    assert (result.found, result.usable) == (True, False)
    assert cli("diagnose", "lone", "--path", str(site)).code == 1


def test_unreadable_entries_and_files_are_reported(site, monkeypatch):
    """Permission errors (simulated: tests may run as root) become `unreadable`."""
    import pathlib

    build_tree(site, {"locked-1.dist-info": {"METADATA": "", "PKG-INFO": ""}})
    real_read = pathlib.Path.read_bytes

    def read_bytes(path):
        if path.name == "PKG-INFO":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    (candidate,) = diagnose("locked", [str(site)]).candidates()
    assert candidate.problems == [
        "METADATA is empty",
        "PKG-INFO cannot be read: permission denied",
    ]

    def denied(path):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(os, "listdir", denied)
    (entry,) = diagnose("locked", [str(site)]).entries
    assert (entry.kind, entry.detail) == ("unreadable", "Permission denied")
    monkeypatch.setattr(os, "stat", denied)
    (entry,) = diagnose("locked", [str(site)]).entries
    assert (entry.kind, entry.detail) == ("unreadable", "Permission denied")


def test_other_read_errors_stop_the_metadata_search(site, monkeypatch):
    """An I/O error other than absence ends the search, as read_text raises it."""
    import pathlib

    build_tree(site, {"io-1.dist-info": {"METADATA": "x", "PKG-INFO": "y"}})

    def failing(path):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(pathlib.Path, "read_bytes", failing)
    (candidate,) = diagnose("io", [str(site)]).candidates()
    assert candidate.problems == [
        "METADATA cannot be read: [Errno 5] Input/output error"
    ]
    assert candidate.source is None


def test_an_unrelated_egg_on_the_path_is_neither_candidate_nor_near_miss(tmp_path):
    """An egg entry whose name has nothing to do with the query adds nothing."""
    egg = tmp_path / "Other-1.0.egg"
    build_tree(
        tmp_path, {egg.name: {"EGG-INFO": {"PKG-INFO": metadata("Other", "1.0")}}}
    )
    result = diagnose("wanted", [str(egg)])
    assert (result.candidates(), near_misses(result)) == ([], [])
