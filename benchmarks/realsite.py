"""The "real site": a venv holding about a hundred pinned distributions from PyPI.

Synthetic sites (``generate.py``) give every distribution a ``top_level.txt``;
most wheels have none, and their RECORD rows are what
``packages_distributions()`` reads instead. This site is what a developer's
environment holds: ``requirements/real-site.in`` (sphinx, pytest, mypy, black,
requests and what they pull in), installed into ``.realsites/3.X`` from the
pins of that interpreter, ``requirements/real-site-3.X.txt`` (``pip freeze``
of the list installed into a fresh venv), with ``--no-deps`` so the site is
the same on every machine. Building it needs the package registry once; the
venv is kept until its pins change.

Run ``python benchmarks/realsite.py 3.13`` to build one by hand, or
``python benchmarks/realsite.py --repin 3.13`` to resolve the list again and
rewrite that interpreter's pins.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from venvs import SetupError, find_base

BENCH_DIR = Path(__file__).resolve().parent
REQUIREMENTS = BENCH_DIR / "requirements"
SITES_DIR = BENCH_DIR / ".realsites"
# Names whose files() are timed: a large, a middle-sized and a small RECORD,
# installed on every interpreter.
FILES_NAMES = ("pip", "requests", "iniconfig")
VERSION_NAME = "requests"


@dataclass
class RealSite:
    """A built real site and what it holds."""

    short: str  # "3.13"
    site: str  # its site-packages: the only sys.path entry with distributions
    dists: int  # metadata directories in it
    without_top_level: int  # of those, how many have no top_level.txt
    record_rows: int  # RECORD rows of those without top_level.txt
    pins: str  # the requirements file it was installed from


def pins_for(short: str) -> Path:
    """The pinned requirements of interpreter *short* (the list, unpinned, if none)."""
    pinned = REQUIREMENTS / f"real-site-{short}.txt"
    return pinned if pinned.exists() else REQUIREMENTS / "real-site.in"


def _stamp(pins: Path) -> str:
    return hashlib.sha256(pins.read_bytes()).hexdigest()


def _pip(python: Path, *args: str) -> None:
    done = subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SetupError(f"pip {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def _fresh_venv(short: str, where: Path) -> Path:
    base = find_base(short)
    if base is None:
        raise SetupError(f"python{short} not found on PATH or in ~/.pyenv")
    subprocess.run([base, "-m", "venv", "--clear", str(where)], check=True)
    return where / "bin" / "python"


def _site_packages(python: Path) -> str:
    done = subprocess.run(
        [
            str(python),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def ensure_real_site(short: str) -> RealSite:
    """Build ``.realsites/<short>`` from its pins unless it was built from them.

    Raises:
        SetupError: No such interpreter, or pip failed.
    """
    venv = SITES_DIR / short
    python = venv / "bin" / "python"
    pins = pins_for(short)
    stamp = venv / "pins.sha256"
    if not python.exists() or not stamp.exists() or stamp.read_text() != _stamp(pins):
        python = _fresh_venv(short, venv)
        no_deps = ["--no-deps"] if pins.suffix == ".txt" else []
        _pip(python, "install", "-q", *no_deps, "-r", str(pins))
        stamp.write_text(_stamp(pins))
    return describe(short, _site_packages(python), pins)


def describe(short: str, site: str, pins: Path) -> RealSite:
    """Count what *site* holds: distributions, those without top_level.txt, rows."""
    dists = without = rows = 0
    for name in sorted(os.listdir(site)):
        if not name.endswith((".dist-info", ".egg-info")):
            continue
        dists += 1
        directory = os.path.join(site, name)
        if os.path.exists(os.path.join(directory, "top_level.txt")):
            continue
        without += 1
        record = os.path.join(directory, "RECORD")
        if os.path.exists(record):
            with open(record, "rb") as stream:
                rows += stream.read().count(b"\n")
    return RealSite(short, site, dists, without, rows, pins.name)


def repin(short: str) -> Path:
    """Install the unpinned list into a scratch venv and write its ``pip freeze``."""
    scratch = SITES_DIR / f"repin-{short}"
    python = _fresh_venv(short, scratch)
    _pip(python, "install", "-q", "-r", str(REQUIREMENTS / "real-site.in"))
    frozen = subprocess.run(
        [str(python), "-m", "pip", "freeze"], capture_output=True, text=True, check=True
    ).stdout
    target = REQUIREMENTS / f"real-site-{short}.txt"
    target.write_text(frozen)
    return target


def main(argv: list[str] | None = None) -> int:
    """Build (or re-pin) the real site of each interpreter named."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pythons", nargs="+", help="3.8 ... 3.13")
    parser.add_argument("--repin", action="store_true", help="rewrite the pins")
    args = parser.parse_args(argv)
    for short in args.pythons:
        if args.repin:
            print(f"wrote {repin(short)}")
        else:
            print(ensure_real_site(short))
    return 0


if __name__ == "__main__":
    sys.exit(main())
