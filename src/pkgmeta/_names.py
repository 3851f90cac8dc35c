"""Distribution names: normalization, and the names metadata directories carry.

A metadata directory is named ``<project>-<version>.dist-info`` (or
``.egg-info``, the version optional). The stdlib reads that name by two rules
that differ in one detail, and pkgmeta keeps both, side by side here:

- ``metadata_dir_key``, the *lookup* rule: the suffix matches in any case
  (``FOO-1.0.DIST-INFO`` is found), as the path finder lower-cases the
  listing before it matches;
- ``name_from_metadata_dir``, the *naming* rule: the suffix matches exactly,
  as ``PathDistribution._normalized_name`` reads ``os.path.splitext``.

An ``.egg`` on ``sys.path`` is the third case: its ``EGG-INFO`` carries no
name, so it is found by the egg's own file name, folded the legacy way
(``egg_key``).
"""

from __future__ import annotations

__all__ = [
    "egg_key",
    "legacy_normalize",
    "metadata_dir_key",
    "metadata_dir_project",
    "name_from_metadata_dir",
    "normalize",
    "project_part",
]

_METADATA_SUFFIXES = (".dist-info", ".egg-info")


def normalize(name: str) -> str:
    """Return the PEP 503 form of *name*, with underscores for separators.

    Runs of ``-``, ``_`` and ``.`` collapse to one ``_`` and the result is
    lower-cased, so ``Foo.Bar``, ``foo__bar`` and ``FOO-bar`` all give
    ``foo_bar``; this is the key under which metadata directories are
    indexed (spec: Names and normalization). Written without ``re`` to keep
    it off the import path.

    >>> normalize("Sample__Pkg-name.foo")
    'sample_pkg_name_foo'
    """
    collapsed = name.replace("-", "_").replace(".", "_")
    while "__" in collapsed:
        collapsed = collapsed.replace("__", "_")
    return collapsed.lower()


def legacy_normalize(name: str) -> str:
    """Return the key old egg metadata (``EGG-INFO`` in a ``.egg``) is found by.

    Eggs predate PEP 503: only case and ``-``/``_`` are folded, as the
    stdlib does.

    >>> legacy_normalize("Sample__Pkg-name.foo")
    'sample__pkg_name.foo'
    """
    return name.lower().replace("-", "_")


def project_part(stem: str) -> str:
    """Return the project name in a file name *stem*: all before the first ``-``.

    The version (and for wheels and eggs, the tags) follow the first ``-``;
    a name holding a ``-`` itself cannot be told apart, as in the stdlib.

    >>> project_part("CherryPy-3.0-py3.8")
    'CherryPy'
    """
    return stem.partition("-")[0]


def metadata_dir_project(child: str) -> str | None:
    """Return the project part of a metadata directory name, as spelled.

    The lookup rule: ``None`` unless *child* ends in ``.dist-info`` or
    ``.egg-info`` in any case.

    >>> metadata_dir_project("Foo_Bar-1.0.DIST-INFO")
    'Foo_Bar'
    >>> metadata_dir_project("foo.pth") is None
    True
    """
    if not child.lower().endswith(_METADATA_SUFFIXES):
        return None
    return project_part(child.rpartition(".")[0])


def metadata_dir_key(child: str) -> str | None:
    """Return the normalized name a lookup finds metadata directory *child* by.

    The lookup rule (suffix in any case); ``None`` for any other file name.
    The whole name is lower-cased first, as the stdlib's path finder and the
    joined-listing search do: case folding depends on the neighbours (a
    capital sigma at the end of a word after ``.`` lower-cases to the final
    form, after ``_`` to the medial one), so folding the separators first
    would give another key.

    >>> metadata_dir_key("Foo.Bar-1.0.dist-info")
    'foo_bar'
    >>> metadata_dir_key("A.Σ-1.0.dist-info")
    'a_ς'
    """
    low = child.lower()
    if not low.endswith(_METADATA_SUFFIXES):
        return None
    return normalize(project_part(low.rpartition(".")[0]))


def name_from_metadata_dir(basename: str) -> str | None:
    """Return the project name part of a ``*.dist-info``/``*.egg-info`` name.

    The naming rule: the suffix must be lower case. ``None`` for any other
    kind of file name.

    >>> name_from_metadata_dir("CherryPy-3.0.dist-info")
    'CherryPy'
    >>> name_from_metadata_dir("face.egg-info")
    'face'
    >>> name_from_metadata_dir("foo.bar") is None
    True
    >>> name_from_metadata_dir("FOO-1.0.DIST-INFO") is None
    True
    """
    stem, dot, suffix = basename.rpartition(".")
    if not dot or suffix not in ("dist-info", "egg-info"):
        return None
    return project_part(stem)


def egg_key(entry_basename: str) -> str | None:
    """Return the key the ``EGG-INFO`` of an ``.egg`` path entry is found by.

    The egg's file name before its version, legacy-normalized; ``None``
    unless *entry_basename* ends in ``.egg`` (any case).

    >>> egg_key("Foo.Bar-1.0-py3.8.egg")
    'foo.bar'
    """
    low = entry_basename.lower()
    if not low.endswith(".egg"):
        return None
    return legacy_normalize(project_part(low.rpartition(".")[0]))
