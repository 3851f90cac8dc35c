"""The whole-environment commands: ``list``, ``entry-points`` and ``which``."""

from __future__ import annotations

from .._api import distributions
from .._errors import damaged
from .._top_level import module_suffixes, top_level_names
from .output import (
    EXIT_FAILED,
    EXIT_OK,
    error,
    location,
    write_json,
    write_table,
)
from .targets import installed, name_and_version, skipped

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["run_entry_points", "run_list", "run_which"]


def run_list(paths: Sequence[str] | None, as_json: bool) -> int:
    """``list``: print every installed distribution, sorted by name.

    Returns:
        0, also when broken distributions were skipped.
    """
    rows = []
    for dist in installed(paths):
        try:
            name, version = name_and_version(dist)
        except damaged(KeyError) as exc:
            skipped(dist, exc)
            continue
        rows.append({"name": name, "version": version, "location": location(dist)})
    rows.sort(key=lambda row: (row["name"].lower(), row["version"]))
    if as_json:
        write_json(rows)
    else:
        write_table(
            ("Name", "Version", "Location"),
            [(row["name"], row["version"], row["location"]) for row in rows],
        )
    return EXIT_OK


def run_entry_points(
    group: str | None, name: str | None, paths: Sequence[str] | None, as_json: bool
) -> int:
    """``entry-points [GROUP] [--name N]``: print matching entry points.

    Returns:
        0; 1 when a GROUP or ``--name`` was given and nothing matched.
    """
    rows: list[dict[str, str]] = []
    for dist in installed(paths):
        try:
            dist_name, dist_version = name_and_version(dist)
            found = list(dist.entry_points)
        except damaged(KeyError) as exc:
            skipped(dist, exc)
            continue
        rows.extend(
            {
                "group": ep.group,
                "name": ep.name,
                "value": ep.value,
                "distribution": dist_name,
                "version": dist_version,
            }
            for ep in found
            if (group is None or ep.group == group)
            and (name is None or ep.name == name)
        )
    # sorted() is stable: duplicates keep their search order, first one first
    rows.sort(key=lambda row: (row["group"], row["name"]))
    if as_json:
        write_json(rows)
    else:
        write_table(
            ("Group", "Name", "Value", "Distribution"),
            [(r["group"], r["name"], r["value"], r["distribution"]) for r in rows],
        )
    if not rows and (group is not None or name is not None):
        wanted = " ".join(
            part
            for part in (
                group and f"in group {group!r}",
                name and f"named {name!r}",
            )
            if part
        )
        error(f"no entry point {wanted}")
        return EXIT_FAILED
    return EXIT_OK


def run_which(module: str, as_json: bool) -> int:
    """``which MODULE``: print the distributions providing a top-level name.

    The mapping is ``packages_distributions()``'s, built one distribution
    at a time so that a broken one is skipped (with a line on stderr)
    instead of failing the whole environment. Every copy on the path is
    listed, the one imported first first.

    Returns:
        0; 1 when no installed distribution provides it.
    """
    top_level = module.partition(".")[0]
    suffixes = module_suffixes()
    rows: list[dict[str, str | None]] = []
    seen = set()
    for dist in distributions():
        if str(dist) in seen:  # a directory twice on sys.path
            continue
        seen.add(str(dist))
        try:
            meta = dist.metadata
            name = meta.get("Name")
            provided = name is not None and top_level in top_level_names(dist, suffixes)
        except damaged(KeyError) as exc:
            skipped(dist, exc)
            continue
        if provided:
            version = meta.get("Version")
            rows.append({"name": name, "version": version, "location": location(dist)})
    if as_json:
        write_json({"module": top_level, "distributions": rows})
    else:
        write_table(
            ("Name", "Version", "Location"),
            [
                tuple(row[key] or "" for key in ("name", "version", "location"))
                for row in rows
            ],
        )
    if not rows:
        error(f"no installed distribution provides a top-level module {top_level!r}")
        return EXIT_FAILED
    return EXIT_OK
