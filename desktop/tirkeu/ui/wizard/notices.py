"""What the wizard tells the registrar about the application, next to the fields.

A :class:`Notice` is a rules-engine finding, or one of the wizard's own checks
(the KATO code, the documents brought), rendered in the UI language when shown
so that a language switch re-renders it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from tirkeu.domain.findings import Finding
from tirkeu.i18n import _, ui_language

ERROR_COLOR = "#a01010"
WARNING_COLOR = "#8a5a00"


@dataclass(frozen=True)
class Notice:
    severity: str  # "error" blocks registration, "warning" needs acknowledging
    field: str  # dotted path of the e-application, e.g. "child.birth_date"
    paragraph: int | None
    rule: str
    render: Callable[[], str]
    child: int = 1  # which child of a multiple birth it concerns

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def text(self) -> str:
        """The message in the UI language, with its paragraph of Order 429."""
        message = self.render()
        if self.child > 1:
            message = _("Child {n}: {message}").format(n=self.child, message=message)
        if self.paragraph is not None:
            message = "{} {}".format(message, _("(para. {n})").format(n=self.paragraph))
        return message


def from_finding(finding: Finding, child: int = 1) -> Notice:
    return Notice(
        finding.severity.value,
        finding.field,
        finding.paragraph,
        finding.rule,
        lambda: finding.message(ui_language.code),
        child,
    )


def color(notice: Notice) -> str:
    return ERROR_COLOR if notice.is_error else WARNING_COLOR


class NoticeList(QListWidget):
    """The findings of a page; activating one moves to its field."""

    chosen = Signal(object)

    def __init__(self, checkable_warnings: bool = False) -> None:
        super().__init__()
        self.setObjectName("notice_list")
        self.setWordWrap(True)
        self.checkable_warnings = checkable_warnings
        self.notices: list[Notice] = []
        self.itemActivated.connect(self._activated)

    def show_notices(self, notices: list[Notice], acknowledged: set[str]) -> None:
        self.clear()
        self.notices = list(notices)
        for notice in notices:
            item = QListWidgetItem(notice.text())
            item.setForeground(QBrush(QColor(color(notice))))
            if self.checkable_warnings and not notice.is_error:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = notice.rule in acknowledged
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setVisible(bool(notices) or self.checkable_warnings)

    def acknowledged(self) -> set[str]:
        """The rules of the warnings whose box is ticked."""
        return {
            notice.rule
            for index, notice in enumerate(self.notices)
            if not notice.is_error and self.item(index).checkState() == Qt.CheckState.Checked
        }

    def _activated(self, item: QListWidgetItem) -> None:
        self.chosen.emit(self.notices[self.row(item)])
