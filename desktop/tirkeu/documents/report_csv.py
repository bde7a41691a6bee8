"""The reports as CSV for the district's spreadsheets.

Semicolon-separated UTF-8 with a byte order mark (:data:`ENCODING`), which is
what Excel with a Kazakh or Russian locale opens without asking.  The monthly
figures carry a stable code next to each translated label so that a
spreadsheet can sum the reports of many offices whatever their language.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from tirkeu.documents.report_book import COLUMNS, book_cells
from tirkeu.documents.report_data import BLANK_STATES, BookRow, MonthlyFigures, StockFigures
from tirkeu.documents.report_words import blank_state_word, sex_word
from tirkeu.documents.reports import monthly_indicators
from tirkeu.documents.text import tr

ENCODING = "utf-8-sig"
DELIMITER = ";"


def monthly_csv(figures: MonthlyFigures, lang: str, out: TextIO) -> None:
    """Rows of section, code, indicator and value: figures, places of birth, the 12 months."""
    w = csv.writer(out, delimiter=DELIMITER, lineterminator="\n")
    w.writerow([tr(lang, "Section"), tr(lang, "Code"), tr(lang, "Indicator"), tr(lang, "Count")])
    figures_section = tr(lang, "Figures")
    for row in monthly_indicators(figures, lang):
        w.writerow([figures_section, row.code, row.label, row.value])
    places = tr(lang, "By place of birth")
    for s in figures.settlements:
        code = f"settlement.{s.kato or 'none'}"
        w.writerow([places, code, s.place(lang), s.registered])
        w.writerow([places, f"{code}.stillborn", s.place(lang), s.stillborn])
    months = tr(lang, "Births registered per month, last 12 months")
    for m in figures.trend:
        key = m.month.strftime("%Y-%m")
        w.writerow([months, f"month.{key}.male", f"{key} {sex_word('male', lang)}", m.male])
        w.writerow([months, f"month.{key}.female", f"{key} {sex_word('female', lang)}", m.female])


def book_csv(rows: Iterable[BookRow], lang: str, out: TextIO) -> int:
    """The book's columns, the year added and the parents split; returns the row count."""
    w = csv.writer(out, delimiter=DELIMITER, lineterminator="\n")
    headers = [tr(lang, msgid) for msgid, _ in COLUMNS if msgid != "Parents"]
    headers[1:1] = [tr(lang, "Year")]
    headers[6:6] = [tr(lang, "Mother"), tr(lang, "Father")]
    w.writerow(headers)
    count = 0
    for row in rows:
        cells = book_cells(row, lang)
        w.writerow(
            [
                cells[0],
                row.year,
                *cells[1:5],
                row.mother or "",
                row.father or "",
                *cells[6:],
            ]
        )
        count += 1
    return count


def stock_csv(stock: StockFigures, lang: str, out: TextIO) -> None:
    """Per series: received, then each state with its count and its numbers as runs."""
    w = csv.writer(out, delimiter=DELIMITER, lineterminator="\n")
    w.writerow(
        [
            tr(lang, "Series"),
            tr(lang, "Code"),
            tr(lang, "State"),
            tr(lang, "Count"),
            tr(lang, "Numbers"),
        ]
    )
    for s in stock.series:
        w.writerow([s.series, "received", tr(lang, "Received"), s.received, ""])
        for state in BLANK_STATES:
            w.writerow(
                [
                    s.series,
                    state,
                    blank_state_word(state, lang),
                    s.counts.get(state, 0),
                    ", ".join(s.numbers.get(state, [])),
                ]
            )
