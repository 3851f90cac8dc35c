"""Developer tasks: tests, lint, typecheck, compat, docs, release, bench."""

from __future__ import annotations

import os

import nox

nox.needs_version = ">=2025.2.9"  # dependency groups (PEP 735)
# virtualenv can no longer seed 3.8; the stdlib venv can.
nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests", "lint", "typecheck"]
# A missing interpreter must fail CI, but not a developer's partial machine.
nox.options.error_on_missing_interpreters = bool(os.environ.get("CI"))

PYTHONS = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]
PYPROJECT = nox.project.load_toml("pyproject.toml")


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite against the installed package."""
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "test"))
    # Unclosed files and zips fail the run, in this process and in the
    # interpreters the tests start (tests/reliability/test_resources.py).
    session.run(
        "coverage", "run", "-m", "pytest", *session.posargs,
        env={"PYTHONWARNINGS": "error::ResourceWarning"},
    )  # fmt: skip
    session.run("coverage", "report")


@nox.session(name="tests-pypy", python="pypy3")
def tests_pypy(session: nox.Session) -> None:
    """Run the test suite on PyPy (Debian's pypy3: PyPy 7.3, Python 3.9).

    The differential tests compare with PyPy's own ``importlib.metadata``.
    No coverage: its tracer makes PyPy several times slower, and the CPython
    sessions already measure it.
    """
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "test"))
    session.run(
        "python", "-m", "pytest", *session.posargs,
        env={"PYTHONWARNINGS": "error::ResourceWarning"},
    )  # fmt: skip


@nox.session(name="tests-pyodide", python="3.13")
def tests_pyodide(session: nox.Session) -> None:
    """Run the test suite on CPython 3.14 in WebAssembly (Pyodide, under Node.js).

    ``npm ci`` installs the pinned ``pyodide`` package into
    ``tools/pyodide/node_modules``; pip puts pure-Python wheels of the test
    dependencies, chosen for Python 3.14, into a directory that
    ``tools/pyodide/run.mjs`` mounts beside the checkout. The differential
    tests compare with Pyodide's own ``importlib.metadata``. No coverage: the
    CPython sessions measure it. Tests that need a subprocess or a thread,
    which Pyodide cannot start, skip and say so.
    """
    session.run("npm", "ci", "--prefix", "tools/pyodide", "--no-audit", "--no-fund",
                "--silent", external=True)  # fmt: skip
    site = os.path.join(session.create_tmp(), "pyodide-site")
    wanted = [
        req
        for req in nox.project.dependency_groups(PYPROJECT, "test")
        if not req.startswith("coverage")  # a C tracer; its pure fallback is unused
    ]
    session.run(
        "python", "-m", "pip", "install", "--quiet", "--upgrade", "--no-compile",
        "--target", site, "--python-version", "3.14", "--implementation", "py",
        "--platform", "any", "--only-binary", ":all:", *wanted,
    )  # fmt: skip
    session.run(
        "node", "tools/pyodide/run.mjs", site, *session.posargs,
        env={"PYTHONWARNINGS": "error::ResourceWarning"}, external=True,
    )  # fmt: skip


@nox.session(python="3.13")
def lint(session: nox.Session) -> None:
    """Check style with ruff (lint rules and formatting)."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=["3.8", "3.13"])
def typecheck(session: nox.Session) -> None:
    """Run mypy --strict under the oldest and the newest Python."""
    # pkgmeta itself is installed so that tests/typing sees it as users do.
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "typecheck"))
    session.run("mypy", "--strict", f"--python-version={session.python}")
    # What user code can write against the public API (tests/typing/).
    session.run(
        "mypy", "--strict", f"--python-version={session.python}", "tests/typing"
    )


@nox.session(python=PYTHONS)
def compat(session: nox.Session) -> None:
    """Run CPython's own importlib.metadata tests against pkgmeta."""
    session.install(".")
    session.run("python", "tools/cpython_compat.py", *session.posargs)


@nox.session(python="3.13")
def docs(session: nox.Session) -> None:
    """Build the Sphinx documentation; any warning fails the build."""
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "docs"))
    # Into build/ (git-ignored), so that the output never lands in the sdist.
    session.run(
        "sphinx-build", "-W", "--keep-going", "-n", "-b", "html",
        "docs", "build/docs/html",
    )  # fmt: skip


@nox.session(python="3.13")
def release(session: nox.Session) -> None:
    """Build sdist and wheel, then smoke-test the wheel in clean 3.8 and 3.13 venvs."""
    session.install("build")
    session.run("python", "tools/release_check.py", *session.posargs)


@nox.session(python="3.13")
def bench(session: nox.Session) -> None:
    """Benchmark pkgmeta against the stdlib; writes docs/performance.md.

    ``benchmarks/run.py`` makes a venv per measured interpreter (3.8 and 3.13
    unless ``-- --pythons all``; ``-- --quick`` for a short run) holding
    pkgmeta built from this checkout and the newest importlib_metadata each
    interpreter accepts, so this session's own venv needs nothing installed;
    and, once per change of its pins, the real site of each interpreter
    (``benchmarks/realsite.py``, from the package registry). ``-- --pythons
    3.9,3.10,3.11,3.12 --real-site-only`` adds the other interpreters' real
    site rows to the page.
    """
    session.run("python", "benchmarks/run.py", *session.posargs)


@nox.session(python="3.13")
def clients(session: nox.Session) -> None:
    """Run real consumers' own test suites plain and with pkgmeta bound.

    Slow (see the total in ``build/clients.md``), so neither a default session
    nor part of ``.ci/run``. ``tools/clients.py`` makes one venv per client
    and interpreter (3.13 and 3.9 unless ``-- --pythons ...``) under
    ``.clients/``, so this session's own venv needs nothing installed.
    """
    session.run("python", "tools/clients.py", *session.posargs)
