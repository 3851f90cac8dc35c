"""``verify``: installed files checked against RECORD hashes and sizes."""

from __future__ import annotations

import os
import stat
import sys
import threading
from typing import Any, Callable, TypeVar

import pytest

import pkgmeta
from helpers import CAN_THREAD, NO_THREAD, Tree, Zip, build_tree
from pkgmeta._inspect import verify as _verify
from pkgmeta._inspect.verify import Problem, verify

from .trees import MemoryDistribution, digest, installed, metadata

MODULES = {"pkg/__init__.py": "VALUE = 1\n", "pkg/util.py": "def f(): pass\n"}

T = TypeVar("T")

# How long a check may run before it counts as blocked: a guard against a
# hang, far above the milliseconds these checks take, not a timing assertion.
HANG_GUARD = 60.0


def info(site, name: str = "pkg", version: str = "1.0") -> pkgmeta.Distribution:
    """Return the distribution of *name* installed in *site*."""
    return pkgmeta.Distribution.at(site / f"{name}-{version}.dist-info")


def problems(dist: pkgmeta.Distribution) -> list[tuple[str, str]]:
    """Return ``(path, kind)`` of each problem ``verify`` finds."""
    return [(problem.path, problem.kind) for problem in verify(dist).problems]


def with_record(site, rows: list[str], files: Tree | None = None) -> None:
    """Install ``pkg`` 1.0 whose RECORD is exactly *rows*, with *files* beside it."""
    tree = {
        "pkg-1.0.dist-info": {
            "METADATA": metadata("pkg", "1.0"),
            "RECORD": "\n".join(rows) + "\n",
        }
    }
    build_tree(site, tree)
    build_tree(site, dict(files or {}))


# --- the checks -------------------------------------------------------------


def test_intact_installation_has_no_problems(site):
    """Every file of a fresh install matches its RECORD row."""
    build_tree(site, installed("pkg", "1.0", MODULES))
    outcome = verify(info(site))
    assert (outcome.status, outcome.problems) == ("ok", [])
    assert outcome.checked == 4  # two modules, METADATA and RECORD


def test_modified_content_of_the_same_size_is_found_by_its_digest(site):
    """A file changed without changing size fails on its sha256 digest."""
    build_tree(site, installed("pkg", "1.0", MODULES))
    (site / "pkg" / "util.py").write_text("def g(): pass\n", encoding="utf-8")
    (problem,) = verify(info(site)).problems
    assert (problem.path, problem.kind) == ("pkg/util.py", "modified")
    assert problem.detail == "sha256 digest differs from RECORD"


def test_a_changed_size_is_reported_as_such(site):
    """A file of another size fails on the size first, which says more."""
    build_tree(site, installed("pkg", "1.0", MODULES))
    (site / "pkg" / "util.py").write_text("x = 1\n", encoding="utf-8")
    (problem,) = verify(info(site)).problems
    assert problem.kind == "modified"
    assert problem.detail == "size is 6 bytes, RECORD says 14"


def test_a_deleted_file_is_missing(site):
    """A RECORD row whose file is gone is a `missing` problem."""
    build_tree(site, installed("pkg", "1.0", MODULES))
    (site / "pkg" / "__init__.py").unlink()
    assert problems(info(site)) == [("pkg/__init__.py", "missing")]


def test_a_file_below_a_file_is_missing(site):
    """A row whose parent directory is now a file is missing, not an error."""
    build_tree(site, installed("pkg", "1.0", MODULES))
    for name in os.listdir(site / "pkg"):
        os.remove(site / "pkg" / name)
    os.rmdir(site / "pkg")
    (site / "pkg").write_text("", encoding="utf-8")
    assert {kind for _, kind in problems(info(site))} == {"missing"}


def test_rows_without_hash_are_checked_only_to_exist(site):
    """A hash-less row is fine if the file exists, missing if it does not."""
    with_record(
        site,
        ["pkg-1.0.dist-info/RECORD,,", "pkg/data.txt,,", "pkg/gone.txt,,"],
        {"pkg": {"data.txt": b"anything"}},
    )
    assert problems(info(site)) == [("pkg/gone.txt", "missing")]


def test_missing_bytecode_is_not_a_problem(site):
    """A deleted .pyc is a cleared cache, hash or not."""
    pyc = b"\x00" * 16
    with_record(
        site,
        [
            "pkg/__pycache__/a.cpython-313.pyc,,",
            f"pkg/__pycache__/b.cpython-313.pyc,{digest(pyc)},{len(pyc)}",
        ],
    )
    outcome = verify(info(site))
    assert (outcome.status, outcome.checked) == ("ok", 2)


def test_size_only_rows_compare_the_size(site):
    """A row with a size but no hash fails when the size differs."""
    with_record(site, ["a.txt,,3", "b.txt,,4"], {"a.txt": b"abc", "b.txt": b"abc"})
    assert problems(info(site)) == [("b.txt", "modified")]


def test_paths_outside_the_site_directory_are_resolved_against_it(tmp_path):
    """`../../bin/tool` rows are checked where the installer put them."""
    site = tmp_path / "lib" / "python3" / "site-packages"
    site.mkdir(parents=True)
    script = b"#!python\nprint('hi')\n"
    build_tree(tmp_path, {"bin": {"tool": script}})
    with_record(site, [f"../../../bin/tool,{digest(script)},{len(script)}"])
    assert verify(info(site)).status == "ok"
    (tmp_path / "bin" / "tool").write_bytes(b"#!python\nprint('HI')\n")
    assert problems(info(site)) == [("../../../bin/tool", "modified")]


def test_absolute_paths_are_used_as_they_are(site, tmp_path):
    """An absolute RECORD path names the file itself."""
    data = tmp_path / "elsewhere.cfg"
    data.write_bytes(b"[x]\n")
    with_record(site, [f"{data},{digest(b'[x]' + bytes([10]))},4"])
    assert verify(info(site)).status == "ok"


@pytest.mark.parametrize("algorithm", ["sha256", "sha384", "sha512", "md5", "sha1"])
def test_every_guaranteed_algorithm_is_checked(site, algorithm):
    """Any hashlib.algorithms_guaranteed digest is computed and compared."""
    with_record(site, [f"a.txt,{digest(b'abc', algorithm)},3"], {"a.txt": b"abc"})
    assert verify(info(site)).status == "ok"
    (site / "a.txt").write_bytes(b"abd")
    assert problems(info(site)) == [("a.txt", "modified")]


def test_a_padded_digest_is_accepted(site):
    """Padding the spec omits is tolerated when it is present."""
    spec = digest(b"abc")
    padded = spec + "=" * (-len(spec.partition("=")[2]) % 4)
    assert padded != spec
    with_record(site, [f"a.txt,{padded},3"], {"a.txt": b"abc"})
    assert verify(info(site)).status == "ok"


@pytest.mark.parametrize(
    ("column", "detail"),
    [
        ("sha256", "hash 'sha256' is not <algorithm>=<digest>"),
        ("sha256=", "hash 'sha256=' is not <algorithm>=<digest>"),
        ("rot13=abcd", "unsupported hash algorithm 'rot13'"),
        ("shake_128=abcd", "unsupported hash algorithm 'shake_128'"),
        ("sha256=a", "hash digest 'a' is not urlsafe base64"),
        ("sha256=YWJj", "hash digest 'YWJj' is too short or too long for sha256"),
    ],
)
def test_malformed_hash_columns_are_invalid_records(site, column, detail):
    """A hash column that cannot be compared is reported, not guessed at."""
    with_record(site, [f"a.txt,{column},3"], {"a.txt": b"abc"})
    (problem,) = verify(info(site)).problems
    assert (problem.kind, problem.detail) == ("invalid-record", detail)


@pytest.mark.parametrize("size", ["three", "-1", "\u00b2"])
def test_malformed_sizes_are_invalid_records(site, size):
    """A size that is not a byte count is reported as a bad row."""
    with_record(site, [f"a.txt,{digest(b'abc')},{size}"], {"a.txt": b"abc"})
    (problem,) = verify(info(site)).problems
    assert problem.kind == "invalid-record"
    assert problem.detail == f"size {size!r} is not a byte count"


def test_a_csv_error_ends_the_rows_with_a_problem(site):
    """Rows after unparsable CSV are not checked; the break is reported."""
    with_record(site, ["a.txt,,", "x" * 200_000, "b.txt,,"], {"a.txt": b""})
    outcome = verify(info(site))
    assert outcome.checked == 1
    (problem,) = outcome.problems
    assert (problem.path, problem.kind) == ("RECORD", "invalid-record")
    assert problem.detail.startswith("unreadable from line 2: ")


def test_an_undecodable_record_is_an_invalid_record(site):
    """A RECORD that is not UTF-8 is one problem, not a crash."""
    build_tree(site, {"pkg-1.0.dist-info": {"METADATA": metadata("pkg", "1.0")}})
    (site / "pkg-1.0.dist-info" / "RECORD").write_bytes(b"caf\xe9.txt,,\n")
    outcome = verify(info(site))
    assert outcome.status == "failed"
    assert [(p.path, p.kind) for p in outcome.problems] == [
        ("RECORD", "invalid-record")
    ]


def test_rows_with_extra_columns_or_blank_lines_are_read_leniently(site):
    """Blank lines are skipped and columns after the third ignored."""
    with_record(site, ["", f"a.txt,{digest(b'abc')},3,extra"], {"a.txt": b"abc"})
    outcome = verify(info(site))
    assert (outcome.status, outcome.checked) == ("ok", 1)


def test_a_directory_where_a_file_was_is_unreadable(site):
    """A hashed row naming a directory cannot be read: `unreadable`."""
    with_record(site, [f"pkg,{digest(b'')},0"], {"pkg": {"inner.txt": b""}})
    (problem,) = verify(info(site)).problems
    assert problem.kind == "unreadable"
    assert problem.detail.startswith("cannot be read: ")


@pytest.mark.parametrize("record", [None, ""], ids=["absent", "empty"])
def test_without_record_a_distribution_is_unverifiable(site, record):
    """No (or an empty) RECORD: nothing to check, status `unverifiable`."""
    files = {"METADATA": metadata("pkg", "1.0")}
    if record is not None:
        files["RECORD"] = record
    build_tree(site, {"pkg-1.0.dist-info": files})
    outcome = verify(info(site))
    assert (outcome.status, outcome.checked, outcome.has_record) == (
        "unverifiable",
        0,
        False,
    )


def test_files_inside_a_zip_on_the_path_are_checked(tmp_path):
    """A wheel on sys.path is verified member by member."""
    tree = installed("zpkg", "1.0", {"zpkg.py": "Z = 1\n"})
    tree["zpkg.py"] = "Z = 2\n"  # changed after RECORD was written
    wheel = tmp_path / "zpkg-1.0-py3-none-any.whl"
    build_tree(tmp_path, {wheel.name: Zip(tree)})
    (dist,) = pkgmeta.distributions(path=[str(wheel)])
    assert [(p.path, p.kind) for p in verify(dist).problems] == [
        ("zpkg.py", "modified")
    ]


def test_a_missing_zip_member_is_missing(tmp_path):
    """A RECORD row naming no member of the zip is `missing`."""
    tree = installed("zpkg", "1.0", {"zpkg.py": "Z = 1\n"})
    del tree["zpkg.py"]
    wheel = tmp_path / "zpkg.whl"
    build_tree(tmp_path, {wheel.name: Zip(tree)})
    (dist,) = pkgmeta.distributions(path=[str(wheel)])
    assert [(p.path, p.kind) for p in verify(dist).problems] == [("zpkg.py", "missing")]


def test_a_distribution_without_files_on_disk_cannot_locate_them():
    """A custom distribution whose locate_file refuses gets `unreadable` rows."""

    class Remote(MemoryDistribution):
        def read_text(self, filename):
            return "remote.py,,\n" if filename == "RECORD" else None

    (problem,) = verify(Remote("")).problems
    assert (problem.path, problem.kind) == ("remote.py", "unreadable")
    assert problem.detail == "cannot be located: nothing is installed on disk"


def test_problems_render_as_json_and_repr():
    """A problem has a three-key JSON form and a readable repr."""
    problem = Problem("a.py", "missing", "not found")
    assert problem.as_json() == {
        "path": "a.py",
        "kind": "missing",
        "detail": "not found",
    }
    assert repr(problem) == "Problem('a.py', 'missing', 'not found')"


def test_a_hash_algorithm_the_runtime_refuses_is_unsupported(monkeypatch):
    """An algorithm hashlib refuses (FIPS md5) is reported, not raised."""
    import hashlib

    def refuse(name, *args, **kwargs):
        raise ValueError(f"unsupported hash type {name}")

    spec = digest(b"x", "md5")
    monkeypatch.setattr(hashlib, "new", refuse)
    assert _verify._parse_hash(spec) == "unsupported hash algorithm 'md5'"


# --- hostile rows: pipes, devices, loops, files larger than promised ---------


def finishes(call: Callable[..., T], *args: Any) -> T:
    """Return ``call(*args)``, run in a daemon thread: a hang fails, not blocks.

    A regression that blocks on a FIFO or reads ``/dev/zero`` without end
    would otherwise hang the suite; the thread is left behind instead. The
    calling test is skipped where no thread can be started.
    """
    if not CAN_THREAD:
        pytest.skip(NO_THREAD)
    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(call(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_GUARD)
    assert not thread.is_alive(), f"{call} did not return: it blocks"
    if errors:
        raise errors[0]
    return results[0]


class Reads:
    """What ``verify`` opens, and how many bytes it asks of each file.

    Both ways a file can be read are watched: ``os.open``/``os.read`` and
    ``open()`` as the verify module finds it.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.opened: list[str] = []
        self.requested: dict[str, int] = {}
        self._paths: dict[int, str] = {}
        real_open, real_read, real_close = os.open, os.read, os.close
        reads = self

        class CountedFile:
            """A file object whose reads are counted."""

            def __init__(self, file: Any, path: str) -> None:
                self._file, self._path = file, path

            def read(self, size: int = -1) -> bytes:
                data: bytes = self._file.read(size)
                reads.count(self._path, size if size >= 0 else len(data))
                return data

            def __enter__(self) -> CountedFile:
                return self

            def __exit__(self, *exc_info: object) -> None:
                self._file.close()

            def __getattr__(self, name: str) -> Any:
                return getattr(self._file, name)

        def open_file(path: Any, *args: Any, **kwargs: Any) -> CountedFile:
            self.opened.append(os.fspath(path))
            return CountedFile(open(path, *args, **kwargs), os.fspath(path))

        def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            fd = real_open(path, flags, *args, **kwargs)
            self._paths[fd] = os.fspath(path)
            self.opened.append(os.fspath(path))
            return fd

        def read(fd: int, size: int) -> bytes:
            path = self._paths.get(fd)
            if path is not None:
                self.count(path, size)
            return real_read(fd, size)

        def close(fd: int) -> None:
            self._paths.pop(fd, None)
            real_close(fd)

        monkeypatch.setattr(os, "open", open_)
        monkeypatch.setattr(os, "read", read)
        monkeypatch.setattr(os, "close", close)
        monkeypatch.setattr(_verify, "open", open_file, raising=False)

    def count(self, path: str, size: int) -> None:
        """Add *size* bytes asked of *path*."""
        self.requested[path] = self.requested.get(path, 0) + size


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Reads:
    """Record the files opened and the bytes requested through ``os``."""
    return Reads(monkeypatch)


def make_fifo(path: os.PathLike[str]) -> None:
    """Create a named pipe at *path*, or skip where the platform has none."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    try:
        os.mkfifo(path)
    except OSError as exc:  # pragma: no cover - a filesystem without FIFOs
        pytest.skip(f"cannot create a FIFO here: {exc}")


@pytest.mark.parametrize(
    "columns",
    [f"{digest(b'')},0", f"{digest(b'')},", ",0"],
    ids=["hash-and-size", "hash-only", "size-only"],
)
def test_a_named_pipe_is_not_a_file_and_never_opened(site, reads, columns):
    """A FIFO where RECORD lists a file is `not-a-file`; opening it would block."""
    with_record(site, [f"pkg/pipe,{columns}"], {"pkg": {}})
    make_fifo(site / "pkg" / "pipe")
    (problem,) = finishes(verify, info(site)).problems
    assert (problem.path, problem.kind, problem.detail) == (
        "pkg/pipe",
        "not-a-file",
        "a named pipe (FIFO): only regular files are read",
    )
    assert str(site / "pkg" / "pipe") not in reads.opened


def test_a_named_pipe_on_a_hashless_row_only_exists(site, reads):
    """A row without hash or size is only checked to exist: the pipe is not opened."""
    with_record(site, ["pkg/pipe,,"], {"pkg": {}})
    make_fifo(site / "pkg" / "pipe")
    assert finishes(verify, info(site)).status == "ok"
    assert str(site / "pkg" / "pipe") not in reads.opened


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
@pytest.mark.parametrize(
    "columns",
    [f"{digest(b'')},0", f"{digest(b'')},", ",1"],
    ids=["hash-and-size", "hash-only", "size-only"],
)
def test_a_device_named_by_an_absolute_row_is_not_a_file(site, reads, device, columns):
    """`/dev/zero` with a hash was read without end; now it is never opened."""
    try:
        is_device = stat.S_ISCHR(os.stat(device).st_mode)
    except OSError:
        is_device = False
    if not is_device:
        pytest.skip(f"no character device {device}")
    with_record(site, [f"{device},{columns}"])
    (problem,) = finishes(verify, info(site)).problems
    assert (problem.path, problem.kind, problem.detail) == (
        device,
        "not-a-file",
        "a character device: only regular files are read",
    )
    assert device not in reads.opened


def test_a_socket_is_not_a_file(site, monkeypatch):
    """A Unix socket where RECORD lists a file is `not-a-file`."""
    socket = pytest.importorskip("socket")
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets on this platform")
    with_record(site, [f"pkg.sock,{digest(b'')},0"])
    monkeypatch.chdir(site)  # a relative name: socket paths are short
    with socket.socket(socket.AF_UNIX) as server:
        try:
            server.bind("pkg.sock")
        except OSError as exc:  # pragma: no cover - a filesystem without them
            pytest.skip(f"cannot bind a Unix socket here: {exc}")
        (problem,) = finishes(verify, info(site)).problems
    assert (problem.kind, problem.detail) == (
        "not-a-file",
        "a socket: only regular files are read",
    )


@pytest.mark.parametrize(
    "columns", [f"{digest(b'')},0", ",0", ","], ids=["hashed", "size-only", "bare"]
)
def test_a_symlink_loop_is_unreadable(site, columns):
    """A row naming a symlink loop is `unreadable`, whatever the row checks."""
    with_record(site, [f"pkg/loop,{columns}"], {"pkg": {}})
    try:
        os.symlink("loop2", site / "pkg" / "loop")
        os.symlink("loop", site / "pkg" / "loop2")
    except (NotImplementedError, OSError) as exc:  # pragma: no cover - Windows
        pytest.skip(f"cannot create symlinks here: {exc}")
    (problem,) = finishes(verify, info(site)).problems
    assert (problem.path, problem.kind) == ("pkg/loop", "unreadable")
    assert problem.detail.startswith("cannot be read: a symlink loop (")


def test_a_file_larger_than_its_record_size_is_modified_unread(site, reads):
    """The size is compared first: not one byte of a file too large is read."""
    big = site / "pkg" / "big.bin"
    with_record(site, [f"pkg/big.bin,{digest(b'abc')},3"], {"pkg": {}})
    with open(big, "wb") as file:
        file.truncate(1 << 30)  # sparse: a gigabyte that takes no disk
    (problem,) = finishes(verify, info(site)).problems
    assert (problem.kind, problem.detail) == (
        "modified",
        f"size is {1 << 30} bytes, RECORD says 3",
    )
    assert reads.requested.get(str(big), 0) == 0


def lie_about_size(monkeypatch: pytest.MonkeyPatch, path: str, size: int) -> None:
    """Make ``stat`` and ``fstat`` report *size* for *path*: a file that grows."""
    real_stat, real_fstat = os.stat, os.fstat
    inodes: set[tuple[int, int]] = set()

    def shrunk(status: os.stat_result) -> os.stat_result:
        if (status.st_dev, status.st_ino) not in inodes:
            return status
        fields = list(status[:10])
        fields[stat.ST_SIZE] = size
        return os.stat_result(fields)

    def stat_(target: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        status = real_stat(target, *args, **kwargs)
        if isinstance(target, (str, os.PathLike)) and os.fspath(target) == path:
            inodes.add((status.st_dev, status.st_ino))
        return shrunk(status)

    monkeypatch.setattr(os, "stat", stat_)
    monkeypatch.setattr(os, "fstat", lambda fd: shrunk(real_fstat(fd)))


@pytest.mark.parametrize(
    ("columns", "kind", "detail"),
    [
        (f"{digest(b'abc')},3", "modified", "size is over 3 bytes, RECORD says 3"),
        (f"{digest(b'abc')},", "unreadable", "cannot be read: it grew while read"),
    ],
    ids=["sized", "unsized"],
)
def test_a_file_growing_after_stat_is_read_one_byte_past_its_size(
    site, reads, monkeypatch, columns, kind, detail
):
    """What stat promised bounds the reads: size + 1 bytes, then a verdict."""
    big = site / "pkg" / "big.bin"
    with_record(site, [f"pkg/big.bin,{columns}"], {"pkg": {"big.bin": b"x" * 100_000}})
    lie_about_size(monkeypatch, str(big), 3)
    (problem,) = finishes(verify, info(site)).problems
    assert (problem.kind, problem.detail) == (kind, detail)
    assert 0 < reads.requested[str(big)] <= 4


def test_a_fifo_swapped_in_after_stat_is_never_read(site, reads, monkeypatch):
    """A pipe put in place between stat and open: no blocking open, fstat refuses."""
    if not hasattr(os, "O_NONBLOCK"):  # pragma: no cover - Windows
        pytest.skip("no non-blocking open on this platform")
    target = site / "pkg" / "swapped"
    with_record(site, [f"pkg/swapped,{digest(b'abc')},3"], {"pkg": {"swapped": b"abc"}})
    real_stat = os.stat

    def stat_then_swap(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        status = real_stat(path, *args, **kwargs)
        if isinstance(path, os.PathLike) and os.fspath(path) == str(target):
            os.remove(target)
            make_fifo(target)
        return status

    monkeypatch.setattr(os, "stat", stat_then_swap)
    (problem,) = finishes(verify, info(site)).problems
    assert (problem.kind, problem.detail) == (
        "not-a-file",
        "a named pipe (FIFO): only regular files are read",
    )
    assert reads.opened.count(str(target)) == 1
    assert reads.requested.get(str(target), 0) == 0


def test_a_file_of_the_promised_size_is_read_in_bounded_requests(site, reads):
    """An intact file is read with requests summing to its size + 1 at most."""
    data = b"y" * 3_000_000  # several chunks
    with_record(site, [f"data.bin,{digest(data)},{len(data)}"], {"data.bin": data})
    assert finishes(verify, info(site)).status == "ok"
    assert reads.requested[str(site / "data.bin")] == len(data) + 1


# --- the command ------------------------------------------------------------


@pytest.fixture
def mixed(site):
    """A site with an intact, a damaged and an unverifiable distribution."""
    build_tree(site, installed("good", "1.0", {"good.py": "G = 1\n"}))
    build_tree(
        site, installed("damaged", "2.0", {"dmg/a.py": "A\n", "dmg/b.py": "B\n"})
    )
    (site / "dmg" / "a.py").write_text("a\n", encoding="utf-8")
    (site / "dmg" / "b.py").unlink()
    build_tree(
        site, {"norecord-3.0.dist-info": {"METADATA": metadata("norecord", "3.0")}}
    )
    return site


def test_verify_command_prints_problems_and_a_summary(cli, mixed):
    """The table lists each problem and the unverifiable one; exit code 1."""
    run = cli("verify", "--path", str(mixed))
    assert run.code == 1
    lines = run.lines()
    assert lines[0].split() == ["Name", "Version", "Problem", "Path", "Detail"]
    assert lines[2].split()[:4] == ["damaged", "2.0", "modified", "dmg/a.py"]
    assert lines[3].split()[:4] == ["damaged", "2.0", "missing", "dmg/b.py"]
    assert lines[4].split()[:3] == ["norecord", "3.0", "unverifiable"]
    assert lines[-1] == (
        "Verified 3 distributions (7 files): 2 problems in 1 distribution,"
        " 1 unverifiable (no RECORD)."
    )


def test_verify_command_json_report(cli, mixed):
    """--json gives ok, per-distribution results, not_found, skipped and a summary."""
    run = cli("verify", "--json", "--path", str(mixed))
    report = run.json()
    assert report["ok"] is False
    assert report["not_found"] == []
    assert report["skipped"] == []
    assert report["summary"] == {
        "distributions": 3,
        "file_count": 7,
        "problems": 2,
        "failed": 1,
        "unverifiable": 1,
    }
    by_name = {entry["name"]: entry for entry in report["distributions"]}
    assert by_name["good"] == {
        "name": "good",
        "version": "1.0",
        "location": str(mixed),
        "status": "ok",
        "checked": 3,
        "problems": [],
    }
    assert by_name["damaged"]["status"] == "failed"
    assert by_name["damaged"]["problems"] == [
        {
            "path": "dmg/a.py",
            "kind": "modified",
            "detail": "sha256 digest differs from RECORD",
        },
        {"path": "dmg/b.py", "kind": "missing", "detail": "not found"},
    ]
    assert by_name["norecord"]["status"] == "unverifiable"


def test_verify_named_intact_distribution_exits_0(cli, mixed):
    """Naming only intact distributions succeeds with a one-line summary."""
    run = cli("verify", "good", "--path", str(mixed))
    assert run.code == 0
    assert run.lines() == ["Verified 1 distribution (3 files): no problems."]


def test_unverifiable_passes_unless_strict(cli, mixed):
    """A distribution without RECORD fails only with --strict."""
    assert cli("verify", "norecord", "--path", str(mixed)).code == 0
    assert cli("verify", "norecord", "--strict", "--path", str(mixed)).code == 1


def test_verify_unknown_name_exits_1_and_checks_the_rest(cli, mixed):
    """An unknown name is reported; the known ones are still verified."""
    run = cli("verify", "good", "nope", "--json", "--path", str(mixed))
    assert run.code == 1
    assert run.json()["not_found"] == [
        {
            "error": "not-found",
            "name": "nope",
            "message": "No package metadata was found for nope",
        }
    ]
    assert [entry["name"] for entry in run.json()["distributions"]] == ["good"]
    assert run.err == "pkgmeta: No package metadata was found for nope\n"
    table = cli("verify", "good", "nope", "--path", str(mixed))
    assert table.lines() == [
        "Verified 1 distribution (3 files): no problems, 1 not found."
    ]


def test_verify_of_only_unknown_names_says_not_found(cli, mixed):
    """Nothing found to check: the error line only, never "no problems"."""
    run = cli("verify", "NOSUCH", "--path", str(mixed))
    assert (run.code, run.out) == (1, "")
    assert run.err == "pkgmeta: No package metadata was found for NOSUCH\n"


def test_verify_json_of_unknown_names_is_the_not_found_document(cli, mixed):
    """One unknown name gives the not-found object; several, a list of them."""
    one = cli("verify", "NOSUCH", "--json", "--path", str(mixed))
    assert (one.code, one.json()) == (
        1,
        {
            "error": "not-found",
            "name": "NOSUCH",
            "message": "No package metadata was found for NOSUCH",
        },
    )
    two = cli("verify", "x", "y", "--json", "--path", str(mixed))
    assert two.code == 1
    assert [(doc["error"], doc["name"]) for doc in two.json()] == [
        ("not-found", "x"),
        ("not-found", "y"),
    ]


def test_verify_all_skips_broken_metadata_without_failing(cli, site):
    """A stale metadata directory is skipped on stderr; it does not fail `verify`."""
    build_tree(site, installed("good", "1.0"))
    build_tree(site, {"stale-1.0.dist-info": {"RECORD": "stale.py,,\n"}})
    run = cli("verify", "--json", "--path", str(site))
    assert run.code == 0
    (skipped,) = run.json()["skipped"]
    assert skipped["path"] == str(site / "stale-1.0.dist-info")
    assert skipped["reason"].startswith("No package metadata was found in ")
    assert run.err.startswith("pkgmeta: skipped ")


def test_verify_named_broken_distribution_fails(cli, site):
    """Naming a distribution whose metadata is unreadable exits 1."""
    build_tree(site, {"stale-1.0.dist-info": {"RECORD": "stale.py,,\n"}})
    assert cli("verify", "stale", "--path", str(site)).code == 1


def test_verify_of_an_empty_site_succeeds(cli, site):
    """Nothing to verify is not a failure."""
    run = cli("verify", "--path", str(site))
    assert (run.code, run.lines()) == (
        0,
        ["Verified 0 distributions (0 files): no problems."],
    )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
@pytest.mark.skipif(
    getattr(os, "geteuid", lambda: -1)() == 0, reason="root reads any file"
)
def test_an_unreadable_file_is_reported(site):  # pragma: no cover - not as root
    """A file without read permission is `unreadable`, not a traceback."""
    build_tree(site, installed("pkg", "1.0", MODULES))
    os.chmod(site / "pkg" / "util.py", 0)
    try:
        assert problems(info(site)) == [("pkg/util.py", "unreadable")]
    finally:
        os.chmod(site / "pkg" / "util.py", 0o644)


def test_verify_command_reports_a_pipe_and_a_device_in_json(cli, site):
    """`verify --json` names the new kind and exits 1, without blocking."""
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    with_record(site, [f"pkg/pipe,{digest(b'')},", f"/dev/zero,{digest(b'')},"])
    (site / "pkg").mkdir()
    make_fifo(site / "pkg" / "pipe")
    run = finishes(cli, "verify", "--json", "--path", str(site))
    assert run.code == 1
    (entry,) = run.json()["distributions"]
    assert entry["problems"] == [
        {
            "path": "pkg/pipe",
            "kind": "not-a-file",
            "detail": "a named pipe (FIFO): only regular files are read",
        },
        {
            "path": "/dev/zero",
            "kind": "not-a-file",
            "detail": "a character device: only regular files are read",
        },
    ]
