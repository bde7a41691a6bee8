"""Driving the registration wizard like a registrar: page by page, typing each field.

``fill`` walks the scenario's pages and enters an e-application's values
through the real widgets (key events for text, the date and choice widgets'
own setters), ticking the checklist and the warnings on the way.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QSpinBox, QWidget, QWizard
from pytestqt.qtbot import QtBot

from tests.conftest import TODAY
from tests.ui.typing import type_text
from tirkeu.services.workspace import Workspace
from tirkeu.ui import dialogs as dialogs_module
from tirkeu.ui.wizard.fields import Choice, DateEdit, take
from tirkeu.ui.wizard.form_page import FormPage
from tirkeu.ui.wizard.pages import P_CHECKLIST, P_REVIEW
from tirkeu.ui.wizard.wizard import RegistrationWizard

DATA = Path(__file__).resolve().parents[2] / "domain" / "data" / "valid"
NOW = dt.datetime.combine(TODAY, dt.time(10, 0))


def example(name: str) -> dict[str, Any]:
    data = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


class Answers:
    """What the dialog seam was asked; confirmations are answered yes."""

    def __init__(self) -> None:
        self.infos: list[str] = []
        self.errors: list[str] = []

    def info(self, _parent: object, _title: str, text: str) -> None:
        self.infos.append(text)

    def error(self, _parent: object, _title: str, text: str) -> None:
        self.errors.append(text)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    recorder = Answers()
    monkeypatch.setattr(dialogs_module.dialogs, "info", recorder.info)
    monkeypatch.setattr(dialogs_module.dialogs, "error", recorder.error)
    return recorder


@pytest.fixture
def workspace(demo_world: Path) -> Iterator[Workspace]:
    ws = Workspace.open(demo_world / "akimat", clock=lambda: NOW)
    yield ws
    ws.close()


def new_wizard(qtbot: QtBot, ws: Workspace) -> RegistrationWizard:
    wizard = RegistrationWizard(ws, ws.sign_in("registrar", "demo"))
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def enter(widget: QWidget, value: Any) -> None:
    """Put ``value`` into an input the way a person would."""
    if isinstance(widget, DateEdit):
        widget.setFocus()
        widget.setDate(QDate(dt.date.fromisoformat(value)))
    elif isinstance(widget, QLineEdit):
        type_text(widget, value)
    elif isinstance(widget, Choice):
        widget.setFocus()
        index = widget.findData(value)
        assert index >= 0, f"{value!r} is not offered"
        widget.setCurrentIndex(index)
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    else:  # pragma: no cover - a new kind of input
        raise TypeError(type(widget))


def fill_page(wizard: RegistrationWizard, data: dict[str, Any]) -> None:
    page = wizard.currentPage()
    assert isinstance(page, FormPage)
    if page is wizard.scenario_page:
        page.buttons[data["scenario"]].click()
    if page is wizard.child_page and take(data, "child.multiple_birth"):
        page.multiple.setChecked(True)
    if page is wizard.marriage_page:
        if page.has_marriage.isVisible():
            page.has_marriage.setChecked("marriage" in data)
        page.ended.setChecked(take(data, "marriage.ended") is not None)
    # Choices first: they decide which rows the page shows.
    for binding in page.bindings:
        if isinstance(binding.widget, Choice) and binding.active():
            value = take(data, binding.path)
            if value is not None:
                enter(binding.widget, value)
    for binding in page.bindings:
        if binding.path == "scenario" or isinstance(binding.widget, Choice | QCheckBox):
            continue
        if not binding.active():
            continue
        value = take(data, binding.path)
        if binding.path == "found_child.witnesses":
            for line, name in zip(wizard.documents_page.witnesses, value or [], strict=False):
                type_text(line, name)
        elif isinstance(binding.widget, QLineEdit) and not value:
            binding.widget.clear()
        elif value is not None:
            enter(binding.widget, value)


def next_page(qtbot: QtBot, wizard: RegistrationWizard) -> None:
    before = wizard.currentId()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() != before, f"page {before} did not let go"


def fill_to_review(qtbot: QtBot, wizard: RegistrationWizard, data: dict[str, Any]) -> None:
    """Fill every page of the scenario's path and arrive at the review page."""
    while wizard.currentId() != P_CHECKLIST:
        fill_page(wizard, data)
        next_page(qtbot, wizard)
    fill_page(wizard, data)
    tick_documents(wizard)
    next_page(qtbot, wizard)
    assert wizard.currentId() == P_REVIEW


def tick_documents(wizard: RegistrationWizard) -> None:
    for box, _msgid in wizard.checklist_page.boxes.values():
        box.setChecked(True)


def acknowledge_warnings(wizard: RegistrationWizard) -> None:
    notices = wizard.review_page.notice_list
    for index in range(notices.count()):
        item = notices.item(index)
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            item.setCheckState(Qt.CheckState.Checked)


def finish(qtbot: QtBot, wizard: RegistrationWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)


def stored(data: dict[str, Any]) -> dict[str, Any]:
    """An example as the wizard stores it.

    The schema id is not part of a record, and the wizard always records where
    the mother's data come from (an e-application may leave it out).
    """
    body = {k: v for k, v in data.items() if k != "schema" and v is not None}
    if "mother" in body:
        body["mother"] = {"identity": "document", **body["mother"]}
    return body
