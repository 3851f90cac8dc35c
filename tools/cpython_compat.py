"""Run the running interpreter's own importlib.metadata test suite against pkgmeta.

The nox ``compat`` session installs pkgmeta into its venv, then runs exactly::

    python tools/cpython_compat.py

CPython ships its importlib.metadata tests in ``<stdlib>/test/test_importlib/``
(3.8-3.12: ``test_main.py``, ``test_metadata_api.py``, ``test_zip.py`` and their
helpers; 3.13: the ``metadata/`` package).  This script copies them into a
temporary package, rewrites their imports of ``importlib.metadata`` to a
generated shim module that re-exports the target (pkgmeta by default), runs
them with unittest and compares the failures with the deliberate differences
listed in ``tools/cpython_compat_expected.py``.  The originals are never
modified and nothing is written outside a temporary directory.

Exit status 0 only when every failing test is listed for this Python, every
listed test really fails (a listed test that passes is stale, like a strict
xfail) and at least MIN_PASS_RATE (85 %) of the tests that ran passed;
1 otherwise; 2 when the target cannot be imported.

Options: ``--target stdlib`` (or ``importlib_metadata``) runs the suite against
that implementation instead, to prove the harness itself sound; ``-k TEXT``
runs only tests whose id contains TEXT; ``--keep`` keeps the rewritten copy;
``-v`` prints every outcome.  Standard library only; runs on Python 3.8+.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import io
import linecache
import os
import shutil
import sys
import sysconfig
import tempfile
import tokenize
import traceback
import unittest
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from types import ModuleType, TracebackType
    from typing import Optional, Tuple, Type, Union

    _ExcInfo = Tuple[Type[BaseException], BaseException, Optional[TracebackType]]
    _OptExcInfo = Union[_ExcInfo, Tuple[None, None, None]]

# Name of the temporary package that receives the copied suite.
SUITE_PACKAGE = "cpython_importlib_metadata_tests"
# Module inside SUITE_PACKAGE standing in for ``importlib.metadata``.
SHIM_MODULE = "_target"
# Name the rewritten modules bind the shim to for ``importlib.metadata.X`` uses.
SHIM_ALIAS = "_compat_target"
# The 3.8-3.10 suites test the dict-like entry_points() of their time in up to
# 9 % of their tests: importlib_metadata 10.2 (--target importlib_metadata)
# passes only 89.5 % of the 3.9 suite. pkgmeta serves those shapes and must
# pass every test not listed as a deliberate difference anyway.
MIN_PASS_RATE = 0.85

# Where each target keeps the names the suite imports from importlib.metadata.
TARGET_MODULES = {
    "pkgmeta": "pkgmeta",
    "stdlib": "importlib.metadata",
    "importlib_metadata": "importlib_metadata",
}
# Private importlib.metadata names the suites import, and where pkgmeta keeps
# its equivalent (module, attribute).  Looked up only when the target package
# itself lacks the name.
PKGMETA_PRIVATE_EQUIVALENTS = {
    "_unique": ("pkgmeta._distribution", "one_per_project"),
    "MetadataPathFinder": ("pkgmeta._finder", "MetadataPathFinder"),
    "PathDistribution": ("pkgmeta._distribution", "PathDistribution"),
    # A private helper of a public class, reached as ``Distribution._x``;
    # the rewritten suite asks the shim for ``Distribution__x`` instead.
    "Distribution._deps_from_requires_text": (
        "pkgmeta._sections",
        "requirements_from_requires_txt",
    ),
}
# Test modules of the 3.8-3.12 layout; in that layout ``test_api.py`` is the
# general importlib API test, not the metadata one, hence the explicit list.
FLAT_LAYOUT_TESTS = ("test_main", "test_metadata_api", "test_zip")


class Suite(NamedTuple):
    """Where the running interpreter keeps its importlib.metadata tests."""

    directory: Path
    package: str  # the dotted name the files live under, e.g. "test.test_importlib"
    test_modules: tuple[str, ...]


class Outcome(NamedTuple):
    """What happened to one test."""

    status: str  # pass, fail, error, skip, xfail (the suite's own expectedFailure)
    detail: str = ""


def locate_suite() -> Suite:
    """Find the importlib.metadata tests of the running interpreter.

    Returns:
        The directory, its dotted package name and the test module names.

    Raises:
        FileNotFoundError: The interpreter was installed without its tests.
    """
    base = Path(sysconfig.get_paths()["stdlib"], "test", "test_importlib")
    if (base / "metadata" / "fixtures.py").is_file():  # 3.13+
        directory = base / "metadata"
        names = tuple(sorted(p.stem for p in directory.glob("test_*.py")))
        return Suite(directory, "test.test_importlib.metadata", names)
    names = tuple(n for n in FLAT_LAYOUT_TESTS if (base / f"{n}.py").is_file())
    if not names:
        raise FileNotFoundError(f"no importlib.metadata tests under {base}")
    return Suite(base, "test.test_importlib", names)


class _Rewriter:
    """Rewrite one module so that it tests the shim instead of importlib.metadata.

    Works on tokens, so strings and comments are data and stay untouched,
    except for strings naming a data package of the suite
    (``'test.test_importlib.data'``), which must name the copy.  A bare
    ``importlib.metadata`` (as in ``ep.load() is importlib.metadata``, where
    the entry point value ``'importlib.metadata'`` loads the real module) is
    kept on purpose.  A private attribute of an imported name
    (``Distribution._deps_from_requires_text``) is asked of the shim as
    ``Distribution__deps_from_requires_text``, so that a target without it
    fails only the tests that use it.
    """

    def __init__(self, source: str, suite: Suite) -> None:
        self.source = source
        self.suite = suite
        self.data_packages: set[str] = set()
        # "Distribution._x" for every private attribute taken from an imported name
        self.private_attributes: set[str] = set()
        self._imported = _names_imported_from_metadata(ast.parse(source))
        self._edits: list[tuple[int, int, str]] = []
        self._binding_needed = False
        self._first_import: int | None = None  # where the first top-level import starts
        self._line_starts = [0]
        for line in io.StringIO(source):
            self._line_starts.append(self._line_starts[-1] + len(line))

    def rewrite(self) -> str:
        """Return the rewritten source."""
        tokens = [
            tok
            for tok in tokenize.generate_tokens(io.StringIO(self.source).readline)
            if tok.type not in (tokenize.COMMENT, tokenize.NL)
        ]
        statement_start = True
        in_import = False
        for i, tok in enumerate(tokens):
            if tok.type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT) or (
                tok.string == ";"
            ):
                statement_start, in_import = True, False
                continue
            if statement_start:
                statement_start = False
                in_import = tok.string in ("import", "from")
                if (
                    in_import
                    and tok.start[1] == 0
                    and self._first_import is None
                    and tokens[i + 1].string != "__future__"
                ):
                    self._first_import = self._offset(tok.start)
            if tok.type == tokenize.STRING:
                self._rewrite_string(tok)
                continue
            if self._rewrite_private_attribute(tokens, i):
                continue
            last = self._metadata_name_end(tokens, i)
            if last is None:
                continue
            following = tokens[last + 1].string if last + 1 < len(tokens) else ""
            span = (self._offset(tok.start), self._offset(tokens[last].end))
            if in_import:
                # ``from importlib.metadata import (...)``: the dotted name is
                # the module.  ``import importlib.metadata`` keeps binding the
                # real module for the bare uses described in the class doc.
                # Other forms are left for _check_no_leftover_imports to flag.
                if tokens[i - 1].string == "from" and following == "import":
                    self._edits.append((*span, "." + SHIM_MODULE))
            elif following == ".":
                # ``importlib.metadata.distributions()`` in an expression.
                self._edits.append((*span, SHIM_ALIAS))
                self._binding_needed = True
        if self._binding_needed:
            if self._first_import is None:
                raise ValueError("no top-level import to bind the shim next to")
            binding = f"from . import {SHIM_MODULE} as {SHIM_ALIAS}; "
            self._edits.append((self._first_import, self._first_import, binding))
        text = self.source
        for start, stop, new in sorted(self._edits, reverse=True):
            text = text[:start] + new + text[stop:]
        return text

    def _rewrite_private_attribute(
        self, tokens: list[tokenize.TokenInfo], i: int
    ) -> bool:
        """Send ``Distribution._x`` (private attribute of an import) to the shim."""
        if (
            i + 2 >= len(tokens)
            or tokens[i].type != tokenize.NAME
            or tokens[i].string not in self._imported
            or (i and tokens[i - 1].string == ".")
            or tokens[i + 1].string != "."
            or not tokens[i + 2].string.startswith("_")
            or tokens[i + 2].string.startswith("__")
        ):
            return False
        original = self._imported[tokens[i].string]
        attribute = tokens[i + 2].string
        self.private_attributes.add(f"{original}.{attribute}")
        new = f"{SHIM_ALIAS}.{_shim_name_of(original, attribute)}"
        start, stop = self._offset(tokens[i].start), self._offset(tokens[i + 2].end)
        self._edits.append((start, stop, new))
        self._binding_needed = True
        return True

    def _offset(self, position: tuple[int, int]) -> int:
        """Turn a tokenize (row, column) into an index into the source."""
        return self._line_starts[position[0] - 1] + position[1]

    @staticmethod
    def _metadata_name_end(tokens: list[tokenize.TokenInfo], i: int) -> int | None:
        """Return the index of the last token of a name of importlib.metadata at i."""
        if tokens[i].type != tokenize.NAME or (i and tokens[i - 1].string == "."):
            return None
        if tokens[i].string == "importlib_metadata":
            return i
        if (
            tokens[i].string == "importlib"
            and i + 2 < len(tokens)
            and tokens[i + 1].string == "."
            and tokens[i + 2].string == "metadata"
        ):
            return i + 2
        return None

    def _rewrite_string(self, tok: tokenize.TokenInfo) -> None:
        """Point a dotted name of a data package of the suite at the copy."""
        try:
            value = ast.literal_eval(tok.string)
        except (ValueError, SyntaxError):  # f-strings and the like
            return
        prefix = self.suite.package + "."
        if not isinstance(value, str) or not value.startswith(prefix):
            return
        sub = value[len(prefix) :].split(".")[0]
        if not (self.suite.directory / sub / "__init__.py").is_file():
            return
        self.data_packages.add(sub)
        new = tok.string.replace(self.suite.package, SUITE_PACKAGE)
        self._edits.append((self._offset(tok.start), self._offset(tok.end), new))


def _names_imported_from_metadata(tree: ast.AST) -> dict[str, str]:
    """Map each name bound by ``from importlib.metadata import`` to its original."""
    bound: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in (
            "importlib.metadata",
            "importlib_metadata",
        ):
            bound.update(
                (alias.asname or alias.name, alias.name) for alias in node.names
            )
    return bound


def _shim_name_of(name: str, attribute: str) -> str:
    """Return the shim's name for ``name.attribute`` (``Distribution__x``)."""
    return f"{name}_{attribute}"


def _relative_imports(tree: ast.AST) -> Iterator[str]:
    """Yield the sibling module names a module imports relatively."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                yield node.module.split(".")[0]
            else:
                yield from (alias.name for alias in node.names)


def _shim_names(tree: ast.AST) -> Iterator[str]:
    """Yield the names a rewritten module takes from the shim."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.level == 1
            and node.module == SHIM_MODULE
        ):
            yield from (alias.name for alias in node.names)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == SHIM_ALIAS
        ):
            yield node.attr


def _check_no_leftover_imports(tree: ast.AST, filename: str) -> None:
    """Fail loudly on an import form the rewriter does not know."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0:
            module = node.module or ""
            names = {alias.name for alias in node.names}
            if module.startswith(("importlib.metadata", "importlib_metadata")) or (
                module == "importlib" and "metadata" in names
            ):
                raise ValueError(
                    f"{filename}:{node.lineno}: unhandled import of {module}"
                )
        elif isinstance(node, ast.Import):
            for alias in node.names:
                aliased = alias.name == "importlib.metadata" and alias.asname
                if aliased or alias.name.startswith(
                    ("importlib.metadata.", "importlib_metadata")
                ):
                    raise ValueError(
                        f"{filename}:{node.lineno}: unhandled import {alias.name}"
                    )


def copy_suite(suite: Suite, destination: Path) -> tuple[set[str], set[str]]:
    """Copy and rewrite the suite into ``destination/SUITE_PACKAGE``.

    Args:
        suite: The tests found by :func:`locate_suite`.
        destination: A directory that goes on ``sys.path``.

    Returns:
        The names the suite takes from importlib.metadata, and the private
        attributes of those names it uses (``"Distribution._x"``).
    """
    package_dir = destination / SUITE_PACKAGE
    package_dir.mkdir()
    package_dir.joinpath("__init__.py").write_text(
        '"""CPython\'s importlib.metadata tests, rewritten for pkgmeta."""\n'
    )
    names: set[str] = set()
    private_attributes: set[str] = set()
    data_packages: set[str] = set()
    pending = list(suite.test_modules)
    done: set[str] = set()
    while pending:
        module = pending.pop()
        if module in done:
            continue
        done.add(module)
        original = suite.directory / f"{module}.py"
        if not original.is_file():
            raise FileNotFoundError(f"{original} (imported relatively by the suite)")
        with tokenize.open(str(original)) as stream:
            source = stream.read()
        rewriter = _Rewriter(source, suite)
        text = rewriter.rewrite()
        tree = ast.parse(text, str(original))
        _check_no_leftover_imports(tree, str(original))
        names.update(_shim_names(tree))
        private_attributes.update(rewriter.private_attributes)
        data_packages.update(rewriter.data_packages)
        pending.extend(m for m in _relative_imports(tree) if m != SHIM_MODULE)
        package_dir.joinpath(f"{module}.py").write_text(text, encoding="utf-8")
    for sub in sorted(data_packages):
        shutil.copytree(
            str(suite.directory / sub),
            str(package_dir / sub),
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    return names, private_attributes


_MISSING_CLASS = '''

class _Missing:
    """Stands for a name the target lacks: fails only the tests that use it."""

    def __init__(self, name):
        self._name = name

    def _fail(self, *args, **kwargs):
        raise AttributeError(
            "compat shim: %s has no equivalent of importlib.metadata.%s"
            % (TARGET, self._name)
        )

    __call__ = __iter__ = _fail

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        self._fail()
'''


def write_shim(
    target: str,
    names: Iterable[str],
    private_attributes: Iterable[str],
    package_dir: Path,
) -> list[str]:
    """Generate the module the rewritten suite imports instead of importlib.metadata.

    Args:
        target: A key of ``TARGET_MODULES``.
        names: The names the suite takes from importlib.metadata.
        private_attributes: The private attributes of those names the suite
            uses, as ``"Distribution._x"``.
        package_dir: The directory of the copied suite package.

    Returns:
        What the target has no equivalent for (placeholders that fail when
        used stand in for them).
    """
    module_name = TARGET_MODULES[target]
    module = importlib.import_module(module_name)
    lines = [
        f'"""The importlib.metadata names of the suite, taken from {module_name}."""',
        f"TARGET = {module_name!r}",
        f"from {module_name} import *  # noqa: F403",
        f"import {module_name} as _target_module",
    ]
    # name in the shim -> what importlib.metadata calls it
    wanted = {
        _shim_name_of(*dotted.split(".")): dotted for dotted in private_attributes
    }
    wanted.update((name, name) for name in names if name not in wanted)
    missing: list[str] = []
    for shim_name, dotted in sorted(wanted.items()):
        owner, _, attribute = dotted.rpartition(".")
        holder = getattr(module, owner, None) if owner else module
        if hasattr(holder, attribute):
            lines.append(f"{shim_name} = _target_module.{dotted}")
            continue
        where = PKGMETA_PRIVATE_EQUIVALENTS.get(dotted) if target == "pkgmeta" else None
        if where is not None and _has_attribute(*where):
            lines.append(f"from {where[0]} import {where[1]} as {shim_name}")
            continue
        missing.append(dotted)
        lines.append(f"{shim_name} = _Missing({dotted!r})")
    if missing:
        lines.insert(4, _MISSING_CLASS)
    package_dir.joinpath(f"{SHIM_MODULE}.py").write_text("\n".join(lines) + "\n")
    return missing


def _has_attribute(module_name: str, attribute: str) -> bool:
    try:
        return hasattr(importlib.import_module(module_name), attribute)
    except ImportError:
        return False


class _Recorder(unittest.TestResult):
    """Keep one outcome per test id, with the first line of its error."""

    def __init__(self, suite_dir: Path, verbose: bool) -> None:
        super().__init__()
        self.buffer = True  # the suite's prints show up only with its failures
        self.outcomes: dict[str, Outcome] = {}
        # the tests in which pkgmeta served an older shape of the API
        self.old_api: set[str] = set()
        self._served_before = 0
        self._suite_dir = str(suite_dir)
        self._verbose = verbose
        # While a test runs, unittest's buffer replaces sys.stdout.
        self._stream = sys.stdout

    def startTest(self, test: unittest.TestCase) -> None:
        super().startTest(test)
        self._served_before = _old_shapes_served()

    def stopTest(self, test: unittest.TestCase) -> None:
        super().stopTest(test)
        if _old_shapes_served() > self._served_before:
            self.old_api.add(test.id())

    def _record(self, test: unittest.TestCase, outcome: Outcome) -> None:
        test_id = test.id()
        previous = self.outcomes.get(test_id)
        if previous is not None and previous.status in ("fail", "error"):
            return  # keep the first failure (e.g. of a subtest)
        self.outcomes[test_id] = outcome
        if self._verbose:
            line = f"{outcome.status:5} {test_id} {outcome.detail}".rstrip()
            print(line, file=self._stream, flush=True)

    def _describe(self, err: _OptExcInfo) -> str:
        exc_type, value, tb = err
        if exc_type is None:
            return ""
        lines = traceback.format_exception_only(exc_type, value)
        text = "".join(lines).strip().splitlines()
        first = text[0] if text else exc_type.__name__
        where = ""
        for frame, lineno in traceback.walk_tb(tb):
            filename = frame.f_code.co_filename
            if filename.startswith(self._suite_dir):
                code = linecache.getline(filename, lineno).strip()
                where = f"{os.path.basename(filename)}:{lineno}: {code}"
        return f"{first}  [{where}]" if where else first

    def addSuccess(self, test: unittest.TestCase) -> None:
        super().addSuccess(test)
        self._record(test, Outcome("pass"))

    def addFailure(self, test: unittest.TestCase, err: _OptExcInfo) -> None:
        super().addFailure(test, err)  # type: ignore[arg-type]
        self._record(test, Outcome("fail", self._describe(err)))

    def addError(self, test: unittest.TestCase, err: _OptExcInfo) -> None:
        super().addError(test, err)  # type: ignore[arg-type]
        self._record(test, Outcome("error", self._describe(err)))

    def addSkip(self, test: unittest.TestCase, reason: str) -> None:
        super().addSkip(test, reason)
        self._record(test, Outcome("skip", reason))

    def addExpectedFailure(self, test: unittest.TestCase, err: _OptExcInfo) -> None:
        super().addExpectedFailure(test, err)  # type: ignore[arg-type]
        self._record(test, Outcome("xfail", "expected failure marked in the suite"))

    def addUnexpectedSuccess(self, test: unittest.TestCase) -> None:
        super().addUnexpectedSuccess(test)
        self._record(
            test, Outcome("fail", "unexpected success of a suite expectedFailure")
        )

    def addSubTest(
        self,
        test: unittest.TestCase,
        subtest: unittest.TestCase,
        err: _OptExcInfo | None,
    ) -> None:
        super().addSubTest(test, subtest, err)  # type: ignore[arg-type]
        if err is not None and err[0] is not None:
            status = "fail" if issubclass(err[0], test.failureException) else "error"
            detail = f"{subtest.id()[len(test.id()) :].strip()}: {self._describe(err)}"
            self._record(test, Outcome(status, detail))


def _filter(suite: unittest.TestSuite, keyword: str) -> unittest.TestSuite:
    selected = unittest.TestSuite()
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            selected.addTest(_filter(item, keyword))
        elif keyword in item.id():
            selected.addTest(item)
    return selected


def _old_shapes_served() -> int:
    """How often pkgmeta served an older API shape so far (0 for other targets).

    pkgmeta counts each use, warned or not (``pkgmeta._deprecations.served``):
    on 3.8/3.9 the dict of groups is served without a warning, as it was
    that stdlib's API.
    """
    module = sys.modules.get("pkgmeta._deprecations")
    return int(getattr(module, "served", 0))


def run_suite(
    suite: Suite, copy_dir: Path, keyword: str, verbose: bool
) -> tuple[dict[str, Outcome], set[str]]:
    """Import and run the rewritten test modules.

    Args:
        suite: The original suite (for its module names).
        copy_dir: The directory holding the rewritten package (put on sys.path).
        keyword: Run only tests whose id contains it ("" runs all).
        verbose: Print every outcome as it happens.

    Returns:
        The outcome of every test, by unittest id, and the ids of the tests
        in which pkgmeta served a deprecated older shape of the API.
    """
    sys.path.insert(0, str(copy_dir))
    recorder = _Recorder(copy_dir / SUITE_PACKAGE, verbose)
    loader = unittest.TestLoader()
    tests = unittest.TestSuite()
    for name in suite.test_modules:
        dotted = f"{SUITE_PACKAGE}.{name}"
        try:
            module: ModuleType = importlib.import_module(dotted)
        except (ImportError, AttributeError, NameError, TypeError, ValueError):
            # One reported error for the module rather than a crash of the run.
            recorder.outcomes[dotted] = Outcome(
                "error", recorder._describe(sys.exc_info())
            )
            continue
        tests.addTest(loader.loadTestsFromModule(module))
    if keyword:
        tests = _filter(tests, keyword)
    with warnings.catch_warnings():
        # As ``python -m unittest`` does; tests of warnings set their own filters.
        warnings.simplefilter("default")
        tests.run(recorder)
    return recorder.outcomes, recorder.old_api


def short_id(test_id: str) -> str:
    """Return the version-independent id used by the expected-differences list.

    ``cpython_importlib_metadata_tests.test_main.BasicTests.test_x`` becomes
    ``BasicTests.test_x``: the module is dropped because 3.13 renamed
    ``test_metadata_api`` to ``test_api``.
    """
    parts = test_id.split(".")
    if parts[0] == SUITE_PACKAGE and len(parts) == 4:
        return ".".join(parts[2:])
    return test_id.replace(f"{SUITE_PACKAGE}.", "")


def load_expected(python: str) -> dict[str, str]:
    """Return the deliberate differences listed for ``python`` ("3.X"), by test."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        from cpython_compat_expected import DIFFERENCES
    finally:
        sys.path.pop(0)
    expected: dict[str, str] = {}
    for entry in DIFFERENCES:
        if entry.pythons is None or python in entry.pythons:
            if entry.test in expected:
                raise ValueError(f"{entry.test} listed twice for Python {python}")
            expected[entry.test] = entry.reason
    return expected


def report(
    outcomes: dict[str, Outcome],
    expected: dict[str, str],
    python: str,
    complete: bool,
    old_api: set[str],
) -> bool:
    """Print the summary and return whether the run is acceptable.

    Args:
        outcomes: By unittest id.
        expected: Deliberate differences for this Python, by short id.
        python: "3.X".
        complete: Whether the whole suite ran (no ``-k``): only then are
            listed tests that did not run reported as stale.
        old_api: The tests in which pkgmeta served a deprecated older shape.

    Returns:
        True when the exit status should be 0.
    """
    by_short: dict[str, str] = {}
    for test_id in outcomes:
        other = by_short.setdefault(short_id(test_id), test_id)
        if other != test_id:
            print(
                f"WARNING: {other} and {test_id} share the short id {short_id(test_id)}"
            )
    counts = {"pass": 0, "fail": 0, "error": 0, "skip": 0, "xfail": 0}
    for outcome in outcomes.values():
        counts[outcome.status] += 1
    failing = {t: o for t, o in outcomes.items() if o.status in ("fail", "error")}
    listed = {t: o for t, o in failing.items() if short_id(t) in expected}
    unexpected = {t: o for t, o in failing.items() if short_id(t) not in expected}
    stale = sorted(
        short
        for short in expected
        if (
            short in by_short
            and outcomes[by_short[short]].status not in ("fail", "error")
        )
        or (complete and short not in by_short)
    )
    ran = len(outcomes) - counts["skip"]
    passed = counts["pass"] + counts["xfail"]
    rate = passed / ran if ran else 0.0

    print(
        f"run {ran} (+{counts['skip']} skipped) / passed {passed}"
        f" / failed {counts['fail']}"
        f" / errors {counts['error']} / expected differences {len(listed)}"
        f" / unexpected failures {len(unexpected)} / stale entries {len(stale)}"
    )
    if listed:
        print("\nexpected differences (listed in tools/cpython_compat_expected.py):")
        for test_id, outcome in sorted(listed.items()):
            print(f"  {short_id(test_id)}: {expected[short_id(test_id)]}")
            print(f"      {outcome.status.upper()} {outcome.detail}")
    if unexpected:
        print("\nUNEXPECTED failures:")
        for test_id, outcome in sorted(unexpected.items()):
            print(
                f"  {outcome.status.upper()} {short_id(test_id)}"
                f"\n      {outcome.detail}"
            )
    if stale:
        print("\nSTALE entries (listed for this Python, but passed or did not run):")
        for short in stale:
            status = outcomes[by_short[short]].status if short in by_short else "absent"
            print(f"  {short} ({status})")
    ok = not unexpected and not stale and rate >= MIN_PASS_RATE
    if rate < MIN_PASS_RATE:
        print(f"\npass rate {rate:.1%} is below {MIN_PASS_RATE:.0%}")
    applicable = ran - len(listed)
    applicable_rate = passed / applicable if applicable else 0.0
    old_passed = sum(
        outcomes[test].status in ("pass", "xfail")
        for test in old_api
        if test in outcomes
    )
    if old_api:
        print("\nold-API tests (pkgmeta served a deprecated older shape):")
        for test_id in sorted(old_api):
            status = outcomes[test_id].status if test_id in outcomes else "absent"
            print(f"  {short_id(test_id)} ({status})")
    print(
        f"\nCOMPAT python{python}: {passed}/{ran} passed ({rate:.1%});"
        f" applicable {passed}/{applicable} ({applicable_rate:.1%}),"
        f" {len(listed)} deliberate differences;"
        f" old-API tests {old_passed}/{len(old_api)} passed"
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    """Run the suite and return the exit status.

    Args:
        argv: Command-line arguments (``sys.argv[1:]`` when None).

    Returns:
        0 when the run is acceptable, 1 when not, 2 when it could not be set up.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=sorted(TARGET_MODULES), default="pkgmeta")
    parser.add_argument(
        "-k", dest="keyword", default="", help="run tests whose id has TEXT"
    )
    parser.add_argument("--keep", action="store_true", help="keep the rewritten copy")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="print every outcome"
    )
    args = parser.parse_args(argv)

    python = "{}.{}".format(*sys.version_info[:2])
    suite = locate_suite()
    copy_dir = Path(tempfile.mkdtemp(prefix="cpython-compat-"))
    try:
        names, private_attributes = copy_suite(suite, copy_dir)
        try:
            missing = write_shim(
                args.target, names, private_attributes, copy_dir / SUITE_PACKAGE
            )
        except ImportError as error:
            print(f"cannot import the target {args.target!r}: {error}")
            return 2
        target = sys.modules[TARGET_MODULES[args.target]]
        print(f"Python {sys.version.split()[0]} ({sys.executable})")
        print(f"suite: {suite.directory} ({', '.join(suite.test_modules)})")
        print(
            f"target: {TARGET_MODULES[args.target]}"
            f" from {getattr(target, '__file__', '?')}"
        )
        if missing:
            print(
                f"target lacks (placeholders that fail when used): {', '.join(missing)}"
            )
        if args.keep:
            print(f"rewritten copy kept in {copy_dir}")
        print()
        outcomes, old_api = run_suite(suite, copy_dir, args.keyword, args.verbose)
    finally:
        if not args.keep:
            shutil.rmtree(str(copy_dir), ignore_errors=True)
    expected = load_expected(python) if args.target == "pkgmeta" else {}
    if args.keyword:
        expected = {k: v for k, v in expected.items() if args.keyword in k}
    ok = report(outcomes, expected, python, complete=not args.keyword, old_api=old_api)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
