"""The warning every older shape gives: code written for stdlib 3.8-3.13 keeps working.

pkgmeta serves the newest API; where a shape some older ``importlib.metadata``
offered does not contradict it (the dict interface of ``entry_points()``,
``EntryPoints[0]``, the tuple interface of ``EntryPoint``, a ``Distribution``
subclass without ``locate_file``), it is kept, and using it warns as 3.10-3.13
did (docs/as-importlib-metadata.md lists them). Each message starts with the
stdlib's own words, so that warning filters written for the stdlib
(``filterwarnings("ignore", "SelectableGroups dict interface")``) still
match, and ends with the modern spelling.

On a Python whose stdlib offered the shape without a warning (the dict of
groups and the tuples of 3.8/3.9; a subclass without ``locate_file`` before
3.12), pkgmeta is silent too: code written for that stdlib may run with
warnings as errors (build's test suite does, and virtualenv calls
``entry_points().get`` there).
"""

from __future__ import annotations

import sys

__all__ = [
    "ABSTRACT",
    "BY_INDEX",
    "DICT_CONSTRUCTION",
    "GROUPS_DICT",
    "TUPLE_INTERFACE",
    "warn_deprecated",
]

# The stdlib's messages (3.10-3.13), which the warnings start with.
BY_INDEX = "Accessing entry points by index is deprecated. Cast to tuple if needed."
DICT_CONSTRUCTION = (
    "Construction of dict of EntryPoints is deprecated in favor of EntryPoints."
)
GROUPS_DICT = "SelectableGroups dict interface is deprecated. Use select."
TUPLE_INTERFACE = "EntryPoint tuple interface is deprecated. Access members by name."
ABSTRACT = "Unimplemented abstract methods"

# How many times an older shape was served in this process, warned or not:
# tools/cpython_compat.py counts the tests that exercise the old API by it.
served = 0


def warn_deprecated(
    stdlib_message: str, instead: str, since: tuple[int, int] = (3, 10)
) -> None:
    """Warn that an old shape of the API was used; *instead* is the modern one.

    Called from the method that serves the old shape, so the warning points
    at that method's caller. *since* is the first Python whose stdlib warned
    for the shape (or lacks it); before it, the shape was the API: no warning.
    """
    global served  # a plain counter; racing threads may lose a count
    served += 1
    if sys.version_info < since:
        return
    import warnings  # deferred: loaded only when old code is met

    warnings.warn(
        f"{stdlib_message} (pkgmeta: use {instead})",
        DeprecationWarning,
        stacklevel=3,
    )
