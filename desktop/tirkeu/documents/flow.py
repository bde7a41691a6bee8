"""Flowing A4 documents (spravka, act record, refusal, destruction act) with platypus.

One style sheet and one builder, so every plain-paper document has the same
fonts, margins and byte-stable output.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from tirkeu.documents.fonts import BOLD, ITALIC, REGULAR, register_fonts

BODY = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13)
JUSTIFIED = ParagraphStyle("justified", parent=BODY, alignment=TA_JUSTIFY, firstLineIndent=10 * mm)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10)
CAPTION = ParagraphStyle("caption", parent=SMALL, fontName=ITALIC, fontSize=7, leading=9)
LABEL = ParagraphStyle("label", parent=BODY, fontSize=9, leading=11, textColor=colors.black)
TITLE = ParagraphStyle(
    "title", parent=BODY, fontName=BOLD, fontSize=13, leading=16, alignment=TA_CENTER
)
HEADING = ParagraphStyle(
    "heading", parent=BODY, fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=6
)
CENTER = ParagraphStyle("center", parent=BODY, alignment=TA_CENTER)
RIGHT = ParagraphStyle("right", parent=BODY, alignment=TA_RIGHT)

CONTENT_WIDTH = A4[0] - 40 * mm


def para(text: str, style: ParagraphStyle = BODY, bold: bool = False) -> Paragraph:
    """A paragraph of plain text (escaped, so names with ``&`` or ``<`` print as typed)."""
    register_fonts()
    body = escape(text)
    return Paragraph(f"<b>{body}</b>" if bold else body, style)


def field_table(rows: Sequence[tuple[str, str]], label_width: float = 62 * mm) -> Table:
    """A two-column table of label and value, ruled, breaking across pages."""
    data = [[para(label, LABEL), para(value)] for label, value in rows]
    table = Table(data, colWidths=[label_width, CONTENT_WIDTH - label_width], repeatRows=0)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.grey),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def grid_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
) -> Table:
    """A fully ruled table with a bold header row repeated on each page."""
    data = [[para(h, LABEL, bold=True) for h in header]]
    data += [[para(cell, LABEL) for cell in row] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ]
        )
    )
    return table


def signature_line(role: str, name: str) -> Table:
    """ "Role ______ Name" with the caption "signature" under the line."""
    table = Table(
        [[para(role, LABEL), "", para(name, LABEL)]],
        colWidths=[70 * mm, 45 * mm, CONTENT_WIDTH - 115 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (1, 0), (1, 0), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return table


def space(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


def build_pdf(story: list[Flowable], title: str, author: str) -> bytes:
    """Lay out ``story`` on A4 with 20 mm margins; identical input gives identical bytes."""
    register_fonts()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=author,
        creator="Tirkeu",
        invariant=1,
    )
    doc.build(story)
    return buf.getvalue()
