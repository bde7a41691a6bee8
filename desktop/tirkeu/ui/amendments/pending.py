"""The list of amendments awaiting the head's decision, the nearest term first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tirkeu.i18n import _, ui_language
from tirkeu.services.amendments import KIND_LABELS, AmendmentService
from tirkeu.services.auth import Actor
from tirkeu.services.workspace import Workspace
from tirkeu.ui.amendments.window import shown_date
from tirkeu.ui.widgets import named

if TYPE_CHECKING:
    from tirkeu.ui.amendments.feature import AmendmentsFeature


class PendingWindow(QWidget):
    """Amendments awaiting a decision, the nearest term first; a double click opens one."""

    def __init__(self, ws: Workspace, actor: Actor, feature: AmendmentsFeature) -> None:
        super().__init__(feature.window, Qt.WindowType.Window)
        named(self, "pending_amendments")
        self.ws = ws
        self.service = AmendmentService(ws, actor)
        self.feature = feature
        self.resize(760, 420)
        self.table = named(QTableWidget(0, 5), "pending_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.cellDoubleClicked.connect(self._open)
        QVBoxLayout(self).addWidget(self.table)
        ui_language.subscribe(self._on_language)
        self.destroyed.connect(lambda: ui_language.unsubscribe(self._on_language))
        self.retranslate()

    def _on_language(self, _code: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Amendments awaiting decision"))
        self.table.setHorizontalHeaderLabels(
            [_("No."), _("Record"), _("Kind"), _("Received"), _("Term")]
        )
        self.reload()

    def reload(self) -> None:
        pending = self.service.pending()
        self.table.setRowCount(len(pending))
        for row, a in enumerate(pending):
            cells = (
                str(a.id),
                str(a.record_id),
                _(KIND_LABELS[a.kind]),
                shown_date(a.received_on),
                shown_date(a.due_on),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, a.record_id)
                if a.overdue(self.ws.today):
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(row, col, item)

    def _open(self, row: int, _col: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.feature.open_record(int(item.data(Qt.ItemDataRole.UserRole)))
