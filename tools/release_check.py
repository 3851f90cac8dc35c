"""Build the sdist and wheel, check their contents, smoke-test the wheel on 3.8/3.13.

The nox ``release`` session installs ``build`` and runs::

    python tools/release_check.py [--outdir DIR] [--python 3.X ...]

Steps, each reported as ``ok`` or ``FAIL``:

1. ``python -m build`` makes the sdist, then the wheel from the sdist (so the
   sdist is proven buildable), in a temporary directory. In a git checkout it
   builds from a snapshot of the files git would commit (tracked, or new and
   not ignored), so local venvs, caches and results do not leak in.
2. The sdist holds the sources, tests, docs, tools, CHANGELOG.md and LICENSE,
   and no build output or caches.
3. The wheel holds every module of ``src/pkgmeta`` and ``py.typed``, the
   ``pkgmeta`` console script, and no tests.
4. For each interpreter (default ``python3.8`` and ``python3.13`` from PATH;
   pyenv shims get ``PYENV_VERSION`` if it is unset), a clean venv gets the
   wheel (``--no-deps --no-index``) and runs the smoke checks: import from the
   venv, ``version()`` of ``python-pkgmeta`` itself and of pip, ``entry_points()``,
   ``files()``, ``python -m pkgmeta list``, the exit codes of the command
   line, and the ``pkgmeta`` console script.

Exit status 0 when every check passed, 1 otherwise. ``--outdir DIR`` copies
the artefacts to DIR after the checks. Standard library only (plus
``build``); runs on Python 3.8+.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PYTHONS = ["3.8", "3.13"]
# The distribution's name (pyproject.toml), and its form in file names
# (sdist, wheel, dist-info: PEP 625 and the binary distribution format). The
# import package and the console script are `pkgmeta`.
DIST_NAME = "python-pkgmeta"
FILE_NAME = "python_pkgmeta"
# The interpreters of this project's machines, for pyenv shims (as .ci/run sets).
DEFAULT_PYENV_VERSION = "3.11.7:3.8.18:3.9.18:3.10.13:3.12.1:3.13.0"
TIMEOUT = 300  # seconds for any one command

# Paths (relative to the sdist's top directory) that must be there.
SDIST_REQUIRED = [
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "CHANGELOG.md",
    "noxfile.py",
    "src/pkgmeta/__init__.py",
    "src/pkgmeta/py.typed",
    "tests/conftest.py",
    "tests/test_vendoring.py",
    "tests/typing/public_api.py",
    "docs/conf.py",
    "docs/index.md",
    # noxfile.py runs these: without them the sdist's own sessions break.
    "tools/release_check.py",
    "tools/cpython_compat.py",
]
# Parts of a path that only build output, caches or local state have.
UNWANTED_PARTS = {
    "__pycache__",
    "_build",
    ".nox",
    ".mypy_cache",
    ".pytest_cache",
}

SMOKE = r"""
import importlib.metadata as stdlib
import json
import os
import sys

import pkgmeta

failures = []


def check(label, test):
    try:
        ok = test()
    except Exception as exc:  # report, do not stop: every check is listed
        ok = False
        label = f"{label}: {type(exc).__name__}: {exc}"
    if not ok:
        failures.append(label)


here = os.path.realpath(pkgmeta.__file__)
check("imported from the venv", lambda: here.startswith(os.path.realpath(sys.prefix)))
DIST = "python-pkgmeta"  # the distribution; the import package is pkgmeta
check("version('python-pkgmeta') is __version__",
      lambda: pkgmeta.version(DIST) == pkgmeta.__version__ == sys.argv[1])
check("no distribution named pkgmeta (another project's name)",
      lambda: not any(dist.metadata["Name"] == "pkgmeta"
                      for dist in pkgmeta.distributions()))
check("version('pip') agrees with the stdlib",
      lambda: pkgmeta.version("pip") == stdlib.version("pip"))
script = lambda: pkgmeta.entry_points(group="console_scripts")["pkgmeta"]
check("console_scripts has pkgmeta", lambda: script().value == "pkgmeta._cli:main")
check("the script's entry point loads", lambda: callable(script().load()))
check("the entry point knows its distribution",
      lambda: script().dist.name == DIST)
files = lambda: pkgmeta.files(DIST) or []
check("files() lists py.typed and __init__.py",
      lambda: {"pkgmeta/py.typed", "pkgmeta/__init__.py"} <= set(map(str, files())))
check("files() have hashes",
      lambda: all(path.hash for path in files() if path.suffix == ".py"))
check("packages_distributions() maps pkgmeta",
      lambda: pkgmeta.packages_distributions()["pkgmeta"] == [DIST])
names = lambda: {dist.metadata["Name"] for dist in pkgmeta.distributions()}
check("distributions() finds pip and python-pkgmeta", lambda: {"pip", DIST} <= names())
print(json.dumps(failures))
"""


class Report:
    """Collects the outcome of every check and prints it as it comes."""

    def __init__(self) -> None:
        self.failures: list[str] = []

    def check(self, label: str, ok: bool, detail: str = "") -> bool:
        """Record one check; *detail* is printed under a failure."""
        print(f"{'ok  ' if ok else 'FAIL'}  {label}", flush=True)
        if not ok:
            self.failures.append(label)
            for line in detail.strip().splitlines()[-30:]:
                print(f"        {line}")
        return ok


def run(
    command: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run *command*, capturing its output; a timeout counts as a failure."""
    try:
        return subprocess.run(
            command,
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        return subprocess.CompletedProcess(command, -1, "", f"timed out: {exc}")


def source_version() -> str:
    """Return ``__version__`` from ``src/pkgmeta/__init__.py`` without importing it."""
    tree = ast.parse((ROOT / "src" / "pkgmeta" / "__init__.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__version__"
            for target in node.targets
        ):
            value = node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return value.value
    raise SystemExit("release_check: no __version__ string in src/pkgmeta/__init__.py")


def source_modules() -> list[str]:
    """Return the package's files as wheel paths (``pkgmeta/_api.py``)."""
    package = ROOT / "src"
    return sorted(
        path.relative_to(package).as_posix()
        for path in (package / "pkgmeta").rglob("*")
        if path.is_file() and (path.suffix == ".py" or path.name == "py.typed")
    )


def unwanted(names: list[str]) -> list[str]:
    """Return the names that are caches or build output."""
    return [
        name
        for name in names
        if name.endswith((".pyc", ".pyo")) or UNWANTED_PARTS & set(name.split("/"))
    ]


def snapshot(destination: Path) -> Path:
    """Copy the files git would commit to *destination*; return the source to build.

    Outside a git checkout (an unpacked sdist, say) the tree is built as it is.
    """
    listed = run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
    )
    if listed.returncode != 0:
        return ROOT
    for name in listed.stdout.split("\0"):
        source = ROOT / name
        if name and source.is_file():  # tracked files deleted in the tree are gone
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


def build(report: Report, work: Path) -> tuple[Path, Path] | None:
    """Build the sdist and, from it, the wheel; return their paths."""
    started = time.monotonic()
    outdir = work / "dist"
    source = snapshot(work / "source")
    result = run([sys.executable, "-m", "build", "--outdir", str(outdir), str(source)])
    sdists = sorted(outdir.glob("*.tar.gz"))
    wheels = sorted(outdir.glob("*.whl"))
    ok = result.returncode == 0 and len(sdists) == 1 and len(wheels) == 1
    seconds = time.monotonic() - started
    report.check(
        f"build sdist and wheel ({seconds:.0f} s)", ok, result.stdout + result.stderr
    )
    return (sdists[0], wheels[0]) if ok else None


def check_sdist(report: Report, sdist: Path, version: str) -> None:
    """Check that the sdist carries what a downstream packager needs."""
    top = f"{FILE_NAME}-{version}/"
    with tarfile.open(sdist) as archive:
        names = [member.name for member in archive.getmembers() if member.isfile()]
    report.check(
        f"sdist is named for version {version}",
        sdist.name == f"{FILE_NAME}-{version}.tar.gz",
    )
    outside = [name for name in names if not name.startswith(top)]
    report.check(f"sdist files are all under {top}", not outside, "\n".join(outside))
    relative = {name[len(top) :] for name in names if name.startswith(top)}
    missing = [name for name in SDIST_REQUIRED if name not in relative]
    report.check(
        "sdist holds sources, tests, docs, tools, CHANGELOG.md, LICENSE",
        not missing,
        "missing: " + ", ".join(missing),
    )
    modules = [f"src/{module}" for module in source_modules()]
    missing_modules = [name for name in modules if name not in relative]
    report.check(
        "sdist holds every module", not missing_modules, "\n".join(missing_modules)
    )
    tests = [name for name in relative if name.startswith("tests/test_")]
    report.check(
        f"sdist holds the test suite ({len(tests)} test files)", len(tests) > 5
    )
    junk = unwanted(sorted(relative))
    report.check("sdist has no caches or build output", not junk, "\n".join(junk))


def check_wheel(report: Report, wheel: Path, version: str) -> None:
    """Check that the wheel installs exactly the package and its metadata."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = f"{FILE_NAME}-{version}.dist-info/"
        metadata = _member_text(archive, info + "METADATA")
        entry_points = _member_text(archive, info + "entry_points.txt")
    report.check(
        "wheel is pure Python",
        wheel.name == f"{FILE_NAME}-{version}-py3-none-any.whl",
        wheel.name,
    )
    missing = [name for name in source_modules() if name not in names]
    report.check(
        "wheel holds every module and py.typed", not missing, "\n".join(missing)
    )
    extra = [
        name for name in names if not name.startswith(("pkgmeta/", info))
    ] + unwanted(names)
    report.check(
        "wheel holds no tests, caches or other top-level names",
        not extra,
        "\n".join(extra),
    )
    headers = metadata.splitlines()
    # The library needs nothing; the cli extra (packaging) is the only one.
    requirements = [line for line in headers if line.startswith("Requires-Dist:")]
    report.check(
        "wheel metadata: name, version, Requires-Python, no dependencies",
        f"Name: {DIST_NAME}" in headers
        and f"Version: {version}" in headers
        and "Requires-Python: >=3.8" in headers
        and "Provides-Extra: cli" in headers
        and requirements == ['Requires-Dist: packaging>=22 ; extra == "cli"'],
        metadata[:2000],
    )
    scripts = _section(entry_points, "console_scripts")
    report.check(
        "wheel declares the pkgmeta console script",
        scripts.get("pkgmeta") == "pkgmeta._cli:main",
        entry_points,
    )


def _section(text: str, wanted: str) -> dict[str, str]:
    """Return the ``name = value`` lines of one ``[section]`` of an INI text."""
    found: dict[str, str] = {}
    section = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section == wanted and "=" in line:
            name, _, value = line.partition("=")
            found[name.strip()] = value.strip()
    return found


def _member_text(archive: zipfile.ZipFile, name: str) -> str:
    try:
        return archive.read(name).decode("utf-8")
    except KeyError:
        return ""


def find_interpreter(version: str, env: dict[str, str]) -> str | None:
    """Return the command of CPython *version* on PATH, or ``None``."""
    command = shutil.which(f"python{version}", path=env.get("PATH"))
    if command is None:
        return None
    result = run(
        [command, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], env=env
    )
    return command if result.stdout.strip() == version else None


def smoke_test(
    report: Report,
    python: str,
    version: str,
    wheel: Path,
    work: Path,
    env: dict[str, str],
    pkgmeta_version: str,
) -> None:
    """Install *wheel* into a clean venv of *python* and use it from there."""
    label = f"[{version}]"
    venv = work / f"venv-{version}"
    result = run([python, "-m", "venv", str(venv)], env=env)
    if not report.check(
        f"{label} create a clean venv", result.returncode == 0, result.stderr
    ):
        return
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    venv_python = str(scripts / "python")
    result = run(
        [venv_python, "-m", "pip", "install", "--no-deps", "--no-index",
         "--disable-pip-version-check", "-q", str(wheel)],
        env=env,
    )  # fmt: skip
    if not report.check(
        f"{label} install the wheel",
        result.returncode == 0,
        result.stdout + result.stderr,
    ):
        return
    # -I: no PYTHONPATH (a checkout's src/ must not stand in for the wheel).
    result = run([venv_python, "-I", "-c", SMOKE, pkgmeta_version], cwd=work, env=env)
    try:
        failures = json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        failures = ["the smoke script did not finish"]
    report.check(
        f"{label} API smoke checks",
        result.returncode == 0 and not failures,
        "\n".join(failures) + "\n" + result.stderr,
    )

    listed = run([venv_python, "-I", "-m", "pkgmeta", "list"], cwd=work, env=env)
    rows = {line.split()[0] for line in listed.stdout.splitlines() if line.strip()}
    report.check(
        f"{label} python -m pkgmeta list",
        listed.returncode == 0 and {"pip", DIST_NAME} <= rows,
        listed.stdout + listed.stderr,
    )
    missing = run(
        [venv_python, "-I", "-m", "pkgmeta", "show", "no-such-dist-x"],
        cwd=work,
        env=env,
    )
    report.check(
        f"{label} python -m pkgmeta show <missing> exits 1",
        missing.returncode == 1,
        missing.stdout + missing.stderr,
    )
    usage = run(
        [venv_python, "-I", "-m", "pkgmeta", "--no-such-option"], cwd=work, env=env
    )
    report.check(
        f"{label} python -m pkgmeta <bad usage> exits 2",
        usage.returncode == 2,
        usage.stdout + usage.stderr,
    )
    script = run([str(scripts / "pkgmeta"), "--version"], cwd=work, env=env)
    report.check(
        f"{label} pkgmeta --version (console script)",
        script.returncode == 0 and pkgmeta_version in script.stdout,
        script.stdout + script.stderr,
    )


def clean_env() -> dict[str, str]:
    """The environment for the smoke tests: no PYTHONPATH, pyenv able to find 3.X."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "PYTHONHOME", "PIP_REQUIRE_VIRTUALENV")
    }
    env.setdefault("PYENV_VERSION", DEFAULT_PYENV_VERSION)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def main(argv: list[str] | None = None) -> int:
    """Run every check; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outdir", type=Path, help="copy the sdist and wheel here")
    parser.add_argument(
        "--python",
        action="append",
        metavar="X.Y",
        help="interpreter to smoke-test the wheel with (repeatable; "
        "default: 3.8 and 3.13)",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    report = Report()
    version = source_version()
    env = clean_env()
    with tempfile.TemporaryDirectory(prefix="pkgmeta-release-") as temp:
        work = Path(temp)
        built = build(report, work)
        if built is not None:
            sdist, wheel = built
            check_sdist(report, sdist, version)
            check_wheel(report, wheel, version)
            for python_version in args.python or DEFAULT_PYTHONS:
                python = find_interpreter(python_version, env)
                if not report.check(
                    f"[{python_version}] python{python_version} on PATH",
                    python is not None,
                    f"python{python_version} is not on PATH or is not CPython "
                    f"{python_version}; with pyenv, export PYENV_VERSION="
                    f"{DEFAULT_PYENV_VERSION}",
                ):
                    continue
                assert python is not None
                smoke_test(report, python, python_version, wheel, work, env, version)
            if args.outdir is not None:
                args.outdir.mkdir(parents=True, exist_ok=True)
                for artefact in (sdist, wheel):
                    shutil.copy2(artefact, args.outdir / artefact.name)
                print(f"artefacts copied to {args.outdir}")
    seconds = time.monotonic() - started
    if report.failures:
        count = len(report.failures)
        print(f"\nrelease check FAILED ({count} failures, {seconds:.0f} s):")
        for label in report.failures:
            print(f"  - {label}")
        return 1
    print(f"\nrelease check passed ({seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
