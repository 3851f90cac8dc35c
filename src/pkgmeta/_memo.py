"""Results of environment-wide calls, kept while `sys.path` metadata is unchanged."""

from __future__ import annotations

from ._finder import search_state

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeVar

    from ._finder import _PathIndex

    T = TypeVar("T")

__all__ = ["memoized"]

# kind of result -> (search_state() it was computed under, the result)
_results: dict[str, tuple[object, object]] = {}


def memoized(
    kind: str, compute: Callable[[tuple[_PathIndex | None, ...] | None], T]
) -> T:
    """Return ``compute(indexes)``, reusing the last result while the state holds.

    Plugin hosts call ``entry_points(group=...)`` many times per process;
    the answer can only change when a ``sys.path`` entry, its listing or
    ``sys.meta_path`` does, which ``search_state()`` captures (see
    ``docs/caching.md`` for when a change becomes visible). Results are
    shared between callers, so they must be immutable or copied by the caller.

    *compute* is given the very indexes the state is made of (to search
    with ``_finder.distributions_in``), or ``None`` for a default search.
    """
    state = search_state()
    if state is None:  # a foreign finder is involved: nothing can be kept
        return compute(None)
    cached = _results.get(kind)
    if cached is not None and _same_state(cached[0], state):
        return cached[1]  # type: ignore[return-value]
    # Search the very indexes the state holds, not sys.path again: a change
    # of sys.path, an invalidation or a rebuilt index meanwhile (another
    # thread's) cannot file this result under a state it was not read from.
    result = compute(state)
    _results[kind] = (state, result)
    return result


def _same_state(old: object, new: tuple[object, ...]) -> bool:
    """Compare two states by index identity (indexes are never mutated)."""
    if not isinstance(old, tuple) or len(old) != len(new):
        return False
    return all(a is b for a, b in zip(old, new))
