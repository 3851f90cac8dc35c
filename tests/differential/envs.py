"""Throwaway environments for the differential tests, built from nested dicts.

A :class:`Scenario` is a small file tree plus the entries of that tree that go
on the search path, in order. Directories are dicts, files are ``str``
(written as UTF-8) or ``bytes`` (written as they are, for undecodable text),
and a :class:`Zip` value becomes a zip archive written with
``ZipFile.writestr``, so no binary blob is ever committed.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from helpers import Tree, Zip, build_tree

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["SCENARIOS", "Scenario"]


def _text(source: str) -> str:
    """Dedent a triple-quoted literal and drop its first newline."""
    return textwrap.dedent(source).lstrip("\n")


@dataclass(frozen=True)
class Scenario:
    """A file tree, the parts of it on the search path, and names to look up.

    Attributes:
        id: The test id prefix.
        tree: Built below a fresh directory (the root).
        path: Root-relative entries for the search path, first one first.
        names: Spellings passed to the name-based API; each should find (or
            deliberately miss) a distribution.
    """

    id: str
    tree: Tree
    path: tuple[str, ...]
    names: tuple[str, ...] = field(default=())

    def build(self, root: Path) -> list[str]:
        """Write the tree below ``root`` and return the search path entries."""
        build_tree(root, self.tree)
        return [str(root / entry) for entry in self.path]


# --- dist-info -------------------------------------------------------------

# A License folded the way setuptools and wheel fold it (8 spaces), repeated
# multiple-use keys, markers, extras and a URL in Requires-Dist, and a body
# that becomes the Description.
_RICH_METADATA = _text(
    """
    Metadata-Version: 2.1
    Name: Foo.Bar
    Version: 1.0.post1
    Summary: A one-line summary
    Home-page: https://example.org/foo
    Author: A. Person
    Author-email: A. Person <a@example.org>
    License: Permission is granted
            to everyone who reads
            this text.
    Keywords: alpha beta  gamma
    Platform: any
    Classifier: Programming Language :: Python :: 3
    Classifier: License :: OSI Approved :: MIT License
    Classifier: Topic :: Utilities
    Requires-Python: >=3.8
    Provides-Extra: test
    Provides-Extra: docs
    Requires-Dist: requests (>=2.0)
    Requires-Dist: pytest ; extra == 'test'
    Requires-Dist: sphinx[a,b]>=1.0; extra == "docs" and python_version >= "3.8"
    Requires-Dist: pywin32 ; sys_platform == "win32"
    Requires-Dist: pkg @ https://example.org/pkg-1.0.zip ; extra == "test"
    Project-URL: Homepage, https://example.org
    Project-URL: Source Code, https://example.org/src
    License-File: LICENSE
    License-File: NOTICE
    Description-Content-Type: text/markdown

    # Foo.Bar

    First paragraph, with  two spaces.

        indented code block

    Last line.
    """
)

_RICH_ENTRY_POINTS = _text(
    """
    [console_scripts]
    foo-bar = foo_bar.cli:main
    foo-bar-extra = foo_bar.cli:main [test, docs]

    # a comment between entries
    [foo.plugins]
    name:with:colons = foo_bar.plugins:Plugin.attr
    module-only = foo_bar.plugins
    spaced  =  foo_bar.plugins  :  spaced  [ x ]

    [empty.group]
    """
)

# sha256 of b"" and of b"x = 1\n" are irrelevant: RECORD is not verified.
_RICH_RECORD = _text(
    """
    foo_bar/__init__.py,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0
    foo_bar/cli.py,sha256=abc,12
    foo_bar/plugins.py,,
    foo_bar/missing.py,sha256=def,3
    "foo_bar/with,comma.txt",,
    ../../../bin/foo-bar,sha256=ghi,99
    Foo.Bar-1.0.post1.dist-info/METADATA,,
    Foo.Bar-1.0.post1.dist-info/RECORD,,
    """
)

_DIST_INFO = Scenario(
    id="dist-info",
    tree={
        "site": {
            "Foo.Bar-1.0.post1.dist-info": {
                "METADATA": _RICH_METADATA,
                "RECORD": _RICH_RECORD,
                "entry_points.txt": _RICH_ENTRY_POINTS,
                "top_level.txt": "foo_bar\n",
                "INSTALLER": "pip\n",
                "direct_url.json": (
                    '{"url": "file:///src/foo", "dir_info": {"editable": true}}\n'
                ),
            },
            "foo_bar": {
                "__init__.py": "",
                "cli.py": "def main(): pass\n",
                "plugins.py": "",
                "with,comma.txt": "",
            },
            # Wheel-style directory name for a dotted project name; the
            # direct_url.json holds nested objects and no RECORD exists.
            "dotted_name-3.0.dist-info": {
                "METADATA": "Metadata-Version: 2.3\nName: dotted.name\nVersion: 3.0\n",
                "direct_url.json": (
                    '{"url": "https://example.org/d.whl", "archive_info":'
                    ' {"hashes": {"sha256": "aa"}, "hash": "sha256=aa"}}'
                ),
            },
        }
    },
    path=("site",),
    names=("Foo.Bar", "dotted.name", "not-installed", ""),
)

# --- header edge cases ------------------------------------------------------------

_HEADERS = Scenario(
    id="headers",
    tree={
        "site": {
            # Folding by one space and by a tab, a blank continuation line,
            # an empty value, a Description header beside a body, a repeated
            # single-use key, and no newline at the end of the file.
            "folded-2.0.dist-info": {
                "METADATA": (
                    "Metadata-Version: 1.2\n"
                    "Name: folded\n"
                    "Version: 2.0\n"
                    "Summary: tab\n\tfolded\n"
                    "Home-page: one\n space\n"
                    "License: first\n        \n        third\n"
                    "Author:\n"
                    "Description: from the header\n"
                    "Keywords: one,two\n"
                    "Summary: second summary\n"
                    "\n"
                    "Body line one.\n\nBody line three."
                ),
                "RECORD": "",
            },
        }
    },
    path=("site",),
    names=("folded",),
)

# --- an entry point value that is not an object reference ------------------------

_BAD_ENTRY_POINT = Scenario(
    id="bad-entry-point",
    tree={
        "site": {
            "badep-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: badep\nVersion: 1.0\n",
                "entry_points.txt": _text(
                    """
                    [console_scripts]
                    good = badep:main
                    bad = badep . cli : main
                    """
                ),
            },
        }
    },
    path=("site",),
    names=("badep",),
)

# --- egg-info directory, egg-info file -------------------------------------

_EGG_PKG_INFO = _text(
    """
    Metadata-Version: 1.1
    Name: bar
    Version: 2.0
    Summary: An egg-info directory written by setup.py install
    Home-page: UNKNOWN
    Author: UNKNOWN
    License: UNKNOWN
    Description: First line of a long description
            that setuptools indented by eight spaces.
            |
            Third line.
    Platform: UNKNOWN
    Classifier: Development Status :: 3 - Alpha
    Classifier: Development Status :: 3 - Alpha
    """
)

_EGG_REQUIRES = _text(
    """
    plain
    versioned>=1.0
    # a comment line
    url-req@ https://example.org/url_req-1.0.zip

    [test]
    pytest>=6

    [:python_version < "3"]
    futures

    [docs:sys_platform == "win32"]
    pywin32
    sphinx @ https://example.org/sphinx.zip
    """
)

_EGG_INFO = Scenario(
    id="egg-info",
    tree={
        "site": {
            "bar-2.0-py3.11.egg-info": {
                "PKG-INFO": _EGG_PKG_INFO,
                "requires.txt": _EGG_REQUIRES,
                "top_level.txt": "bar\n_bar_speedups\n",
                "entry_points.txt": "[console_scripts]\nbar = bar:main\n",
                "SOURCES.txt": "setup.py\nbar/__init__.py\nbar.egg-info/PKG-INFO\n",
                "installed-files.txt": _text(
                    """
                    ../bar/__init__.py
                    ../bar/__pycache__/__init__.cpython-311.pyc
                    ../bar/gone.py
                    ../../../bin/bar
                    PKG-INFO
                    requires.txt
                    """
                ),
                "dependency_links.txt": "\n",
            },
            "bar": {"__init__.py": "def main(): pass\n", "__pycache__": {}},
            # Only SOURCES.txt: files() falls back to it (relative to site).
            "sourced-1.0-py3.11.egg-info": {
                "PKG-INFO": "Metadata-Version: 1.0\nName: sourced\nVersion: 1.0\n",
                "SOURCES.txt": "setup.py\nsourced.py\nsourced.egg-info/PKG-INFO\n",
                "requires.txt": "",
            },
            "sourced.py": "",
            # A legacy egg-info *file* holding PKG-INFO text.
            "legacy.egg-info": _text(
                """
                Metadata-Version: 1.0
                Name: legacy
                Version: 0.1
                Summary: single-file egg-info
                """
            ),
            "legacy.py": "",
        }
    },
    path=("site",),
    names=("bar", "sourced", "legacy"),
)

# --- eggs: a directory and a zip, each on the path itself -------------------

_EGG_TREE: Tree = {
    "EGG-INFO": {
        "PKG-INFO": "Metadata-Version: 1.1\nName: My.Egg_Pkg\nVersion: 3.0\n",
        "requires.txt": "six\n\n[extra]\nsimplejson\n",
        "entry_points.txt": "[egg.group]\nthing = my_egg_pkg:thing\n",
        "top_level.txt": "my_egg_pkg\n",
        "SOURCES.txt": "setup.py\nmy_egg_pkg/__init__.py\n",
    },
    "my_egg_pkg": {"__init__.py": "thing = 1\n"},
}

_ZIPPED_EGG_TREE: Tree = {
    "EGG-INFO": {
        "PKG-INFO": "Metadata-Version: 1.1\nName: zipped\nVersion: 4.0\n",
        "requires.txt": "[:sys_platform == 'win32']\ncolorama\n",
        "entry_points.txt": "[console_scripts]\nzipped = zipped.cli:run\n",
        "top_level.txt": "zipped\n",
        "SOURCES.txt": "setup.py\nzipped/__init__.py\nzipped/cli.py\n",
    },
    "zipped": {"__init__.py": "", "cli.py": "def run(): pass\n"},
}

_EGGS = Scenario(
    id="eggs",
    tree={
        "site": {
            "My.Egg_Pkg-3.0-py3.11.egg": _EGG_TREE,
            "zipped-4.0-py3.11.egg": Zip(_ZIPPED_EGG_TREE),
        }
    },
    path=("site/My.Egg_Pkg-3.0-py3.11.egg", "site/zipped-4.0-py3.11.egg"),
    # Eggs are found by their legacy name: case and '-'/'_' fold, '.' stays.
    names=("My.Egg_Pkg", "my.egg-pkg", "my_egg_pkg", "zipped", "ZIPPED"),
)

# --- a zip (wheel-like) on the path holding dist-info ------------------------

_ZIPPED_SITE = Scenario(
    id="zip-site",
    tree={
        "wheelish.zip": Zip(
            {
                "zwheel-5.0.dist-info": {
                    "METADATA": _text(
                        """
                        Metadata-Version: 2.1
                        Name: zwheel
                        Version: 5.0
                        Requires-Dist: attrs

                        Zipped description.
                        """
                    ),
                    "RECORD": _text(
                        """
                        zwheel/__init__.py,sha256=xyz,10
                        zwheel/missing.py,sha256=xyz,10
                        zwheel-5.0.dist-info/METADATA,,
                        """
                    ),
                    "entry_points.txt": "[console_scripts]\nzwheel = zwheel:main\n",
                    "direct_url.json": '{"url": "file:///w.zip", "archive_info": {}}',
                },
                "zwheel": {"__init__.py": "def main(): pass\n"},
            }
        ),
    },
    path=("wheelish.zip",),
    names=("zwheel",),
)

# --- odd names ---------------------------------------------------------------

_ODD_NAMES = Scenario(
    id="odd-names",
    tree={
        "site": {
            "Dotted.Case-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: Dotted.Case\nVersion: 1.0\n",
            },
            "my_weird_pkg-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: my_weird-pkg\nVersion: 1.0\n",
            },
            "UPPER_under-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: UPPER-under\nVersion: 1.0\n",
            },
            "ünïcødé-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: Ünïcødé\nVersion: 1.0\n"
                "Summary: ünïcødé ☃\n",
                "entry_points.txt": "[ünï]\nsnow☃ = ünïcødé:main\n",
            },
            "dashed.egg_info-1.0.egg-info": {
                "PKG-INFO": "Metadata-Version: 1.0\nName: dashed.egg-info\n"
                "Version: 1.0\n",
            },
        }
    },
    path=("site",),
    names=(
        "Dotted.Case",
        "dotted_case",
        "DOTTED-CASE",
        "dotted..case",
        "my_weird-pkg",
        "my-weird-pkg",
        "MY.WEIRD.PKG",
        "UPPER-under",
        "upper_under",
        "Ünïcødé",
        "ÜNÏCØDÉ",
        "dashed.egg-info",
        "dashed_egg_info",
    ),
)

# --- RECORD variants -----------------------------------------------------------

_RECORDS = Scenario(
    id="records",
    tree={
        "site": {
            "hashed-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: hashed\nVersion: 1.0\n",
                "RECORD": _text(
                    """
                    hashed.py,sha256=AAAA,5
                    hashed-1.0.dist-info/METADATA,sha256=BBBB,60
                    hashed-1.0.dist-info/RECORD,,
                    """
                ),
            },
            "hashed.py": "x = 1",
            "bare-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: bare\nVersion: 1.0\n",
                "RECORD": "bare.py\r\nbare-1.0.dist-info/METADATA\n",
            },
            "bare.py": "",
            "empty_record-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: empty-record\nVersion: 1.0\n",
                "RECORD": "",
            },
            "no_record-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: no-record\nVersion: 1.0\n",
            },
        }
    },
    path=("site",),
    names=("hashed", "bare", "empty-record", "no-record"),
)

# --- import names inferred from RECORD rows (no top_level.txt) -------------------

_INFERRED = Scenario(
    id="inferred",
    tree={
        "site": {
            "edgy-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: Edgy\nVersion: 1.0\n",
                "RECORD": _text(
                    """
                    edgy/__init__.py,sha256=AAAA,0
                    edgy/__init__.py,sha256=AAAA,0
                    edgy-1.0.dist-info/METADATA,,
                    edgy-1.0.dist-info/RECORD,,
                    ../../bin/edgy,,
                    edgy.pth,,
                    _edgy.cpython-313-x86_64-linux-gnu.so,,
                    _edgy_ext.so,,
                    __pycache__/edgy_mod.cpython-313.pyc,,
                    edgy_mod.py,sha256=BB/CC,0
                    "comma,mod.py",,
                    ./dotted/x.py,,
                    trailing/,,
                    odd.py/,,
                    late/missing.py,,
                    late/present.py,,
                    ghost/__init__.py,,
                    .py,,
                    """
                ),
            },
            "edgy": {"__init__.py": ""},
            "edgy.pth": "",
            "_edgy.cpython-313-x86_64-linux-gnu.so": "",
            "_edgy_ext.so": "",
            "__pycache__": {"edgy_mod.cpython-313.pyc": ""},
            "edgy_mod.py": "",
            "comma,mod.py": "",
            "dotted": {"x.py": ""},
            "trailing": {"inside.txt": ""},
            "odd.py": {"inside.txt": ""},
            "late": {"present.py": ""},
            ".py": "",
            "quoted-2.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: quoted\nVersion: 2.0\n",
                "RECORD": _text(
                    """
                    "quoted/__init__.py","sha256=AAAA","0"
                    "quoted-2.0.dist-info/RECORD","",""
                    "gone/x.py","",""
                    """
                ),
            },
            "quoted": {"__init__.py": ""},
        }
    },
    path=("site",),
    names=("edgy", "quoted"),
)

# --- the same project on two path entries --------------------------------------

_DUPLICATES = Scenario(
    id="duplicates",
    tree={
        "first": {
            "dup-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: dup\nVersion: 1.0\n",
                "entry_points.txt": "[dup.group]\nshared = dup.one:x\nonly1 = dup:y\n",
                "top_level.txt": "dup\n",
            },
        },
        "second": {
            "Dup-2.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: Dup\nVersion: 2.0\n",
                "entry_points.txt": "[dup.group]\nshared = dup.two:x\nonly2 = dup:z\n",
                "top_level.txt": "dup\ndup_extra\n",
            },
            "other-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: other\nVersion: 1.0\n",
                "entry_points.txt": "[dup.group]\nshared = other:x\n",
                "top_level.txt": "dup\n",
            },
        },
    },
    path=("first", "second"),
    names=("dup", "DUP", "other"),
)

# --- an empty dist-info before the valid one (CPython #100666) -----------------

_EMPTY_FIRST = Scenario(
    id="empty-first",
    tree={
        "stale": {
            # What an interrupted uninstall leaves behind.
            "stale-1.0.dist-info": {"REQUESTED": ""},
        },
        "site": {
            "stale-2.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: stale\nVersion: 2.0\n",
                "entry_points.txt": "[stale.group]\nep = stale:main\n",
                "RECORD": "stale.py,,\n",
                "top_level.txt": "stale\n",
            },
            "stale.py": "",
        },
    },
    path=("stale", "site"),
    names=("stale",),
)

# --- malformed files that make the references raise -----------------------------

_BROKEN_RECORD = Scenario(
    id="broken-record",
    tree={
        "site": {
            "blank_row-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: blank-row\nVersion: 1.0\n",
                "RECORD": "blank_row.py,,\n\nblank_row-1.0.dist-info/METADATA,,\n",
            },
            "blank_row.py": "",
            "four_columns-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: four-columns\nVersion: 1.0\n",
                "RECORD": "four_columns.py,sha256=AA,1,extra\n",
            },
            "four_columns.py": "",
            "bad_size-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: bad-size\nVersion: 1.0\n",
                "RECORD": "bad_size.py,sha256=AA,big\n",
            },
            "bad_size.py": "",
        }
    },
    path=("site",),
    names=("blank-row", "four-columns", "bad-size"),
)

_BROKEN_ENTRY_POINTS = Scenario(
    id="broken-entry-points",
    tree={
        "site": {
            "no_equals-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: no-equals\nVersion: 1.0\n",
                "entry_points.txt": "[console_scripts]\nok = no_equals:main\nbroken\n",
            },
            "neighbour-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: neighbour\nVersion: 1.0\n",
                "entry_points.txt": "[console_scripts]\nneighbour = neighbour:main\n",
            },
        }
    },
    path=("site",),
    names=("no-equals", "neighbour"),
)

# A dist-info directory without a name part: nothing can look it up by name,
# but environment-wide calls meet it.
_NAMELESS = Scenario(
    id="nameless-dir",
    tree={
        "site": {
            "-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: ghost\nVersion: 1.0\n",
                "entry_points.txt": "[console_scripts]\nghost = ghost:main\n",
                "top_level.txt": "ghost\n",
            },
            "neighbour-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: neighbour\nVersion: 1.0\n",
                "entry_points.txt": "[console_scripts]\nneighbour = neighbour:main\n",
                "top_level.txt": "neighbour\n",
            },
        }
    },
    path=("site",),
    names=("neighbour", "ghost"),
)

# Latin-1 bytes where UTF-8 is required.
_UNDECODABLE = Scenario(
    id="undecodable",
    tree={
        "site": {
            "latin-1.0.dist-info": {
                "METADATA": b"Metadata-Version: 2.1\nName: latin\nVersion: 1.0\n"
                b"Author: Fran\xe7ois\n",
                "top_level.txt": b"caf\xe9\n",
                "RECORD": b"caf\xe9.py,,\n",
            },
            "neighbour-1.0.dist-info": {
                "METADATA": "Metadata-Version: 2.1\nName: neighbour\nVersion: 1.0\n",
                "top_level.txt": "neighbour\n",
            },
        }
    },
    path=("site",),
    names=("latin", "neighbour"),
)

SCENARIOS: tuple[Scenario, ...] = (
    _DIST_INFO,
    _HEADERS,
    _BAD_ENTRY_POINT,
    _EGG_INFO,
    _EGGS,
    _ZIPPED_SITE,
    _ODD_NAMES,
    _RECORDS,
    _INFERRED,
    _BROKEN_RECORD,
    _BROKEN_ENTRY_POINTS,
    _NAMELESS,
    _UNDECODABLE,
    _DUPLICATES,
    _EMPTY_FIRST,
)
"""Every scenario, each built once per session."""
