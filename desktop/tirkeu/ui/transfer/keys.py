"""Installing the office's keys: its PKCS#12 key, the trusted root, the district certificate.

An administrator does it once per office (or when the NCA issues a new key);
the service checks all three before anything is copied, and the key's
password is only used to open the key, never kept.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tirkeu.i18n import _, t, ui_language
from tirkeu.services.errors import ServiceError
from tirkeu.services.transfer import TransferService
from tirkeu.ui.dialogs import dialogs
from tirkeu.ui.widgets import ErrorLabel, named


class KeysWindow(QWidget):
    installed = Signal()

    def __init__(self, service: TransferService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setObjectName("keys_window")
        self.service = service
        self.file_dialog: QFileDialog | None = None
        layout = QVBoxLayout(self)
        self.intro = QLabel(wordWrap=True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        self.paths: dict[str, QLineEdit] = {}
        self.browse: dict[str, QPushButton] = {}
        for name in ("office_key", "ca", "district"):
            label, edit, button = QLabel(), named(QLineEdit(), name), QPushButton()
            label.setBuddy(edit)
            button.clicked.connect(lambda _checked=False, n=name: self._browse(n))
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(button)
            form.addRow(label, row)
            self.labels[name], self.paths[name], self.browse[name] = label, edit, button
            edit.returnPressed.connect(self.focusNextChild)
        self.password_label = QLabel()
        self.password = named(QLineEdit(echoMode=QLineEdit.EchoMode.Password), "keys_password")
        self.password_label.setBuddy(self.password)
        self.password.returnPressed.connect(self.install)
        form.addRow(self.password_label, self.password)
        layout.addLayout(form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.install_button = named(QPushButton(), "install_keys")
        self.install_button.clicked.connect(self.install)
        buttons.addWidget(self.install_button)
        layout.addLayout(buttons)
        ui_language.subscribe(self._on_language)
        self.retranslate()
        self.resize(640, 260)

    def _on_language(self, _code: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Office keys"))
        self.intro.setText(
            _(
                "The office key (PKCS#12 file from the certification authority), the trusted"
                " root certificate and the district registry's certificate."
            )
        )
        self.labels["office_key"].setText(_("Office key file:"))
        self.labels["ca"].setText(_("Trusted root certificate:"))
        self.labels["district"].setText(_("District registry certificate:"))
        for button in self.browse.values():
            button.setText(_("Choose…"))
        self.password_label.setText(_("Office key password:"))
        self.install_button.setText(_("Install keys"))

    def choose_file(self, title: str, chosen: Callable[[Path], None]) -> None:
        """Ask for one file without blocking; tests replace this method."""
        chooser = named(QFileDialog(self, title), "keys_file_dialog")
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        chooser.fileSelected.connect(lambda path: chosen(Path(path)))
        self.file_dialog = chooser
        chooser.open()

    def _browse(self, name: str) -> None:
        self.choose_file(
            self.labels[name].text().rstrip(":"), lambda p: self.paths[name].setText(str(p))
        )

    def install(self) -> None:
        values = {name: edit.text().strip() for name, edit in self.paths.items()}
        if not all(values.values()):
            self.error.show_message(lambda lang: t(lang, "Choose all three files."))
            return
        try:
            self.service.import_keys(
                Path(values["office_key"]),
                self.password.text(),
                Path(values["ca"]),
                Path(values["district"]),
            )
        except ServiceError as exc:
            self.error.show_message(exc.message)
            return
        self.password.clear()
        self.error.clear_message()
        dialogs.info(self.parentWidget(), _("Office keys"), _("The office keys are installed."))
        self.installed.emit()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        ui_language.unsubscribe(self._on_language)
        self.password.clear()
        super().closeEvent(event)
