"""Where an install came from: its PEP 610 ``direct_url.json``, read once per use.

``show`` (its ``Origin`` and editable location) and ``list`` (``--format
freeze``, ``--editable``) read the file the same way and warn the same way
when it cannot be used.
"""

from __future__ import annotations

import json

from .._errors import damaged
from .output import error, explain

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from .._distribution import Distribution

__all__ = ["read_direct_url"]


def read_direct_url(dist: Distribution) -> dict[str, object] | None:
    """Return the ``direct_url.json`` object of *dist*, or ``None``.

    A file that cannot be read, is no JSON, or holds no JSON object counts
    as absent, with one warning on stderr.
    """
    try:
        text = dist.read_text("direct_url.json")
    except damaged(KeyError) as exc:
        error(f"cannot read the direct_url.json of {dist}: {explain(exc)}")
        return None
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
