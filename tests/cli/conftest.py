"""Fixtures for the in-process CLI tests: a runner around ``main()`` and a site."""

from __future__ import annotations

import json
from typing import Any, Callable

import pytest

import pkgmeta
from pkgmeta._cli import main


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


@pytest.fixture
def cli(capsys) -> Callable[..., Run]:
    """Run the command line in this process; return a :class:`Run`."""

    def run(*args: str) -> Run:
        pkgmeta.MetadataPathFinder.invalidate_caches()
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


@pytest.fixture
def site(tmp_path):
    """An empty site directory, searched only through ``--path``."""
    path = tmp_path / "site"
    path.mkdir()
    return path
