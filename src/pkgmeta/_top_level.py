"""The top-level importable names a distribution provides (packages_distributions)."""

from __future__ import annotations

import sys

from ._compat import preload
from ._distribution import Distribution
from ._fs import FilesBelow
from ._record import record_paths, splits_plainly

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

__all__ = ["module_suffixes", "top_level_names"]


def module_suffixes() -> list[str]:
    """Return the file suffixes of importable modules, longest first.

    Longest first, so that ``.cpython-313-x86_64-linux-gnu.so`` wins over
    ``.so`` when a file name is cut down to its module name.

    ``importlib.machinery.all_suffixes()``; while ``importlib`` is not
    loaded, the three lists it joins are taken from where it takes them,
    the import system's own module (loaded at startup), which saves this
    call importing ``importlib`` (~0.2 ms).
    """
    machinery = sys.modules.get("importlib.machinery")
    external = sys.modules.get("_frozen_importlib_external")
    if machinery is None and external is not None:
        suffixes: list[str] = [
            *external.SOURCE_SUFFIXES,
            *external.BYTECODE_SUFFIXES,
            *external.EXTENSION_SUFFIXES,
        ]
    else:
        preload("importlib.machinery")  # bytes entries on sys.path, 3.8-3.10
        suffixes = sys.modules["importlib.machinery"].all_suffixes()
    return sorted(suffixes, key=len, reverse=True)


def top_level_names(dist: Distribution, suffixes: Sequence[str]) -> list[str]:
    """Return the importable top-level names *dist* provides.

    ``top_level.txt`` when it lists any (setuptools writes it), else the
    first part of each installed file that exists, or a top-level file's
    module name (wheels lack ``top_level.txt``); names holding a ``.``
    (``foo.dist-info``, ``..``, ``foo.pth``) or a ``/`` (the root of an
    absolute path) are not modules, and a row naming the install root
    itself (``""``, ``.``) names nothing.

    A distribution whose files are its ``RECORD`` rows below a plain
    directory is answered from the rows' text: no ``PackagePath`` is built,
    and one existing file per name is enough, so the kernel is asked about
    one file per name rather than one per row. Any other goes through
    ``files``.

    Args:
        dist: The distribution; ``read_text`` and ``files`` are used.
        suffixes: ``module_suffixes()``.

    Raises:
        OSError, ValueError: Reading ``top_level.txt`` or ``RECORD`` failed
            (the ``damaged()`` family).
    """
    declared = (dist.read_text("top_level.txt") or "").split()
    if declared:
        return declared
    root = _record_root(dist)
    if root is not None:
        text = dist._record_text()
        if text:
            return _names_from_record(text, root, suffixes)
    return _importable(
        {_top_level_name(str(path), suffixes)[0] for path in dist.files or ()}
    )


def _record_root(dist: Distribution) -> str | None:
    """The directory *dist*'s ``RECORD`` paths are below, when ``files`` is pkgmeta's.

    ``None`` for a subclass with its own ``files`` or ``locate_file``, and
    for distributions of other libraries (foreign finders): theirs answer.
    """
    if not isinstance(dist, Distribution) or type(dist).files is not (
        Distribution.files
    ):
        return None
    return dist._files_root()


def _names_from_record(text: str, root: str, suffixes: Sequence[str]) -> list[str]:
    """The names of the ``RECORD`` rows in *text*, each kept if one of its files exists.

    Which files exist is what ``files`` would keep: the same check of the
    same path (``FilesBelow``), made only for rows whose name is importable,
    and for each name only until one of its files is found: its first row,
    unless that file is missing.
    """
    plain, odd = _grouped_rows(text, tuple(suffixes))
    others: dict[str, list[str]] = {}  # name -> paths to check, from odd rows
    for path in odd:
        name, target = _top_level_name(path, suffixes)
        if name and "." not in name and "/" not in name:
            others.setdefault(name, []).append(target)
    found = []
    # One or two checks per name: not worth opening the directory.
    with FilesBelow(root, descriptor=False) as below:
        exists = below.exists
        for name, path in plain.items():
            if (
                exists(_top_level_name(path, suffixes)[1])
                or any(map(exists, others.get(name, ())))
                or any(
                    exists(_top_level_name(path, suffixes)[1])
                    for path in record_paths(text)
                    if path.partition("/")[0] == name
                )
            ):
                found.append(name)
        for name, targets in others.items():
            if name not in plain and any(map(exists, targets)):
                found.append(name)
    return found


def _grouped_rows(
    text: str, suffixes: tuple[str, ...]
) -> tuple[dict[str, str], list[str]]:
    """Group the ``RECORD`` rows of *text* by what comes before their first ``/``.

    A *plain head* (a name before a ``/``, without ``.`` or ``,``) is the
    name of every row under it, whatever the row's shape (``foo/`` and
    ``foo/bar.py`` both give ``foo``): only its first row is kept. A
    *dotted head* that ends in no module suffix (``foo.dist-info/...``,
    ``../../bin/x``) names no module whatever the row's shape: its rows are
    dropped. Rows under any other head (``./x``, ``/abs``, ``mod.py/``, a
    top-level ``mod.py``) are kept one by one.

    >>> _grouped_rows("a/x,,\\na/y,,\\na-1.dist-info/R,,\\n../b/c,,\\nm.py,,", (".py",))
    ({'a': 'a/x'}, ['m.py'])

    Returns:
        Each plain head with the path of its first row, and the paths of
        the other rows, in order.
    """
    if splits_plainly(text):
        lines = text.splitlines()
        cut: Callable[[str], str] = _path_column
    else:  # quoted paths: csv reads them, and each line becomes its path
        lines = record_paths(text)
        cut = str
    plain: dict[str, str] = {}
    others: list[str] = []
    # "head/" of the plain head of the row before: installers write the rows
    # of a package one after another, and one test skips each of them.
    # startswith(()) is false: no row is skipped before the first plain head.
    under: str | tuple[()] = ()
    for line in lines:
        if line.startswith(under):
            continue
        slash = line.find("/")
        head = line[:slash]
        # A "," before the first "/" ends the path first: not a head.
        if slash > 0 and "," not in head:
            if "." not in head:
                if head not in plain:
                    plain[head] = cut(line)
                under = line[: slash + 1]
                continue
            if head != "." and not head.endswith(suffixes):
                # Its first part is the head itself: "." is in the name.
                # (A head with a suffix, "mod.py/", may be a module's file.)
                under = line[: slash + 1]
                continue
        if line:  # "./x", "/abs", "mod.py/", "mod.py"
            others.append(cut(line))
    return plain, others


def _path_column(line: str) -> str:
    return line.partition(",")[0]


def _importable(names: Iterable[str]) -> list[str]:
    return [name for name in names if name and "." not in name and "/" not in name]


def _top_level_name(path: str, suffixes: Sequence[str]) -> tuple[str, str]:
    """Return the name a ``RECORD`` path gives, and the path to check it by.

    The name is the first part of a nested path, else the file's module
    name: what the references take from ``PackagePath(path).parts``, and
    ``inspect.getmodulename`` gives, without either (a name that is all
    suffix stays as it is). A path without parts (a row ``,,`` or ``.``)
    gives ``""``: the references' ``top, *rest = parts`` raises there,
    costing the whole distribution.

    The path to check is *path* as the kernel reads what pathlib would
    make of it: as written, unless a ``/`` or ``/.`` at its end (which
    pathlib drops) would make the kernel demand a directory.

    >>> _top_level_name("foo/__init__.py", [".py"])
    ('foo', 'foo/__init__.py')
    >>> _top_level_name("./foo.py", [".py"])
    ('foo', './foo.py')
    >>> _top_level_name("foo/./", [".py"])
    ('foo', 'foo')
    >>> _top_level_name("foo/bar/", [".py"])
    ('foo', 'foo/bar')
    >>> _top_level_name("//bin/x", [".py"])
    ('//', '//bin/x')
    """
    head, _, rest = path.partition("/")
    if head and head != "." and rest[:1] not in ("", "/", ".") and path[-1] not in "/.":
        top, nested = head, True  # "foo/bar...": the common row, decided here
    else:
        root = "/" if path[:1] == "/" else ""
        if root and path[:2] == "//" and path[2:3] != "/":
            root = "//"  # POSIX leaves two leading slashes to the system
        parts = [part for part in path.split("/") if part and part != "."]
        if root:
            parts.insert(0, root)
        if not parts:
            return "", path
        top, nested = parts[0], len(parts) > 1
        if path[-1:] in ("/", "."):
            path = root + "/".join(parts[1:] if root else parts)
    if not nested:
        for suffix in suffixes:
            if top.endswith(suffix):
                return top[: -len(suffix)] or top, path
    return top, path
