"""The documents checklist travels with the draft: ticked, closed, reopened, still ticked.

The ticks are kept beside the draft (never in its e-application JSON), dropped
once the record is registered, and registration still wants every document
the application needs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from tests.ui.wizard.drive import (
    Answers,
    acknowledge_warnings,
    answers,
    example,
    fill_page,
    finish,
    new_wizard,
    next_page,
    workspace,
)
from tirkeu.domain.application import to_dict
from tirkeu.domain.record import RecordStatus
from tirkeu.services.records import RecordService
from tirkeu.services.workspace import Workspace
from tirkeu.storage.models import AuditRow
from tirkeu.ui.main_window import MainWindow
from tirkeu.ui.wizard.feature import RegistrationFeature
from tirkeu.ui.wizard.pages import P_CHECKLIST, P_REVIEW
from tirkeu.ui.wizard.wizard import RegistrationWizard

pytestmark = pytest.mark.gui
__all__ = ["answers", "workspace"]
SHOTS = Path("/tmp/shots")


def _to_checklist(qtbot: QtBot, wizard: RegistrationWizard, data: dict[str, object]) -> None:
    while wizard.currentId() != P_CHECKLIST:
        fill_page(wizard, data)
        next_page(qtbot, wizard)


def _walk_to_checklist(qtbot: QtBot, wizard: RegistrationWizard) -> None:
    while wizard.currentId() != P_CHECKLIST:
        next_page(qtbot, wizard)


def _box(wizard: RegistrationWizard, key: str) -> QCheckBox:
    return wizard.checklist_page.boxes[key][0]


def _ticked(wizard: RegistrationWizard) -> set[str]:
    return {key for key, (box, _m) in wizard.checklist_page.boxes.items() if box.isChecked()}


def _missing_error(wizard: RegistrationWizard) -> str:
    wizard.refresh()
    return " ".join(n.text() for n in wizard.notices if n.field == "documents")


def test_ticks_survive_closing_and_reopening_the_draft(
    qtbot: QtBot, workspace: Workspace, answers: Answers
) -> None:
    main = MainWindow(workspace, workspace.sign_in("registrar", "demo"))
    qtbot.addWidget(main)
    main.show()
    feature = next(f for f in main.features if isinstance(f, RegistrationFeature))
    wizard = feature.new_registration()
    data = example("married")
    _to_checklist(qtbot, wizard, data)
    assert {"evidence", "marriage", "mother_id", "father_id"} <= set(wizard.checklist_page.boxes)
    assert _ticked(wizard) == set()
    for key in ("evidence", "marriage", "mother_id"):
        _box(wizard, key).click()
    assert _ticked(wizard) == {"evidence", "marriage", "mother_id"}
    (draft_id,) = wizard.record_ids
    wizard.close()  # the window's close button keeps the draft, ticks included
    assert not feature.wizards

    draft = main.records.get(draft_id)
    assert draft.status is RecordStatus.DRAFT
    assert "documents" not in str(to_dict(draft.application)), "the JSON schema is untouched"
    assert main.records.documents_shown(draft_id) == {"evidence", "marriage", "mother_id"}

    # Reopened from the journal: the same boxes are ticked, the father's ID still is not.
    row = next(i for i, r in enumerate(main.model.rows) if r.id == draft_id)
    main.table.selectRow(row)
    main.table.doubleClicked.emit(main.model.index(row, 2))
    resumed = feature.wizards[-1]
    qtbot.addWidget(resumed)
    _walk_to_checklist(qtbot, resumed)
    assert _ticked(resumed) == {"evidence", "marriage", "mother_id"}
    missing = _missing_error(resumed)
    assert _box(resumed, "father_id").text() in missing, missing
    for key in ("evidence", "marriage", "mother_id"):
        assert _box(resumed, key).text() not in missing, "a restored tick counts as shown"
    resumed.resize(980, 700)
    SHOTS.mkdir(exist_ok=True)
    resumed.grab().save(str(SHOTS / "wizard-checklist-restored-kk.png"))

    # Registering still wants the father's identity document.
    next_page(qtbot, resumed)
    acknowledge_warnings(resumed)
    finish(qtbot, resumed)
    assert resumed.currentId() == P_REVIEW, "a document not shown blocks registration"
    assert main.records.get(draft_id).status is RecordStatus.DRAFT
    resumed.back()
    _box(resumed, "father_id").click()
    next_page(qtbot, resumed)
    acknowledge_warnings(resumed)
    with qtbot.waitSignal(resumed.registered):
        finish(qtbot, resumed)
    assert main.records.get(draft_id).status is RecordStatus.REGISTERED
    assert main.records.documents_shown(draft_id) == set(), "the ticks belong to drafts only"
    assert not answers.errors


def test_unticking_is_saved_and_audited_without_personal_data(
    qtbot: QtBot, workspace: Workspace, answers: Answers
) -> None:
    wizard = new_wizard(qtbot, workspace)
    data = example("married")
    _to_checklist(qtbot, wizard, data)
    for box, _msgid in wizard.checklist_page.boxes.values():
        box.click()
    everything = set(wizard.checklist_page.boxes)
    next_page(qtbot, wizard)  # leaving the page saves the draft
    (draft_id,) = wizard.record_ids
    records = wizard.records
    assert records.documents_shown(draft_id) == everything
    wizard.close()

    again = new_wizard(qtbot, workspace)
    again.open_record(records.get(draft_id))
    _walk_to_checklist(qtbot, again)
    assert _ticked(again) == everything
    assert not _missing_error(again)
    _box(again, "marriage").click()
    again.close()
    assert records.documents_shown(draft_id) == everything - {"marriage"}
    with workspace.db.session() as s:
        last = s.query(AuditRow).order_by(AuditRow.id.desc()).first()
        assert last is not None and last.action == "record.draft_edit"
        assert last.after == {"fields": ["documents_shown"]}
    assert not answers.errors


def test_siblings_of_a_multiple_birth_keep_the_same_ticks(workspace: Workspace) -> None:
    from tirkeu.domain.application import from_dict

    records = RecordService(workspace, workspace.sign_in("registrar", "demo"))
    first, second = (from_dict(example(name)) for name in ("twins_1", "twins_2"))
    saved = records.save_births([first, second], {"evidence", "marriage"})
    ids = [r.id for r in saved if r.id is not None]
    assert [records.documents_shown(i) for i in ids] == [{"evidence", "marriage"}] * 2
    records.save_draft(second, ids[1], documents_shown=None)
    assert records.documents_shown(ids[1]) == {"evidence", "marriage"}, "None keeps them"
    records.delete_draft(ids[1])
    assert records.documents_shown(ids[1]) == set()
