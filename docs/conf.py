"""Sphinx configuration: furo, MyST pages, autodoc of ``pkgmeta.__all__``, offline."""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# `nox -s docs` installs pkgmeta; a bare `sphinx-build docs ...` in a checkout
# documents the source tree instead.
try:
    import pkgmeta
except ImportError:
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
    import pkgmeta

project = "pkgmeta"
author = "The pkgmeta developers"
copyright = "the pkgmeta developers"
release = pkgmeta.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",  # the Google-style Args/Returns/Raises sections
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"pkgmeta {release}"
# Tables that fit the text column (tools/docs_widths.py measures them).
html_static_path = ["_static"]
html_css_files = ["tables.css"]

# -- autodoc -----------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_preserve_defaults = True
# Types in the parameter lists keep the signatures short enough to read.
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False

# The annotations are strings (`from __future__ import annotations`) whose
# names are imported only under TYPE_CHECKING, so autodoc shows them as
# written. pkgmeta's own names resolve against the API page; what is left is
# the stdlib, which has no target here because intersphinx (the network) is
# off. Those are listed, not silenced wholesale, so that a typo in a
# cross-reference to pkgmeta still fails the build.
nitpick_ignore_regex = [
    # stdlib modules and their classes: os.PathLike, pathlib.PurePosixPath, ...
    (r"py:(class|obj|exc|mod)", r"(os|pathlib|types|re|abc|collections\.abc)(\..+)?"),
]
nitpick_ignore = [
    ("py:class", "SimpleNamespace"),  # types.SimpleNamespace, imported by name
]


def _check_all_documented(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn (an error under -W) for any name of ``pkgmeta.__all__`` not documented."""
    from sphinx.util import logging

    objects = env.get_domain("py").objects  # type: ignore[attr-defined]
    missing = [name for name in pkgmeta.__all__ if f"pkgmeta.{name}" not in objects]
    if missing:
        logging.getLogger(__name__).warning(
            "pkgmeta.__all__ names missing from the API reference: %s",
            ", ".join(missing),
        )


# A page named by its path in the repository (``docs/caching.md``), as
# docstrings do for readers of help() and the source, and as the generated
# performance page does: in the built docs it becomes a link to that page.
_PAGE_PATH = re.compile(r"(``|`)?\bdocs/([a-z0-9_-]+)\.md\b(?(1)\1)")
# What a Markdown page's path must not be rewritten in: fenced code, and links
# (whose text or target may already be the path).
_KEEP = re.compile(
    r"^(```|~~~).*?^\1|\[[^\]\n]*\]\([^)\n]*\)", re.DOTALL | re.MULTILINE
)


def _link_docstring_paths(
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    """Turn ``docs/<page>.md`` in a docstring into a reference to the page."""
    lines[:] = [_PAGE_PATH.sub(r":doc:`\2`", line) for line in lines]


def _link_page_paths(app: Sphinx, docname: str, source: list[str]) -> None:
    """Turn `docs/<page>.md` in a Markdown page into a link to the page."""
    if app.env.doc2path(docname).suffix != ".md":
        return
    text, start = source[0], 0
    parts: list[str] = []
    for kept in _KEEP.finditer(text):
        parts += [_PAGE_PATH.sub(r"[](\2.md)", text[start : kept.start()]), kept[0]]
        start = kept.end()
    source[0] = "".join([*parts, _PAGE_PATH.sub(r"[](\2.md)", text[start:])])


def setup(app: Sphinx) -> None:
    """Register the completeness check of the API reference and the page links."""
    app.connect("env-check-consistency", _check_all_documented)
    app.connect("autodoc-process-docstring", _link_docstring_paths)
    app.connect("source-read", _link_page_paths)
