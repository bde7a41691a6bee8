"""The one dialog seam: every message box in the GUI goes through here.

Boxes are opened window-modal with ``open()``, never ``exec()``, so nothing
blocks the event loop; answers arrive through callbacks.  Tests swap
:data:`dialogs` for a recorder and answer for the user.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from tirkeu.i18n import _


class Dialogs:
    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self._show(parent, QMessageBox.Icon.Information, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self._show(parent, QMessageBox.Icon.Critical, title, text)

    def _show(self, parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
        box.button(QMessageBox.StandardButton.Ok).setText(_("OK"))
        box.finished.connect(box.deleteLater)
        box.open()

    def confirm(
        self, parent: QWidget | None, title: str, text: str, on_yes: Callable[[], None]
    ) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            parent,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(_("Yes"))
        box.button(QMessageBox.StandardButton.No).setText(_("No"))

        def done(result: int) -> None:
            if result == QMessageBox.StandardButton.Yes.value:
                on_yes()
            box.deleteLater()

        box.finished.connect(done)
        box.open()


dialogs = Dialogs()
