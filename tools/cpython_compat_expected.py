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


_OLD_DICT = ("3.8", "3.9")  # entry_points() returned a dict of groups
_SELECTABLE = ("3.10", "3.11")  # ... then SelectableGroups, a deprecated dict
_ENTRY_POINTS = (
    "entry_points() returns EntryPoints on every Python (stdlib 3.12+,"
    " importlib_metadata 5+): no dict of groups; use select(group=...)"
)

DIFFERENCES: tuple[Difference, ...] = (
    # entry_points() as a dict of groups (3.8, 3.9)
    Difference("ImportTests.test_resolve", _ENTRY_POINTS, _OLD_DICT),
    Difference(
        "ImportTests.test_entrypoint_with_colon_in_name", _ENTRY_POINTS, _OLD_DICT
    ),
    Difference("APITests.test_entry_points", _ENTRY_POINTS, _OLD_DICT),
    Difference("TestZip.test_zip_entry_points", _ENTRY_POINTS, _OLD_DICT),
    Difference("TestEgg.test_zip_entry_points", _ENTRY_POINTS, _OLD_DICT),
    # The deprecated interfaces of 3.10/3.11, removed in importlib_metadata 5
    Difference("APITests.test_entry_points_groups_getitem", _ENTRY_POINTS, _SELECTABLE),
    Difference("APITests.test_entry_points_groups_get", _ENTRY_POINTS, _SELECTABLE),
    Difference(
        "APITests.test_entry_points_by_index",
        "EntryPoints is indexed by name only: positional eps[0] (a deprecated"
        " tuple interface) was removed in importlib_metadata 5 / stdlib 3.12",
        _SELECTABLE,
    ),
    Difference(
        "APITests.test_entry_points_dict_construction",
        "EntryPoint no longer unpacks as a (name, entry point) pair, so"
        " dict(entry_points(group=...)) fails (removed in importlib_metadata 5 /"
        " stdlib 3.12)",
        _SELECTABLE,
    ),
    # PackageMetadata
    Difference(
        "APITests.test_missing_key_legacy",
        "PackageMetadata[missing] raises KeyError on every Python"
        " (importlib_metadata 8+), not DeprecationWarning + None",
        ("3.12", "3.13"),
    ),
)
