"""Which requirements of a distribution hold here, and which distributions require one.

A ``Requires-Dist`` value (PEP 508, as ``Distribution.requires`` returns it,
egg-info ``requires.txt`` sections already turned into ``extra`` markers) is
split here by its outline: ``name [extras] (version | @ url) ; marker``.
Only the marker needs a real parser. Two forms are judged without one,
because an extra nobody asked for decides them: ``extra == "x"`` and a chain
of ``and`` holding it. Any other marker is evaluated with ``packaging``
(>= 22) when it can be imported; without it, the requirement is kept and
flagged as not evaluated (:attr:`Requirement.evaluated`), so that a caller
can say so. ``packaging`` is imported only then: it costs ~20 ms.

This is what ``show`` needs (Requires and Required-by, which work without
``packaging``). ``tree``, ``check`` and ``list --not-required`` compare
versions with specifiers, so their engine, ``_inspect.requirements``, needs
``packaging`` itself; it parses each requirement with it and asks
:func:`marker_applies` whether it holds. The API:

- :func:`marker_applies` -- does a marker hold here, for these extras? (the
  one rule, for every command);
- :func:`parse_requirement` -- one string to a :class:`Requirement`;
- :meth:`Requirement.applies` -- :func:`marker_applies` of its marker;
- :func:`applicable_requirements` -- those of a distribution that hold;
- :func:`required_by` -- the distributions whose requirements name one.
"""

from __future__ import annotations

import re

from .._distribution import present_metadata
from .._errors import damaged
from .._names import normalize

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable

    from packaging.markers import Marker

    from .._distribution import Distribution

# Imported where first needed: packaging.markers (a marker no shortcut decides).

__all__ = [
    "InvalidRequirement",
    "Requirement",
    "applicable_requirements",
    "marker_applies",
    "parse_requirement",
    "required_by",
]

# PEP 508: a name starts and ends with a letter or digit; extras in brackets.
_HEAD = re.compile(
    r"\s*(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*"
    r"(?:\[(?P<extras>[^\]]*)\])?\s*"
)
_STRINGS = re.compile(r"\"[^\"]*\"|'[^']*'")
# `extra == "x"`, the marker of every optional requirement, either quote
_EXTRA_TERM = re.compile(r"\s*extra\s*==\s*(?:\"([^\"]*)\"|'([^']*)')\s*")


class InvalidRequirement(ValueError):
    """A requirement string, or its marker, that is not PEP 508."""


class Requirement:
    """One requirement, split by PEP 508's outline.

    Attributes:
        text: The string as the metadata writes it.
        name: The project required, as written.
        key: *name* normalized, to compare with other names.
        extras: The extras asked of the project required (``name[a,b]``).
        marker: The text after ``;``, or ``None``.
    """

    __slots__ = ("extras", "key", "marker", "name", "text")

    def __init__(
        self, text: str, name: str, extras: tuple[str, ...], marker: str | None
    ) -> None:
        self.text = text
        self.name = name
        self.key = normalize(name)
        self.extras = extras
        self.marker = marker

    def __repr__(self) -> str:
        return f"Requirement({self.text!r})"

    @property
    def without_marker(self) -> str:
        """The requirement with its marker dropped: what holds, once it holds."""
        if self.marker is None:
            return self.text.strip()
        return self.text[: self.text.rindex(";")].strip()

    @property
    def evaluated(self) -> bool:
        """Whether :meth:`applies` judges the marker (else it answers ``None``)."""
        return (
            self.marker is None
            or _decided_by_extras(self.marker, ()) is not None
            or _marker_type() is not None
        )

    def applies(self, extras: Collection[str] = ()) -> bool | None:
        """Whether the requirement holds here, for a distribution with *extras*.

        :func:`marker_applies` of its marker.

        Raises:
            InvalidRequirement: The marker is not PEP 508, or cannot be
                evaluated; the message starts with the requirement.
        """
        try:
            return marker_applies(self.marker, extras)
        except InvalidRequirement as exc:
            raise InvalidRequirement(f"{self.text!r}: {exc}") from exc.__cause__


def marker_applies(
    marker: str | Marker | None, extras: Collection[str] = ()
) -> bool | None:
    """Whether a requirement with *marker* holds here, with *extras* asked.

    The one rule of which requirements apply, for ``show``, ``tree``,
    ``check`` and ``list --not-required``. The marker is evaluated for the
    running interpreter, once without an extra and once with each of
    *extras*; it holds if one of them is true. Extra names compare
    normalized (PEP 685), in the shortcut as in ``packaging`` (>= 22).
    An extra that is not asked for decides ``extra == "x"``, and a chain of
    ``and`` holding it, without evaluating the rest.

    >>> marker_applies('python_version < "1" and extra == "test"', ["Test"])
    False
    >>> marker_applies("extra == 'Fast_Path'", ["fast.path"])
    True

    Args:
        marker: The text after ``;``, or a parsed ``packaging`` marker (the
            engine's), or ``None`` (no marker: it holds).
        extras: The extras asked of the distribution that requires.

    Returns:
        ``True`` or ``False``; ``None`` when a marker given as text cannot
        be evaluated here (no ``packaging`` >= 22), never for a parsed one.

    Raises:
        InvalidRequirement: The marker is not PEP 508, or cannot be
            evaluated (a comparison or a variable ``packaging`` has no rule
            for); the message is ``packaging``'s.
    """
    if marker is None:
        return True
    decided = _decided_by_extras(str(marker), extras)
    if decided is not None:
        return decided
    try:
        if isinstance(marker, str):
            marker_type = _marker_type()
            if marker_type is None:
                return None
            marker = marker_type(marker)
        return any(marker.evaluate({"extra": extra}) for extra in ("", *extras))
    except ValueError as exc:  # InvalidMarker, UndefinedComparison, ...
        raise InvalidRequirement(str(exc)) from exc


def parse_requirement(text: str) -> Requirement:
    """Split one ``Requires-Dist`` value (no version or marker is validated).

    >>> parse_requirement('Foo.Bar[x, y] >=1; python_version < "3"').key
    'foo_bar'

    Raises:
        InvalidRequirement: *text* does not start with a project name.
    """
    head = _HEAD.match(text)
    if head is None:
        raise InvalidRequirement(f"{text!r}: no project name at its start")
    rest = text[head.end() :]
    extras = tuple(
        part.strip() for part in (head.group("extras") or "").split(",") if part.strip()
    )
    if rest.startswith("@"):
        # a URL may hold ";": the marker of a URL requirement follows a space
        found = re.search(r"\s;", rest)
        at = -1 if found is None else found.start() + 1
    else:
        at = rest.find(";")
    marker = None if at < 0 else rest[at + 1 :].strip() or None
    return Requirement(text, head.group("name"), extras, marker)


def applicable_requirements(
    dist: Distribution,
    extras: Collection[str] = (),
    on_invalid: Callable[[InvalidRequirement], None] | None = None,
) -> list[Requirement]:
    """Return the requirements of *dist* that hold here, in metadata order.

    A requirement whose marker cannot be evaluated is kept (its
    :attr:`~Requirement.evaluated` is false); an invalid one is left out and
    given to *on_invalid*.

    Args:
        dist: The distribution whose requirements are read.
        extras: The extras it is installed with (none by default).
        on_invalid: Called with what is wrong with each invalid requirement.

    Raises:
        What reading ``dist.requires`` raises (``_errors.damaged``).
    """
    chosen = []
    for text in dist.requires or ():
        try:
            requirement = parse_requirement(text)
            holds = requirement.applies(extras)
        except InvalidRequirement as exc:
            if on_invalid is not None:
                on_invalid(exc)
            continue
        if holds is not False:
            chosen.append(requirement)
    return chosen


def required_by(
    name: str,
    dists: Iterable[Distribution],
    on_skip: Callable[[Distribution, BaseException], None] | None = None,
) -> list[tuple[str, Requirement]]:
    """Return the distributions among *dists* whose requirements name *name*.

    Only requirements that hold count, each requirer without extras (as
    installers count them): ``foo; python_version < "3"`` does not make
    ``foo`` required on Python 3. A requirement whose marker cannot be
    evaluated counts, with :attr:`~Requirement.evaluated` false; an invalid
    one does not.

    Args:
        name: Any spelling of the project name.
        dists: The distributions to look through, one per project
            (``targets.installed``); *name*'s own is passed over.
        on_skip: Called with each distribution whose metadata or
            requirements cannot be read, which is then passed over.

    Returns:
        ``(requirer's Name, its requirement)`` pairs, sorted by name
        without regard to case.
    """
    key = normalize(name)
    found = []
    for dist in dists:
        try:
            requirer = present_metadata(dist).get("Name")
            if requirer is None or normalize(requirer) == key:
                continue
            texts = dist.requires or ()
        except damaged(KeyError) as exc:
            if on_skip is not None:
                on_skip(dist, exc)
            continue
        for text in texts:
            head = _HEAD.match(text)  # the name first: most requirements are others'
            if head is None or normalize(head.group("name")) != key:
                continue
            try:
                requirement = parse_requirement(text)
                holds = requirement.applies()
            except InvalidRequirement:
                continue
            if holds is not False:
                found.append((requirer, requirement))
                break
    found.sort(key=lambda pair: pair[0].lower())
    return found


def _decided_by_extras(marker: str, extras: Collection[str]) -> bool | None:
    """Judge a marker that an extra decides, without a parser; else ``None``.

    ``extra == "x"`` holds when *x* is asked for. In a chain of ``and``
    (no ``or``, no parentheses) such a term not asked for makes the whole
    false, whatever the rest says.

    >>> _decided_by_extras('python_version < "3.8" and extra == "test"', ())
    False
    >>> _decided_by_extras("extra == 'Fast_Path'", ["fast-path"])
    True
    """
    # Quoted strings blanked, same length: no keyword inside them counts.
    bare = _STRINGS.sub(lambda found: '"' + " " * (len(found[0]) - 2) + '"', marker)
    if "(" in bare or re.search(r"\bor\b", bare):
        return None
    terms, start = [], 0
    for found in re.finditer(r"\band\b", bare):
        terms.append(marker[start : found.start()])
        start = found.end()
    terms.append(marker[start:])
    wanted = {normalize(extra) for extra in extras}
    asked = []
    for term in terms:
        extra = _EXTRA_TERM.fullmatch(term)
        if extra is not None:
            if normalize(extra[1] or extra[2] or "") not in wanted:
                return False
            asked.append(term)
    return True if terms == asked and len(terms) == 1 else None


_MARKER_TYPE: list[type[Marker] | None] = []  # looked for once


def _marker_type() -> type[Marker] | None:
    """Return ``packaging.markers.Marker`` (packaging >= 22), or ``None``."""
    if not _MARKER_TYPE:
        try:
            from packaging import __version__, markers
        except ImportError:
            _MARKER_TYPE.append(None)
        else:
            major = __version__.partition(".")[0]
            recent = major.isdigit() and int(major) >= 22
            _MARKER_TYPE.append(markers.Marker if recent else None)
    return _MARKER_TYPE[0]
