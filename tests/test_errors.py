"""Tests for pkgmeta._errors: the fault families every caller decides by."""

from __future__ import annotations

import subprocess
import sys

from helpers import needs_subprocess
from pkgmeta._errors import damaged, zip_errors


def test_damaged_includes_zip_errors_once_zipfile_is_loaded():
    """The damaged family names BadZipFile when zipfile is imported, and extras."""
    import zipfile

    errors = damaged(KeyError)
    assert zipfile.BadZipFile in errors
    assert KeyError in errors
    assert OSError in errors


@needs_subprocess
def test_the_families_import_nothing():
    """Building a family imports neither zipfile nor zlib: no zip, no zip errors."""
    code = (
        "import sys; from pkgmeta._errors import damaged, zip_errors;"
        "damaged(); zip_errors();"
        "print(sorted(m for m in ('zipfile', 'zlib', 'struct') if m in sys.modules))"
    )
    output = subprocess.check_output([sys.executable, "-c", code], text=True)
    assert output.strip() == "[]"


def test_zip_errors_name_what_zipfile_raises_for_damage():
    """BadZipFile, zlib.error and struct.error, plus short reads and unknown methods."""
    import struct
    import zipfile
    import zlib

    errors = zip_errors(OSError)
    for expected in (zipfile.BadZipFile, zlib.error, struct.error, EOFError):
        assert expected in errors
    assert NotImplementedError in errors
    assert OSError in errors
