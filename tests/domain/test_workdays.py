"""The Kazakhstan working calendar (service card terms; п. 5, 7 count working days)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tirkeu.domain.workdays import WorkCalendar, default_calendar

D = dt.date.fromisoformat


def test_weekends_and_holidays_are_not_working() -> None:
    cal = default_calendar()
    assert cal.is_working_day(D("2025-03-19"))  # Wednesday
    assert not cal.is_working_day(D("2025-03-15"))  # Saturday
    for day in ("2025-03-21", "2025-03-24", "2025-03-25"):  # Nauryz and its transfers
        assert not cal.is_working_day(D(day))
    assert not cal.is_working_day(D("2025-01-03"))  # day off by transfer


def test_weekend_made_working_by_transfer_comes_from_the_override_table() -> None:
    cal = default_calendar()
    assert cal.is_working_day(D("2024-05-04"))  # Saturday worked for 2024-05-08
    assert cal.is_working_day(D("2025-01-05"))  # Sunday worked for 2025-01-03
    assert not WorkCalendar().is_working_day(D("2024-05-04"))


def test_add_working_days_skips_nauryz() -> None:
    cal = default_calendar()
    # Thursday 20 March 2025; 21-25 are holidays or weekend; 26, 27 work.
    assert cal.add_working_days(D("2025-03-20"), 1) == D("2025-03-26")
    assert cal.add_working_days(D("2025-03-20"), 2) == D("2025-03-27")
    assert cal.add_working_days(D("2025-03-20"), 0) == D("2025-03-20")
    with pytest.raises(ValueError):
        cal.add_working_days(D("2025-03-20"), -1)


def test_working_days_between() -> None:
    cal = default_calendar()
    assert cal.working_days_between(D("2025-03-20"), D("2025-03-27")) == 2
    assert cal.working_days_between(D("2025-03-27"), D("2025-03-20")) == 0
    start = D("2026-02-02")
    for n in range(0, 30):
        assert cal.working_days_between(start, cal.add_working_days(start, n)) == n


def test_extra_holiday_from_overrides(tmp_path: Path) -> None:
    table = {
        "comment": "test",
        "working_days": [{"date": "2030-01-05", "note": "Saturday worked"}],
        "holidays": [{"date": "2030-01-09", "note": "new decree"}],
    }
    path = tmp_path / "overrides.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    cal = WorkCalendar.from_file(path)
    assert cal.is_working_day(D("2030-01-05"))
    assert not cal.is_working_day(D("2030-01-09"))


def test_unusable_override_table_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "overrides.json"
    path.write_text('{"working_days": [{"date": "05.01.2030"}], "holidays": []}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"overrides\.json"):
        WorkCalendar.from_file(path)


def test_shipped_table_documents_its_format() -> None:
    from tirkeu.resources import resource

    data = json.loads(resource("calendar", "overrides.json").read_text(encoding="utf-8"))
    assert "working_days" in data["comment"] and "holidays" in data["comment"]
    for entry in data["working_days"]:
        assert D(entry["date"]).weekday() >= 5, entry
