"""The Reports window's actions: Documents → Reports, Records → Deadlines.

The window and the report documents load when first opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction

from tirkeu.i18n import _
from tirkeu.ui.reports.kinds import DEADLINES, MONTHLY
from tirkeu.ui.widgets import named

if TYPE_CHECKING:
    from tirkeu.ui.main_window import MainWindow
    from tirkeu.ui.reports.window import ReportsWindow


class ReportsFeature(QObject):
    """Opens one Reports window and brings it forward when asked again."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.reports: ReportsWindow | None = None
        self.reports_action = named(QAction(window), "reports_action")
        self.deadlines_action = named(QAction(window), "deadlines_action")
        self.reports_action.triggered.connect(lambda: self.open(MONTHLY))
        self.deadlines_action.triggered.connect(lambda: self.open(DEADLINES))
        window.menu_documents.addSeparator()
        window.menu_documents.addAction(self.reports_action)
        window.menu_records.addAction(self.deadlines_action)
        window.installEventFilter(self)

    def retranslate(self) -> None:
        self.reports_action.setText(_("Re&ports…"))
        self.deadlines_action.setText(_("&Deadlines of applications…"))

    def open(self, kind: str) -> ReportsWindow:
        if self.reports is None:
            from tirkeu.services.reports import ReportService
            from tirkeu.ui.reports.window import ReportsWindow

            service = ReportService(self.window.workspace, self.window.actor)
            self.reports = ReportsWindow(self.window.workspace, service, self.window)
            self.reports.destroyed.connect(self._gone)
        self.reports.select(kind)
        self.reports.show()
        self.reports.activateWindow()
        return self.reports

    def _gone(self) -> None:
        self.reports = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Closing the main window closes the reports, which cancels a build under way."""
        if watched is self.window and event.type() == QEvent.Type.Close and self.reports:
            self.reports.close()
        return False
