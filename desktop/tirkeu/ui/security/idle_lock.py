"""The idle lock: after some minutes without input the window hides behind a password."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tirkeu.i18n import _, ui_language
from tirkeu.services.auth import Actor
from tirkeu.services.errors import ServiceError
from tirkeu.services.workspace import Workspace
from tirkeu.ui.widgets import ErrorLabel, named

_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class LockOverlay(QFrame):
    """Covers the whole window; only the signed-in user's password opens it again."""

    def __init__(self, window: QMainWindow, lock: IdleLock) -> None:
        super().__init__(window)
        self.setObjectName("lock_overlay")
        self.lock = lock
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lock_overlay { background: #2b3440; } QLabel { color: white; }")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget()
        box.setFixedWidth(460)
        inner = QVBoxLayout(box)
        self.title = named(QLabel(alignment=Qt.AlignmentFlag.AlignCenter), "lock_title")
        self.title.setWordWrap(True)
        self.title.setMinimumHeight(3 * self.title.fontMetrics().lineSpacing())
        self.password = named(QLineEdit(echoMode=QLineEdit.EchoMode.Password), "lock_password")
        self.error = ErrorLabel()
        self.error.setStyleSheet("color: #ffb0b0;")
        self.unlock_button = named(QPushButton(), "unlock_button")
        for widget in (self.title, self.password, self.error, self.unlock_button):
            inner.addWidget(widget)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.password.returnPressed.connect(self.lock.try_unlock)
        self.unlock_button.clicked.connect(self.lock.try_unlock)
        self.hide()

    def retranslate(self) -> None:
        self.title.setText(
            _("Tirkeu is locked. {name}, enter your password to go on.").format(
                name=self.lock.actor.full_name
            )
        )
        self.unlock_button.setText(_("Unlock"))


class IdleLock(QObject):
    """Watches input application-wide and locks ``window`` when idle for ``minutes``."""

    def __init__(
        self, window: QMainWindow, workspace: Workspace, actor: Actor, minutes: int
    ) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = workspace
        self.actor = actor
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.lock)
        self.overlay = LockOverlay(window, self)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        ui_language.subscribe(self._retranslate)
        self._retranslate(ui_language.code)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        self.timer.stop()
        if minutes > 0:
            self.timer.setInterval(minutes * 60_000)
            self.timer.start()

    @property
    def locked(self) -> bool:
        return self.overlay.isVisible()

    def _retranslate(self, _code: str) -> None:
        self.overlay.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and not self.locked and self.minutes > 0:
            self.timer.start()
        if event.type() == QEvent.Type.Resize and watched is self.window and self.locked:
            self.overlay.setGeometry(self.window.rect())
        return False

    def lock(self) -> None:
        self.overlay.setGeometry(self.window.rect())
        self.overlay.error.clear_message()
        self.overlay.password.clear()
        self.overlay.show()
        self.overlay.raise_()
        self.window.menuBar().setEnabled(False)
        self.overlay.password.setFocus()

    def try_unlock(self) -> None:
        try:
            self.workspace.sign_in(self.actor.username, self.overlay.password.text())
        except ServiceError as exc:
            self.overlay.error.show_message(exc.message)
            self.overlay.password.selectAll()
            return
        self.overlay.hide()
        self.window.menuBar().setEnabled(True)
        self.set_minutes(self.minutes)

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        ui_language.unsubscribe(self._retranslate)
