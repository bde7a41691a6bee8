from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tirkeu.domain.application import Sex
from tirkeu.domain.iin import iin_birth_date, iin_sex, is_valid_iin
from tirkeu.sync import envelope
from tirkeu.sync.ack import Outcome, open_ack
from tirkeu.sync.district import checks
from tirkeu.sync.district.intake import ImportStatus, import_bytes, import_files, verify_file
from tirkeu.sync.district.models import ReceivedRecord
from tirkeu.sync.district.registry import District
from tirkeu.sync.errors import ErrorCode
from tirkeu.sync.signing import RsaSigner
from tirkeu.sync.transport import list_bundles

from .helpers import World, make_record, records_bundle, snapshot


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def test_two_akimats_round_trip(world: World, district: District, tmp_path: Path) -> None:
    outbox = tmp_path / "usb"
    paths = [
        _write(outbox, "TIRKEU-A01-000001.tkb", records_bundle(world, "A01", 1, [make_record(1)])),
        _write(
            outbox,
            "TIRKEU-A02-000001.tkb",
            records_bundle(
                world, "A02", 1, [make_record(5, given_name="Ерлан", sex=Sex.MALE, mother="Сәуле")]
            ),
        ),
    ]
    acks = tmp_path / "acks"
    results = import_files(district, paths, acks)
    assert [r.status for r in results] == [ImportStatus.IMPORTED] * 2
    assert [p.name for p in list_bundles(acks)] == [
        "TIRKEU-ACK-A01-000001.tkb",
        "TIRKEU-ACK-A02-000001.tkb",
    ]
    for code, result in zip(("A01", "A02"), results, strict=True):
        office = world.offices[code]
        assert result.ack_path is not None
        ack = open_ack(
            result.ack_path.read_bytes(),
            code,
            office,
            [world.ca.certificate],
            world.district.certificate,
        )
        assert ack.sequence == 1
        (only,) = ack.results
        assert only.outcome is Outcome.ACCEPTED
        assert only.iin is not None and is_valid_iin(only.iin)
        assert iin_birth_date(only.iin) == dt.date(2025, 3, 1)
        assert iin_sex(only.iin) is (Sex.MALE if code == "A02" else Sex.FEMALE)
    with pytest.raises(Exception, match="No recipient"):  # each ack only for its office
        envelope.decrypt(results[0].ack or b"", world.offices["A02"])


def test_replay_changes_nothing_and_gets_the_same_ack(
    world: World, district: District, tmp_path: Path
) -> None:
    data = records_bundle(world, "A01", 1, [make_record(1), make_record(2, given_name="Әлихан")])
    first = import_bytes(district, data, "TIRKEU-A01-000001.tkb", tmp_path)
    before = snapshot(district)
    assert first.ack_path is not None
    first.ack_path.unlink()  # the stick with the ack was lost: replaying writes it again
    again = import_bytes(district, data, "TIRKEU-A01-000001.tkb", tmp_path)
    assert again.status is ImportStatus.ALREADY_IMPORTED
    assert again.ack == first.ack
    assert again.results == first.results
    assert again.ack_path is not None and again.ack_path.read_bytes() == first.ack
    assert snapshot(district) == before


def test_records_resent_in_a_later_bundle_keep_their_answer(
    world: World, district: District
) -> None:
    first = import_bytes(district, records_bundle(world, "A01", 1, [make_record(1)]), "a")
    second = import_bytes(district, records_bundle(world, "A01", 2, [make_record(1)]), "b")
    assert second.status is ImportStatus.IMPORTED
    assert second.results == first.results
    with district.session() as session:
        assert session.scalar(select(func.count()).select_from(ReceivedRecord)) == 1


def _flip(data: bytes, at: int) -> bytes:
    bad = bytearray(data)
    bad[at] ^= 0x20
    return bytes(bad)


def test_refused_bundles_leave_the_database_unchanged(
    world: World, district: District, tmp_path: Path
) -> None:
    import_bytes(district, records_bundle(world, "A01", 1, [make_record(1)]), "ok")
    good = records_bundle(world, "A01", 2, [make_record(2, given_name="Дана")])
    district.revoke(world.offices["A03"].certificate.serial_number, "key lost")
    before = snapshot(district)
    cases: list[tuple[bytes, ErrorCode]] = [
        (_flip(good, len(good) // 2), ErrorCode.UNDECRYPTABLE),
        (_flip(good, 40), ErrorCode.UNDECRYPTABLE),
        (good[: len(good) - 7], ErrorCode.UNDECRYPTABLE),
        (records_bundle(world, "A03", 1, [make_record(9)]), ErrorCode.SIGNER_REVOKED),
        (
            records_bundle(world, "A01", 2, [make_record(9)], signer=RsaSigner(world.foreign)),
            ErrorCode.SIGNER_UNTRUSTED,
        ),
        (  # a registered office signing for another one
            records_bundle(world, "A01", 2, [make_record(9)], signer=world.signer("A02")),
            ErrorCode.SIGNER_UNKNOWN,
        ),
        (records_bundle(world, "A01", 1, [make_record(8)]), ErrorCode.SEQUENCE_REUSED),
    ]
    acks = tmp_path / "acks"
    for data, code in cases:
        result = import_bytes(district, data, "bad.tkb", acks)
        assert result.status is ImportStatus.REFUSED
        assert result.error is not None and result.error.code is code, code
        assert result.error.message("kk") and result.ack_path is None
    assert snapshot(district) == before
    assert not list_bundles(acks)


def test_unknown_office_is_refused(world: World, tmp_path: Path) -> None:
    from .helpers import memory_district

    lone = memory_district(world)
    lone.register_office("A02", "Akimat A02", world.offices["A02"].certificate)
    result = import_bytes(lone, records_bundle(world, "A01", 1, [make_record(1)]), "x")
    assert result.error is not None and result.error.code is ErrorCode.SIGNER_UNKNOWN
    assert "A01" in result.error.message("ru")
    lone.engine.dispose()


def test_sequence_gaps_are_reported(world: World, district: District) -> None:
    import_bytes(district, records_bundle(world, "A01", 1, [make_record(1)]), "1")
    result = import_bytes(district, records_bundle(world, "A01", 4, [make_record(4)]), "4")
    assert result.status is ImportStatus.IMPORTED
    assert result.missing_sequences == [2, 3]
    ack = open_ack(
        result.ack or b"",
        "A01",
        world.offices["A01"],
        [world.ca.certificate],
        world.district.certificate,
    )
    assert ack.missing_sequences == [2, 3]
    late = import_bytes(district, records_bundle(world, "A01", 2, [make_record(2)]), "2")
    assert late.missing_sequences == [3]


def test_possible_duplicate_across_akimats(world: World, district: District) -> None:
    import_bytes(district, records_bundle(world, "A01", 1, [make_record(1, number=11)]), "a")
    twin_elsewhere = make_record(3, number=40)
    result = import_bytes(district, records_bundle(world, "A02", 1, [twin_elsewhere]), "b")
    (only,) = result.results
    assert only.outcome is Outcome.DUPLICATE and only.iin is None
    assert "11" in only.reasons[0].message("kk") and "A01" in only.reasons[0].message("ru")
    other_mother = make_record(4, mother="Гүлнар")
    (distinct,) = import_bytes(
        district, records_bundle(world, "A02", 2, [other_mother]), "c"
    ).results
    assert distinct.outcome is Outcome.ACCEPTED


def test_iins_are_distinct_and_an_office_iin_is_kept(world: World, district: District) -> None:
    records = [make_record(i, given_name=f"Бала{i}") for i in range(1, 8)]
    result = import_bytes(district, records_bundle(world, "A01", 1, records), "a")
    iins = [r.iin for r in result.results]
    assert len(set(iins)) == 7 and all(i and is_valid_iin(i) for i in iins)
    given = iins[0]
    assert given is not None
    clash = make_record(20, given_name="Басқа", mother="Басқа", iin=given)
    own = make_record(21, given_name="Өзі", mother="Өзі", iin="250301600106")
    clash_result, own_result = import_bytes(
        district, records_bundle(world, "A02", 1, [clash, own]), "b"
    ).results
    assert (
        clash_result.outcome is Outcome.REJECTED and given in clash_result.reasons[0].messages["en"]
    )
    assert own_result.iin == "250301600106"


def test_rules_engine_rejects_with_its_reasons(
    world: World, district: District, monkeypatch: pytest.MonkeyPatch
) -> None:
    @dataclass
    class Finding:
        severity: str
        rule: str
        paragraph: int | None

        def message(self, lang: str) -> str:
            return f"{lang}: {self.rule}"

    def check(app: Any, today: dt.date) -> list[Finding]:
        assert today == dt.date(2025, 3, 4)  # the record's date, not the arrival's
        if app.child.given_name == "Қате":
            return [Finding("error", "late", 18), Finding("warning", "style", None)]
        return [Finding("warning", "style", None)]

    monkeypatch.setattr(checks, "_rules_check", lambda: check)
    bundle = records_bundle(world, "A01", 1, [make_record(1), make_record(2, given_name="Қате")])
    accepted, rejected = import_bytes(district, bundle, "a").results
    assert accepted.outcome is Outcome.ACCEPTED
    assert rejected.outcome is Outcome.REJECTED and rejected.iin is None
    (why,) = rejected.reasons
    assert (why.rule, why.paragraph, why.message("kk")) == ("late", 18, "kk: late")


def test_unreadable_or_unnumbered_records_are_rejected(world: World, district: District) -> None:
    unnumbered = make_record(2)
    unnumbered.number = None
    result = import_bytes(district, records_bundle(world, "A01", 1, [unnumbered]), "a")
    assert result.results[0].outcome is Outcome.REJECTED
    assert result.results[0].reasons[0].rule == "record.number"


def test_verify_file(world: World, district: District, tmp_path: Path) -> None:
    before = snapshot(district)
    good = _write(tmp_path, "g.tkb", records_bundle(world, "A01", 1, [make_record(1)]))
    report = verify_file(district, good)
    assert report.ok and report.office == "A01" and report.counts["records.json"] == 1
    assert "A01" in (report.signer or "")
    bad = _write(tmp_path, "b.tkb", good.read_bytes()[:-3])
    broken = verify_file(district, bad)
    assert not broken.ok and broken.error is not None
    assert broken.error.code is ErrorCode.UNDECRYPTABLE
    unnumbered = make_record(2)
    unnumbered.number = None
    problem = verify_file(
        district, _write(tmp_path, "p.tkb", records_bundle(world, "A01", 2, [unnumbered]))
    )
    assert not problem.ok and problem.problems[0].local_id == 2
    assert snapshot(district) == before  # verifying imports nothing


def test_calendar_overrides_travel_in_the_ack(world: World, district: District) -> None:
    district.set_calendar_day(dt.date(2026, 1, 3), True, "transfer")
    result = import_bytes(district, records_bundle(world, "A01", 1, [make_record(1)]), "a")
    ack = open_ack(
        result.ack or b"",
        "A01",
        world.offices["A01"],
        [world.ca.certificate],
        world.district.certificate,
    )
    assert [(c.day, c.working) for c in ack.calendar] == [(dt.date(2026, 1, 3), True)]


def test_failure_mid_import_rolls_back(
    world: World, district: District, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(district)
    from tirkeu.sync.district import intake

    def broken(*args: object, **kwargs: object) -> bytes:
        raise OSError("disk full")

    monkeypatch.setattr(intake, "write_bundle", broken)
    with pytest.raises(OSError, match="disk full"):
        import_bytes(district, records_bundle(world, "A01", 1, [make_record(1)]), "a")
    assert snapshot(district) == before


def test_revocation_from_a_crl(world: World, district: District) -> None:
    from tirkeu.sync import pki

    a02 = world.offices["A02"].certificate.serial_number
    assert district.revoke_from_crl(pki.make_crl(world.ca, [a02])) == {a02}
    result = import_bytes(district, records_bundle(world, "A02", 1, [make_record(1)]), "x")
    assert result.error is not None and result.error.code is ErrorCode.SIGNER_REVOKED
    foreign_crl = pki.make_crl(pki.make_ca("Foreign", 2048), [1])
    with pytest.raises(pki.KeyFileError):
        district.revoke_from_crl(foreign_crl)


def test_with_the_real_rules_engine(
    world: World, district: District, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine's own findings reach the office with their paragraph and sentences."""
    pytest.importorskip("tirkeu.domain.rules")
    monkeypatch.undo()  # the autouse fixture turned the engine off
    incomplete = make_record(1)  # no father, marriage or birth place: errors of п. 21, 29
    (result,) = import_bytes(district, records_bundle(world, "A01", 1, [incomplete]), "a").results
    assert result.outcome is Outcome.REJECTED and result.iin is None
    paragraphs = {r.paragraph for r in result.reasons}
    assert 29 in paragraphs
    assert all(r.messages["kk"] and r.messages["ru"] for r in result.reasons)
