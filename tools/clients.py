"""Run real consumers' own test suites with and without pkgmeta as importlib.metadata.

The nox ``clients`` session runs::

    python tools/clients.py [--pythons 3.13,3.9] [--clients NAME,...]
                            [--pkgmeta PATH] [--fresh]

This module owns the client table (pinned sdists, test dependencies, pytest
arguments and every deselected test with its reason), the cache under
``.clients/`` (git-ignored), the comparison and the report.  For each client
and Python it:

1. downloads the client's sdist once with pip (``.clients/sdist``) and unpacks
   it once (``.clients/src``);
2. makes one venv (``python3.X`` from PATH; pyenv shims get ``PYENV_VERSION``
   if it is unset) with the client and its test dependencies, and reinstalls
   pkgmeta there from a wheel built from ``--pkgmeta`` (default: this
   checkout) at every invocation, so library changes are always picked up;
3. writes ``pkgmeta_clients_bind.py`` and a ``.pth`` line importing it into
   the venv's site-packages: with ``PKGMETA_CLIENTS_BIND=1`` every interpreter
   of the venv binds pkgmeta as ``importlib.metadata`` and
   ``importlib_metadata`` at start-up, before any user code;
4. runs ``python -m pytest`` twice in a fresh copy of the unpacked sdist, plain
   and bound, with ``-p pkgmeta_clients_proof``, a plugin from
   ``tools/clients_support`` (on ``PYTHONPATH``) that proves at session start
   which implementation serves the run and writes what it saw to JSON;
5. compares the two JUnit XML files per test id.

The Markdown report goes to ``build/clients.md`` and standard output.  Exit
status 1 when a test's outcome is worse in the bound run and it is not listed
in ``tools/clients_expected.py``, when a listed entry no longer changes
(stale), or when a run has no valid proof or no JUnit report; 0 otherwise.
Standard library only; any Python 3.8+ can host it.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from clients_expected import CONFLICTS, Conflict  # noqa: E402

SUPPORT = ROOT / "tools" / "clients_support"
CACHE = ROOT / ".clients"
REPORT = ROOT / "build" / "clients.md"
DEFAULT_PYTHONS = ["3.13", "3.9"]
# The interpreters of this project's machines, for pyenv shims (as .ci/run sets).
DEFAULT_PYENV_VERSION = "3.11.7:3.8.18:3.9.18:3.10.13:3.12.1:3.13.0"
BIND_VARIABLE = "PKGMETA_CLIENTS_BIND"
MODES = ("plain", "bound")
INSTALL_TIMEOUT = 900  # seconds for one pip command
# .pth files run in sorted order: this name comes before any a package ships.
PTH_NAME = "00-pkgmeta-clients-bind.pth"
# Outcome ranks: a test is worse in the bound run when its rank goes up.
RANK = {"passed": 0, "xfail": 0, "skipped": 1, "failed": 2, "error": 2, "missing": 2}
# Known causes of a bound-run failure, told by a regular expression searched
# in the test's JUnit text (failure, traceback and captured output, where a
# subprocess's traceback lands). The first match names the cause in the report.
CAUSES: tuple[tuple[str, str], ...] = (
    (
        "monkeypatched `importlib.metadata.Distribution`",
        r"setattr\([\w.]*metadata, *['\"]Distribution['\"]",
    ),
    (
        "`entry_points().get(group, ...)`: the dict API of 3.8/3.9",
        r"'EntryPoints' object has no attribute 'get'",
    ),
    ("`dist.entry_points[0]`: indexing EntryPoints", r"entry_points\[0\]"),
    (
        "a `Distribution` subclass without `locate_file` (pip's WheelDistribution)",
        r"locate_file",
    ),
    (
        '`"Name" in dist.metadata` on an empty METADATA',
        r"MetadataNotFound",
    ),
)


class Client(NamedTuple):
    """A consumer whose own test suite runs against both implementations."""

    name: str  # PyPI name, as ``pip download`` takes it
    version: str  # pinned: an sdist that ships its tests, for 3.9 and 3.13
    extras: str  # installed as ``<sdist>[extras]``; "" for none
    test_deps: tuple[str, ...]  # further requirements of the test suite
    pytest_args: tuple[str, ...]  # after the harness's own options
    deselect: tuple[tuple[str, str], ...]  # (node id, why) never run
    timeout: int | None  # per-test --timeout (the suite has pytest-timeout)
    run_timeout: int  # seconds for the whole pytest run


CLIENTS: tuple[Client, ...] = (
    # pluggy: PluginManager.load_setuptools_entrypoints walks distributions()
    # and each one's entry_points; pytest itself loads its plugins that way.
    Client(
        name="pluggy",
        version="1.6.0",
        extras="testing",
        test_deps=(),
        pytest_args=("testing",),
        deselect=(),
        timeout=None,
        run_timeout=600,
    ),
    # pipdeptree 2.28.0: the last 2.x for 3.9 (2.29+ need 3.10). Wraps
    # Distribution objects, reads requires/metadata, discovers across paths.
    Client(
        name="pipdeptree",
        version="2.28.0",
        extras="test,graphviz",
        test_deps=(),
        pytest_args=("tests",),
        deselect=(
            (
                "tests/render/test_graphviz.py::test_render_pdf",
                "runs Graphviz's dot program, which this machine does not have",
            ),
            (
                "tests/render/test_graphviz.py::test_render_svg",
                "runs Graphviz's dot program, which this machine does not have",
            ),
        ),
        timeout=None,
        run_timeout=900,
    ),
    # build 1.4.4: the last release for 3.9 (1.5+ need 3.10). Uses
    # importlib_metadata on 3.9 and the stdlib on 3.13; its isolated envs go
    # through virtualenv's plugin discovery. Test deps: its ``test``
    # dependency group without the coverage plugins.
    Client(
        name="build",
        version="1.4.4",
        extras="virtualenv,uv",
        test_deps=(
            "filelock>=3",
            "pytest>=6.2.4",
            "pytest-mock>=2",
            "pytest-rerunfailures>=9.1",
            "pytest-xdist>=1.34",
            "wheel>=0.36.0",
            # <77: newer ones warn on license classifiers, which the test
            # packages use and build's filterwarnings turn into failures.
            "setuptools>=67.8.0,<77",
            "setuptools_scm>=6",
            "pip>=22.3",
        ),
        # The "network" tests only reach PyPI: they run (their isolated
        # installs go through the outer pip, bound in the bound run). The
        # integration tests fetch projects from GitHub: build skips them
        # unless --run-integration, and so do we.
        pytest_args=("tests",),
        deselect=(
            (
                "tests/test_projectbuilder.py::test_init_permission_error[False]",
                "expects a read-only directory to refuse writes: root ignores"
                " file permissions, so it fails in both modes here",
            ),
        ),
        timeout=None,
        run_timeout=1800,
    ),
    # virtualenv 20.39.1, the newest 20.x (3.8+): its creators, seeders and
    # activators are found through entry_points() (a dict on 3.8/3.9). 21.x
    # is out: its sdist needs python-sbom to build on 3.11+, not on this
    # index. Test deps: its ``test`` group without coverage, xdist and
    # pytest-randomly (a random order would make the runs incomparable).
    Client(
        name="virtualenv",
        version="20.39.1",
        extras="",
        test_deps=(
            "flaky>=3.7",  # its addopts pass --no-success-flaky-report
            "packaging>=23.1",
            "pytest>=7.4",
            "pytest-env>=0.8.2",
            "pytest-mock>=3.11.1",
            "pytest-timeout>=2.1",
            "setuptools>=68",
            "time-machine>=2.10",
        ),
        pytest_args=("tests",),
        deselect=(),
        timeout=120,
        run_timeout=2400,
    ),
    # setuptools_scm 9.2.2 (3.8+): finds its parsers and file finders through
    # entry_points(group=...), on 3.9 through entry_points().get(group, []).
    # The tests run git (hg is not installed: its tests skip in both modes).
    # Test deps: its ``test`` group without the linters (ruff, mypy, flake8,
    # griffe: used only by the API-check tests deselected below).
    Client(
        name="setuptools_scm",
        version="9.2.2",
        extras="rich",
        test_deps=(
            # the venv's own setuptools on 3.9 (58) is too old for it
            "setuptools>=80",
            "pip",
            "build",
            "pytest",
            "pytest-timeout",
            "wheel",
            "typing-extensions; python_version<'3.11'",
        ),
        pytest_args=("testing",),
        deselect=(
            (
                "testing/test_functions.py::test_dump_version_on_old_python",
                "runs python3.7, which PYENV_VERSION here leaves out: exit 127"
                " in both modes",
            ),
        ),
        timeout=300,
        run_timeout=1800,
    ),
)


class Run(NamedTuple):
    """One pytest run of one client on one Python in one mode."""

    outcomes: dict[str, str]  # test id -> passed/failed/error/skipped/xfail
    messages: dict[str, str]  # test id -> first line of its failure
    causes: dict[str, str]  # test id -> the matching CAUSES label
    seconds: float
    returncode: int
    proof: dict[str, object] | None
    problems: list[str]  # harness failures of this run


class Result(NamedTuple):
    """Both runs of a client on one Python, and what the ledger made of them."""

    client: Client
    python: str
    setup_seconds: float
    runs: dict[str, Run]
    worse: list[tuple[str, str, str, Conflict | None]]  # id, plain, bound, entry
    other: list[tuple[str, str, str]]  # id, plain, bound: better or sideways
    stale: list[Conflict]
    problems: list[str]


def log(message: str) -> None:
    """Progress on stderr, so that stdout holds only the report."""
    print(f"[clients {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr)
    sys.stderr.flush()


def base_env() -> dict[str, str]:
    """The host environment less what would leak into the clients' runs."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "PYTEST", "PKGMETA_", "VIRTUAL_ENV"))
        and key not in ("COVERAGE_PROCESS_START", "PIP_REQUIRE_VIRTUALENV")
    }
    env.setdefault("PYENV_VERSION", DEFAULT_PYENV_VERSION)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def run(
    command: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: int = INSTALL_TIMEOUT,
    output: Path | None = None,
) -> int:
    """Run a command; its output goes to ``output`` (or is shown on failure)."""
    with open(output or os.devnull, "wb") as stream:
        try:
            completed = subprocess.run(
                command,
                cwd=cwd,
                env=env if env is not None else base_env(),
                stdin=subprocess.DEVNULL,
                stdout=stream if output else subprocess.PIPE,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            log(f"timed out after {timeout} s: {' '.join(command)}")
            return -1
    if completed.returncode and not output:
        sys.stderr.write(completed.stdout.decode(errors="replace")[-4000:])
        log(f"exit {completed.returncode}: {' '.join(command)}")
    return completed.returncode


def checked(command: list[str]) -> None:
    """Run a setup command that must succeed."""
    if run(command) != 0:
        raise SystemExit(f"clients: setup failed: {' '.join(command)}")


def find_python(version: str) -> str:
    """``python3.X`` from PATH (the pyenv shims on this project's machines)."""
    found = shutil.which(f"python{version}", path=base_env().get("PATH"))
    if not found:
        raise SystemExit(f"clients: python{version} is not on PATH")
    return found


def fetch(client: Client) -> Path:
    """The client's sdist, downloaded and unpacked once into the cache."""
    unpacked = CACHE / "src" / f"{client.name}-{client.version}"
    if (unpacked / ".unpacked").exists():
        return unpacked
    sdists = CACHE / "sdist"
    sdists.mkdir(parents=True, exist_ok=True)
    # --no-binary for this name only: ``:all:`` would also build each build
    # backend and its own build dependencies from source, recursively (more
    # than ten minutes for these five), to no purpose here.
    log(f"download {client.name}=={client.version}")
    checked(
        [
            sys.executable, "-m", "pip", "download", "--no-deps",
            "--no-binary", client.name, "--dest", str(sdists),
            f"{client.name}=={client.version}",
        ]
    )  # fmt: skip
    stem = f"{client.name}-{client.version}".lower().replace("-", "_")
    matches = [
        path
        for path in sdists.iterdir()
        if path.name.lower().replace("-", "_").startswith(stem)
        and path.name.endswith((".tar.gz", ".zip"))
    ]
    if len(matches) != 1:
        raise SystemExit(f"clients: no single sdist for {stem}: {matches}")
    shutil.rmtree(unpacked, ignore_errors=True)
    staging = unpacked.with_name(unpacked.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    if matches[0].name.endswith(".zip"):
        with zipfile.ZipFile(matches[0]) as archive:
            archive.extractall(staging)
    else:
        with tarfile.open(matches[0]) as archive:
            if hasattr(tarfile, "data_filter"):  # 3.8.17+, 3.9.17+, 3.12+
                archive.extractall(staging, filter="data")
            else:
                archive.extractall(staging)
    (top,) = staging.iterdir()
    top.rename(unpacked)
    staging.rmdir()
    (unpacked / ".unpacked").write_text(matches[0].name + "\n")
    return unpacked


def build_wheel(checkout: Path, python: str) -> Path:
    """A pkgmeta wheel built from ``checkout`` as it is now (uncommitted too)."""
    outdir = CACHE / "wheel"
    shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir(parents=True)
    log(f"build pkgmeta wheel from {checkout}")
    checked(
        [python, "-m", "pip", "wheel", "--no-deps", "-w", str(outdir), str(checkout)]
    )
    (wheel,) = outdir.glob("python_pkgmeta-*.whl")  # the distribution's file name
    return wheel


def site_packages(venv: Path) -> Path:
    """The venv's purelib directory."""
    (found,) = (venv / "lib").glob("python3.*/site-packages")
    return found


def prepare(client: Client, python: str, source: Path, fresh: bool) -> Path:
    """The client's venv with its test deps; remade when the pins change."""
    venv = CACHE / "venvs" / f"{client.name}-{client.version}-py{python}"
    spec = json.dumps([client, python], sort_keys=True)
    marker = venv / ".clients-spec"
    if fresh or not marker.exists() or marker.read_text() != spec:
        shutil.rmtree(venv, ignore_errors=True)
        log(f"venv {venv.name}")
        checked([find_python(python), "-m", "venv", str(venv)])
        target = str(source) + (f"[{client.extras}]" if client.extras else "")
        pip = [str(venv / "bin" / "python"), "-m", "pip"]
        checked([*pip, "install", target, *client.test_deps])
        marker.write_text(spec)
    return venv


def install_pkgmeta(venv: Path, wheel: Path) -> None:
    """Reinstall pkgmeta and the binding into the venv."""
    checked(
        [
            str(venv / "bin" / "python"), "-m", "pip", "install", "--no-deps",
            "--force-reinstall", "--no-index", str(wheel),
        ]
    )  # fmt: skip
    site = site_packages(venv)
    shutil.copyfile(
        SUPPORT / "pkgmeta_clients_bind.py", site / "pkgmeta_clients_bind.py"
    )
    (site / PTH_NAME).write_text("import pkgmeta_clients_bind\n")


def test_id(classname: str, name: str, workdir: Path) -> str:
    """A pytest node id from a JUnit (classname, name) pair.

    The longest dotted prefix of ``classname`` that is a ``.py`` file under the
    run's directory is the module; the rest are classes. A collection error
    names the module itself, dotted, in ``name`` (and ``classname``).
    """
    parts = classname.split(".") if classname else []
    module = "/".join([*parts, *name.split(".")]) + ".py"
    if (workdir / module).is_file():
        return module
    for cut in range(len(parts), 0, -1):
        module = "/".join(parts[:cut]) + ".py"
        if (workdir / module).is_file():
            return "::".join([module, *parts[cut:], name])
    return "::".join([*parts, name]) if parts else name


def cause(text: str) -> str | None:
    """The first of CAUSES whose expression occurs in ``text``."""
    for label, pattern in CAUSES:
        if re.search(pattern, text):
            return label
    return None


def parse_junit(
    path: Path, workdir: Path
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Outcome, first failure line and known cause per test id.

    A test with several entries (a failing call and a failing teardown) gets
    the worst outcome.
    """
    outcomes: dict[str, str] = {}
    messages: dict[str, str] = {}
    causes: dict[str, str] = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        key = test_id(case.get("classname", ""), case.get("name", ""), workdir)
        outcome, message = "passed", ""
        for child in case:
            if child.tag in ("failure", "error"):
                outcome = "failed" if child.tag == "failure" else "error"
                message = child.get("message") or (child.text or "")
                break
            if child.tag == "skipped":
                xfail = child.get("type") == "pytest.xfail"
                outcome = "xfail" if xfail else "skipped"
        previous = outcomes.get(key)
        if previous is None or RANK[outcome] > RANK[previous]:
            outcomes[key] = outcome
            if message:
                messages[key] = " ".join(message.strip().split())[:160]
                found = cause("\n".join(case.itertext()))
                if found:
                    causes[key] = found
    return outcomes, messages, causes


def run_mode(client: Client, python: str, mode: str, venv: Path, source: Path) -> Run:
    """One pytest run in a fresh copy of the sdist; the proof is required."""
    tag = f"{client.name}-py{python}-{mode}"
    results = CACHE / "results"
    results.mkdir(parents=True, exist_ok=True)
    # Outside this checkout: pytest would take pkgmeta's own pyproject.toml
    # as the configuration of a client that ships none (pipdeptree).
    scratch = Path(tempfile.mkdtemp(prefix=f"pkgmeta-clients-{tag}-"))
    workdir = scratch / source.name
    shutil.copytree(source, workdir, symlinks=True)
    junit, proof_path = results / f"{tag}.xml", results / f"{tag}.proof.json"
    output = results / f"{tag}.log"
    for stale in (junit, proof_path):
        if stale.exists():
            stale.unlink()
    env = base_env()
    env.update(
        PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        VIRTUAL_ENV=str(venv),
        PYTHONPATH=str(SUPPORT),
        PKGMETA_CLIENTS_MODE=mode,
        PKGMETA_CLIENTS_PROOF=str(proof_path),
    )
    if mode == "bound":
        env[BIND_VARIABLE] = "1"
    command = [
        str(venv / "bin" / "python"), "-m", "pytest",
        "-p", "pkgmeta_clients_proof", "-p", "no:cacheprovider",
        f"--junitxml={junit}", "-o", "junit_family=xunit2", "-q", "-rN",
        # a module that fails to import is one error, not the end of the run
        "--continue-on-collection-errors",
        # captured output of failing tests: where a subprocess's traceback is
        "-o", "junit_logging=all", "-o", "junit_log_passing_tests=false",
    ]  # fmt: skip
    if client.timeout:
        command.append(f"--timeout={client.timeout}")
    command += [f"--deselect={node}" for node, _ in client.deselect]
    command += client.pytest_args
    log(f"pytest {tag}")
    started = time.monotonic()
    returncode = run(
        command, cwd=workdir, env=env, timeout=client.run_timeout, output=output
    )
    seconds = time.monotonic() - started
    problems = []
    if returncode not in (0, 1):
        problems.append(f"pytest exited {returncode} (log: {output})")
    proof: dict[str, object] | None = None
    if proof_path.exists():
        proof = json.loads(proof_path.read_text(encoding="utf-8"))
    if proof is None:
        problems.append(f"no proof written (log: {output})")
    elif proof.get("mode") != mode or not proof.get("ok"):
        problems.append(f"proof failed: {proof.get('failures')}")
    outcomes: dict[str, str] = {}
    messages: dict[str, str] = {}
    causes: dict[str, str] = {}
    if junit.exists():
        outcomes, messages, causes = parse_junit(junit, workdir)
    else:
        problems.append(f"no JUnit report (log: {output})")
    if junit.exists() and not outcomes:
        problems.append("no test ran")
    # A --deselect that names no test is silently ignored by pytest.
    summary = re.findall(r"(\d+) deselected", output.read_text(errors="replace"))
    if int(summary[-1] if summary else 0) != len(client.deselect):
        problems.append(
            f"{len(client.deselect)} deselects, pytest deselected {summary}"
        )
    shutil.rmtree(scratch, ignore_errors=True)
    log(f"  {len(outcomes)} tests in {seconds:.0f} s, exit {returncode}")
    return Run(outcomes, messages, causes, seconds, returncode, proof, problems)


def listed(client: Client, python: str, test: str) -> Conflict | None:
    """The ledger entry that covers this test, if any."""
    for entry in CONFLICTS:
        if (
            entry.client == client.name
            and (entry.pythons is None or python in entry.pythons)
            and fnmatch.fnmatchcase(test, entry.test)
        ):
            return entry
    return None


def compare(
    client: Client, python: str, setup_seconds: float, runs: dict[str, Run]
) -> Result:
    """The outcome changes between the plain and the bound run."""
    plain, bound = runs["plain"].outcomes, runs["bound"].outcomes
    worse: list[tuple[str, str, str, Conflict | None]] = []
    other: list[tuple[str, str, str]] = []
    for test in sorted(set(plain) | set(bound)):
        before, after = plain.get(test, "missing"), bound.get(test, "missing")
        if before == after:
            continue
        if RANK[after] > RANK[before]:
            worse.append((test, before, after, listed(client, python, test)))
        else:
            other.append((test, before, after))
    used = {entry for *_, entry in worse if entry is not None}
    used |= {
        entry
        for test, *_ in other
        if (entry := listed(client, python, test)) is not None
    }
    stale = [
        entry
        for entry in CONFLICTS
        if entry.client == client.name
        and (entry.pythons is None or python in entry.pythons)
        and entry not in used
    ]
    problems = [f"{mode}: {p}" for mode, r in runs.items() for p in r.problems]
    return Result(client, python, setup_seconds, runs, worse, other, stale, problems)


def counts(outcomes: dict[str, str]) -> str:
    """passed/failed/error/skipped/xfail counts, compactly."""
    values = list(outcomes.values())
    return "/".join(
        str(values.count(k)) for k in ("passed", "failed", "error", "skipped", "xfail")
    )


def failed(result: Result) -> bool:
    """Whether this client and Python fail the run."""
    unlisted = any(entry is None for *_, entry in result.worse)
    return unlisted or bool(result.stale) or bool(result.problems)


def report(results: list[Result], checkout: Path, wheel: Path, total: float) -> str:
    """The Markdown report."""
    revision = subprocess.run(
        ["git", "-C", str(checkout), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    lines = [
        "# pkgmeta clients: their own test suites, plain and with pkgmeta bound",
        "",
        f"pkgmeta: `{wheel.name}` built from `{checkout}` (git `{revision or '?'}`).",
        "Outcomes are passed/failed/error/skipped/xfail. *worse*: tests whose",
        "outcome got worse in the bound run (unlisted ones fail the run);",
        "*other*: improvements and sideways changes.",
        "",
        "| client | Python | tests | plain | bound | worse (unlisted) | other"
        " | setup s | plain s | bound s | proof | verdict |",
        "| --- | --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",  # noqa: E501
    ]
    for r in results:
        plain, bound = r.runs["plain"], r.runs["bound"]
        unlisted = sum(1 for *_, entry in r.worse if entry is None)
        proven = all(run.proof and run.proof.get("ok") for run in r.runs.values())
        lines.append(
            f"| {r.client.name} {r.client.version} | {r.python}"
            f" | {len(set(plain.outcomes) | set(bound.outcomes))}"
            f" | {counts(plain.outcomes)} | {counts(bound.outcomes)}"
            f" | {len(r.worse)} ({unlisted}) | {len(r.other)}"
            f" | {r.setup_seconds:.0f} | {plain.seconds:.0f} | {bound.seconds:.0f}"
            f" | {'ok' if proven else 'MISSING'}"
            f" | {'FAIL' if failed(r) else 'ok'} |"
        )
    lines += ["", f"Total wall time: {total:.0f} s.", ""]
    for r in results:
        if not (r.worse or r.other or r.stale or r.problems):
            continue
        lines += [f"## {r.client.name} {r.client.version} on {r.python}", ""]
        lines += [f"- harness: {problem}" for problem in r.problems]
        lines += [f"- STALE ledger entry: `{e.test}` ({e.reason})" for e in r.stale]
        bound = r.runs["bound"]
        groups: dict[str, list[str]] = {}
        for test, before, after, entry in r.worse:
            why = f"listed: {entry.reason}" if entry else "NOT LISTED"
            # A test that did not run: its module's collection error, if any.
            module = test.split("::")[0]
            found = bound.causes.get(test) or (
                f"{bound.causes[module]} (its module failed to import)"
                if after == "missing" and module in bound.causes
                else "cause not recognised"
            )
            message = bound.messages.get(test, "")
            detail = f": {message}" if message and test not in bound.causes else ""
            groups.setdefault(f"{before} -> {after}, {found}", []).append(
                f"  - `{test}` ({why}){detail}"
            )
        for test, before, after in r.other:
            groups.setdefault(f"{before} -> {after}", []).append(f"  - `{test}`")
        for change, tests in sorted(groups.items()):
            lines += [f"- {change} ({len(tests)}):", *sorted(tests)]
        lines.append("")
    deselected = [(c, node, why) for c in CLIENTS for node, why in c.deselect]
    if deselected:
        lines += ["## Deselected tests", ""]
        lines += [f"- {c.name}: `{node}` — {why}" for c, node, why in deselected]
        lines.append("")
    verdict = "FAIL" if any(failed(r) for r in results) else "ok"
    lines.append(f"Verdict: {verdict}")
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pythons",
        default=",".join(DEFAULT_PYTHONS),
        help="comma-separated 3.X versions (default: %(default)s)",
    )
    parser.add_argument(
        "--clients",
        default=",".join(c.name for c in CLIENTS),
        help="comma-separated client names (default: all)",
    )
    parser.add_argument(
        "--pkgmeta",
        type=Path,
        default=ROOT,
        help="the pkgmeta checkout to build and bind (default: this one)",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="remake the venvs from scratch"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run every client on every Python, both modes; print and write the report."""
    args = parse_args(argv)
    started = time.monotonic()
    pythons = [p.strip() for p in args.pythons.split(",") if p.strip()]
    known = {c.name: c for c in CLIENTS}
    names = [n.strip() for n in args.clients.split(",") if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"clients: unknown client(s) {unknown}; known: {list(known)}")
    checkout = args.pkgmeta.resolve()
    wheel = build_wheel(checkout, find_python(pythons[0]))
    results = []
    for name in names:  # one at a time: the machine's two cores are shared
        client = known[name]
        source = fetch(client)
        for python in pythons:
            setup_started = time.monotonic()
            venv = prepare(client, python, source, args.fresh)
            install_pkgmeta(venv, wheel)
            setup_seconds = time.monotonic() - setup_started
            runs = {
                mode: run_mode(client, python, mode, venv, source) for mode in MODES
            }
            results.append(compare(client, python, setup_seconds, runs))
    text = report(results, checkout, wheel, time.monotonic() - started)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
    print(text)
    return 1 if any(failed(r) for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
