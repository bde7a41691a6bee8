"""The blank stock window: the books per series, receiving a batch, a blank's fate
(spoiled, surrendered, seized), and destruction by an act approved by the head."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tirkeu.i18n import N_, _, t, ui_language
from tirkeu.labels import role_label
from tirkeu.services.auth import Actor
from tirkeu.services.errors import ServiceError
from tirkeu.services.stock import BlankInfo, BlankStatus, CommissionSeat, StockService
from tirkeu.services.workspace import Workspace
from tirkeu.ui.printing.preview import PdfPreview
from tirkeu.ui.widgets import ErrorLabel, MessageLabel, named, qdate

STATES = {
    BlankStatus.IN_STOCK: N_("In stock"),
    BlankStatus.ISSUED: N_("Issued"),
    BlankStatus.SPOILED: N_("Spoiled"),
    BlankStatus.SURRENDERED: N_("Surrendered"),
    BlankStatus.SEIZED: N_("Seized"),
    BlankStatus.DESTROYED: N_("Destroyed"),
}


def _form(labels: list[QLabel], fields: list[QWidget]) -> QFormLayout:
    form = QFormLayout()
    for label, field in zip(labels, fields, strict=True):
        label.setBuddy(field)
        form.addRow(label, field)
    return form


class StockWindow(QWidget):
    changed = Signal()

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("stock_window")
        self.ws = ws
        self.stock = StockService(ws, actor)
        layout = QVBoxLayout(self)
        self.tabs = named(QTabWidget(), "stock_tabs")
        layout.addWidget(self.tabs)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.status = named(MessageLabel(), "stock_status")
        layout.addWidget(self.status)
        self._books_tab()
        self._blank_tab()
        self._destruction_tab()
        ui_language.subscribe(self._on_language)
        self.retranslate()
        self.resize(1180, 700)

    # --- building ---------------------------------------------------------------

    def _books_tab(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        self.table = named(QTableWidget(0, 9), "stock_table")
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setMaximumHeight(150)
        box.addWidget(self.table)
        self.numbers = named(QTextBrowser(), "stock_numbers")
        box.addWidget(self.numbers, 1)
        self.receive_box = QGroupBox()
        row = QHBoxLayout(self.receive_box)
        self.series = named(QLineEdit(), "batch_series")
        self.series.setMaxLength(8)
        self.first = named(QSpinBox(), "batch_first")
        self.last = named(QSpinBox(), "batch_last")
        for spin in (self.first, self.last):
            spin.setRange(1, 9_999_999)
        self.received_on = named(QDateEdit(), "batch_date")
        self.received_on.setCalendarPopup(True)
        self.received_on.setDisplayFormat("dd.MM.yyyy")
        self.received_on.setDate(qdate(self.ws.today))
        self.received_from = named(QLineEdit(), "batch_from")
        self.receive_labels = [QLabel() for _i in range(5)]
        fields: list[QWidget] = [
            self.series,
            self.first,
            self.last,
            self.received_on,
            self.received_from,
        ]
        for label, field in zip(self.receive_labels, fields, strict=True):
            label.setBuddy(field)
            row.addWidget(label)
            row.addWidget(field, 3 if field is self.received_from else 1)
        self.receive_button = named(QPushButton(), "receive_button")
        row.addWidget(self.receive_button)
        box.addWidget(self.receive_box)
        self.receive_button.clicked.connect(self.receive)
        self.tabs.addTab(page, "")

    def _blank_tab(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        self.blank_labels = [QLabel() for _i in range(5)]
        self.find_series = named(QLineEdit(), "blank_series")
        self.find_number = named(QLineEdit(), "blank_number")
        self.reason = named(QLineEdit(), "blank_reason")
        self.official = named(QLineEdit(), "seizure_official")
        self.basis = named(QLineEdit(), "seizure_basis")
        box.addLayout(
            _form(
                self.blank_labels,
                [self.find_series, self.find_number, self.reason, self.official, self.basis],
            )
        )
        self.blank_info = named(QLabel(), "blank_info")
        self.shown_blank: BlankInfo | None = None  # described again in a new language
        self.blank_info.setWordWrap(True)
        box.addWidget(self.blank_info)
        buttons = QHBoxLayout()
        self.find_button = named(QPushButton(), "find_blank")
        self.spoil_button = named(QPushButton(), "spoil_blank")
        self.surrender_button = named(QPushButton(), "surrender_blank")
        self.seize_button = named(QPushButton(), "seize_blank")
        for button in (
            self.find_button,
            self.spoil_button,
            self.surrender_button,
            self.seize_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        box.addStretch(1)
        self.find_button.clicked.connect(self.find_blank)
        self.find_number.returnPressed.connect(self.find_blank)
        self.spoil_button.clicked.connect(lambda: self._act_on_blank("spoil"))
        self.surrender_button.clicked.connect(lambda: self._act_on_blank("surrender"))
        self.seize_button.clicked.connect(lambda: self._act_on_blank("seize"))
        self.tabs.addTab(page, "")

    def _destruction_tab(self) -> None:
        page = QWidget()
        outer = QHBoxLayout(page)
        left = QVBoxLayout()
        outer.addLayout(left, 1)
        self.destroy_title = QLabel()
        left.addWidget(self.destroy_title)
        self.destroyable = named(QListWidget(), "destroyable")
        left.addWidget(self.destroyable, 2)
        self.commission_title = QLabel()
        self.commission_title.setWordWrap(True)
        left.addWidget(self.commission_title)
        self.commission = named(QTableWidget(0, 2), "commission")
        self.commission.verticalHeader().hide()
        self.commission.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        left.addWidget(self.commission, 1)
        self.act_labels = [QLabel() for _i in range(2)]
        self.act_number = named(QLineEdit(), "act_number")
        self._next_act_number = "1"  # set by refresh() from the acts on file
        self.act_date = named(QDateEdit(), "act_date")
        self.act_date.setDisplayFormat("dd.MM.yyyy")
        self.act_date.setCalendarPopup(True)
        self.act_date.setDate(qdate(self.ws.today))
        left.addLayout(_form(self.act_labels, [self.act_number, self.act_date]))
        buttons = QHBoxLayout()
        self.draft_button = named(QPushButton(), "draft_act")
        self.approve_button = named(QPushButton(), "approve_act")
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.approve_button)
        left.addLayout(buttons)
        self.act_preview = named(PdfPreview(), "act_preview")
        outer.addWidget(self.act_preview, 1)
        self.draft_button.clicked.connect(self.draft_act)
        self.approve_button.clicked.connect(self.approve_act)
        self.tabs.addTab(page, "")

    # --- language -------------------------------------------------------------

    def _on_language(self, _code: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Blank stock"))
        for index, text in enumerate((_("Books"), _("A blank"), _("Destruction (para. 50–52)"))):
            self.tabs.setTabText(index, text)
        self.table.setHorizontalHeaderLabels(
            [_("Series"), _("Received"), *(_(t) for t in STATES.values()), _("Balance")]
        )
        self.receive_box.setTitle(_("Receive a batch of blanks"))
        for label, text in zip(
            self.receive_labels,
            (_("Series"), _("From No."), _("to No."), _("Date"), _("From whom")),
            strict=True,
        ):
            label.setText(text)
        self.receive_button.setText(_("Receive"))
        for label, text in zip(
            self.blank_labels,
            (
                _("Series"),
                _("Number"),
                _("Reason"),
                _("Official who seized it (para. 49)"),
                _("Basis of the seizure"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.find_button.setText(_("Find"))
        self.spoil_button.setText(_("Spoiled"))
        self.surrender_button.setText(_("Surrendered (para. 48)"))
        self.seize_button.setText(_("Seized (para. 49)"))
        self.destroy_title.setText(_("Spoiled blanks and surrendered certificates"))
        self.commission_title.setText(_("Commission: at least three staff members (para. 51)"))
        self.commission.setHorizontalHeaderLabels([_("Staff member"), _("Position")])
        for label, text in zip(self.act_labels, (_("Act No."), _("Drawn up on")), strict=True):
            label.setText(text)
        self.draft_button.setText(_("Show the act for signing"))
        self.approve_button.setText(_("Approve and destroy (head)"))
        self._show_blank()
        self.refresh()

    # --- data -------------------------------------------------------------------

    def refresh(self) -> None:
        report = self.stock.report()
        self.table.setRowCount(len(report.series))
        lines = []
        for row, series in enumerate(report.series):
            values = [
                series.series,
                str(series.received),
                *(str(series.counts[s]) for s in STATES),
                "✓" if series.balanced else _("does not balance"),
            ]
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
            lines.append(f"<h4>{series.series}</h4>")
            for status, label in STATES.items():
                runs = series.numbers[status]
                if runs:
                    lines.append(f"<p><b>{_(label)}:</b> {', '.join(runs)}</p>")
            if series.invalidated:
                lines.append(
                    "<p>"
                    + _("Issued blanks replaced by a repeat certificate (para. 47): {n}").format(
                        n=series.invalidated
                    )
                    + "</p>"
                )
        self.numbers.setHtml("\n".join(lines))
        self.destroyable.clear()
        for blank in self.stock.destroyable():
            item = QListWidgetItem(f"{blank.label} — {_(STATES[blank.status])}")
            item.setData(Qt.ItemDataRole.UserRole, blank.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.destroyable.addItem(item)
        staff = self.stock.staff()
        self.commission.setRowCount(len(staff))
        for row, member in enumerate(staff):
            name = QTableWidgetItem(f"{member.full_name}")
            name.setData(Qt.ItemDataRole.UserRole, member.user_id)
            name.setFlags(
                (name.flags() | Qt.ItemFlag.ItemIsUserCheckable) & ~Qt.ItemFlag.ItemIsEditable
            )
            name.setCheckState(Qt.CheckState.Checked)
            self.commission.setItem(row, 0, name)
            # The role's name in the UI language, until someone types the position instead.
            position = self.commission.item(row, 1)
            if position is None or position.text() == position.data(Qt.ItemDataRole.UserRole):
                position = QTableWidgetItem(role_label(member.role))
                position.setData(Qt.ItemDataRole.UserRole, position.text())
                self.commission.setItem(row, 1, position)
        # The next act's number, used when the field is left empty.
        self._next_act_number = str(len(self.stock.acts()) + 1)
        self.act_number.setPlaceholderText(self._next_act_number)

    def _fail(self, exc: ServiceError) -> None:
        self.error.show_message(exc.message)

    def _done(self, text: Callable[[str], str]) -> None:
        self.error.clear_message()
        self.status.show_message(text)
        self.refresh()
        self.changed.emit()

    def receive(self) -> None:
        try:
            self.stock.receive_batch(
                self.series.text(),
                self.first.value(),
                self.last.value(),
                self.received_on.date().toPython(),  # type: ignore[arg-type]
                self.received_from.text(),
            )
        except ServiceError as exc:
            self._fail(exc)
            return
        count, series = self.last.value() - self.first.value() + 1, self.series.text().upper()
        self._done(
            lambda lang: t(lang, "Received {n} blanks of series {series}.").format(
                n=count, series=series
            )
        )

    def _found(self) -> BlankInfo | None:
        try:
            return self.stock.find(self.find_series.text(), self.find_number.text())
        except ServiceError as exc:
            self._fail(exc)
            return None

    def find_blank(self) -> None:
        blank = self.shown_blank = self._found()
        if blank is None:
            self.blank_info.clear()
            return
        self.error.clear_message()
        self._show_blank()

    def _show_blank(self) -> None:
        blank = self.shown_blank
        if blank is None:
            return
        history = "; ".join(
            f"{at:%d.%m.%Y} {_(STATES[status])}" + (f" ({reason})" if reason else "")
            for at, status, reason in self.stock.events(blank.id)
        )
        self.blank_info.setText(
            f"<b>{blank.label}</b>: {_(STATES[blank.status])}"
            + (f"<br>{history}" if history else "")
        )

    def _act_on_blank(self, what: str) -> None:
        blank = self._found()
        if blank is None:
            return
        try:
            if what == "spoil":
                self.stock.spoil(blank.id, self.reason.text())
            elif what == "surrender":
                self.stock.surrender(blank.id, self.reason.text())
            else:
                self.stock.seize(blank.id, self.official.text(), self.basis.text())
        except ServiceError as exc:
            self._fail(exc)
            return
        for edit in (self.reason, self.official, self.basis):
            edit.clear()
        label = blank.label
        self._done(lambda lang: t(lang, "Blank {blank} recorded.").format(blank=label))
        self.find_blank()

    def _act_args(self) -> tuple[list[int], list[CommissionSeat], str]:
        blanks = []
        for index in range(self.destroyable.count()):
            item = self.destroyable.item(index)
            if item.checkState() == Qt.CheckState.Checked:
                blanks.append(int(item.data(Qt.ItemDataRole.UserRole)))
        seats = []
        for row in range(self.commission.rowCount()):
            name = self.commission.item(row, 0)
            position = self.commission.item(row, 1)
            if name is not None and name.checkState() == Qt.CheckState.Checked:
                seats.append(
                    CommissionSeat(
                        int(name.data(Qt.ItemDataRole.UserRole)),
                        position.text() if position else "",
                    )
                )
        number = self.act_number.text().strip() or self._next_act_number
        return blanks, seats, number

    def _act_day(self) -> dt.date:
        day = self.act_date.date().toPython()
        assert isinstance(day, dt.date)
        return day

    def draft_act(self) -> None:
        blanks, seats, number = self._act_args()
        lang = "ru" if ui_language.code == "ru" else "kk"
        try:
            pdf = self.stock.draft_destruction_act(blanks, seats, number, self._act_day(), lang)
        except ServiceError as exc:
            self._fail(exc)
            return
        self.error.clear_message()
        self.act_preview.show_pdf(pdf)

    def approve_act(self) -> None:
        blanks, seats, number = self._act_args()
        try:
            act_id = self.stock.approve_destruction(
                blanks,
                seats,
                number,
                self._act_day(),
            )
        except ServiceError as exc:
            self._fail(exc)
            return
        lang = "ru" if ui_language.code == "ru" else "kk"
        self.act_preview.show_pdf(self.stock.destruction_act_pdf(act_id, lang))
        self._done(
            lambda lang: t(lang, "Act No. {number} approved: {n} blank(s) destroyed.").format(
                number=number, n=len(blanks)
            )
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        ui_language.unsubscribe(self._on_language)
        super().closeEvent(event)
