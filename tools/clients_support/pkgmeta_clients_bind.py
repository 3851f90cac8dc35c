"""Bind pkgmeta as ``importlib.metadata`` and ``importlib_metadata`` at start-up.

``tools/clients.py`` copies this module into each client venv's site-packages
with a ``.pth`` line that imports it, so it runs in every interpreter that
venv starts (pytest and the subprocesses its tests launch), before any user
code.  It does nothing unless ``PKGMETA_CLIENTS_BIND=1``.  When it cannot
bind, it ends the interpreter with status 86: a ``.pth`` import that raises
only prints a traceback, and a run that silently fell back to the stdlib must
not pass for a bound run.
"""

from __future__ import annotations

import os
import sys

VARIABLE = "PKGMETA_CLIENTS_BIND"
NAMES = ("importlib.metadata", "importlib_metadata")
FAILURE_STATUS = 86


def _die(message: str) -> None:
    """Stop the interpreter at once: nothing may run on a half-made binding."""
    sys.stderr.write(f"pkgmeta clients binding FAILED: {message}\n")
    sys.stderr.flush()
    os._exit(FAILURE_STATUS)


def _bind() -> None:
    """Make both import names serve pkgmeta, before anything imported them."""
    early = [name for name in NAMES if name in sys.modules]
    if early:
        _die(f"{', '.join(early)} imported before the binding ran")
    import importlib

    import pkgmeta

    if "importlib.metadata" in sys.modules:
        _die("importing pkgmeta imported the stdlib importlib.metadata")
    sys.modules["importlib.metadata"] = pkgmeta
    importlib.metadata = pkgmeta
    sys.modules["importlib_metadata"] = pkgmeta


if os.environ.get(VARIABLE) == "1":
    try:
        _bind()
    except Exception as exc:  # noqa: BLE001 - any failure must stop start-up
        _die(repr(exc))
