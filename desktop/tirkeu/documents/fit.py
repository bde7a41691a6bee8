"""Text that shrinks to fit its box on a pre-printed blank and never overflows it."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

LEADING = 1.15  # line height as a multiple of the font size
ASCENT = 0.76  # cap height of DejaVu Serif, as a share of the font size
SIZE_STEP = 0.25


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF points: ``left`` and ``top`` edges, ``width``, ``height``."""

    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class Fitted:
    size: float
    lines: list[str]


def wrap(text: str, font: str, size: float, width: float) -> list[str] | None:
    """Greedy word wrap; ``None`` when a single word is wider than ``width``."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if stringWidth(word, font, size) > width:
            return None
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def fit(text: str, font: str, box: Box, size: float, min_size: float, max_lines: int) -> Fitted:
    """The largest size from ``size`` down to ``min_size`` at which ``text`` fits ``box``.

    Below ``min_size`` the text goes on one line at whatever size fits, so that a
    very long name is small rather than printed over the blank's own lines.
    """
    current = size
    while current >= min_size:
        lines = wrap(text, font, current, box.width)
        if (
            lines is not None
            and len(lines) <= max_lines
            and len(lines) * current * LEADING <= box.height
        ):
            return Fitted(current, lines)
        current -= SIZE_STEP
    one_line = " ".join(text.split())
    at_one_point = stringWidth(one_line, font, 1) or 1.0
    return Fitted(min(box.width / at_one_point, box.height / LEADING, size), [one_line])


def draw_fitted(
    canvas: Canvas,
    text: str,
    font: str,
    box: Box,
    size: float,
    min_size: float,
    max_lines: int = 1,
    align: str = "left",
) -> Fitted:
    """Draw ``text`` inside ``box``, vertically centred, shrunk as needed."""
    fitted = fit(text, font, box, size, min_size, max_lines)
    block = len(fitted.lines) * fitted.size * LEADING
    first_top = box.top - (box.height - block) / 2
    canvas.setFont(font, fitted.size)
    for i, line in enumerate(fitted.lines):
        baseline = first_top - i * fitted.size * LEADING - fitted.size * ASCENT
        if align == "center":
            canvas.drawCentredString(box.left + box.width / 2, baseline, line)
        elif align == "right":
            canvas.drawRightString(box.left + box.width, baseline, line)
        else:
            canvas.drawString(box.left, baseline, line)
    return fitted
