"""Which requirements of the installed distributions apply here, and what meets them.

The engine of ``tree``, ``check`` and ``list --not-required``, and the one
module of pkgmeta that needs ``packaging`` (the ``cli`` extra): requirements
are parsed by it, and version specifiers evaluated. Whether a requirement
applies here is ``_inspect.markers.marker_applies``, the rule ``show`` uses
too, given the marker packaging parsed. The library never loads this
module; the command line loads it through ``_cli.requirements.load_engine``,
which turns a missing ``packaging`` into one line of advice.

The small API, for any command that needs it:

- :func:`canonical_name`: the PEP 503 form a name is compared by;
- :func:`read_environment`: every installed distribution read once, with
  :meth:`Environment.required_by` (who requires a name) and the extras each
  distribution is asked for by the others (:meth:`Environment.requested_extras`).
"""

from __future__ import annotations

from packaging.requirements import InvalidRequirement, Requirement
from packaging.version import InvalidVersion, Version

from .._errors import damaged
from .._names import normalize
from . import markers
from .fields import name_and_version

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from collections.abc import Iterable

    from .._distribution import Distribution

__all__ = [
    "Edge",
    "Environment",
    "Installed",
    "canonical_name",
    "read_environment",
]


def canonical_name(name: str) -> str:
    """Return the PEP 503 name *name* is compared by, as pip prints it.

    ``_names.normalize``'s rule, spelled with ``-`` (``Foo_Bar.baz`` gives
    ``foo-bar-baz``), so that distributions and requirements are matched
    the way the path index matches metadata directories.
    """
    return normalize(name).replace("_", "-")


class Installed:
    """One installed distribution, its metadata read once.

    Attributes:
        dist: The distribution.
        name: Its ``Name`` field, as written.
        key: :func:`canonical_name` of it.
        version: Its ``Version`` field, as written.
        parsed_version: The PEP 440 version, ``None`` when it is not one.
        version_error: Why the version is not one, if it is not.
        requirements: Its requirements that parsed, in the order written.
        invalid: The requirement strings that did not parse, with why.
    """

    __slots__ = (
        "_by_extras",
        "dist",
        "invalid",
        "key",
        "name",
        "parsed_version",
        "requirements",
        "version",
        "version_error",
    )

    def __init__(self, dist: Distribution, name: str, version: str) -> None:
        self.dist = dist
        self.name = name
        self.key = canonical_name(name)
        self.version = version
        self.parsed_version: Version | None = None
        self.version_error: str | None = None
        try:
            self.parsed_version = Version(version)
        except InvalidVersion as exc:
            self.version_error = str(exc)
        self.requirements: list[Requirement] = []
        self.invalid: list[tuple[str, str]] = []
        self._by_extras: dict[frozenset[str], list[Edge]] = {}

    def __repr__(self) -> str:
        return f"<Installed {self.name}=={self.version}>"


class Edge:
    """One applicable requirement of an installed distribution.

    Attributes:
        requirer: Who requires.
        requirement: What it requires, as parsed.
        key: :func:`canonical_name` of the required project.
        target: The installed distribution of that name, ``None`` if absent.
    """

    __slots__ = ("key", "requirement", "requirer", "target")

    def __init__(
        self, requirer: Installed, requirement: Requirement, target: Installed | None
    ) -> None:
        self.requirer = requirer
        self.requirement = requirement
        self.key = canonical_name(requirement.name)
        self.target = target

    @property
    def extras(self) -> frozenset[str]:
        """The extras asked of the target (``foo[bar]``), normalized."""
        return frozenset(canonical_name(extra) for extra in self.requirement.extras)

    @property
    def specifier(self) -> str:
        """What is required of the version: ``>=1,<3``, ``@ URL``, or ``""``."""
        if self.requirement.url:
            return f"@ {self.requirement.url}"
        return str(self.requirement.specifier)

    @property
    def satisfied(self) -> bool:
        """Whether the target is installed in a version the specifier allows.

        Pre-releases are allowed, as ``pip check`` allows them; a version
        that is not PEP 440 meets only an empty specifier, and a URL
        requirement is met by any installed version.
        """
        target = self.target
        if target is None:
            return False
        specifier = self.requirement.specifier
        if not specifier or self.requirement.url:
            return True
        if target.parsed_version is None:
            return False
        return specifier.contains(target.parsed_version, prereleases=True)


class Environment:
    """The installed distributions, each read once, and the requirements among them.

    Attributes:
        installed: The distributions by :func:`canonical_name`, in search order.
        skipped: The distributions left out, unreadable or nameless, each
            with the error that says why.
        unevaluable: ``(requirer, requirement text, why)`` for markers that
            cannot be evaluated; such a requirement is taken not to apply.
    """

    def __init__(self) -> None:
        self.installed: dict[str, Installed] = {}
        self.skipped: list[tuple[Distribution, BaseException]] = []
        self.unevaluable: list[tuple[Installed, str, str]] = []
        self._requested: dict[str, frozenset[str]] | None = None
        self._requirers: dict[str, list[Edge]] | None = None

    def find(self, name: str) -> Installed | None:
        """Return the installed distribution of *name* (any spelling), if any."""
        return self.installed.get(canonical_name(name))

    def edges(self, node: Installed, extras: Iterable[str] = ()) -> list[Edge]:
        """Return *node*'s requirements that apply with *extras* asked of it.

        Each marker is judged once per set of extras, by
        ``markers.marker_applies``; one that cannot be evaluated is noted in
        :attr:`unevaluable` (once) and left out.
        """
        wanted = frozenset(extras)
        found = node._by_extras.get(wanted)
        if found is not None:
            return found
        found = []
        for requirement in node.requirements:
            try:
                applies = markers.marker_applies(requirement.marker, sorted(wanted))
            except markers.InvalidRequirement as exc:
                if not wanted:
                    self.unevaluable.append((node, str(requirement), str(exc)))
                continue
            if applies:
                target = self.installed.get(canonical_name(requirement.name))
                found.append(Edge(node, requirement, target))
        node._by_extras[wanted] = found
        return found

    def requested_extras(self) -> dict[str, frozenset[str]]:
        """Return the extras each installed distribution is asked for by the others.

        The fixed point of "``A`` asks ``B[x]``": the requirements an extra
        brings in may ask extras of others in turn.
        """
        if self._requested is not None:
            return self._requested
        requested: dict[str, frozenset[str]] = {
            key: frozenset() for key in self.installed
        }
        changed = True
        while changed:
            changed = False
            for key, node in self.installed.items():
                for edge in self.edges(node, requested[key]):
                    target = edge.target
                    if target is None or edge.extras <= requested[target.key]:
                        continue
                    requested[target.key] = requested[target.key] | edge.extras
                    changed = True
        self._requested = requested
        return requested

    def active_edges(self, node: Installed) -> list[Edge]:
        """Return *node*'s requirements with the extras the environment asks of it."""
        return self.edges(node, self.requested_extras()[node.key])

    def required_by(self, name: str) -> list[Edge]:
        """Return the requirements on *name* of the installed distributions.

        A distribution's requirement on itself (``foo[all]`` asking
        ``foo[a]``) does not count. Sorted by the requirer's name.
        """
        if self._requirers is None:
            requirers: dict[str, list[Edge]] = {}
            for node in self.installed.values():
                for edge in self.active_edges(node):
                    if edge.key != node.key:
                        requirers.setdefault(edge.key, []).append(edge)
            for found in requirers.values():
                found.sort(key=lambda edge: edge.requirer.key)
            self._requirers = requirers
        return self._requirers.get(canonical_name(name), [])


def read_environment(dists: Iterable[Distribution]) -> Environment:
    """Read each distribution's metadata once into an :class:`Environment`.

    Args:
        dists: One distribution per project (``targets.installed``); a later
            one of a name already read is ignored.

    Returns:
        The environment; unreadable distributions and those without a
        ``Name`` or ``Version`` are in ``skipped``, requirement strings that
        do not parse in each distribution's ``invalid``.
    """
    environment = Environment()
    for dist in dists:
        try:
            name, version = name_and_version(dist)
            texts = dist.requires or ()
        except damaged(KeyError) as exc:
            environment.skipped.append((dist, exc))
            continue
        node = Installed(dist, name, version)
        if node.key in environment.installed:
            continue
        for text in texts:
            try:
                node.requirements.append(Requirement(text))
            except InvalidRequirement as exc:
                node.invalid.append((text, str(exc).splitlines()[0]))
        environment.installed[node.key] = node
    return environment
