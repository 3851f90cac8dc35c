"""Sphinx configuration: furo, MyST pages, autodoc of ``pkgmeta.__all__``, offline."""

from __future__ import annotations

import os
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


def setup(app: Sphinx) -> None:
    """Register the completeness check of the API reference."""
    app.connect("env-check-consistency", _check_all_documented)
