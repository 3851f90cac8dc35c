"""The one-distribution commands: ``show``, ``files`` and ``requires``."""

from __future__ import annotations

import json

from .._distribution import PathDistribution
from .._errors import damaged
from .output import (
    EXIT_FAILED,
    EXIT_OK,
    error,
    explain,
    location,
    write,
    write_json,
    write_table,
)
from .targets import find_with_metadata

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import TypeVar

    from .._distribution import Distribution
    from .._entry_points import EntryPoint
    from .._protocols import PackageMetadata

    _T = TypeVar("_T")

__all__ = ["run_files", "run_requires", "run_show"]


def _or_warn(what: str, dist: Distribution, read: Callable[[], _T], default: _T) -> _T:
    """Return ``read()``; if the file behind it is broken, warn and use *default*."""
    try:
        return read()
    except damaged(KeyError) as exc:
        error(f"cannot read the {what} of {dist}: {explain(exc)}")
        return default


def run_show(name: str, paths: Sequence[str] | None, as_json: bool) -> int:
    """``show NAME``: print a summary of one distribution's metadata.

    Returns:
        0; 1 when the distribution is not found or its metadata is unreadable.
    """
    found = find_with_metadata(name, paths)
    if isinstance(found, dict):
        if as_json:
            write_json(found)
        return EXIT_FAILED
    dist, meta = found
    summary = _summary(dist, meta)
    if as_json:
        write_json(summary)
    else:
        _write_summary(summary)
    return EXIT_OK


def _summary(dist: Distribution, meta: PackageMetadata) -> dict[str, object]:
    """Return the ``show --json`` document (its keys are documented)."""
    no_entry_points: list[EntryPoint] = []
    entry_points = _or_warn(
        "entry points", dist, lambda: list(dist.entry_points), no_entry_points
    )
    requires = _or_warn("requirements", dist, lambda: dist.requires, None)
    files = _or_warn("file list", dist, lambda: dist.files, None)
    installer = _or_warn("installer", dist, lambda: dist.read_text("INSTALLER"), None)
    direct_url = _direct_url(dist)
    dir_info = direct_url.get("dir_info") if direct_url else None
    return {
        "name": meta.get("Name"),
        "version": meta.get("Version"),
        "summary": meta.get("Summary"),
        "home_page": meta.get("Home-page"),
        "project_urls": [
            _project_url(value) for value in meta.get_all("Project-URL", [])
        ],
        "license": meta.get("License-Expression") or meta.get("License"),
        "requires_python": meta.get("Requires-Python"),
        "requires": list(requires or []),
        "entry_points": [
            {"group": ep.group, "name": ep.name, "value": ep.value}
            for ep in entry_points
        ],
        "location": location(dist),
        "metadata_path": str(dist) if isinstance(dist, PathDistribution) else None,
        "installer": (installer or "").strip() or None,
        "direct_url": direct_url,
        "editable": bool(isinstance(dir_info, dict) and dir_info.get("editable")),
        "file_count": None if files is None else len(files),
    }


def _project_url(value: str) -> dict[str, str]:
    """Split a ``Project-URL`` field, ``label, url`` (a bare URL has no label)."""
    label, comma, url = value.partition(",")
    if not comma:
        return {"label": "", "url": value.strip()}
    return {"label": label.strip(), "url": url.strip()}


def _direct_url(dist: Distribution) -> dict[str, object] | None:
    """Return the PEP 610 ``direct_url.json`` object, or ``None``."""
    text = _or_warn(
        "direct_url.json", dist, lambda: dist.read_text("direct_url.json"), None
    )
    if text is None:
        return None
    try:
        data = json.loads(text)
    except ValueError as exc:
        error(f"ignored the invalid direct_url.json of {dist}: {explain(exc)}")
        return None
    if not isinstance(data, dict):
        error(f"ignored the direct_url.json of {dist}: not a JSON object")
        return None
    return data


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _origin(summary: dict[str, object]) -> str:
    """Describe where a distribution was installed from, in a few words."""
    direct_url = summary["direct_url"]
    if not isinstance(direct_url, dict):
        return ""
    url = str(direct_url.get("url", ""))
    vcs_info = direct_url.get("vcs_info")
    if summary["editable"]:
        return f"{url} (editable)"
    if isinstance(vcs_info, dict):
        commit = str(vcs_info.get("commit_id", ""))[:12]
        return f"{url} ({vcs_info.get('vcs', 'vcs')} {commit})".replace(" )", ")")
    if "archive_info" in direct_url:
        return f"{url} (archive)"
    return url


def _write_summary(summary: dict[str, object]) -> None:
    def text(key: str) -> str:
        return _text(summary[key])

    license_text = text("license")
    if "\n" in license_text:  # some projects paste the whole license here
        license_text = license_text.split("\n", 1)[0].rstrip() + " ..."
    requires = summary["requires"]
    fields = [
        ("Name", text("name")),
        ("Version", text("version")),
        ("Summary", text("summary")),
        ("Home-page", text("home_page")),
        ("License", license_text),
        ("Requires-Python", text("requires_python")),
        ("Requires", ", ".join(requires) if isinstance(requires, list) else ""),
        ("Location", text("location")),
        ("Metadata", text("metadata_path")),
        ("Installer", text("installer")),
        ("Origin", _origin(summary)),
        ("Files", text("file_count")),
    ]
    for label, value in fields:
        write(f"{label}: {value}".rstrip())
    urls = summary["project_urls"]
    if isinstance(urls, list) and urls:
        write("Project-URLs:")
        for url in urls:
            write(f"  {url['label'] or 'URL'}: {url['url']}")
    entry_points = summary["entry_points"]
    if isinstance(entry_points, list) and entry_points:
        write("Entry-points:")
        group = None
        for ep in entry_points:
            if ep["group"] != group:
                group = ep["group"]
                write(f"  [{group}]")
            write(f"    {ep['name']} = {ep['value']}")


def run_files(name: str, paths: Sequence[str] | None, as_json: bool) -> int:
    """``files NAME``: list the installed files that still exist.

    Returns:
        0; 1 when the distribution is not found or has no file list.
    """
    found = find_with_metadata(name, paths)
    if isinstance(found, dict):
        if as_json:
            write_json(found)
        return EXIT_FAILED
    dist, meta = found
    try:
        files = dist.files
    except damaged(KeyError) as exc:
        error(f"cannot read the file list of {dist}: {explain(exc)}")
        return EXIT_FAILED
    rows = [
        {
            "path": str(path),
            "hash": None
            if path.hash is None
            else f"{path.hash.mode}={path.hash.value}",
            "size": path.size,
        }
        for path in files or ()
    ]
    if as_json:
        write_json(
            {
                "name": meta.get("Name"),
                "version": meta.get("Version"),
                "files": None if files is None else rows,
            }
        )
    else:
        columns = ("path", "hash", "size")
        write_table(
            ("Path", "Hash", "Size"),
            [tuple(_text(row[key]) for key in columns) for row in rows],
        )
    if files is None:
        error(f"{dist} has no file list (RECORD, installed-files.txt or SOURCES.txt)")
        return EXIT_FAILED
    return EXIT_OK


def run_requires(name: str, paths: Sequence[str] | None, as_json: bool) -> int:
    """``requires NAME``: print the requirements, one PEP 508 string a line.

    Returns:
        0 (also when there are none); 1 when the distribution is not found.
    """
    found = find_with_metadata(name, paths)
    if isinstance(found, dict):
        if as_json:
            write_json(found)
        return EXIT_FAILED
    dist, meta = found
    try:
        requires = list(dist.requires or [])
    except damaged(KeyError) as exc:
        error(f"cannot read the requirements of {dist}: {explain(exc)}")
        return EXIT_FAILED
    if as_json:
        write_json(
            {
                "name": meta.get("Name"),
                "version": meta.get("Version"),
                "requires": requires,
            }
        )
    else:
        for requirement in requires:
            write(requirement)
    return EXIT_OK
