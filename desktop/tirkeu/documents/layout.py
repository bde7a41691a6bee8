"""Blank layouts: where each field of a certificate goes on one edition of the blank.

Positions are data (``resources/layouts/<edition>.json``, millimetres from the
blank's top-left corner) so that a new printing of the gerbed blank needs a new
file, not new code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib.units import mm

from tirkeu.documents.fit import Box
from tirkeu.resources import resource

DEFAULT_EDITION = "kz-birth-a5-2023"


@dataclass(frozen=True)
class FieldSpot:
    """One box on the blank: its place, font size, lines and printed caption."""

    key: str
    x: float
    y: float
    width: float
    height: float
    size: float
    min_size: float
    lines: int
    bold: bool
    align: str
    caption: str | None

    def box(self, page_height: float) -> Box:
        """The box in PDF points (origin bottom-left)."""
        return Box(self.x * mm, page_height - self.y * mm, self.width * mm, self.height * mm)


@dataclass(frozen=True)
class PrintedText:
    """Text the printing house put on the blank itself (drawn only on proofs)."""

    msgid: str
    x: float
    y: float
    size: float
    bold: bool


@dataclass(frozen=True)
class Layout:
    edition: str
    width: float  # mm
    height: float  # mm
    border: float  # mm inset of the blank's printed frame
    emblem: tuple[float, float, float]  # centre x, centre y, radius (mm)
    printed: tuple[PrintedText, ...]
    fields: dict[str, FieldSpot]

    @property
    def page_size(self) -> tuple[float, float]:
        return self.width * mm, self.height * mm


class LayoutError(ValueError):
    """A layout file is missing or malformed."""


def _spot(key: str, raw: dict[str, Any]) -> FieldSpot:
    return FieldSpot(
        key=key,
        x=float(raw["x"]),
        y=float(raw["y"]),
        width=float(raw["w"]),
        height=float(raw["h"]),
        size=float(raw.get("size", 10)),
        min_size=float(raw.get("min_size", 6)),
        lines=int(raw.get("lines", 1)),
        bold=bool(raw.get("bold", False)),
        align=str(raw.get("align", "left")),
        caption=raw.get("caption"),
    )


@cache
def load_layout(edition: str = DEFAULT_EDITION) -> Layout:
    """Read and check ``resources/layouts/<edition>.json`` (cached per edition)."""
    path = resource("layouts", f"{edition}.json")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        page = raw["page"]
        layout = Layout(
            edition=raw["edition"],
            width=float(page["width"]),
            height=float(page["height"]),
            border=float(page.get("border", 0)),
            emblem=(
                float(raw["emblem"]["x"]),
                float(raw["emblem"]["y"]),
                float(raw["emblem"]["r"]),
            ),
            printed=tuple(
                PrintedText(
                    p["text"], float(p["x"]), float(p["y"]), float(p["size"]), bool(p.get("bold"))
                )
                for p in raw.get("printed", [])
            ),
            fields={key: _spot(key, spot) for key, spot in raw["fields"].items()},
        )
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise LayoutError(f"blank layout {edition!r} ({path}): {exc}") from exc
    if layout.edition != edition:
        raise LayoutError(f"blank layout {path} names edition {layout.edition!r}")
    for spot in layout.fields.values():
        if (
            spot.x < 0
            or spot.y < 0
            or spot.x + spot.width > layout.width
            or (spot.y + spot.height > layout.height)
        ):
            raise LayoutError(f"blank layout {edition!r}: field {spot.key!r} lies off the blank")
    return layout
