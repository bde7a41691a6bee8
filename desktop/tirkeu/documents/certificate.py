"""The birth certificate (п. 29–31, 37, 38, 44) as an overlay on a gerbed blank.

Field positions come from the blank's layout file.  ``blank`` mode prints only
what the registrar fills in, for the real pre-printed blank; ``proof`` adds the
blank's own frame and captions so alignment can be checked on plain paper;
``preview`` is a proof marked as a specimen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass
from enum import StrEnum

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from tirkeu.documents.fit import draw_fitted
from tirkeu.documents.fonts import BOLD, ITALIC, REGULAR, register_fonts
from tirkeu.documents.layout import DEFAULT_EDITION, Layout, load_layout
from tirkeu.documents.refusals import (
    DocumentRefused,
    is_stillborn,
    is_valid_iin,
    require_registered,
)
from tirkeu.documents.text import DASH, official_date, or_dash, tr
from tirkeu.documents.words import citizenship
from tirkeu.domain.application import Person
from tirkeu.domain.record import ActRecord, Office

QR_SCHEME = "TIRKEU-BC/1"
# Fields printed by the printing house, not by the registrar.
_PRINTED_ON_BLANK = {"blank_number"}
# Fields without the ruled line and caption of a fill-in field.
_UNRULED = {"repeat_mark", "qr", "seal", "blank_number"}


class Mode(StrEnum):
    BLANK = "blank"
    PROOF = "proof"
    PREVIEW = "preview"


@dataclass(frozen=True)
class Blank:
    """The numbered gerbed blank the certificate is printed on."""

    series: str
    number: str
    edition: str = DEFAULT_EDITION


def check_certificate(record: ActRecord, lang: str) -> None:
    """Refuse a certificate the rules do not allow, citing the paragraph."""
    if is_stillborn(record):
        raise DocumentRefused(
            "No birth certificate is issued for a stillborn child; issue the spravka instead",
            40,
            lang,
        )
    require_registered(record, lang)
    if not is_valid_iin(record.application.child.iin):
        raise DocumentRefused(
            "The child has no valid individual identification number (IIN)", 29, lang
        )


def certificate_data(record: ActRecord) -> dict[str, str | None]:
    """What the certificate certifies, language-neutral, as hashed into the QR code."""
    app = record.application
    child = app.child

    def person(prefix: str, p: Person | None) -> dict[str, str | None]:
        return {
            f"{prefix}_name": p.full_name if p else None,
            f"{prefix}_citizenship": p.citizenship if p else None,
            f"{prefix}_nationality": p.nationality if p else None,
        }

    return {
        "child_surname": child.surname,
        "child_given_name": child.given_name,
        "child_patronymic": child.patronymic,
        "birth_date": child.birth_date.isoformat() if child.birth_date else None,
        "birth_place": child.birth_place.text,
        "iin": child.iin,
        "record_number": str(record.number) if record.number is not None else None,
        "record_date": record.record_date.isoformat() if record.record_date else None,
        **person("father", app.father),
        **person("mother", app.mother),
    }


def qr_payload(record: ActRecord) -> str:
    """The QR text of an electronic certificate (п. 37): number, date, SHA-256 of the data."""
    canonical = json.dumps(
        certificate_data(record), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    date = record.record_date.isoformat() if record.record_date else ""
    return f"{QR_SCHEME};no={record.number};date={date};sha256={digest}"


def certificate_fields(
    record: ActRecord,
    office: Office,
    lang: str,
    issued_on: dt.date,
    blank: Blank,
    repeat: bool = False,
) -> dict[str, str]:
    """The text of every field of the certificate in ``lang``, by layout key."""
    app = record.application
    child = app.child
    assert child.birth_date is not None and record.record_date is not None

    def parent(prefix: str, p: Person | None) -> dict[str, str]:
        if p is None:
            return {
                f"{prefix}_name": DASH,
                f"{prefix}_citizenship": DASH,
                f"{prefix}_nationality": DASH,
            }
        return {
            f"{prefix}_name": or_dash(p.full_name),
            f"{prefix}_citizenship": citizenship(p.citizenship, lang),
            f"{prefix}_nationality": or_dash(p.nationality),
        }

    fields = {
        "child_surname": or_dash(child.surname),
        "child_given_name": or_dash(child.given_name),
        "child_patronymic": or_dash(child.patronymic),
        "birth_date": official_date(child.birth_date, lang),
        "iin": child.iin or DASH,
        "birth_place": or_dash(child.birth_place.text),
        "record_date": official_date(record.record_date, lang),
        "record_number": f"№ {record.number}",
        **parent("father", app.father),
        **parent("mother", app.mother),
        "registration_place": office.name(lang),
        "issue_date": official_date(issued_on, lang),
        "issuing_body": office.name(lang),
        "seal": tr(lang, "L.S."),
        "head_name": office.head_name,
        "blank_number": tr(
            lang, "Series %(series)s No. %(number)s", series=blank.series, number=blank.number
        ),
    }
    if repeat:
        fields["repeat_mark"] = tr(lang, "Repeat")
    return fields


def certificate_pdf(
    record: ActRecord,
    office: Office,
    lang: str,
    issued_on: dt.date,
    blank: Blank,
    mode: Mode | str = Mode.BLANK,
    repeat: bool = False,
    electronic: bool = False,
) -> bytes:
    """The certificate as PDF bytes; raises :class:`DocumentRefused` when not allowed."""
    check_certificate(record, lang)
    mode = Mode(mode)
    register_fonts()
    layout = load_layout(blank.edition)
    values = certificate_fields(record, office, lang, issued_on, blank, repeat)
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=layout.page_size, invariant=1, pageCompression=1)
    canvas.setTitle(tr(lang, "BIRTH CERTIFICATE"))
    canvas.setAuthor(office.name(lang))
    canvas.setCreator("Tirkeu")
    canvas.setSubject(f"{blank.series} {blank.number}")
    if mode is not Mode.BLANK:
        _draw_blank(canvas, layout, lang, mode is Mode.PREVIEW)
    _draw_values(canvas, layout, values, mode)
    if electronic:
        _draw_qr(canvas, layout, qr_payload(record))
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _draw_values(canvas: Canvas, layout: Layout, values: dict[str, str], mode: Mode) -> None:
    height = layout.page_size[1]
    canvas.setFillColorRGB(0, 0, 0)
    for key, spot in layout.fields.items():
        text = values.get(key)
        if not text or (key in _PRINTED_ON_BLANK and mode is Mode.BLANK):
            continue
        font = BOLD if spot.bold else REGULAR
        draw_fitted(
            canvas, text, font, spot.box(height), spot.size, spot.min_size, spot.lines, spot.align
        )


def _draw_blank(canvas: Canvas, layout: Layout, lang: str, specimen: bool) -> None:
    """What the printing house put on the blank: frame, emblem place, captions."""
    width, height = layout.page_size
    if specimen:
        _draw_watermark(canvas, width, height)
    canvas.setStrokeColorRGB(0.35, 0.35, 0.35)
    canvas.setLineWidth(1.2)
    inset = layout.border * mm
    canvas.rect(inset, inset, width - 2 * inset, height - 2 * inset)
    ex, ey, er = layout.emblem
    canvas.setLineWidth(0.6)
    canvas.circle(ex * mm, height - ey * mm, er * mm)
    canvas.setFillColorRGB(0.35, 0.35, 0.35)
    canvas.setFont(ITALIC, 5.5)
    canvas.drawCentredString(ex * mm, height - ey * mm - 2, tr(lang, "State emblem"))
    for printed in layout.printed:
        canvas.setFont(BOLD if printed.bold else REGULAR, printed.size)
        canvas.drawCentredString(printed.x * mm, height - printed.y * mm, tr(lang, printed.msgid))
    canvas.setLineWidth(0.4)
    for key, spot in layout.fields.items():
        if key in _UNRULED:
            continue
        box = spot.box(height)
        line_y = box.top - box.height
        canvas.line(box.left, line_y, box.left + box.width, line_y)
        if spot.caption:
            canvas.setFont(ITALIC, 5.5)
            canvas.drawCentredString(
                box.left + box.width / 2, line_y - 2.2 * mm + 1, tr(lang, spot.caption)
            )


def _draw_watermark(canvas: Canvas, width: float, height: float) -> None:
    """ "ҮЛГІ / ОБРАЗЕЦ" across the page, in both languages whatever the document's."""
    text = " / ".join(tr(lang, "SPECIMEN") for lang in ("kk", "ru"))
    canvas.saveState()
    canvas.setFillColorRGB(0.82, 0.82, 0.82)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(55)
    canvas.setFont(BOLD, 40)
    canvas.drawCentredString(0, -14, text)
    canvas.restoreState()


def _draw_qr(canvas: Canvas, layout: Layout, payload: str) -> None:
    spot = layout.fields["qr"]
    box = spot.box(layout.page_size[1])
    widget = QrCodeWidget(payload, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    side = min(box.width, box.height)
    drawing = Drawing(side, side, transform=[side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, box.left, box.top - side)
