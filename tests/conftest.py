"""Shared test configuration: Hypothesis profiles and file-tree builders."""

from __future__ import annotations

import os
import sys
from typing import Dict, Union

import pytest
from hypothesis import HealthCheck, settings

import pkgmeta

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

# A file tree: file names map to text (or bytes) contents, directory names to trees.
Tree = Dict[str, Union[str, bytes, "Tree"]]


def build_tree(root: os.PathLike[str] | str, tree: Tree) -> None:
    """Create the files and directories of *tree* under *root*."""
    for name, content in tree.items():
        path = os.path.join(root, name)
        if isinstance(content, dict):
            os.makedirs(path, exist_ok=True)
            build_tree(path, content)
        elif isinstance(content, bytes):
            with open(path, "wb") as file:
                file.write(content)
        else:
            with open(path, "w", encoding="utf-8", newline="") as file:
                file.write(content)


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


def _undo_importlib_metadata_patch() -> None:
    """Import importlib_metadata once, then undo what its import does globally.

    On import it appends its finder to ``sys.meta_path`` and deletes
    ``PathFinder.find_distributions``, which would make the stdlib reference
    of the differential tests silently become importlib_metadata. Its API
    keeps working without the patch (it adapts stdlib objects).
    """
    import importlib.machinery

    saved = importlib.machinery.PathFinder.__dict__.get("find_distributions")
    try:
        import importlib_metadata
    except ImportError:
        return
    sys.meta_path[:] = [
        finder
        for finder in sys.meta_path
        if type(finder).__module__ != importlib_metadata.__name__
    ]
    if saved is not None and "find_distributions" not in vars(
        importlib.machinery.PathFinder
    ):
        importlib.machinery.PathFinder.find_distributions = saved  # type: ignore[attr-defined]


_undo_importlib_metadata_patch()
