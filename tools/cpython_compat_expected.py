"""Deliberate differences between pkgmeta and CPython's importlib.metadata tests.

Read by ``tools/cpython_compat.py``.  Each entry names a test of the
interpreter's own suite by ``Class.test_method`` (the module is left out: 3.13
renamed ``test_metadata_api`` to ``test_api``), the Python versions whose suite
expects the old behaviour (None: every version) and why pkgmeta differs.  A
listed test that passes, or that does not exist in that version's suite, fails
the run: keep the versions exact.
"""

from __future__ import annotations

from typing import NamedTuple


class Difference(NamedTuple):
    """One test that fails on purpose."""

    test: str
    reason: str
    pythons: tuple[str, ...] | None = None  # "3.X" strings; None: every version


DIFFERENCES: tuple[Difference, ...] = (
    # The older shapes of 3.8-3.11 (entry_points() as a dict of groups,
    # SelectableGroups, EntryPoints[0], dict(entry_points(...)) by name) pass
    # since pkgmeta serves them, deprecated: no entry for them any more.
    # PackageMetadata
    Difference(
        "APITests.test_missing_key_legacy",
        "PackageMetadata[missing] raises KeyError on every Python"
        " (importlib_metadata 8+), not DeprecationWarning + None",
        ("3.12", "3.13"),
    ),
)
