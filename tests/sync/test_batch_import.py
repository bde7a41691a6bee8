"""The district decides a whole bundle at once: the same answers as one record at a time."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tirkeu.domain.application import Sex
from tirkeu.sync.ack import Outcome
from tirkeu.sync.district import decisions
from tirkeu.sync.district.iin import IinAllocator, iin_prefix
from tirkeu.sync.district.intake import ImportStatus, import_bytes
from tirkeu.sync.district.models import IinSerial, ReceivedRecord
from tirkeu.sync.district.registry import District

from .helpers import World, make_record, records_bundle, snapshot

BORN = dt.date(2025, 3, 1)


def _first_iins(count: int, sex: Sex = Sex.FEMALE) -> list[str]:
    """The IINs an empty district gives first for a girl born on ``BORN``."""
    allocator = IinAllocator({}, set())
    return [allocator.assign(BORN, sex) for _ in range(count)]


def _rows(district: District) -> int:
    with district.session() as s:
        return int(s.scalar(select(func.count(ReceivedRecord.id))) or 0)


def test_duplicates_inside_one_bundle(world: World, district: District) -> None:
    first = make_record(1, number=7)
    twin = make_record(2, number=8)  # same child's names, birth date and mother
    other_mother = make_record(3, number=9, mother="Гүлнар")
    result = import_bytes(
        district, records_bundle(world, "A01", 1, [first, twin, other_mother]), "a"
    )
    a, b, c = result.results
    assert a.outcome is Outcome.ACCEPTED and a.iin
    assert b.outcome is Outcome.DUPLICATE and b.iin is None
    assert "7" in b.reasons[0].message("en") and "A01" in b.reasons[0].message("en")
    assert c.outcome is Outcome.ACCEPTED and c.iin and c.iin != a.iin


def test_a_duplicate_marks_later_twins_too(world: World, district: District) -> None:
    """A possible duplicate is not rejected: a third twin is held as well."""
    import_bytes(district, records_bundle(world, "A01", 1, [make_record(1, number=5)]), "a")
    twins = [make_record(10, number=50), make_record(11, number=51)]
    result = import_bytes(district, records_bundle(world, "A02", 1, twins), "b")
    assert [r.outcome for r in result.results] == [Outcome.DUPLICATE, Outcome.DUPLICATE]
    assert all("A01" in r.reasons[0].message("en") for r in result.results)


def test_a_rejected_record_is_no_duplicate(world: World, district: District) -> None:
    unnumbered = make_record(1)
    unnumbered.number = None
    twin = make_record(2, number=2)
    result = import_bytes(district, records_bundle(world, "A01", 1, [unnumbered, twin]), "a")
    assert [r.outcome for r in result.results] == [Outcome.REJECTED, Outcome.ACCEPTED]


def test_the_same_record_twice_in_one_bundle_gets_one_answer(
    world: World, district: District
) -> None:
    record = make_record(1, number=3)
    result = import_bytes(district, records_bundle(world, "A01", 1, [record, record]), "a")
    first, again = result.results
    assert first == again and first.outcome is Outcome.ACCEPTED
    assert _rows(district) == 1


def test_an_office_iin_given_earlier_in_the_same_bundle_is_taken(
    world: World, district: District
) -> None:
    (first_free,) = _first_iins(1)
    assigned = make_record(1, given_name="Бірінші", mother="Бірінші")
    claims_it = make_record(2, given_name="Екінші", mother="Екінші", iin=first_free)
    a, b = import_bytes(
        district, records_bundle(world, "A01", 1, [assigned, claims_it]), "a"
    ).results
    assert a.outcome is Outcome.ACCEPTED and a.iin == first_free
    assert b.outcome is Outcome.REJECTED and first_free in b.reasons[0].messages["en"]


def test_the_counter_steps_over_an_iin_an_office_sent_before(
    world: World, district: District
) -> None:
    first, second, third = _first_iins(3)
    held = make_record(1, given_name="Бар", mother="Бар", iin=second)
    import_bytes(district, records_bundle(world, "A01", 1, [held]), "a")
    newborns = [make_record(i, given_name=f"Жаңа{i}", mother=f"Ана{i}") for i in (1, 2)]
    result = import_bytes(district, records_bundle(world, "A02", 1, newborns), "b")
    assert [r.iin for r in result.results] == [first, third]
    with district.session() as s:
        counter = s.get(IinSerial, iin_prefix(BORN, Sex.FEMALE))
        assert counter is not None and counter.last == int(third[7:11])
    later = make_record(3, given_name="Кейін", mother="Кейін")
    (after,) = import_bytes(district, records_bundle(world, "A02", 2, [later]), "c").results
    assert after.iin not in (first, second, third)


def test_a_rejected_record_sent_again_is_decided_again_in_its_row(
    world: World, district: District
) -> None:
    unnumbered = make_record(1)
    unnumbered.number = None
    (rejected,) = import_bytes(district, records_bundle(world, "A01", 1, [unnumbered]), "a").results
    assert rejected.outcome is Outcome.REJECTED
    with district.session() as s:
        row_id = s.scalar(select(ReceivedRecord.id))
    fixed = make_record(1, number=12)
    (accepted,) = import_bytes(district, records_bundle(world, "A01", 2, [fixed]), "b").results
    assert accepted.outcome is Outcome.ACCEPTED and accepted.iin
    with district.session() as s:
        (row,) = s.scalars(select(ReceivedRecord)).all()
        assert (row.id, row.status, row.number, row.iin) == (row_id, "accepted", 12, accepted.iin)
        assert row.bundle.sequence == 2 and row.reasons == []


def test_a_failure_after_the_records_are_written_leaves_the_district_unchanged(
    world: World, district: District, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_bytes(district, records_bundle(world, "A01", 1, [make_record(1, number=1)]), "a")
    before = snapshot(district)

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(decisions, "save_counters", broken)
    records = [make_record(i, given_name=f"Бала{i}", mother=f"Ана{i}") for i in range(2, 6)]
    with pytest.raises(OSError, match="disk full"):
        import_bytes(district, records_bundle(world, "A02", 1, records), "b")
    assert snapshot(district) == before
    monkeypatch.undo()
    result = import_bytes(district, records_bundle(world, "A02", 1, records), "b")
    assert result.status is ImportStatus.IMPORTED and _rows(district) == 5


def test_a_bundle_larger_than_one_query_chunk(world: World, district: District) -> None:
    """More records than one ``IN (…)`` holds: every answer and IIN still distinct."""
    count = 1200
    born = [BORN - dt.timedelta(days=i % 40) for i in range(count)]
    records = [
        make_record(i + 1, given_name=f"Бала{i}", mother=f"Ана{i}", born=born[i])
        for i in range(count)
    ]
    first = import_bytes(district, records_bundle(world, "A01", 1, records), "a")
    assert {r.outcome for r in first.results} == {Outcome.ACCEPTED}
    assert len({r.iin for r in first.results}) == count
    again = import_bytes(district, records_bundle(world, "A01", 2, records), "b")
    assert again.results == first.results and _rows(district) == count
