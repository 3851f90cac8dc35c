"""Known conflicts: client tests whose outcome may change with pkgmeta bound.

Read by ``tools/clients.py``.  Each entry names a client (its PyPI name as in
``CLIENTS``), an ``fnmatch`` pattern of test ids as the report prints them
(pytest node ids), the Python versions it holds for (None: every version) and
why the test cannot pass with pkgmeta as ``importlib.metadata``.  A listed
entry that matches no changed test in a run of that client and Python is
stale and fails the run, like a strict xfail: keep the patterns exact.

Empty on purpose: the regressions the harness shows today (``entry_points()``
used as a dict on 3.9, distributions without ``locate_file``, indexed
``Distribution.entry_points``, ``in`` on empty metadata, a monkeypatched
``Distribution``) are being fixed in the library, not excused here.
"""

from __future__ import annotations

from typing import NamedTuple


class Conflict(NamedTuple):
    """One client test that may change outcome on purpose."""

    client: str
    test: str  # fnmatch pattern of the test id
    reason: str
    pythons: tuple[str, ...] | None = None  # "3.X" strings; None: every version


CONFLICTS: tuple[Conflict, ...] = ()
