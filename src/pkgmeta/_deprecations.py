"""The warning every older shape gives: code written for stdlib 3.8-3.13 keeps working.

pkgmeta serves the newest API; where a shape some older ``importlib.metadata``
offered does not contradict it (the dict interface of ``entry_points()``,
``EntryPoints[0]``, the tuple interface of ``EntryPoint``, a ``Distribution``
subclass without ``locate_file``), it is kept, and using it warns as 3.10-3.13
did, naming the modern spelling (docs/as-importlib-metadata.md lists them).
"""

from __future__ import annotations

__all__ = ["warn_deprecated"]


def warn_deprecated(what: str, instead: str) -> None:
    """Warn that *what* is an old shape of the API; *instead* is the modern one.

    Called from the method that serves the old shape, so the warning points
    at that method's caller.
    """
    import warnings  # deferred: loaded only when old code is met

    warnings.warn(
        f"{what} is deprecated (importlib.metadata before 3.12); use {instead}",
        DeprecationWarning,
        stacklevel=3,
    )
