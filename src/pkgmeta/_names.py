"""Distribution name normalization, as the finder and the stdlib compare names."""

from __future__ import annotations

__all__ = ["legacy_normalize", "name_from_metadata_dir", "normalize"]


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


def name_from_metadata_dir(basename: str) -> str | None:
    """Return the project name part of a ``*.dist-info``/``*.egg-info`` name.

    The name is everything before the first ``-`` (the version follows it);
    ``None`` for any other kind of file name.

    >>> name_from_metadata_dir("CherryPy-3.0.dist-info")
    'CherryPy'
    >>> name_from_metadata_dir("face.egg-info")
    'face'
    >>> name_from_metadata_dir("foo.bar") is None
    True
    """
    stem, dot, suffix = basename.rpartition(".")
    if not dot or suffix not in ("dist-info", "egg-info"):
        return None
    return stem.partition("-")[0]
