"""The benchmark interpreters: finding them and preparing one venv for each.

An interpreter is named by its short version (``3.13``: ``python3.13`` on
``PATH`` or under ``~/.pyenv``) or, for PyPy, by its command (``pypy3``).

Each venv holds pkgmeta installed from the repository as a real wheel
(reinstalled on every run, so the code measured is the code checked out) and
the newest ``importlib_metadata`` pip will give that interpreter.
"""

from __future__ import annotations

import ast
import glob
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
VENVS_DIR = BENCH_DIR / ".venvs"
ALL_PYTHONS = ("3.8", "3.9", "3.10", "3.11", "3.12", "3.13")

# Printed by each venv's interpreter to describe itself.
_DESCRIBE = """\
import platform, sys, sysconfig
from importlib.metadata import version, PackageNotFoundError
def v(name):
    try:
        return version(name)
    except PackageNotFoundError:
        return None
print(repr({
    "python": platform.python_version(),
    "implementation": platform.python_implementation(),
    "lib": sysconfig.get_paths()["purelib"],
    "pkgmeta": v("python-pkgmeta"),
    "importlib_metadata": v("importlib_metadata"),
}))
"""


class SetupError(RuntimeError):
    """A benchmark interpreter could not be found or prepared."""


@dataclass
class Interpreter:
    """A prepared benchmark venv and what is installed in it."""

    short: str  # "3.13", or "pypy3"
    python: str  # the venv's interpreter
    version: str  # "3.13.0"
    lib: str  # the venv's site-packages, where the libraries live
    versions: dict[str, str] = field(default_factory=dict)  # impl -> version
    implementation: str = "CPython"  # platform.python_implementation()

    @property
    def version_info(self) -> tuple[int, ...]:
        """The Python language version (``(3, 9, 16)`` for PyPy 7.3.11)."""
        return tuple(int(part) for part in self.version.split(".")[:3])

    @property
    def impls(self) -> list[str]:
        """The implementations this interpreter can measure, pkgmeta first."""
        return [
            impl
            for impl in ("pkgmeta", "stdlib", "importlib_metadata")
            if impl in self.versions
        ]


def find_base(short: str) -> str | None:
    """Return the real executable of *short* (not a pyenv shim), or None."""
    if short.startswith("pypy"):
        candidates = [shutil.which(short)]
    else:
        candidates = [shutil.which(f"python{short}")]
        pattern = os.path.expanduser(f"~/.pyenv/versions/{short}.*/bin/python{short}")
        candidates += sorted(glob.glob(pattern), reverse=True)
    for candidate in candidates:
        if not candidate:
            continue
        probe = subprocess.run(
            [candidate, "-c", "import sys; print(sys.executable)"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode == 0 and probe.stdout.strip():
            return probe.stdout.strip()
    return None


def _pip(python: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def prepare(short: str, install: bool = True) -> Interpreter:
    """Create or reuse ``.venvs/<short>`` and (re)install the libraries in it.

    Args:
        short: ``"3.8"`` … ``"3.13"``, or ``"pypy3"``.
        install: Reinstall pkgmeta from the repository (off only to debug).

    Raises:
        SetupError: No such interpreter, or pkgmeta would not install.
    """
    venv = VENVS_DIR / short
    python = venv / "bin" / "python"
    if not python.exists():
        base = find_base(short)
        if base is None:
            raise SetupError(f"{short} not found on PATH or in ~/.pyenv")
        subprocess.run([base, "-m", "venv", "--clear", str(venv)], check=True)
    if install or not _describe(str(python)).get("pkgmeta"):
        done = _pip(str(python), "--force-reinstall", "--no-deps", str(REPO))
        if done.returncode:
            raise SetupError(f"pip install {REPO} failed:\n{done.stderr}")
        # importlib_metadata 10 needs 3.9+; older interpreters get what pip gives
        if _pip(str(python), "importlib_metadata>=10").returncode:
            _pip(str(python), "importlib_metadata")
    info = _describe(str(python))
    versions = {"pkgmeta": info["pkgmeta"], "stdlib": info["python"]}
    if info["importlib_metadata"]:
        versions["importlib_metadata"] = info["importlib_metadata"]
    return Interpreter(
        short,
        str(python),
        info["python"],
        info["lib"],
        versions,
        info["implementation"],
    )


def _describe(python: str) -> dict[str, str]:
    done = subprocess.run(
        [python, "-I", "-c", _DESCRIBE], capture_output=True, text=True, check=True
    )
    described: dict[str, str] = ast.literal_eval(done.stdout.strip())
    return described


def available(requested: list[str]) -> list[str]:
    """Keep the requested versions whose interpreter exists, warning about others."""
    found = []
    for short in requested:
        if (VENVS_DIR / short / "bin" / "python").exists() or find_base(short):
            found.append(short)
        else:
            print(f"skipping {short}: not found", file=sys.stderr)
    return found
