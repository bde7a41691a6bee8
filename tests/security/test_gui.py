"""The security windows driven through their widgets: forced change, accounts, lock, audit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.security.test_encryption import _plain_office
from tests.ui.typing import type_text
from tirkeu.i18n import ui_language
from tirkeu.services.accounts import AccountService, AuditLogService
from tirkeu.services.auth import Actor, Role
from tirkeu.services.backups import has_recovery_key, make_recovery_key
from tirkeu.services.workspace import Workspace
from tirkeu.storage.backup import parse_recovery_key
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
    cells = [window.table.item(n, 2) for n in range(window.table.rowCount())]
    assert {cell.text() for cell in cells if cell is not None} == {action_label("user.create")}
    window.verify_button.click()
    assert window.verdict.text().startswith("Аудит")
    window.resize(1300, 700)
    _shot(window, "security_audit")
    window.close()
    ws.close()


def _sign_in_through_the_window(qtbot: QtBot, ws: Workspace, user: str, pw: str) -> MainWindow:
    controller = AppController(ws)
    controller.start()
    sign_in = controller.window
    assert isinstance(sign_in, SignInWindow)
    qtbot.addWidget(sign_in)
    type_text(sign_in.username, user)
    type_text(sign_in.password, pw)
    qtbot.keyClick(sign_in.password, Qt.Key.Key_Return)
    main = controller.main_window
    assert isinstance(main, MainWindow), sign_in.error.text()
    qtbot.addWidget(main)
    return main


def test_encrypting_a_plain_database_at_start_is_told_once_with_a_new_recovery_key(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data = tmp_path / "old"
    _plain_office(data)
    ws = Workspace.open(data)
    reg = _sign_in_through_the_window(qtbot, ws, "reg", "secret2")
    qtbot.waitUntil(lambda: reg.isVisible())
    assert not ws.encrypted and not reg.findChildren(QMessageBox), "only an administrator's"
    reg.close()
    main = _sign_in_through_the_window(qtbot, ws, "admin", "secret1")
    assert ws.encrypted
    qtbot.waitUntil(lambda: any(b.isVisible() for b in main.findChildren(QMessageBox)))
    (box,) = main.findChildren(QMessageBox)
    assert box.windowTitle() == "Дерекқор шифрланды"
    assert "шифрланған" in box.text() and "сейфінде" in box.text()
    key = box.text().rsplit("\n", 1)[-1]
    assert parse_recovery_key(key) is not None and has_recovery_key(ws)
    assert not main.isEnabled() or main.isVisible(), "window-modal, the event loop runs on"
    _shot(box, "security_encrypted_notice")
    box.accept()
    ws.close()
    with Workspace.open(data) as again:
        again.recover(key, "admin", "fresh123")
        assert again.sign_in("admin", "fresh123").role is Role.ADMIN


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_notice_names_the_kept_recovery_key_in_each_language(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    data = tmp_path / "old"
    _plain_office(data)
    with Workspace.open(data) as ws:  # the office made its recovery key before encryption
        make_recovery_key(ws, Actor(1, "admin", "admin", Role.ADMIN, "kk"))
    ui_language.set(lang)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "info", lambda _p, title, text: shown.append((title, text)))
    ws = Workspace.open(data)
    main = _sign_in_through_the_window(qtbot, ws, "admin", "secret1")
    qtbot.waitUntil(lambda: bool(shown))
    title, text = shown[0]
    words = {"en": ("encrypted", "first start"), "ru": ("зашифрована", "при первом запуске")}
    assert all(w in title + text for w in words[lang]), text
    assert parse_recovery_key(text.rsplit("\n", 1)[-1]) is None, "no new key: the office has one"
    main.close()
    main = _sign_in_through_the_window(qtbot, ws, "admin", "secret1")
    qtbot.waitUntil(main.isVisible)
    ws.close()
    assert len(shown) == 1, "told once"
