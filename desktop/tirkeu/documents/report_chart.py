"""The bar chart of registrations per month by sex, drawn with ``reportlab.graphics``.

A person sees the year's rhythm faster in bars than in twelve rows of numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from babel.dates import format_date
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from tirkeu.documents.fonts import BOLD, REGULAR, register_fonts
from tirkeu.documents.report_data import MonthCount
from tirkeu.documents.text import tr

MALE_COLOR = colors.HexColor("#3a6ea5")
FEMALE_COLOR = colors.HexColor("#c0504d")


def month_label(count: MonthCount, lang: str) -> str:
    """ "қаз." over "2026": the short month name with its year under it."""
    return format_date(count.month, "LLL", locale=lang) + "\n" + count.month.strftime("%Y")


def births_chart(trend: Sequence[MonthCount], lang: str, width: float, height: float) -> Drawing:
    """Boys and girls registered per month, side by side, with a legend and a title."""
    register_fonts()
    drawing = Drawing(width, height)
    drawing.add(
        String(
            width / 2,
            height - 12,
            tr(lang, "Births registered per month, last 12 months"),
            fontName=BOLD,
            fontSize=10,
            textAnchor="middle",
        )
    )
    chart = VerticalBarChart()
    chart.x = 12 * mm
    chart.y = 16 * mm
    chart.width = width - 16 * mm
    chart.height = height - 34 * mm
    chart.data = [[c.male for c in trend] or [0], [c.female for c in trend] or [0]]
    chart.bars[0].fillColor = MALE_COLOR
    chart.bars[1].fillColor = FEMALE_COLOR
    chart.barSpacing = 1
    chart.groupSpacing = 6
    chart.categoryAxis.categoryNames = [month_label(c, lang) for c in trend] or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.dy = -2
    chart.valueAxis.valueMin = 0
    top = max([c.male for c in trend] + [c.female for c in trend] + [0])
    chart.valueAxis.valueMax, chart.valueAxis.valueStep = nice_scale(top)
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.barLabelFormat = _bar_label
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 5
    drawing.add(chart)
    legend = Legend()
    legend.x = width - 60 * mm
    legend.y = height - 20
    legend.fontName = REGULAR
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.dx = 8
    legend.dy = 8
    legend.deltax = 28 * mm
    legend.colorNamePairs = [
        (MALE_COLOR, tr(lang, "boys")),
        (FEMALE_COLOR, tr(lang, "girls")),
    ]
    drawing.add(legend)
    return drawing


def _bar_label(value: float) -> str:
    """The count over a bar; nothing over an empty month, so the zeros do not clutter."""
    return f"{value:.0f}" if value else ""


def nice_scale(value: int) -> tuple[int, int]:
    """A round axis maximum a little above ``value`` (room for bar labels) and its step."""
    target = max(value, 1) * 1.15
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000):
        if step * 5 >= target:
            return step * math.ceil(target / step), step
    return math.ceil(target), math.ceil(target / 5)
