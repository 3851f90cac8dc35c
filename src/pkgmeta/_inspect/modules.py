"""Which installed distributions provide a module, and how deep each provides it.

The engine of ``which``. A distribution's file list (``RECORD``) tells which
modules and directories it installed; an editable install's modules are not
there but where its ``.pth`` file or setuptools' ``__editable__`` finder
points, which are read (never run); ``top_level.txt`` is the last word. For a
dotted name the answer goes as deep as the evidence does, so that a
namespace package shared by several distributions (``sphinxcontrib``) is
told from the portion one of them provides (``sphinxcontrib.jquery``).
"""

from __future__ import annotations

import ast
import os

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from .._distribution import Distribution
    from .._files import PackagePath

__all__ = ["Provider", "find_provider"]


class Provider:
    """A distribution that provides (part of) a module, and how that is known.

    Attributes:
        dist: The distribution.
        name: Its ``Name`` field.
        version: Its ``Version`` field, if any.
        depth: How many leading parts of the dotted name it provides.
        kind: ``module`` (the module's own file or ``__init__``),
            ``portion`` (files in the directory of a namespace package), or
            ``top-level`` (only ``top_level.txt`` names it).
        portions: For a portion, the modules it provides one level down.
        found_by: ``RECORD`` (the file list), ``top_level.txt``, ``.pth``
            (a path an editable install's ``.pth`` file adds) or
            ``editable finder`` (setuptools' ``__editable__`` mapping).
        path: Where the module is, when a file or directory says so.
    """

    __slots__ = (
        "depth",
        "dist",
        "found_by",
        "kind",
        "name",
        "path",
        "portions",
        "version",
    )

    def __init__(self, dist: Distribution, name: str, version: str | None) -> None:
        self.dist = dist
        self.name = name
        self.version = version
        self.depth = 0
        self.kind = "top-level"
        self.portions: list[str] = []
        self.found_by = "top_level.txt"
        self.path: str | None = None


def _module_paths(
    files: Iterable[PackagePath], top: str, suffixes: Sequence[str]
) -> tuple[set[tuple[str, ...]], dict[tuple[str, ...], set[str]]]:
    """Return the modules among *files* under *top*, and each directory's children.

    A file ``a/b/c.py`` gives the module ``(a, b, c)``, ``a/b/__init__.py``
    gives ``(a, b)``; the directories ``(a,)`` and ``(a, b)`` are listed with
    the names found in them (``c``, ``b``).
    """
    modules: set[tuple[str, ...]] = set()
    children: dict[tuple[str, ...], set[str]] = {}
    for path in files:
        parts = path.parts
        if not parts or _strip_suffix(parts[0], suffixes) != top:
            continue
        stem = _strip_suffix(parts[-1], suffixes)
        if stem is None:
            continue  # data files count for no module
        names = parts[:-1] if stem == "__init__" else (*parts[:-1], stem)
        if names:
            modules.add(names)
        for depth in range(1, len(names)):
            children.setdefault(names[:depth], set()).add(names[depth])
    return modules, children


def _strip_suffix(name: str, suffixes: Sequence[str]) -> str | None:
    """Return *name* without a module suffix; a directory name as it is.

    ``None`` for a file that is no module (``README.txt``), told by a dot.
    """
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return None if "." in name else name


def _match_files(
    provider: Provider,
    parts: Sequence[str],
    files: Iterable[PackagePath],
    suffixes: Sequence[str],
) -> None:
    """Set how deep *files* (RECORD) provide *parts*, if they do."""
    modules, children = _module_paths(files, parts[0], suffixes)
    for depth in range(len(parts), 0, -1):
        prefix = tuple(parts[:depth])
        if prefix in modules:
            provider.depth, provider.kind = depth, "module"
        elif prefix in children:
            provider.depth, provider.kind = depth, "portion"
            provider.portions = [
                ".".join((*prefix, name)) for name in sorted(children[prefix])
            ]
        else:
            continue
        provider.found_by = "RECORD"
        try:
            provider.path = str(provider.dist.locate_file("/".join(prefix)))
        except (AttributeError, NotImplementedError, TypeError):
            provider.path = None  # a custom distribution that cannot tell
        return


def _match_directory(
    provider: Provider,
    parts: Sequence[str],
    base: str,
    known: int,
    suffixes: Sequence[str],
    found_by: str,
) -> None:
    """Set how deep the directory *base* (``parts[:known]``) provides *parts*.

    Used for editable installs, whose modules are where the project is, not
    in RECORD: the file system is asked, part by part.
    """
    best = None
    path = base
    for depth in range(known + 1, len(parts) + 1):
        name = parts[depth - 1]
        directory = os.path.join(path, name)
        module_file = _first_file(path, name, suffixes)
        if module_file is not None:
            best = (depth, "module", module_file)
            break
        if not os.path.isdir(directory):
            break
        init = _first_file(directory, "__init__", suffixes) is not None
        best = (depth, "module" if init else "portion", directory)
        path = directory
    if known and best is None and os.path.exists(base):
        init = _first_file(base, "__init__", suffixes) is not None
        best = (known, "module" if init or os.path.isfile(base) else "portion", base)
    if best is None or best[0] <= provider.depth:
        return
    provider.depth, provider.kind, provider.path = best
    provider.found_by = found_by
    if provider.kind == "portion":
        provider.portions = sorted(
            ".".join(
                (*parts[: provider.depth], _strip_suffix(child, suffixes) or child)
            )
            for child in _listdir(provider.path)
            if _strip_suffix(child, suffixes) is not None and child != "__pycache__"
        )


def _first_file(directory: str, stem: str, suffixes: Sequence[str]) -> str | None:
    """Return the module file *stem* + a suffix in *directory*, if there is one."""
    for suffix in suffixes:
        candidate = os.path.join(directory, stem + suffix)
        if os.path.isfile(candidate):
            return candidate
    return None


def _listdir(path: str) -> list[str]:
    try:
        return os.listdir(path)
    except OSError:
        return []


def _editable_roots(
    dist: Distribution, files: Iterable[PackagePath]
) -> Iterator[tuple[str, str, str]]:
    """Yield ``(dotted name, path, how)`` for where an editable install's modules are.

    setuptools' ``__editable___*_finder.py`` maps names to paths in its
    ``MAPPING`` literal (read, never imported); any other ``.pth`` file the
    RECORD lists adds directories to ``sys.path`` (the empty name: any
    top-level module may be there). Lines that import code are skipped, as
    ``site`` runs them rather than adding them.
    """
    for path in files:
        name = path.name
        if name.startswith("__editable___") and name.endswith("_finder.py"):
            for dotted, target in _finder_mapping(str(dist.locate_file(path))).items():
                yield dotted, target, "editable finder"
        elif name.endswith(".pth"):
            try:
                text = dist.locate_file(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            for line in text.splitlines():
                line = line.strip()
                if line and not line.startswith(("#", "import ", "import\t")):
                    yield "", line, ".pth"


def _finder_mapping(finder: str) -> dict[str, str]:
    """Return the ``MAPPING`` of a setuptools editable finder, or ``{}``."""
    try:
        with open(finder, encoding="utf-8") as file:
            tree = ast.parse(file.read())
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return {}
    for node in tree.body:
        target: ast.expr
        if isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if not (isinstance(target, ast.Name) and target.id == "MAPPING"):
            continue
        try:
            mapping = ast.literal_eval(value) if value is not None else None
        except ValueError:
            return {}
        if isinstance(mapping, dict):
            return {str(key): str(path) for key, path in mapping.items()}
    return {}


def find_provider(
    dist: Distribution, parts: Sequence[str], suffixes: Sequence[str]
) -> Provider | None:
    """Return how *dist* provides the module *parts* (split at dots), if it does.

    The file list is asked first, then, for an editable install, the
    directories its ``.pth`` files or editable finder point to, then
    ``top_level.txt``.

    Raises:
        KeyError: No ``Name`` field.
        OSError, ValueError: The metadata cannot be read (``damaged()``).
    """
    meta = dist.metadata
    name = meta.get("Name")
    if name is None:
        raise KeyError(f"Metadata field Name not present in {dist}")
    provider = Provider(dist, name, meta.get("Version"))
    files = dist.files or []
    _match_files(provider, parts, files, suffixes)
    if provider.depth < len(parts):
        for dotted, target, how in _editable_roots(dist, files):
            known = dotted.split(".") if dotted else []
            if known == list(parts[: len(known)]):
                _match_directory(provider, parts, target, len(known), suffixes, how)
    if provider.depth == 0:
        declared = (dist.read_text("top_level.txt") or "").split()
        if parts[0] not in declared:
            return None
        provider.depth = 1
    return provider
