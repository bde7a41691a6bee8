"""An office with an administrator, a registrar and a head, for the security tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import TODAY
from tirkeu.services import auth
from tirkeu.services.demo import OFFICE
from tirkeu.services.workspace import Workspace


def clock() -> dt.datetime:
    return dt.datetime.combine(TODAY, dt.time(11, 30))


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "akimat", clock=clock)
    ws.set_up(OFFICE, "admin", "Сейітова Ақмарал", "secret1")
    with ws.db.session() as s:
        for name, role in (("reg", auth.Role.REGISTRAR), ("head", auth.Role.HEAD)):
            auth.create_user(
                s, username=name, full_name=name.title(), role=role, password="secret2", by=1
            )
    yield ws
    ws.close()
