"""Fixtures of the differential tests: the scenarios built once, and search paths."""

from __future__ import annotations

import sys
from typing import Callable

import pytest

from .api import (
    BACKPORT,
    PKGMETA,
    STDLIB,
    Built,
    holds_no_metadata,
    invalidate_caches,
    snapshot,
)
from .envs import SCENARIOS


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Build every scenario once; map its id to where it was written."""
    result = {}
    for scenario in SCENARIOS:
        root = tmp_path_factory.mktemp(scenario.id)
        result[scenario.id] = Built(str(root), scenario.build(root))
    return result


@pytest.fixture(scope="session")
def _warmed_up() -> None:
    """Run each implementation once over the real environment.

    The backport defers imports (``zipp``, ``csv``, ...) until first use;
    resolving them now keeps them working once site-packages is taken off
    ``sys.path`` by :func:`scenario_only_path`.
    """
    for api in (PKGMETA, STDLIB, BACKPORT):
        api.entry_points(group="console_scripts")
        for dist in api.discover(sys.path)[:1]:
            snapshot(api, dist)
        if api.supports("packages_distributions"):
            with api.active():
                api.module.packages_distributions()


@pytest.fixture
def prepended_path(monkeypatch: pytest.MonkeyPatch) -> Callable[[list[str]], None]:
    """Return a function putting a scenario's entries first on ``sys.path``."""

    def prepend(entries: list[str]) -> None:
        for entry in reversed(entries):
            monkeypatch.syspath_prepend(entry)
        invalidate_caches()

    return prepend


@pytest.fixture
def scenario_only_path(
    monkeypatch: pytest.MonkeyPatch, _warmed_up: None
) -> Callable[[list[str]], None]:
    """Return a function making ``entries`` the only distribution sources.

    Environment-wide calls (``entry_points()``, ``packages_distributions()``)
    take no path, so every entry holding distributions is removed from
    ``sys.path``; the standard library's entries stay so imports still work.
    """

    def isolate(entries: list[str]) -> None:
        keep = [entry for entry in sys.path if holds_no_metadata(entry)]
        monkeypatch.setattr(sys, "path", [*entries, *keep])
        invalidate_caches()

    return isolate
