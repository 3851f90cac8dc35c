"""What user code can write against pkgmeta's public API, checked by ``mypy --strict``.

Never run: ``nox -s typecheck`` type-checks this file under the oldest and the
newest Python. Lines marked ``# type: ignore[<code>]`` must stay errors:
``--strict`` turns on ``warn_unused_ignores``, so an ignore that stops being
needed (an API that got looser) fails the check as surely as a new error does.
"""

from __future__ import annotations

import importlib.metadata
import os
import pathlib
import sys
from typing import Any, Iterable, Iterator, List, Mapping, Optional, Sequence

import pkgmeta
from pkgmeta import (
    Distribution,
    DistributionFinder,
    EntryPoint,
    EntryPoints,
    FileHash,
    IDistribution,
    IPackagePath,
    MetadataNotFound,
    MetadataPathFinder,
    PackageMetadata,
    PackageNotFoundError,
    PackagePath,
    PathDistribution,
    SimplePath,
    distribution,
    distributions,
    entry_points,
    files,
    metadata,
    packages_distributions,
    requires,
    version,
)

# -- the functional API ------------------------------------------------------

v: str = version("pip")
meta: PackageMetadata = metadata("pip")
reqs: list[str] | None = requires("pip")
found: list[PackagePath] | None = files("pip")
dist: Distribution = distribution("pip")
every: Iterator[Distribution] = distributions()
on_path: Iterable[Distribution] = distributions(path=["/opt/plugins"], name="pip")
providers: Mapping[str, list[str]] = packages_distributions()
own_version: str = pkgmeta.__version__

# -- entry points ---------------------------------------------------------------

eps: EntryPoints = entry_points(group="console_scripts")
selected: EntryPoints = entry_points(group="console_scripts", name="pip")
everything: EntryPoints = entry_points()
ep: EntryPoint = eps["pip"]
loaded: Any = ep.load()
module: str = ep.module
attr: str | None = ep.attr
extras: list[str] = ep.extras
names: set[str] = eps.names
groups: set[str] = eps.groups
narrowed: EntryPoints = eps.select(module="pip._internal.cli.main")
matched: bool = ep.matches(group="console_scripts")
declared_by: Distribution | None = ep.dist
parts: tuple[str, str, str] = (ep.name, ep.value, ep.group)
first_by_iteration: EntryPoint = next(iter(eps))
made_by_hand = EntryPoint(name="tool", value="tool.cli:main", group="console_scripts")
for each in entry_points(group="myapp.plugins"):
    plugin_class: Any = each.load()

# -- metadata -------------------------------------------------------------------

name_field: str = meta["Name"]
summary: str | None = meta.get("Summary")
license_or_default: str = meta.get("License", "")
classifiers: list[Any] | None = meta.get_all("Classifier")
classifiers_or_empty: list[Any] = meta.get_all("Classifier", [])
as_json: dict[str, str | list[str]] = meta.json
has_summary: bool = "Summary" in meta
field_count: int = len(meta)
field_names: list[str] = list(meta)

# -- files ----------------------------------------------------------------------

if found is not None:
    p: PackagePath = found[0]
    text: str = p.read_text()
    data: bytes = p.read_binary()
    digest: FileHash | None = p.hash
    size: int | None = p.size
    where: SimplePath = p.locate()
    posix_parts: tuple[str, ...] = p.parts
    if digest is not None:
        algorithm: str = digest.mode
        encoded: str = digest.value

# -- distributions --------------------------------------------------------------

dist_name: str = dist.name
dist_version: str = dist.version
dist_meta: PackageMetadata = dist.metadata
dist_eps: EntryPoints = dist.entry_points
dist_files: list[PackagePath] | None = dist.files
dist_requires: list[str] | None = dist.requires
installer: str | None = dist.read_text("INSTALLER")
location: SimplePath = dist.locate_file("")
origin = dist.origin
if origin is not None:
    url: Any = origin.url
by_name: Distribution = Distribution.from_name("pip")
discovered: Iterator[Distribution] = Distribution.discover(name="pip")
in_context: Iterator[Distribution] = Distribution.discover(
    context=DistributionFinder.Context(name="pip", path=sys.path)
)
at_path: PathDistribution = Distribution.at("/site/pip-24.0.dist-info")
from_pathlib: PathDistribution = PathDistribution(pathlib.Path("/site/x.dist-info"))

# -- errors ---------------------------------------------------------------------

try:
    version("not-installed")
except PackageNotFoundError as exc:
    missing_name: str = exc.name
    also_import_error: ImportError = exc
try:
    metadata("half-uninstalled")
except MetadataNotFound as exc:
    also_file_error: FileNotFoundError = exc

# -- a custom distribution ----------------------------------------------------


class InMemoryDistribution(Distribution):
    """Metadata served from a dict, as a database- or archive-backed provider would."""

    def __init__(self, files: dict[str, str], root: pathlib.Path) -> None:
        self._files = files
        self._root = root

    def read_text(self, filename: str | os.PathLike[str]) -> str | None:
        return self._files.get(os.fspath(filename))

    def locate_file(self, path: str | os.PathLike[str]) -> pathlib.Path:
        # A pathlib.Path is a SimplePath: the narrower return type is allowed.
        return self._root / path


memory = InMemoryDistribution({"METADATA": "Name: mem\nVersion: 1\n"}, pathlib.Path())
memory_version: str = memory.version
memory_file: pathlib.Path = memory.locate_file("mem/__init__.py")


class HalfDistribution(Distribution):
    """Forgets locate_file: pkgmeta's Distribution is a strict ABC."""

    def read_text(self, filename: str | os.PathLike[str]) -> str | None:
        return None


HalfDistribution()  # type: ignore[abstract]
Distribution()  # type: ignore[abstract]


class StdlibStyleDistribution(Distribution):
    """``filename: str`` (the stdlib's typeshed signature) narrows the parameter."""

    def read_text(self, filename: str) -> str | None:  # type: ignore[override]
        return None

    def locate_file(self, path: str | os.PathLike[str]) -> SimplePath:
        return pathlib.Path(path)


# -- a custom finder ------------------------------------------------------------


class InMemoryFinder(DistributionFinder):
    """A finder for ``sys.meta_path`` that reports distributions it holds."""

    def __init__(self, dists: dict[str, Distribution]) -> None:
        self._dists = dists

    def find_distributions(
        self,
        context: DistributionFinder.Context = DistributionFinder.Context(),  # noqa: B008
    ) -> Iterable[Distribution]:
        wanted: str | None = context.name
        searched: list[str] = context.path  # sys.path unless the caller gave one
        if wanted is None or not searched:
            return list(self._dists.values())
        return [dist for key, dist in self._dists.items() if key == wanted]

    # pkgmeta's DistributionFinder is a plain ABC, not an importlib.abc
    # MetaPathFinder: a finder put on sys.meta_path supplies find_spec itself.
    def find_spec(self, fullname: str, path: Any, target: Any = None) -> None:
        return None


finder = InMemoryFinder({"mem": memory})
sys.meta_path.append(finder)
finder.invalidate_caches()
from_custom_context: Iterator[Distribution] = distributions(realm="private")
path_finder_dists: Iterator[PathDistribution] = MetadataPathFinder.find_distributions(
    DistributionFinder.Context(name="pip")
)
MetadataPathFinder.invalidate_caches()


# -- the Protocols as parameter types -----------------------------------------


def summary_of(meta: PackageMetadata) -> str:
    """Accepts pkgmeta's metadata and any other object of the same shape."""
    return meta.get("Summary") or meta["Name"]


def size_on_disk(path: SimplePath) -> int:
    """Accepts pathlib.Path, pkgmeta's zip paths, or a provider's own paths."""
    return len(path.read_bytes()) if path.exists() else 0


summary_of(metadata("pip"))
summary_of(distribution("pip").metadata)
size_on_disk(pathlib.Path("setup.cfg"))
size_on_disk(dist.locate_file("pip/__init__.py"))
if found is not None:
    size_on_disk(found[0].locate())


def maybe_files(name: str) -> Optional[List[PackagePath]]:  # noqa: UP006, UP045
    """``typing`` spellings of the same types work as well."""
    return files(name)


# -- mistakes mypy catches --------------------------------------------------------

wrong_type: int = version("pip")  # type: ignore[assignment]
version(b"pip")  # type: ignore[arg-type]
# EntryPoints is indexed by name only (the 3.12+ behaviour), never by position.
eps[0]  # type: ignore[index]
# files() and requires() may be None: check before indexing or iterating.
files("pip")[0]  # type: ignore[index]
for _requirement in requires("pip"):  # type: ignore[union-attr]
    pass
for _classifier in meta.get_all("Classifier"):  # type: ignore[union-attr]
    pass
# The metadata view is read-only.
meta["Name"] = "other"  # type: ignore[index]
# origin is None for distributions not installed from a direct URL.
dist.origin.url  # type: ignore[union-attr]
# A hash may be absent from RECORD.
if found is not None:
    found[0].hash.mode  # type: ignore[union-attr]
# pkgmeta's exceptions are its own classes, not the stdlib's.
stdlib_error: importlib.metadata.PackageNotFoundError = PackageNotFoundError(  # type: ignore[assignment]
    "x"
)


# -- the importlib_metadata 10 protocols ------------------------------------------

any_dist: IDistribution = distribution("pip")
any_path_dist: IDistribution = Distribution.at("/site/pip-24.0.dist-info")
any_files: Sequence[IPackagePath] | None = any_dist.files
if any_files:
    first_file: IPackagePath = any_files[0]
    file_of: IDistribution = first_file.dist
    file_parts: tuple[str, ...] = first_file.parts
    file_text: str = first_file.read_text()
    file_path: str = os.fspath(first_file)
    ours: IPackagePath = PackagePath("x.py")  # typed so; isinstance says no
any_meta: PackageMetadata = any_dist.metadata
any_name: str = any_dist.name
checked: bool = isinstance(dist, IDistribution) and isinstance(meta, PackageMetadata)


def takes_any(candidates: Iterable[IDistribution]) -> list[str]:
    """Code typed against the protocol accepts pkgmeta's distributions."""
    return [candidate.version for candidate in candidates]


versions: list[str] = takes_any(distributions())
