"""The outcome of one in-process CLI run, as the ``cli`` fixture hands it back."""

from __future__ import annotations

import json
from typing import Any


class Run:
    """The outcome of one ``main()`` call: exit code and captured output."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code = code
        self.out = out
        self.err = err

    def json(self) -> Any:
        """Return stdout parsed as JSON."""
        return json.loads(self.out)

    def lines(self) -> list[str]:
        """Return stdout's lines."""
        return self.out.splitlines()

    def __repr__(self) -> str:
        return f"Run(code={self.code}, out={self.out!r}, err={self.err!r})"
