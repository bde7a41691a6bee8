"""Twins, the mother's statement, bad input that must block, refusal, language."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.conftest import TODAY
from tests.ui.typing import type_text
from tests.ui.wizard.drive import (
    Answers,
    acknowledge_warnings,
    answers,
    example,
    fill_page,
    fill_to_review,
    finish,
    new_wizard,
    next_page,
    workspace,
)
from tirkeu.domain.record import RecordStatus
from tirkeu.i18n import ui_language
from tirkeu.services.workspace import Workspace
from tirkeu.ui.wizard.pages import P_CHILD, P_FATHER, P_REVIEW

pytestmark = pytest.mark.gui
__all__ = ["answers", "workspace"]


def test_twins_make_two_linked_records_in_one_pass(
    qtbot: QtBot, workspace: Workspace, answers: Answers
) -> None:
    first, second = example("twins_1"), example("twins_2")
    wizard = new_wizard(qtbot, workspace)
    fill_page(wizard, first)
    next_page(qtbot, wizard)
    fill_page(wizard, first)
    siblings = wizard.child_page.siblings
    assert siblings.rows[0][1].isVisible() and not siblings.rows[1][1].isVisible()
    _order, given, patronymic, sex = siblings.rows[0]
    type_text(given, second["child"]["given_name"])
    type_text(patronymic, second["child"]["patronymic"])
    sex.setCurrentIndex(sex.findData(second["child"]["sex"]))
    next_page(qtbot, wizard)
    fill_to_review(qtbot, wizard, first)
    acknowledge_warnings(wizard)
    with qtbot.waitSignal(wizard.registered) as signal:
        finish(qtbot, wizard)
    records = [wizard.records.get(r.id) for r in signal.args[0]]
    assert len(records) == 2
    assert records[0].birth_group and records[0].birth_group == records[1].birth_group
    assert {r.number for r in records} == {records[0].number, records[0].number + 1}  # type: ignore[operator]
    second_child = records[1].application.child
    assert second_child.given_name == second["child"]["given_name"]
    assert second_child.multiple_birth is not None and second_child.multiple_birth.order == 2
    assert records[1].application.mother == records[0].application.mother
    assert all(r.status is RecordStatus.REGISTERED for r in records)


def test_mother_statement_fills_the_fathers_surname(qtbot: QtBot, workspace: Workspace) -> None:
    data = example("married") | {"scenario": "unmarried", "marriage": None}
    wizard = new_wizard(qtbot, workspace)
    while wizard.currentId() != P_FATHER:
        fill_page(wizard, data)
        next_page(qtbot, wizard)
    basis = wizard.father_page.basis
    basis.setCurrentIndex(basis.findData("mother_statement"))
    surname = wizard.father_page.person["surname"]
    assert surname.text() == "Омаров"  # type: ignore[attr-defined]  # the mother is Омарова
    basis.setCurrentIndex(basis.findData("none"))
    assert not surname.isVisible(), "no father: his fields are not asked"
    wizard.refresh()
    assert wizard.applications()[0].father is None


def test_bad_entries_block_registration_with_messages_next_to_fields(
    qtbot: QtBot, workspace: Workspace, answers: Answers
) -> None:
    ui_language.set("ru")
    data = example("married")
    wizard = new_wizard(qtbot, workspace)
    fill_to_review(qtbot, wizard, data)
    # Back to the child: a birth date in the future, a letter in the IIN.
    while wizard.currentId() != P_CHILD:
        wizard.back()
    child = wizard.child_page
    child.birth_date.setDate(QDate(TODAY.year + 1, 1, 5))
    type_text(child.iin, "12ab34")
    assert child.iin.text() == "1234", "letters never enter an IIN"
    qtbot.waitUntil(lambda: child.messages["child.birth_date"].isVisible())
    assert "будущем" in child.messages["child.birth_date"].text()
    wizard.grab().save("/tmp/shots/wizard-ru-child-findings.png")
    assert "12" in child.messages["child.iin"].text()
    assert "п. 29" in child.notice_list.item(0).text() or child.notice_list.count() > 0
    while wizard.currentId() != P_REVIEW:
        next_page(qtbot, wizard)
    # A required document not ticked.
    acknowledge_warnings(wizard)
    finish(qtbot, wizard)
    assert wizard.currentId() == P_REVIEW, "errors block the finish"
    assert wizard.review_page.message.isVisible()
    texts = [
        wizard.review_page.notice_list.item(i).text()
        for i in range(wizard.review_page.notice_list.count())
    ]
    assert any("будущем" in t for t in texts)
    # Activating a finding goes to its field.
    wizard.review_page.notice_list.chosen.emit(
        next(n for n in wizard.notices if n.field == "child.birth_date")
    )
    assert wizard.currentId() == P_CHILD
    assert child.birth_date.hasFocus() or wizard.focusWidget() is child.birth_date
    child.birth_date.setDate(QDate(2026, 10, 12))
    child.iin.clear()
    while wizard.currentId() != P_REVIEW:
        next_page(qtbot, wizard)
    box, _msgid = wizard.checklist_page.boxes["marriage"]
    box.setChecked(False)
    acknowledge_warnings(wizard)
    finish(qtbot, wizard)
    assert wizard.currentId() == P_REVIEW
    assert any("о заключении брака" in n.text() for n in wizard.notices if n.is_error)
    box.setChecked(True)
    wizard.refresh()
    # A warning not ticked blocks too.
    if any(not n.is_error for n in wizard.notices):
        notices = wizard.review_page.notice_list
        for i in range(notices.count()):
            notices.item(i).setCheckState(Qt.CheckState.Unchecked)
        finish(qtbot, wizard)
        assert wizard.currentId() == P_REVIEW
        acknowledge_warnings(wizard)
    with qtbot.waitSignal(wizard.registered):
        finish(qtbot, wizard)


def test_refusal_end_to_end_with_printable_letter(
    qtbot: QtBot, workspace: Workspace, answers: Answers, tmp_path: Path
) -> None:
    data = example("unmarried_no_father")
    wizard = new_wizard(qtbot, workspace)
    fill_to_review(qtbot, wizard, data)
    refuse = wizard.button(wizard.WizardButton.CustomButton1)
    assert refuse.isVisible()
    qtbot.mouseClick(refuse, Qt.MouseButton.LeftButton)
    dialog = wizard.refusal.dialog
    assert dialog is not None and dialog.isVisible()
    type_text(dialog.reason, "кыс")
    dialog.buttons.accepted.emit()
    assert dialog.error.isVisible(), "too short a reason is refused by the service"
    reason = "Өтініш берушінің жеке басын куәландыратын құжаты жоқ (4-тармақ)."
    dialog.reason.clear()
    type_text(dialog.reason, reason)
    with qtbot.waitSignal(wizard.refused) as signal:
        dialog.buttons.accepted.emit()
    record = wizard.records.get(signal.args[0][0].id)
    assert record.status is RecordStatus.REFUSED and record.refusal_reason == reason
    chooser = wizard.refusal.file_dialog
    assert isinstance(chooser, QFileDialog) and chooser.isVisible()
    out = tmp_path / "refusal.pdf"
    chooser.fileSelected.emit(str(out))
    chooser.close()
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "4-тармақ" in text
    assert answers.infos and str(out) in answers.infos[-1]
    assert not wizard.isVisible()


def test_the_language_switches_while_the_wizard_is_open(qtbot: QtBot, workspace: Workspace) -> None:
    wizard = new_wizard(qtbot, workspace)
    ui_language.set("kk")
    kk_title = wizard.windowTitle()
    ui_language.set("ru")
    assert wizard.windowTitle() != kk_title
    assert wizard.buttonText(wizard.WizardButton.FinishButton) == "Зарегистрировать"


def test_enter_moves_on_and_tab_follows_the_form(qtbot: QtBot, workspace: Workspace) -> None:
    wizard = new_wizard(qtbot, workspace)
    wizard.scenario_page.buttons["married"].click()
    qtbot.keyClick(wizard.scenario_page.received_on, Qt.Key.Key_Return)
    assert wizard.currentId() == P_CHILD
    child = wizard.child_page
    child.surname.setFocus()
    for expected in (child.given_name, child.patronymic, child.sex, child.birth_date):
        qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Tab)
        assert wizard.focusWidget() is expected
