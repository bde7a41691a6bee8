"""The reports as PDF (text read back with pypdf) and CSV (parsed), in Kazakh and Russian."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from tests.reports.conftest import Office
from tirkeu.documents.report_book import write_book_pdf
from tirkeu.documents.report_chart import births_chart, nice_scale
from tirkeu.documents.report_csv import DELIMITER, book_csv, monthly_csv, stock_csv
from tirkeu.documents.report_data import BookRow, MonthCount
from tirkeu.documents.reports import monthly_report_pdf, stock_report_pdf
from tirkeu.services.reports import ReportService

D = dt.date
OCTOBER = D(2026, 10, 1)
WORDS = {
    "kk": {
        "approved": "«Бекітемін»",
        "title": "Тууды мемлекеттік тіркеу туралы есеп",
        "month": "2026 жылғы қазан айы үшін",
        "total": "Тіркелген туу, барлығы 6",
        "p18": "бір жасқа толған және одан асқан бала (18-тармақ) 1",
        "refused": "Тіркеуден бас тарту 1",
        "repeat": "қайталама туу туралы куәліктер (41-тармақ) 1",
        "overdue": "қызмет көрсету мерзімі өткені 1",
        "chart": "Айлар бойынша тіркелген туу, соңғы 12 ай",
        "book": "Тууы туралы акт жазбаларының кітабы",
        "stock": "ТК сериясы сәйкес келеді: алынғаны 60 = есепке алынғаны 60.",
        "issued": "берілді (11): 0000101–0000110, 0000152",
    },
    "ru": {
        "approved": "«Утверждаю»",
        "title": "Отчет о государственной регистрации рождения",
        "month": "за октябрь 2026 года",
        "total": "Зарегистрировано рождений, всего 6",
        "p18": "ребенок, достигший одного года и старше (п. 18) 1",
        "refused": "Отказы в регистрации 1",
        "repeat": "Выдано повторных свидетельств о рождении (п. 41) 1",
        "overdue": "из них с истекшим сроком оказания услуги 1",
        "chart": "Зарегистрировано рождений по месяцам, последние 12 месяцев",
        "book": "Книга записей актов о рождении",
        "stock": "Серия ТК сходится: получено 60 = учтено 60.",
        "issued": "выдано (11): 0000101–0000110, 0000152",
    },
}


def _text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pages))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_monthly_pdf_holds_the_figures_and_the_heads_approval(
    office: Office, lang: str
) -> None:
    figures = ReportService(office.ws, office.registrar).monthly(OCTOBER)
    text = _text(monthly_report_pdf(figures, office.ws.office(), lang))
    words = WORDS[lang]
    for key in ("approved", "title", "month", "total", "p18", "refused", "repeat", "overdue"):
        assert words[key] in text, key
    assert words["chart"] in text
    assert "Жұмабеков Ерлан Серікұлы" in text, "the head's name at the approval"
    assert "Оспанова Гүлмира" in text, "who prepared it"
    assert "196243100" in text and "196243300" in text
    assert "\ufffd" not in text


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_monthly_csv_has_a_code_and_a_count_per_row(office: Office, lang: str) -> None:
    figures = ReportService(office.ws, office.registrar).monthly(OCTOBER)
    out = io.StringIO()
    monthly_csv(figures, lang, out)
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter=DELIMITER))
    values = {code: int(value) for _section, code, _label, value in rows[1:]}
    assert values["registered"] == 6
    assert values["scenario.married"] == 3
    assert values["sex.female"] == 3
    assert (values["late.p18"], values["late.p19"], values["after_term"]) == (1, 1, 1)
    assert (values["certificates"], values["repeat_certificates"], values["spravkas"]) == (2, 1, 1)
    assert (values["pending"], values["overdue"]) == (1, 1)
    assert values["settlement.196243100"] == 3
    assert values["settlement.196243100.stillborn"] == 1
    assert values["settlement.none"] == 1
    assert values["month.2026-10.male"] == 3 and values["month.2026-09.male"] == 1
    labels = {code: label for _s, code, label, _v in rows[1:]}
    assert labels["registered"] in WORDS[lang]["total"]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_book_prints_every_record_of_the_period(office: Office, lang: str) -> None:
    svc = ReportService(office.ws, office.registrar)
    out = io.BytesIO()
    count = write_book_pdf(
        svc.book(D(2026, 9, 1), D(2026, 10, 31)),
        office.ws.office(),
        lang,
        D(2026, 9, 1),
        D(2026, 10, 31),
        out,
    )
    assert count == 7
    text = _text(out.getvalue())
    assert WORDS[lang]["book"] in text
    assert "01.09.2026 – 31.10.2026" in text
    for row in svc.book(D(2026, 9, 1), D(2026, 10, 31)):
        assert row.child.split()[0] in text
    csv_out = io.StringIO()
    assert book_csv(svc.book(D(2026, 9, 1), D(2026, 10, 31)), lang, csv_out) == 7
    rows = list(csv.reader(io.StringIO(csv_out.getvalue()), delimiter=DELIMITER))
    assert len(rows) == 8
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4", "5", "6", "7"]
    assert rows[1][2] == "05.10.2026" and rows[1][1] == "2026"


def test_an_empty_book_says_so() -> None:
    from tirkeu.domain.record import Office as OfficeData
    from tirkeu.services.demo import OFFICE

    office = OfficeData(
        OFFICE.name_kk,
        OFFICE.name_ru,
        OFFICE.kato,
        OFFICE.district_kk,
        OFFICE.district_ru,
        OFFICE.head_name,
    )
    out = io.BytesIO()
    assert write_book_pdf([], office, "ru", D(2026, 1, 1), D(2026, 1, 31), out) == 0
    assert "За период записи актов не регистрировались." in _text(out.getvalue())


def test_a_long_book_breaks_into_pages_with_the_header_on_each() -> None:
    from tirkeu.domain.record import Office as OfficeData
    from tirkeu.services.demo import OFFICE

    office = OfficeData(
        OFFICE.name_kk,
        OFFICE.name_ru,
        OFFICE.kato,
        OFFICE.district_kk,
        OFFICE.district_ru,
        OFFICE.head_name,
    )
    rows = (
        BookRow(
            n,
            2026,
            D(2026, 1, 1),
            "Қасымова Әйгерім Нұрланқызы " * (n % 3 + 1),
            D(2026, 1, 1),
            "female",
            "Қасымова Мөлдір",
            None,
            "unmarried",
            "registered",
        )
        for n in range(1, 1201)
    )
    out = io.BytesIO()
    assert write_book_pdf(rows, office, "kk", D(2026, 1, 1), D(2026, 12, 31), out) == 1200
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert len(reader.pages) > 20
    last = re.sub(r"\s+", " ", reader.pages[-1].extract_text())
    assert "Акт жазбасының" in last and "1200" in last


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_stock_report_reconciles_and_lists_the_numbers(office: Office, lang: str) -> None:
    stock = ReportService(office.ws, office.registrar).stock()
    text = _text(stock_report_pdf(stock, office.ws.office(), lang))
    assert WORDS[lang]["approved"] in text
    assert WORDS[lang]["stock"] in text
    assert WORDS[lang]["issued"] in text
    out = io.StringIO()
    stock_csv(stock, lang, out)
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter=DELIMITER))
    by_key = {(r[0], r[1]): r for r in rows[1:]}
    assert by_key[("ТК", "received")][3] == "60"
    assert by_key[("ТК", "spoiled")][3:] == ["2", "0000111, 0000113"]
    assert by_key[("АБ", "in_stock")][3:] == ["5", "0000001–0000005"]
    received = int(by_key[("ТК", "received")][3])
    states = ("in_stock", "issued", "spoiled", "surrendered", "seized", "destroyed")
    assert received == sum(int(by_key[("ТК", s)][3]) for s in states)


def test_a_series_that_does_not_reconcile_is_flagged() -> None:
    from tirkeu.documents.report_data import SeriesFigures, StockFigures
    from tirkeu.domain.record import Office as OfficeData
    from tirkeu.services.demo import OFFICE

    office = OfficeData(
        OFFICE.name_kk,
        OFFICE.name_ru,
        OFFICE.kato,
        OFFICE.district_kk,
        OFFICE.district_ru,
        OFFICE.head_name,
    )
    series = SeriesFigures("ТК", 10, {"in_stock": 8, "issued": 1}, {"in_stock": ["0000001"]})
    stock = StockFigures(D(2026, 11, 20), [series])
    assert not stock.balanced
    text = _text(stock_report_pdf(stock, office, "ru"))
    assert "Серия ТК НЕ сходится: получено 10, учтено 9." in text


def test_the_chart_scale_is_round_and_leaves_room_for_labels() -> None:
    assert nice_scale(0) == (2, 1), "an empty year still has an axis"
    assert nice_scale(48) == (60, 20)
    top, step = nice_scale(1234)
    assert top >= 1234 * 1.15 and top % step == 0
    trend = [MonthCount(D(2026, m, 1), m, 12 - m) for m in range(1, 13)]
    drawing = births_chart(trend, "kk", 400, 200)
    assert drawing.width == 400
