"""Every difference between the supported CPythons, each tagged with when it goes."""

from __future__ import annotations

import sys

__all__ = ["PATHS_PARSED_WHEN_MADE", "import_cache_epoch", "preload"]

# pathlib parses a path's parts when it is made up to 3.11 and on first use
# from 3.12 (PyPy follows its Python version). Goes with 3.11.
PATHS_PARSED_WHEN_MADE = sys.version_info < (3, 12)


def import_cache_epoch() -> int:
    """Return a counter that ``importlib.invalidate_caches()`` increments.

    ``PathFinder.invalidate_caches()`` bumps ``_NamespacePath._epoch``
    (CPython 3.9+). Reading it lets that call reach pkgmeta's caches without
    pkgmeta registering anything anywhere. On 3.8 there is no such counter
    and freshness rests on the path entries' mtimes alone.
    """
    bootstrap = sys.modules.get("_frozen_importlib_external")
    namespace_path = getattr(bootstrap, "_NamespacePath", None)
    epoch = getattr(namespace_path, "_epoch", 0)  # drop the default with 3.8
    return epoch if isinstance(epoch, int) else 0


def preload(name: str) -> None:
    """Import the stdlib module *name* now, even with bytes entries on ``sys.path``.

    The path hooks of 3.8-3.10 raise ``TypeError`` for a ``bytes`` entry on
    ``sys.path`` (3.11+ skip it), so every first import fails while one is
    there. Called before a deferred import of a stdlib module, it imports it
    with ``None``, the import system's own "no finder here", put into
    ``sys.path_importer_cache`` for the bytes entries that lack an entry,
    and only for that import; the deferred ``import`` statement then finds
    the module loaded. Goes with 3.10.
    """
    if name in sys.modules:
        return
    try:
        __import__(name)
    except TypeError:
        cache: dict[object, object] = sys.path_importer_cache  # type: ignore[assignment]
        entries: list[object] = list(sys.path)  # typed list[str]; bytes do occur
        added = [e for e in entries if isinstance(e, bytes) and e not in cache]
        if not added:
            raise
        for entry in added:
            cache[entry] = None
        try:
            __import__(name)
        finally:
            for entry in added:
                if entry in cache and cache[entry] is None:
                    del cache[entry]
