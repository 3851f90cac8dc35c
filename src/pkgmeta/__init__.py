"""pkgmeta: read the metadata of installed Python distributions, fast.

A drop-in for ``importlib.metadata`` with the newest behaviour (that of
``importlib_metadata``) on every CPython from 3.8::

    from pkgmeta import version, entry_points

    version("pip")
    entry_points(group="console_scripts")

Importing pkgmeta installs nothing and patches nothing; names whose modules
are costly to import (``PackagePath`` needs ``pathlib``, the protocols
``typing``) load on first use.
"""

from __future__ import annotations

from ._api import (
    distribution,
    distributions,
    entry_points,
    files,
    metadata,
    packages_distributions,
    requires,
    version,
)
from ._distribution import Distribution, DistributionFinder, PathDistribution
from ._entry_points import EntryPoint, EntryPoints
from ._errors import MetadataNotFound, PackageNotFoundError
from ._finder import MetadataPathFinder

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from typing import Any

    from ._files import FileHash, PackagePath
    from ._protocols import IDistribution, IPackagePath, PackageMetadata, SimplePath

__version__ = "0.1.0"

__all__ = [
    "Distribution",
    "DistributionFinder",
    "EntryPoint",
    "EntryPoints",
    "FileHash",
    "IDistribution",
    "IPackagePath",
    "MetadataNotFound",
    "MetadataPathFinder",
    "PackageMetadata",
    "PackageNotFoundError",
    "PackagePath",
    "PathDistribution",
    "SimplePath",
    "distribution",
    "distributions",
    "entry_points",
    "files",
    "metadata",
    "packages_distributions",
    "requires",
    "version",
]

# public name -> the private module that defines it, imported on first access
_LAZY = {
    "FileHash": "_files",
    "IDistribution": "_protocols",
    "IPackagePath": "_protocols",
    "PackagePath": "_files",
    "PackageMetadata": "_protocols",
    "SimplePath": "_protocols",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module_name}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
