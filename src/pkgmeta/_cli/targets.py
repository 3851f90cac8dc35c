"""What a command works on: distributions, found as the library finds them.

Every command reaches distributions through here, so that ``list`` counts
projects as ``entry_points()`` does, ``show NAME`` picks the copy
``distribution()`` picks, and a broken distribution is reported the same
way by every command.
"""

from __future__ import annotations

from .._api import distribution, distributions
from .._distribution import first_with_metadata, one_per_project, present_metadata
from .._errors import PackageNotFoundError, damaged
from .output import error, explain, failure

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from .._distribution import Distribution
    from .._protocols import PackageMetadata

__all__ = [
    "Skips",
    "find_distribution",
    "find_with_metadata",
    "installed",
    "not_found",
    "skipped",
]


def installed(paths: Sequence[str] | None) -> Iterator[Distribution]:
    """Yield one distribution per project, as ``entry_points()`` counts them.

    Args:
        paths: Directories and zips to search instead of ``sys.path``.
    """
    search = {} if paths is None else {"path": list(paths)}
    return one_per_project(distributions(**search))


def find_distribution(name: str, paths: Sequence[str] | None) -> Distribution:
    """Return the distribution *name* resolves to, as ``distribution()`` does.

    Args:
        name: Any spelling of the distribution's name (not empty).
        paths: Directories and zips to search instead of ``sys.path``.

    Raises:
        PackageNotFoundError: Nothing of that name is on the search path.
    """
    if paths is None:
        return distribution(name)
    # Distribution.from_name's rule, over another path.
    return first_with_metadata(distributions(name=name, path=list(paths)), name)


def find_with_metadata(
    name: str, paths: Sequence[str] | None
) -> tuple[Distribution, PackageMetadata] | dict[str, str]:
    """Return the named distribution and its metadata, or report why there are none.

    Every one-distribution command starts here: a name that finds nothing and
    metadata that cannot be read both end the command with ``EXIT_FAILED``.

    Returns:
        The distribution and its metadata; else, the reason written on
        stderr, the :func:`~.output.failure` document for ``--json``.
    """
    try:
        dist = find_distribution(name, paths)
    except PackageNotFoundError as exc:
        return not_found(name, exc)
    try:
        return dist, present_metadata(dist)
    except damaged(KeyError) as exc:
        message = f"cannot read the metadata of {dist}: {explain(exc)}"
        error(message)
        return failure("unreadable", name, message, path=str(dist))


def not_found(name: str, exc: PackageNotFoundError) -> dict[str, str]:
    """Report on stderr that *name* is not found; return the ``--json`` document."""
    error(str(exc))
    return failure("not-found", name, str(exc))


def skipped(dist: Distribution, exc: BaseException) -> None:
    """Report on stderr that a broken distribution was left out."""
    _report_skipped(str(dist), explain(exc))


def _report_skipped(path: str, reason: str) -> None:
    error(f"skipped {path}: {reason}")


class Skips:
    """The distributions a whole-environment command left out, and why.

    Reported as the ``"skipped"`` list of the JSON document, or as one line
    each on stderr otherwise (the convention of every such command).
    """

    def __init__(self) -> None:
        self.rows: list[dict[str, str]] = []

    def add(self, dist: Distribution, exc: BaseException) -> None:
        self.rows.append({"path": str(dist), "reason": explain(exc)})

    def report(self) -> None:
        for row in self.rows:
            _report_skipped(row["path"], row["reason"])
