"""Drafts: saved on page changes and on close, listed in the journal, resumed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.typing import type_text
from tests.ui.wizard.drive import Answers, answers, example, fill_page, next_page, workspace
from tirkeu.domain.record import RecordStatus
from tirkeu.services.workspace import Workspace
from tirkeu.storage.records import JournalQuery
from tirkeu.ui.main_window import MainWindow
from tirkeu.ui.wizard.feature import RegistrationFeature
from tirkeu.ui.wizard.pages import P_CHILD, P_EVIDENCE

pytestmark = pytest.mark.gui
__all__ = ["answers", "workspace"]
DATA = Path(__file__).parents[2] / "domain" / "data" / "valid"


def _feature(main: MainWindow) -> RegistrationFeature:
    return next(f for f in main.features if isinstance(f, RegistrationFeature))


def _drafts(main: MainWindow) -> list[int]:
    return [r.id for r in main.records.journal(JournalQuery(status="draft"), 0, 500)]


def test_a_closed_wizard_keeps_its_draft_and_resumes(
    qtbot: QtBot, workspace: Workspace, answers: Answers
) -> None:
    main = MainWindow(workspace, workspace.sign_in("registrar", "demo"))
    qtbot.addWidget(main)
    main.show()
    feature = _feature(main)
    before = set(_drafts(main))
    assert feature.new_action.isEnabled() and not feature.open_action.isEnabled()

    feature.new_action.trigger()
    wizard = feature.wizards[-1]
    data = example("married")
    fill_page(wizard, data)
    next_page(qtbot, wizard)
    assert wizard.currentId() == P_CHILD
    new = set(_drafts(main)) - before
    assert len(new) == 1, "leaving the first page saves the draft"
    fill_page(wizard, data)
    type_text(wizard.child_page.given_name, "Әлихан")
    wizard.close()  # the window's close button: typed data stays as the draft
    assert not feature.wizards
    (draft_id,) = new
    draft = main.records.get(draft_id)
    assert draft.status is RecordStatus.DRAFT
    assert draft.application.child.given_name == "Әлихан"
    assert draft.application.child.birth_date is not None

    # The journal lists it; a double click opens it again with what was typed.
    row = next(i for i, r in enumerate(main.model.rows) if r.id == draft_id)
    main.table.selectRow(row)
    assert feature.open_action.isEnabled()
    index = main.model.index(row, 2)
    main.table.doubleClicked.emit(index)
    resumed = feature.wizards[-1]
    qtbot.addWidget(resumed)
    assert resumed.child_page.given_name.text() == "Әлихан"
    assert resumed.scenario_page.code() == "married"
    next_page(qtbot, resumed)
    next_page(qtbot, resumed)
    assert resumed.currentId() == P_EVIDENCE
    type_text(resumed.evidence_page.doc["number"], "МСР-1")
    # Closing the main window closes the wizard, which saves.
    main.close()
    assert main.records.get(draft_id).application.birth_evidence.number == "МСР-1"  # type: ignore[union-attr]
    assert _drafts(main).count(draft_id) == 1
    assert not answers.errors


def test_an_untouched_wizard_saves_nothing(qtbot: QtBot, workspace: Workspace) -> None:
    main = MainWindow(workspace, workspace.sign_in("registrar", "demo"))
    qtbot.addWidget(main)
    feature = _feature(main)
    before = _drafts(main)
    wizard = feature.new_registration()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert _drafts(main) == before


def test_an_e_application_file_opens_as_a_draft_in_the_wizard(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from tirkeu.domain.application import from_dict
    from tirkeu.ui.dialogs import dialogs

    main = MainWindow(workspace, workspace.sign_in("registrar", "demo"))
    qtbot.addWidget(main)
    feature = _feature(main)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda _parent, _title, text: errors.append(text))

    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": "tirkeu.application/1", "scenario": "adopted"', "utf-8")
    assert feature.import_application(str(broken)) is None
    assert errors and "broken.json" in errors[0]
    assert not feature.wizards

    source = DATA / "twins_1.json"
    chosen: list[QFileDialog] = []

    def picked() -> QFileDialog:
        dialog = QFileDialog(main)
        chosen.append(dialog)
        return dialog

    monkeypatch.setattr(feature, "file_dialog", picked)
    before = set(_drafts(main))
    feature.import_action.trigger()
    with qtbot.waitSignal(feature.window.model.modelReset):
        chosen[0].fileSelected.emit(str(source))
    (draft_id,) = set(_drafts(main)) - before
    wizard = feature.wizards[-1]
    assert wizard.record_ids == [draft_id]
    expected = from_dict(json.loads(source.read_text("utf-8")))
    assert main.records.get(draft_id).application == expected
    assert wizard.child_page.given_name.text() == expected.child.given_name
    chosen[0].close()
    wizard.close()
