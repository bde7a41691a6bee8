"""Qt's own strings (context menus, file dialog, message boxes) follow the UI language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from tirkeu.i18n import ui_language
from tirkeu.ui.app import QtTranslations

pytestmark = pytest.mark.gui

MENU = {
    "kk": ["&Болдырмау", "Қа&йталау", "Қ&иып алу", "&Көшіру", "Кіріс&тіру", "Өшіру",
           "Барлығын таңдау"],
    "ru": ["&Отменить действие", "&Повторить действие", "&Вырезать", "&Копировать",
           "В&ставить", "Удалить", "Выделить всё"],
}  # fmt: skip
BUTTONS = {"kk": ("ОК", "Бас тарту", "Жабу"), "ru": ("OK", "Отмена", "Закрыть")}


@pytest.fixture
def qt_translations(qapp: QApplication) -> Iterator[QtTranslations]:
    translations = QtTranslations(qapp)
    yield translations
    if translations.translator is not None:
        qapp.removeTranslator(translations.translator)
    translations.deleteLater()


def _menu(qtbot: QtBot) -> list[str]:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    menu.deleteLater()
    return texts


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_line_edit_menu_is_in_the_ui_language(
    qtbot: QtBot, qt_translations: QtTranslations, lang: str
) -> None:
    ui_language.set(lang)
    assert _menu(qtbot) == MENU[lang]


def test_kazakh_is_qts_own_kazakh_not_russian(
    qtbot: QtBot, qt_translations: QtTranslations
) -> None:
    ui_language.set("kk")
    assert qt_translations.translator is not None
    assert qt_translations.translator.language().startswith("kk")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_standard_buttons_switch_with_the_language(
    qtbot: QtBot, qt_translations: QtTranslations, lang: str
) -> None:
    ui_language.set(lang)
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Close
    )
    qtbot.addWidget(box)
    texts = tuple(b.text() for b in box.buttons())
    assert set(texts) == set(BUTTONS[lang])


def test_the_file_dialog_speaks_kazakh(qtbot: QtBot, qt_translations: QtTranslations) -> None:
    ui_language.set("kk")
    dialog = QFileDialog(None, "", "", "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel) if label.text()}
    assert {"Файл &аты:", "Файлдар &түрі:"} <= labels


def test_switching_back_to_english_removes_qts_translation(
    qtbot: QtBot, qt_translations: QtTranslations
) -> None:
    ui_language.set("ru")
    ui_language.set("en")
    assert qt_translations.translator is None
    assert _menu(qtbot)[0] == "&Undo"
