"""Per-printer calibration: the test sheet, and the offsets and scale measured on it.

Office printers feed A5 blanks a little off; the registrar prints the test
sheet, measures where the marks came out and enters that, and every later print
on that printer is shifted and scaled back by it.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from tirkeu.documents import load_layout
from tirkeu.documents.fonts import BOLD, REGULAR, register_fonts
from tirkeu.i18n import N_, t
from tirkeu.services.auth import Action, Actor
from tirkeu.services.errors import ServiceError
from tirkeu.services.stock import require_any
from tirkeu.services.workspace import Workspace
from tirkeu.storage import audit
from tirkeu.storage.models import SettingRow

MARK_MM = 20.0  # the crosses' distance from the paper's edges
RULER_MM = 100.0
MAX_OFFSET_MM = 20.0


@dataclass(frozen=True)
class Calibration:
    """Where a printer puts things: measured minus intended, in mm (+ right, + down),
    and the measured length of the 100 mm ruler divided by 100."""

    dx_mm: float = 0.0
    dy_mm: float = 0.0
    scale: float = 1.0


def setting_key(printer: str) -> str:
    """``printer:<name>``, shortened by a hash when the name is too long for the key."""
    key = f"printer:{printer}"
    if len(key) <= 64:
        return key
    return f"printer:{printer[:30]}#{hashlib.sha256(printer.encode()).hexdigest()[:24]}"


def load_calibration(ws: Workspace, printer: str) -> Calibration:
    with ws.db.session() as s:
        row = s.get(SettingRow, setting_key(printer))
        if row is None:
            return Calibration()
        v = row.value
        return Calibration(float(v["dx_mm"]), float(v["dy_mm"]), float(v["scale"]))


def save_calibration(ws: Workspace, actor: Actor, printer: str, cal: Calibration) -> None:
    require_any(actor, Action.PRINT, Action.MANAGE_STOCK)
    if abs(cal.dx_mm) > MAX_OFFSET_MM or abs(cal.dy_mm) > MAX_OFFSET_MM:
        raise ServiceError(
            N_("An offset of more than {n} mm is a feeding fault, not a calibration."),
            n=int(MAX_OFFSET_MM),
        )
    if not 0.9 <= cal.scale <= 1.1:
        raise ServiceError(N_("The scale must be between 0.9 and 1.1."))
    value = {"dx_mm": cal.dx_mm, "dy_mm": cal.dy_mm, "scale": cal.scale}
    with ws.db.session() as s:
        key = setting_key(printer)
        row = s.get(SettingRow, key)
        before = dict(row.value) if row else None
        if row is None:
            s.add(SettingRow(key=key, value=value))
        else:
            row.value = value
        audit.append(
            s,
            user_id=actor.user_id,
            action="printer.calibrate",
            entity="setting",
            entity_id=key,
            before=before,
            after=value,
            at=ws.clock(),
        )


def calibration_sheet_pdf(lang: str) -> bytes:
    """A blank-sized page with crosses 20 mm from two corners and a 100 mm ruler."""
    register_fonts()
    width, height = load_layout().page_size
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(width, height), invariant=1)
    c.setTitle(t(lang, "Printer test sheet"))
    c.setLineWidth(0.3)
    for x, y in ((MARK_MM, MARK_MM), (width / mm - MARK_MM, height / mm - MARK_MM)):
        px, py = x * mm, height - y * mm
        c.line(px - 8 * mm, py, px + 8 * mm, py)
        c.line(px, py - 8 * mm, px, py + 8 * mm)
        c.circle(px, py, 2 * mm)
    y0 = height / 2
    x0 = (width - RULER_MM * mm) / 2
    c.line(x0, y0, x0 + RULER_MM * mm, y0)
    for i in range(0, int(RULER_MM) + 1, 10):
        c.line(x0 + i * mm, y0, x0 + i * mm, y0 + (4 if i % 50 == 0 else 2) * mm)
    c.setFont(BOLD, 11)
    c.drawCentredString(width / 2, height - 40 * mm, t(lang, "Printer test sheet"))
    c.setFont(REGULAR, 8)
    lines = [
        t(lang, "The centre of the upper cross should be 20 mm from the left and the top edge."),
        t(lang, "Measure how far right (+) or left (−) and down (+) or up (−) it came out."),
        t(lang, "Measure the ruler: it should be 100 mm long."),
    ]
    for i, line in enumerate(lines):
        c.drawCentredString(width / 2, y0 - (12 + 5 * i) * mm, line)
    c.showPage()
    c.save()
    return buf.getvalue()
