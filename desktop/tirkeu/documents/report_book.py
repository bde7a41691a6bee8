"""The act record book: the registered records of a period as printed, ruled pages.

A year of a large office is thousands of pages, so the rows are drawn straight
onto the canvas as they stream in (no platypus table to lay out in memory), on
landscape A4 with the column headers repeated on every page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import BinaryIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from tirkeu.documents.fonts import BOLD, REGULAR, register_fonts
from tirkeu.documents.report_data import BookRow
from tirkeu.documents.report_words import scenario_word, sex_word, short_date, status_word
from tirkeu.documents.text import DASH, tr
from tirkeu.domain.record import Office

PAGE = landscape(A4)
MARGIN = 15 * mm
FONT_SIZE = 7.5
LEADING = 9
PAD = 1.5

# (msgid of the header, width) of each column; the widths fill the page.
COLUMNS = (
    ("Act record No.", 14 * mm),
    ("Record date", 20 * mm),
    ("Child", 52 * mm),
    ("Date of birth", 20 * mm),
    ("Sex", 14 * mm),
    ("Parents", 76 * mm),
    ("Scenario", 38 * mm),
    ("Status", 33 * mm),
)


def book_title(lang: str) -> str:
    return tr(lang, "Book of birth act records")


def book_cells(row: BookRow, lang: str) -> list[str]:
    """The texts of a row's cells, shared by the PDF and the CSV."""
    mother = tr(lang, "mother: %(name)s", name=row.mother) if row.mother else ""
    father = tr(lang, "father: %(name)s", name=row.father) if row.father else ""
    parents = "\n".join(p for p in (mother, father) if p) or DASH
    return [
        str(row.number),
        short_date(row.record_date),
        row.child or DASH,
        short_date(row.birth_date),
        sex_word(row.sex, lang),
        parents,
        scenario_word(row.scenario, lang),
        status_word(row.status, lang),
    ]


class _BookCanvas:
    """Pages of the book: a heading and the column headers on each, rows below."""

    def __init__(self, out: BinaryIO, office: Office, lang: str, period: str) -> None:
        register_fonts()
        self.canvas = Canvas(out, pagesize=PAGE, invariant=1)
        self.canvas.setTitle(f"{book_title(lang)} {period}")
        self.canvas.setAuthor(office.name(lang))
        self.canvas.setCreator("Tirkeu")
        self.office = office
        self.lang = lang
        self.period = period
        self.page = 0
        self.y = 0.0
        self.headers = [tr(lang, msgid) for msgid, _ in COLUMNS]

    def _new_page(self) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        c = self.canvas
        top = PAGE[1] - MARGIN
        c.setFont(BOLD, 10)
        c.drawString(MARGIN, top - 10, f"{book_title(self.lang)}, {self.period}")
        c.setFont(REGULAR, 8)
        c.drawString(MARGIN, top - 21, self.office.name(self.lang))
        c.drawRightString(PAGE[0] - MARGIN, top - 10, tr(self.lang, "page %(n)s", n=self.page))
        self.y = top - 28
        self._row(
            [self._wrap(h, w, BOLD) for h, (_, w) in zip(self.headers, COLUMNS, strict=True)],
            BOLD,
            shade=True,
        )

    def _wrap(self, text: str, width: float, font: str) -> list[str]:
        lines: list[str] = []
        for part in text.split("\n"):
            lines += simpleSplit(part, font, FONT_SIZE, width - 2 * PAD) or [""]
        return lines

    def _row(self, cells: list[list[str]], font: str, shade: bool = False) -> None:
        c = self.canvas
        height = max(len(lines) for lines in cells) * LEADING + 2 * PAD
        x = MARGIN
        if shade:
            c.setFillGray(0.92)
            c.rect(MARGIN, self.y - height, sum(w for _, w in COLUMNS), height, stroke=0, fill=1)
            c.setFillGray(0)
        c.setLineWidth(0.4)
        c.setFont(font, FONT_SIZE)
        for lines, (_, width) in zip(cells, COLUMNS, strict=True):
            c.rect(x, self.y - height, width, height, stroke=1, fill=0)
            ty = self.y - PAD - FONT_SIZE
            for line in lines:
                c.drawString(x + PAD, ty, line)
                ty -= LEADING
            x += width
        self.y -= height

    def add(self, row: BookRow) -> None:
        cells = [
            self._wrap(text, width, REGULAR)
            for text, (_, width) in zip(book_cells(row, self.lang), COLUMNS, strict=True)
        ]
        height = max(len(lines) for lines in cells) * LEADING + 2 * PAD
        if not self.page or self.y - height < MARGIN:
            self._new_page()
        self._row(cells, REGULAR)

    def finish(self, empty_text: str) -> None:
        if not self.page:
            self._new_page()
            self.canvas.setFont(REGULAR, 9)
            self.canvas.drawString(MARGIN, self.y - 14, empty_text)
        self.canvas.save()


def write_book_pdf(
    rows: Iterable[BookRow],
    office: Office,
    lang: str,
    start: dt.date,
    end: dt.date,
    out: BinaryIO,
) -> int:
    """Draw the book of ``rows`` (record order) into ``out``; returns the number of rows."""
    period = f"{short_date(start)} – {short_date(end)}"
    book = _BookCanvas(out, office, lang, period)
    count = 0
    for row in rows:
        book.add(row)
        count += 1
    book.finish(tr(lang, "No act records were registered in the period."))
    return count
