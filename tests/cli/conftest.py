"""Fixtures for the in-process CLI tests: a runner around ``main()`` and a site."""

from __future__ import annotations

from typing import Callable

import pytest

import pkgmeta
from pkgmeta._cli import main

from .runner import Run


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
