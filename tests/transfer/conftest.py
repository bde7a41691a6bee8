"""A demo world per test: the akimat at a fixed clock, its district, helpers to make acks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import TODAY
from tirkeu.services.auth import Actor
from tirkeu.services.transfer import TransferService, open_district_folder
from tirkeu.services.workspace import Workspace
from tirkeu.sync.district.registry import District

PASSWORD = "demo"


def clock() -> dt.datetime:
    return dt.datetime.combine(TODAY, dt.time(11, 30))


@pytest.fixture
def ws(demo_world: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(demo_world / "akimat", clock=clock)
    yield workspace
    workspace.close()


@pytest.fixture
def registrar(ws: Workspace) -> Actor:
    return ws.sign_in("registrar", PASSWORD)


@pytest.fixture
def transfer(ws: Workspace, registrar: Actor) -> TransferService:
    return TransferService(ws, registrar)


@pytest.fixture
def district(demo_world: Path) -> Iterator[District]:
    d = open_district_folder(demo_world / "district", PASSWORD.encode())
    yield d
    d.engine.dispose()
