"""Registration, refusal, numbering, roles and the audit chain, through the services."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import TODAY
from tirkeu.domain.application import Scenario
from tirkeu.domain.record import RecordStatus
from tirkeu.services.auth import Actor
from tirkeu.services.demo import OFFICE, sample_application
from tirkeu.services.errors import Conflict, PermissionDenied, ServiceError
from tirkeu.services.records import RecordService, RegistrationBlocked
from tirkeu.services.workspace import Workspace
from tirkeu.storage.audit import verify_chain
from tirkeu.storage.records import JournalQuery


def _clock() -> dt.datetime:
    return dt.datetime.combine(TODAY, dt.time(11, 30))


@pytest.fixture
def office(tmp_path: Path) -> Workspace:
    ws = Workspace.open(tmp_path / "akimat", clock=_clock)
    ws.set_up(OFFICE, "admin", "Сейітова Ақмарал", "secret1")
    with ws.db.session() as s:
        from tirkeu.services import auth

        auth.create_user(
            s,
            username="reg",
            full_name="Оспанова Гүлмира",
            role=auth.Role.REGISTRAR,
            password="secret2",
            by=1,
        )
    yield ws
    ws.close()


def _registrar(ws: Workspace) -> Actor:
    return ws.sign_in("reg", "secret2")


def test_registration_takes_the_next_number_of_the_year(office: Workspace) -> None:
    svc = RecordService(office, _registrar(office))
    born = TODAY - dt.timedelta(days=1)
    first = svc.save_draft(sample_application(Scenario.MARRIED, born, TODAY, seed=1))
    second = svc.save_draft(sample_application(Scenario.MARRIED, born, TODAY, seed=2))
    assert first.id is not None and second.id is not None
    a = svc.register(first.id)
    b = svc.register(second.id)
    assert (a.number, b.number) == (1, 2)
    assert a.status is RecordStatus.REGISTERED
    assert a.record_date == TODAY
    assert svc.get(a.id or 0).registrar == "Оспанова Гүлмира"
    with pytest.raises(Conflict):
        svc.register(first.id)


def test_the_sequence_starts_where_the_paper_book_ended(tmp_path: Path) -> None:
    from dataclasses import replace

    ws = Workspace.open(tmp_path / "a", clock=_clock)
    admin = ws.set_up(replace(OFFICE, number_start=415), "admin", "Админ", "secret1")
    with ws.db.session() as s:
        from tirkeu.services import auth

        auth.create_user(
            s,
            username="reg",
            full_name="Тіркеуші",
            role=auth.Role.REGISTRAR,
            password="secret2",
            by=admin.user_id,
        )
    svc = RecordService(ws, ws.sign_in("reg", "secret2"))
    draft = svc.save_draft(sample_application(Scenario.MARRIED, TODAY, TODAY))
    assert svc.register(draft.id or 0).number == 415
    ws.close()


def test_errors_block_registration_and_leave_the_draft(office: Workspace) -> None:
    svc = RecordService(office, _registrar(office))
    app = sample_application(Scenario.MARRIED, TODAY, TODAY)
    app.child.birth_date = TODAY + dt.timedelta(days=3)  # in the future
    draft = svc.save_draft(app)
    with pytest.raises(RegistrationBlocked) as info:
        svc.register(draft.id or 0)
    assert any(f.field == "child.birth_date" and f.severity == "error" for f in info.value.findings)
    assert svc.get(draft.id or 0).status is RecordStatus.DRAFT


def test_warnings_must_be_acknowledged(office: Workspace) -> None:
    svc = RecordService(office, _registrar(office))
    # Born ten days ago: later than п. 5's three working days, a warning only.
    app = sample_application(Scenario.MARRIED, TODAY - dt.timedelta(days=10), TODAY)
    draft = svc.save_draft(app)
    warnings = [f for f in svc.findings(app) if f.severity == "warning"]
    assert warnings, "a late application gives a warning"
    assert all(f.severity != "error" for f in svc.findings(app))
    with pytest.raises(RegistrationBlocked):
        svc.register(draft.id or 0)
    record = svc.register(draft.id or 0, acknowledged=[f.rule for f in warnings])
    assert record.number == 1
    assert set(record.findings_acknowledged) == {f.rule for f in warnings}


def test_refusal_needs_a_reason_and_is_recorded(office: Workspace) -> None:
    svc = RecordService(office, _registrar(office))
    draft = svc.save_draft(sample_application(Scenario.MARRIED, TODAY, TODAY))
    with pytest.raises(ServiceError):
        svc.refuse(draft.id or 0, "no")
    refused = svc.refuse(draft.id or 0, "Туу туралы медициналық куәлік жоқ (14-тармақ)")
    assert refused.status is RecordStatus.REFUSED
    assert refused.number is None
    with pytest.raises(Conflict):
        svc.save_draft(refused.application, refused.id)


def test_an_administrator_may_not_register(office: Workspace) -> None:
    admin = office.sign_in("admin", "secret1")
    svc = RecordService(office, admin)
    with pytest.raises(PermissionDenied):
        svc.save_draft(sample_application(Scenario.MARRIED, TODAY, TODAY))


def test_journal_search_by_name_prefix_iin_and_number(office: Workspace) -> None:
    svc = RecordService(office, _registrar(office))
    app = sample_application(Scenario.MARRIED, TODAY, TODAY, seed=7)
    app.child.surname, app.child.given_name = "Әбенова", "Інкәр"
    record = svc.register(svc.save_draft(app).id or 0)
    assert [r.id for r in svc.journal(JournalQuery(text="әбенова ін"))] == [record.id]
    assert [r.id for r in svc.journal(JournalQuery(text="ӘБЕН"))] == [record.id]
    assert svc.journal(JournalQuery(text="Инкар")) == []
    mother_iin = app.mother.iin if app.mother else ""
    assert [r.id for r in svc.journal(JournalQuery(text=mother_iin or ""))] == [record.id]
    assert [r.id for r in svc.journal(JournalQuery(text="1"))] == [record.id]


def test_every_change_is_in_an_unbroken_audit_chain(office: Workspace) -> None:
    svc = RecordService(office, _registrar(office))
    svc.register(svc.save_draft(sample_application(Scenario.MARRIED, TODAY, TODAY)).id or 0)
    with office.db.session() as s:
        report = verify_chain(s)
    assert report.ok and report.entries >= 4
    con = office.db.connect()
    con.execute("UPDATE audit_log SET action = 'record.edit' WHERE id = 2")
    con.commit()
    con.close()
    with office.db.session() as s:
        assert verify_chain(s).broken_at == 2


def test_lockout_after_repeated_wrong_passwords(office: Workspace) -> None:
    for _ in range(5):
        with pytest.raises(ServiceError):
            office.sign_in("reg", "wrong")
    with pytest.raises(ServiceError) as info:
        office.sign_in("reg", "secret2")
    assert "locked" in str(info.value)


def test_a_second_instance_on_the_same_folder_is_told(office: Workspace) -> None:
    with pytest.raises(ServiceError) as info:
        Workspace.open(office.data_dir)
    assert "already open" in str(info.value)


def test_multiple_birth_records_are_linked_and_not_duplicates(office: Workspace) -> None:
    svc = RecordService(office, _registrar(office))
    first = sample_application(Scenario.MARRIED, TODAY, TODAY, seed=3)
    second = sample_application(Scenario.MARRIED, TODAY, TODAY, seed=3)
    second.child.given_name = "Аружан" if first.child.given_name != "Аружан" else "Дана"
    from tirkeu.domain.application import MultipleBirth

    first.child.multiple_birth = MultipleBirth(2, 1)
    second.child.multiple_birth = MultipleBirth(2, 2)
    a, b = svc.save_births([first, second])
    assert a.birth_group == b.birth_group is not None
    svc.register(a.id or 0, acknowledged=[f.rule for f in svc.findings(first)])
    assert svc.possible_duplicates(b) == []
    lone = sample_application(Scenario.MARRIED, TODAY, TODAY, seed=3)
    dup = svc.save_draft(lone)
    assert [r.id for r in svc.possible_duplicates(dup)] == [a.id]


def test_a_multiple_birth_is_registered_whole_or_not_at_all(office: Workspace) -> None:
    from tirkeu.domain.application import MultipleBirth

    svc = RecordService(office, _registrar(office))
    first = sample_application(Scenario.MARRIED, TODAY, TODAY, seed=4)
    second = sample_application(Scenario.MARRIED, TODAY, TODAY, seed=4)
    first.child.multiple_birth = MultipleBirth(2, 1)
    second.child.multiple_birth = MultipleBirth(2, 2)
    second.child.birth_date = TODAY + dt.timedelta(days=1)  # an error on the second child
    a, b = svc.save_births([first, second])
    with pytest.raises(RegistrationBlocked):
        svc.register_births([a.id or 0, b.id or 0])
    assert svc.get(a.id or 0).status is RecordStatus.DRAFT, "the first child is not half done"
    second.child.birth_date = TODAY
    svc.save_draft(second, b.id)
    rules = {f.rule for app in (first, second) for f in svc.findings(app)}
    done = svc.register_births([a.id or 0, b.id or 0], sorted(rules))
    assert [r.number for r in done] == [1, 2]


def test_editing_a_draft_is_audited_by_field_names_only(office: Workspace) -> None:
    from tirkeu.storage.models import AuditRow

    svc = RecordService(office, _registrar(office))
    app = sample_application(Scenario.MARRIED, TODAY, TODAY)
    draft = svc.save_draft(app)
    svc.save_draft(app, draft.id)  # nothing changed: nothing written
    app.child.given_name = "Әлихан"
    svc.save_draft(app, draft.id)
    with office.db.session() as s:
        edits = [r.after for r in s.query(AuditRow).filter_by(action="record.draft_edit")]
    assert edits == [{"fields": ["child.given_name"]}]
