"""pkgmeta against importlib.metadata and importlib_metadata on the real environment.

The search path is ``sys.path`` as pytest sees it plus every site-packages
directory of the venv and of the interpreter it was made from, so the 3.11
sweep also covers the ~100 projects installed in the base interpreter.
"""

from __future__ import annotations

import functools
import os
import site
import sys
from typing import TYPE_CHECKING, Any

import pytest

from . import deliberate
from .api import (
    DIST_FACETS,
    FACET_FEATURES,
    PKGMETA,
    REFERENCES,
    STDLIB,
    Api,
    invalidate_caches,
    metadata_location,
    plain_entry_point,
)

if TYPE_CHECKING:
    from _pytest.mark import ParameterSet

# The stdlib and importlib_metadata leave zip files for the garbage collector
# to close, at whatever later moment it runs; pkgmeta's own zip handling is
# checked by test_pkgmeta_closes_the_zip_files_it_opens.
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def _sweep_path() -> list[str]:
    """Return ``sys.path`` followed by the site-packages it may lack, once each."""
    candidates = [
        *sys.path,
        *site.getsitepackages(),
        *site.getsitepackages([sys.base_prefix]),
    ]
    return [
        entry
        for entry in dict.fromkeys(candidates)
        if entry == "" or os.path.exists(entry)
    ]


SWEEP_PATH = _sweep_path()

# Reading every file's first bytes (the "located" facet) over thousands of
# installed files would dominate the run; the built scenarios cover it.
SWEEP_FACETS = [facet for facet in DIST_FACETS if facet != "located"]


@functools.lru_cache(maxsize=None)
def _found(api: Api) -> dict[str, Any]:
    """Map metadata location to distribution for everything ``api`` finds."""
    return {metadata_location(dist): dist for dist in api.discover(SWEEP_PATH)}


def _normalized(name: str) -> str:
    """PEP 503 normalization, for readable test ids."""
    collapsed = name.replace("_", "-").replace(".", "-")
    while "--" in collapsed:
        collapsed = collapsed.replace("--", "-")
    return collapsed.lower()


def _case_ids() -> dict[str, str]:
    """Map each location the stdlib finds to ``site/<normalized name>``.

    A name seen again (the base interpreter's pip behind the venv's) gets
    ``@2``, ``@3``, ... in search path order.
    """
    ids: dict[str, str] = {}
    seen: dict[str, int] = {}
    for location, dist in _found(STDLIB).items():
        outcome, name, *_ = STDLIB.outcome(lambda d=dist: d.metadata["Name"])
        named = outcome == "returns" and isinstance(name, str)
        label = _normalized(name) if named else os.path.basename(location)
        seen[label] = seen.get(label, 0) + 1
        ids[location] = (
            f"site/{label}" if seen[label] == 1 else f"site/{label}@{seen[label]}"
        )
    return ids


CASE_IDS = _case_ids()


def _per_facet() -> list[ParameterSet]:
    return [
        deliberate.param(
            location,
            facet,
            ref,
            case=f"{case}/{facet}",
            reference=ref.label,
            subject=_found(STDLIB)[location],
        )
        for location, case in CASE_IDS.items()
        for facet in SWEEP_FACETS
        for ref in REFERENCES
        if ref.supports(FACET_FEATURES.get(facet, facet))
    ]


@pytest.mark.parametrize(("location", "facet", "ref"), _per_facet())
def test_installed_distribution_matches(location: str, facet: str, ref: Api) -> None:
    """Each facet of each installed distribution matches the reference's."""
    ours = _found(PKGMETA).get(location)
    assert ours is not None, f"pkgmeta does not find {location}"
    theirs = _found(ref)[location]
    read = DIST_FACETS[facet]
    assert PKGMETA.outcome(lambda: read(PKGMETA, ours)) == ref.outcome(
        lambda: read(ref, theirs)
    )


def _environment_wide(what: str, feature: str = "") -> list[ParameterSet]:
    subject = list(_found(STDLIB).values())
    return [
        deliberate.param(ref, case=f"site/{what}", reference=ref.label, subject=subject)
        for ref in REFERENCES
        if ref.supports(feature)
    ]


@pytest.mark.parametrize("ref", _environment_wide("discover"))
def test_same_distributions_found(ref: Api) -> None:
    """``distributions(path=...)`` finds the same metadata directories."""
    assert sorted(_found(PKGMETA)) == sorted(_found(ref))


@pytest.fixture
def sweep_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``sys.path`` the sweep's path for the name-based calls."""
    monkeypatch.setattr(sys, "path", list(SWEEP_PATH))
    invalidate_caches()


@pytest.mark.usefixtures("sweep_path")
@pytest.mark.parametrize("ref", _environment_wide("lookups"))
def test_lookup_by_name_picks_the_same_distribution(ref: Api) -> None:
    """``distribution(name)`` and ``version(name)`` agree for every installed name."""
    names = sorted({case.split("/")[1].split("@")[0] for case in CASE_IDS.values()})

    def picks(api: Api) -> dict[str, Any]:
        return {
            name: (
                api.outcome(
                    lambda n=name: metadata_location(api.module.distribution(n))
                ),
                api.outcome(lambda n=name: api.module.version(n)),
            )
            for name in names
        }

    assert picks(PKGMETA) == picks(ref)


@pytest.mark.usefixtures("sweep_path")
@pytest.mark.parametrize("ref", _environment_wide("all-entry-points"))
def test_all_entry_points_match(ref: Api) -> None:
    """``entry_points()`` holds the same entry points, with the same first picks."""
    ours = [plain_entry_point(ep) for ep in PKGMETA.entry_points()]
    theirs = [plain_entry_point(ep) for ep in ref.entry_points()]
    assert sorted(ours) == sorted(theirs)

    def first_of_each(eps: list[tuple[Any, ...]]) -> dict[tuple[str, str], str]:
        chosen: dict[tuple[str, str], str] = {}
        for name, value, group, *_ in eps:
            chosen.setdefault((group, name), value)
        return chosen

    assert first_of_each(ours) == first_of_each(theirs)


@pytest.mark.usefixtures("sweep_path")
@pytest.mark.parametrize("ref", _environment_wide("packages", "packages_distributions"))
def test_packages_distributions_match(ref: Api) -> None:
    """``packages_distributions()`` maps every import name to the same projects."""
    assert PKGMETA.outcome(PKGMETA.module.packages_distributions) == ref.outcome(
        ref.module.packages_distributions
    )


def test_every_deliberate_difference_still_applies() -> None:
    """Each site row of the table in force on this Python matched a collected case."""
    assert deliberate.unused(site=True) == []
