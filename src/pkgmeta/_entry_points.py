"""``EntryPoint``, ``EntryPoints`` and the ``entry_points.txt`` parser."""

from __future__ import annotations

from ._deprecations import (
    BY_INDEX,
    DICT_CONSTRUCTION,
    GROUPS_DICT,
    TUPLE_INTERFACE,
    warn_deprecated,
)
from ._sections import iter_section_lines

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True

if TYPE_CHECKING:
    import re
    from collections.abc import ItemsView, Iterator, ValuesView
    from typing import Any, Callable, Optional, Tuple, TypeVar

    _T = TypeVar("_T")

    from ._distribution import Distribution

    # module, attr, extras text (``"[a, b]"``) of a value
    _Components = Tuple[str, Optional[str], Optional[str]]
    _EntryPointTuple = Tuple["EntryPoint", ...]
else:
    _EntryPointTuple = tuple

# Imported where first needed, for ``import pkgmeta``'s time: re (for values
# that are not plain dotted words, and extras), importlib (``load()``) and
# copy (``__deepcopy__``, whose caller has loaded it).

__all__ = ["EntryPoint", "EntryPoints", "parse_entry_points"]

# The object reference grammar as importlib_metadata applies it: looser than
# the spec's data model (any \w, dots anywhere), lenient about whitespace
# around ":" and after the attribute and the extras.
_VALUE_GRAMMAR = (
    r"(?P<module>[\w.]+)\s*"
    r"(:\s*(?P<attr>[\w.]+)\s*)?"
    r"((?P<extras>\[.*\])\s*)?$"
)
_DATA_MODEL_URL = (
    "https://packaging.python.org/en/latest/specifications/entry-points/#data-model"
)

_compiled_grammar: re.Pattern[str] | None = None


def _value_pattern() -> re.Pattern[str]:
    """Return the compiled value grammar, compiling (and importing ``re``) once."""
    global _compiled_grammar  # a constant built on first use
    if _compiled_grammar is None:
        import re

        _compiled_grammar = re.compile(_VALUE_GRAMMAR)
    return _compiled_grammar


class _CompiledOnFirstUse:
    """Class attribute ``EntryPoint.pattern`` that compiles when first read.

    Code in the wild matches ``EntryPoint.pattern`` against values itself, so
    the attribute stays; compiling it lazily keeps ``re`` off the import path.
    """

    def __get__(self, instance: object, owner: type | None = None) -> re.Pattern[str]:
        return _value_pattern()


_NOT_SPACE_TO_RE = "\u180e"
"""Stripped by PyPy's ``str.strip()``, not matched by ``re``'s ``\\s``."""


def _is_dotted_words(text: str) -> bool:
    """Tell whether *text* matches ``[\\w.]+``.

    ``\\w`` of ``re`` on ``str`` is exactly ``str.isalnum()`` or ``_`` per
    character (both use ``Py_UNICODE_ISALNUM``), so mapping ``.`` and ``_``
    to a letter and asking ``isalnum()`` of the whole string decides it;
    ``isalnum()`` is False for ``""`` as ``+`` requires.
    """
    return text.replace(".", "a").replace("_", "a").isalnum()


def _parse_value(value: str) -> _Components:
    """Split an object reference into module, attr and the extras' text.

    Values without ``[`` (nearly all of them) are accepted with ``str``
    methods: the grammar then reduces to ``module [":" attr]`` with optional
    whitespace around ``:`` and at the end. Whatever that check does not
    accept (extras, or an invalid value) goes to the regular expression,
    which has the last word; the tests hold both to the same answers.
    PyPy's ``str.strip()`` also drops U+180E, which is no whitespace to
    ``isspace()`` or to ``\\s`` (since Unicode 6.3): such values go to the
    regular expression too.

    Raises:
        ValueError: *value* does not follow the grammar.
    """
    if "[" not in value and _NOT_SPACE_TO_RE not in value:
        head, colon, tail = value.partition(":")
        module = head.rstrip()
        attr = tail.strip() if colon else None
        if _is_dotted_words(module) and (attr is None or _is_dotted_words(attr)):
            return module, attr, None
    match = _value_pattern().match(value)
    if match is None:
        raise ValueError(f"Invalid object reference (see {_DATA_MODEL_URL})", value)
    return match.group("module"), match.group("attr"), match.group("extras")


def _immutable(*args: object) -> None:
    """Refuse attribute assignment and deletion (``__setattr__``/``__delattr__``)."""
    raise AttributeError("EntryPoint objects are immutable.")


class EntryPoint:
    """An entry point: a named object reference in a group, from one distribution.

    Immutable, hashable and ordered by ``(name, value, group)``. The value is
    only parsed when ``module``, ``attr``, ``extras`` or ``load()`` is used,
    so listing the entry points of a distribution with a malformed value
    works and only using that one entry point raises.

    ``__slots__`` nearly halves an instance (about 90 instead of 160
    bytes measured on 3.8 and 3.13) for hosts that list thousands of entry
    points; in exchange ``vars(entry_point)`` raises ``TypeError``.

    .. versionadded:: 0.1

    Args:
        name: The name it is declared under.
        value: The object reference, ``module[:attr] [extras]``; kept as
            given and not checked here.
        group: The group it belongs to.

    Attributes:
        name (str): The entry point's name (``pip`` in
            ``pip = pip._internal.cli.main:main``).
        value (str): The object reference as written
            (``pip._internal.cli.main:main``).
        group (str): The group it is declared in (``console_scripts``).
        dist (Distribution | None): The distribution that declares it;
            ``None`` for an entry point built by hand.
    """

    __slots__ = ("__weakref__", "_parsed", "dist", "group", "name", "value")

    name: str
    value: str
    group: str
    dist: Distribution | None
    _parsed: _Components

    pattern = _CompiledOnFirstUse()

    def __init__(self, name: str, value: str, group: str) -> None:
        _set_name(self, name)
        _set_value(self, value)
        _set_group(self, group)
        _set_dist(self, None)

    __setattr__ = _immutable
    __delattr__ = _immutable

    def _components(self) -> _Components:
        try:
            return self._parsed
        except AttributeError:
            parsed = _parse_value(self.value)
            _set_parsed(self, parsed)
            return parsed

    @property
    def module(self) -> str:
        """The module part of the value (``package.module``).

        Raises:
            ValueError: The value is not a valid object reference.
        """
        return self._components()[0]

    @property
    def attr(self) -> str | None:
        """The dotted attribute after ``:``, or ``None`` for a bare module.

        Raises:
            ValueError: The value is not a valid object reference.
        """
        return self._components()[1]

    @property
    def extras(self) -> list[str]:
        """The names listed in ``[...]`` after the reference; a new list each time.

        Raises:
            ValueError: The value is not a valid object reference.
        """
        extras = self._components()[2]
        if not extras:
            return []
        import re

        return re.findall(r"\w+", extras)

    def load(self) -> Any:
        """Import the module and return the object the value names.

        Returns:
            The object at ``attr`` inside ``module``, or the module itself
            when there is no ``attr``.

        Raises:
            ValueError: The value is not a valid object reference.
            TypeError: The module is relative (``.mod``): there is no
                package to resolve it against.
            ImportError: The module cannot be imported; whatever else the
                module raises while it is imported propagates too.
            AttributeError: The module has no such attribute.
        """
        from importlib import import_module

        module, attr, _ = self._components()
        loaded = import_module(module)
        for part in (attr or "").split("."):
            if part:  # "a..b" walks a and b, as the reference does
                loaded = getattr(loaded, part)
        return loaded

    def _for(self, dist: Distribution | None) -> EntryPoint:
        """Attach the distribution that declares this entry point; returns self."""
        _set_dist(self, dist)
        return self

    def matches(self, **params: Any) -> bool:
        """Tell whether every given attribute equals the given value.

        ``matches(group="console_scripts", name="pip")``; attributes are read
        in the order given and only until one differs, so ``module=`` on an
        entry point with a malformed value raises only when the earlier
        parameters matched.

        Args:
            **params: Attribute names and the values they must equal
                (``name``, ``value``, ``group``, ``module``, ``attr``,
                ``extras``).

        Returns:
            ``True`` when all of them are equal, including when *params*
            is empty.

        Raises:
            ValueError: ``dist`` is among *params*: distribution objects do
                not compare equal, select on ``Distribution.entry_points``
                instead. Also raised by ``module``, ``attr`` or ``extras``
                for a malformed value.
            AttributeError: A parameter names no attribute.
        """
        if "dist" in params:
            raise ValueError(
                '"dist" cannot be matched: distributions do not compare equal. '
                "Use select() on Distribution.entry_points of a located "
                "distribution instead."
            )
        return all(value == getattr(self, key) for key, value in params.items())

    def _key(self) -> tuple[str, str, str]:
        # Also what the __eq__ of importlib_metadata (and of the 3.11+ stdlib)
        # asks of the other operand, so theirs compare equal to ours.
        return self.name, self.value, self.group

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EntryPoint):
            return NotImplemented
        return self._key() == other._key()

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, EntryPoint):
            return NotImplemented
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"EntryPoint(name={self.name!r}, value={self.value!r}, "
            f"group={self.group!r})"
        )

    # The tuple shape of 3.8-3.11 (a namedtuple up to 3.9): kept, deprecated.

    def __getitem__(self, index: int) -> str:
        """Return ``(name, value, group)[index]``: the tuple interface of 3.8-3.11.

        .. deprecated:: 0.1
            Read ``name``, ``value`` and ``group`` instead.
        """
        warn_deprecated(TUPLE_INTERFACE, ".name, .value and .group")
        return self._key()[index]

    def __iter__(self) -> Iterator[object]:
        """Yield ``name``, then the entry point, so that ``dict(eps)`` maps names.

        .. deprecated:: 0.1
            Build the mapping yourself: ``{ep.name: ep for ep in eps}``.
        """
        warn_deprecated(DICT_CONSTRUCTION, "{ep.name: ep for ep in entry_points}")
        return iter((self.name, self))

    def __reduce__(self) -> tuple[type[EntryPoint], tuple[str, str, str]]:
        # The distribution is left out: it holds paths and caches that need
        # not survive a round trip (as the stdlib of 3.10 does).
        return self.__class__, self._key()

    def __copy__(self) -> EntryPoint:
        """Return a copy with the same ``dist``, which ``__reduce__`` leaves out.

        ``copy`` would use ``__reduce__`` and lose it; the references (a
        ``__dict__``) keep it.
        """
        clone: EntryPoint = object.__new__(type(self))
        _set_name(clone, self.name)
        _set_value(clone, self.value)
        _set_group(clone, self.group)
        _set_dist(clone, self.dist)
        extra = getattr(self, "__dict__", None)  # a subclass without __slots__
        if extra:
            vars(clone).update(extra)
        return clone

    def __deepcopy__(self, memo: dict[int, Any]) -> EntryPoint:
        """Return a copy holding a deep copy of ``dist``, as the references do."""
        import copy  # loaded already: the caller is copy.deepcopy

        clone = self.__copy__()
        memo[id(self)] = clone
        _set_dist(clone, copy.deepcopy(self.dist, memo))
        extra = getattr(self, "__dict__", None)
        if extra:
            vars(clone).update(copy.deepcopy(extra, memo))
        return clone


# Slot setters that bypass the immutability guard; used only in this module.
_SLOTS = vars(EntryPoint)
_set_name: Callable[[EntryPoint, str], None] = _SLOTS["name"].__set__
_set_value: Callable[[EntryPoint, str], None] = _SLOTS["value"].__set__
_set_group: Callable[[EntryPoint, str], None] = _SLOTS["group"].__set__
_set_dist: Callable[[EntryPoint, Distribution | None], None] = _SLOTS["dist"].__set__
_set_parsed: Callable[[EntryPoint, _Components], None] = _SLOTS["_parsed"].__set__
del _SLOTS


class EntryPoints(_EntryPointTuple):
    """An immutable sequence of entry points, indexed by entry point *name*.

    ``entry_points["pip"]`` is the first entry point named ``pip``, as in
    importlib_metadata 5+ and Python 3.12+.

    The shapes of older stdlibs work too, each with a ``DeprecationWarning``
    naming the modern spelling: an integer index (3.10/3.11), and the dict
    of groups ``entry_points()`` was on 3.8-3.11: ``eps["console_scripts"]``
    where no entry point has that name, ``get``, ``values``, ``items``, and
    ``"group" in eps``. Iterating and ``len()`` are the tuple's: entry
    points, not groups; there is no ``keys()``, so that ``dict(eps)`` maps
    names to entry points as it did (see docs/as-importlib-metadata.md).

    .. versionadded:: 0.1
    """

    __slots__ = ()

    def __getitem__(self, name: str) -> EntryPoint:  # type: ignore[override]
        """Return the first entry point called *name*.

        Args:
            name: The entry point name, compared exactly (case and all).

        Returns:
            The first entry point, in order, whose ``name`` equals *name*.
            Deprecated: an ``int`` indexes the tuple; a group name that no
            entry point is called gives that group's entry points.

        Raises:
            KeyError: No entry point has that name, and no group either.
        """
        index: object = name  # typed str: an index is the deprecated shape
        if isinstance(index, int):
            warn_deprecated(BY_INDEX, f"tuple(entry_points)[{index!r}], or iterate")
            return tuple.__getitem__(self, index)
        for entry_point in self:
            if name == entry_point.name:
                return entry_point
        group = self._group(name)
        if group:
            warn_deprecated(GROUPS_DICT, f"entry_points(group={name!r})")
            return group  # type: ignore[return-value]
        raise KeyError(name)

    def _group(self, group: object) -> EntryPoints:
        return EntryPoints([ep for ep in self if group == ep.group])

    def _by_group(self) -> dict[str, EntryPoints]:
        """The dict of groups ``entry_points()`` was before 3.12, sorted by group."""
        lists: dict[str, list[EntryPoint]] = {}
        for entry_point in self:
            lists.setdefault(entry_point.group, []).append(entry_point)
        return {group: EntryPoints(lists[group]) for group in sorted(lists)}

    def get(self, group: str, default: _T | None = None) -> EntryPoints | _T | None:
        """Return the entry points of *group*, or *default*: ``dict.get`` of 3.8-3.11.

        .. deprecated:: 0.1
            Use ``entry_points(group=...)`` or ``select(group=...)``; an
            empty result means none.
        """
        warn_deprecated(GROUPS_DICT, f"entry_points(group={group!r})")
        return self._group(group) or default

    def values(self) -> ValuesView[EntryPoints]:
        """Return each group's entry points, by sorted group: ``dict.values``.

        .. deprecated:: 0.1
            Use ``select(group=...)`` for each of ``groups``.
        """
        warn_deprecated(GROUPS_DICT, "select(group=...) for each of .groups")
        return self._by_group().values()

    def items(self) -> ItemsView[str, EntryPoints]:
        """Return ``(group, entry points)`` pairs, sorted: ``dict.items``.

        .. deprecated:: 0.1
            Use ``select(group=...)`` for each of ``groups``.
        """
        warn_deprecated(GROUPS_DICT, "select(group=...) for each of .groups")
        return self._by_group().items()

    def __contains__(self, item: object) -> bool:
        """Whether *item* is one of the entry points; a ``str`` is a group name.

        A string is never an entry point, so the dict of groups' ``in`` of
        3.8-3.11 is served for it (deprecated: use ``.groups``).
        """
        if isinstance(item, str):
            warn_deprecated(GROUPS_DICT, f"{item!r} in entry_points().groups")
            return any(item == ep.group for ep in self)
        return tuple.__contains__(self, item)

    def __repr__(self) -> str:
        # Spelled as a constructor call to show that this is not a plain tuple.
        return f"{self.__class__.__name__}({tuple(self)!r})"

    def select(self, **params: Any) -> EntryPoints:
        """Return the entry points whose attributes equal all of *params*.

        Each entry point is tested with ``matches``, so its errors surface
        here, but only when there is an entry point to test; ``group=``
        alone never raises.

        Args:
            **params: Attribute values to match, typically ``group`` and/or
                ``name`` (see ``EntryPoint.matches``).

        Returns:
            The matching entry points, in order.

        Raises:
            ValueError: ``dist`` is among *params*, or ``module``, ``attr``
                or ``extras`` meets a malformed value (see ``matches``).
            AttributeError: A parameter names no attribute.
        """
        if len(params) == 1 and "group" in params:
            # The hot path of entry_points(group=...): same test as matches().
            group = params["group"]
            return EntryPoints([ep for ep in self if group == ep.group])
        return EntryPoints([ep for ep in self if ep.matches(**params)])

    @property
    def names(self) -> set[str]:
        """The distinct names of the entry points."""
        return {entry_point.name for entry_point in self}

    @property
    def groups(self) -> set[str]:
        """The distinct groups of the entry points."""
        return {entry_point.group for entry_point in self}


def parse_entry_points(text: str | None) -> list[EntryPoint]:
    """Parse an ``entry_points.txt`` into entry points, in file order.

    The format is INI-like: ``[group]`` lines open a group and each
    ``name = value`` line in it declares an entry point. Lines are split
    and sectioned by ``_sections.iter_section_lines`` with
    ``skip_comments=True``; name and value are split at the first ``=`` and
    stripped. Lines before the first group are ignored. Duplicate names are
    all kept. Values are not checked here (see ``EntryPoint``).

    Deliberate difference: a line without ``=`` inside a group makes the
    reference raise (``TypeError``) out of the whole ``entry_points()``
    listing, so one broken distribution hides every plugin of every host;
    here that line alone is skipped.

    >>> parse_entry_points("[console_scripts]\\nfoo = foo.cli:main\\nbroken")
    [EntryPoint(name='foo', value='foo.cli:main', group='console_scripts')]

    Args:
        text: The contents of ``entry_points.txt``, or ``None`` when the
            distribution has none.

    Returns:
        The entry points, without a distribution attached.
    """
    entry_points: list[EntryPoint] = []
    if not text:
        return entry_points
    new = EntryPoint.__new__
    append = entry_points.append
    for group, line in iter_section_lines(text, skip_comments=True):
        if group is None:
            continue
        name, equals, value = line.partition("=")
        if not equals:
            continue
        # The line is stripped already: only the inner sides need it.
        entry_point = new(EntryPoint)
        _set_name(entry_point, name.rstrip())
        _set_value(entry_point, value.lstrip())
        _set_group(entry_point, group)
        _set_dist(entry_point, None)
        append(entry_point)
    return entry_points
