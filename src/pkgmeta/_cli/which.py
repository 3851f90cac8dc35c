"""``which MODULE``: the distributions that provide an importable module."""

from __future__ import annotations

from .._api import distributions
from .._errors import damaged
from .._inspect.modules import Provider, find_provider
from .._top_level import module_suffixes
from .output import (
    EXIT_FAILED,
    EXIT_OK,
    error,
    location,
    write,
    write_json,
    write_table,
)
from .targets import Skips

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["run_which"]


def run_which(module: str, as_json: bool) -> int:
    """``which MODULE``: print the distributions that provide a module.

    Each distribution is asked how deep it provides the dotted name: its
    file list, then the project directory of an editable install, then
    ``top_level.txt`` (see ``_inspect.search.find_provider``). Those that
    go deepest answer: ``which sphinxcontrib.jquery`` names only
    sphinxcontrib-jquery though six distributions install files under
    ``sphinxcontrib``. When none of them holds the module's own file (an
    ``__init__``), the module is a namespace package and each is listed
    with the portions it provides. A broken distribution is skipped, with a
    line on stderr; every copy on the path is listed, the one imported first
    first.

    Returns:
        0; 1 when no installed distribution provides it.
    """
    parts = module.split(".")
    suffixes = module_suffixes()
    found: list[Provider] = []
    skips = Skips()
    seen = set()
    for dist in distributions():
        if str(dist) in seen:  # a directory twice on sys.path
            continue
        seen.add(str(dist))
        try:
            provider = find_provider(dist, parts, suffixes)
        except damaged(KeyError) as exc:
            skips.add(dist, exc)
            continue
        if provider is not None:
            found.append(provider)
    depth = max((provider.depth for provider in found), default=1)
    deepest = [provider for provider in found if provider.depth == depth]
    owners = [provider for provider in deepest if provider.kind != "portion"]
    namespace = bool(deepest) and not owners
    chosen = deepest if namespace else owners
    resolved = ".".join(parts[:depth])
    rows = [
        {
            "name": provider.name,
            "version": provider.version,
            "location": location(provider.dist),
            "found_by": provider.found_by,
            "path": provider.path,
            "portions": provider.portions if namespace else [],
        }
        for provider in chosen
    ]
    if as_json:
        write_json(
            {
                "module": resolved,
                "namespace": namespace,
                "distributions": rows,
                "skipped": skips.rows,
            }
        )
    else:
        skips.report()
        _write_providers(resolved, namespace, rows)
    if not rows:
        error(f"no installed distribution provides a top-level module {parts[0]!r}")
        return EXIT_FAILED
    return EXIT_OK


def _write_providers(
    module: str, namespace: bool, rows: Sequence[Mapping[str, object]]
) -> None:
    def text(row: Mapping[str, object], key: str) -> str:
        value = row[key]
        if isinstance(value, list):
            return ", ".join(value)
        return "" if value is None else str(value)

    if not namespace:
        write_table(
            ("Name", "Version", "Location"),
            [
                [text(row, key) for key in ("name", "version", "location")]
                for row in rows
            ],
        )
        return
    write(
        f"{module} is a namespace package: {len(rows)} "
        f"distribution{'s' if len(rows) != 1 else ''} provide portions of it"
    )
    columns = ("name", "version", "portions", "location")
    write_table(
        ("Name", "Version", "Portions", "Location"),
        [[text(row, key) for key in columns] for row in rows],
    )
