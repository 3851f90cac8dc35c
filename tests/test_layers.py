"""The layers of ``src/pkgmeta`` (docs/development.md), checked on the source.

Imports go down the layers; the one way back up, ``Distribution.discover``
reaching the finder, is the single seam. The core never imports the tooling
(``_inspect``, ``_cli``), and the engines never import the command line.
Every import counts here, those under ``TYPE_CHECKING`` and inside functions
included; cycles are looked for among the imports that run when a module loads.
"""

from __future__ import annotations

import ast
import pathlib
from typing import NamedTuple

import pytest

import pkgmeta

PACKAGE = pathlib.Path(pkgmeta.__file__).parent

# module -> its layer; a higher number is a higher layer
LAYERS = {
    # leaves: pure parsers, names, errors, the file read, protocols, versions
    "pkgmeta._compat": 1,
    "pkgmeta._deprecations": 1,
    "pkgmeta._errors": 1,
    "pkgmeta._fs": 1,
    "pkgmeta._headers": 1,
    "pkgmeta._names": 1,
    "pkgmeta._protocols": 1,
    "pkgmeta._record": 1,
    "pkgmeta._sections": 1,
    # model: the stdlib-shaped classes and the parsers of their files
    "pkgmeta._archive": 2,
    "pkgmeta._distribution": 2,
    "pkgmeta._entry_points": 2,
    "pkgmeta._files": 2,
    "pkgmeta._metadata": 2,
    "pkgmeta._top_level": 2,
    "pkgmeta._zip": 2,
    # finder: the search of sys.path and what is kept of it
    "pkgmeta._finder": 3,
    "pkgmeta._memo": 3,
    # api and face
    "pkgmeta._api": 4,
    "pkgmeta": 5,
    # tooling: engines, then the command line, then `python -m pkgmeta`
    "pkgmeta._inspect": 6,
    "pkgmeta._cli": 7,
    "pkgmeta.__main__": 8,
}
TOOLING = 6  # the first tooling layer

# The one upward import of the core: (importer, imported, function it is in).
SEAM = ("pkgmeta._distribution", "pkgmeta._finder", "_search")


class Import(NamedTuple):
    """One import statement of a module, resolved to a pkgmeta module."""

    importer: str
    imported: str
    line: int
    function: str | None  # the enclosing function, None at module level
    type_checking: bool  # under ``if TYPE_CHECKING:``


def module_name(path: pathlib.Path) -> str:
    """Return the dotted name of a source file of the package."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int:
    """Return the layer of *module*; a sub-package's modules share its layer."""
    while module not in LAYERS:
        if "." not in module:
            raise KeyError(f"{module} is in no layer: add it to LAYERS")
        module = module.rpartition(".")[0]
    return LAYERS[module]


def imports_of(source: str, name: str, is_package: bool) -> list[Import]:
    """Return the pkgmeta imports in *source*, the module *name*."""
    package = name if is_package else name.rpartition(".")[0]
    found: list[Import] = []

    def visit(node: ast.AST, function: str | None, type_checking: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(child, function or child.name, type_checking)
                continue
            if _is_type_checking(child):
                visit(child, function, True)
                continue
            targets: list[str] = []
            if isinstance(child, ast.Import):
                targets = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - child.level + 1]
                    origin = ".".join(
                        [*base, *([child.module] if child.module else [])]
                    )
                else:
                    origin = child.module or ""
                # `from . import x` may name a module or an attribute
                targets = [
                    f"{origin}.{alias.name}"
                    if f"{origin}.{alias.name}" in known
                    else origin
                    for alias in child.names
                ]
            for target in targets:
                if target == "pkgmeta" or target.startswith("pkgmeta."):
                    found.append(
                        Import(name, target, child.lineno, function, type_checking)
                    )
            visit(child, function, type_checking)

    visit(ast.parse(source), None, False)
    return found


def _is_type_checking(node: ast.AST) -> bool:
    """Whether *node* is ``if TYPE_CHECKING:``."""
    return (
        isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
    )


def upward_imports(imports: list[Import]) -> list[Import]:
    """Return the imports that go up the layers, the seam excepted."""
    return [
        found
        for found in imports
        if layer_of(found.imported) > layer_of(found.importer)
        and (found.importer, found.imported, found.function) != SEAM
    ]


def load_cycles(imports: list[Import]) -> list[list[str]]:
    """Return the cycles among the imports made while modules load."""
    graph: dict[str, set[str]] = {}
    for found in imports:
        at_load = found.function is None and not found.type_checking
        if at_load and found.imported != found.importer and not _is_parent(found):
            graph.setdefault(found.importer, set()).add(found.imported)
    cycles: list[list[str]] = []
    state: dict[str, str] = {}

    def walk(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append([*trail[trail.index(nxt) :], nxt])
            elif nxt not in state:
                walk(nxt, [*trail, nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            walk(node, [node])
    return cycles


def _is_parent(found: Import) -> bool:
    # A submodule's import of its own package (``from .. import x``) runs
    # after the package has loaded: it is no load-order edge.
    return found.importer.startswith(found.imported + ".")


def _package_sources() -> dict[str, tuple[str, bool]]:
    return {
        module_name(path): (
            path.read_text(encoding="utf-8"),
            path.name == "__init__.py",
        )
        for path in sorted(PACKAGE.rglob("*.py"))
    }


known: set[str] = set(_package_sources())


@pytest.fixture(scope="module")
def all_imports() -> list[Import]:
    imports: list[Import] = []
    for name, (source, is_package) in _package_sources().items():
        imports.extend(imports_of(source, name, is_package))
    return imports


def test_every_module_has_a_layer():
    """A new module must be placed in a layer before it lands."""
    for name in known:
        layer_of(name)


def test_no_import_goes_up_the_layers_but_the_seam(all_imports):
    """The core imports downwards only, except Distribution.discover's finder."""
    assert upward_imports(all_imports) == []


def test_the_seam_is_still_there(all_imports):
    """The seam is the import the stdlib's API forces; it is declared, not lost."""
    seam = [
        (found.importer, found.imported, found.function)
        for found in all_imports
        if layer_of(found.imported) > layer_of(found.importer)
    ]
    assert seam == [SEAM]


def test_the_core_imports_no_tooling(all_imports):
    """Nothing below the tooling layers names _inspect or _cli."""
    assert [
        found
        for found in all_imports
        if layer_of(found.importer) < TOOLING and layer_of(found.imported) >= TOOLING
    ] == []


def test_modules_load_without_import_cycles(all_imports):
    """The imports that run at load time form no cycle."""
    assert load_cycles(all_imports) == []


def test_the_checker_finds_an_upward_import_and_a_cycle():
    """A model module importing the finder at load time is caught twice over."""
    upward = imports_of(
        "from ._finder import MetadataPathFinder\n", "pkgmeta._files", False
    )
    assert [(i.importer, i.imported) for i in upward_imports(upward)] == [
        ("pkgmeta._files", "pkgmeta._finder")
    ]
    hidden = imports_of(
        "TYPE_CHECKING = False\nif TYPE_CHECKING:\n    from .._cli import main\n",
        "pkgmeta._inspect.verify",
        False,
    )
    assert [(i.imported, i.type_checking) for i in upward_imports(hidden)] == [
        ("pkgmeta._cli", True)
    ]
    cycle = [
        Import("pkgmeta._a", "pkgmeta._b", 1, None, False),
        Import("pkgmeta._b", "pkgmeta._a", 1, None, False),
    ]
    assert load_cycles(cycle) == [["pkgmeta._a", "pkgmeta._b", "pkgmeta._a"]]


# Deferred imports buy import time only where a module is costly (each module
# lists its own and why); the budget keeps them from creeping back.
FUNCTION_LEVEL_IMPORT_BUDGET = 40


def test_function_level_imports_stay_within_the_budget():
    """At most 40 imports inside functions (79 before the layers were drawn)."""
    sources = _package_sources()
    deferred = {
        (name, node.lineno)
        for name, (source, _) in sources.items()
        for function in ast.walk(ast.parse(source))
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
        for node in ast.walk(function)
        if isinstance(node, (ast.Import, ast.ImportFrom))
    }
    assert len(deferred) <= FUNCTION_LEVEL_IMPORT_BUDGET, sorted(deferred)
