"""The transfer feature in the main window: the Transfer menu and a status-bar reminder.

The reminder shows how many records wait to be sent and how long ago the last
bundle went, in red once the office's warning period has passed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from tirkeu.i18n import _
from tirkeu.services.auth import PERMISSIONS, Action
from tirkeu.services.transfer import TransferService, TransferStatus
from tirkeu.ui.transfer.keys import KeysWindow
from tirkeu.ui.transfer.window import TransferWindow, last_transfer_text, overdue_text
from tirkeu.ui.widgets import named

if TYPE_CHECKING:
    from tirkeu.ui.main_window import MainWindow

REFRESH_MS = 10 * 60 * 1000  # the day count changes at midnight, not every second


class TransferFeature(QObject):
    def __init__(self, main: MainWindow) -> None:
        super().__init__(main)
        self.main = main
        self.service = TransferService(main.workspace, main.actor)
        self._state: TransferStatus | None = None
        self._stamp: tuple[object, ...] = ()
        self.transfer_window: TransferWindow | None = None
        self.open_action = named(QAction(main), "transfer_action")
        self.open_action.triggered.connect(self.open_window)
        self.open_action.setEnabled(Action.EXPORT in PERMISSIONS[main.actor.role])
        main.menu_transfer.addAction(self.open_action)
        self.keys_window: KeysWindow | None = None
        self.keys_action = named(QAction(main), "office_keys_action")
        self.keys_action.triggered.connect(self.open_keys)
        self.keys_action.setEnabled(Action.MANAGE_ACCOUNTS in PERMISSIONS[main.actor.role])
        main.menu_transfer.addAction(self.keys_action)
        self.indicator = named(QLabel(), "transfer_indicator")
        self.indicator.setContentsMargins(0, 0, 16, 0)  # clear of the window's size grip
        main.statusBar().addPermanentWidget(self.indicator)
        main.model.modelReset.connect(self.update_indicator)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.update_indicator)
        self.timer.start()

    def retranslate(self) -> None:
        self.open_action.setText(_("Transfer to the district registry…"))
        self.keys_action.setText(_("Office keys…"))
        if self._state is None:
            self.update_indicator()
        else:
            self._show_state()

    def update_indicator(self) -> None:
        """Recount off the GUI thread: the count reads every unsent record."""
        known = (self._stamp, self._state)

        def current() -> tuple[tuple[object, ...], TransferStatus]:
            stamp = self.service.change_stamp()
            if known[1] is not None and stamp == known[0]:
                return stamp, known[1]
            return stamp, self.service.status()

        self.main.background.run("transfer", current, self._found)

    def _found(self, found: tuple[tuple[object, ...], TransferStatus]) -> None:
        self._stamp, self._state = found
        self._show_state()

    def _show_state(self) -> None:
        state = self._state
        if state is None:
            return
        text = _("Not sent: {n} · last transfer: {when}").format(
            n=state.unsent_total, when=last_transfer_text(state, with_time=False)
        )
        self.indicator.setText(text)
        self.indicator.setStyleSheet("color: #a01010; font-weight: bold;" if state.overdue else "")
        self.indicator.setToolTip(overdue_text(state) if state.overdue else "")

    def open_window(self) -> TransferWindow:
        if self.transfer_window is None:
            window = TransferWindow(self.service, self.main)
            window.changed.connect(self._records_changed)
            window.closed.connect(self._window_closed)
            self.transfer_window = window
        if self.transfer_window.isVisible():
            self.transfer_window.raise_()
            self.transfer_window.activateWindow()
        else:
            self.transfer_window.show()
        return self.transfer_window

    def open_keys(self) -> KeysWindow:
        if self.keys_window is None:
            window = KeysWindow(self.service, self.main)
            window.installed.connect(self._keys_installed)
            window.destroyed.connect(self._keys_closed)
            self.keys_window = window
        self.keys_window.show()
        return self.keys_window

    def _keys_installed(self) -> None:
        if self.transfer_window is not None:
            self.transfer_window.refresh()

    def _keys_closed(self) -> None:
        self.keys_window = None

    def _records_changed(self) -> None:
        self.main.apply_filters()
        self.update_indicator()

    def _window_closed(self) -> None:
        self.transfer_window = None
