"""A message already on the screen follows a language switch (issue 8)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from tests.conftest import TODAY
from tests.ui.wizard.drive import example, fill_page, new_wizard, next_page, workspace
from tirkeu.i18n import t, ui_language
from tirkeu.services.errors import ServiceError
from tirkeu.services.workspace import Workspace
from tirkeu.ui.widgets import ErrorLabel
from tirkeu.ui.wizard.pages import P_CHILD

__all__ = ["workspace"]

TAKEN = "The user name {name} is already taken."


def test_a_service_error_is_rendered_again_in_the_new_language(qtbot: QtBot) -> None:
    ui_language.set("kk")
    label = ErrorLabel()
    qtbot.addWidget(label)
    label.show_message(ServiceError(TAKEN, name="aigul").message)
    assert label.text() == t("kk", TAKEN).format(name="aigul")
    ui_language.set("ru")
    assert label.text() == t("ru", TAKEN).format(name="aigul")
    assert "aigul" in label.text() and label.text() != t("kk", TAKEN).format(name="aigul")


def test_a_catalog_message_follows_and_plain_text_stays(qtbot: QtBot) -> None:
    ui_language.set("ru")
    label = ErrorLabel()
    qtbot.addWidget(label)
    label.show_message(lambda lang: t(lang, "The two passwords differ."))
    ui_language.set("kk")
    assert label.text() == t("kk", "The two passwords differ.")
    label.show_message("C:\\Tirkeu\\backup.tkb")
    ui_language.set("ru")
    assert label.text() == "C:\\Tirkeu\\backup.tkb"
    label.clear_message()
    assert not label.isVisible() and label.text() == ""


def test_a_deleted_label_stops_listening(qtbot: QtBot) -> None:
    label = ErrorLabel()
    label.show_message(ServiceError(TAKEN, name="x").message)
    listener = label._listener
    assert listener in ui_language._listeners
    shiboken6.delete(label)
    ui_language.set("ru")  # must not touch the deleted label
    assert listener not in ui_language._listeners


def test_a_finding_next_to_its_field_is_rendered_again(qtbot: QtBot, workspace: Workspace) -> None:
    ui_language.set("kk")
    wizard = new_wizard(qtbot, workspace)
    data = example("married")
    while wizard.currentId() != P_CHILD:
        fill_page(wizard, data)
        next_page(qtbot, wizard)
    fill_page(wizard, data)
    child = wizard.child_page
    child.birth_date.setDate(QDate(TODAY.year + 1, 1, 5))
    message = child.messages["child.birth_date"]
    qtbot.waitUntil(message.isVisible)
    kazakh = message.text()
    notices = [child.notice_list.item(i).text() for i in range(child.notice_list.count())]
    ui_language.set("ru")
    assert "будущем" in message.text() and message.text() != kazakh
    after = [child.notice_list.item(i).text() for i in range(child.notice_list.count())]
    assert len(after) == len(notices) and not set(after) & set(notices)
