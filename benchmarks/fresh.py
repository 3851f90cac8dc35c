"""Freshness checks run in one process: do warm caches ever hide a new install?

Imported by ``driver.py`` (mode ``fresh``) inside the measured interpreter, so
it sticks to the stdlib and to what runs on 3.8.  Each check primes the
library's caches, changes the environment the way an installer (or a test)
would, and asks again.  ``expected`` is what a correct cache must show;
``None`` marks an observation that is reported but not judged.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType
    from typing import Dict, Optional

    Check = Dict[str, Optional[object]]


def _install(site: str, name: str, version: str, script: str = "") -> str:
    """Write a minimal dist-info for *name* into *site*; return its path."""
    info = os.path.join(site, f"{name.replace('-', '_')}-{version}.dist-info")
    os.mkdir(info)
    with open(os.path.join(info, "METADATA"), "w") as file:
        file.write(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\n")
    if script:
        with open(os.path.join(info, "entry_points.txt"), "w") as file:
            file.write(f"[console_scripts]\n{script} = {name.replace('-', '_')}:main\n")
    return info


def _bump_mtime(path: str) -> None:
    """Make sure *path*'s mtime moved, as it does when an install lands later."""
    status = os.stat(path)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 2_000_000_000))


class _Probe:
    """Asks one library what it sees, the way an application would."""

    def __init__(self, module: ModuleType) -> None:
        self.module = module

    def version(self, name: str) -> str | None:
        try:
            return str(self.module.version(name))
        except self.module.PackageNotFoundError:
            return None

    def scripts(self) -> set[str]:
        found = self.module.entry_points()
        if isinstance(found, dict):  # stdlib < 3.10
            return {ep.name for ep in found.get("console_scripts", ())}
        return {ep.name for ep in found.select(group="console_scripts")}


def _masked_install(site: str, name: str) -> None:
    """Install *name* but leave the directory's mtime as it was.

    That is what a coarse-mtime file system shows when two installs land in
    the same tick: only an explicit invalidation can reveal the new one.
    """
    status = os.stat(site)
    _install(site, name, "1.0")
    os.utime(site, ns=(status.st_atime_ns, status.st_mtime_ns))


def _invalidate_finder(module: ModuleType) -> bool:
    """Call ``MetadataPathFinder.invalidate_caches()``; False where it cannot be."""
    try:
        module.MetadataPathFinder.invalidate_caches()
    except TypeError:  # stdlib < 3.10: an instance method of MetaPathFinder
        return False
    return True


def check_freshness(impl: str, module_name: str) -> list[Check]:
    """Run every check against one library and return the observations.

    Args:
        impl: Label of the library (``pkgmeta``, ``stdlib``, ...).
        module_name: What to import (``importlib.metadata`` for the stdlib).
    """
    __import__(module_name)
    probe = _Probe(sys.modules[module_name])
    root = tempfile.mkdtemp(prefix="bench-fresh-")
    site_a, site_b = os.path.join(root, "a"), os.path.join(root, "b")
    os.mkdir(site_a)
    os.mkdir(site_b)
    checks: list[Check] = []

    def record(check: str, seen: object, expected: object, required: bool) -> None:
        checks.append(
            {"check": check, "seen": seen, "expected": expected, "required": required}
        )

    try:
        _install(site_a, "fresh-base", "1.0", script="fresh-base-cli")
        sys.path.insert(0, site_a)
        for _ in range(2):  # prime every cache, negative answers included
            probe.version("fresh-base")
            probe.version("fresh-one")
            probe.scripts()

        _install(site_a, "fresh-one", "1.0", script="fresh-one-cli")
        _bump_mtime(site_a)
        record(
            "new install seen, directory mtime changed",
            probe.version("fresh-one"),
            "1.0",
            True,
        )
        record(
            "new install's console script seen, directory mtime changed",
            "fresh-one-cli" in probe.scripts(),
            True,
            True,
        )

        _masked_install(site_a, "fresh-two")
        record(
            "masked install seen before any invalidation",
            probe.version("fresh-two"),
            None,
            False,
        )
        import importlib

        importlib.invalidate_caches()
        expected: object = "1.0" if sys.version_info >= (3, 9) else None
        record(
            "masked install seen after importlib.invalidate_caches()",
            probe.version("fresh-two"),
            expected,
            sys.version_info >= (3, 9),  # 3.8 gives a library no hook to see it
        )

        _masked_install(site_a, "fresh-three")
        reached = _invalidate_finder(probe.module)
        record(
            "masked install seen after MetadataPathFinder.invalidate_caches()",
            probe.version("fresh-three") if reached else "n/a",
            "1.0" if reached else "n/a",
            impl == "pkgmeta",
        )

        _install(site_b, "fresh-four", "1.0")
        sys.path.insert(0, site_b)
        record(
            "install in a directory added to sys.path seen",
            probe.version("fresh-four"),
            "1.0",
            True,
        )
        sys.path.remove(site_a)
        record(
            "distribution gone once its directory left sys.path",
            probe.version("fresh-base"),
            None,
            True,
        )
        sys.path.insert(1, site_a)

        shutil.rmtree(os.path.join(site_a, "fresh_one-1.0.dist-info"))
        _install(site_a, "fresh-one", "2.0")
        _bump_mtime(site_a)
        record(
            "upgrade seen (old dist-info replaced)",
            probe.version("fresh-one"),
            "2.0",
            True,
        )

        metadata = os.path.join(site_a, "fresh_base-1.0.dist-info", "METADATA")
        with open(metadata, "w") as file:  # in place: no directory mtime changes
            file.write("Metadata-Version: 2.1\nName: fresh-base\nVersion: 1.1\n\n")
        record(
            "METADATA edited in place seen (no directory changed)",
            probe.version("fresh-base"),
            "1.1",
            False,
        )
    finally:
        for site in (site_a, site_b):
            while site in sys.path:
                sys.path.remove(site)
        shutil.rmtree(root)
    return checks
