"""The printing and blank-stock actions of the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from tirkeu.i18n import N_, _
from tirkeu.services.auth import PERMISSIONS, Action
from tirkeu.services.document_kinds import Document
from tirkeu.ui.dialogs import dialogs
from tirkeu.ui.widgets import named

if TYPE_CHECKING:
    from tirkeu.ui.main_window import MainWindow
    from tirkeu.ui.printing.calibration_window import CalibrationWindow
    from tirkeu.ui.printing.print_window import PrintWindow
    from tirkeu.ui.printing.stock_window import StockWindow

ACTIONS = {
    Document.CERTIFICATE: N_("Print the birth certificate…"),
    Document.REPEAT_CERTIFICATE: N_("Repeat certificate…"),
    Document.STILLBIRTH_SPRAVKA: N_("Spravka of a stillborn child…"),
    Document.ACT_RECORD: N_("Print the act record…"),
    Document.REFUSAL: N_("Print the refusal…"),
}


class PrintingFeature:
    """Document actions on the selected record; stock and calibration in the office menu."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.windows: list[QWidget] = []
        allowed = PERMISSIONS[window.actor.role]
        self.print_actions: dict[Document, QAction] = {}
        for document in ACTIONS:
            action = named(QAction(window), f"print_{document.value.replace('-', '_')}")
            action.triggered.connect(lambda _c=False, d=document: self.open_print(d))
            action.setEnabled(Action.PRINT in allowed)
            window.menu_documents.addAction(action)
            self.print_actions[document] = action
        self.stock_action = named(QAction(window), "stock_action")
        self.stock_action.triggered.connect(self.open_stock)
        self.calibration_action = named(QAction(window), "calibration_action")
        self.calibration_action.triggered.connect(self.open_calibration)
        window.menu_office.addAction(self.stock_action)
        window.menu_office.addAction(self.calibration_action)
        # After "Refresh", before the spacer that pushes the user's name to the right.
        window.toolbar.insertAction(
            window.toolbar.actions()[1], self.print_actions[Document.CERTIFICATE]
        )

    def retranslate(self) -> None:
        for document, action in self.print_actions.items():
            action.setText(_(ACTIONS[document]))
        self.stock_action.setText(_("Blank stock…"))
        self.calibration_action.setText(_("Printer calibration…"))

    def _show(self, widget: QWidget) -> None:
        self.windows = [w for w in self.windows if w.isVisible()]
        self.windows.append(widget)
        widget.show()

    def open_print(self, document: Document) -> PrintWindow | None:
        record = self.window.selected_record()
        if record is None or record.id is None:
            dialogs.info(self.window, _("Print"), _("Select a record in the journal first."))
            return None
        from tirkeu.ui.printing.print_window import PrintWindow

        win = PrintWindow(
            self.window.workspace, self.window.actor, record.id, document, self.window
        )
        win.issued.connect(self.window.model.reload)
        self._show(win)
        return win

    def open_stock(self) -> StockWindow:
        from tirkeu.ui.printing.stock_window import StockWindow

        win = StockWindow(self.window.workspace, self.window.actor, self.window)
        win.changed.connect(self.window.model.reload)
        self._show(win)
        return win

    def open_calibration(self) -> CalibrationWindow:
        from tirkeu.ui.printing.calibration_window import CalibrationWindow

        win = CalibrationWindow(self.window.workspace, self.window.actor, self.window)
        self._show(win)
        return win
