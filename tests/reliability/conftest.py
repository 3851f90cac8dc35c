"""Fixtures of the fault corpus: a fresh environment, and each reference in turn."""

from __future__ import annotations

import pathlib
from typing import TYPE_CHECKING, Iterator

import pytest

from .faults import REFERENCE_IDS, REFERENCES, Env, refresh

if TYPE_CHECKING:
    from types import ModuleType


@pytest.fixture
def env(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Env]:
    """A fresh environment on ``sys.path`` holding only the ``good`` distribution."""
    environment = Env(tmp_path, monkeypatch)
    yield environment
    refresh()


@pytest.fixture(params=REFERENCES, ids=REFERENCE_IDS)
def reference(request: pytest.FixtureRequest) -> ModuleType:
    """Each reference implementation in turn."""
    return request.param  # type: ignore[no-any-return]
