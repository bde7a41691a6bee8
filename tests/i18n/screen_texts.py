"""What a person reads on the screen: every text of a window, and whether it is translated.

A text passes in a language when it is one of that language's translations
(with its placeholders filled in by anything), when it holds no Latin letter
(names, numbers, dates and Kazakh or Russian words), or when it is data listed
in ``DATA``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
    QWizard,
    QWizardPage,
)

from tests.i18n.catalogs import PLACEHOLDER, entries

# Data that is shown as it is in every language: file kinds, codes, keys, the
# name of the English language, addresses and paths, the demo accounts' user names.
DATA = re.compile(
    r"^(English|PDF|CSV|JSON|USB|PKCS#12|Ctrl\+\w|F\d+|KZ|admin|registrar|head|https?://\S*|"
    r"[\w./\\:-]+\.(pdf|csv|json|tkb|p12|pem|db)|(/|[A-Z]:\\)\S*)$"
)
_LATIN = re.compile(r"[A-Za-z]")
_TAGS = re.compile(r"<[^>]+>")
_ROWS = 12  # rows of each table read: the words of the table, not all its data


@dataclass(frozen=True)
class Text:
    where: str  # window › widget kind
    text: str


def _clean(text: str) -> list[str]:
    """The lines a person reads: mnemonics, shortcuts and markup removed."""
    text = _TAGS.sub("\n", text).replace("&nbsp;", " ").replace("&amp;", "&")
    text = re.sub(r"&(?=\S)", "", text.split("\t")[0])
    return [line.strip() for line in text.splitlines() if line.strip()]


@cache
def _patterns(lang: str) -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    exact: set[str] = set()
    patterns = []
    for _domain, _msgid, msgstr, _fuzzy in entries(lang):
        for line in _clean(msgstr.replace("%%", "%")):
            if PLACEHOLDER.search(line):
                if not any(ch.isalpha() for ch in PLACEHOLDER.sub("", line)):
                    continue  # "{file}: {reason}" would pass anything
                parts = [re.escape(p) for p in PLACEHOLDER.split(line)]
                patterns.append(re.compile("^" + "(.+?)".join(parts) + "$", re.S))
            else:
                exact.add(line)
    return frozenset(exact), tuple(patterns)


def is_translation(line: str, lang: str) -> bool:
    exact, patterns = _patterns(lang)
    return line in exact or any(p.match(line) for p in patterns)


def _is_json_object(line: str) -> bool:
    """The audit log's before/after values, shown as stored."""
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def passes(line: str, lang: str) -> bool:
    if not _LATIN.search(line) or DATA.match(line) or _is_json_object(line):
        return True
    return is_translation(line, lang)


def _model_texts(model: QAbstractItemModel | None) -> list[str]:
    if model is None:
        return []
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model keeps columnCount private: it has one column
        columns = 1
    out = []
    for column in range(columns):
        head = model.headerData(column, Qt.Orientation.Horizontal)
        if isinstance(head, str):
            out.append(head)
        for row in range(_ROWS):
            index = model.index(row, column)
            if not index.isValid():
                break
            if isinstance(value := model.data(index), str):
                out.append(value)
    return out


def widget_texts(widget: QWidget) -> list[tuple[str, str]]:
    """(kind, text) of the texts ``widget`` shows itself."""
    out: list[tuple[str, str]] = []
    if widget.isWindow() and widget.windowTitle():
        out.append(("title", widget.windowTitle()))
    if isinstance(widget, QLabel):
        out.append(("label", widget.text()))
    elif isinstance(widget, QAbstractButton):
        out.append(("button", widget.text()))
    elif isinstance(widget, QGroupBox):
        out.append(("group", widget.title()))
    elif isinstance(widget, QLineEdit):
        out.append(("placeholder", widget.placeholderText()))
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        out.append(("placeholder", widget.placeholderText()))
        out.append(("text", widget.toPlainText()))
    elif isinstance(widget, QComboBox):
        out += [("item", widget.itemText(i)) for i in range(widget.count())]
    elif isinstance(widget, QTabWidget):
        out += [("tab", widget.tabText(i)) for i in range(widget.count())]
    elif isinstance(widget, QHeaderView):
        pass  # its view reports the header texts
    elif isinstance(widget, QAbstractItemView):
        out += [("table", text) for text in _model_texts(widget.model())]
    elif isinstance(widget, QMenu):
        out.append(("menu", widget.title()))
    elif isinstance(widget, QWizardPage):
        out += [("page", widget.title()), ("page", widget.subTitle())]
    if isinstance(widget, QWizard):
        for which in QWizard.WizardButton:
            button = widget.button(which)
            if button is not None and which.value <= QWizard.WizardButton.HelpButton.value:
                out.append(("wizard button", button.text()))
    return out


def window_texts(window: QWidget, *, visible_only: bool = False) -> list[Text]:
    """Every text of ``window`` and its children, hidden pages and menus included.

    Qt's own file dialogs are left out: their words come from Qt's catalogue.
    With ``visible_only`` only what is on the screen now counts (menus included).
    """
    found: list[Text] = []
    skip = window.findChildren(QFileDialog)
    for widget in [window, *window.findChildren(QWidget)]:
        if any(widget is d or d.isAncestorOf(widget) for d in skip):
            continue
        if visible_only and not widget.isVisible():
            continue
        name = f"{type(widget.window()).__name__} › {widget.objectName() or type(widget).__name__}"
        for kind, text in widget_texts(widget):
            found += [Text(f"{name} › {kind}", line) for line in _clean(text)]
    for action in window.findChildren(QAction):
        found += [Text(f"{type(window).__name__} › action", line) for line in _clean(action.text())]
    return found


def untranslated(texts: list[Text], lang: str) -> list[Text]:
    return sorted({t for t in texts if not passes(t.text, lang)}, key=lambda t: t.where)
