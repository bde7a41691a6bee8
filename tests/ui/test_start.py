"""The GUI from an empty folder to the journal, driven through the real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWizard
from pytestqt.qtbot import QtBot

from tests.ui.typing import type_text
from tirkeu.i18n import ui_language
from tirkeu.services.workspace import Workspace
from tirkeu.storage.backup import parse_recovery_key
from tirkeu.ui.app import AppController
from tirkeu.ui.journal_model import JournalModel
from tirkeu.ui.main_window import MainWindow
from tirkeu.ui.setup_wizard import SetupWizard
from tirkeu.ui.sign_in import SignInWindow

pytestmark = pytest.mark.gui


def _type(qtbot: QtBot, widget: QLineEdit, text: str) -> None:
    type_text(widget, text)


def test_first_start_sets_up_the_office_then_signs_in(qtbot: QtBot, tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "office")
    controller = AppController(ws)
    controller.start()
    wizard = controller.window
    assert isinstance(wizard, SetupWizard)
    qtbot.addWidget(wizard)
    page = wizard.office_page
    _type(qtbot, page.name_kk, "Бесағаш ауылдық округі әкімінің аппараты")
    _type(qtbot, page.name_ru, "Аппарат акима Бесагашского сельского округа")
    page.kato.setFocus()
    page.kato.setCursorPosition(0)
    type_text(page.kato, "19624", clear=False)
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentPage() is page, "a short KATO code keeps the page"
    assert page.error.isVisible() or page.error.text()
    type_text(page.kato, "3100", clear=False)
    _type(qtbot, page.district_kk, "Талғар ауданының АХАЖ бөлімі")
    _type(qtbot, page.district_ru, "Отдел ЗАГС Талгарского района")
    _type(qtbot, page.head, "Жұмабеков Ерлан Серікұлы")
    wizard.button(QWizard.WizardButton.NextButton).click()
    admin = wizard.admin_page
    assert wizard.currentPage() is admin
    _type(qtbot, admin.username, "admin")
    _type(qtbot, admin.full_name, "Сейітова Ақмарал")
    _type(qtbot, admin.password, "secret1")
    _type(qtbot, admin.repeat, "secret9")
    wizard.button(QWizard.WizardButton.CommitButton).click()
    assert not ws.is_set_up(), "different passwords save nothing"
    _type(qtbot, admin.repeat, "secret1")
    wizard.button(QWizard.WizardButton.CommitButton).click()
    assert ws.is_set_up()
    assert ws.office().kato == "196243100"
    recovery = wizard.recovery_page
    assert wizard.currentPage() is recovery
    key = recovery.key.text()
    assert parse_recovery_key(key) is not None
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled(), "the key must be confirmed as kept"
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    Path("/tmp/shots").mkdir(exist_ok=True)
    wizard.grab().save("/tmp/shots/setup_recovery_key.png")
    recovery.kept.click()
    with qtbot.waitSignal(wizard.completed):
        finish.click()

    sign_in = controller.window
    assert isinstance(sign_in, SignInWindow)
    qtbot.addWidget(sign_in)
    _type(qtbot, sign_in.username, "admin")
    _type(qtbot, sign_in.password, "wrong")
    qtbot.keyClick(sign_in.password, Qt.Key.Key_Return)
    assert sign_in.error.text()
    _type(qtbot, sign_in.password, "secret1")
    with qtbot.waitSignal(sign_in.signed_in):
        qtbot.keyClick(sign_in.password, Qt.Key.Key_Return)
    main = controller.main_window
    assert isinstance(main, MainWindow)
    qtbot.addWidget(main)
    assert main.model.rowCount() == 0
    main.close()
    ws.close()


def test_the_journal_searches_and_switches_language(qtbot: QtBot, demo_world: Path) -> None:
    ws = Workspace.open(demo_world / "akimat")
    actor = ws.sign_in("registrar", "demo")
    main = MainWindow(ws, actor)
    qtbot.addWidget(main)
    main.show()
    total = main.records.count(main.model.query)
    assert total == 60
    assert main.model.rowCount() == 60
    assert main.model.headerData(0, Qt.Orientation.Horizontal) == "Акт жазбасының №"

    first = main.model.rows[-1]
    surname = first.child.split()[0]
    type_text(main.search, surname[:4].upper())
    qtbot.waitUntil(lambda: main.model.query.text == surname[:4].upper())
    assert main.model.rowCount() >= 1
    assert all(r.child.casefold().startswith(surname[:4].casefold()) for r in main.model.rows)

    main.table.selectRow(0)
    assert main.model.rows[0].child.split()[0] in main.details.toPlainText()

    main.language.setCurrentIndex(main.language.findData("ru"))
    assert ui_language.code == "ru"
    assert main.model.headerData(0, Qt.Orientation.Horizontal) == "№ актовой записи"
    assert "Статус" in main.details.toPlainText()
    main.close()
    ws.close()
    # The choice is remembered for this user.
    with Workspace.open(demo_world / "akimat") as again:
        assert again.sign_in("registrar", "demo").ui_language == "ru"


def test_the_journal_fetches_in_pages(qtbot: QtBot, tmp_path: Path) -> None:
    from tests.conftest import TODAY
    from tirkeu.services.demo import build_demo_world

    world = build_demo_world(tmp_path, records=450, today=TODAY)
    ws = Workspace.open(world.akimat_dir)
    main = MainWindow(ws, ws.sign_in("registrar", "demo"))
    qtbot.addWidget(main)
    assert main.model.rowCount() == 200
    assert main.model.canFetchMore(main.table.rootIndex())
    main.show()
    main.table.scrollToBottom()
    qtbot.waitUntil(lambda: main.model.rowCount() > 200)
    assert main.model.rowCount() in (400, 450)
    while main.model.canFetchMore(main.table.rootIndex()):
        main.model.fetchMore(main.table.rootIndex())
    assert main.model.rowCount() == 450
    main.close()
    ws.close()


def test_pending_applications_show_their_deadline_and_overdue_stand_out(
    qtbot: QtBot, demo_world: Path
) -> None:
    import datetime as dt

    from PySide6.QtGui import QFont

    from tests.conftest import TODAY
    from tirkeu.domain.application import Scenario
    from tirkeu.services.demo import sample_application

    ws = Workspace.open(demo_world / "akimat", clock=lambda: dt.datetime(2026, 11, 20, 10))
    actor = ws.sign_in("registrar", "demo")
    main = MainWindow(ws, actor)
    qtbot.addWidget(main)
    # Received on Monday 2 November, born the day before: due two working days later.
    old = sample_application(Scenario.MARRIED, dt.date(2026, 11, 1), dt.date(2026, 11, 2))
    fresh = sample_application(Scenario.MARRIED, TODAY, TODAY, seed=5)
    late_id = main.records.save_draft(old).id
    fresh_id = main.records.save_draft(fresh).id
    main.model.reload()
    column = JournalModel.COLUMNS.index("deadline")
    rows = {r.id: i for i, r in enumerate(main.model.rows)}
    late = main.model.index(rows[late_id], column)
    on_time = main.model.index(rows[fresh_id], column)
    assert main.model.data(late) == "04.11.2026"
    font = main.model.data(late, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert main.model.data(on_time, Qt.ItemDataRole.FontRole) is None
    assert main.model.data(on_time)  # a fresh application has its due date too
    registered = next(i for r, i in rows.items() if main.model.rows[i].status != "draft")
    assert main.model.data(main.model.index(registered, column)) == ""
    main.close()
    ws.close()
