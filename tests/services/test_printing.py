"""Issuing documents through the real database: refusals with their paragraphs,
the spravka, repeat certificates and who may receive them, the electronic
certificate, plain documents and printer calibration."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from sqlalchemy import select

from tests.services.test_stock import clock, pdf_text, record_status, registered_with_iin, sign
from tirkeu.documents import Mode
from tirkeu.domain.record import RecordStatus
from tirkeu.services.calibration import (
    Calibration,
    calibration_sheet_pdf,
    load_calibration,
    save_calibration,
    setting_key,
)
from tirkeu.services.errors import PermissionDenied, ServiceError
from tirkeu.services.printing import Document, PrintingService
from tirkeu.services.repeat import Ground, Recipient, Relation, check_recipient
from tirkeu.services.stock import BlankStatus, RuleRefused, StockService
from tirkeu.services.workspace import Workspace
from tirkeu.storage.models import ActRecordRow, CertificateRow, PrintJobRow


@pytest.fixture
def ws(demo_world: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(demo_world / "akimat", clock=clock)
    workspace.sign_in("admin", "demo")  # opens the encrypted database
    yield workspace
    workspace.close()


def _first(ws: Workspace, status: str, alive: bool = True) -> int:
    with ws.db.session() as s:
        rid = s.scalar(
            select(ActRecordRow.id)
            .where(ActRecordRow.status == status, ActRecordRow.child_alive.is_(alive))
            .limit(1)
        )
    assert rid is not None
    return rid


def test_refusals_cite_their_paragraph_in_the_readers_language(ws: Workspace) -> None:
    printing = PrintingService(ws, sign(ws, "registrar"))
    stillborn = registered_with_iin(ws, alive=False)
    with pytest.raises(RuleRefused) as info:
        printing.issue_certificate(stillborn, "kk")
    assert info.value.paragraph == 40
    assert "40" in info.value.message("kk") and "40" in info.value.message("ru")
    assert info.value.message("kk") != info.value.message("ru")
    with pytest.raises(RuleRefused) as info:
        printing.issue_certificate(_first(ws, "draft"), "ru")
    assert info.value.paragraph == 35
    with ws.db.session() as s:
        no_iin = s.scalar(
            select(ActRecordRow.id).where(
                ActRecordRow.status == "registered",
                ActRecordRow.child_alive.is_(True),
                ActRecordRow.child_iin.is_(None),
            )
        )
    assert no_iin is not None
    with pytest.raises(RuleRefused) as info:
        printing.issue_certificate(no_iin, "ru")
    assert info.value.paragraph == 29
    assert record_status(ws, no_iin) == "registered"
    with pytest.raises(ServiceError):
        printing.issue_certificate(no_iin, "en")


def test_the_administrator_does_not_print(ws: Workspace) -> None:
    with pytest.raises(PermissionDenied):
        PrintingService(ws, sign(ws, "admin")).issue_certificate(registered_with_iin(ws), "kk")


def test_a_stillborn_child_gets_the_spravka_without_a_blank(ws: Workspace) -> None:
    printing = PrintingService(ws, sign(ws, "registrar"))
    before = StockService(ws, sign(ws, "admin")).report().count(BlankStatus.IN_STOCK)
    record_id = registered_with_iin(ws, alive=False)
    first = printing.issue_spravka(record_id, "ru")
    assert first.blank is None
    assert "мертворожденного" in pdf_text(first.pdf)
    assert record_status(ws, record_id) == RecordStatus.CERTIFICATE_ISSUED.value
    again = printing.issue_spravka(record_id, "kk")
    assert again.certificate_id == first.certificate_id
    assert again.job_id != first.job_id
    after = StockService(ws, sign(ws, "admin")).report().count(BlankStatus.IN_STOCK)
    assert before == after
    with pytest.raises(ServiceError):
        printing.issue_spravka(registered_with_iin(ws), "kk")


def test_act_record_and_refusal_print_with_their_jobs(ws: Workspace) -> None:
    printing = PrintingService(ws, sign(ws, "registrar"))
    registered = registered_with_iin(ws)
    act = printing.print_plain(registered, Document.ACT_RECORD, "kk")
    refused = _first(ws, "refused")
    letter = printing.print_plain(refused, Document.REFUSAL, "ru")
    surname = printing_surname(ws, refused)
    assert surname in pdf_text(letter.pdf)
    with ws.db.session() as s:
        assert s.get_one(PrintJobRow, act.job_id).copies == 2
    with pytest.raises(ServiceError):
        printing.print_plain(registered, Document.REFUSAL, "ru")


def printing_surname(ws: Workspace, record_id: int) -> str:
    with ws.db.session() as s:
        return s.get_one(ActRecordRow, record_id).child_surname


def test_preview_changes_nothing(ws: Workspace) -> None:
    printing = PrintingService(ws, sign(ws, "registrar"))
    stock = StockService(ws, sign(ws, "registrar"))
    record_id = registered_with_iin(ws)
    nxt = stock.next_blank()
    assert nxt is not None
    pdf = printing.preview(record_id, Document.CERTIFICATE, "kk", Mode.PREVIEW)
    text = pdf_text(pdf)
    assert nxt.number in text and printing_surname(ws, record_id) in text
    assert stock.next_blank() == nxt
    assert record_status(ws, record_id) == "registered"


def test_repeat_certificate_takes_a_new_blank_and_voids_the_earlier(ws: Workspace) -> None:
    printing = PrintingService(ws, sign(ws, "registrar"))
    record_id = registered_with_iin(ws)
    with pytest.raises(RuleRefused) as info:
        printing.issue_repeat_certificate(record_id, "kk", Recipient(Relation.PARENT))
    assert info.value.paragraph == 41
    first = printing.issue_certificate(record_id, "kk")
    with pytest.raises(RuleRefused) as info:
        printing.check_repeat(record_id, Recipient(Relation.SELF))
    assert info.value.paragraph == 45
    with pytest.raises(RuleRefused) as info:
        printing.issue_repeat_certificate(
            record_id, "kk", Recipient(Relation.PARENT, deprived_of_parental_rights=True)
        )
    assert info.value.paragraph == 46
    parent = Recipient(Relation.PARENT, "Асанова Гүлнұр", ground=Ground.DAMAGED, surrendered=True)
    repeat = printing.issue_repeat_certificate(record_id, "kk", parent)
    assert repeat.blank is not None and first.blank is not None
    assert repeat.blank.id != first.blank.id
    assert "Қайталама" in pdf_text(repeat.pdf)
    certs = printing.certificates(record_id)
    assert [(c.kind, c.valid) for c in certs] == [
        ("certificate", False),
        ("repeat_certificate", True),
    ]
    assert certs[1].blank is not None and certs[0].blank is not None
    assert certs[0].blank.status is BlankStatus.SURRENDERED
    with ws.db.session() as s:
        row = s.get_one(CertificateRow, repeat.certificate_id)
        assert row.recipient is not None and row.recipient["relation"] == "parent"
    lost = printing.issue_repeat_certificate(record_id, "ru", Recipient(Relation.GUARDIAN))
    assert lost.blank is not None
    assert printing.certificates(record_id)[1].blank.status is BlankStatus.ISSUED  # type: ignore[union-attr]
    assert [c.valid for c in printing.certificates(record_id)] == [False, False, True]


BORN = dt.date(2009, 6, 1)


@pytest.mark.parametrize(
    ("today", "who", "paragraph"),
    [
        (dt.date(2020, 1, 1), Recipient(Relation.INSTITUTION), None),
        (dt.date(2020, 1, 1), Recipient(Relation.TRUSTEE), None),
        (dt.date(2020, 1, 1), Recipient(Relation.SELF), 45),
        (dt.date(2020, 1, 1), Recipient(Relation.REPRESENTATIVE, document="сенімхат"), 45),
        (dt.date(2025, 6, 1), Recipient(Relation.SELF), 45),
        (dt.date(2025, 6, 1), Recipient(Relation.SELF, child_has_id=True), None),
        (dt.date(2025, 6, 1), Recipient(Relation.SELF, accompanied_by=Relation.ADOPTER), None),
        (dt.date(2025, 6, 1), Recipient(Relation.SELF, accompanied_by=Relation.TRUSTEE), 45),
        (
            dt.date(2025, 6, 1),
            Recipient(
                Relation.SELF, accompanied_by=Relation.PARENT, deprived_of_parental_rights=True
            ),
            46,
        ),
        (dt.date(2027, 6, 1), Recipient(Relation.SELF), None),
        (dt.date(2027, 6, 1), Recipient(Relation.PARENT), 42),
        (dt.date(2027, 6, 1), Recipient(Relation.REPRESENTATIVE), 42),
        (dt.date(2027, 6, 1), Recipient(Relation.REPRESENTATIVE, document="сенімхат № 5"), None),
        (dt.date(2025, 5, 31), Recipient(Relation.SELF, child_has_id=True), 45),  # still 15
    ],
)
def test_who_may_receive_a_repeat_certificate(
    today: dt.date, who: Recipient, paragraph: int | None
) -> None:
    if paragraph is None:
        check_recipient(BORN, today, who)
        return
    with pytest.raises(RuleRefused) as info:
        check_recipient(BORN, today, who)
    assert info.value.paragraph == paragraph


def test_electronic_certificate_is_signed_by_the_head_only(ws: Workspace) -> None:
    key = (ws.data_dir / "keys" / "office.p12").read_bytes()
    record_id = registered_with_iin(ws)
    with pytest.raises(PermissionDenied):
        PrintingService(ws, sign(ws, "registrar")).electronic_certificate(
            record_id, "kk", key, "demo"
        )
    head = PrintingService(ws, sign(ws, "head"))
    with pytest.raises(ServiceError):
        head.electronic_certificate(record_id, "kk", key, "wrong")
    assert record_status(ws, record_id) == "registered"
    signed = head.electronic_certificate(record_id, "kk", key, "demo")
    assert signed.blank is None
    reader = PdfFileReader(io.BytesIO(signed.pdf))
    assert len(reader.embedded_signatures) == 1
    assert printing_surname(ws, record_id) in pdf_text(signed.pdf)
    assert record_status(ws, record_id) == "certificate_issued"
    assert [c.kind for c in head.certificates(record_id)] == ["electronic_certificate"]


def test_calibration_is_kept_per_printer(ws: Workspace) -> None:
    registrar = sign(ws, "registrar")
    assert load_calibration(ws, "HP LaserJet") == Calibration()
    save_calibration(ws, registrar, "HP LaserJet", Calibration(1.5, -0.5, 1.01))
    save_calibration(ws, registrar, "Canon", Calibration(-2, 0, 1))
    assert load_calibration(ws, "HP LaserJet") == Calibration(1.5, -0.5, 1.01)
    long = "Office printer " * 10
    save_calibration(ws, registrar, long, Calibration(0.5, 0.5, 1))
    assert len(setting_key(long)) <= 64 and load_calibration(ws, long).dx_mm == 0.5
    with pytest.raises(ServiceError):
        save_calibration(ws, registrar, "HP", Calibration(25, 0, 1))
    with pytest.raises(ServiceError):
        save_calibration(ws, registrar, "HP", Calibration(0, 0, 1.5))
    assert "100" in pdf_text(calibration_sheet_pdf("ru"))
