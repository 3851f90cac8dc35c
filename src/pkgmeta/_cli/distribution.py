"""The one-distribution commands: ``show``, ``files`` and ``requires``."""

from __future__ import annotations

import re

from .._distribution import PathDistribution
from .._errors import damaged
from .._inspect.markers import (
    Requirement,
    applicable_requirements,
    parse_requirement,
    required_by,
)
from .._names import normalize
from .origin import read_direct_url
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
from .targets import find_with_metadata, installed, skipped

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


def run_show(names: Sequence[str], paths: Sequence[str] | None, as_json: bool) -> int:
    """``show NAME ...``: print a summary of each distribution's metadata.

    The summaries are separated by a ``---`` line; with ``--json``, one
    object, or a list of them (a failure document in place of a name not
    found) when several names are given.

    Returns:
        0; 1 when a distribution is not found or its metadata is unreadable
        (the others are still shown).
    """
    documents: list[dict[str, object]] = []
    dists: list[Distribution] | None = None  # the environment, read once
    code = EXIT_OK
    for name in names:
        found = find_with_metadata(name, paths)
        if isinstance(found, dict):
            documents.append(dict(found))
            code = EXIT_FAILED
            continue
        dist, meta = found
        first = dists is None
        if dists is None:
            dists = list(installed(paths))
        # a broken distribution is reported once, with the first name
        dependents = required_by(name, dists, on_skip=skipped if first else None)
        documents.append(_summary(dist, meta, dependents))
    if as_json:
        write_json(documents[0] if len(names) == 1 else documents)
        return code
    shown = [document for document in documents if "error" not in document]
    for number, summary in enumerate(shown):
        if number:
            write("---")
        _write_summary(summary)
    return code


def _summary(
    dist: Distribution,
    meta: PackageMetadata,
    dependents: list[tuple[str, Requirement]],
) -> dict[str, object]:
    """Return the ``show --json`` document (its keys are documented)."""
    no_entry_points: list[EntryPoint] = []
    entry_points = _or_warn(
        "entry points", dist, lambda: list(dist.entry_points), no_entry_points
    )
    no_requirements: list[Requirement] = []
    requires = _or_warn(
        "requirements",
        dist,
        lambda: applicable_requirements(
            dist, on_invalid=lambda exc: error(f"ignored in {dist}: {exc}")
        ),
        no_requirements,
    )
    files = _or_warn("file list", dist, lambda: dist.files, None)
    installer = _or_warn("installer", dist, lambda: dist.read_text("INSTALLER"), None)
    direct_url = read_direct_url(dist)
    dir_info = direct_url.get("dir_info") if direct_url else None
    editable = bool(isinstance(dir_info, dict) and dir_info.get("editable"))
    judged = [requirement for _, requirement in dependents] + requires
    return {
        "name": meta.get("Name"),
        "version": meta.get("Version"),
        "summary": meta.get("Summary"),
        "home_page": meta.get("Home-page"),
        "author": meta.get("Author"),
        "author_email": meta.get("Author-email"),
        "maintainer": meta.get("Maintainer"),
        "maintainer_email": meta.get("Maintainer-email"),
        "license": meta.get("License"),
        "license_expression": meta.get("License-Expression"),
        "project_urls": [
            _project_url(value) for value in meta.get_all("Project-URL", [])
        ],
        "requires_python": meta.get("Requires-Python"),
        "requires": [requirement.text for requirement in requires],
        "required_by": [requirer for requirer, _ in dependents],
        "markers_evaluated": all(requirement.evaluated for requirement in judged),
        "entry_points": [
            {"group": ep.group, "name": ep.name, "value": ep.value}
            for ep in entry_points
        ],
        "location": location(dist),
        "editable_project_location": (
            _editable_location(direct_url) if editable else None
        ),
        "metadata_path": str(dist) if isinstance(dist, PathDistribution) else None,
        "installer": (installer or "").strip() or None,
        "direct_url": direct_url,
        "editable": editable,
        "file_count": None if files is None else len(files),
    }


def _editable_location(direct_url: dict[str, object] | None) -> str | None:
    """Return the project directory of an editable install, from its ``file:`` URL.

    Percent escapes are decoded as UTF-8, and a Windows drive keeps no
    leading slash (``file:///C:/src`` is ``C:/src``); ``None`` for a URL
    that names no local directory.
    """
    url = direct_url.get("url") if direct_url else None
    if not isinstance(url, str) or not url.startswith("file:"):
        return None
    path = url[len("file:") :]
    if path.startswith("//"):
        host, _, rest = path[2:].partition("/")
        if host not in ("", "localhost"):
            return None  # a network share: not a local path
        path = "/" + rest
    decoded = re.sub(
        b"%([0-9A-Fa-f]{2})",
        lambda escape: bytes.fromhex(escape[1].decode("ascii")),
        path.encode("utf-8"),
    ).decode("utf-8", "replace")
    if re.match(r"/[A-Za-z]:", decoded):
        decoded = decoded[1:]
    return decoded


def _project_url(value: str) -> dict[str, str]:
    """Split a ``Project-URL`` field, ``label, url`` (a bare URL has no label)."""
    label, comma, url = value.partition(",")
    if not comma:
        return {"label": "", "url": value.strip()}
    return {"label": label.strip(), "url": url.strip()}


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


def _home_page(summary: dict[str, object]) -> str:
    """Return ``Home-page``, else the ``Project-URL`` labelled as the home page."""
    if summary["home_page"]:
        return str(summary["home_page"])
    urls = summary["project_urls"]
    for url in urls if isinstance(urls, list) else ():
        if normalize(url["label"]) in ("homepage", "home_page"):
            return str(url["url"])
    return ""


def _write_summary(summary: dict[str, object]) -> None:
    def text(key: str) -> str:
        return _text(summary[key])

    license_text = text("license")
    if "\n" in license_text:  # some projects paste the whole license here
        license_text = license_text.split("\n", 1)[0].rstrip() + " ..."
    fields = [
        ("Name", text("name")),
        ("Version", text("version")),
        ("Summary", text("summary")),
        ("Home-page", _home_page(summary)),
        ("Author", text("author")),
        ("Author-email", text("author_email")),
    ]
    for label, key in (
        ("Maintainer", "maintainer"),
        ("Maintainer-email", "maintainer_email"),
    ):
        if summary[key] is not None:
            fields.append((label, text(key)))
    fields.append(("License", license_text))
    if summary["license_expression"] is not None:
        fields.append(("License-Expression", text("license_expression")))
    fields.append(("Requires-Python", text("requires_python")))
    fields.append(("Location", text("location")))
    if summary["editable_project_location"] is not None:
        fields.append(("Editable project location", text("editable_project_location")))
    fields.append(("Metadata", text("metadata_path")))
    fields.append(("Installer", text("installer")))
    fields.append(("Origin", _origin(summary)))
    fields.append(("Files", text("file_count")))
    for label, value in fields:
        write(f"{label}: {value}".rstrip())
    evaluated = summary["markers_evaluated"]
    write("Requires:")
    requires = summary["requires"]
    for requirement in requires if isinstance(requires, list) else ():
        # a marker that held says nothing more; one not evaluated is shown
        shown = parse_requirement(requirement).without_marker if evaluated else ""
        write(f"  {shown or requirement}")
    write("Required-by:")
    required_by = summary["required_by"]
    for requirer in required_by if isinstance(required_by, list) else ():
        write(f"  {requirer}")
    if not evaluated:
        write(
            "Markers: not evaluated (packaging>=22 is not installed): each"
            " requirement above counts, whatever its marker says"
        )
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
