"""The sign-in window; the language can be chosen before signing in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tirkeu.i18n import _, ui_language
from tirkeu.services.errors import ServiceError
from tirkeu.services.workspace import Workspace
from tirkeu.ui.widgets import ErrorLabel, named

LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


class LanguageBox(QComboBox):
    """Switches the UI language for every open window at once."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("language_box")
        for code, name in LANGUAGE_NAMES.items():
            self.addItem(name, code)
        self.setCurrentIndex(self.findData(ui_language.code))
        self.currentIndexChanged.connect(self._changed)
        ui_language.subscribe(self._follow)

    def _changed(self, _index: int) -> None:
        code = self.currentData()
        if code != ui_language.code:
            ui_language.set(code)

    def _follow(self, code: str) -> None:
        if self.currentData() != code:
            self.blockSignals(True)
            self.setCurrentIndex(self.findData(code))
            self.blockSignals(False)


class SignInWindow(QWidget):
    signed_in = Signal(object)

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.setObjectName("sign_in")
        self.workspace = workspace
        layout = QVBoxLayout(self)
        self.office = named(QLabel(), "office_name")
        # Set by the flag's name: the first use of PySide6's Qt namespace builds
        # its ninety-odd enums, some 35 ms, a quarter of a bare window's start.
        # The main window pays that while the password is typed (ui.warmup).
        self.office.setProperty("alignment", "AlignCenter")
        layout.addWidget(self.office)
        form = QFormLayout()
        self.language = LanguageBox()
        self.username = named(QLineEdit(), "username")
        self.password = named(QLineEdit(echoMode=QLineEdit.EchoMode.Password), "password")
        self.labels = [QLabel() for _i in range(3)]
        for label, field in zip(
            self.labels, (self.language, self.username, self.password), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        layout.addLayout(form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox()  # the constructor with buttons builds the Qt namespace
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        layout.addWidget(self.buttons)
        self.password.returnPressed.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        ui_language.subscribe(self._retranslate)
        self._retranslate(ui_language.code)
        self.resize(420, 240)

    def _retranslate(self, _code: str) -> None:
        self.setWindowTitle(_("Tirkeu: sign in"))
        if self.workspace.is_set_up():
            self.office.setText(
                self.workspace.office().name("kk" if ui_language.code == "kk" else "ru")
            )
        for label, text in zip(
            self.labels, (_("Language"), _("User name"), _("Password")), strict=True
        ):
            label.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Sign in"))

    def submit(self) -> None:
        try:
            actor = self.workspace.sign_in(self.username.text(), self.password.text())
        except ServiceError as exc:
            self.error.show_message(exc.message)
            self.password.selectAll()
            self.password.setFocus()
            return
        self.error.clear_message()
        ui_language.unsubscribe(self._retranslate)
        self.signed_in.emit(actor)
        self.close()
