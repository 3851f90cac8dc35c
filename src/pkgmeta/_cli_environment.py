"""The whole-environment commands: ``list``, ``entry-points`` and ``which``."""

from __future__ import annotations

from ._cli_output import (
    EXIT_FAILED,
    EXIT_OK,
    broken,
    error,
    explain,
    location,
    write_json,
    write_table,
)

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from ._distribution import Distribution

__all__ = [
    "installed",
    "name_and_version",
    "run_entry_points",
    "run_list",
    "run_which",
    "skipped",
    "top_level_names",
]


def installed(paths: Sequence[str] | None) -> Iterator[Distribution]:
    """Yield one distribution per project, as ``entry_points()`` counts them.

    Args:
        paths: Directories and zips to search instead of ``sys.path``.
    """
    from ._api import _unique, distributions

    search = {} if paths is None else {"path": list(paths)}
    return _unique(distributions(**search))


def name_and_version(dist: Distribution) -> tuple[str, str]:
    """Return the ``Name`` and ``Version`` fields of *dist*.

    ``metadata.get`` works the same on pkgmeta's distributions and on the
    stdlib ones a custom finder may return (whose ``[]`` gives ``None`` and,
    on 3.12+, a deprecation warning for a missing field).

    Raises:
        KeyError: A field is missing.
        MetadataNotFound: There is no metadata file.
        UnicodeDecodeError: The metadata is not UTF-8.
    """
    meta = dist.metadata
    name = meta.get("Name")
    version = meta.get("Version")
    for field, value in (("Name", name), ("Version", version)):
        if value is None:
            raise KeyError(f"Metadata field {field} not present in {dist}")
    return str(name), str(version)


def skipped(dist: Distribution, exc: BaseException) -> None:
    """Report on stderr that a broken distribution was left out."""
    error(f"skipped {dist}: {explain(exc)}")


def run_list(paths: Sequence[str] | None, as_json: bool) -> int:
    """``list``: print every installed distribution, sorted by name.

    Returns:
        0, also when broken distributions were skipped.
    """
    rows = []
    for dist in installed(paths):
        try:
            name, version = name_and_version(dist)
        except broken() as exc:
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
        except broken() as exc:
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
    import importlib.machinery

    from ._api import distributions

    top_level = module.partition(".")[0]
    # longest first, so that ".cpython-313-x86_64-linux-gnu.so" beats ".so"
    suffixes = sorted(importlib.machinery.all_suffixes(), key=len, reverse=True)
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
        except broken() as exc:
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


def top_level_names(dist: Distribution, suffixes: Sequence[str]) -> list[str]:
    """Return the importable top-level names *dist* provides.

    ``top_level.txt`` when it lists any (setuptools writes it), else the
    first part of each installed path, or a top-level file's module name
    (*suffixes*: ``importlib.machinery.all_suffixes()``, longest first);
    names holding a ``.`` (``foo.dist-info``, ``..``) are not modules.
    """
    declared = (dist.read_text("top_level.txt") or "").split()
    if declared:
        return declared
    names = set()
    for path in dist.files or ():
        top, *rest = path.parts
        if not rest:
            top = next(
                (top[: -len(s)] for s in suffixes if top.endswith(s) and top != s), top
            )
        names.add(top)
    return [name for name in names if "." not in name]
