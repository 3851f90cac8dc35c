"""``email`` parsing and ``textwrap.dedent`` as the newest stdlib does them.

The oracles of the header tests, on every Python. 3.14's
``compat32.header_source_parse`` strips the line break of a header whose
first line is empty (``"License:\\n  MIT"`` gives ``"MIT"``); 3.8-3.13
kept it (``"\\n  MIT"``). pkgmeta follows 3.14 everywhere, so the tests'
oracles parse with this policy, which is ``compat32`` itself on 3.14+.
3.14's ``textwrap.dedent`` empties every line that ``isspace()``, where
3.8-3.13 emptied only lines of spaces and tabs; :func:`dedent` gives 3.14's
result everywhere.
"""

from __future__ import annotations

import email
import email.message
import email.policy
import sys
import textwrap
from email._policybase import Compat32


class _NewestCompat32(Compat32):
    """``compat32`` with 3.14's ``header_source_parse``."""

    def header_source_parse(self, sourcelines: list[str]) -> tuple[str, str]:
        name, value = sourcelines[0].split(":", 1)
        value = "".join((value, *sourcelines[1:])).lstrip(" \t\r\n")
        return (name, value.rstrip("\r\n"))


NEWEST_COMPAT32 = (
    email.policy.compat32 if sys.version_info >= (3, 14) else _NewestCompat32()
)


def message_from_string(text: str) -> email.message.Message:
    """``email.message_from_string(text)`` as the newest stdlib parses it."""
    return email.message_from_string(text, policy=NEWEST_COMPAT32)


def dedent(text: str) -> str:
    """``textwrap.dedent(text)`` as 3.14+ computes it.

    Emptying the lines that ``isspace()`` first leaves nothing for the two
    rules to disagree on: the older dedent then finds the same margin (runs
    of spaces and tabs) and removes it the same way.
    """
    if sys.version_info >= (3, 14):
        return textwrap.dedent(text)
    lines = text.split("\n")
    return textwrap.dedent(
        "\n".join(["" if line.isspace() else line for line in lines])
    )
