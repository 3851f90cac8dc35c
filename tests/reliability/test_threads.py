"""Threads: concurrent calls, invalidations and sys.path changes give complete answers.

Every test compares what threads get with a single-threaded baseline taken
on the same environment. ``sys.setswitchinterval(1e-6)`` makes the
interpreter switch threads every few bytecodes, so that the windows a race
needs are actually hit.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import pathlib
import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterator

import pytest

import pkgmeta
from helpers import Tree, build_tree, needs_thread, run_python, write_zip

THREADS = 8
# How long the workers of the main test keep calling (after one full round).
CALLING_SECONDS = 2.5
GROUP = "pkgmeta.threads"

pytestmark = needs_thread


def dist_tree(prefix: str, index: int) -> Tree:
    """One distribution of four kinds in turn: files, entry points, eggs, bare.

    Every kind declares an entry point in ``GROUP`` except the bare one, so
    that entry_points() and packages_distributions() read many files.
    """
    name = f"{prefix}-{index:03d}"
    module = name.replace("-", "_")
    entry_points = f"[{GROUP}]\n{module} = {module}.cli:main\n[other]\nx = y\n"
    kind = index % 4
    if kind == 1:
        return {
            module: {"__init__.py": "", "cli.py": ""},
            f"{module}.egg-info": {
                "PKG-INFO": f"Name: {name}\nVersion: 1.{index}\n",
                "requires.txt": "dep\n[extra]\nother>=1\n[:os_name == 'nt']\nwin\n",
                "top_level.txt": f"{module}\n",
                "entry_points.txt": entry_points,
                "SOURCES.txt": f"setup.py\n{module}/__init__.py\n{module}/cli.py\n",
            },
        }
    info = f"{module}-1.{index}.dist-info"
    metadata = (
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.{index}\n"
        f"Requires-Dist: dep-{index}\nClassifier: A\nClassifier: B\n\nBody {index}\n"
    )
    if kind == 2:
        return {info: {"METADATA": metadata}}
    record = (
        f"{module}/__init__.py,sha256=abc,0\n{module}/cli.py,,\n"
        f"{info}/METADATA,,\n{info}/RECORD,,\n"
    )
    tree: Tree = {
        module: {"__init__.py": "", "cli.py": ""},
        info: {
            "METADATA": metadata,
            "RECORD": record,
            "entry_points.txt": entry_points,
        },
    }
    if kind == 3:
        tree[info]["top_level.txt"] = f"{module}\n"  # type: ignore[index]
    return tree


def build_site(root: pathlib.Path, prefix: str, count: int) -> str:
    for index in range(count):
        build_tree(root, dist_tree(prefix, index))
    return str(root)


def build_wheel(path: pathlib.Path, prefix: str, count: int) -> str:
    """A zip holding *count* dist-info directories, as a wheel put on sys.path."""
    members: dict[str, str | bytes] = {}
    for index in range(count):
        name = f"{prefix}-{index:03d}"
        module = name.replace("-", "_")
        info = f"{module}-2.{index}.dist-info"
        members[f"{module}/__init__.py"] = ""
        members[f"{info}/METADATA"] = f"Name: {name}\nVersion: 2.{index}\n"
        members[f"{info}/entry_points.txt"] = f"[{GROUP}]\n{module} = {module}:main\n"
        members[f"{info}/RECORD"] = f"{module}/__init__.py,,\n{info}/RECORD,,\n"
    return write_zip(path, members)


class Environment:
    """The trees threads read: a main site, a wheel on sys.path, an extra site."""

    def __init__(self, root: pathlib.Path) -> None:
        self.main = build_site(root / "main", "thr", 200)
        self.wheel = build_wheel(root / "zipped.whl", "zip", 20)
        self.extra = build_site(root / "extra", "ext", 40)
        # Names whose answers do not depend on which variant of sys.path is set.
        self.names = [f"thr-{index:03d}" for index in range(0, 200, 13)] + [
            "zip-003",
            "zip-019",
        ]


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> Environment:
    return Environment(tmp_path_factory.mktemp("threads"))


def described_files(files: Any) -> Any:
    if files is None:
        return None
    return [
        (str(path), path.hash and (path.hash.mode, path.hash.value), path.size)
        for path in files
    ]


def make_ops(names: list[str]) -> dict[str, Callable[[], Any]]:
    """The calls threads make, each reduced to comparable plain data."""
    return {
        "version": lambda: [pkgmeta.version(name) for name in names],
        "metadata": lambda: [pkgmeta.metadata(name).json for name in names],
        "files": lambda: [described_files(pkgmeta.files(name)) for name in names],
        "requires": lambda: [pkgmeta.requires(name) for name in names],
        "distribution": lambda: [
            (str(pkgmeta.distribution(name).name), pkgmeta.distribution(name).version)
            for name in names
        ],
        "entry_points": lambda: [
            (ep.name, ep.value, ep.group, ep.dist and ep.dist.name)
            for ep in pkgmeta.entry_points(group=GROUP)
        ],
        "all_entry_points": lambda: sorted(
            (ep.name, ep.value, ep.group) for ep in pkgmeta.entry_points()
        ),
        "distributions": lambda: [
            (dist.metadata.get("Name"), dist.metadata.get("Version"))
            for dist in pkgmeta.distributions()
        ],
        "packages_distributions": lambda: pkgmeta.packages_distributions(),
        "extra_version": lambda: _version_or_none("ext-007"),
    }


def _version_or_none(name: str) -> str | None:
    try:
        return pkgmeta.version(name)
    except pkgmeta.PackageNotFoundError:
        return None


# Calls whose results pkgmeta keeps between calls (docs/caching.md).
KEPT = ["entry_points", "all_entry_points", "packages_distributions", "extra_version"]
# Calls whose answer is the same on every variant of sys.path used here.
PATH_INDEPENDENT = {"version", "metadata", "files", "requires", "distribution"}


@contextlib.contextmanager
def fast_switching() -> Iterator[None]:
    """Make the interpreter switch threads as often as it can."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


def run_threads(count: int, target: Callable[[int], None]) -> list[BaseException]:
    """Run *target(i)* in *count* threads; return what each one raised."""
    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(target, index) for index in range(count)]
    return [error for error in (f.exception() for f in futures) if error is not None]


def invalidate_everything() -> None:
    importlib.invalidate_caches()
    pkgmeta.MetadataPathFinder.invalidate_caches()


def path_variants(env: Environment) -> dict[str, list[Any]]:
    """Lists to set as sys.path; the "A" ones are equivalent, "B" ones add a site."""
    base = list(sys.path)
    return {
        "A": [env.main, env.wheel, *base],
        "A-slash": [env.main + os.sep, env.wheel, *base],
        "A-pathlike": [pathlib.Path(env.main), env.wheel, *base],
        "B": [env.main, env.wheel, env.extra, *base],
        "B-appended": [env.main, env.wheel, *base, env.extra],
    }


def baselines(
    ops: dict[str, Callable[[], Any]], variants: dict[str, list[Any]]
) -> dict[str, dict[str, Any]]:
    """Each call's answer under each sys.path variant, single-threaded.

    Every answer is taken twice, after an invalidation and again from
    whatever was kept, and the two must agree.
    """
    answers: dict[str, dict[str, Any]] = {}
    saved = sys.path
    try:
        for label, variant in variants.items():
            sys.path = list(variant)
            invalidate_everything()
            answers[label] = {name: op() for name, op in ops.items()}
            assert {name: op() for name, op in ops.items()} == answers[label], label
    finally:
        sys.path = saved
        invalidate_everything()
    return answers


def test_baselines_differ_only_where_the_variants_do(environment, monkeypatch):
    """The "A" lists answer alike and "B" adds the extra site: the oracle is sound."""
    monkeypatch.setattr(sys, "path", list(sys.path))
    answers = baselines(make_ops(environment.names), path_variants(environment))
    for label in ("A-slash", "A-pathlike"):
        assert answers[label] == answers["A"], label
    for name in PATH_INDEPENDENT:
        assert answers["B"][name] == answers["A"][name], name
    assert answers["A"]["extra_version"] is None
    assert answers["B"]["extra_version"] == "1.7"
    # 150 main + 20 zipped + 30 extra dists declare an entry point in GROUP
    assert len(answers["A"]["entry_points"]) == 170
    assert len(answers["B"]["entry_points"]) == 200
    assert answers["B"]["distributions"] != answers["B-appended"]["distributions"]


class Mutator:
    """Changes sys.path and invalidates caches while workers call the API.

    ``generation`` is odd while a change of sys.path is under way and even
    otherwise; ``variant_at[generation]`` names the variant set then. A call
    that starts and ends in the same even generation ran entirely under one
    known sys.path, and must give exactly that variant's baseline.
    """

    def __init__(self, env: Environment, variants: dict[str, list[Any]]) -> None:
        self.env = env
        self.variants = variants
        self.generation = 0
        self.variant_at = {0: "A"}
        self.stop = threading.Event()
        self.actions = 0
        self.random = random.Random(5)  # the same sequence of changes every run

    def set_path(self, label: str, change: Callable[[], None]) -> None:
        self.generation += 1
        change()
        self.variant_at[self.generation + 1] = label
        self.generation += 1

    def step(self) -> None:
        current = self.variant_at[self.generation]
        action = self.random.randrange(8)
        label = self.random.choice(list(self.variants))
        if action == 0:  # rebind
            self.set_path(
                label, lambda: setattr(sys, "path", list(self.variants[label]))
            )
        elif action == 1:  # change in place
            self.set_path(
                label, lambda: sys.path.__setitem__(slice(None), self.variants[label])
            )
        elif action == 2 and current == "A":
            self.set_path("B-appended", lambda: sys.path.append(self.env.extra))
        elif action == 2 and current == "B-appended":
            self.set_path("A", lambda: sys.path.remove(self.env.extra))
        elif action == 3:
            importlib.invalidate_caches()
        elif action == 4:
            pkgmeta.MetadataPathFinder.invalidate_caches()
        elif action == 5:  # a new mtime for the main site, same metadata
            junk = os.path.join(self.env.main, f"junk-{self.actions}.txt")
            open(junk, "w").close()
            os.remove(junk)
        elif action == 6:  # a new mtime for the wheel, same content
            stamp = time.time_ns() + self.actions * 1000
            os.utime(self.env.wheel, ns=(stamp, stamp))
        # and action 7 (or 2 in another variant) changes nothing: a quiet step
        self.actions += 1

    def run(self) -> None:
        """Change something, pause a random while (often not at all), repeat."""
        while not self.stop.is_set():
            self.step()
            time.sleep(self.random.choice([0, 0, 0.001, 0.005, 0.02, 0.05]))


def test_concurrent_calls_match_the_single_threaded_answers(environment, monkeypatch):
    """8 threads calling every function amid path changes and invalidations agree."""
    variants = path_variants(environment)
    monkeypatch.setattr(sys, "path", list(variants["A"]))
    ops = make_ops(environment.names)
    expected = baselines(ops, variants)
    monkeypatch.setattr(sys, "path", list(variants["A"]))
    invalidate_everything()
    mutator = Mutator(environment, variants)
    barrier = threading.Barrier(THREADS + 1)
    mismatches: list[str] = []
    checked = {"exact": 0, "either": 0}

    def work(index: int) -> None:
        barrier.wait()
        # Half the threads make every call; the others repeat the calls whose
        # results are kept, so that many of them meet a change of sys.path.
        names = list(ops) if index % 2 else list(KEPT)
        deadline = time.monotonic() + CALLING_SECONDS
        round_ = 0
        while round_ == 0 or time.monotonic() < deadline:
            round_ += 1
            offset = (index + round_) % len(names)
            for name in names[offset:] + names[:offset]:
                before = mutator.generation
                result = ops[name]()
                after = mutator.generation
                if name in PATH_INDEPENDENT:
                    allowed = [expected["A"][name]]
                elif before == after and before % 2 == 0:
                    allowed = [expected[mutator.variant_at[before]][name]]
                    checked["exact"] += 1
                else:
                    allowed = [answers[name] for answers in expected.values()]
                    checked["either"] += 1
                if result not in allowed:
                    like = [k for k, v in expected.items() if v[name] == result]
                    mismatches.append(
                        f"{name} in thread {index}, generation {before}->{after} "
                        f"({mutator.variant_at.get(before)}): like {like or 'none'}"
                    )

    def mutate() -> None:
        barrier.wait()
        mutator.run()

    with fast_switching(), ThreadPoolExecutor(max_workers=THREADS + 1) as pool:
        changer = pool.submit(mutate)
        workers = [pool.submit(work, index) for index in range(THREADS)]
        errors = [future.exception() for future in workers]
        mutator.stop.set()
        errors.append(changer.exception())
    invalidate_everything()
    assert [repr(error) for error in errors if error is not None] == []
    assert mismatches == []
    assert mutator.actions > 10  # the environment did change while threads ran
    assert checked["exact"] > 0


@pytest.mark.parametrize(
    "invalidate",
    [
        pytest.param(pkgmeta.MetadataPathFinder.invalidate_caches, id="finder"),
        pytest.param(importlib.invalidate_caches, id="importlib"),
        pytest.param(None, id="mtime"),
    ],
)
def test_threads_racing_on_cold_caches_agree(environment, monkeypatch, invalidate):
    """Threads released together onto just-invalidated caches get whole answers."""
    variants = path_variants(environment)
    monkeypatch.setattr(sys, "path", list(variants["B"]))
    ops = make_ops(environment.names)
    expected = baselines(ops, {"B": variants["B"]})["B"]
    monkeypatch.setattr(sys, "path", list(variants["B"]))
    stamps = iter(range(1, 10**6))

    def cool_down() -> None:
        if invalidate is not None:
            invalidate()
        else:  # every entry's index is rebuilt on its next use
            for entry in (environment.main, environment.extra, environment.wheel):
                stamp = time.time_ns() + next(stamps) * 1000
                os.utime(entry, ns=(stamp, stamp))

    barrier = threading.Barrier(THREADS, action=cool_down)
    names = ["entry_points", "packages_distributions", "distributions", "version"]
    mismatches: list[str] = []

    def work(index: int) -> None:
        for round_ in range(6):
            name = names[round_ % len(names)]
            barrier.wait()
            result = ops[name]()
            if result != expected[name]:
                mismatches.append(
                    f"{name} in thread {index}, round {round_}: "
                    + difference(expected[name], result)
                )

    with fast_switching():
        errors = run_threads(THREADS, work)
    invalidate_everything()
    assert [repr(error) for error in errors] == []
    assert mismatches == []


def difference(expected: Any, got: Any) -> str:
    """Say how *got* differs from *expected*, enough to tell a cause apart.

    Names added or lost point to a listing (of this test's trees, or of
    the shared interpreter's site-packages, which other processes may
    write to); changed values point to a file read.
    """
    if isinstance(expected, dict) and isinstance(got, dict):
        added = sorted(set(got) - set(expected))
        lost = sorted(set(expected) - set(got))
        changed = sorted(k for k in set(got) & set(expected) if got[k] != expected[k])
        return f"added {added[:10]}, lost {lost[:10]}, changed " + ", ".join(
            f"{k}: {expected[k]!r} -> {got[k]!r}" for k in changed[:10]
        )
    if isinstance(expected, list) and isinstance(got, list):
        extra = [item for item in got if item not in expected]
        missing = [item for item in expected if item not in got]
        return (
            f"{len(expected)} -> {len(got)} items; extra {extra[:10]}, "
            f"missing {missing[:10]}"
        )
    return f"{expected!r} -> {got!r}"


class _PathSwitchingFinder:
    """A meta path entry whose attribute lookups can change sys.path once.

    pkgmeta asks every finder for ``find_distributions``; this one has none
    (so results may be kept) and, when armed, uses the second question to
    switch sys.path, exactly where another thread could have switched it.
    """

    def __init__(self) -> None:
        self.asked = 0
        self.switch_to: list[Any] | None = None

    def find_spec(self, *args: object) -> None:
        return None

    def __getattr__(self, name: str) -> Any:
        if name == "find_distributions":
            self.asked += 1
            if self.switch_to is not None and self.asked == 2:
                sys.path = self.switch_to
        raise AttributeError(name)


def test_answer_computed_across_a_path_change_is_not_kept_for_the_old_path(
    environment, monkeypatch
):
    """A path change while entry_points() computes never serves the new answer later."""
    variants = path_variants(environment)
    finder = _PathSwitchingFinder()
    monkeypatch.setattr(sys, "meta_path", [finder, *sys.meta_path])
    monkeypatch.setattr(sys, "path", list(variants["A"]))
    invalidate_everything()
    expected_a = len(pkgmeta.entry_points(group=GROUP))
    invalidate_everything()
    finder.asked = 0
    finder.switch_to = list(variants["B"])  # as another thread might, mid-call
    pkgmeta.entry_points(group=GROUP)
    finder.switch_to = None
    sys.path = list(variants["A"])  # back to A: A's answer is due again
    try:
        assert len(pkgmeta.entry_points(group=GROUP)) == expected_a
    finally:
        invalidate_everything()


# -- the races behind a kept result, driven by hand ----------------------------
#
# The window is where another thread would act: while one search lists a path
# entry, or between a kept result's key being taken and the result computed.
# The hooks below run the other thread's steps exactly there.


def install_in_place(site: pathlib.Path, name: str) -> None:
    """Install *name* into *site* and give the directory back its mtime.

    Only an invalidation can then make it visible (docs/caching.md).
    """
    mtime = site.stat().st_mtime_ns
    build_tree(site, {name: {"__init__.py": ""}, **dist_tree(name, 1)})
    os.utime(site, ns=(mtime, mtime))


def late_seen() -> dict[str, Any]:
    """What each call says of ``late-001``, installed mid-search."""
    return {
        "version": _version_or_none("late-001"),
        "entry_points": sorted(ep.name for ep in pkgmeta.entry_points(group=GROUP)),
        "packages": sorted(pkgmeta.packages_distributions().get("late_001", [])),
    }


LATE = {"version": "1.1", "entry_points": ["late_001"], "packages": ["late-001"]}
NOT_YET = {"version": None, "entry_points": [], "packages": []}


def test_a_listing_read_across_an_invalidation_is_not_kept(tmp_path, monkeypatch):
    """An entry listed before invalidate_caches() ran is listed again after it.

    Thread A lists the site; meanwhile thread B installs ``late`` in place
    and invalidates, and returns. Before the fix A then filed its listing in
    the emptied table, and every later call (B's included) missed ``late``.
    """
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.setattr(sys, "path", [str(site), *sys.path])
    pkgmeta.MetadataPathFinder.invalidate_caches()
    list_children = _finder_module()._PathIndex._list_children
    raced = []

    def list_then_race(index: Any) -> list[str]:
        children = list_children(index)
        if index.root == str(site) and not raced:  # thread B, once
            raced.append(True)
            install_in_place(site, "late")
            pkgmeta.MetadataPathFinder.invalidate_caches()
        return children

    monkeypatch.setattr(_finder_module()._PathIndex, "_list_children", list_then_race)
    try:
        # Thread A's call overlapped the invalidation: the old answer is fine.
        assert late_seen()["version"] is None
        assert raced
        # Every call that starts after invalidate_caches() returned sees it.
        assert late_seen() == LATE
    finally:
        pkgmeta.MetadataPathFinder.invalidate_caches()


@pytest.mark.parametrize("kind", ["entry_points", "packages_distributions"])
def test_a_kept_result_answers_for_the_state_it_is_filed_under(
    tmp_path, monkeypatch, kind
):
    """A result is computed from its key's own indexes, whatever happens after.

    Thread A takes the search state; thread B then installs ``late`` in place
    and invalidates. A's result must describe A's state (without ``late``),
    and B's next call, under the new state, must not be served it.
    """
    from pkgmeta import _memo

    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.setattr(sys, "path", [str(site), *sys.path])
    pkgmeta.MetadataPathFinder.invalidate_caches()
    take_state = _memo.search_state
    raced = []

    def state_then_race() -> Any:
        state = take_state()
        if not raced:  # thread B, once, right after A took its key
            raced.append(True)
            install_in_place(site, "late")
            pkgmeta.MetadataPathFinder.invalidate_caches()
        return state

    monkeypatch.setattr(_memo, "search_state", state_then_race)
    calls = {
        "entry_points": lambda: list(pkgmeta.entry_points(group=GROUP).names),
        "packages_distributions": lambda: pkgmeta.packages_distributions().get(
            "late_001", []
        ),
    }
    try:
        assert calls[kind]() == []  # thread A: its key's answer
        assert raced
        assert late_seen() == LATE
    finally:
        pkgmeta.MetadataPathFinder.invalidate_caches()


def _finder_module() -> Any:
    from pkgmeta import _finder

    return _finder


# -- first use in a fresh interpreter -----------------------------------------

FIRST_USE = r"""
import json, sys, threading, traceback

sys.setswitchinterval(1e-6)
site, wheel = sys.argv[1:3]
sys.path[:0] = [site, wheel]
import pkgmeta

NAMES = ["thr-000", "thr-001", "thr-003", "zip-002"]

def files(name):
    found = pkgmeta.files(name) or ()
    return [(str(p), p.hash and p.hash.value, p.size) for p in found]

OPS = [
    lambda: sorted((ep.name, ep.value) for ep in pkgmeta.entry_points(group="GROUP")),
    lambda: sorted(pkgmeta.packages_distributions().items()),
    lambda: [files(name) for name in NAMES],
    lambda: [pkgmeta.metadata(name).json for name in NAMES],
    lambda: [pkgmeta.requires(name) for name in NAMES],
    lambda: [pkgmeta.version(name) for name in NAMES],
    lambda: [d.metadata["Name"] for d in pkgmeta.distributions(path=[site, wheel])],
    lambda: [
        pkgmeta.PackagePath.__name__, pkgmeta.FileHash("sha256=x").value,
        pkgmeta.PackageMetadata.__name__, pkgmeta.SimplePath.__name__,
        pkgmeta.EntryPoint("n", "m:f [x]", "g").extras,
        pkgmeta.EntryPoint.pattern.pattern,
        pkgmeta.Distribution.at(site + "/thr_000-1.0.dist-info").read_text("RECORD"),
    ],
]
barrier = threading.Barrier(8)
results = [None] * 8
errors = []

def work(index):
    try:
        barrier.wait()
        # every thread starts with another call, then makes all the others
        order = list(range(index, len(OPS))) + list(range(index))
        answers = {position: json.dumps(OPS[position](), sort_keys=True)
                   for position in order}
        results[index] = [answers[position] for position in range(len(OPS))]
    except BaseException:
        errors.append(traceback.format_exc())

threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
baseline = [json.dumps(op(), sort_keys=True) for op in OPS]
print(json.dumps({"errors": errors, "results": results, "baseline": baseline}))
""".replace("GROUP", GROUP)


def test_first_calls_from_many_threads_in_a_fresh_interpreter(environment):
    """8 threads making their first pkgmeta calls at once raise nothing and agree."""
    for _ in range(8):
        completed = run_python("-c", FIRST_USE, environment.main, environment.wheel)
        assert completed.stderr == ""
        report = json.loads(completed.stdout)
        assert report["errors"] == []
        for results in report["results"]:
            assert results == report["baseline"]
