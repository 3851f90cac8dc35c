"""``email`` parsing with the header rule of the newest stdlib, on every Python.

3.14's ``compat32.header_source_parse`` strips the line break of a header
whose first line is empty (``"License:\\n  MIT"`` gives ``"MIT"``); 3.8-3.13
kept it (``"\\n  MIT"``). pkgmeta follows 3.14 everywhere, so the tests'
oracles parse with this policy, which is ``compat32`` itself on 3.14+.
"""

from __future__ import annotations

import email
import email.message
import email.policy
import sys
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
