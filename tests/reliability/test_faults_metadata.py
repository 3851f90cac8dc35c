"""Fault corpus: METADATA files that are empty, undecodable, odd or huge.

Single-distribution calls on a broken METADATA give the reference's answer or
raise a clear error naming the metadata directory; docs/faults.md has the
contract. Environment-wide calls are covered by test_faults_scale.py.
"""

from __future__ import annotations

import os
import re
import stat
import time

import pytest

import pkgmeta

from .faults import (
    BACKPORT,
    IS_ROOT,
    backport_version,
    outcome,
    reference_dist,
    release_fifo,
    run_bounded,
)

MD = "Metadata-Version: 2.1\nName: broken\nVersion: 2.0\n"
BROKEN = "broken-2.0.dist-info"


def test_empty_metadata_raises_metadata_not_found_naming_the_directory(env):
    """An empty METADATA is no metadata: a MetadataNotFound naming the directory.

    The metadata itself reads as empty, as every stdlib's does; a field
    asked for with [] raises (importlib_metadata 9+ raises for the whole).
    """
    path = env.dist(BROKEN, {"METADATA": ""})
    with pytest.raises(pkgmeta.MetadataNotFound, match=re.escape(path)):
        pkgmeta.version("broken")
    meta = pkgmeta.metadata("broken")
    assert "Name" not in meta
    assert (meta.get("Name"), len(meta), list(meta)) == (None, 0, [])
    with pytest.raises(FileNotFoundError, match=re.escape(path)):
        meta["Name"]
    assert pkgmeta.files("broken") is None
    assert pkgmeta.requires("broken") is None


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(bytes(range(256)) * 4, id="binary"),
        pytest.param((MD + "Author: Jos\xe9\n").encode("latin-1"), id="latin-1"),
        pytest.param(b"\xed\xa0\x80" + MD.encode(), id="encoded-surrogate"),
        pytest.param(MD.encode("utf-16"), id="utf-16"),
    ],
)
def test_undecodable_metadata_raises_unicode_decode_error_like_the_references(
    env, reference, content
):
    """Metadata that is not UTF-8 raises UnicodeDecodeError, as the references do."""
    path = env.dist(BROKEN, {"METADATA": content})
    with pytest.raises(UnicodeDecodeError):
        pkgmeta.version("broken")
    with pytest.raises(UnicodeDecodeError):
        pkgmeta.metadata("broken")
    assert outcome(lambda: reference_dist(reference, path).version) == (
        "raises",
        "UnicodeDecodeError",
    )


def test_undecodable_metadata_error_names_the_file(env):
    """The UnicodeDecodeError says which file could not be decoded."""
    path = env.dist(BROKEN, {"METADATA": b"Name: \xff\n"})
    with pytest.raises(
        UnicodeDecodeError, match=re.escape(os.path.join(path, "METADATA"))
    ):
        pkgmeta.version("broken")


def test_byte_order_mark_before_metadata_is_ignored(env, reference):
    """A UTF-8 BOM at the start of METADATA does not hide the first header.

    Deliberate difference: the references read ``\\ufeffMetadata-Version`` as
    the start of the body and find no Name nor Version.
    """
    text = MD + "Summary: s\n\nbody\n"
    path = env.dist(BROKEN, {"METADATA": "\ufeff" + text})
    clean = env.dist("clean-2.0.dist-info", {"METADATA": text})
    assert pkgmeta.version("broken") == "2.0"
    assert pkgmeta.metadata("broken").items() == pkgmeta.metadata("clean").items()
    assert pkgmeta.metadata("broken")["Metadata-Version"] == "2.1"
    assert reference_dist(reference, clean).metadata["Summary"] == "s"
    assert outcome(lambda: reference_dist(reference, path).version) in [
        ("returns", None),
        ("raises", "KeyError"),
    ]


@pytest.mark.parametrize(
    "newline", [pytest.param("\r\n", id="crlf"), pytest.param("\r", id="cr")]
)
def test_crlf_and_cr_line_endings_read_like_the_references(env, reference, newline):
    """Windows and old Mac line endings give the values the references give."""
    lines = [
        "Metadata-Version: 2.1",
        "Name: broken",
        "Version: 2.0",
        "Summary: one line",
        "License: first",
        "        second",
        "Requires-Dist: a",
        "Requires-Dist: b ; extra == 'x'",
        "",
        "Body line one.",
        "Body line two.",
        "",
    ]
    path = env.dist(BROKEN, {"METADATA": newline.join(lines)})
    ours = pkgmeta.metadata("broken")
    theirs = reference_dist(reference, path).metadata
    for key in ["Name", "Version", "Summary"]:
        assert ours[key] == theirs[key], key
    # Folds: see test_folded_headers_read_like_importlib_metadata.
    assert ours["License"] == "first\nsecond"
    assert ours.get_all("Requires-Dist") == theirs.get_all("Requires-Dist")
    assert pkgmeta.requires("broken") == ["a", "b ; extra == 'x'"]
    assert ours["Description"] == "Body line one.\nBody line two.\n"


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        pytest.param("Metadata-Version: 2.1\nVersion: 2.0\n", "Name", id="no-name"),
        pytest.param("Metadata-Version: 2.1\nName: broken\n", "Version", id="no-ver"),
        pytest.param("\nName: broken\nVersion: 2.0\n", "Version", id="body-only"),
        pytest.param("Name broken\nVersion: 2.0\n", "Version", id="no-colon-first"),
    ],
)
def test_missing_name_or_version_raises_key_error_naming_field_and_path(
    env, text, missing
):
    """A missing required field is a KeyError naming the field and directory.

    Deliberate difference (documented in compatibility.md): the stdlib
    returns ``None``; importlib_metadata raises the same KeyError.
    """
    path = env.dist(BROKEN, {"METADATA": text})
    dist = pkgmeta.distribution("broken")
    with pytest.raises(KeyError, match=f"{missing} not present in " + re.escape(path)):
        getattr(dist, missing.lower())
    with pytest.raises(KeyError) as caught:
        pkgmeta.metadata("broken")[missing]
    assert caught.value.args == (missing,)


def test_repeated_headers_keep_the_first_value_and_list_all(env, reference):
    """Duplicate headers (any case) read as the references read them."""
    text = (
        "Metadata-Version: 2.1\nName: broken\nname: other\nVersion: 2.0\n"
        "VERSION: 3.0\nClassifier: A\nclassifier: B\nCLASSIFIER: C\n"
    )
    path = env.dist(BROKEN, {"METADATA": text})
    ours = pkgmeta.metadata("broken")
    theirs = reference_dist(reference, path).metadata
    assert pkgmeta.version("broken") == "2.0" == theirs["Version"]
    assert ours["name"] == theirs["name"] == "broken"
    assert ours.get_all("Classifier") == theirs.get_all("Classifier") == ["A", "B", "C"]
    assert list(ours) == list(theirs)


def test_folded_headers_read_like_importlib_metadata(env):
    """Values folded with eight spaces lose the indent; other folds are kept."""
    text = (
        "Metadata-Version: 2.1\nName: broken\nVersion: 2.0\n"
        "License: line one\n        line two\n        \n        line four\n"
        "Summary: tab\n\tfolded\n"
        "Keywords: a\n b\n"
    )
    path = env.dist(BROKEN, {"METADATA": text})
    ours = pkgmeta.metadata("broken")
    assert ours["License"] == "line one\nline two\n\nline four"
    assert ours["Summary"] == "tab\n\tfolded"
    if backport_version() < (8, 6):
        pytest.skip("importlib_metadata before 8.6 dedents every fold")
    theirs = reference_dist(BACKPORT, path).metadata
    for key in ["License", "Summary", "Keywords", "Version"]:
        assert ours[key] == theirs[key], key


def test_nul_and_control_characters_in_values_read_like_the_references(env, reference):
    """Valid UTF-8 holding NUL and control characters is text like any other."""
    text = "Metadata-Version: 2.1\nName: broken\nVersion: 2.0\nSummary: a\x00b\x07c\n"
    path = env.dist(BROKEN, {"METADATA": text})
    theirs = reference_dist(reference, path).metadata
    assert pkgmeta.metadata("broken")["Summary"] == theirs["Summary"] == "a\x00b\x07c"


def test_metadata_directory_is_no_metadata(env, reference):
    """A directory named METADATA is skipped: MetadataNotFound, or PKG-INFO if any."""
    path = env.dist(BROKEN, {"METADATA": {"inner": "x"}})
    with pytest.raises(pkgmeta.MetadataNotFound, match=re.escape(path)):
        pkgmeta.metadata("broken")["Name"]
    assert reference_dist(reference, path).read_text("METADATA") is None
    env.add({BROKEN: {"PKG-INFO": MD}})
    assert pkgmeta.version("broken") == "2.0"
    assert reference_dist(reference, path).version == "2.0"


def test_dangling_metadata_symlink_is_no_metadata(env):
    """A METADATA symlink to nowhere reads as a missing file."""
    path = env.dist(BROKEN, {})
    os.symlink("nowhere", os.path.join(path, "METADATA"))
    with pytest.raises(pkgmeta.MetadataNotFound, match=re.escape(path)):
        pkgmeta.version("broken")


@pytest.mark.parametrize("route", ["finder", "path"])
def test_metadata_symlink_loop_is_no_metadata(env, reference, route):
    """A METADATA that is a symlink loop reads as absent, as a dangling link does.

    ``read_text`` gives ``None`` and ``version()`` raises ``MetadataNotFound``
    naming the directory, whether the distribution came from the finder (a
    plain directory) or from ``PathDistribution(pathlib.Path(...))``. Both
    references raise the bare ``OSError`` (ELOOP) of ``open()`` instead
    (docs/compatibility.md).
    """
    path = env.dist(BROKEN, {})
    os.symlink("METADATA", os.path.join(path, "METADATA"))
    dist = (
        pkgmeta.distribution("broken")
        if route == "finder"
        else reference_dist(pkgmeta, path)
    )
    assert dist.read_text("METADATA") is None
    with pytest.raises(pkgmeta.MetadataNotFound, match=re.escape(path)):
        dist.version
    with pytest.raises(pkgmeta.MetadataNotFound, match=re.escape(path)):
        pkgmeta.version("broken")
    assert "Name" not in dist.metadata
    assert outcome(lambda: reference_dist(reference, path).read_text("METADATA")) == (
        "raises",
        "OSError",
    )


def test_metadata_symlink_loop_gives_way_to_pkg_info(env):
    """With METADATA a loop, an egg's PKG-INFO is read, as with a dangling link."""
    path = env.dist(BROKEN, {"PKG-INFO": MD})
    os.symlink("METADATA", os.path.join(path, "METADATA"))
    assert pkgmeta.version("broken") == "2.0"


def test_other_os_errors_still_propagate(env, monkeypatch):
    """Only ELOOP is read as absent: another OSError (EIO) still propagates."""
    import errno

    from pkgmeta import _fs

    path = env.dist(BROKEN, {"METADATA": MD})
    metadata = os.path.join(path, "METADATA")

    def failing_read(file):
        raise OSError(errno.EIO, os.strerror(errno.EIO), file)

    monkeypatch.setattr(_fs, "read_regular_file", failing_read)
    with pytest.raises(OSError, match=re.escape(metadata)) as caught:
        pkgmeta.distribution("broken").read_text("METADATA")
    assert caught.value.errno == errno.EIO


@pytest.mark.skipif(IS_ROOT, reason="permission bits do not stop root")
def test_unreadable_metadata_is_no_metadata(env):
    """A METADATA nobody may read counts as missing, as the references treat it."""
    path = env.dist(BROKEN, {"METADATA": MD})
    metadata = os.path.join(path, "METADATA")
    os.chmod(metadata, 0)
    try:
        with pytest.raises(pkgmeta.MetadataNotFound, match=re.escape(path)):
            pkgmeta.version("broken")
    finally:
        os.chmod(metadata, stat.S_IRUSR | stat.S_IWUSR)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_metadata_named_pipe_does_not_hang(env):
    """A FIFO named METADATA reads as no metadata instead of blocking forever."""
    path = env.dist(BROKEN, {})
    fifo = os.path.join(path, "METADATA")
    os.mkfifo(fifo)

    finished, result = run_bounded(
        lambda: pkgmeta.version("broken"), 3, release_fifo(fifo)
    )
    assert finished, "version() blocked on a named pipe"
    assert isinstance(result, pkgmeta.MetadataNotFound)


def huge_metadata(size: int, folded: bool) -> str:
    """METADATA whose Description (a body, or a folded header) is *size* bytes."""
    line = "A line of a very long description, as READMEs go.\n"
    lines = line * (size // len(line))
    head = "Metadata-Version: 2.1\nName: huge\nVersion: 1.0\nSummary: s\n"
    if folded:
        return head + "Description: " + lines.replace("\n", "\n        ") + "\n"
    return head + "\n" + lines


def best_time(call, repeat: int = 3) -> float:
    """The shortest of *repeat* timings of *call* (noise only adds time)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


@pytest.mark.parametrize("folded", [False, True], ids=["body", "folded-header"])
def test_huge_description_costs_linear_time(env, folded):
    """A 10 MB Description leaves Name/Version lookups quick and parsing linear."""
    size = 10 * 1024 * 1024
    env.dist("huge-1.0.dist-info", {"METADATA": huge_metadata(size, folded)})
    env.dist("small-1.0.dist-info", {"METADATA": huge_metadata(size // 10, folded)})
    assert pkgmeta.version("huge") == "1.0"
    assert pkgmeta.distribution("huge").name == "huge"
    # Reading 10 MB from disk is the floor; a quadratic scan would take minutes.
    assert best_time(lambda: pkgmeta.version("huge")) < 2.0
    description = pkgmeta.metadata("huge")["Description"]
    assert len(description) > size * 0.9
    assert description.startswith("A line of a very long description")

    def parse_all(name: str):
        return lambda: pkgmeta.metadata(name).json

    small, large = best_time(parse_all("small")), best_time(parse_all("huge"))
    # Ten times the text: about ten times the time; quadratic would be 100.
    assert large < 30 * small + 0.05, (small, large)
