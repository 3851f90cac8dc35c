"""What the CLI tests install: wheel layouts with a true RECORD, foreign finders.

:func:`installed` returns the nested-dict tree (for ``helpers.build_tree``)
that a wheel installer leaves behind, ``RECORD`` included, so that ``verify``
has something true to check and tests can then break it.
"""

from __future__ import annotations

import base64
import hashlib
import os
from typing import Iterator, Mapping

import pkgmeta
from helpers import Tree


def digest(data: bytes, algorithm: str = "sha256") -> str:
    """Return a RECORD hash column: ``algorithm=`` urlsafe base64, no padding."""
    raw = hashlib.new(algorithm, data).digest()
    return f"{algorithm}={base64.urlsafe_b64encode(raw).rstrip(b'=').decode()}"


def metadata(name: str, version: str, *extra: str) -> str:
    """Return a METADATA text with *extra* header lines after the name and version."""
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}", *extra]
    return "\n".join(lines) + "\n"


def installed(
    name: str,
    version: str,
    modules: Mapping[str, str | bytes] | None = None,
    *,
    meta: str | None = None,
    info: Mapping[str, str | bytes] | None = None,
    extra_rows: tuple[str, ...] = (),
) -> Tree:
    """Return a site directory's content after installing one wheel.

    Args:
        name: The project name (also used for the directory name).
        version: Its version.
        modules: Files beside the metadata directory, ``path: content``
            (``pkg/__init__.py``); all of them are recorded with a hash.
        meta: The METADATA text; :func:`metadata` of name and version if
            ``None``.
        info: More files in the ``.dist-info`` directory (recorded too).
        extra_rows: RECORD lines appended as they are.
    """
    # installers escape the name: "-" would end it early (spec: binary format)
    info_dir = f"{name.replace('-', '_')}-{version}.dist-info"
    files: dict[str, bytes] = {}
    for path, content in (modules or {}).items():
        files[path] = content.encode("utf-8") if isinstance(content, str) else content
    info_files = {"METADATA": meta if meta is not None else metadata(name, version)}
    info_files.update(info or {})
    for path, content in info_files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        files[f"{info_dir}/{path}"] = data
    rows = [f"{path},{digest(data)},{len(data)}" for path, data in files.items()]
    rows.append(f"{info_dir}/RECORD,,")
    rows.extend(extra_rows)
    tree: Tree = {}
    for path, data in files.items():
        *parents, leaf = path.split("/")
        node = tree
        for parent in parents:
            node = node.setdefault(parent, {})  # type: ignore[assignment]
        node[leaf] = data
    tree[info_dir]["RECORD"] = "\n".join(rows) + "\n"  # type: ignore[index]
    return tree


class MemoryDistribution(pkgmeta.Distribution):
    """A distribution a custom finder serves from memory: no files, no location."""

    def __init__(self, text: str) -> None:
        self._text = text

    def read_text(self, filename: str | os.PathLike[str]) -> str | None:
        return self._text if filename == "METADATA" else None

    def locate_file(self, path: str | os.PathLike[str]) -> pkgmeta.SimplePath:
        raise NotImplementedError("nothing is installed on disk")


class MemoryFinder:
    """A foreign ``sys.meta_path`` finder knowing one name (9.9), or failing.

    Args:
        name: The one distribution it reports; ``None`` makes every query
            raise ``RuntimeError``.
    """

    def __init__(self, name: str | None) -> None:
        self.name = name

    def find_distributions(
        self, context: pkgmeta.DistributionFinder.Context
    ) -> Iterator[MemoryDistribution]:
        if self.name is None:
            raise RuntimeError("finder is broken")
        if context.name == self.name:
            yield MemoryDistribution(metadata(self.name, "9.9"))
