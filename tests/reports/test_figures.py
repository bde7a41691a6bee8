"""The figures of the reports against records made for the purpose."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import TODAY
from tests.reports.conftest import KATO_A, KATO_B, Office
from tirkeu.domain.application import Scenario
from tirkeu.services import reports
from tirkeu.services.demo import sample_application
from tirkeu.services.errors import ServiceError
from tirkeu.services.records import RecordService
from tirkeu.services.reports import ReportService, check_period, parse_day, parse_month

D = dt.date


def test_monthly_figures_count_what_was_registered_in_the_month(office: Office) -> None:
    f = ReportService(office.ws, office.registrar).monthly(D(2026, 10, 17))
    assert f.month == D(2026, 10, 1)
    assert f.registered == 6
    assert f.by_scenario == {
        "married": 3,
        "unmarried": 1,
        "stillborn": 1,
        "found": 1,
        "surrogacy": 0,
    }
    assert f.by_sex == {"male": 3, "female": 3}
    assert (f.live, f.stillborn) == (5, 1)
    assert (f.late_child, f.late_adult) == (1, 1)
    assert f.after_term == 1
    assert f.refused == 1
    assert (f.certificates, f.repeat_certificates, f.spravkas) == (2, 1, 1)
    assert (f.pending, f.overdue) == (1, 1)
    assert f.prepared_by == "Оспанова Гүлмира"


def test_settlements_group_by_kato_with_the_names_records_give(office: Office) -> None:
    f = ReportService(office.ws, office.registrar).monthly(D(2026, 10, 1))
    by_kato = {s.kato: s for s in f.settlements}
    assert set(by_kato) == {KATO_A, KATO_B, None}
    assert (by_kato[KATO_A].registered, by_kato[KATO_A].stillborn) == (3, 1)
    assert by_kato[KATO_B].registered == 2
    assert by_kato[None].registered == 1
    # One record of B is in Russian, one in Kazakh: each language gets its own name.
    assert by_kato[KATO_B].place("kk") == "Жаңалық ауылы"
    assert by_kato[KATO_B].place("ru") == "село Жаналык"
    assert by_kato[KATO_A].place("ru") == "Бесағаш ауылы", "falls back to the other language"


def test_the_trend_covers_twelve_months_ending_with_the_month(office: Office) -> None:
    trend = ReportService(office.ws, office.registrar).monthly(D(2026, 10, 1)).trend
    assert (trend[0].month, trend[-1].month) == (D(2025, 11, 1), D(2026, 10, 1))
    assert len(trend) == 12
    counts = {m.month: (m.male, m.female) for m in trend}
    assert counts[D(2026, 9, 1)] == (1, 0)
    assert counts[D(2026, 10, 1)] == (3, 3)
    assert sum(m.total for m in trend) == 7


def test_another_month_has_its_own_figures(office: Office) -> None:
    svc = ReportService(office.ws, office.registrar)
    sept = svc.monthly(D(2026, 9, 1))
    assert (sept.registered, sept.certificates, sept.refused) == (1, 1, 0)
    assert sept.pending == 0, "no draft was received by the end of September"
    nov = svc.monthly(D(2026, 11, 1))
    assert (nov.registered, nov.refused) == (0, 1)
    assert (nov.pending, nov.overdue) == (2, 1)


def test_deadlines_list_the_drafts_most_overdue_first(office: Office) -> None:
    d = ReportService(office.ws, office.registrar).deadlines()
    assert (d.total, d.overdue) == (2, 1)
    first, second = d.rows
    assert first.record_id == office.ids["draft_overdue"]
    assert first.overdue and first.deadline == D(2026, 10, 30)
    assert first.days_overdue == (TODAY - D(2026, 10, 30)).days
    assert second.record_id == office.ids["draft_fresh"]
    assert not second.overdue and second.deadline == D(2026, 11, 23)
    assert second.child


def test_the_book_streams_registered_records_in_number_order(office: Office) -> None:
    svc = ReportService(office.ws, office.registrar)
    rows = list(svc.book(D(2026, 10, 1), D(2026, 10, 31)))
    assert [r.number for r in rows] == [1, 2, 3, 4, 5, 6]
    assert svc.book_count(D(2026, 10, 1), D(2026, 10, 31)) == 6
    assert svc.book_count(D(2026, 9, 1), D(2026, 10, 31)) == 7
    first = rows[0]
    assert first.record_date == D(2026, 10, 5)
    assert first.sex == "male" and first.scenario == "married"
    assert first.mother and first.father
    assert rows[5].scenario == "found"
    assert list(svc.book(D(2026, 10, 1), D(2026, 10, 31), limit=2))[1].number == 2


def test_a_registration_saves_while_the_book_is_being_drawn(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rollback-journal mode: a read left open by the book would make this save
    # wait out the busy timeout and fail with "database is locked".
    monkeypatch.setattr(reports, "BOOK_BATCH", 2)
    book = ReportService(office.ws, office.registrar).book(D(2026, 10, 1), D(2026, 10, 31))
    first = next(book)
    draft = RecordService(office.ws, office.registrar).save_draft(
        sample_application(Scenario.MARRIED, D(2026, 11, 18), D(2026, 11, 19))
    )
    assert draft.id is not None
    assert [first.number] + [r.number for r in book] == [1, 2, 3, 4, 5, 6]


def test_the_stock_reconciles_and_compresses_numbers(office: Office) -> None:
    stock = ReportService(office.ws, office.registrar).stock()
    assert stock.balanced
    series = {s.series: s for s in stock.series}
    tk = series["ТК"]
    assert tk.received == 60
    assert tk.counts == {
        "in_stock": 42,
        "issued": 11,
        "spoiled": 2,
        "surrendered": 1,
        "seized": 1,
        "destroyed": 3,
    }
    assert tk.numbers["issued"] == ["0000101–0000110", "0000152"]
    assert tk.numbers["spoiled"] == ["0000111", "0000113"]
    assert tk.numbers["destroyed"] == ["0000130–0000132"]
    assert tk.numbers["in_stock"][:2] == ["0000112", "0000114–0000119"]
    assert series["АБ"].counts["in_stock"] == 5


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("2026-10", True),
        ("2026-11", True),
        ("2026-12", False),
        ("2026-13", False),
        ("10.2026", False),
    ],
)
def test_months_are_checked(text: str, ok: bool) -> None:
    if ok:
        assert parse_month(text, TODAY).day == 1
    else:
        with pytest.raises(ServiceError):
            parse_month(text, TODAY)


def test_periods_are_checked() -> None:
    assert parse_day("2026-01-31") == D(2026, 1, 31)
    with pytest.raises(ServiceError):
        parse_day("31.01.2026")
    with pytest.raises(ServiceError):
        check_period(D(2026, 2, 1), D(2026, 1, 1), TODAY)
    with pytest.raises(ServiceError):
        check_period(D(2027, 1, 1), D(2027, 2, 1), TODAY)
