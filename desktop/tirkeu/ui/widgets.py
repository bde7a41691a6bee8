"""Small widgets and helpers shared by the windows."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QWizard

from tirkeu.i18n import _

QObjectT = TypeVar("QObjectT", bound=QObject)


def named(obj: QObjectT, name: str) -> QObjectT:
    """Give a widget the object name tests and style sheets find it by."""
    obj.setObjectName(name)
    return obj


class ErrorLabel(QLabel):
    """A message next to the fields it concerns, hidden while there is none."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("error_label")
        self.setWordWrap(True)
        self.setStyleSheet("color: #a01010;")
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.show()

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def translate_wizard_buttons(wizard: QWizard) -> None:
    """Qt ships no Kazakh for its wizard buttons, so Tirkeu names them itself."""
    texts = {
        QWizard.WizardButton.BackButton: _("< Back"),
        QWizard.WizardButton.NextButton: _("Next >"),
        QWizard.WizardButton.FinishButton: _("Finish"),
        QWizard.WizardButton.CancelButton: _("Cancel"),
        QWizard.WizardButton.CommitButton: _("Commit"),
        QWizard.WizardButton.HelpButton: _("Help"),
    }
    for button, text in texts.items():
        wizard.setButtonText(button, text)
