"""The fonts every document prints with, registered with reportlab once per process.

DejaVu Serif ships in ``resources/fonts`` because it covers the whole Kazakh
alphabet, №, «» and the narrow no-break space Babel puts into dates.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from tirkeu.resources import resource

REGULAR = "TirkeuSerif"
BOLD = "TirkeuSerif-Bold"
ITALIC = "TirkeuSerif-Italic"

FONT_FILES = {
    REGULAR: "DejaVuSerif.ttf",
    BOLD: "DejaVuSerif-Bold.ttf",
    ITALIC: "DejaVuSerif-Italic.ttf",
}


@cache
def register_fonts() -> None:
    """Register the serif family (plain, bold, italic) and its platypus mapping."""
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)


def font_file(name: str) -> str:
    """Path of the font file behind a registered font name."""
    return str(resource("fonts", FONT_FILES[name]))
