"""Every scenario and sub-case end to end: typed through the wizard, registered, stored."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.wizard.drive import (
    Answers,
    acknowledge_warnings,
    answers,
    example,
    fill_to_review,
    finish,
    new_wizard,
    stored,
    workspace,
)
from tirkeu.domain.application import to_dict
from tirkeu.domain.record import RecordStatus
from tirkeu.i18n import ui_language
from tirkeu.services.workspace import Workspace

pytestmark = pytest.mark.gui
__all__ = ["answers", "workspace"]

CASES = [
    ("unmarried_joint_paternity", "ru"),
    ("unmarried_mother_statement", "kk"),
    ("unmarried_no_father", "ru"),
    ("unmarried_acknowledgment", "kk"),
    ("stillborn", "kk"),
    ("found", "ru"),
    ("found_abandoned_unknown_mother", "kk"),
    ("surrogacy", "ru"),
    ("mother_without_documents", "kk"),
    ("court_decision", "ru"),
    ("late_registration", "kk"),
    ("husband_not_father", "ru"),
    ("former_spouse_death", "kk"),
    ("interested_person", "ru"),
    ("train", "kk"),
    ("foreign_father", "ru"),
    ("adult", "kk"),
]


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_scenario_registers_as_typed(
    qtbot: QtBot, workspace: Workspace, answers: Answers, name: str, lang: str
) -> None:
    ui_language.set(lang)
    data = example(name)
    wizard = new_wizard(qtbot, workspace)
    fill_to_review(qtbot, wizard, data)
    acknowledge_warnings(wizard)
    with qtbot.waitSignal(wizard.registered, timeout=2000) as signal:
        finish(qtbot, wizard)
    record = wizard.records.get(signal.args[0][0].id)
    assert record.status is RecordStatus.REGISTERED and record.number
    body = to_dict(record.application)
    body.pop("schema")
    assert body == stored(data)
    assert not answers.errors
