"""The top-level importable names a distribution provides (packages_distributions)."""

from __future__ import annotations

import importlib.machinery

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._distribution import Distribution
    from ._files import PackagePath

__all__ = ["module_suffixes", "top_level_names"]


def module_suffixes() -> list[str]:
    """Return the file suffixes of importable modules, longest first.

    Longest first, so that ``.cpython-313-x86_64-linux-gnu.so`` wins over
    ``.so`` when a file name is cut down to its module name.
    """
    return sorted(importlib.machinery.all_suffixes(), key=len, reverse=True)


def top_level_names(dist: Distribution, suffixes: Sequence[str]) -> list[str]:
    """Return the importable top-level names *dist* provides.

    ``top_level.txt`` when it lists any (setuptools writes it), else the
    first part of each installed path, or a top-level file's module name
    (wheels lack ``top_level.txt``); names holding a ``.`` (``foo.dist-info``,
    ``..``) or a ``/`` (the root of an absolute path) are not modules, and a
    row naming the install root itself (``""``, ``.``) names nothing.

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
    names = {_top_level_name(path, suffixes) for path in dist.files or ()}
    return [name for name in names if name and "." not in name and "/" not in name]


def _top_level_name(path: PackagePath, suffixes: Sequence[str]) -> str:
    """Return the first part of a nested path, else the file's module name.

    The module name is what ``inspect.getmodulename`` gives, without
    importing ``inspect``; a name that is all suffix stays as it is. A path
    without parts (a RECORD row ``,,`` or ``.``) gives ``""``: the
    references' ``top, *rest = parts`` raises there, costing the whole
    distribution.
    """
    parts = path.parts
    if not parts:
        return ""
    top, *rest = parts
    if rest:
        return top
    for suffix in suffixes:
        if top.endswith(suffix):
            return top[: -len(suffix)] or top
    return top
