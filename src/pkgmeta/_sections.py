"""The ``[section]`` line reader, and requires.txt sections as PEP 508 strings."""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True

if TYPE_CHECKING:
    from typing import Iterator

__all__ = ["iter_section_lines", "requirements_from_requires_txt"]


def iter_section_lines(
    text: str, *, skip_comments: bool
) -> Iterator[tuple[str | None, str]]:
    """Yield each content line of an INI-like text with the section it is in.

    Lines are split as ``str.splitlines`` does (``\\x0c``, ``\\x1c``,
    ``\\u2028`` and friends end a line too) and stripped; empty lines are
    dropped. A stripped line that starts with ``[`` and ends with ``]`` opens
    a section whose name is the line with every leading ``[`` and trailing
    ``]`` removed (``[[a]]`` names ``a``, ``[]`` names ``''``); it is not
    yielded. Lines before the first section come with ``None``. This is the
    reader both ``entry_points.txt`` and ``requires.txt`` are defined by in
    the reference implementation (``Sectioned.read``).

    >>> list(iter_section_lines("a\\n[s]\\n# c\\n x = 1 ", skip_comments=True))
    [(None, 'a'), ('s', 'x = 1')]

    Args:
        text: The whole file.
        skip_comments: Also drop lines whose stripped form starts with
            ``#`` (entry_points.txt); requires.txt keeps them.

    Returns:
        An iterator of ``(section name or None, stripped line)`` pairs.
    """
    section: str | None = None
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line or (skip_comments and line[0] == "#"):
            continue
        if line[0] == "[" and line[-1] == "]":
            section = line.strip("[]")
            continue
        yield section, line


def _marker_suffix(section: str | None) -> str:
    """Return the ``; marker`` text that a requires.txt section stands for.

    setuptools wrote ``[extra]``, ``[:marker]`` or ``[extra:marker]`` headers
    instead of putting the marker on each requirement.
    """
    extra, _, marker = (section or "").partition(":")
    conditions = []
    if marker:
        # Parenthesized only when joined with the extra, as the reference does.
        conditions.append(f"({marker})" if extra else marker)
    if extra:
        conditions.append(f'extra == "{extra}"')
    return "; " + " and ".join(conditions) if conditions else ""


def requirements_from_requires_txt(text: str) -> list[str]:
    """Return the requirements of an egg-info ``requires.txt`` in PEP 508 form.

    Each line of a section gets the section's condition appended:
    ``[extra]`` gives ``; extra == "extra"``, ``[:marker]`` gives
    ``; marker`` and ``[extra:marker]`` gives ``; (marker) and extra ==
    "extra"``. Neither the extra nor the marker is stripped or validated.

    Behaviour kept from the reference on purpose, so that ``requires()``
    answers what the stdlib answers:

    - comment lines are *not* skipped: ``# note`` in a section comes back
      as a requirement ``'# note; extra == "x"'`` (FACTS.md);
    - a line containing ``@`` (a URL requirement) always gets one space
      appended before the condition, because PEP 508 needs whitespace
      between a URL and ``;`` (importlib_metadata issue 357); outside any
      section that leaves a trailing space (``'pkg @ https://x '``).

    >>> requirements_from_requires_txt("a\\n[x:python_version < '3']\\nb")
    ['a', 'b; (python_version < \\'3\\') and extra == "x"']

    Args:
        text: The contents of ``requires.txt``.

    Returns:
        One string per requirement line, in file order.
    """
    requirements = []
    current: str | None = None
    suffix = ""
    for section, line in iter_section_lines(text, skip_comments=False):
        if section != current:
            current = section
            suffix = _marker_suffix(section)
        if "@" in line:
            line += " "
        requirements.append(line + suffix)
    return requirements
