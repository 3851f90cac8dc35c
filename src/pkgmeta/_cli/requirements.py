"""The commands about requirements among installed distributions: ``tree``, ``check``.

Both need ``packaging`` (the ``cli`` extra) to evaluate markers and version
specifiers; :func:`load_engine` imports it when a command needs it and,
when it is missing, says how to install it (exit status 2: the command could
not run, which ``check``'s 1, "broken requirements found", must not be
mistaken for).
"""

from __future__ import annotations

import sys

from .._errors import PackageNotFoundError
from .output import EXIT_FAILED, EXIT_OK, EXIT_USAGE, error, write, write_json
from .targets import Skips, installed

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import ModuleType

    from .._inspect.requirements import Edge, Environment, Installed

# Deferred: the engine, which imports packaging (~35 ms), on first use.

__all__ = ["load_engine", "run_check", "run_tree", "skips_of"]

INSTALL_HINT = (
    "this command needs the 'packaging' library: "
    "python -m pip install 'python-pkgmeta[cli]'"
)


def load_engine(command: str) -> ModuleType | None:
    """Return ``_inspect.requirements``, or report that ``packaging`` is missing.

    Args:
        command: What needs it, for the message (``tree``, ``list
            --not-required``).
    """
    try:
        from .._inspect import requirements
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] != "packaging":
            raise
        error(f"{command}: {INSTALL_HINT}")
        return None
    return requirements


def skips_of(environment: Environment) -> Skips:
    """The distributions *environment* left out, to report as every command does."""
    skips = Skips()
    for dist, exc in environment.skipped:
        skips.add(dist, exc)
    return skips


def _not_found(name: str, as_json: bool) -> int:
    message = str(PackageNotFoundError(name))
    if as_json:
        write_json({"error": "not-found", "name": name, "message": message})
    else:
        error(message)
    return EXIT_FAILED


# --- tree -------------------------------------------------------------------


class _Glyphs:
    """The branches a tree is drawn with: box drawing, or ASCII where it cannot show."""

    def __init__(self) -> None:
        encoding = getattr(sys.stdout, "encoding", None) or "ascii"
        try:
            "├└│─".encode(encoding)
        except (LookupError, UnicodeEncodeError):
            self.tee, self.last, self.bar = "|-- ", "`-- ", "|   "
        else:
            self.tee, self.last, self.bar = "├── ", "└── ", "│   "


def _label(edge: Edge | None, node: Installed | None, reverse: bool) -> str:
    """Return how a node is printed: ``name==version``, or with the requirement.

    Forwards, a dependency shows what is required of it and what is
    installed; reversed, a requirer shows what it requires of the node above.
    """
    if edge is None or reverse:
        assert node is not None  # a root, or a requirer: always installed
        text = f"{node.name}=={node.version}"
        if edge is None:
            return text
        return (
            f"{text} [requires: {edge.requirement.name}{_extras(edge)}{edge.specifier}]"
        )
    name = node.name if node is not None else edge.requirement.name
    installed = f"installed: {node.version}" if node is not None else "not installed"
    return f"{name}{_extras(edge)} [required: {edge.specifier or 'Any'}, {installed}]"


def _extras(edge: Edge) -> str:
    extras = sorted(edge.requirement.extras)
    return f"[{','.join(extras)}]" if extras else ""


class _TreeWalk:
    """Builds the trees of ``tree``: nested JSON nodes, or drawn lines."""

    def __init__(
        self, environment: Environment, depth: int | None, reverse: bool
    ) -> None:
        self.environment = environment
        self.depth = depth
        self.reverse = reverse

    def children(
        self, node: Installed, extras: frozenset[str]
    ) -> list[tuple[Edge, Installed | None, frozenset[str]]]:
        """Return what a node branches to, each with the extras active there."""
        if self.reverse:
            return [
                (edge, edge.requirer, frozenset())
                for edge in self.environment.required_by(node.key)
            ]
        return [
            (edge, edge.target, edge.extras)
            for edge in sorted(
                self.environment.edges(node, extras), key=lambda edge: edge.key
            )
        ]

    def as_json(
        self,
        node: Installed | None,
        edge: Edge | None,
        extras: frozenset[str],
        above: frozenset[str],
    ) -> dict[str, object]:
        """Return the JSON node of *node*, reached through *edge*, and below it."""
        key = node.key if node is not None else edge.key if edge is not None else ""
        cycle = key in above
        document: dict[str, object] = {
            "name": node.name if node is not None else edge and edge.requirement.name,
            "version": None if node is None else node.version,
            "extras": [] if edge is None else sorted(edge.requirement.extras),
            "required": None if edge is None else edge.specifier,
            "installed": None if node is None else node.version,
            "cycle": cycle,
        }
        below: list[dict[str, object]] = []
        if node is not None and not cycle and not self._too_deep(above):
            inner = above | {key}
            below = [
                self.as_json(child, child_edge, child_extras, inner)
                for child_edge, child, child_extras in self.children(node, extras)
            ]
        document["required_by" if self.reverse else "dependencies"] = below
        return document

    def lines(
        self,
        node: Installed,
        extras: frozenset[str],
        above: frozenset[str],
        prefix: str,
        glyphs: _Glyphs,
    ) -> None:
        """Write the branches below *node*, each line under *prefix*."""
        if self._too_deep(above):
            return
        inner = above | {node.key}
        branches = self.children(node, extras)
        for index, (edge, child, child_extras) in enumerate(branches):
            last = index == len(branches) - 1
            text = _label(edge, child, self.reverse)
            cycle = child is not None and child.key in inner
            branch = glyphs.last if last else glyphs.tee
            write(f"{prefix}{branch}{text}{' (cycle)' if cycle else ''}")
            if child is not None and not cycle:
                self.lines(
                    child,
                    child_extras,
                    inner,
                    prefix + ("    " if last else glyphs.bar),
                    glyphs,
                )

    def _too_deep(self, above: frozenset[str]) -> bool:
        return self.depth is not None and len(above) >= self.depth


def _roots(environment: Environment, reverse: bool) -> list[Installed]:
    """Return where the trees start when no name is given.

    Forwards: the distributions no other one requires; then, for a group
    that only requires itself round a cycle, its first member by name, so
    that every distribution is drawn somewhere. Reversed: the distributions
    that require no other installed one.
    """
    nodes = sorted(environment.installed.values(), key=lambda node: node.key)
    if reverse:
        return [
            node
            for node in nodes
            if not any(
                edge.target is not None and edge.key != node.key
                for edge in environment.active_edges(node)
            )
        ]
    roots = [node for node in nodes if not environment.required_by(node.key)]
    reached: set[str] = set()
    pending = list(roots)
    while True:
        while pending:
            node = pending.pop()
            if node.key in reached:
                continue
            reached.add(node.key)
            pending.extend(
                edge.target
                for edge in environment.active_edges(node)
                if edge.target is not None
            )
        left = [node for node in nodes if node.key not in reached]
        if not left:
            return roots
        roots.append(left[0])
        pending.append(left[0])


def run_tree(
    names: Sequence[str],
    reverse: bool,
    depth: int | None,
    paths: Sequence[str] | None,
    as_json: bool,
) -> int:
    """``tree [NAME...]``: draw each distribution with the requirements that apply.

    Returns:
        0; 1 when a NAME is not installed; 2 for a negative ``--depth`` or
        when ``packaging`` is missing.
    """
    if depth is not None and depth < 0:
        error("--depth must be 0 or more")
        return EXIT_USAGE
    engine = load_engine("tree")
    if engine is None:
        return EXIT_USAGE
    environment: Environment = engine.read_environment(installed(paths))
    if names:
        roots = []
        for name in names:
            found = environment.find(name)
            if found is None:
                return _not_found(name, as_json)
            roots.append(found)
    else:
        roots = _roots(environment, reverse)
    walk = _TreeWalk(environment, depth, reverse)
    skips = skips_of(environment)
    if as_json:
        write_json(
            {
                "distributions": [
                    walk.as_json(root, None, frozenset(), frozenset()) for root in roots
                ],
                "skipped": skips.rows,
            }
        )
        return EXIT_OK
    skips.report()
    glyphs = _Glyphs()
    for root in roots:
        write(_label(None, root, reverse))
        walk.lines(root, frozenset(), frozenset(), "", glyphs)
    return EXIT_OK


# --- check ------------------------------------------------------------------


def _problems(environment: Environment) -> list[dict[str, object]]:
    """Return every broken requirement, as ``check --json`` rows, sorted."""
    rows: list[tuple[tuple[str, int, str], dict[str, object]]] = []

    def add(
        node: Installed, order: int, kind: str, message: str, **more: object
    ) -> None:
        row: dict[str, object] = {
            "name": node.name,
            "version": node.version,
            "kind": kind,
            **more,
            "message": message,
        }
        rows.append(((node.key, order, message), row))

    for node in environment.installed.values():
        who = f"{node.key} {node.version}"
        if node.version_error is not None:
            add(
                node,
                0,
                "invalid-version",
                f"{who} has an invalid version: {node.version_error}.",
            )
        for text, why in node.invalid:
            add(
                node,
                1,
                "invalid-requirement",
                f"{who} has an invalid requirement {text!r}: {why}",
                requirement=text,
            )
        for edge in environment.active_edges(node):
            if edge.satisfied:
                continue
            target = edge.target
            details = {
                "requirement": str(edge.requirement),
                "dependency": edge.key,
                "installed": None if target is None else target.version,
            }
            if target is None:
                add(
                    node,
                    2,
                    "missing",
                    f"{who} requires {edge.key}, which is not installed.",
                    **details,
                )
            else:
                add(
                    node,
                    3,
                    "conflict",
                    f"{who} has requirement {edge.requirement}, but you have "
                    f"{target.key} {target.version}.",
                    **details,
                )
    for node, text, why in environment.unevaluable:
        add(
            node,
            1,
            "invalid-marker",
            f"{node.key} {node.version} has a requirement whose marker cannot be "
            f"evaluated, {text!r}: {why}",
            requirement=text,
        )
    rows.sort(key=lambda pair: pair[0])
    return [row for _, row in rows]


def run_check(paths: Sequence[str] | None, as_json: bool) -> int:
    """``check``: report the requirements installed distributions do not meet.

    Returns:
        0 when every requirement that applies is met; 1 when one is not (or
        a requirement or version cannot be read); 2 when ``packaging`` is
        missing.
    """
    engine = load_engine("check")
    if engine is None:
        return EXIT_USAGE
    environment: Environment = engine.read_environment(installed(paths))
    problems = _problems(environment)
    skips = skips_of(environment)
    if as_json:
        write_json({"problems": problems, "skipped": skips.rows})
    else:
        skips.report()
        for problem in problems:
            write(str(problem["message"]))
        if not problems:
            write("No broken requirements found.")
    return EXIT_FAILED if problems else EXIT_OK
