"""Name normalization: agrees with the stdlib's regex and is idempotent."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pkgmeta._names import legacy_normalize, name_from_metadata_dir, normalize

# Names as found on disk and typed by users: mostly ASCII with separators.
names = st.text(alphabet=st.sampled_from("aAbBzZ09-_. ÄéİßK"), max_size=20) | st.text(
    max_size=12
)


def reference_normalize(name: str) -> str:
    """The stdlib's Prepared.normalize, restated from its documented rule."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


@given(names)
def test_normalize_agrees_with_the_stdlib_rule(name):
    """normalize() gives what the stdlib's regex-based rule gives."""
    assert normalize(name) == reference_normalize(name)


@given(names)
def test_normalize_is_idempotent(name):
    """Normalizing a normalized name changes nothing."""
    assert normalize(normalize(name)) == normalize(name)


@given(names)
def test_legacy_normalize_folds_only_case_and_dashes(name):
    """Legacy (egg) normalization lowers case and maps '-' to '_' only."""
    assert legacy_normalize(name) == name.lower().replace("-", "_")


def test_legacy_spellings_share_one_key():
    """Foo.Bar, foo_bar, FOO-bar and foo__bar all find the same directory."""
    assert {normalize(n) for n in ["Foo.Bar", "foo_bar", "FOO-bar", "foo__bar"]} == {
        "foo_bar"
    }


def test_name_from_metadata_dir_reads_the_part_before_the_version():
    """The project name of a metadata directory ends at the first dash."""
    assert name_from_metadata_dir("CherryPy-3.0.dist-info") == "CherryPy"
    assert name_from_metadata_dir("face.egg-info") == "face"
    assert name_from_metadata_dir("-1.0.dist-info") == ""
    assert name_from_metadata_dir("foo.bar") is None
    assert name_from_metadata_dir("dist-info") is None
