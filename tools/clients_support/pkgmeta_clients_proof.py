"""pytest plugin: prove which ``importlib.metadata`` a client's test run used.

``tools/clients.py`` puts this directory on ``PYTHONPATH`` and passes
``-p pkgmeta_clients_proof`` to every run, with ``PKGMETA_CLIENTS_MODE``
(``bound`` or ``plain``) and ``PKGMETA_CLIENTS_PROOF`` (a JSON path) set.  At
session start it checks that the import system serves what the mode promises,
writes what it saw to the JSON file and stops the run with a usage error when
the check fails; at session end it records whether the binding still held.
A run that leaves no proof is a failure of the harness, never a pass.
"""

from __future__ import annotations

import json
import os
import sys
from importlib.util import find_spec
from typing import Any

import pytest

MODE_VARIABLE = "PKGMETA_CLIENTS_MODE"
PROOF_VARIABLE = "PKGMETA_CLIENTS_PROOF"
_record: dict[str, Any] = {}


def _name(module: object) -> str | None:
    """The ``__name__`` of a module object, or None when there is none."""
    return getattr(module, "__name__", None)


def _observe() -> dict[str, Any]:
    """What ``importlib.metadata`` and ``importlib_metadata`` are right now."""
    import importlib.metadata

    pkgmeta = sys.modules.get("pkgmeta")
    stdlib_name = sys.modules.get("importlib.metadata")
    backport = sys.modules.get("importlib_metadata")
    spec = None if backport else find_spec("importlib_metadata")
    dist = importlib.metadata.distribution("pytest")
    return {
        "pkgmeta_imported": pkgmeta is not None,
        "pkgmeta_file": getattr(pkgmeta, "__file__", None),
        "pkgmeta_version": getattr(pkgmeta, "__version__", None),
        "sys_modules_importlib_metadata": _name(stdlib_name),
        "importlib_metadata_is_pkgmeta": pkgmeta is not None and stdlib_name is pkgmeta,
        "importlib_attr_is_pkgmeta": pkgmeta is not None
        and getattr(importlib, "metadata", None) is pkgmeta,
        "importlib_metadata_module": _name(backport),
        "backport_is_pkgmeta": pkgmeta is not None and backport is pkgmeta,
        "backport_origin": getattr(spec, "origin", None),
        "distribution_type": f"{type(dist).__module__}.{type(dist).__qualname__}",
        "pytest_version": dist.version,
    }


def _failures(mode: str, seen: dict[str, Any]) -> list[str]:
    """The promises of ``mode`` that ``seen`` breaks."""
    failures = []
    if mode == "bound":
        for key in (
            "importlib_metadata_is_pkgmeta",
            "importlib_attr_is_pkgmeta",
            "backport_is_pkgmeta",
        ):
            if not seen[key]:
                failures.append(f"{key} is false")
        if not seen["distribution_type"].startswith("pkgmeta"):
            failures.append("distribution('pytest') was not made by pkgmeta")
    elif mode == "plain":
        if seen["pkgmeta_imported"]:
            failures.append("pkgmeta was imported in the plain run")
        if seen["sys_modules_importlib_metadata"] != "importlib.metadata":
            failures.append("sys.modules['importlib.metadata'] is not the stdlib")
        if seen["importlib_metadata_module"] not in (None, "importlib_metadata"):
            failures.append("importlib_metadata is not the real backport")
        # On 3.8/3.9 an imported importlib_metadata takes over the stdlib's
        # path-based discovery (its disable_stdlib_finder): both are plain.
        if not seen["distribution_type"].startswith(
            ("importlib.metadata.", "importlib_metadata.")
        ):
            failures.append(
                "distribution('pytest') was made by neither the stdlib"
                " nor importlib_metadata"
            )
    else:
        failures.append(f"unknown {MODE_VARIABLE}={mode!r}")
    return failures


def _write() -> None:
    """Write the record where the harness reads it."""
    path = os.environ.get(PROOF_VARIABLE)
    if path:
        with open(path, "w", encoding="utf-8") as stream:
            json.dump(_record, stream, indent=2, sort_keys=True)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Check the binding before any test runs; stop the run if it is wrong."""
    if hasattr(session.config, "workerinput"):  # an xdist worker: not the record
        return
    mode = os.environ.get(MODE_VARIABLE, "")
    seen = _observe()
    failures = _failures(mode, seen)
    _record.update(
        mode=mode,
        python=sys.version.split()[0],
        executable=sys.executable,
        start=seen,
        failures=failures,
        ok=not failures,
    )
    _write()
    if failures:
        raise pytest.UsageError("pkgmeta clients proof failed: " + "; ".join(failures))


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Record whether ``importlib.metadata`` is still what it was at the start."""
    if not _record:
        return
    pkgmeta = sys.modules.get("pkgmeta")
    current = sys.modules.get("importlib.metadata")
    _record["end"] = {
        "sys_modules_importlib_metadata": _name(current),
        "importlib_metadata_is_pkgmeta": pkgmeta is not None and current is pkgmeta,
    }
    _write()
