"""Export, acknowledgements, resend, keys and the calendar, through the transfer service."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from tests.conftest import TODAY
from tirkeu.domain.record import RecordStatus
from tirkeu.services.demo import OFFICE
from tirkeu.services.errors import PermissionDenied, ServiceError
from tirkeu.services.records import RecordService
from tirkeu.services.transfer import (
    BundleRefused,
    TransferService,
    outbox_dir,
    work_calendar,
)
from tirkeu.services.workspace import Workspace
from tirkeu.storage.audit import verify_chain
from tirkeu.storage.models import ActRecordRow, AuditRow, BundleRow
from tirkeu.sync import pki
from tirkeu.sync.ack import CalendarDay, Outcome, Reason, RecordResult
from tirkeu.sync.district import intake
from tirkeu.sync.district.registry import District

from .helpers import hand_made_ack, register_new, snapshot

PASSWORD = "demo"
CODE = OFFICE.kato


def _statuses(ws: Workspace) -> dict[int, str]:
    with ws.db.session() as s:
        return {i: st for i, st in s.execute(select(ActRecordRow.id, ActRecordRow.status))}


def _deliver(district: District, path: Path, acks: Path) -> Path:
    [result] = intake.import_files(district, [path], acks)
    assert result.status is intake.ImportStatus.IMPORTED, result.error
    assert result.ack_path is not None
    return result.ack_path


def test_export_sends_each_record_once_and_marks_it_transferred(
    ws: Workspace, transfer: TransferService, tmp_path: Path
) -> None:
    before = _statuses(ws)
    waiting = transfer.status()
    sendable = {
        i for i, st in before.items() if st in ("registered", "certificate_issued", "refused")
    }
    assert waiting.unsent_total == len(sendable) > 0
    assert waiting.last_transfer is None and waiting.overdue

    result = transfer.export_next(tmp_path / "usb", PASSWORD)
    assert result is not None
    assert result.path == tmp_path / "usb" / f"TIRKEU-{CODE}-000001.tkb"
    assert result.sequence == 1
    assert result.records + result.refusals == len(sendable)
    assert result.certificates > 0
    archived = outbox_dir(ws) / result.path.name
    assert archived.read_bytes() == result.path.read_bytes()

    after = _statuses(ws)
    for record_id, status in before.items():
        if status in ("registered", "certificate_issued"):
            assert after[record_id] == "transferred"
        else:
            assert after[record_id] == status, "drafts and refusals keep their status"
    now = transfer.status()
    assert now.unsent_total == 0 and now.days_since == 0 and not now.overdue
    assert now.unacknowledged == [1]

    assert transfer.export_next(tmp_path / "usb", PASSWORD) is None, "nothing new, nothing sent"
    assert sorted(p.name for p in (tmp_path / "usb").iterdir()) == [result.path.name]


def test_a_record_registered_later_goes_alone_into_the_next_bundle(
    ws: Workspace, transfer: TransferService, district: District, tmp_path: Path
) -> None:
    first = transfer.export_next(tmp_path, PASSWORD)
    assert first is not None
    new_id = register_new(ws)
    assert transfer.status().unsent == {"registered": 1}
    second = transfer.export_next(tmp_path, PASSWORD)
    assert second is not None and second.sequence == 2
    assert (second.records, second.refusals) == (1, 0)
    report = intake.verify_file(district, second.path)
    assert report.error is None
    assert report.counts["records.json"] == 1
    assert _statuses(ws)[new_id] == "transferred"


def test_the_ack_confirms_rejects_fills_iins_and_a_replay_changes_nothing(
    ws: Workspace, transfer: TransferService, district: District, tmp_path: Path
) -> None:
    result = transfer.export_next(tmp_path / "usb", PASSWORD)
    assert result is not None
    with ws.db.session() as s:
        without_iin = set(
            s.scalars(
                select(ActRecordRow.id).where(
                    ActRecordRow.status == "transferred",
                    ActRecordRow.child_iin.is_(None),
                    ActRecordRow.child_alive.is_(True),
                )
            )
        )
    ack = _deliver(district, result.path, tmp_path / "acks")

    report = transfer.import_ack(ack, PASSWORD)
    assert not report.already_applied
    assert report.confirmed + report.rejected + report.duplicates == result.records
    assert report.unknown == 0
    by_id = {r.local_id: r for r in report.results}
    svc = RecordService(ws, transfer.actor)
    for record_id, answer in by_id.items():
        record = svc.get(record_id)
        if answer.outcome is Outcome.ACCEPTED:
            assert record.status is RecordStatus.CONFIRMED
            if record.application.child.alive:
                assert record.application.child.iin == answer.iin
        elif answer.outcome is Outcome.REJECTED:
            assert record.status is RecordStatus.REJECTED
            lang = record.application.language.value
            assert answer.reasons[0].message(lang) in (record.district_reason or "")
    filled = {i for i in without_iin if by_id[i].outcome is Outcome.ACCEPTED}
    assert report.iins_filled == len(filled) > 0
    with ws.db.session() as s:  # the derived column follows the application
        for record_id in filled:
            assert s.get_one(ActRecordRow, record_id).child_iin == by_id[record_id].iin
        row = s.scalars(select(BundleRow)).one()
        assert row.acknowledged_at is not None
    assert transfer.status().unacknowledged == []
    assert transfer.export_next(tmp_path / "usb", PASSWORD) is None, "the ack sends nothing back"

    before = snapshot(ws)
    again = transfer.import_ack(ack, PASSWORD)
    assert again.already_applied
    assert snapshot(ws) == before


def test_a_crash_in_the_commit_leaves_no_bundle_row_and_no_file(
    ws: Workspace, transfer: TransferService, tmp_path: Path
) -> None:
    out = tmp_path / "usb"
    before = snapshot(ws)

    def power_cut(_session: Session) -> None:
        raise OSError("disk I/O error")

    event.listen(ws.db.sessions, "before_commit", power_cut)
    try:
        with pytest.raises(OSError):
            transfer.export_next(out, PASSWORD)
    finally:
        event.remove(ws.db.sessions, "before_commit", power_cut)
    assert snapshot(ws) == before
    assert list(out.glob("*.tkb")) == []
    assert list(outbox_dir(ws).glob("*.tkb")) == []

    again = transfer.export_next(out, PASSWORD)
    assert again is not None and again.sequence == 1


def test_a_file_left_by_a_killed_export_is_overwritten_under_its_sequence(
    ws: Workspace, transfer: TransferService, district: District, tmp_path: Path
) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    leftover = out / f"TIRKEU-{CODE}-000001.tkb"
    leftover.write_bytes(b"written before the power went")
    result = transfer.export_next(out, PASSWORD)
    assert result is not None and result.path == leftover
    assert intake.verify_file(district, leftover).error is None


def test_missing_sequences_are_resent_byte_for_byte(
    ws: Workspace, transfer: TransferService, district: District, tmp_path: Path
) -> None:
    first = transfer.export_next(tmp_path / "lost", PASSWORD)
    assert first is not None
    register_new(ws)
    second = transfer.export_next(tmp_path / "usb", PASSWORD)
    assert second is not None
    report = transfer.import_ack(_deliver(district, second.path, tmp_path / "acks"), PASSWORD)
    assert report.missing_sequences == [1]
    state = transfer.status()
    assert (state.missing, state.unacknowledged) == ([1], [1])

    again = transfer.resend(1, tmp_path / "usb")
    assert again.read_bytes() == first.path.read_bytes()
    transfer.import_ack(_deliver(district, again, tmp_path / "acks"), PASSWORD)
    state = transfer.status()
    assert (state.missing, state.unacknowledged) == ([], [])
    with pytest.raises(ServiceError):
        transfer.resend(9, tmp_path / "usb")


def test_duplicates_stay_transferred_with_the_districts_note(
    ws: Workspace, transfer: TransferService, demo_world: Path, tmp_path: Path
) -> None:
    result = transfer.export_next(tmp_path, PASSWORD)
    assert result is not None
    with ws.db.session() as s:
        first, second = s.scalars(
            select(ActRecordRow.id).where(ActRecordRow.status == "transferred").limit(2)
        ).all()
    note = Reason("district.duplicate", {"kk": "Қайталануы мүмкін", "ru": "Возможный дубль"})
    wrong = Reason("p18", {"kk": "Қорытынды жоқ", "ru": "Нет заключения"}, paragraph=18)
    ack = hand_made_ack(
        demo_world,
        CODE,
        1,
        result.sha256,
        [
            RecordResult(first, None, Outcome.DUPLICATE, (note,)),
            RecordResult(second, None, Outcome.REJECTED, (wrong,)),
            RecordResult(99999, None, Outcome.ACCEPTED),
        ],
    )
    report = transfer.import_ack(ack, PASSWORD)
    assert (report.duplicates, report.rejected, report.unknown) == (1, 1, 1)
    svc = RecordService(ws, transfer.actor)
    dup, rejected = svc.get(first), svc.get(second)
    assert dup.status is RecordStatus.TRANSFERRED
    assert dup.district_reason in ("Қайталануы мүмкін", "Возможный дубль")
    assert rejected.status is RecordStatus.REJECTED
    assert rejected.district_reason in ("18-тармақ: Қорытынды жоқ", "п. 18: Нет заключения")


def test_an_ack_for_a_bundle_never_sent_or_tampered_is_refused(
    ws: Workspace, transfer: TransferService, demo_world: Path, tmp_path: Path
) -> None:
    result = transfer.export_next(tmp_path, PASSWORD)
    assert result is not None
    stranger = hand_made_ack(demo_world, CODE, 1, "0" * 64, [])
    with pytest.raises(ServiceError) as refused:
        transfer.import_ack(stranger, PASSWORD)
    assert "1" in refused.value.message("en")
    data = bytearray(stranger.read_bytes())
    data[len(data) // 2] ^= 0xFF
    stranger.write_bytes(bytes(data))
    with pytest.raises(BundleRefused) as broken:
        transfer.import_ack(stranger, PASSWORD)
    assert broken.value.message("kk").startswith(stranger.name + ": ")
    assert broken.value.message("kk") != broken.value.message("en")
    with pytest.raises(ServiceError, match="password"):
        transfer.import_ack(stranger, "wrong")


def test_district_calendar_days_reach_the_work_calendar(
    ws: Workspace, transfer: TransferService, demo_world: Path, tmp_path: Path
) -> None:
    saturday, monday = dt.date(2026, 12, 19), dt.date(2026, 12, 21)
    assert not work_calendar(ws).is_working_day(saturday)
    assert work_calendar(ws).is_working_day(monday)
    result = transfer.export_next(tmp_path, PASSWORD)
    assert result is not None
    days = [CalendarDay(saturday, True, "transfer"), CalendarDay(monday, False, "transfer")]
    transfer.import_ack(hand_made_ack(demo_world, CODE, 1, result.sha256, [], days), PASSWORD)
    calendar = work_calendar(ws)
    assert calendar.is_working_day(saturday)
    assert not calendar.is_working_day(monday)
    assert calendar.is_working_day(dt.date(2025, 1, 5)), "the shipped overrides still hold"


def test_audit_holds_counts_and_ids_but_no_names_or_iins(
    ws: Workspace, transfer: TransferService, district: District, tmp_path: Path
) -> None:
    result = transfer.export_next(tmp_path, PASSWORD)
    assert result is not None
    transfer.import_ack(_deliver(district, result.path, tmp_path / "acks"), PASSWORD)
    with ws.db.session() as s:
        entries = s.scalars(select(AuditRow).where(AuditRow.action.like("transfer.%"))).all()
        text = " ".join(f"{e.before} {e.after}" for e in entries)
        names = s.execute(select(ActRecordRow.child_surname, ActRecordRow.child_iin)).all()
        assert [e.action for e in entries] == ["transfer.export", "transfer.ack"]
        assert verify_chain(s).ok
    for surname, iin in names:
        assert surname not in text
        assert not iin or iin not in text


def test_keys_are_imported_checked_and_only_by_an_administrator(
    ws: Workspace, transfer: TransferService, demo_world: Path, tmp_path: Path
) -> None:
    keys = ws.data_dir / "keys"
    pki_dir = demo_world / "district" / "pki"
    district_pem = pki.save_certificate(
        pki.load_pkcs12(pki_dir / "district.p12", b"demo").certificate, tmp_path / "d.pem"
    )
    office_p12 = pki_dir / f"office-{CODE}.p12"
    for name in ("office.p12", "district.pem", "ca.pem"):
        (keys / name).unlink()
    assert not transfer.has_keys()
    with pytest.raises(ServiceError, match="import the office key"):
        transfer.export_next(tmp_path, PASSWORD)
    with pytest.raises(PermissionDenied):
        transfer.import_keys(office_p12, PASSWORD, pki_dir / "ca.pem", district_pem)

    admin = TransferService(ws, ws.sign_in("admin", PASSWORD))
    with pytest.raises(ServiceError, match="password"):
        admin.import_keys(office_p12, "wrong", pki_dir / "ca.pem", district_pem)
    foreign = pki.make_ca("Foreign CA", 2048)
    foreign_pem = pki.save_certificate(foreign.certificate, tmp_path / "foreign.pem")
    with pytest.raises(ServiceError, match="trusted root"):
        admin.import_keys(office_p12, PASSWORD, foreign_pem, district_pem)
    assert not transfer.has_keys()

    admin.import_keys(office_p12, PASSWORD, pki_dir / "ca.pem", district_pem)
    assert transfer.has_keys()
    assert b"demo" not in b"".join(p.read_bytes() for p in keys.iterdir() if p.suffix == ".pem")
    assert transfer.export_next(tmp_path, PASSWORD) is not None


def test_settings_are_checked_and_drive_the_warning(
    ws: Workspace, transfer: TransferService, tmp_path: Path
) -> None:
    with pytest.raises(ServiceError):
        transfer.save_settings("ftp://district", 7)
    with pytest.raises(ServiceError):
        transfer.save_settings("", 0)
    transfer.save_settings(" http://127.0.0.1:8429 ", 3)
    state = transfer.status()
    assert (state.district_url, state.warning_days) == ("http://127.0.0.1:8429", 3)
    assert transfer.export_next(tmp_path, PASSWORD) is not None
    register_new(ws)
    later = TransferService(
        _later(ws, days=4), transfer.actor
    ).status()  # four days on, one record waits
    assert later.days_since == 4 and later.overdue


def _later(ws: Workspace, days: int) -> Workspace:
    moved = dt.datetime.combine(TODAY + dt.timedelta(days=days), dt.time(9))
    return Workspace(ws.data_dir, ws.db, None, clock=lambda: moved)
