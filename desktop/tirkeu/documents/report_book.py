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
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from tirkeu.documents.fonts import BOLD, REGULAR, register_fonts
from tirkeu.documents.report_data import BookRow
from tirkeu.documents.report_words import scenario_word, sex_word, short_date, status_word
from tirkeu.documents.text import DASH, tr
from tirkeu.domain.record import Office
from tirkeu.i18n import N_

PAGE = landscape(A4)
MARGIN = 15 * mm
FONT_SIZE = 7.5
LEADING = 9
PAD = 2.0

# (msgid of the header, width) of each column; the widths fill the page.
COLUMNS = (
    (N_("Act record No."), 20 * mm),
    (N_("Record date"), 20 * mm),
    (N_("Child"), 50 * mm),
    (N_("Date of birth"), 20 * mm),
    (N_("Sex"), 16 * mm),
    (N_("Parents"), 70 * mm),
    (N_("Scenario"), 38 * mm),
    (N_("Status"), 33 * mm),
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


class _Measure:
    """String widths from the font's own table, cached per character.

    reportlab's general ``stringWidth`` dominates the time of a long book, and
    the book only needs plain left-to-right Cyrillic and Latin text.
    """

    def __init__(self, font_name: str) -> None:
        font = pdfmetrics.getFont(font_name)
        self._widths: dict[int, float] = dict(font.face.charWidths)
        self._default = float(font.face.defaultWidth)
        self._scale = FONT_SIZE / 1000

    def width(self, text: str) -> float:
        get = self._widths.get
        return sum(get(ord(ch), self._default) for ch in text) * self._scale

    def wrap(self, text: str, width: float) -> list[str]:
        """Lines of ``text`` no wider than ``width`` (breaking at spaces, "\n" kept)."""
        room = width - 2 * PAD
        lines: list[str] = []
        for part in text.split("\n"):
            if self.width(part) <= room:
                lines.append(part)
                continue
            line = ""
            for word in part.split(" "):
                candidate = f"{line} {word}" if line else word
                if line and self.width(candidate) > room:
                    lines.append(line)
                    line = word
                else:
                    line = candidate
            lines.append(line)
        return lines


class _BookCanvas:
    """Pages of the book: a heading and the column headers on each, rows below.

    Each page is one text object and one set of ruling lines, drawn when the
    page is full, which keeps a hundred thousand rows to a couple of minutes.
    """

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
        self.top = 0.0
        self.rules: list[float] = []
        self.text = self.canvas.beginText()
        self.regular = _Measure(REGULAR)
        self.bold = _Measure(BOLD)
        self.headers = [tr(lang, msgid) for msgid, _ in COLUMNS]

    def _new_page(self) -> None:
        if self.page:
            self._end_page()
            self.canvas.showPage()
        self.page += 1
        c = self.canvas
        top = PAGE[1] - MARGIN
        c.setFont(BOLD, 10)
        c.drawString(MARGIN, top - 10, f"{book_title(self.lang)}, {self.period}")
        c.setFont(REGULAR, 8)
        c.drawString(MARGIN, top - 21, self.office.name(self.lang))
        c.drawRightString(PAGE[0] - MARGIN, top - 10, tr(self.lang, "page %(n)s", n=self.page))
        self.y = self.top = top - 28
        self.rules = [self.y]
        header = [self.bold.wrap(h, w) for h, (_, w) in zip(self.headers, COLUMNS, strict=True)]
        height = _height(header)
        c.setFillGray(0.92)
        c.rect(MARGIN, self.y - height, sum(w for _, w in COLUMNS), height, stroke=0, fill=1)
        c.setFillGray(0)
        self.text = c.beginText()
        self.text.setFont(BOLD, FONT_SIZE)
        self._row(header)
        self.text.setFont(REGULAR, FONT_SIZE)

    def _row(self, cells: list[list[str]]) -> None:
        x = MARGIN
        for lines, (_, width) in zip(cells, COLUMNS, strict=True):
            ty = self.y - PAD - FONT_SIZE
            for line in lines:
                if line:
                    self.text.setTextOrigin(x + PAD, ty)
                    self.text.textOut(line)
                ty -= LEADING
            x += width
        self.y -= _height(cells)
        self.rules.append(self.y)

    def _end_page(self) -> None:
        c = self.canvas
        c.drawText(self.text)
        c.setLineWidth(0.4)
        right = MARGIN + sum(w for _, w in COLUMNS)
        lines = [(MARGIN, y, right, y) for y in self.rules]
        x = MARGIN
        for _, width in (*COLUMNS, ("", 0.0)):
            lines.append((x, self.top, x, self.y))
            x += width
        c.lines(lines)

    def add(self, row: BookRow) -> None:
        cells = [
            self.regular.wrap(text, width)
            for text, (_, width) in zip(book_cells(row, self.lang), COLUMNS, strict=True)
        ]
        if not self.page or self.y - _height(cells) < MARGIN:
            self._new_page()
        self._row(cells)

    def finish(self, empty_text: str) -> None:
        if not self.page:
            self._new_page()
            self.text.setTextOrigin(MARGIN, self.y - 14)
            self.text.textOut(empty_text)
        self._end_page()
        self.canvas.save()


def _height(cells: list[list[str]]) -> float:
    return max(len(lines) for lines in cells) * LEADING + 2 * PAD


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
