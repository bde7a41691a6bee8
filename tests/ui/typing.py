"""Typing any text into a widget as key events.

``QTest.keyClicks`` only knows ASCII (it aborts on Kazakh letters), so this
sends one key press/release per character carrying the character as its text,
which is how a keyboard layout delivers ә or қ to the widget.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget


def type_text(widget: QWidget, text: str, clear: bool = True) -> None:
    if clear and isinstance(widget, QLineEdit):
        widget.selectAll()
        widget.del_()
    widget.setFocus()
    for ch in text:
        key = Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))
