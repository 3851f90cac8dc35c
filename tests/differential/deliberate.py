"""The one table of deliberate differences between pkgmeta and its references.

Every differential test case has an id such as ``empty-first/stale/version``
(scenario, name looked up, facet), ``empty-first/discovered/version`` (that
facet of every distribution on the scenario's path), ``empty-first/packages``
(an environment-wide call), ``site/pip/json`` (a facet of a real distribution)
or ``site/packages`` (an environment-wide call on the real environment), and is
compared with a reference: ``stdlib`` (the running interpreter's
``importlib.metadata``) or ``backport`` (``importlib_metadata``). A row below
that matches a case turns it into ``xfail(strict=True)``: the case must keep
differing, so a row that stops being true fails the run and gets removed.
"""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Tuple

import pytest

if TYPE_CHECKING:
    from _pytest.mark import ParameterSet

__all__ = ["DIFFERENCES", "Difference", "marks", "param", "unused"]

Version = Tuple[int, int]


@dataclass(frozen=True)
class Difference:
    """A known, intended way pkgmeta's answer differs from a reference's.

    Attributes:
        cases: ``fnmatch`` patterns over case ids.
        reference: ``"stdlib"`` or ``"backport"``.
        reason: Why pkgmeta answers differently (shown by pytest).
        since: First Python version on which the difference exists.
        until: First Python version on which it no longer exists.
        only: For ``site/`` cases, whether the real environment shows the
            difference: given the stdlib's ``Distribution`` (one
            distribution's case) or the list of all of them (an
            environment-wide case). ``None``: every case the patterns match.
        optional: With :attr:`only`, the real environment may show no such
            case at all (a kind of distribution only some machines have), so
            the row is not stale when it matched nothing.
    """

    cases: tuple[str, ...]
    reference: str
    reason: str
    since: Version = (3, 8)
    until: Version = (99, 0)
    only: Callable[[Any], bool] | None = None
    optional: bool = False

    def applies(self, case: str, reference: str, subject: Any = None) -> bool:
        """Whether this difference is expected for ``case`` on this Python.

        Args:
            case: The case id.
            reference: The reference's label.
            subject: What :attr:`only` (when set) must accept: for a
                ``site/`` case, the stdlib's distribution(s).
        """
        return (
            reference == self.reference
            and self.since <= sys.version_info[:2] < self.until
            and any(fnmatch.fnmatchcase(case, pattern) for pattern in self.cases)
            and (self.only is None or (subject is not None and self.only(subject)))
        )


def _each(template: str, facets: str) -> tuple[str, ...]:
    """Return ``template`` filled with each of the space-separated ``facets``."""
    return tuple(template.format(facet) for facet in facets.split())


# Keys core metadata 2.4/2.5 made multiple-use, which older readers' json
# gives as a single string.
_NEWER_MULTIPLE_USE = ("License-File", "Import-Name", "Import-Namespace")


def _has_newer_multiple_use_keys(dist: Any) -> bool:
    """Whether a distribution's metadata uses a key of :data:`_NEWER_MULTIPLE_USE`."""
    metadata = dist.metadata
    return any(key in metadata for key in _NEWER_MULTIPLE_USE)


def _has_dotted_name(dists: Any) -> bool:
    """Whether a distribution of ``dists`` has a ``.`` in its ``Name``."""
    return any("." in (dist.metadata["Name"] or "") for dist in dists)


def _shadows_entry_points(dists: Any) -> bool:
    """Whether two of ``dists`` share a normalized name and both have entry points."""
    seen = set()
    for dist in dists:
        if not dist.read_text("entry_points.txt"):
            continue
        name = dist.metadata["Name"].lower().replace("_", "-").replace(".", "-")
        if name in seen:
            return True
        seen.add(name)
    return False


# Facets of one distribution (api.DIST_FACETS) that read its metadata.
_READS_METADATA = "name version metadata mapping json requires"
# ... of those, the ones that ask for a field with [] (name, version, mapping)
# and the ones that read the metadata as a whole.
_READS_FIELDS = "name version mapping"
_READS_WHOLE = "metadata json requires"
# Every facet, for a name the reference finds differently or not at all.
_ALL = (
    "name version metadata mapping json requires files located entry-points read-text"
)

DIFFERENCES: tuple[Difference, ...] = (
    # --- against every stdlib ---------------------------------------------------
    Difference(
        ("missing-key",),
        "stdlib",
        "metadata[missing key] raises KeyError (importlib_metadata 8+); the "
        "stdlib returns None, with a DeprecationWarning from 3.12",
    ),
    Difference(
        _each("empty-first/stale/{}", "name version metadata mapping json files")
        + _each("empty-first/stale/{}", "located entry-points read-text"),
        "stdlib",
        "an empty dist-info (left by an interrupted uninstall) earlier on the "
        "path hides the valid one in the stdlib (CPython #100666); pkgmeta "
        "prefers the distribution that has metadata, like importlib_metadata 10",
    ),
    Difference(
        ("empty-first/all-entry-points",),
        "stdlib",
        "entry_points() keeps one distribution per name, and the stdlib keeps "
        "the empty one (CPython #100666); pkgmeta keeps the one with metadata",
        since=(3, 10),
    ),
    Difference(
        _each("empty-first/discovered/{}", _READS_FIELDS),
        "stdlib",
        "the metadata of a dist-info without METADATA reads as empty, as in "
        "the stdlib, but asking for a field raises MetadataNotFound "
        "(importlib_metadata 9+) where the stdlib answers None",
    ),
    Difference(
        _each(
            "bad-entry-point/{}",
            "badep/entry-points discovered/entry-points all-entry-points",
        ),
        "stdlib",
        "module/attr/extras of a value that is not an object reference raise "
        "ValueError (importlib_metadata 10); the stdlib raises AttributeError "
        "(3.8-3.12) or AssertionError (3.13) from a failed regex match",
    ),
    Difference(
        (
            *_each("broken-record/{}/files", "blank-row four-columns bad-size"),
            *_each("broken-record/{}/located", "blank-row four-columns bad-size"),
            *_each("broken-record/{}", "discovered/files discovered/located packages"),
        ),
        "stdlib",
        "pkgmeta reads a malformed RECORD as far as it can (a blank row is "
        "skipped, a fourth column ignored, a size that is no integer gives "
        "None); the stdlib raises TypeError or ValueError out of files() and "
        "packages_distributions()",
    ),
    Difference(
        _each(
            "broken-entry-points/{}",
            "no-equals/entry-points discovered/entry-points all-entry-points"
            " entry-point-lookup",
        ),
        "stdlib",
        "a line without '=' in entry_points.txt is skipped; the stdlib raises "
        "ValueError out of entry_points(), hiding every other distribution's",
    ),
    # --- against the 3.10+ stdlib ------------------------------------------------
    Difference(
        _each(
            "headers/{}",
            "folded/metadata folded/json discovered/metadata discovered/json",
        ),
        "stdlib",
        "a header folded by one space or a tab keeps its text as written; the "
        "3.10+ stdlib dedents every folded value as if folded by 8 spaces and "
        "leaves stray leading spaces (fixed in importlib_metadata 8.6)",
        since=(3, 10),
    ),
    Difference(
        ("dist-info/Foo.Bar/json", "dist-info/discovered/json"),
        "stdlib",
        "json lists License-File values (multiple-use since core metadata 2.4), "
        "like importlib_metadata 10; the stdlib keeps only the first",
        since=(3, 10),
    ),
    Difference(
        ("site/*/json",),
        "stdlib",
        "json lists License-File, Import-Name and Import-Namespace values "
        "(multiple-use since core metadata 2.4/2.5), like importlib_metadata "
        "10; the stdlib gives the first as a string",
        since=(3, 10),
        only=_has_newer_multiple_use_keys,
    ),
    # --- against old stdlibs -------------------------------------------------------
    Difference(
        ("dist-info//*",),
        "stdlib",
        "an empty distribution name raises ValueError (3.11+); 3.8/3.9 raise "
        "PackageNotFoundError and 3.10 returns the first distribution on the "
        "path",
        until=(3, 11),
    ),
    Difference(
        (
            "dist-info/dotted.name/*",
            *_each("odd-names/{}/*", "dotted_case DOTTED-CASE dotted..case"),
            *_each("odd-names/{}/*", "MY.WEIRD.PKG dashed_egg_info"),
        ),
        "stdlib",
        "names are compared after PEP 503 normalization (3.10+); 3.8/3.9 only "
        "fold case and '-' to '_', so 'dotted_case' misses Dotted.Case-1.0",
        until=(3, 10),
    ),
    Difference(
        ("dist-info/not-installed/*", "eggs/my_egg_pkg/*", "nameless-dir/ghost/*"),
        "stdlib",
        "PackageNotFoundError.name is the name asked for and str() reads 'No "
        "package metadata was found for ...' (3.10+); 3.8/3.9 set name to None",
        until=(3, 10),
    ),
    Difference(
        ("site/lookups",),
        "stdlib",
        "names are compared after PEP 503 normalization (3.10+); 3.8/3.9 only "
        "fold case and '-' to '_', so 'lazr-restfulclient' misses Debian's "
        "lazr.restfulclient-0.14.5.egg-info (seen by PyPy 3.9 there)",
        until=(3, 10),
        only=_has_dotted_name,
        optional=True,
    ),
    Difference(
        ("duplicates/all-entry-points", "duplicates/entry-point-lookup"),
        "stdlib",
        "entry_points() reads only the first distribution of each name "
        "(3.10+); 3.8/3.9 also list the shadowed duplicate's entry points",
        until=(3, 10),
    ),
    Difference(
        ("site/all-entry-points",),
        "stdlib",
        "entry_points() reads only the first distribution of each name "
        "(3.10+); 3.8/3.9 also list the entry points of the base "
        "interpreter's pip and setuptools behind the venv's",
        until=(3, 10),
        only=_shadows_entry_points,
    ),
    Difference(
        _each(
            "egg-info/{}", "bar/files bar/located discovered/files discovered/located"
        ),
        "stdlib",
        "files() of an egg-info reads installed-files.txt first (3.12+); "
        "before 3.12 only SOURCES.txt is read",
        until=(3, 12),
    ),
    Difference(
        _each(
            "egg-info/{}", "bar/files bar/located discovered/files discovered/located"
        ),
        "stdlib",
        "3.12 raises ValueError for an installed-files.txt entry outside "
        "site-packages (../../../bin/bar); 3.13 resolves it with walk_up",
        since=(3, 12),
        until=(3, 13),
    ),
    Difference(
        _each("egg-info/{}/requires", "bar sourced discovered"),
        "stdlib",
        "a URL requirement from requires.txt gets a space before its marker "
        "(PEP 508, importlib_metadata #357) and an empty requires.txt gives "
        "[] (3.9+); 3.8 gives 'url@ x; marker' and ''",
        until=(3, 9),
    ),
    Difference(
        (*_each("{}/packages", "records zip-site"), "site/packages"),
        "stdlib",
        "packages_distributions() infers import names from files() when "
        "top_level.txt is missing (3.11+); 3.10 reads top_level.txt only",
        since=(3, 10),
        until=(3, 11),
    ),
    Difference(
        ("site/packages",),
        "stdlib",
        "packages_distributions() infers import names from every file "
        "(3.12+, importlib_metadata 10), so single-module projects add "
        "'__pycache__'; 3.11 infers them from .py files only",
        since=(3, 11),
        until=(3, 12),
    ),
    Difference(
        ("inferred/packages",),
        "stdlib",
        "packages_distributions() infers import names from every file that "
        "exists (3.12+, importlib_metadata 10); 3.10 reads top_level.txt "
        "only, 3.11 infers them from .py rows only, missing files included",
        since=(3, 10),
        until=(3, 12),
    ),
    Difference(
        ("inferred/packages",),
        "stdlib",
        "packages_distributions() names a top-level row that is no module "
        "file by the row ('trailing/' gives 'trailing', 3.13+, "
        "importlib_metadata 10); 3.12 drops it, and names a bare '.py' ''",
        since=(3, 12),
        until=(3, 13),
    ),
    Difference(
        ("egg-info/packages",),
        "stdlib",
        "files() drops rows for missing files (3.12+), so the setup.py named "
        "by SOURCES.txt is no import name; 3.10/3.11 report 'setup'",
        since=(3, 10),
        until=(3, 12),
    ),
    # --- against importlib_metadata 10.2 (and the older ones below) -------------------
    Difference(
        (
            *_each("broken-record/{}/files", "blank-row four-columns bad-size"),
            *_each("broken-record/{}/located", "blank-row four-columns bad-size"),
            *_each("broken-record/{}", "discovered/files discovered/located packages"),
        ),
        "backport",
        "pkgmeta reads a malformed RECORD as far as it can (a blank row is "
        "skipped, a fourth column ignored, a size that is no integer gives "
        "None); importlib_metadata raises TypeError or ValueError",
    ),
    Difference(
        _each(
            "broken-entry-points/{}",
            "no-equals/entry-points discovered/entry-points all-entry-points"
            " entry-point-lookup",
        ),
        "backport",
        "a line without '=' in entry_points.txt is skipped; importlib_metadata "
        "raises ValueError out of entry_points()",
    ),
    Difference(
        ("undecodable/packages",),
        "stdlib",
        "packages_distributions() leaves out a distribution whose METADATA or "
        "top_level.txt is not UTF-8; the stdlib raises UnicodeDecodeError for "
        "the whole environment (docs/faults.md)",
        since=(3, 10),
    ),
    Difference(
        ("undecodable/packages",),
        "backport",
        "packages_distributions() leaves out a distribution whose METADATA or "
        "top_level.txt is not UTF-8; importlib_metadata raises "
        "UnicodeDecodeError for the whole environment (docs/faults.md)",
    ),
    # --- against the importlib_metadata installed for old Pythons ------------------
    # The newest importlib_metadata for 3.8 is 8.5, for 3.9 8.7, for 3.10 9.0;
    # pkgmeta follows 10.2.
    Difference(
        _each("empty-first/discovered/{}", _READS_FIELDS),
        "backport",
        "importlib_metadata 8.5/8.7 parse the missing metadata of a dist-info "
        "as an empty message (KeyError on Version); asking pkgmeta for a "
        "field raises MetadataNotFound",
        until=(3, 10),
    ),
    Difference(
        _each("empty-first/discovered/{}", _READS_WHOLE),
        "backport",
        "importlib_metadata 9+ raises MetadataNotFound for the metadata of a "
        "dist-info without METADATA (8.7, the newest for 3.9, a TypeError); "
        "pkgmeta reads it as empty, as every stdlib does, so that probes such "
        "as pipdeptree's '\"Name\" in dist.metadata' keep working "
        "(docs/as-importlib-metadata.md)",
        since=(3, 9),
    ),
    Difference(
        ("undecodable/latin/entry-points", "undecodable/latin/origin"),
        "backport",
        "importlib_metadata 8.5-9.0 read METADATA to choose among "
        "distributions, so an undecodable one makes every lookup of that name "
        "raise UnicodeDecodeError, even for entry points and origin",
        until=(3, 11),
    ),
    Difference(
        ("empty-first/all-entry-points",),
        "backport",
        "importlib_metadata 8.5-9.0 keep the first distribution of each name in "
        "entry_points() even when it has no metadata; 10.x prefers a valid one",
        until=(3, 11),
    ),
    Difference(
        _each(
            "headers/{}",
            "folded/metadata folded/json discovered/metadata discovered/json",
        ),
        "backport",
        "importlib_metadata 8.5 dedents every folded value as if folded by 8 "
        "spaces, like the 3.10+ stdlib",
        until=(3, 9),
    ),
    Difference(
        ("dist-info/Foo.Bar/json", "dist-info/discovered/json"),
        "backport",
        "importlib_metadata 8.5-9.0 keep only the first License-File in json",
        until=(3, 11),
    ),
    Difference(
        ("site/*/json",),
        "backport",
        "importlib_metadata 8.5-9.0 give only the first License-File, "
        "Import-Name or Import-Namespace in json",
        until=(3, 11),
        only=_has_newer_multiple_use_keys,
    ),
    Difference(
        _each(
            "bad-entry-point/{}",
            "badep/entry-points discovered/entry-points all-entry-points",
        ),
        "backport",
        "importlib_metadata 8.5 raises AssertionError for the parts of a value "
        "that is not an object reference",
        until=(3, 9),
    ),
    Difference(
        _each(
            "bad-entry-point/{}",
            "badep/entry-points discovered/entry-points all-entry-points"
            " entry-point-lookup",
        ),
        "backport",
        "importlib_metadata 8.7/9.0 validate entry point values while reading "
        "entry_points.txt, so one bad value makes every entry point query "
        "raise; pkgmeta, like 10.x, validates on access",
        since=(3, 9),
        until=(3, 11),
    ),
)
"""Every deliberate difference; keep each row's patterns as narrow as they go."""

_matched: set[Difference] = set()


def marks(case: str, reference: str, subject: Any = None) -> list[Any]:
    """Return the strict xfail marks ``case`` needs against ``reference``."""
    reasons = []
    for difference in DIFFERENCES:
        if difference.applies(case, reference, subject):
            _matched.add(difference)
            reasons.append(difference.reason)
    if not reasons:
        return []
    return [pytest.mark.xfail(strict=True, reason=" / ".join(reasons))]


def param(*values: Any, case: str, reference: str, subject: Any = None) -> ParameterSet:
    """Return ``pytest.param(*values)`` with id ``case-reference`` and its marks."""
    return pytest.param(
        *values, id=f"{case}-{reference}", marks=marks(case, reference, subject)
    )


def unused(*, site: bool) -> list[Difference]:
    """Return the rows in force on this Python that matched no collected case.

    Args:
        site: Check the rows about the real environment (case ids starting
            with ``site/``) rather than those about the built scenarios.
    """
    return [
        difference
        for difference in DIFFERENCES
        if difference not in _matched
        and not difference.optional
        and difference.since <= sys.version_info[:2] < difference.until
        and all(pattern.startswith("site/") == site for pattern in difference.cases)
    ]
