"""Amendments through the real database: each kind end to end, the record's versions,
the blanks, the fee, the term, and every refusal with its reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.amendments.helpers import (
    FATHER,
    basis,
    blank_status,
    clock,
    record_where,
    sign,
    valid_blanks,
)
from tests.conftest import TODAY
from tests.services.test_stock import pdf_text, registered_with_iin
from tirkeu.domain.amendments import AmendmentKind, AmendmentStatus, Basis, BasisKind
from tirkeu.domain.record import RecordStatus
from tirkeu.services.amendments import AmendmentBlocked, AmendmentService
from tirkeu.services.errors import Conflict, PermissionDenied, ServiceError
from tirkeu.services.printing import Document, PrintingService
from tirkeu.services.records import RecordService
from tirkeu.services.repeat import Recipient, Relation
from tirkeu.services.workspace import Workspace
from tirkeu.storage.models import ActRecordRow, AmendmentRow, CertificateRow, RecordVersionRow


@pytest.fixture
def ws(demo_world: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(demo_world / "akimat", clock=clock)
    yield workspace
    workspace.close()


def services(ws: Workspace) -> tuple[AmendmentService, AmendmentService]:
    return AmendmentService(ws, sign(ws, "registrar")), AmendmentService(ws, sign(ws, "head"))


def change_seq(ws: Workspace, record_id: int) -> int:
    with ws.db.session() as s:
        return s.get_one(ActRecordRow, record_id).change_seq


def test_a_correction_keeps_the_old_version_and_issues_a_new_certificate(ws: Workspace) -> None:
    registrar, head = services(ws)
    rid = record_where(ws, status="certificate_issued", scenario="married")
    old_name = RecordService(ws, sign(ws, "registrar")).get(rid).application.child.given_name
    (old_blank,) = valid_blanks(ws, rid)
    seq = change_seq(ws, rid)

    amendment = registrar.propose(
        rid, AmendmentKind.CORRECTION, basis(), {"child.given_name": "Әлихан"}
    )
    assert amendment.status is AmendmentStatus.PENDING
    assert amendment.changes[0].before == old_name
    # 20 Nov 2026 is a Friday: seven working days, the day of receipt not counted.
    assert amendment.due_on == dt.date(2026, 12, 1)
    assert registrar.pending()[0].id == amendment.id

    approved = head.approve(amendment.id or 0)
    assert approved.status is AmendmentStatus.APPROVED and approved.version == 2
    record = RecordService(ws, sign(ws, "head")).get(rid)
    assert record.application.child.given_name == "Әлихан"
    assert change_seq(ws, rid) > seq, "the amended record is sent again"

    history = head.history(rid)
    assert [v.version for v in history.versions] == [1, 2]
    assert history.versions[0].application.child.given_name == old_name
    assert history.versions[1].amendment_id == amendment.id
    assert history.amendments[0].decided_by

    issued = registrar.issue_certificate(
        amendment.id or 0, "kk", Recipient(Relation.PARENT, "Ана", surrendered=True)
    )
    assert issued.printed.document is Document.REPEAT_CERTIFICATE
    assert issued.fee is not None and issued.fee.amount == Decimal("2162.50")
    assert issued.fee.mrp_kzt == 4325
    assert "Әлихан" in pdf_text(issued.printed.pdf)
    assert blank_status(ws, old_blank) == "surrendered"
    (new_blank,) = valid_blanks(ws, rid)
    assert new_blank != old_blank and blank_status(ws, new_blank) == "issued"
    with ws.db.session() as s:
        row = s.get_one(AmendmentRow, amendment.id)
        assert row.fee_tiyn == 216250 and row.certificate_id == issued.printed.certificate_id
        old = s.scalars(
            select(CertificateRow).where(
                CertificateRow.record_id == rid, CertificateRow.valid.is_(False)
            )
        ).one()
        assert "amendment" in (old.invalid_reason or "")
    assert head.get(amendment.id or 0).fee_kzt == Decimal("2162.50")
    with pytest.raises(Conflict):
        registrar.issue_certificate(amendment.id or 0, "kk", Recipient(Relation.PARENT))


def test_the_act_record_shows_the_marks_of_change(ws: Workspace) -> None:
    registrar, head = services(ws)
    rid = record_where(ws, status="certificate_issued", scenario="married")
    amendment = registrar.propose(
        rid, AmendmentKind.CHANGE, basis(BasisKind.COURT_DECISION), {"child.surname": "Жаңаев"}
    )
    head.approve(amendment.id or 0)
    printing = PrintingService(ws, sign(ws, "registrar"))
    marks = {
        "kk": ("Өзгеріс туралы белгі", "Баланың тегі"),
        "ru": ("Отметка об изменении", "Фамилия ребенка"),
    }
    for lang, (words, field) in marks.items():
        text = pdf_text(registrar.print_act_record(rid, lang).pdf)
        assert words in text and "Жаңаев" in text and field in text
        assert "child.surname" not in text
        # The ordinary print path (tirkeu print, the print window) carries them too.
        printed = printing.issue(rid, Document.ACT_RECORD, lang)
        assert words in pdf_text(printed.pdf)


def test_paternity_established_later_records_the_father(ws: Workspace) -> None:
    registrar, head = services(ws)
    rid = record_where(ws, status="certificate_issued", scenario="unmarried", father_basis="none")
    values = {"father": FATHER, "child.patronymic": "Ерланұлы"}
    with pytest.raises(AmendmentBlocked) as info:
        registrar.propose(rid, AmendmentKind.PATERNITY, None, values)
    assert {f.rule for f in info.value.findings} == {"amend.basis_missing"}
    assert "26" in info.value.message("kk") or info.value.findings[0].paragraph == 26
    with pytest.raises(AmendmentBlocked) as info:
        registrar.propose(
            rid, AmendmentKind.PATERNITY, basis(BasisKind.MEDICAL_CERTIFICATE), values
        )
    assert "amend.paternity_basis" in {f.rule for f in info.value.findings}

    amendment = registrar.propose(
        rid, AmendmentKind.PATERNITY, basis(BasisKind.JOINT_PATERNITY_APPLICATION), values
    )
    paths = {c.path for c in amendment.changes}
    assert paths == {"father", "child.patronymic", "father_basis"}
    head.approve(amendment.id or 0, acknowledged=["p26.joint_application"])
    app = RecordService(ws, sign(ws, "head")).get(rid).application
    assert app.father is not None and app.father.surname == "Бекболатов"
    assert app.father_basis.value == "joint_paternity"


def test_an_acknowledgment_of_paternity_needs_the_mothers_consent(ws: Workspace) -> None:
    registrar, head = services(ws)
    rid = record_where(ws, status="certificate_issued", scenario="unmarried", father_basis="none")
    ack = basis(BasisKind.PATERNITY_ACKNOWLEDGMENT)
    with pytest.raises(AmendmentBlocked) as info:
        registrar.propose(rid, AmendmentKind.PATERNITY, ack, {"father": FATHER})
    (finding,) = info.value.findings
    assert finding.rule == "amend.mother_consent" and finding.paragraph == 26
    assert finding.message("kk") != finding.message("ru") != finding.message("en")
    consent = {"number": "3", "date": "2026-11-18", "issuer": "Нотариус Ахметова Г."}
    amendment = registrar.propose(
        rid, AmendmentKind.PATERNITY, ack, {"father": FATHER, "mother_consent": consent}
    )
    head.approve(amendment.id or 0)
    assert RecordService(ws, sign(ws, "head")).get(rid).application.mother_consent is not None


def test_an_addition_completes_the_mothers_data(ws: Workspace) -> None:
    registrar, head = services(ws)
    with ws.db.session() as s:
        rid = next(
            r.id
            for r in s.scalars(
                select(ActRecordRow).where(ActRecordRow.status == "certificate_issued")
            )
            if r.application.get("mother") and not r.application["mother"].get("nationality")
        )
    findings = registrar.findings(
        rid, AmendmentKind.ADDITION, basis(), {"mother.address": "Талғар, Абай к-сі 5"}
    )
    assert any(f.rule == "amend.addition_overwrites" and f.paragraph == 13 for f in findings)
    amendment = registrar.propose(
        rid, AmendmentKind.ADDITION, basis(), {"mother.nationality": "қазақ"}
    )
    assert amendment.changes[0].before is None
    head.approve(amendment.id or 0)
    assert head.get(amendment.id or 0).status is AmendmentStatus.APPROVED
    mother = RecordService(ws, sign(ws, "head")).get(rid).application.mother
    assert mother is not None and mother.nationality == "қазақ"


def test_a_restoration_of_a_transferred_record_sends_it_again(ws: Workspace) -> None:
    registrar, head = services(ws)
    rid = record_where(ws, status="certificate_issued", scenario="married")
    with ws.db.session() as s:
        s.get_one(ActRecordRow, rid).status = RecordStatus.CONFIRMED.value
    amendment = registrar.propose(
        rid,
        AmendmentKind.RESTORATION,
        basis(BasisKind.COURT_DECISION),
        {"child.birth_place.text": "Алматы облысы, Талғар ауданы, Бесағаш ауылы"},
    )
    head.approve(amendment.id or 0)
    assert RecordService(ws, sign(ws, "head")).get(rid).status is RecordStatus.CERTIFICATE_ISSUED


def test_a_stillborn_record_gets_a_new_spravka_and_no_fee(ws: Workspace) -> None:
    registrar, head = services(ws)
    rid = registered_with_iin(ws, alive=False)
    sex = RecordService(ws, sign(ws, "head")).get(rid).application.child.sex.value
    other = "male" if sex == "female" else "female"
    amendment = registrar.propose(
        rid, AmendmentKind.CORRECTION, basis(BasisKind.MEDICAL_CERTIFICATE), {"child.sex": other}
    )
    with pytest.raises(AmendmentBlocked) as info:
        head.approve(amendment.id or 0)
    assert "amend.stillborn_spravka" in {f.rule for f in info.value.findings}
    warnings = [f.rule for f in info.value.findings if not f.is_error]
    errors = [f for f in info.value.findings if f.is_error]
    assert not errors, [f.rule for f in errors]
    head.approve(amendment.id or 0, acknowledged=warnings)
    issued = registrar.issue_certificate(amendment.id or 0, "ru")
    assert issued.printed.document is Document.STILLBIRTH_SPRAVKA and issued.fee is None
    assert issued.printed.blank is None


def test_bad_amendments_are_refused_with_their_reasons(ws: Workspace) -> None:
    registrar, head = services(ws)
    rid = record_where(ws, status="certificate_issued", scenario="married")
    draft = record_where(ws, status="draft", scenario="married")
    with pytest.raises(Conflict) as conflict:
        registrar.propose(draft, AmendmentKind.CORRECTION, basis(), {"child.given_name": "А"})
    assert "draft" in conflict.value.message("en")
    assert conflict.value.message("kk") != conflict.value.message("ru")
    refused = record_where(ws, status="refused")
    with pytest.raises(Conflict):
        registrar.propose(refused, AmendmentKind.CORRECTION, basis(), {"child.given_name": "А"})
    same = RecordService(ws, sign(ws, "head")).get(rid).application.child.given_name
    with pytest.raises(AmendmentBlocked) as info:
        registrar.propose(rid, AmendmentKind.CORRECTION, basis(), {"child.given_name": same})
    assert [f.rule for f in info.value.findings] == ["amend.no_change"]
    with pytest.raises(AmendmentBlocked) as info:
        registrar.propose(rid, AmendmentKind.CHANGE, basis(), {"child.eye_colour": "blue"})
    assert info.value.findings[0].rule == "amend.field_unknown"
    with pytest.raises(AmendmentBlocked) as info:
        registrar.propose(rid, AmendmentKind.CHANGE, basis(), {"received_on": "2026-11-01"})
    assert info.value.findings[0].rule == "amend.field_fixed"
    with pytest.raises(AmendmentBlocked) as info:
        registrar.propose(rid, AmendmentKind.CHANGE, Basis(BasisKind.APPLICATION), {"x": 1})
    assert "amend.basis_missing" in {f.rule for f in info.value.findings}

    amendment = registrar.propose(rid, AmendmentKind.CORRECTION, basis(), {"mother.iin": "123"})
    with pytest.raises(Conflict):
        registrar.propose(rid, AmendmentKind.CORRECTION, basis(), {"child.given_name": "Б"})
    with pytest.raises(PermissionDenied) as denied:
        registrar.approve(amendment.id or 0)
    assert denied.value.message("kk") != denied.value.message("ru")
    with pytest.raises(PermissionDenied):
        AmendmentService(ws, sign(ws, "admin")).propose(
            rid, AmendmentKind.CORRECTION, basis(), {"child.given_name": "Б"}
        )
    with pytest.raises(AmendmentBlocked) as info:
        head.approve(amendment.id or 0)
    assert any(f.field == "mother.iin" and f.is_error for f in info.value.findings)
    with pytest.raises(ServiceError):
        head.refuse(amendment.id or 0, "жоқ")
    refused_one = head.refuse(amendment.id or 0, "ЖСН жеке куәлікке сәйкес келмейді")
    assert refused_one.status is AmendmentStatus.REFUSED and refused_one.refusal_reason
    with pytest.raises(Conflict):
        head.approve(amendment.id or 0)
    with pytest.raises(Conflict):
        registrar.issue_certificate(amendment.id or 0, "kk", Recipient(Relation.PARENT))
    with ws.db.session() as s:
        assert not s.scalars(
            select(RecordVersionRow).where(RecordVersionRow.record_id == rid)
        ).all(), "a refused amendment leaves no version"


def test_a_repeat_recipient_deprived_of_rights_is_refused(ws: Workspace) -> None:
    registrar, head = services(ws)
    rid = record_where(ws, status="certificate_issued", scenario="married")
    amendment = registrar.propose(
        rid, AmendmentKind.CORRECTION, basis(), {"child.given_name": "Ая"}
    )
    head.approve(amendment.id or 0)
    (before,) = valid_blanks(ws, rid)
    with pytest.raises(ServiceError) as info:
        registrar.issue_certificate(
            amendment.id or 0, "ru", Recipient(Relation.PARENT, deprived_of_parental_rights=True)
        )
    assert "46" in info.value.message("ru")
    assert valid_blanks(ws, rid) == [before], "nothing changed"
    assert blank_status(ws, before) == "issued"
    assert TODAY.year == 2026
