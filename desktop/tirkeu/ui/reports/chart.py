"""A small bar chart of registrations per month by sex, painted with QPainter."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from tirkeu.documents.report_chart import FEMALE_COLOR, MALE_COLOR, nice_scale
from tirkeu.documents.report_data import MonthCount

_MALE = QColor(MALE_COLOR.hexval().replace("0x", "#"))
_FEMALE = QColor(FEMALE_COLOR.hexval().replace("0x", "#"))


class BirthsChart(QWidget):
    """Boys and girls side by side for each month, the same colours as the printed chart."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("births_chart")
        self.trend: list[MonthCount] = []
        self.labels: list[str] = []
        self.legend: tuple[str, str] = ("", "")
        self.title = ""
        self.setMinimumHeight(180)

    def sizeHint(self) -> QSize:
        return QSize(600, 220)

    def set_data(
        self,
        trend: Sequence[MonthCount],
        labels: Sequence[str],
        legend: tuple[str, str],
        title: str,
    ) -> None:
        self.trend = list(trend)
        self.labels = list(labels)
        self.legend = legend
        self.title = title
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        metrics = p.fontMetrics()
        line = metrics.height()
        p.drawText(QRectF(0, 2, self.width(), line), Qt.AlignmentFlag.AlignCenter, self.title)
        self._legend(p, line)
        if not self.trend:
            p.end()
            return
        left, right, top = 36.0, 8.0, 2.5 * line + 6
        bottom = self.height() - 2 * line - 6
        top_value, step = nice_scale(max([max(m.male, m.female) for m in self.trend] + [0]))
        p.setPen(QColor("#dddddd"))
        value = 0
        while value <= top_value:
            y = bottom - (bottom - top) * value / top_value
            p.drawLine(int(left), int(y), int(self.width() - right), int(y))
            p.setPen(self.palette().text().color())
            p.drawText(
                QRectF(0, y - line / 2, left - 4, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
            p.setPen(QColor("#dddddd"))
            value += step
        slot = (self.width() - left - right) / len(self.trend)
        bar = max(2.0, slot * 0.35)
        for i, month in enumerate(self.trend):
            x = left + i * slot + (slot - 2 * bar) / 2
            for j, (count, color) in enumerate(((month.male, _MALE), (month.female, _FEMALE))):
                height = (bottom - top) * count / top_value
                p.fillRect(QRectF(x + j * bar, bottom - height, bar - 1, height), color)
            p.setPen(self.palette().text().color())
            label = self.labels[i] if i < len(self.labels) else ""
            p.drawText(
                QRectF(left + i * slot, bottom + 2, slot, 2 * line),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                label,
            )
        p.end()

    def _legend(self, p: QPainter, line: int) -> None:
        x = float(self.width() - 8)
        y = 4.0 + line
        for text, color in reversed(tuple(zip(self.legend, (_MALE, _FEMALE), strict=True))):
            width = p.fontMetrics().horizontalAdvance(text)
            x -= width
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(x, y, width, line), Qt.AlignmentFlag.AlignVCenter, text)
            x -= line
            p.fillRect(QRectF(x, y + 3, line - 6, line - 6), color)
            x -= 12
