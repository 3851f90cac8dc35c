"""The whole-environment commands: ``list`` and ``entry-points``."""

from __future__ import annotations

import os
import urllib.parse

from .._errors import damaged
from .._inspect.fields import name_and_version
from .._names import normalize
from .origin import read_direct_url
from .output import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    error,
    location,
    write,
    write_json,
    write_table,
)
from .requirements import load_engine
from .targets import Skips, installed

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from .._distribution import Distribution

__all__ = ["file_url_path", "run_entry_points", "run_list"]


class _Listed:
    """One row of ``list``: the fields read, and where the install came from."""

    __slots__ = ("direct_url", "location", "name", "project", "version")

    def __init__(self, dist: Distribution, name: str, version: str) -> None:
        self.name = name
        self.version = version
        self.location = location(dist)
        self.direct_url = read_direct_url(dist)
        self.project = _editable_location(self.direct_url)

    def as_json(self) -> dict[str, str | None]:
        return {
            "name": self.name,
            "version": self.version,
            "location": self.location,
            "editable_project_location": self.project,
        }

    def freeze_line(self) -> str:
        """Return the requirement line ``pip freeze`` writes for this install.

        ``-e DIR`` for an editable install (without pip's comment line and
        without asking a version control tool), ``name @ URL`` for one from
        a direct URL (a VCS URL with its commit), else ``name==version``.
        """
        if self.project is not None:
            return f"-e {self.project}"
        direct = self.direct_url
        url = direct.get("url") if direct is not None else None
        if direct is None or not isinstance(url, str):
            return f"{self.name}=={self.version}"
        vcs_info = direct.get("vcs_info")
        if isinstance(vcs_info, dict):
            url = f"{vcs_info.get('vcs', 'git')}+{url}@{vcs_info.get('commit_id', '')}"
            url = url.rstrip("@")
        subdirectory = direct.get("subdirectory")
        if isinstance(subdirectory, str) and subdirectory:
            url = f"{url}#subdirectory={subdirectory}"
        return f"{self.name} @ {url}"


def _editable_location(direct_url: dict[str, object] | None) -> str | None:
    """Return the project directory of an editable install, or ``None``.

    Editable is ``dir_info.editable`` (PEP 610); the directory is the
    ``file:`` URL made a path, or the URL itself if it is no ``file:`` one.
    """
    if direct_url is None:
        return None
    dir_info = direct_url.get("dir_info")
    url = direct_url.get("url")
    if not (isinstance(dir_info, dict) and dir_info.get("editable") is True):
        return None
    if not isinstance(url, str):
        return None
    return file_url_path(url)


def file_url_path(url: str) -> str:
    """Return the local path a ``file:`` URL names; other URLs unchanged.

    >>> file_url_path("file:///src/my%20project")
    '/src/my project'
    >>> file_url_path("https://example.com/x")
    'https://example.com/x'
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return url
    path = urllib.parse.unquote(parts.path)
    if os.name == "nt" and path[:1] == "/" and path[2:3] == ":":
        path = path[1:]  # file:///C:/x
    return os.path.normpath(path) if os.name == "nt" else path


def run_list(
    paths: Sequence[str] | None,
    as_json: bool,
    list_format: str = "columns",
    not_required: bool = False,
    editable: bool = False,
) -> int:
    """``list``: print every installed distribution, sorted by name.

    Args:
        paths: Directories and zips to search instead of ``sys.path``.
        as_json: Print ``{"distributions": [...], "skipped": [...]}``.
        list_format: ``columns`` (a table) or ``freeze`` (requirement lines).
        not_required: Only the distributions no other installed one requires
            (the requirements that apply here, extras followed; this needs
            ``packaging``).
        editable: Only editable installs, with the project's location.

    Returns:
        0, also when broken distributions were skipped; 2 when ``--json``
        and ``--format freeze`` are both given, or ``--not-required`` lacks
        ``packaging``.
    """
    if as_json and list_format != "columns":
        error("--json and --format freeze exclude each other")
        return EXIT_USAGE
    required: set[str] = set()
    if not_required:
        engine = load_engine("list --not-required")
        if engine is None:
            return EXIT_USAGE
        environment = engine.read_environment(installed(paths))
        required = {
            key for key in environment.installed if environment.required_by(key)
        }
    skips = Skips()
    rows = []
    for dist in installed(paths):
        try:
            name, version = name_and_version(dist)
        except damaged(KeyError) as exc:
            skips.add(dist, exc)
            continue
        if required and normalize(name).replace("_", "-") in required:
            continue
        row = _Listed(dist, name, version)
        if editable and row.project is None:
            continue
        rows.append(row)
    rows.sort(key=lambda row: (row.name.lower(), row.version))
    if as_json:
        write_json(
            {"distributions": [row.as_json() for row in rows], "skipped": skips.rows}
        )
        return EXIT_OK
    skips.report()
    if list_format == "freeze":
        for row in rows:
            write(row.freeze_line())
    elif editable:
        write_table(
            ("Name", "Version", "Editable project location"),
            [(row.name, row.version, row.project or "") for row in rows],
        )
    else:
        write_table(
            ("Name", "Version", "Location"),
            [(row.name, row.version, row.location) for row in rows],
        )
    return EXIT_OK


def run_entry_points(
    group: str | None, name: str | None, paths: Sequence[str] | None, as_json: bool
) -> int:
    """``entry-points [GROUP] [--name N]``: print matching entry points.

    Returns:
        0; 1 when a GROUP or ``--name`` was given and nothing matched.
    """
    rows: list[dict[str, Any]] = []
    skips = Skips()
    for dist in installed(paths):
        try:
            dist_name, dist_version = name_and_version(dist)
            found = list(dist.entry_points)
        except damaged(KeyError) as exc:
            skips.add(dist, exc)
            continue
        rows.extend(
            {
                "group": ep.group,
                "name": ep.name,
                "value": ep.value,
                # "name" is the entry point's: the distribution is a record
                "distribution": {"name": dist_name, "version": dist_version},
            }
            for ep in found
            if (group is None or ep.group == group)
            and (name is None or ep.name == name)
        )
    # sorted() is stable: duplicates keep their search order, first one first
    rows.sort(key=lambda row: (row["group"], row["name"]))
    if as_json:
        write_json({"entry_points": rows, "skipped": skips.rows})
    else:
        skips.report()
        write_table(
            ("Group", "Name", "Value", "Distribution"),
            [
                (r["group"], r["name"], r["value"], r["distribution"]["name"])
                for r in rows
            ],
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
