"""Shared test configuration: Hypothesis profiles and ``sys.path`` fixtures."""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import HealthCheck, settings

import pkgmeta
from helpers import import_backport

# "ci" is fixed and quick (derandomized, so CI runs are reproducible);
# "dev" searches longer: HYPOTHESIS_PROFILE=dev python -m pytest
settings.register_profile(
    "ci",
    max_examples=100,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def site_dir(tmp_path, monkeypatch):
    """An empty directory put first on ``sys.path`` for the test's duration."""
    site = tmp_path / "site-packages"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    pkgmeta.MetadataPathFinder.invalidate_caches()
    yield site
    pkgmeta.MetadataPathFinder.invalidate_caches()


@pytest.fixture
def isolated_path(monkeypatch, tmp_path):
    """``sys.path`` holding nothing but a fresh empty site directory."""
    site = tmp_path / "isolated"
    site.mkdir()
    monkeypatch.setattr(sys, "path", [str(site)])
    pkgmeta.MetadataPathFinder.invalidate_caches()
    return site


# importlib_metadata patches the import system when first imported: import it
# now, with the patch undone, before any test module does.
try:
    import_backport()
except ImportError:  # not installed: the tests comparing with it say so themselves
    pass
