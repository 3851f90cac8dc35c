"""The inspecting commands (list, show, entry-points, files, requires, which)."""

from __future__ import annotations

import errno
import json
import sys

import pytest

import pkgmeta
from helpers import Zip, build_tree
from pkgmeta._cli import environment as cli_environment
from pkgmeta._top_level import top_level_names

from .trees import MemoryFinder, digest, installed, metadata

EP_TEXT = "[console_scripts]\nalpha = alpha.cli:main\n\n[alpha.plugins]\nx = alpha.x\n"


@pytest.fixture
def populated(site):
    """A site holding ``alpha`` (full metadata) and ``beta`` (bare)."""
    build_tree(
        site,
        installed(
            "alpha",
            "1.0",
            {"alpha/__init__.py": "A = 1\n", "alpha/cli.py": "def main(): pass\n"},
            meta=metadata(
                "alpha",
                "1.0",
                "Summary: The first letter",
                "Home-page: https://alpha.example",
                "License: MIT",
                "Requires-Python: >=3.8",
                "Requires-Dist: beta>=2",
                "Requires-Dist: gamma; extra == 'fast'",
                "Project-URL: Source, https://src.example/alpha",
                "Project-URL: Docs, https://docs.example/alpha",
            ),
            info={
                "entry_points.txt": EP_TEXT,
                "INSTALLER": "pip\n",
                "direct_url.json": json.dumps(
                    {"url": "file:///src/alpha", "dir_info": {"editable": True}}
                ),
                "top_level.txt": "alpha\n",
            },
        ),
    )
    build_tree(site, installed("Beta", "2.5", {"beta.py": "B = 2\n"}))
    return site


# --- list -------------------------------------------------------------------


def test_list_prints_a_sorted_table(cli, populated):
    """`list` prints a header, a rule and one row per distribution, by name."""
    run = cli("list", "--path", str(populated))
    assert run.code == 0
    rows = [line.split() for line in run.lines()]
    assert rows[0] == ["Name", "Version", "Location"]
    assert rows[2:] == [
        ["alpha", "1.0", str(populated)],
        ["Beta", "2.5", str(populated)],
    ]


def test_list_json_is_a_list_of_name_version_location(cli, populated):
    """`list --json` gives one object per distribution with three keys."""
    run = cli("list", "--json", "--path", str(populated))
    assert run.json() == {
        "distributions": [
            {
                "name": "alpha",
                "version": "1.0",
                "location": str(populated),
                "editable_project_location": "/src/alpha",
            },
            {
                "name": "Beta",
                "version": "2.5",
                "location": str(populated),
                "editable_project_location": None,
            },
        ],
        "skipped": [],
    }


def test_list_path_is_repeatable(cli, populated, tmp_path):
    """Two `--path` options search both directories."""
    other = tmp_path / "other"
    other.mkdir()
    build_tree(other, installed("gamma", "3"))
    run = cli("list", "--json", "--path", str(populated), "--path", str(other))
    rows = run.json()["distributions"]
    assert [row["name"] for row in rows] == ["alpha", "Beta", "gamma"]


def test_list_of_an_empty_directory_prints_nothing(cli, site):
    """An empty result is an empty output, with exit code 0."""
    run = cli("list", "--path", str(site))
    assert (run.code, run.out, run.err) == (0, "", "")


@pytest.mark.parametrize(
    ("tree", "message"),
    [
        ({"stale-1.0.dist-info": {"REQUESTED": ""}}, "No package metadata"),
        ({"bad-1.0.dist-info": {"METADATA": b"Name: bad\nVersion: \xff\n"}}, "decode"),
        ({"anon-1.0.dist-info": {"METADATA": "Version: 1.0\n"}}, "Name not present"),
        ({"nover-1.0.dist-info": {"METADATA": "Name: nover\n"}}, "Version not present"),
    ],
    ids=["no-metadata", "undecodable", "no-name", "no-version"],
)
def test_list_skips_broken_distributions_with_one_line_on_stderr(
    cli, populated, tree, message
):
    """A broken distribution is reported on stderr; the others are listed."""
    build_tree(populated, tree)
    run = cli("list", "--json", "--path", str(populated))
    assert run.code == 0
    assert [row["name"] for row in run.json()["distributions"]] == ["alpha", "Beta"]
    (skip,) = run.json()["skipped"]
    assert message in skip["reason"]
    run = cli("list", "--path", str(populated))
    (line,) = run.err.splitlines()
    assert line.startswith("pkgmeta: skipped ")
    assert message in line


def test_list_path_that_does_not_exist_is_a_usage_error(cli, tmp_path):
    """A `--path` that does not exist exits 2 instead of listing nothing."""
    run = cli("list", "--path", str(tmp_path / "nowhere"))
    assert run.code == 2
    assert run.err.splitlines()[-1] == (
        f"pkgmeta list: error: --path {tmp_path / 'nowhere'}: no such file or directory"
    )


def test_list_reads_a_wheel_on_the_path(cli, tmp_path):
    """A zip given as `--path` is searched like a directory."""
    wheel = tmp_path / "zeta-1.0-py3-none-any.whl"
    build_tree(tmp_path, {wheel.name: Zip(installed("zeta", "1.0", {"zeta.py": ""}))})
    rows = cli("list", "--json", "--path", str(wheel)).json()["distributions"]
    assert [(row["name"], row["version"]) for row in rows] == [("zeta", "1.0")]


# --- show -------------------------------------------------------------------


def test_show_prints_the_summary_fields(cli, populated):
    """`show` prints one `Label: value` line per field, then the lists."""
    run = cli("show", "ALPHA", "--path", str(populated))
    assert run.code == 0
    lines = run.lines()
    assert lines[: lines.index("Project-URLs:")] == [
        "Name: alpha",
        "Version: 1.0",
        "Summary: The first letter",
        "Home-page: https://alpha.example",
        "Author:",
        "Author-email:",
        "License: MIT",
        "Requires-Python: >=3.8",
        f"Location: {populated}",
        "Editable project location: /src/alpha",
        f"Metadata: {populated / 'alpha-1.0.dist-info'}",
        "Installer: pip",
        "Origin: file:///src/alpha (editable)",
        "Files: 8",
        "Requires:",
        "  beta>=2",  # gamma is for the extra "fast", not asked for
        "Required-by:",
    ]
    for expected in [
        "  Source: https://src.example/alpha",
        "  [console_scripts]",
        "    alpha = alpha.cli:main",
    ]:
        assert expected in lines
    assert run.err == ""


def test_show_json_has_every_documented_key(cli, populated):
    """`show --json` gives the documented object, values typed as documented."""
    run = cli("show", "alpha", "--json", "--path", str(populated))
    document = run.json()
    assert document == {
        "name": "alpha",
        "version": "1.0",
        "summary": "The first letter",
        "home_page": "https://alpha.example",
        "author": None,
        "author_email": None,
        "maintainer": None,
        "maintainer_email": None,
        "license": "MIT",
        "license_expression": None,
        "project_urls": [
            {"label": "Source", "url": "https://src.example/alpha"},
            {"label": "Docs", "url": "https://docs.example/alpha"},
        ],
        "requires_python": ">=3.8",
        "requires": ["beta>=2"],
        "required_by": [],
        "markers_evaluated": True,
        "entry_points": [
            {"group": "console_scripts", "name": "alpha", "value": "alpha.cli:main"},
            {"group": "alpha.plugins", "name": "x", "value": "alpha.x"},
        ],
        "location": str(populated),
        "editable_project_location": "/src/alpha",
        "metadata_path": str(populated / "alpha-1.0.dist-info"),
        "installer": "pip",
        "direct_url": {"url": "file:///src/alpha", "dir_info": {"editable": True}},
        "editable": True,
        "file_count": 8,
    }


def test_show_names_the_distributions_that_require_it(cli, populated):
    """Required-by lists the requirers whose requirement holds, one a line."""
    build_tree(
        populated,
        installed(
            "delta",
            "1",
            meta=metadata(
                "delta", "1", "Requires-Dist: BETA", "Requires-Dist: alpha[fast]"
            ),
        ),
    )
    build_tree(
        populated,
        installed(
            "py2",
            "1",
            meta=metadata("py2", "1", 'Requires-Dist: beta; python_version < "3"'),
        ),
    )
    run = cli("show", "beta", "--path", str(populated))
    lines = run.lines()
    start = lines.index("Required-by:")
    assert lines[start : start + 3] == ["Required-by:", "  alpha", "  delta"]
    document = cli("show", "beta", "--json", "--path", str(populated)).json()
    assert document["required_by"] == ["alpha", "delta"]


def test_show_requires_keeps_what_holds_without_its_marker(cli, site):
    """A requirement whose marker holds is shown bare; JSON keeps it as written."""
    meta = metadata(
        "m",
        "1",
        'Requires-Dist: now>=1; python_version >= "3"',
        'Requires-Dist: never; python_version < "3"',
        'Requires-Dist: later; python_version >= "3" and extra == "x"',
    )
    build_tree(site, installed("m", "1", meta=meta))
    lines = cli("show", "m", "--path", str(site)).lines()
    assert lines[lines.index("Requires:") + 1 : lines.index("Required-by:")] == [
        "  now>=1"
    ]
    document = cli("show", "m", "--json", "--path", str(site)).json()
    assert document["requires"] == ['now>=1; python_version >= "3"']


def test_show_without_packaging_says_markers_are_not_evaluated(cli, site, monkeypatch):
    """No packaging: every requirement counts, markers shown, and it is said."""
    from pkgmeta._inspect import markers

    monkeypatch.setattr(markers, "_MARKER_TYPE", [None])
    meta = metadata(
        "m",
        "1",
        'Requires-Dist: never; python_version < "3"',
        'Requires-Dist: opt; extra == "x"',
    )
    build_tree(site, installed("m", "1", meta=meta))
    run = cli("show", "m", "--path", str(site))
    lines = run.lines()
    assert lines[lines.index("Requires:") + 1] == '  never; python_version < "3"'
    assert lines[lines.index("Required-by:") + 1].startswith(
        "Markers: not evaluated (packaging>=22 is not installed)"
    )
    document = cli("show", "m", "--json", "--path", str(site)).json()
    assert document["requires"] == ['never; python_version < "3"']
    assert document["markers_evaluated"] is False


def test_show_of_several_names_separates_them_with_dashes(cli, populated):
    """Each summary is a block; `---` between them, as pip writes it."""
    run = cli("show", "alpha", "beta", "--path", str(populated))
    assert run.code == 0
    lines = run.lines()
    assert lines.count("---") == 1
    assert lines[lines.index("---") + 1] == "Name: Beta"
    documents = cli("show", "alpha", "beta", "--json", "--path", str(populated))
    assert [doc["name"] for doc in documents.json()] == ["alpha", "Beta"]


def test_show_of_several_names_with_an_unknown_one_exits_1(cli, populated):
    """The others are shown; the unknown one is an error line, in JSON its object."""
    run = cli("show", "nope", "beta", "--path", str(populated))
    assert run.code == 1
    assert run.lines()[0] == "Name: Beta"
    assert "---" not in run.lines()
    assert run.err == "pkgmeta: No package metadata was found for nope\n"
    documents = cli("show", "beta", "nope", "--json", "--path", str(populated))
    assert documents.code == 1
    assert [doc.get("error") for doc in documents.json()] == [None, "not-found"]


def test_show_prints_author_and_maintainer_fields(cli, site):
    """Author fields always; Maintainer fields and License-Expression when present."""
    meta = metadata(
        "people",
        "1",
        "Author: Ann",
        "Author-email: Ann <ann@example.org>",
        "Maintainer: Bob",
        "Maintainer-email: bob@example.org",
        "License-Expression: MIT OR Apache-2.0",
        "Project-URL: homepage, https://people.example",
    )
    build_tree(site, installed("people", "1", meta=meta))
    lines = cli("show", "people", "--path", str(site)).lines()
    for expected in [
        "Home-page: https://people.example",  # from the Project-URL
        "Author: Ann",
        "Author-email: Ann <ann@example.org>",
        "Maintainer: Bob",
        "Maintainer-email: bob@example.org",
        "License:",
        "License-Expression: MIT OR Apache-2.0",
    ]:
        assert expected in lines
    document = cli("show", "people", "--json", "--path", str(site)).json()
    assert (document["home_page"], document["maintainer"]) == (None, "Bob")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("file:///src/my%20proj", "/src/my proj"),
        ("file://localhost/src/x", "/src/x"),
        ("file:///C:/src/x", "C:/src/x"),
        ("file://server/share/x", None),
    ],
    ids=["escaped", "localhost", "windows-drive", "remote"],
)
def test_show_gives_the_editable_project_location(cli, site, url, shown):
    """An editable install's file: URL becomes the project's directory."""
    direct_url = json.dumps({"url": url, "dir_info": {"editable": True}})
    build_tree(site, installed("ed", "1", info={"direct_url.json": direct_url}))
    document = cli("show", "ed", "--json", "--path", str(site)).json()
    assert document["editable_project_location"] == shown
    lines = cli("show", "ed", "--path", str(site)).lines()
    assert (f"Editable project location: {shown}" in lines) is (shown is not None)


def test_show_json_of_a_bare_distribution_uses_nulls_and_empty_lists(cli, populated):
    """Fields a distribution lacks are null; lists are empty, never null."""
    document = cli("show", "beta", "--json", "--path", str(populated)).json()
    assert document["summary"] is None
    assert document["requires"] == []
    assert document["entry_points"] == []
    assert document["direct_url"] is None
    assert document["editable"] is False
    assert document["installer"] is None


def test_show_gives_a_bare_project_url_an_empty_label(cli, site):
    """A Project-URL without a label keeps its URL whole."""
    meta = metadata("u", "1", "Project-URL: https://u.example/a,b")
    meta += "Project-URL: https://u.example/bare\n"
    build_tree(site, installed("u", "1", meta=meta))
    document = cli("show", "u", "--json", "--path", str(site)).json()
    assert document["project_urls"] == [
        {"label": "https://u.example/a", "url": "b"},
        {"label": "", "url": "https://u.example/bare"},
    ]
    assert (
        "  URL: https://u.example/bare" in cli("show", "u", "--path", str(site)).lines()
    )


def test_show_gives_license_and_license_expression(cli, site):
    """A Metadata 2.4 License-Expression has its own line, after License."""
    meta = metadata("lic", "1", "License-Expression: Apache-2.0", "License: legacy")
    build_tree(site, installed("lic", "1", meta=meta))
    lines = cli("show", "lic", "--path", str(site)).lines()
    at = lines.index("License: legacy")
    assert lines[at + 1] == "License-Expression: Apache-2.0"


def test_show_cuts_a_pasted_license_text_to_its_first_line(cli, site):
    """A multi-line License field shows its first line and an ellipsis."""
    meta = metadata("lic", "1", "License: MIT License", "        Copyright (c) someone")
    build_tree(site, installed("lic", "1", meta=meta))
    assert "License: MIT License ..." in cli("show", "lic", "--path", str(site)).lines()


@pytest.mark.parametrize(
    ("direct_url", "origin"),
    [
        (
            {
                "url": "https://git.example/x.git",
                "vcs_info": {"vcs": "git", "commit_id": "0123456789abcdef"},
            },
            "Origin: https://git.example/x.git (git 0123456789ab)",
        ),
        (
            {"url": "https://files.example/x.tar.gz", "archive_info": {}},
            "Origin: https://files.example/x.tar.gz (archive)",
        ),
        ({"url": "file:///src/x", "dir_info": {}}, "Origin: file:///src/x"),
    ],
    ids=["vcs", "archive", "directory"],
)
def test_show_describes_the_origin(cli, site, direct_url, origin):
    """direct_url.json becomes one `Origin:` line naming its kind."""
    build_tree(
        site, installed("x", "1", info={"direct_url.json": json.dumps(direct_url)})
    )
    assert origin in cli("show", "x", "--path", str(site)).lines()


@pytest.mark.parametrize("text", ["{not json", "[1, 2]"], ids=["invalid", "not-object"])
def test_show_ignores_a_broken_direct_url_with_a_warning(cli, site, text):
    """An unusable direct_url.json is warned about and shown as absent."""
    build_tree(site, installed("x", "1", info={"direct_url.json": text}))
    run = cli("show", "x", "--json", "--path", str(site))
    assert run.code == 0
    assert run.json()["direct_url"] is None
    assert run.err.startswith("pkgmeta: ignored the ")


def test_show_warns_about_an_undecodable_entry_points_file(cli, site):
    """A broken secondary file costs only its own field, with a warning."""
    build_tree(site, installed("x", "1", info={"entry_points.txt": b"[g]\nx = \xff\n"}))
    run = cli("show", "x", "--json", "--path", str(site))
    assert run.code == 0
    assert run.json()["entry_points"] == []
    assert run.err.startswith("pkgmeta: cannot read the entry points of ")


def test_show_unknown_name_exits_1_with_one_line(cli, site):
    """An unknown name is one `pkgmeta:` line on stderr and exit code 1."""
    run = cli("show", "nope", "--path", str(site))
    assert (run.code, run.out) == (1, "")
    assert run.err == "pkgmeta: No package metadata was found for nope\n"


@pytest.mark.parametrize("command", ["show", "files", "requires"])
def test_unknown_name_with_json_gives_the_not_found_document(cli, site, command):
    """--json writes the not-found object on stdout, besides the stderr line."""
    run = cli(command, "No_Such", "--json", "--path", str(site))
    assert run.code == 1
    assert run.json() == {
        "error": "not-found",
        "name": "No_Such",
        "message": "No package metadata was found for No_Such",
    }
    assert run.err == "pkgmeta: No package metadata was found for No_Such\n"


@pytest.mark.parametrize("command", ["show", "files", "requires"])
def test_unreadable_metadata_with_json_gives_the_unreadable_document(
    cli, site, command
):
    """Metadata that cannot be read is reported as JSON too, naming the path."""
    build_tree(site, {"stale-1.0.dist-info": {"REQUESTED": ""}})
    run = cli(command, "stale", "--json", "--path", str(site))
    assert run.code == 1
    document = run.json()
    assert (document["error"], document["name"]) == ("unreadable", "stale")
    assert document["path"] == str(site / "stale-1.0.dist-info")
    assert document["message"].startswith("cannot read the metadata of ")


def test_show_without_metadata_exits_1(cli, site):
    """A metadata directory holding no METADATA cannot be shown."""
    build_tree(site, {"stale-1.0.dist-info": {"REQUESTED": ""}})
    run = cli("show", "stale", "--path", str(site))
    assert run.code == 1
    assert run.err.startswith("pkgmeta: cannot read the metadata of ")


def test_show_finds_the_valid_copy_behind_a_stale_one(cli, site, tmp_path):
    """With --path, the first copy that holds metadata wins, as in distribution()."""
    later = tmp_path / "later"
    later.mkdir()
    build_tree(site, {"dup-1.0.dist-info": {"REQUESTED": ""}})
    build_tree(later, installed("dup", "2.0"))
    run = cli("show", "dup", "--json", "--path", str(site), "--path", str(later))
    assert run.json()["version"] == "2.0"


@pytest.mark.parametrize("command", ["show", "files", "requires", "diagnose"])
def test_empty_name_is_a_usage_error(cli, command):
    """An empty distribution name exits 2 before anything is searched."""
    run = cli(command, " ")
    assert run.code == 2
    assert run.err.splitlines()[-1] == (
        f"pkgmeta {command}: error: a distribution name cannot be empty"
    )


def test_show_on_sys_path_matches_the_api(cli, site_dir):
    """Without --path, `show` reports what pkgmeta.metadata() reads."""
    build_tree(site_dir, installed("onpath", "7.1"))
    document = cli("show", "OnPath", "--json").json()
    assert document["version"] == pkgmeta.version("onpath") == "7.1"


# --- entry-points -----------------------------------------------------------


def test_entry_points_lists_every_group(cli, populated):
    """Without filters every entry point is printed, sorted by group and name."""
    run = cli("entry-points", "--path", str(populated))
    assert run.code == 0
    rows = [line.split() for line in run.lines()[2:]]
    assert rows == [
        ["alpha.plugins", "x", "alpha.x", "alpha"],
        ["console_scripts", "alpha", "alpha.cli:main", "alpha"],
    ]


def test_entry_points_json_filters_by_group_and_name(cli, populated):
    """GROUP and --name select; --json gives group, name, value and the distribution."""
    run = cli(
        "entry-points", "console_scripts", "--name", "alpha", "--json",
        "--path", str(populated),
    )  # fmt: skip
    assert run.json()["entry_points"] == [
        {
            "group": "console_scripts",
            "name": "alpha",
            "value": "alpha.cli:main",
            "distribution": {"name": "alpha", "version": "1.0"},
        }
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no.such.group"], "in group 'no.such.group'"),
        (["--name", "zzz"], "named 'zzz'"),
        (
            ["console_scripts", "--name", "zzz"],
            "in group 'console_scripts' named 'zzz'",
        ),
    ],
)
def test_entry_points_filter_matching_nothing_exits_1(cli, populated, args, message):
    """A GROUP or --name that matches nothing exits 1 with a message."""
    run = cli("entry-points", *args, "--path", str(populated))
    assert (run.code, run.out) == (1, "")
    assert run.err == f"pkgmeta: no entry point {message}\n"


def test_entry_points_without_filter_in_empty_site_exits_0(cli, site):
    """No entry points at all is not a failure when nothing was asked for."""
    assert cli("entry-points", "--path", str(site)).code == 0


def test_entry_points_skips_broken_distributions(cli, populated):
    """An undecodable entry_points.txt skips its distribution, not the others."""
    build_tree(
        populated, installed("bad", "1", info={"entry_points.txt": b"[g]\n\xff\n"})
    )
    run = cli("entry-points", "--json", "--path", str(populated))
    assert run.code == 0
    assert {row["distribution"]["name"] for row in run.json()["entry_points"]} == {
        "alpha"
    }
    assert "bad-1.dist-info" in run.json()["skipped"][0]["path"]
    run = cli("entry-points", "--path", str(populated))
    assert run.err.startswith("pkgmeta: skipped ")
    assert "bad-1.dist-info" in run.err


def test_entry_points_keep_the_search_order_of_duplicates(cli, site, tmp_path):
    """Two projects declaring the same name stay in path order (the first wins)."""
    later = tmp_path / "later"
    later.mkdir()
    ep = {"entry_points.txt": "[console_scripts]\ntool = first:main\n"}
    build_tree(later, installed("first", "1", info=ep))
    build_tree(
        site,
        installed(
            "second",
            "1",
            info={
                "entry_points.txt": ep["entry_points.txt"].replace("first", "second")
            },
        ),
    )
    run = cli(
        "entry-points",
        "console_scripts",
        "--json",
        "--path",
        str(site),
        "--path",
        str(later),
    )
    rows = run.json()["entry_points"]
    assert [row["distribution"]["name"] for row in rows] == ["second", "first"]


def test_entry_points_match_the_api_on_sys_path(cli):
    """Without --path, the rows are pkgmeta.entry_points() on the real sys.path."""
    rows = cli("entry-points", "--json").json()["entry_points"]
    expected = sorted((ep.group, ep.name, ep.value) for ep in pkgmeta.entry_points())
    assert sorted((r["group"], r["name"], r["value"]) for r in rows) == expected


# --- files ------------------------------------------------------------------


def test_files_lists_path_hash_and_size(cli, populated):
    """`files` prints one row per RECORD line whose file exists."""
    run = cli("files", "alpha", "--path", str(populated))
    assert run.code == 0
    rows = {line.split()[0]: line.split()[1:] for line in run.lines()[2:]}
    content = b"def main(): pass\n"
    assert rows["alpha/cli.py"] == [digest(content), str(len(content))]
    assert rows["alpha-1.0.dist-info/RECORD"] == []


def test_files_json_gives_null_hash_and_size_when_absent(cli, populated):
    """`files --json` has path, hash (or null) and size (or null) per file."""
    document = cli("files", "alpha", "--json", "--path", str(populated)).json()
    assert (document["name"], document["version"]) == ("alpha", "1.0")
    by_path = {row["path"]: row for row in document["files"]}
    assert by_path["alpha-1.0.dist-info/RECORD"] == {
        "path": "alpha-1.0.dist-info/RECORD",
        "hash": None,
        "size": None,
    }
    assert by_path["alpha/__init__.py"]["size"] == len("A = 1\n")
    assert by_path["alpha/__init__.py"]["hash"].startswith("sha256=")
    expected = pkgmeta.Distribution.at(populated / "alpha-1.0.dist-info").files
    assert sorted(by_path) == sorted(str(path) for path in expected or ())


def test_files_leaves_out_files_no_longer_on_disk(cli, populated):
    """A deleted file drops out of `files` (use `verify` to see it)."""
    (populated / "alpha" / "cli.py").unlink()
    document = cli("files", "alpha", "--json", "--path", str(populated)).json()
    assert "alpha/cli.py" not in {row["path"] for row in document["files"]}


def test_files_without_a_file_list_exits_1(cli, site):
    """No RECORD (nor egg-info lists) is exit 1; --json still says files: null."""
    build_tree(site, {"bare-1.0.dist-info": {"METADATA": metadata("bare", "1.0")}})
    run = cli("files", "bare", "--json", "--path", str(site))
    assert run.code == 1
    assert run.json() == {"name": "bare", "version": "1.0", "files": None}
    assert "has no file list" in run.err


def test_files_of_an_unknown_name_exits_1(cli, site):
    """An unknown name fails like `show`."""
    assert cli("files", "nope", "--path", str(site)).code == 1


def test_files_of_a_distribution_without_metadata_exits_1(cli, site):
    """A stale metadata directory cannot list files."""
    build_tree(site, {"stale-1.0.dist-info": {"RECORD": "stale.py,,\n"}})
    run = cli("files", "stale", "--path", str(site))
    assert run.code == 1
    assert run.err.startswith("pkgmeta: cannot read the metadata of ")


def test_files_with_an_undecodable_record_exits_1(cli, site):
    """A RECORD that is not UTF-8 is one error line, not a traceback."""
    build_tree(
        site, {"x-1.dist-info": {"METADATA": metadata("x", "1"), "RECORD": b"\xff,,\n"}}
    )
    run = cli("files", "x", "--path", str(site))
    assert run.code == 1
    assert run.err.startswith("pkgmeta: ")
    assert "Traceback" not in run.err


# --- requires ---------------------------------------------------------------


def test_requires_prints_one_requirement_a_line(cli, populated):
    """`requires` prints the PEP 508 strings as the API returns them."""
    run = cli("requires", "alpha", "--path", str(populated))
    assert run.lines() == ["beta>=2", "gamma; extra == 'fast'"]


def test_requires_json_gives_an_empty_list_when_there_are_none(cli, populated):
    """A distribution without requirements gives `requires: []` and exit 0."""
    run = cli("requires", "beta", "--json", "--path", str(populated))
    assert (run.code, run.json()) == (
        0,
        {"name": "Beta", "version": "2.5", "requires": []},
    )


def test_requires_converts_egg_info_sections(cli, site):
    """An egg-info requires.txt is converted as pkgmeta.requires() converts it."""
    build_tree(
        site,
        {
            "old-1.0.egg-info": {
                "PKG-INFO": metadata("old", "1.0"),
                "requires.txt": "six\n\n[fast]\ncython\n",
            }
        },
    )
    run = cli("requires", "old", "--json", "--path", str(site))
    expected = pkgmeta.Distribution.at(site / "old-1.0.egg-info").requires
    assert run.json()["requires"] == expected == ["six", 'cython; extra == "fast"']


def test_requires_of_an_unknown_name_exits_1(cli, site):
    """An unknown name fails like `show`."""
    assert cli("requires", "nope", "--path", str(site)).code == 1


def test_requires_of_a_distribution_without_metadata_exits_1(cli, site):
    """A stale metadata directory has no requirements to show."""
    build_tree(site, {"stale-1.0.dist-info": {"REQUESTED": ""}})
    assert cli("requires", "stale", "--path", str(site)).code == 1


def test_requires_with_an_undecodable_requires_txt_exits_1(cli, site):
    """An egg-info requires.txt that is not UTF-8 is one error line."""
    build_tree(
        site,
        {
            "old-1.egg-info": {
                "PKG-INFO": metadata("old", "1"),
                "requires.txt": b"\xff\n",
            }
        },
    )
    run = cli("requires", "old", "--path", str(site))
    assert run.code == 1
    assert run.err.startswith("pkgmeta: cannot read the requirements of ")


def test_show_of_a_distribution_from_a_custom_finder(cli, monkeypatch):
    """A finder's own distribution without a location shows empty location fields."""
    monkeypatch.setattr(
        "sys.meta_path", [MemoryFinder("mem"), *__import__("sys").meta_path]
    )
    document = cli("show", "mem", "--json").json()
    assert (document["name"], document["version"]) == ("mem", "9.9")
    assert (document["location"], document["metadata_path"]) == ("", None)
    assert document["file_count"] is None


# --- which ------------------------------------------------------------------


def test_which_names_the_distribution_of_a_module(cli, site_dir):
    """`which` maps a top-level module to its distribution via top_level.txt."""
    build_tree(
        site_dir, installed("Provider-Dist", "4.2", info={"top_level.txt": "provmod\n"})
    )
    run = cli("which", "provmod.sub.deeper", "--json")
    assert run.code == 0
    assert run.json() == {
        "module": "provmod",
        "namespace": False,
        "distributions": [
            {
                "name": "Provider-Dist",
                "version": "4.2",
                "location": str(site_dir),
                "found_by": "top_level.txt",
                "path": None,
                "portions": [],
            }
        ],
        "skipped": [],
    }
    table = cli("which", "provmod")
    assert table.lines()[2].split() == ["Provider-Dist", "4.2", str(site_dir)]


def test_which_infers_modules_from_the_files(cli, site_dir):
    """Without top_level.txt, the files list gives the module names."""
    build_tree(site_dir, installed("inferred", "1", {"infmod/__init__.py": ""}))
    assert cli("which", "infmod", "--json").json()["distributions"][0]["name"] == (
        "inferred"
    )


def test_which_unknown_module_exits_1(cli, site_dir):
    """No provider: nothing on stdout, one line on stderr, exit code 1."""
    run = cli("which", "no_such_module_xyz")
    assert (run.code, run.out) == (1, "")
    assert run.err == (
        "pkgmeta: no installed distribution provides a top-level module "
        "'no_such_module_xyz'\n"
    )


@pytest.mark.parametrize("module", ["", ".relative"])
def test_which_rejects_what_is_not_a_module_name(cli, module):
    """An empty or relative module name is a usage error."""
    assert cli("which", module).code == 2


def test_which_skips_a_broken_distribution_and_still_answers(cli, site_dir):
    """Undecodable metadata beside the provider costs a warning, not the answer."""
    build_tree(site_dir, installed("prov", "1", info={"top_level.txt": "provmod\n"}))
    build_tree(site_dir, {"broken-1.dist-info": {"METADATA": b"Name: \xff\n"}})
    run = cli("which", "provmod", "--json")
    assert run.code == 0
    assert [row["name"] for row in run.json()["distributions"]] == ["prov"]
    assert "broken-1.dist-info" in run.json()["skipped"][0]["path"]
    run = cli("which", "provmod")
    assert run.err.startswith("pkgmeta: skipped ")
    assert "broken-1.dist-info" in run.err


def test_which_lists_every_copy_in_path_order(cli, site_dir, tmp_path, monkeypatch):
    """Two copies providing a module are both listed, the imported one first."""
    later = tmp_path / "later"
    later.mkdir()
    build_tree(site_dir, installed("twin", "2", {"twinmod.py": ""}))
    build_tree(later, installed("twin", "1", {"twinmod.py": ""}))
    # after site_dir, and site_dir twice: the same copy is listed once
    monkeypatch.setattr(sys, "path", [str(site_dir), str(later), *sys.path])
    rows = cli("which", "twinmod", "--json").json()["distributions"]
    assert [(row["version"], row["location"]) for row in rows] == [
        ("2", str(site_dir)),
        ("1", str(later)),
    ]


def test_which_agrees_with_packages_distributions():
    """On the real environment the per-distribution mapping is the API's."""
    import importlib.machinery

    suffixes = sorted(importlib.machinery.all_suffixes(), key=len, reverse=True)
    mapping: dict[str, list[str]] = {}
    for dist in pkgmeta.distributions():
        for module in top_level_names(dist, suffixes):
            mapping.setdefault(module, []).append(dist.metadata["Name"])
    expected = pkgmeta.packages_distributions()
    assert {k: sorted(v) for k, v in mapping.items()} == {
        k: sorted(v) for k, v in expected.items()
    }


# --- the program ------------------------------------------------------------


def test_version_option_prints_pkgmetas_own_version(cli):
    """`--version` prints pkgmeta.__version__, read from the module, not metadata."""
    run = cli("--version")
    assert (run.code, run.out) == (0, f"pkgmeta {pkgmeta.__version__}\n")


def test_help_lists_every_command_and_exits_0(cli):
    """`--help` names each command and the exit codes."""
    run = cli("--help")
    assert run.code == 0
    for command in [
        "list", "show", "entry-points", "files", "requires", "which", "verify",
        "diagnose",
    ]:  # fmt: skip
        assert f"    {command}" in run.out
    assert "exit status" in run.out


@pytest.mark.parametrize(
    "args",
    [[], ["frobnicate"], ["show"], ["list", "--bogus"]],
    ids=["no-command", "unknown-command", "missing-name", "unknown-option"],
)
def test_usage_errors_exit_2(cli, args):
    """Anything argparse rejects, and no command at all, exits 2 with usage."""
    run = cli(*args)
    assert run.code == 2
    assert "usage: pkgmeta" in run.err


def test_a_broken_pipe_ends_quietly_with_exit_1(cli, monkeypatch):
    """A reader that goes away (`| head`) gives no traceback."""

    def write_into_closed_pipe(*args):
        raise BrokenPipeError

    monkeypatch.setattr(cli_environment, "run_list", write_into_closed_pipe)
    run = cli("list")
    assert (run.code, run.err) == (1, "")


class _FullDisk:
    """A stdout whose every write fails as on a full disk."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        pass


def test_an_unwritable_stdout_is_one_error_line_and_exit_1(cli, populated, monkeypatch):
    """A write that fails (not a broken pipe) is reported once, without a traceback."""
    monkeypatch.setattr(sys, "stdout", _FullDisk())
    run = cli("list", "--path", str(populated))
    assert run.code == 1
    assert run.err == (
        "pkgmeta: cannot write to standard output: No space left on device\n"
    )


def test_interrupt_exits_130(cli, monkeypatch):
    """Ctrl-C gives the shell's SIGINT exit code, without a traceback."""

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_environment, "run_list", interrupted)
    assert cli("list").code == 130


def test_output_survives_a_terminal_that_cannot_encode_it(cli, site, monkeypatch):
    """Characters the stdout encoding lacks are escaped, not a traceback."""
    import io

    build_tree(site, installed("uni", "1", meta=metadata("uni", "1", "Summary: 日本")))
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr("sys.stdout", stream)
    assert cli("show", "uni", "--path", str(site)).code == 0
    stream.seek(0)
    assert "Summary: \\u65e5\\u672c" in stream.read()
