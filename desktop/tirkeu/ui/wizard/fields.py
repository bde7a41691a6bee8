"""Input widgets of the registration wizard and their binding to the e-application.

Every input is bound to a dotted path of the e-application JSON (DESIGN.md), so
the wizard builds the application, loads a draft and places a rules finding
next to its field through one table instead of per-field code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, QRegularExpression, SignalInstance
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from tirkeu.i18n import _
from tirkeu.ui.widgets import qdate

BLANK_DATE = QDate(1900, 1, 1)


class DateEdit(QDateEdit):
    """A dd.MM.yyyy date that may be left empty (shown blank at its minimum)."""

    def __init__(self) -> None:
        super().__init__()
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd.MM.yyyy")
        self.setMinimumDate(BLANK_DATE)
        self.setMaximumDate(QDate(2100, 12, 31))
        self.setSpecialValueText(" ")
        self.setDate(BLANK_DATE)

    def value(self) -> dt.date | None:
        return None if self.date() == BLANK_DATE else self.date().toPython()  # type: ignore[return-value]

    def set_value(self, day: dt.date | None) -> None:
        self.setDate(qdate(day) if day else BLANK_DATE)


def digits_edit(length: int) -> QLineEdit:
    """A line that takes digits only, at most ``length`` of them (IIN, KATO)."""
    edit = QLineEdit(maxLength=length)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{length}}}")))
    return edit


class Choice(QComboBox):
    """A combo box of stored codes with labels re-read on a language switch."""

    def __init__(self, options: list[tuple[str, str]], namer: Callable[[str], str] = _) -> None:
        super().__init__()
        # Long official wordings must not widen the page beyond the screen.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self.namer = namer
        self.options: list[tuple[str, str]] = []
        self.set_options(options)

    def set_options(self, options: list[tuple[str, str]]) -> None:
        """Offer ``(code, msgid)`` pairs, keeping the current code when still offered."""
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        for code, msgid in options:
            self.addItem(self.namer(msgid), code)
        self.options = list(options)
        index = self.findData(current)
        self.blockSignals(False)
        self.setCurrentIndex(index if index >= 0 else 0)

    def code(self) -> str | None:
        data = self.currentData()
        return data if isinstance(data, str) else None

    def set_code(self, code: str | None) -> None:
        index = self.findData(code)
        if index >= 0:
            self.setCurrentIndex(index)

    def retranslate(self) -> None:
        for index, (_code, msgid) in enumerate(self.options):
            self.setItemText(index, self.namer(msgid))


@dataclass
class Binding:
    """One input bound to one path of the e-application JSON."""

    path: str
    widget: QWidget
    get: Callable[[], Any]  # the JSON value, or None to leave the field out
    set: Callable[[Any], None]
    active: Callable[[], bool]
    changed: SignalInstance


def _always() -> bool:
    return True


def bind(path: str, widget: QWidget, active: Callable[[], bool] | None = None) -> Binding:
    """The binding of a standard input; empty text and blank dates are left out."""
    when = active or _always
    if isinstance(widget, DateEdit):
        date_edit = widget
        return Binding(
            path,
            widget,
            lambda: d.isoformat() if (d := date_edit.value()) else None,
            lambda v: date_edit.set_value(dt.date.fromisoformat(v) if v else None),
            when,
            date_edit.dateChanged,
        )
    if isinstance(widget, QLineEdit):
        line = widget
        return Binding(
            path,
            widget,
            lambda: line.text().strip() or None,
            lambda v: line.setText(str(v) if v is not None else ""),
            when,
            line.textChanged,
        )
    if isinstance(widget, Choice):
        choice = widget
        return Binding(path, widget, choice.code, choice.set_code, when, choice.currentIndexChanged)
    if isinstance(widget, QCheckBox):
        box = widget
        return Binding(
            path, widget, box.isChecked, lambda v: box.setChecked(bool(v)), when, box.toggled
        )
    if isinstance(widget, QSpinBox):
        spin = widget
        return Binding(
            path,
            widget,
            spin.value,
            lambda v: spin.setValue(int(v) if v is not None else spin.minimum()),
            when,
            spin.valueChanged,
        )
    raise TypeError(f"no binding for {type(widget).__name__}")


def put(data: dict[str, Any], path: str, value: Any) -> None:
    """Set ``value`` at a dotted ``path`` of nested dicts, creating them on the way."""
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


def take(data: dict[str, Any] | None, path: str) -> Any:
    """The value at a dotted ``path`` of nested dicts, or None."""
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node
