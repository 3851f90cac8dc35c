"""Every difference between the supported CPythons, each tagged with when it goes."""

from __future__ import annotations

import sys

__all__ = ["import_cache_epoch"]


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
