"""The amendment actions of the main window: amend the selected record, and the
list of amendments awaiting the head's decision."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
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
from tirkeu.ui.amendments.window import AmendmentWindow
from tirkeu.ui.dialogs import dialogs
from tirkeu.ui.widgets import named

if TYPE_CHECKING:
    from tirkeu.ui.main_window import MainWindow


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
                a.received_on.isoformat(),
                a.due_on.isoformat(),
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


class AmendmentsFeature:
    """Actions in the Records menu; windows refresh the journal when they change it."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.windows: list[QWidget] = []
        self.amend_action = named(QAction(window), "amend_action")
        self.amend_action.triggered.connect(self.open_selected)
        self.pending_action = named(QAction(window), "pending_amendments_action")
        self.pending_action.triggered.connect(self.open_pending)
        window.menu_records.addSeparator()
        window.menu_records.addAction(self.amend_action)
        window.menu_records.addAction(self.pending_action)

    def retranslate(self) -> None:
        self.amend_action.setText(_("Amend the act record…"))
        self.pending_action.setText(_("Amendments awaiting decision…"))

    def _show(self, widget: QWidget) -> None:
        self.windows = [w for w in self.windows if w.isVisible()]
        self.windows.append(widget)
        widget.show()

    def open_selected(self) -> AmendmentWindow | None:
        record = self.window.selected_record()
        if record is None or record.id is None:
            dialogs.info(self.window, _("Amendment"), _("Select a record in the journal first."))
            return None
        return self.open_record(record.id)

    def open_record(self, record_id: int) -> AmendmentWindow:
        win = AmendmentWindow(self.window.workspace, self.window.actor, record_id, self.window)
        win.changed.connect(self.window.model.reload)
        self._show(win)
        return win

    def open_pending(self) -> PendingWindow:
        win = PendingWindow(self.window.workspace, self.window.actor, self)
        self._show(win)
        return win
