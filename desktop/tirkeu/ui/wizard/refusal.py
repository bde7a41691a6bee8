"""Refusing a registration with a reason, and the printable refusal (DESIGN.md flow 3)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tirkeu.documents import refusal_pdf
from tirkeu.domain.record import ActRecord
from tirkeu.i18n import _, ui_language
from tirkeu.services.errors import ServiceError
from tirkeu.ui.dialogs import dialogs
from tirkeu.ui.widgets import ErrorLabel, named

if TYPE_CHECKING:
    from tirkeu.ui.wizard.wizard import RegistrationWizard


class RefusalDialog(QDialog):
    """Asks the reason; the applicant reads it in the printed refusal."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("refusal_dialog")
        layout = QVBoxLayout(self)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        self.reason = named(QPlainTextEdit(), "refusal_reason")
        self.reason.setTabChangesFocus(True)
        layout.addWidget(self.reason)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(520, 260)
        ui_language.subscribe(self._on_language)
        self.destroyed.connect(lambda: ui_language.unsubscribe(self._on_language))
        self.retranslate()

    def _on_language(self, _code: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Refusal of registration"))
        self.prompt.setText(
            _("The reason for the refusal, with the rule it rests on (the applicant reads it):")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Refuse"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Close"))


class RefusalFlow:
    """Reason → refusal stored → refusal letter saved where the user chooses."""

    def __init__(self, wizard: RegistrationWizard) -> None:
        self.wizard = wizard
        self.dialog: RefusalDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self.refused: list[ActRecord] = []

    def start(self) -> None:
        self.dialog = RefusalDialog(self.wizard)
        self.dialog.buttons.accepted.connect(self._confirm)
        self.dialog.open()

    def _confirm(self) -> None:
        dialog = self.dialog
        assert dialog is not None
        reason = dialog.reason.toPlainText()
        wizard = self.wizard
        if not wizard.ensure_saved():
            return
        try:
            self.refused = [wizard.records.refuse(rid, reason) for rid in wizard.record_ids]
        except ServiceError as exc:
            dialog.error.show_message(exc.message)
            return
        dialog.accept()
        wizard.refused.emit(self.refused)
        wizard.close()
        self._ask_file(wizard.parentWidget())

    def _ask_file(self, parent: QWidget | None) -> None:
        record = self.refused[0]
        chooser = named(QFileDialog(parent, _("Save the refusal")), "refusal_file_dialog")
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        chooser.setNameFilter(_("PDF documents (*.pdf)"))
        chooser.setDefaultSuffix("pdf")
        chooser.selectFile(f"refusal-{record.id}.pdf")
        chooser.fileSelected.connect(self.write)
        self.file_dialog = chooser
        chooser.open()

    def write(self, path: str) -> None:
        """Write the refusal letter of the first record (the one application) to ``path``."""
        record = self.refused[0]
        wizard = self.wizard
        lang = record.application.language.value
        pdf = refusal_pdf(
            record,
            wizard.workspace.office(),
            lang,
            record.refusal_reason or "",
            record.record_date or wizard.today(),
            wizard.actor.full_name,
        )
        try:
            Path(path).write_bytes(pdf)
        except OSError as exc:
            dialogs.error(wizard.parentWidget(), _("Refusal"), str(exc))
            return
        dialogs.info(
            wizard.parentWidget(),
            _("Refusal"),
            _("The refusal is saved to {path}.").format(path=path),
        )
