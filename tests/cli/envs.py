"""Helpers of the requirement commands' tests: distributions with requirements,
and a process in which ``packaging`` cannot be imported."""

from __future__ import annotations

import sys

from helpers import build_tree

from .trees import installed, metadata


def dist(site, name: str, version: str, *requires: str) -> None:
    """Install *name* into *site* with one ``Requires-Dist`` per *requires*."""
    lines = [f"Requires-Dist: {text}" for text in requires]
    build_tree(site, installed(name, version, meta=metadata(name, version, *lines)))


def without_packaging(monkeypatch) -> None:
    """Make ``packaging`` unimportable, and forget the engine that imported it."""
    for name in [name for name in sys.modules if name.partition(".")[0] == "packaging"]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "packaging", None)
    monkeypatch.delitem(sys.modules, "pkgmeta._inspect.requirements", raising=False)
    monkeypatch.delattr("pkgmeta._inspect.requirements", raising=False)
