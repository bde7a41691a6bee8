"""The amendment actions of the main window: amend the selected record, and the
list of amendments awaiting the head's decision.

The windows (and the documents behind them) load when first opened, not when the
main window starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from tirkeu.i18n import _
from tirkeu.ui.dialogs import dialogs
from tirkeu.ui.widgets import named

if TYPE_CHECKING:
    from tirkeu.ui.amendments.pending import PendingWindow
    from tirkeu.ui.amendments.window import AmendmentWindow
    from tirkeu.ui.main_window import MainWindow


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
        from tirkeu.ui.amendments.window import AmendmentWindow

        win = AmendmentWindow(self.window.workspace, self.window.actor, record_id, self.window)
        win.changed.connect(self.window.model.reload)
        self._show(win)
        return win

    def open_pending(self) -> PendingWindow:
        from tirkeu.ui.amendments.pending import PendingWindow

        win = PendingWindow(self.window.workspace, self.window.actor, self)
        self._show(win)
        return win
