"""``import pkgmeta`` is cheap and inert: nothing heavy loaded, nothing installed."""

from __future__ import annotations

import json
import subprocess
import sys

from helpers import needs_subprocess

pytestmark = needs_subprocess  # each test probes a fresh interpreter
# Modules a metadata lookup may need later, but a bare import must not load.
DEFERRED = [
    "argparse",
    "csv",
    "email",
    "importlib.abc",
    "inspect",
    "json",
    "pathlib",
    "typing",
    "zipfile",
]

_PROBE = """
import json, sys
before = set(sys.modules)
meta_path, path_hooks = list(sys.meta_path), list(sys.path_hooks)
import pkgmeta
print(json.dumps({
    "loaded": sorted(set(sys.modules) - before),
    "meta_path_unchanged": sys.meta_path == meta_path,
    "path_hooks_unchanged": sys.path_hooks == path_hooks,
}))
"""


def _probe_import() -> dict:
    # -I: no user site, no PYTHON* variables; -S would hide site's own imports.
    output = subprocess.check_output([sys.executable, "-c", _PROBE], text=True)
    return json.loads(output)


def test_import_defers_heavy_modules():
    """Importing pkgmeta loads none of the modules only some calls need."""
    loaded = _probe_import()["loaded"]
    early = [name for name in DEFERRED if name in loaded]
    assert early == [], f"imported at import time: {early}"


def test_import_loads_only_pkgmeta_modules():
    """Besides its own modules, import pkgmeta loads nothing new."""
    loaded = _probe_import()["loaded"]
    foreign = [name for name in loaded if name.split(".")[0] != "pkgmeta"]
    # __future__ is a tiny pure-Python module every annotated file names.
    assert set(foreign) <= {"__future__"}, foreign


def test_import_installs_no_finder_or_hook():
    """sys.meta_path and sys.path_hooks are the same before and after."""
    probe = _probe_import()
    assert probe["meta_path_unchanged"]
    assert probe["path_hooks_unchanged"]


def test_version_lookup_defers_email_and_pathlib():
    """A version() call parses metadata without email and without pathlib."""
    code = (
        "import sys, pkgmeta; pkgmeta.version('pytest');"
        "print(sorted(m for m in ('email', 'pathlib', 'csv', 'zipfile', 'typing')"
        " if m in sys.modules))"
    )
    output = subprocess.check_output([sys.executable, "-c", code], text=True)
    assert output.strip() == "[]"
