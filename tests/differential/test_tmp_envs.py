"""pkgmeta against importlib.metadata and importlib_metadata on built environments."""

from __future__ import annotations

import gc
import os
import warnings
from typing import TYPE_CHECKING, Any, Callable

import pytest

from . import deliberate
from .api import (
    DIST_FACETS,
    FACET_FEATURES,
    PKGMETA,
    REFERENCES,
    Api,
    Built,
    functional_outcome,
    metadata_location,
    plain_entry_point,
)
from .envs import SCENARIOS, Scenario

if TYPE_CHECKING:
    from _pytest.mark import ParameterSet

# The stdlib and importlib_metadata leave zip files for the garbage collector
# to close, at whatever later moment it runs; pkgmeta's own zip handling is
# checked by test_pkgmeta_closes_the_zip_files_it_opens.
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def _params(cases: list[tuple[str, tuple[Any, ...], str]]) -> list[ParameterSet]:
    """Cross ``(case id, values, feature)`` with every reference that has it."""
    return [
        deliberate.param(*values, ref, case=case, reference=ref.label)
        for case, values, feature in cases
        for ref in REFERENCES
        if ref.supports(feature)
    ]


def _by_name() -> list[ParameterSet]:
    return _params(
        [
            (
                f"{s.id}/{name}/{facet}",
                (s, name, facet),
                FACET_FEATURES.get(facet, facet),
            )
            for s in SCENARIOS
            for name in s.names
            for facet in DIST_FACETS
        ]
    )


def _by_facet() -> list[ParameterSet]:
    return _params(
        [
            (f"{s.id}/discovered/{facet}", (s, facet), FACET_FEATURES.get(facet, facet))
            for s in SCENARIOS
            for facet in DIST_FACETS
        ]
    )


def _by_scenario(what: str, feature: str = "") -> list[ParameterSet]:
    return _params([(f"{s.id}/{what}", (s,), feature) for s in SCENARIOS])


@pytest.mark.parametrize(("scenario", "name", "facet", "ref"), _by_name())
def test_name_based_call_matches(
    scenario: Scenario,
    name: str,
    facet: str,
    ref: Api,
    built: dict[str, Built],
    prepended_path: Callable[[list[str]], None],
) -> None:
    """A name-based call answers like the reference once the tree leads sys.path."""
    prepended_path(built[scenario.id].path)
    assert functional_outcome(PKGMETA, facet, name) == functional_outcome(
        ref, facet, name
    )


def _discovered(api: Api, where: Built) -> list[tuple[str, Any]]:
    """Return ``(metadata location, dist)`` for each distribution on the path."""
    return [(where.relative(metadata_location(d)), d) for d in api.discover(where.path)]


@pytest.mark.parametrize("how", ["distributions", "discover", "context"])
@pytest.mark.parametrize(("scenario", "ref"), _by_scenario("discover"))
def test_distributions_on_a_path_match(
    scenario: Scenario, ref: Api, how: str, built: dict[str, Built]
) -> None:
    """Discovery on an explicit path finds the same metadata, entry by entry.

    Within one directory the order is the file system's, so only the order
    of the search path entries is compared.
    """
    where = built[scenario.id]

    def found(api: Api) -> list[tuple[int, str]]:
        located = [
            where.relative(metadata_location(d)) for d in api.discover(where.path, how)
        ]
        ordered = [(where.entry_of(location), location) for location in located]
        assert [entry for entry, _ in ordered] == sorted(entry for entry, _ in ordered)
        return sorted(ordered)

    assert found(PKGMETA) == found(ref)


@pytest.mark.parametrize(("scenario", "facet", "ref"), _by_facet())
def test_each_discovered_distribution_matches(
    scenario: Scenario, facet: str, ref: Api, built: dict[str, Built]
) -> None:
    """Every distribution found on the path answers ``facet`` like the reference.

    Those whose metadata is a file or directory of their own (not a member of
    a zip) are asked again through ``Distribution.at(location)``.
    """
    where = built[scenario.id]

    def answers(api: Api) -> dict[str, Any]:
        found = {}
        for location, dist in _discovered(api, where):
            found[location] = api.outcome(lambda d=dist: DIST_FACETS[facet](api, d))
            full = os.path.join(where.root, location)
            if os.path.exists(full):
                at = api.module.Distribution.at(full)
                found[f"at:{location}"] = api.outcome(
                    lambda d=at: DIST_FACETS[facet](api, d)
                )
        return found

    assert answers(PKGMETA) == answers(ref)


@pytest.mark.parametrize(("scenario", "ref"), _by_scenario("all-entry-points"))
def test_all_entry_points_match(
    scenario: Scenario,
    ref: Api,
    built: dict[str, Built],
    scenario_only_path: Callable[[list[str]], None],
) -> None:
    """``entry_points()`` over the environment holds the same entry points."""
    scenario_only_path(built[scenario.id].path)
    ours = sorted(plain_entry_point(ep) for ep in PKGMETA.entry_points())
    theirs = sorted(plain_entry_point(ep) for ep in ref.entry_points())
    assert ours == theirs


@pytest.mark.parametrize(("scenario", "ref"), _by_scenario("entry-point-lookup"))
def test_entry_point_lookup_by_group_and_name_matches(
    scenario: Scenario,
    ref: Api,
    built: dict[str, Built],
    scenario_only_path: Callable[[list[str]], None],
) -> None:
    """Selecting a group and taking a name picks the same entry point."""
    scenario_only_path(built[scenario.id].path)
    groups = {ep.group for ep in ref.entry_points()}

    def first_of_each(api: Api) -> dict[tuple[str, str], str]:
        chosen: dict[tuple[str, str], str] = {}
        for group in sorted(groups):
            if not api.supports("select"):  # 3.8/3.9: the first one listed
                for ep in api.entry_points(group=group):
                    chosen.setdefault((group, ep.name), ep.value)
                continue
            with api.active():
                selected = api.module.entry_points(group=group)
            chosen.update({(group, n): selected[n].value for n in selected.names})
        return chosen

    assert first_of_each(PKGMETA) == first_of_each(ref)


@pytest.mark.parametrize(
    ("scenario", "ref"),
    _by_scenario("packages", "packages_distributions"),
)
def test_packages_distributions_match(
    scenario: Scenario,
    ref: Api,
    built: dict[str, Built],
    scenario_only_path: Callable[[list[str]], None],
) -> None:
    """``packages_distributions()`` maps the same import names to the same dists."""
    scenario_only_path(built[scenario.id].path)
    assert PKGMETA.outcome(PKGMETA.module.packages_distributions) == ref.outcome(
        ref.module.packages_distributions
    )


@pytest.mark.parametrize(
    "ref",
    [
        deliberate.param(ref, case="missing-key", reference=ref.label)
        for ref in REFERENCES
    ],
)
def test_missing_metadata_key_answers_alike(
    ref: Api, built: dict[str, Built], prepended_path: Callable[[list[str]], None]
) -> None:
    """Subscripting metadata with a key it lacks does what the reference does."""
    prepended_path(built["dist-info"].path)

    def subscript(api: Api) -> tuple[Any, ...]:
        return api.outcome(lambda: api.module.metadata("Foo.Bar")["No-Such-Key"])

    assert subscript(PKGMETA) == subscript(ref)


def test_pkgmeta_closes_the_zip_files_it_opens(built: dict[str, Built]) -> None:
    """Once its results and caches are dropped, pkgmeta leaves no zip file open."""
    gc.collect()  # the references' garbage goes first, its warnings ignored
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        answers = [
            read(PKGMETA, dist)
            for scenario in ("eggs", "zip-site")
            for _, dist in _discovered(PKGMETA, built[scenario])
            for read in DIST_FACETS.values()
        ]
        del answers
        PKGMETA.module.MetadataPathFinder.invalidate_caches()
        gc.collect()
    assert [str(w.message) for w in caught if w.category is ResourceWarning] == []


def test_every_deliberate_difference_still_applies() -> None:
    """Each row of the table in force on this Python matched a collected case."""
    assert deliberate.unused(site=False) == []
