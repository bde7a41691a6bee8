"""The wizard's actions in the main window: new registration, open draft, register, refuse,
import an e-application.

The wizard module (and the documents it previews) is imported when a wizard
first opens, not when the main window starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog

from tirkeu.domain.record import ActRecord, RecordStatus
from tirkeu.i18n import _, ui_language
from tirkeu.services.auth import PERMISSIONS, Action
from tirkeu.services.errors import ServiceError
from tirkeu.ui.dialogs import dialogs
from tirkeu.ui.widgets import named

if TYPE_CHECKING:
    from tirkeu.ui.main_window import MainWindow
    from tirkeu.ui.wizard.wizard import RegistrationWizard


class RegistrationFeature(QObject):
    """Opens registration wizards from the Records menu and the journal."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.wizards: list[RegistrationWizard] = []
        self.new_action = named(QAction(window), "new_registration_action")
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.open_action = named(QAction(window), "open_draft_action")
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.register_action = named(QAction(window), "register_action")
        self.refuse_action = named(QAction(window), "refuse_action")
        self.import_action = named(QAction(window), "import_application_action")
        self.import_action.triggered.connect(self.choose_application_file)
        self.new_action.triggered.connect(self.new_registration)
        self.open_action.triggered.connect(self.open_selected)
        self.register_action.triggered.connect(self.register_selected)
        self.refuse_action.triggered.connect(self.refuse_selected)
        actions = (self.new_action, self.open_action, self.register_action, self.refuse_action)
        window.menu_records.addActions([*actions, self.import_action])
        for action in actions:
            window.toolbar.insertAction(window.refresh_action, action)
        window.toolbar.insertSeparator(window.refresh_action)
        window.table.doubleClicked.connect(self._double_clicked)
        window.table.selectionModel().selectionChanged.connect(self.update_actions)
        window.model.modelReset.connect(self.update_actions)
        window.installEventFilter(self)
        self.update_actions()

    def may_edit(self) -> bool:
        return Action.EDIT_RECORDS in PERMISSIONS[self.window.actor.role]

    def selected_draft(self) -> ActRecord | None:
        record = self.window.selected_record()
        return record if record and record.status is RecordStatus.DRAFT else None

    def update_actions(self) -> None:
        editable = self.may_edit()
        draft = editable and self.selected_draft() is not None
        self.new_action.setEnabled(editable)
        self.import_action.setEnabled(editable)
        for action in (self.open_action, self.register_action, self.refuse_action):
            action.setEnabled(draft)

    def _wizard(self) -> RegistrationWizard:
        from tirkeu.ui.wizard.wizard import RegistrationWizard

        window = self.window
        wizard = RegistrationWizard(window.workspace, window.actor, window.records, window)
        for signal in (wizard.saved, wizard.registered, wizard.refused):
            signal.connect(window.model.reload)
        wizard.finished.connect(lambda _result: self._closed(wizard))
        self.wizards.append(wizard)
        return wizard

    def _closed(self, wizard: RegistrationWizard) -> None:
        if wizard in self.wizards:
            self.wizards.remove(wizard)
        self.window.model.reload()

    def new_registration(self) -> RegistrationWizard:
        wizard = self._wizard()
        wizard.show()
        return wizard

    def open_draft(self, record: ActRecord) -> RegistrationWizard:
        wizard = self._wizard()
        wizard.open_record(record)
        wizard.show()
        return wizard

    def open_selected(self) -> RegistrationWizard | None:
        record = self.selected_draft()
        return self.open_draft(record) if record else None

    def register_selected(self) -> RegistrationWizard | None:
        """Open the selected draft at its review page, where Register is."""
        wizard = self.open_selected()
        if wizard is not None:
            wizard.jump_to_review()
        return wizard

    def refuse_selected(self) -> RegistrationWizard | None:
        wizard = self.register_selected()
        if wizard is not None:
            wizard.refusal.start()
        return wizard

    def file_dialog(self) -> QFileDialog:
        """The (non-modal) dialog that picks an e-application; tests replace it."""
        dialog = QFileDialog(self.window, _("Import an e-application"))
        dialog.setNameFilter(_("E-applications (*.json)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        return dialog

    def choose_application_file(self) -> None:
        dialog = self.file_dialog()
        dialog.fileSelected.connect(self.import_application)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def import_application(self, path: str) -> RegistrationWizard | None:
        """An e-application file becomes a draft and opens in the wizard."""
        from tirkeu.domain.schema import ApplicationFileError, load_application_file

        try:
            app = load_application_file(Path(path))
            record = self.window.records.save_draft(app)
        except ApplicationFileError as exc:
            dialogs.error(
                self.window,
                _("Import an e-application"),
                f"{path}: {exc.message(ui_language.code)}",
            )
            return None
        except ServiceError as exc:
            dialogs.error(self.window, _("Import an e-application"), exc.message(ui_language.code))
            return None
        self.window.model.reload()
        return self.open_draft(record)

    def _double_clicked(self, _index: QModelIndex) -> None:
        if self.may_edit():
            self.open_selected()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Closing the main window closes its wizards, which keep their drafts."""
        if watched is self.window and event.type() == QEvent.Type.Close:
            for wizard in list(self.wizards):
                wizard.close()
        return False

    def retranslate(self) -> None:
        self.new_action.setText(_("New registration"))
        self.new_action.setToolTip(_("Register a birth (Ctrl+N)"))
        self.open_action.setText(_("Open draft"))
        self.register_action.setText(_("Register…"))
        self.refuse_action.setText(_("Refuse…"))
        self.import_action.setText(_("Import an e-application…"))
