"""A screenshot of every wizard page, offscreen, at a size that fits 1366x768."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.wizard.drive import (
    Answers,
    answers,
    example,
    fill_page,
    new_wizard,
    next_page,
    tick_documents,
    workspace,
)
from tirkeu.i18n import ui_language
from tirkeu.services.workspace import Workspace
from tirkeu.ui.wizard.pages import P_CHECKLIST, P_REVIEW
from tirkeu.ui.wizard.wizard import RegistrationWizard

pytestmark = pytest.mark.gui
__all__ = ["answers", "workspace"]
SHOTS = Path("/tmp/shots")


@pytest.mark.parametrize(("name", "lang"), [("husband_not_father", "kk"), ("found", "ru")])
def test_every_page_renders_within_the_screen(
    qtbot: QtBot, workspace: Workspace, answers: Answers, name: str, lang: str
) -> None:
    ui_language.set(lang)
    SHOTS.mkdir(parents=True, exist_ok=True)
    data = example(name)
    wizard = new_wizard_at_size(qtbot, workspace)
    while True:
        page = wizard.currentPage()
        if wizard.currentId() != P_REVIEW:
            fill_page(wizard, data)
        if wizard.currentId() == P_CHECKLIST:
            tick_documents(wizard)
        wizard.refresh()
        assert wizard.width() <= 1366 and wizard.height() <= 768
        slug = type(page).__name__.removesuffix("Page").lower()
        wizard.grab().save(str(SHOTS / f"wizard-{lang}-{slug}.png"))
        if wizard.currentId() == P_REVIEW:
            break
        next_page(qtbot, wizard)


def new_wizard_at_size(qtbot: QtBot, ws: Workspace) -> RegistrationWizard:
    wizard = new_wizard(qtbot, ws)
    wizard.resize(980, 700)
    return wizard
