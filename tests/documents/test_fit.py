"""Long text shrinks to fit its box on the blank and never runs past it."""

from __future__ import annotations

import datetime as dt

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from tirkeu.documents import Blank, certificate_pdf, load_layout
from tirkeu.documents.certificate import certificate_fields
from tirkeu.documents.fit import LEADING, Box, fit
from tirkeu.documents.fonts import BOLD, REGULAR, register_fonts

from .conftest import OFFICE, make_record, pdf_text

LONG_PLACE = (
    "Алматы облысы, Талғар ауданы, Бесағаш ауылдық округі, Бесағаш ауылы, "
    "Талғар аудандық орталық ауруханасының перзентхана бөлімшесі, Жібек жолы көшесі, 118-үй"
)
LONG_SURNAME = "Сұлтанмахмұтова-Нұрғалиқызы-Тұрсынбекова"


def _assert_fits(text: str, font: str, box: Box, size: float, min_size: float, lines: int) -> None:
    fitted = fit(text, font, box, size, min_size, lines)
    assert len(fitted.lines) <= lines
    assert fitted.size <= size
    assert len(fitted.lines) * fitted.size * LEADING <= box.height + 1e-6
    for line in fitted.lines:
        assert stringWidth(line, font, fitted.size) <= box.width + 1e-6
    assert " ".join(fitted.lines) == " ".join(text.split())


def test_every_field_of_a_long_record_fits_its_box() -> None:
    register_fonts()
    record = make_record(child_surname=LONG_SURNAME)
    record.application.child.birth_place.text = LONG_PLACE
    layout = load_layout()
    height = layout.page_size[1]
    fields = certificate_fields(record, OFFICE, "ru", dt.date(2023, 6, 29), Blank("I-АА", "1"))
    for key, text in fields.items():
        spot = layout.fields[key]
        font = BOLD if spot.bold else REGULAR
        _assert_fits(text, font, spot.box(height), spot.size, spot.min_size, spot.lines)


def test_long_text_is_shrunk_not_cut() -> None:
    register_fonts()
    box = Box(0, 100, 120, 20)
    fitted = fit(LONG_PLACE, REGULAR, box, 10, 6, 2)
    assert fitted.size < 10
    _assert_fits(LONG_PLACE, REGULAR, box, 10, 6, 2)


@pytest.mark.parametrize("text", ["Ә" * 80, "Қ" * 30 + " " + "Ң" * 40])
def test_text_too_long_even_at_the_minimum_size_still_stays_inside(text: str) -> None:
    register_fonts()
    box = Box(0, 100, 100, 12)
    fitted = fit(text, BOLD, box, 12, 6, 1)
    assert fitted.size < 6
    _assert_fits(text, BOLD, box, 12, 6, 1)


def test_the_long_record_prints_completely() -> None:
    record = make_record(child_surname=LONG_SURNAME)
    record.application.child.birth_place.text = LONG_PLACE
    text = pdf_text(certificate_pdf(record, OFFICE, "kk", dt.date(2023, 6, 29), Blank("I", "1")))
    assert LONG_SURNAME in text
    assert "Жібек жолы көшесі, 118-үй" in text
