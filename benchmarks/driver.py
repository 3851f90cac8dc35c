"""Runs inside each measured interpreter process: one operation of one library.

Started as ``python -I -S driver.py key=value ...`` by ``run.py``.  It imports
nothing beyond what an interpreter has loaded at start-up (no ``json``,
``argparse`` or ``re``) so that the library under test pays for its own lazy
imports, and it prints one ``repr()``-ed dict on its last line of output.

Keys: ``impl`` (pkgmeta, stdlib, importlib_metadata), ``op``, ``mode``
(time, trace, rss, opens, fresh, floor), ``floor`` (``list`` or ``pkgdist``:
which least work the floor mode times), ``site`` (the only ``sys.path`` entry
that holds distributions; empty: keep the interpreter's own ``sys.path``),
``lib`` (where the library is installed), ``hit``, ``miss``, ``preload``
(modules imported before the library, as an application would have), ``warm``
(how many warm calls at most) and ``budget`` (seconds the warm calls may take
at most).
"""

from __future__ import annotations

import os
import sys
from time import perf_counter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType
    from typing import Any

MODULES = {
    "pkgmeta": "pkgmeta",
    "stdlib": "importlib.metadata",
    "importlib_metadata": "importlib_metadata",
}
GROUP = "console_scripts"


class LibraryFinder:
    """Imports modules from the library's install directory.

    That directory stays off ``sys.path``: its ``*.dist-info`` would otherwise
    be found by every scan and a miss would list one more directory.  This
    finder has no ``find_distributions``, so metadata searches skip it.
    """

    def __init__(self, directory: str) -> None:
        self._path = [directory]
        self._path_finder: Any = sys.modules["_frozen_importlib_external"].PathFinder

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> Any:
        """Find top-level modules in the library directory (submodules use __path__)."""
        if path is not None:
            return None
        return self._path_finder.find_spec(fullname, self._path)


def _parse_args(argv: list[str]) -> dict[str, str]:
    args = {}
    for arg in argv:
        key, _, value = arg.partition("=")
        args[key] = value
    return args


def _isolate(site: str, lib: str) -> None:
    """Put *site* first on ``sys.path`` (``-S``: only the stdlib follows it).

    Without *site* and *lib* the interpreter's own environment is measured.
    """
    if site:
        sys.path.insert(0, site)
    if lib:
        sys.meta_path.append(LibraryFinder(lib))


def _count(entry_points: Any) -> int:
    """Count entry points in every shape ``entry_points()`` has returned.

    A dict of group -> tuple on stdlib 3.8/3.9, ``SelectableGroups`` (a dict
    subclass) on 3.10/3.11, a flat ``EntryPoints`` sequence since.
    """
    if isinstance(entry_points, dict):
        return sum(len(group) for group in entry_points.values())
    return len(entry_points)


def _operation(
    module: ModuleType, impl: str, op: str, hit: str, miss: str
) -> Callable[[], Any]:
    """Return the call to measure; each returns something whose size can be checked."""
    old_stdlib = impl == "stdlib" and sys.version_info < (3, 10)

    def version_miss() -> str:
        try:
            return str(module.version(miss))
        except module.PackageNotFoundError:
            return "<missing>"

    def ep_group() -> int:
        if old_stdlib:  # no selection parameters before 3.10
            return len(module.entry_points().get(GROUP, ()))
        return len(module.entry_points(group=GROUP))

    operations: dict[str, Callable[[], Any]] = {
        "version_hit": lambda: module.version(hit),
        "version_miss": version_miss,
        "ep_group": ep_group,
        "ep_all": lambda: _count(module.entry_points()),
        "scan": lambda: len([d.metadata["Name"] for d in module.distributions()]),
        "files": lambda: len(module.files(hit) or ()),
        "requires": lambda: len(module.requires(hit) or ()),
        "pkgdist": lambda: len(module.packages_distributions()),
    }
    return operations[op]


def _time(call: Callable[[], Any], warm: int, budget: float) -> dict[str, Any]:
    """Time the first call, then up to *warm* more within *budget* seconds."""
    start = perf_counter()
    result = call()
    first = perf_counter() - start
    warm_times: list[float] = []
    spent = 0.0
    while len(warm_times) < warm and (spent < budget or len(warm_times) < 2):
        start = perf_counter()
        call()
        elapsed = perf_counter() - start
        warm_times.append(elapsed)
        spent += elapsed
    return {"first": first, "warm": warm_times, "result": result}


def _peak_rss_kib() -> int:
    """Peak resident set of this process image (KiB).

    ``VmHWM`` rather than ``ru_maxrss``: Linux carries ``ru_maxrss`` over
    ``exec``, so a child of a big parent starts at the parent's peak.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:  # not Linux: fall back to what the OS offers
        pass
    import resource  # an extension module: imports nothing else

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _rss(call: Callable[[], Any]) -> dict[str, Any]:
    """Growth of the peak resident set during *call*."""
    before = _peak_rss_kib()
    result = call()
    return {"rss_kib": _peak_rss_kib() - before, "result": result}


def _trace(call: Callable[[], Any]) -> dict[str, Any]:
    """Peak of Python allocations during *call*, via the C half of tracemalloc."""
    import _tracemalloc  # the Python half imports fnmatch and re

    _tracemalloc.start()
    result = call()
    _current, peak = _tracemalloc.get_traced_memory()
    _tracemalloc.stop()
    return {"peak_bytes": peak, "result": result}


def _opens(call: Callable[[], Any], site: str) -> dict[str, Any]:
    """Count the files and listings *call* reads below *site* (audit events)."""
    counts = {"opened": 0, "metadata_read": 0, "listed": 0}
    active = [False]
    prefix = os.path.join(site, "")

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if not active[0] or event not in ("open", "os.listdir", "os.scandir"):
            return
        path = args[0] if args else None
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        elif path is not None and not isinstance(path, (str, int)):
            path = os.fspath(path)
        if event == "open":
            if isinstance(path, str) and path.startswith(prefix):
                counts["opened"] += 1
                if os.path.basename(path) in ("METADATA", "PKG-INFO"):
                    counts["metadata_read"] += 1
        else:
            counts["listed"] += 1

    sys.addaudithook(hook)
    active[0] = True
    result = call()
    active[0] = False
    return {**counts, "result": result}


def _read_bytes(path: str) -> int:
    """Read a whole file with descriptor calls; its size, or -1 when absent."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return -1
    try:
        size = 0
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return size
            size += len(chunk)
    finally:
        os.close(fd)


def _floor(work: str) -> dict[str, Any]:
    """Time the least work any library must do for an operation, with no library.

    ``list``: list every ``sys.path`` entry once. Any lookup that has to
    find out a name is *not* installed pays at least this, so it bounds how
    much faster than the stdlib a miss can be.

    ``pkgdist``: that listing, plus reading the bytes of each metadata
    directory's core metadata (``METADATA`` or ``PKG-INFO``, for the name)
    and of its ``top_level.txt``, or of its ``RECORD`` where there is none:
    what ``packages_distributions()`` cannot do without.
    """
    start = perf_counter()
    entries = 0
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        entries += len(names)
        if work != "pkgdist":
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            directory = os.path.join(entry, name)
            if _read_bytes(os.path.join(directory, "METADATA")) < 0:
                _read_bytes(os.path.join(directory, "PKG-INFO"))
            if _read_bytes(os.path.join(directory, "top_level.txt")) < 0:
                _read_bytes(os.path.join(directory, "RECORD"))
    return {
        "first": perf_counter() - start,
        "warm": [],
        "result": entries,
        "import": 0.0,
    }


def main() -> None:
    """Measure what the arguments say and print the outcome as a dict literal."""
    args = _parse_args(sys.argv[1:])
    impl, mode, site = args["impl"], args.get("mode", "time"), args.get("site", "")
    _isolate(site, args.get("lib", ""))
    for name in filter(None, args.get("preload", "").split(",")):
        __import__(name)  # what the application imported before (pathlib)
    if mode == "fresh":
        sys.path.append(os.path.dirname(os.path.abspath(__file__)))
        from fresh import check_freshness  # no distributions live beside it

        sys.path.pop()

        outcome: dict[str, Any] = {"checks": check_freshness(impl, MODULES[impl])}
        print(repr(outcome))
        return
    if mode == "floor":
        print(repr(_floor(args.get("floor", "list"))))
        return
    start = perf_counter()
    __import__(MODULES[impl])
    import_s = perf_counter() - start
    module = sys.modules[MODULES[impl]]
    call = _operation(
        module, impl, args["op"], args.get("hit", ""), args.get("miss", "")
    )
    if mode == "time":
        outcome = _time(
            call, int(args.get("warm", "0")), float(args.get("budget", "0"))
        )
    elif mode == "rss":
        outcome = _rss(call)
    elif mode == "trace":
        outcome = _trace(call)
    elif mode == "opens":
        outcome = _opens(call, site)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    outcome["import"] = import_s
    print(repr(outcome))


if __name__ == "__main__":
    main()
