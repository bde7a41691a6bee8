"""Every window and wizard page reads in Kazakh or in Russian, and switches at run time.

The windows are opened the way a person opens them, through the main window's
menus, as the head (who registers, prints, approves and reads the audit log)
and as the administrator (accounts, blank stock, office keys); then every text
they show is checked against the catalogs (see ``screen_texts``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.i18n.screen_texts import Text, is_translation, untranslated, window_texts
from tirkeu.i18n import ui_language
from tirkeu.services.workspace import Workspace
from tirkeu.ui import dialogs as dialogs_module
from tirkeu.ui.main_window import MainWindow
from tirkeu.ui.reports.window import KINDS, ReportsWindow
from tirkeu.ui.security.idle_lock import IdleLock
from tirkeu.ui.security.password import ChangePasswordDialog
from tirkeu.ui.setup_wizard import SetupWizard
from tirkeu.ui.sign_in import SignInWindow
from tirkeu.ui.transfer.keys import KeysWindow
from tirkeu.ui.widgets import ErrorLabel

pytestmark = pytest.mark.gui

# Actions that open Qt's own file dialog (tested in test_qt_translations).
FILE_DIALOG_ACTIONS = {"backup_action", "import_application_action"}
SHOTS = Path("/tmp/shots")
# Previews of documents: printed in the language chosen for the record or the
# report (п. 30), whatever the language of the screen.
DOCUMENT_VIEWS = ("certificate_preview", "monthly_figures", "book_preview", "stock_table")


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes answered at once; their texts are checked like any other."""
    shown: list[str] = []

    def record(_parent: QWidget | None, title: str, text: str, *_rest: object) -> None:
        shown.extend((title, text))

    for name in ("info", "error", "confirm"):
        monkeypatch.setattr(dialogs_module.dialogs, name, record)
    return shown


@pytest.fixture
def workspace(demo_world: Path) -> Iterator[Workspace]:
    ws = Workspace.open(demo_world / "akimat")
    yield ws
    ws.close()


def _open_everything(qtbot: QtBot, ws: Workspace, user: str) -> list[QWidget]:
    """The main window of ``user`` with every window its menus open."""
    main = MainWindow(ws, ws.sign_in(user, "demo"))
    qtbot.addWidget(main)
    IdleLock(main, ws, main.actor, 0)
    main.show()
    main.table.selectRow(0)
    for menu in (main.menu_records, main.menu_documents, main.menu_transfer, main.menu_office):
        for action in menu.actions():
            if action.isEnabled() and action.objectName() not in FILE_DIALOG_ACTIONS:
                action.trigger()
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for window in windows:
        if window is not main:
            qtbot.addWidget(window)
    return windows


def _start_windows(qtbot: QtBot, ws: Workspace, fresh: Path) -> list[QWidget]:
    sign_in = SignInWindow(ws)
    setup = SetupWizard(Workspace.open(fresh))
    for window in (sign_in, setup):
        qtbot.addWidget(window)
    return [sign_in, setup]


def _texts(
    windows: list[QWidget], messages: list[str], *, visible_only: bool = False
) -> list[Text]:
    texts = [t for w in windows for t in window_texts(w, visible_only=visible_only)]
    texts += [Text("message box", line) for m in messages for line in m.splitlines() if line]
    return texts


def _report(missing: list[Text]) -> str:
    return "\n".join(f"{t.where}: {t.text}" for t in missing)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_window_speaks_the_ui_language(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, messages: list[str], lang: str
) -> None:
    ui_language.set(lang)
    windows = _start_windows(qtbot, workspace, tmp_path / "fresh")
    for user in ("head", "admin"):
        opened = _open_everything(qtbot, workspace, user)
        names = {type(w).__name__ for w in opened}
        windows += opened
        assert {"MainWindow", "TransferWindow", "ReportsWindow", "AuditWindow"} <= names
    kinds = {type(w).__name__ for w in windows}
    assert {
        "SignInWindow",
        "SetupWizard",
        "RegistrationWizard",
        "PrintWindow",
        "StockWindow",
        "CalibrationWindow",
        "AmendmentWindow",
        "PendingWindow",
        "AccountsWindow",
        "KeysWindow",
        "ChangePasswordDialog",
    } <= kinds
    texts = _texts(windows, messages)
    assert len(texts) > 1000
    missing = untranslated(texts, lang)
    assert not missing, _report(missing)


def _show_errors(windows: list[QWidget]) -> list[ErrorLabel]:
    """Make the windows that check their input show an error, as a wrong entry does."""
    for window in windows:
        if isinstance(window, SignInWindow):
            window.username.setText("nobody")
            window.password.setText("wrong")
            window.submit()
        elif isinstance(window, ChangePasswordDialog):
            window.new.setText("one-password")
            window.repeat.setText("another-password")
            window.submit()
        elif isinstance(window, KeysWindow):
            window.install()
        elif isinstance(window, SetupWizard):
            window.currentPage().validatePage()
    shown = [e for w in windows for e in w.findChildren(ErrorLabel) if e.isVisible()]
    assert len(shown) >= 4
    return shown


def test_switching_the_language_changes_every_open_window(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, messages: list[str]
) -> None:
    ui_language.set("kk")
    windows = _start_windows(qtbot, workspace, tmp_path / "fresh")
    for window in windows:
        window.show()
    for user in ("head", "admin"):
        windows += _open_everything(qtbot, workspace, user)
    kinds = {type(w).__name__ for w in windows}
    features = {"RegistrationWizard", "PrintWindow", "StockWindow", "AmendmentWindow"}
    features |= {"TransferWindow", "ReportsWindow", "AuditWindow", "AccountsWindow"}
    assert features <= kinds
    errors = _show_errors(windows)
    before = _texts(windows, [], visible_only=True)
    kazakh_errors = [e.text() for e in errors]
    ui_language.set("ru")
    for window in windows:
        if isinstance(window, ReportsWindow):
            for kind in KINDS:  # a report is computed again when it is chosen
                window.select(kind)
    # Hidden pages and tabs too: they are shown later without another switch.
    after = [
        t
        for t in _texts(windows, [])
        if not any(f"› {name} ›" in t.where for name in DOCUMENT_VIEWS)
    ]
    SHOTS.mkdir(exist_ok=True)
    QApplication.processEvents()  # the layouts take the new texts' sizes
    for window in windows:
        if window.isVisible():
            window.grab().save(str(SHOTS / f"i18n_ru_{type(window).__name__}.png"))
    # Whatever is still Kazakh after the switch was not re-translated.
    stale = sorted(
        {t for t in after if is_translation(t.text, "kk") and not is_translation(t.text, "ru")},
        key=lambda t: t.where,
    )
    assert not stale, _report(stale)
    assert not untranslated(after, "ru"), _report(untranslated(after, "ru"))
    changed = {t.text for t in before} - {t.text for t in after}
    assert len(changed) > 300
    assert all(e.text() != text for e, text in zip(errors, kazakh_errors, strict=True))
