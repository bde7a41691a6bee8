"""The married scenario end to end through the real wizard, in Kazakh."""

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
from tirkeu.services.workspace import Workspace

pytestmark = pytest.mark.gui
__all__ = ["answers", "workspace"]


def test_married_parents_register_in_kazakh(
    qtbot: QtBot, workspace: Workspace, answers: Answers
) -> None:
    data = example("married")
    wizard = new_wizard(qtbot, workspace)
    fill_to_review(qtbot, wizard, data)
    preview = wizard.review_page.preview.toPlainText()
    assert "Омаров" in preview and "2026 жылғы 12 қазан" in preview
    acknowledge_warnings(wizard)
    with qtbot.waitSignal(wizard.registered) as signal:
        finish(qtbot, wizard)
    record = signal.args[0][0]
    stored_record = wizard.records.get(record.id)
    assert stored_record.status is RecordStatus.REGISTERED
    assert stored_record.number is not None
    body = to_dict(stored_record.application)
    body.pop("schema")
    assert body == stored(data)
    assert str(stored_record.number) in answers.infos[-1]
