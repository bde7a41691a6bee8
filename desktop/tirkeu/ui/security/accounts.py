"""The administrator's window of staff accounts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tirkeu.i18n import _, ui_language
from tirkeu.labels import role_label
from tirkeu.services.accounts import Account, AccountService, idle_lock_minutes
from tirkeu.services.auth import Role
from tirkeu.services.backups import make_recovery_key
from tirkeu.services.errors import ServiceError
from tirkeu.ui.dialogs import dialogs
from tirkeu.ui.widgets import ErrorLabel, named


class AccountsWindow(QWidget):
    """Lists the accounts; creates, resets, deactivates; sets the idle lock."""

    def __init__(self, service: AccountService, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("accounts_window")
        self.service = service
        self.accounts: list[Account] = []
        layout = QVBoxLayout(self)
        self.table = named(QTableWidget(0, 4), "accounts_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.reset_label = QLabel()
        self.temporary = named(QLineEdit(echoMode=QLineEdit.EchoMode.Password), "temporary")
        self.reset_button = named(QPushButton(), "reset_button")
        self.toggle_button = named(QPushButton(), "toggle_button")
        self.reset_label.setBuddy(self.temporary)
        for widget in (self.reset_label, self.temporary, self.reset_button, self.toggle_button):
            row.addWidget(widget)
        layout.addLayout(row)

        self.new_box = QGroupBox()
        form = QFormLayout(self.new_box)
        self.username = named(QLineEdit(), "new_username")
        self.full_name = named(QLineEdit(), "new_full_name")
        self.role = named(QComboBox(), "new_role")
        self.password = named(QLineEdit(echoMode=QLineEdit.EchoMode.Password), "new_password")
        self.create_button = named(QPushButton(), "create_button")
        self.form_labels = [QLabel() for _i in range(4)]
        for label, field in zip(
            self.form_labels, (self.username, self.full_name, self.role, self.password), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(self.create_button)
        layout.addWidget(self.new_box)

        idle = QHBoxLayout()
        self.idle_label = QLabel()
        self.idle = named(QSpinBox(minimum=0, maximum=240), "idle_minutes")
        self.idle.setValue(idle_lock_minutes(service.ws))
        self.idle_button = named(QPushButton(), "idle_button")
        self.idle_label.setBuddy(self.idle)
        idle.addWidget(self.idle_label)
        idle.addWidget(self.idle)
        idle.addWidget(self.idle_button)
        idle.addStretch(1)
        self.recovery_button = named(QPushButton(), "recovery_button")
        idle.addWidget(self.recovery_button)
        layout.addLayout(idle)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.create_button.clicked.connect(self.create_account)
        self.idle_button.clicked.connect(self.save_idle)
        self.recovery_button.clicked.connect(self.ask_recovery_key)
        self.username.returnPressed.connect(self.full_name.setFocus)
        self.full_name.returnPressed.connect(self.role.setFocus)
        self.password.returnPressed.connect(self.create_account)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        ui_language.subscribe(self._retranslate)
        self._retranslate(ui_language.code)
        self.resize(760, 560)

    def _retranslate(self, _code: str) -> None:
        self.setWindowTitle(_("Staff accounts"))
        self.table.setHorizontalHeaderLabels(
            [_("User name"), _("Full name"), _("Role"), _("State")]
        )
        self.reset_label.setText(_("Temporary password"))
        self.reset_button.setText(_("Reset password"))
        self.new_box.setTitle(_("New account"))
        for label, text in zip(
            self.form_labels,
            (_("User name"), _("Full name"), _("Role"), _("Temporary password")),
            strict=True,
        ):
            label.setText(text)
        current = self.role.currentData()
        self.role.clear()
        for role in Role:
            self.role.addItem(role_label(role.value), role.value)
        self.role.setCurrentIndex(max(0, self.role.findData(current)))
        self.create_button.setText(_("Create account"))
        self.idle_label.setText(_("Lock the screen after minutes without use (0: never)"))
        self.idle_button.setText(_("Save"))
        self.recovery_button.setText(_("New recovery key…"))
        self.reload()

    def _state(self, account: Account) -> str:
        if not account.active:
            return _("Deactivated")
        if account.locked_until is not None and account.locked_until > self.service.ws.clock():
            return _("Locked until {time}").format(time=account.locked_until.strftime("%H:%M"))
        if account.needs_reset:
            return _("Needs a temporary password")
        if account.must_change_password:
            return _("Must change the password")
        return _("Active")

    def reload(self) -> None:
        selected = self.selected()
        try:
            self.accounts = self.service.list_users()
        except ServiceError as exc:
            self.error.show_message(exc.message)
            return
        self.table.setRowCount(len(self.accounts))
        for n, account in enumerate(self.accounts):
            cells = (
                account.username,
                account.full_name,
                role_label(account.role.value),
                self._state(account),
            )
            for col, text in enumerate(cells):
                self.table.setItem(n, col, QTableWidgetItem(text))
            if selected is not None and account.id == selected.id:
                self.table.selectRow(n)
        self._update_buttons()

    def selected(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows()
        return self.accounts[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        account = self.selected()
        self.reset_button.setEnabled(account is not None)
        self.toggle_button.setEnabled(account is not None)
        self.toggle_button.setText(
            _("Reactivate") if account is not None and not account.active else _("Deactivate")
        )

    def _run(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except ServiceError as exc:
            self.error.show_message(exc.message)
            return False
        self.error.clear_message()
        self.reload()
        return True

    def reset_password(self) -> None:
        account = self.selected()
        if account is not None and self._run(
            lambda: self.service.reset_password(account.id, self.temporary.text())
        ):
            self.temporary.clear()

    def toggle_active(self) -> None:
        """Deactivation drops the account's key; reactivation takes the temporary password."""
        account = self.selected()
        if account is None:
            return
        if account.active:
            self._run(lambda: self.service.set_active(account.id, False))
        elif self._run(lambda: self.service.set_active(account.id, True, self.temporary.text())):
            self.temporary.clear()

    def create_account(self) -> None:
        if self._run(
            lambda: self.service.create_user(
                self.username.text(),
                self.full_name.text(),
                Role(self.role.currentData()),
                self.password.text(),
            )
        ):
            for field in (self.username, self.full_name, self.password):
                field.clear()

    def save_idle(self) -> None:
        self._run(lambda: self.service.set_idle_lock_minutes(self.idle.value()))

    def ask_recovery_key(self) -> None:
        dialogs.confirm(
            self,
            _("Recovery key"),
            _(
                "A new office recovery key opens the office database and every backup made "
                "from now on; the previous key no longer opens the database. It is shown only "
                "once: print it or write it down and keep it in the office safe. Make it now?"
            ),
            self.make_recovery_key,
        )

    def make_recovery_key(self) -> None:
        try:
            key = make_recovery_key(self.service.ws, self.service.actor)
        except ServiceError as exc:
            self.error.show_message(exc.message)
            return
        dialogs.info(
            self,
            _("Recovery key"),
            _("The office recovery key (shown only now):\n\n{key}").format(key=key),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        ui_language.unsubscribe(self._retranslate)
        super().closeEvent(event)
