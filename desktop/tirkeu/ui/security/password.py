"""Changing one's own password; forced after a first or reset password."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tirkeu.i18n import _, t, ui_language
from tirkeu.services.accounts import change_own_password
from tirkeu.services.auth import Actor
from tirkeu.services.errors import ServiceError
from tirkeu.services.workspace import Workspace
from tirkeu.ui.widgets import ErrorLabel, named


class ChangePasswordDialog(QDialog):
    """Emits ``changed`` with the updated actor; a forced change cannot be cancelled."""

    changed = Signal(object)

    def __init__(
        self, workspace: Workspace, actor: Actor, forced: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("change_password")
        self.workspace = workspace
        self.actor = actor
        self.forced = forced
        layout = QVBoxLayout(self)
        self.intro = named(QLabel(wordWrap=True), "password_intro")
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.old = named(QLineEdit(echoMode=QLineEdit.EchoMode.Password), "old_password")
        self.new = named(QLineEdit(echoMode=QLineEdit.EchoMode.Password), "new_password")
        self.repeat = named(QLineEdit(echoMode=QLineEdit.EchoMode.Password), "repeat_password")
        self.labels = [QLabel() for _i in range(3)]
        for label, field in zip(self.labels, (self.old, self.new, self.repeat), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        layout.addLayout(form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox.StandardButton.Ok
        if not forced:
            buttons |= QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.old.returnPressed.connect(self.new.setFocus)
        self.new.returnPressed.connect(self.repeat.setFocus)
        self.repeat.returnPressed.connect(self.submit)
        ui_language.subscribe(self._retranslate)
        self._retranslate(ui_language.code)
        self.resize(460, 260)

    def _retranslate(self, _code: str) -> None:
        self.setWindowTitle(_("Change password"))
        self.intro.setText(
            _("Your password was set by the administrator. Choose your own before you go on.")
            if self.forced
            else _("Choose a new password.")
        )
        for label, text in zip(
            self.labels,
            (_("Current password"), _("New password"), _("New password again")),
            strict=True,
        ):
            label.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Change password"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setText(_("Cancel"))

    def submit(self) -> None:
        if self.new.text() != self.repeat.text():
            self.error.show_message(lambda lang: t(lang, "The two passwords differ."))
            self.repeat.setFocus()
            return
        try:
            actor = change_own_password(
                self.workspace, self.actor, self.old.text(), self.new.text()
            )
        except ServiceError as exc:
            self.error.show_message(exc.message)
            return
        self.error.clear_message()
        ui_language.unsubscribe(self._retranslate)
        self.changed.emit(actor)
        self.accept()

    def reject(self) -> None:
        if not self.forced:
            ui_language.unsubscribe(self._retranslate)
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.forced and self.result() != QDialog.DialogCode.Accepted.value:
            event.ignore()
            return
        super().closeEvent(event)
