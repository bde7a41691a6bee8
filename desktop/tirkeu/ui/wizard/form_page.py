"""The common frame of the wizard's pages: a scrolled form, messages under fields.

Each row's input is bound to a path of the e-application; a hidden row takes no
part in the application, which is how a page asks only what the scenario needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from tirkeu.i18n import _
from tirkeu.ui.wizard.fields import Binding, Choice, bind
from tirkeu.ui.wizard.notices import Notice, NoticeList, color

if TYPE_CHECKING:
    from tirkeu.ui.wizard.wizard import RegistrationWizard

WidgetT = TypeVar("WidgetT", bound=QWidget)


class FieldMessage(QLabel):
    """The findings about one field, shown right under it."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("field_message")
        self.setWordWrap(True)
        self.hide()

    def show_notices(self, notices: list[Notice]) -> None:
        if not notices:
            self.clear()
            self.hide()
            return
        worst = next((n for n in notices if n.is_error), notices[0])
        self.setStyleSheet(f"color: {color(worst)};")
        self.setText("\n".join(n.text() for n in notices))
        self.show()


class FormPage(QWizardPage):
    """A page of rows ``label: input`` inside a scroll area, findings below."""

    page_id = -1

    def __init__(self, wizard: RegistrationWizard, title: str, subtitle: str) -> None:
        super().__init__()
        self.wiz = wizard
        self.title_msgid = title
        self.subtitle_msgid = subtitle
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.form = QFormLayout(body)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.scroller.setWidget(body)
        outer.addWidget(self.scroller, 1)
        self.notice_list = NoticeList()
        self.notice_list.setMaximumHeight(110)
        self.notice_list.hide()
        self.notice_list.chosen.connect(wizard.go_to_notice)
        outer.addWidget(self.notice_list)
        self.bindings: list[Binding] = []
        self.messages: dict[str, FieldMessage] = {}
        self.cells: dict[QWidget, QWidget] = {}
        self.texts: list[tuple[QLabel | QWidget, str]] = []
        self.choices: list[Choice] = []
        self.hidden_rows: dict[QWidget, bool] = {}
        # Messages appear under a field once it was edited or the page was left,
        # so a fresh page does not greet the registrar with a wall of red.
        self.touched: set[str] = set()
        self.left = False

    # --- building ------------------------------------------------------------

    def row(
        self,
        label: str,
        widget: WidgetT,
        path: str | None = None,
        active: Callable[[], bool] | None = None,
    ) -> WidgetT:
        """Add ``label: widget``; with ``path`` the input is bound to the application."""
        caption = QLabel()
        caption.setBuddy(widget)
        self.texts.append((caption, label))
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        self.form.addRow(caption, cell)
        self.cells[widget] = cell
        if isinstance(widget, Choice):
            self.choices.append(widget)
        if path is not None:
            message = FieldMessage()
            box.addWidget(message)
            self.messages[path] = message

            def shown() -> bool:
                return self.row_shown(cell) and (active is None or active())

            self.add_binding(bind(path, widget, shown))
        return widget

    def add_binding(self, binding: Binding) -> None:
        self.bindings.append(binding)
        binding.changed.connect(self.wiz.schedule_check)
        binding.changed.connect(lambda *_args: self._touch(binding.path))

    def _touch(self, path: str) -> None:
        if not self.wiz.loading:
            self.touched.add(path)

    def heading(self, text: str) -> QLabel:
        label = QLabel()
        label.setStyleSheet("font-weight: bold; margin-top: 6px;")
        self.texts.append((label, text))
        self.form.addRow(label)
        return label

    def note(self, text: str = "") -> QLabel:
        """A line of explanation inside the form (the rule the next fields follow)."""
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet("color: #404040;")
        if text:
            self.texts.append((label, text))
        self.form.addRow(label)
        return label

    def show_row(self, widget: QWidget, visible: bool) -> None:
        # QFormLayout.setRowVisible would do, but PySide6 6.12.0 dropped a
        # reference to None on each call (a fatal crash after some thousands).
        cell = self.cells.get(widget, widget)
        if self.hidden_rows.get(cell, False) == (not visible):
            return
        self.hidden_rows[cell] = not visible
        cell.setVisible(visible)
        caption = self.form.labelForField(cell)
        if caption is not None:
            caption.setVisible(visible)

    def row_shown(self, widget: QWidget) -> bool:
        return not self.hidden_rows.get(self.cells.get(widget, widget), False)

    # --- behaviour -----------------------------------------------------------

    def arrange(self) -> None:
        """Show the rows the current answers need (pages override)."""

    def nextId(self) -> int:
        return self.wiz.next_id(self.page_id)

    def retranslate(self) -> None:
        self.setTitle(_(self.title_msgid))
        self.setSubTitle(_(self.subtitle_msgid))
        for label, msgid in self.texts:
            label.setText(_(msgid))  # type: ignore[union-attr]
        for choice in self.choices:
            choice.retranslate()

    def show_notices(self, placed: list[tuple[Notice, str | None]]) -> None:
        """Show each notice under its field (``path``) and list them all at the bottom."""
        placed = [(n, p) for n, p in placed if self.left or (p is not None and p in self.touched)]
        by_path: dict[str, list[Notice]] = {}
        for notice, path in placed:
            if path is not None:
                by_path.setdefault(path, []).append(notice)
        for path, message in self.messages.items():
            message.show_notices(by_path.get(path, []))
        self.notice_list.show_notices([notice for notice, _path in placed], set())

    def focus_path(self, path: str) -> None:
        for binding in self.bindings:
            if binding.path == path:
                binding.widget.setFocus()
                self.scroller.ensureWidgetVisible(binding.widget)
                return
