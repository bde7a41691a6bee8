"""The security actions of the main window's Office menu."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from tirkeu.i18n import _, ui_language
from tirkeu.services.accounts import AccountService, AuditLogService
from tirkeu.services.auth import PERMISSIONS, Action
from tirkeu.services.backups import BackupService, EncryptionNotice, take_encryption_notice
from tirkeu.services.errors import ServiceError
from tirkeu.ui.dialogs import dialogs
from tirkeu.ui.security.accounts import AccountsWindow
from tirkeu.ui.security.audit_view import AuditWindow
from tirkeu.ui.security.idle_lock import IdleLock
from tirkeu.ui.security.password import ChangePasswordDialog
from tirkeu.ui.widgets import named

if TYPE_CHECKING:
    from tirkeu.ui.main_window import MainWindow


class SecurityFeature:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        allowed = PERMISSIONS[window.actor.role]
        menu = window.menu_office
        self.accounts_action = named(QAction(window), "accounts_action")
        self.audit_action = named(QAction(window), "audit_action")
        self.backup_action = named(QAction(window), "backup_action")
        self.password_action = named(QAction(window), "password_action")
        self.lock_action = named(QAction(window), "lock_action")
        for action, needs in (
            (self.accounts_action, Action.MANAGE_ACCOUNTS),
            (self.audit_action, Action.VIEW_AUDIT),
            (self.backup_action, Action.BACKUP),
        ):
            if needs in allowed:
                menu.addAction(action)
        menu.addAction(self.password_action)
        menu.addAction(self.lock_action)
        self.accounts_action.triggered.connect(self.open_accounts)
        self.audit_action.triggered.connect(self.open_audit)
        self.backup_action.triggered.connect(self.back_up)
        self.password_action.triggered.connect(self.change_password)
        self.lock_action.triggered.connect(self.lock)
        self.windows: list[QWidget] = []
        # After the window is shown: a notice needs a visible parent.
        QTimer.singleShot(0, window, self.tell_encryption)

    def retranslate(self) -> None:
        self.accounts_action.setText(_("Staff accounts…"))
        self.audit_action.setText(_("Audit log…"))
        self.backup_action.setText(_("Back up to a folder…"))
        self.password_action.setText(_("Change my password…"))
        self.lock_action.setText(_("Lock the screen"))

    def _show(self, widget: QWidget) -> None:
        self.windows = [w for w in self.windows if w.isVisible()]
        self.windows.append(widget)
        widget.show()

    def open_accounts(self) -> None:
        self._show(AccountsWindow(AccountService(self.window.workspace, self.window.actor), None))

    def open_audit(self) -> None:
        self._show(AuditWindow(AuditLogService(self.window.workspace, self.window.actor), None))

    def change_password(self) -> None:
        dialog = ChangePasswordDialog(self.window.workspace, self.window.actor, False, self.window)
        dialog.open()

    def lock(self) -> None:
        lock = self.window.findChild(IdleLock)
        if isinstance(lock, IdleLock):
            lock.lock()

    def tell_encryption(self) -> None:
        """Once, when this administrator's sign-in has just encrypted a plain database."""
        try:
            notice = take_encryption_notice(self.window.workspace, self.window.actor)
        except ServiceError as exc:
            dialogs.error(self.window, _("Recovery key"), exc.message(ui_language.code))
            return
        if notice is not None:
            dialogs.info(self.window, _("The database is encrypted"), encryption_text(notice))

    def back_up(self) -> None:
        picker = QFileDialog(self.window, _("Folder for the backup (e.g. a USB stick)"))
        picker.setFileMode(QFileDialog.FileMode.Directory)
        picker.setOption(QFileDialog.Option.ShowDirsOnly, True)
        picker.fileSelected.connect(self.back_up_to)
        picker.open()

    def back_up_to(self, folder: str) -> None:
        try:
            path = BackupService(self.window.workspace, self.window.actor).backup_to(Path(folder))
        except ServiceError as exc:
            dialogs.error(self.window, _("Backup"), exc.message(ui_language.code))
            return
        dialogs.info(
            self.window,
            _("Backup"),
            _("The backup was written and checked: {path}").format(path=str(path)),
        )


def encryption_text(notice: EncryptionNotice) -> str:
    """The notice in the UI language; a new recovery key is shown only here."""
    done = _(
        "The office database is now encrypted: it opens only with a staff password "
        "or with the office recovery key. The other staff members sign in with a "
        "temporary password that you give them (Staff accounts, Reset password)."
    )
    if notice.recovery_key is None:
        keep = _(
            "Keep the office recovery key printed at the first start in the office safe: when "
            "every password is forgotten it is the only way into the act records. If it is "
            "lost, make a new one now (Staff accounts, New recovery key) and print it."
        )
        return done + "\n\n" + keep
    new = _(
        "The office had no recovery key, so one was made now. It is shown only this once: "
        "print it or write it down, sign it and keep it in the office safe, not on this "
        "computer. When every password is forgotten it is the only way into the act records."
    )
    return done + "\n\n" + new + "\n\n" + notice.recovery_key
