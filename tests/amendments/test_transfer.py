"""An approved amendment travels to the district with its record, which comes back
acknowledged like any record."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.amendments.helpers import basis, clock, record_where, sign
from tirkeu.domain.amendments import AmendmentKind
from tirkeu.domain.record import RecordStatus
from tirkeu.services.amendments import AmendmentService
from tirkeu.services.records import RecordService
from tirkeu.services.transfer import AMENDMENTS_PART, TransferService, open_district_folder
from tirkeu.services.workspace import Workspace
from tirkeu.sync.district import intake
from tirkeu.sync.district.registry import District

PASSWORD = "demo"


@pytest.fixture
def ws(demo_world: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(demo_world / "akimat", clock=clock)
    yield workspace
    workspace.close()


@pytest.fixture
def district(demo_world: Path) -> Iterator[District]:
    d = open_district_folder(demo_world / "district", PASSWORD.encode())
    yield d
    d.engine.dispose()


def test_the_amended_record_and_its_amendment_go_in_the_next_bundle(
    ws: Workspace, district: District, tmp_path: Path
) -> None:
    transfer = TransferService(ws, sign(ws, "registrar"))
    first = transfer.export_next(tmp_path / "usb", PASSWORD)
    assert first is not None
    [result] = intake.import_files(district, [first.path], tmp_path / "acks")
    assert result.ack_path is not None
    transfer.import_ack(result.ack_path, PASSWORD)
    rid = record_where(ws, status=RecordStatus.CONFIRMED.value, scenario="married")
    assert transfer.export_next(tmp_path / "usb", PASSWORD) is None

    registrar = AmendmentService(ws, sign(ws, "registrar"))
    amendment = registrar.propose(
        rid, AmendmentKind.CORRECTION, basis(), {"child.given_name": "Әлихан"}
    )
    assert transfer.export_next(tmp_path / "usb", PASSWORD) is None, "pending: nothing to send"
    AmendmentService(ws, sign(ws, "head")).approve(amendment.id or 0)
    assert RecordService(ws, sign(ws, "head")).get(rid).status is RecordStatus.CERTIFICATE_ISSUED

    second = transfer.export_next(tmp_path / "usb", PASSWORD)
    assert second is not None and second.records == 1
    report = intake.verify_file(district, second.path)
    assert report.error is None
    assert report.counts.get(AMENDMENTS_PART) == 1
    [answer] = intake.import_files(district, [second.path], tmp_path / "acks")
    assert answer.ack_path is not None
    ack = transfer.import_ack(answer.ack_path, PASSWORD)
    assert (ack.confirmed, ack.rejected, ack.duplicates) == (1, 0, 0)
    record = RecordService(ws, sign(ws, "head")).get(rid)
    assert record.status is RecordStatus.CONFIRMED
    assert record.application.child.given_name == "Әлихан"
    assert transfer.export_next(tmp_path / "usb", PASSWORD) is None, "sent once"
