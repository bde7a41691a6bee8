"""Small widgets and helpers shared by the windows."""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import QDate, QObject
from PySide6.QtWidgets import QLabel

from tirkeu.i18n import _, ui_language

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWizard

QObjectT = TypeVar("QObjectT", bound=QObject)


def named(obj: QObjectT, name: str) -> QObjectT:
    """Give a widget the object name tests and style sheets find it by."""
    obj.setObjectName(name)
    return obj


def qdate(day: dt.date) -> QDate:
    """A QDate of ``day``: the type stubs of PySide6 6.11 have no QDate(date)."""
    return QDate(day.year, day.month, day.day)


# What a label shows: plain text, or a function of the language that renders it
# (``ServiceError.message``, ``Finding.message``), re-rendered when the language changes.
Message = str | Callable[[str], str]


class _Retranslator:
    """Re-renders a label's message on a language switch, for as long as the label lives."""

    def __init__(self, label: MessageLabel) -> None:
        self.label = weakref.ref(label)

    def __call__(self, _code: str) -> None:
        label = self.label()
        if label is None or not shiboken6.isValid(label):
            ui_language.unsubscribe(self)
            return
        label.retranslate()


class MessageLabel(QLabel):
    """What a window says after an action (printed, saved, checked), hidden while there is none.

    Give it the message's source, not its text: ``show_message(exc.message)``
    or ``show_message(lambda lang: t(lang, "msgid"))`` keeps the message in the
    language the person reads after they switch it.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self._render: Callable[[str], str] | None = None
        self._listener = _Retranslator(self)

    def show_message(self, message: Message) -> None:
        if isinstance(message, str):
            self._forget()
            self.setText(message)
        else:
            if self._render is None:
                ui_language.subscribe(self._listener)
            self._render = message
            self.retranslate()
        self.show()

    def clear_message(self) -> None:
        self._forget()
        self.setText("")
        self.hide()

    def retranslate(self) -> None:
        if self._render is not None:
            self.setText(self._render(ui_language.code))

    def _forget(self) -> None:
        if self._render is not None:
            ui_language.unsubscribe(self._listener)
        self._render = None


class ErrorLabel(MessageLabel):
    """A message next to the fields it concerns, in red."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("error_label")
        self.setStyleSheet("color: #a01010;")
        self.hide()


def translate_wizard_buttons(wizard: QWizard) -> None:
    """Qt ships no Kazakh for its wizard buttons, so Tirkeu names them itself."""
    # Through the instance: QWizard itself is not imported for the sign-in window.
    kind = wizard.WizardButton
    texts = {
        kind.BackButton: _("< Back"),
        kind.NextButton: _("Next >"),
        kind.FinishButton: _("Finish"),
        kind.CancelButton: _("Cancel"),
        kind.CommitButton: _("Commit"),
        kind.HelpButton: _("Help"),
    }
    for button, text in texts.items():
        wizard.setButtonText(button, text)
