"""The security windows driven through their widgets: forced change, accounts, lock, audit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.typing import type_text
from tirkeu.services.accounts import AccountService, AuditLogService
from tirkeu.services.auth import Role
from tirkeu.services.backups import has_recovery_key
from tirkeu.services.workspace import Workspace
from tirkeu.ui.app import AppController
from tirkeu.ui.dialogs import dialogs
from tirkeu.ui.main_window import MainWindow
from tirkeu.ui.security.accounts import AccountsWindow
from tirkeu.ui.security.audit_view import AuditWindow
from tirkeu.ui.security.audit_words import action_label
from tirkeu.ui.security.idle_lock import IdleLock
from tirkeu.ui.security.password import ChangePasswordDialog
from tirkeu.ui.sign_in import SignInWindow

pytestmark = pytest.mark.gui
SHOTS = Path("/tmp/shots")


def _shot(widget: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))  # type: ignore[attr-defined]


def test_a_reset_password_must_be_changed_after_sign_in(qtbot: QtBot, office: Workspace) -> None:
    admin = office.sign_in("admin", "secret1")
    reg = next(a for a in AccountService(office, admin).list_users() if a.username == "reg")
    AccountService(office, admin).reset_password(reg.id, "temp42")
    controller = AppController(office)
    controller.start()
    sign_in = controller.window
    assert isinstance(sign_in, SignInWindow)
    qtbot.addWidget(sign_in)
    type_text(sign_in.username, "reg")
    type_text(sign_in.password, "temp42")
    qtbot.keyClick(sign_in.password, Qt.Key.Key_Return)
    dialog = controller.window
    assert isinstance(dialog, ChangePasswordDialog)
    qtbot.addWidget(dialog)
    assert controller.main_window is None
    dialog.reject()
    assert dialog.isVisible(), "a forced change cannot be cancelled"
    type_text(dialog.old, "wrong")
    type_text(dialog.new, "mine1234")
    type_text(dialog.repeat, "mine1234")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.error.text() and controller.main_window is None
    _shot(dialog, "security_change_password")
    type_text(dialog.old, "temp42")
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    qtbot.addWidget(main)
    assert not office.sign_in("reg", "mine1234").must_change_password
    names = {a.objectName() for a in main.menu_office.actions()}
    assert "accounts_action" not in names and "password_action" in names
    main.close()


def test_the_administrator_manages_accounts_in_the_window(
    qtbot: QtBot, office: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = AccountsWindow(AccountService(office, office.sign_in("admin", "secret1")))
    qtbot.addWidget(window)
    window.show()
    assert window.table.rowCount() == 3
    type_text(window.username, "aigul")
    type_text(window.full_name, "Төлеуова Айгүл")
    window.role.setCurrentIndex(window.role.findData(Role.HEAD.value))
    type_text(window.password, "temp9876")
    qtbot.keyClick(window.password, Qt.Key.Key_Return)
    assert window.table.rowCount() == 4, window.error.text()
    row = next(n for n, a in enumerate(window.accounts) if a.username == "aigul")
    window.table.selectRow(row)
    window.toggle_button.click()
    assert not next(a for a in window.accounts if a.username == "aigul").active
    assert window.toggle_button.text() == "Қайта қосу"
    window.toggle_button.click()
    assert window.error.text(), "reactivation asks for a temporary password"
    assert not next(a for a in window.accounts if a.username == "aigul").active
    type_text(window.temporary, "again123")
    window.toggle_button.click()
    aigul = next(a for a in window.accounts if a.username == "aigul")
    assert aigul.active and aigul.must_change_password and not window.error.text()
    assert not window.temporary.text()
    assert office.sign_in("aigul", "again123").must_change_password
    admin_row = next(n for n, a in enumerate(window.accounts) if a.username == "admin")
    window.table.selectRow(admin_row)
    window.toggle_button.click()
    assert window.error.text(), "the administrator cannot deactivate themself"
    window.idle.setValue(5)
    window.idle_button.click()
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, _t, _x, on_yes: on_yes())
    monkeypatch.setattr(dialogs, "info", lambda _p, _t, text: shown.append(text))
    window.recovery_button.click()
    assert shown and has_recovery_key(office)
    window.resize(900, 560)
    _shot(window, "security_accounts")
    window.close()


def test_the_idle_lock_asks_for_the_password(qtbot: QtBot, demo_world: Path) -> None:
    ws = Workspace.open(demo_world / "akimat")
    actor = ws.sign_in("registrar", "demo")
    main = MainWindow(ws, actor)
    qtbot.addWidget(main)
    lock = IdleLock(main, ws, actor, 10)
    main.show()
    lock.timer.setInterval(20)
    lock.timer.start()
    qtbot.waitUntil(lambda: lock.locked)
    assert not main.menuBar().isEnabled()
    type_text(lock.overlay.password, "wrong")
    qtbot.keyClick(lock.overlay.password, Qt.Key.Key_Return)
    assert lock.locked and lock.overlay.error.text()
    main.resize(1366, 768)
    _shot(main, "security_locked")
    type_text(lock.overlay.password, "demo")
    qtbot.keyClick(lock.overlay.password, Qt.Key.Key_Return)
    assert not lock.locked and main.menuBar().isEnabled()
    lock.stop()
    main.close()
    ws.close()


def test_the_audit_view_filters_and_checks_the_chain(qtbot: QtBot, demo_world: Path) -> None:
    ws = Workspace.open(demo_world / "akimat")
    window = AuditWindow(AuditLogService(ws, ws.sign_in("admin", "demo")))
    qtbot.addWidget(window)
    window.show()
    total = window.table.rowCount()
    assert total >= 3
    window.action.setCurrentIndex(window.action.findData("user.create"))
    assert 0 < window.table.rowCount() < total
    assert {window.table.item(n, 2).text() for n in range(window.table.rowCount())} == {
        action_label("user.create")
    }
    window.verify_button.click()
    assert window.verdict.text().startswith("Аудит")
    window.resize(1300, 700)
    _shot(window, "security_audit")
    window.close()
    ws.close()
