"""The amendment window of one act record: receive an amendment, decide it, issue the
certificate after it, and see the record's history.

Every check is the service's: the findings list shows what the rules engine and
the amendment rules say as one types, and the buttons call the same use cases
as ``tirkeu amend``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tirkeu.domain.amendments import (
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Basis,
    BasisKind,
    format_money,
    get_value,
)
from tirkeu.domain.application import to_dict
from tirkeu.domain.findings import Finding
from tirkeu.i18n import _, ui_language
from tirkeu.labels import FIELD_LABELS
from tirkeu.services.amendments import (
    BASIS_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    AmendmentBlocked,
    AmendmentService,
    finding_text,
)
from tirkeu.services.auth import PERMISSIONS, Action, Actor, Role
from tirkeu.services.errors import ServiceError
from tirkeu.services.records import RecordService
from tirkeu.services.repeat import Recipient, Relation
from tirkeu.services.workspace import Workspace
from tirkeu.ui.dialogs import dialogs
from tirkeu.ui.recipients import RELATIONS
from tirkeu.ui.widgets import ErrorLabel, named


def field_label(path: str) -> str:
    """A field as the registrar calls it; a typed path that has no name stays as typed."""
    return _(FIELD_LABELS[path]) if path in FIELD_LABELS else path


DATE_FORMAT = "dd.MM.yyyy"


def shown_date(day: dt.date) -> str:
    """A date as the journal shows it (the same in Kazakh and Russian)."""
    return day.strftime("%d.%m.%Y")


def _date_edit(name: str, day: dt.date) -> QDateEdit:
    edit = named(QDateEdit(), name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def _day(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def _coerce(before: Any, text: str) -> Any:
    """The typed text as the JSON value the field holds (empty removes the value)."""
    text = text.strip()
    if not text:
        return None
    if isinstance(before, bool):
        return text.lower() in ("1", "true", "yes", "иә", "да")
    if isinstance(before, int):
        try:
            return int(text)
        except ValueError:
            return text
    return text


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class PersonBox(QGroupBox):
    """The father's data for paternity established after registration (п. 26)."""

    changed = Signal()
    FIELDS = ("surname", "given_name", "patronymic", "iin", "doc_number", "doc_issuer")

    def __init__(self, today: dt.date) -> None:
        super().__init__()
        grid = QGridLayout(self)
        self.edits = {f: named(QLineEdit(), f"father_{f}") for f in self.FIELDS}
        self.birth_date = _date_edit("father_birth_date", dt.date(today.year - 30, 1, 1))
        self.doc_issued = _date_edit("father_doc_issued", dt.date(today.year - 5, 1, 1))
        self.labels = [QLabel() for _i in range(8)]
        widgets: list[QWidget] = [
            self.edits["surname"],
            self.edits["given_name"],
            self.edits["patronymic"],
            self.birth_date,
            self.edits["iin"],
            self.edits["doc_number"],
            self.doc_issued,
            self.edits["doc_issuer"],
        ]
        # Two label-field pairs a row keep the window within 768 pixels of height.
        for i, (label, widget) in enumerate(zip(self.labels, widgets, strict=True)):
            grid.addWidget(label, i // 2, (i % 2) * 2)
            grid.addWidget(widget, i // 2, (i % 2) * 2 + 1)
        for edit in self.edits.values():
            edit.textChanged.connect(self.changed)
        self.birth_date.dateChanged.connect(self.changed)
        self.doc_issued.dateChanged.connect(self.changed)

    def retranslate(self) -> None:
        self.setTitle(_("Father (para. 26)"))
        texts = (
            _("Surname"),
            _("Name"),
            _("Patronymic"),
            _("Date of birth"),
            _("IIN"),
            _("Identity card No."),
            _("Issued on"),
            _("Issued by"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)

    def person(self) -> dict[str, Any]:
        e = {k: v.text().strip() for k, v in self.edits.items()}
        person: dict[str, Any] = {
            "surname": e["surname"],
            "given_name": e["given_name"],
            "birth_date": _day(self.birth_date).isoformat(),
            "citizenship": "KZ",
            "document": {
                "kind": "id_card",
                "number": e["doc_number"],
                "issued_on": _day(self.doc_issued).isoformat(),
                "issuer": e["doc_issuer"],
            },
        }
        if e["patronymic"]:
            person["patronymic"] = e["patronymic"]
        if e["iin"]:
            person["iin"] = e["iin"]
        return person


class AmendmentWindow(QWidget):
    """Amendments of one act record, from receipt to the new certificate."""

    changed = Signal()

    def __init__(
        self, ws: Workspace, actor: Actor, record_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        named(self, "amendment_window")
        self.ws = ws
        self.actor = actor
        self.record_id = record_id
        self.service = AmendmentService(ws, actor)
        self.records = RecordService(ws, actor)
        self.current: dict[str, Any] = {}
        self.values: dict[str, Any] = {}
        self.last_pdf: bytes | None = None
        # What the checks list shows, kept to be listed again in another language.
        self.shown_findings: list[Finding] | ServiceError = []
        self.resize(1280, 720)
        allowed = PERMISSIONS[actor.role]

        self.header = named(QLabel(), "amendment_header")
        self.header.setWordWrap(True)

        # --- the new amendment ---------------------------------------------------
        self.new_box = QGroupBox()
        new_form = QFormLayout()
        self.kind = named(QComboBox(), "amendment_kind")
        self.basis_kind = named(QComboBox(), "basis_kind")
        self.basis_number = named(QLineEdit(), "basis_number")
        self.basis_date = _date_edit("basis_date", ws.today)
        self.basis_issuer = named(QLineEdit(), "basis_issuer")
        self.received_on = _date_edit("received_on", ws.today)
        self.new_labels = [QLabel() for _i in range(6)]
        for label, widget in zip(
            self.new_labels,
            (
                self.kind,
                self.basis_kind,
                self.basis_number,
                self.basis_date,
                self.basis_issuer,
                self.received_on,
            ),
            strict=True,
        ):
            new_form.addRow(label, widget)
        self.field = named(QComboBox(), "change_field")
        self.field.setEditable(True)
        # Long kind and basis names must not widen the form past its column.
        for combo in (self.kind, self.basis_kind, self.field):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)
        self.new_value = named(QLineEdit(), "change_value")
        self.add_button = named(QPushButton(), "add_change")
        self.remove_button = named(QPushButton(), "remove_change")
        field_row = QHBoxLayout()
        field_row.addWidget(self.field, 2)
        field_row.addWidget(self.new_value, 3)
        field_row.addWidget(self.add_button)
        field_row.addWidget(self.remove_button)
        self.changes = named(QTableWidget(0, 3), "changes_table")
        self.changes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.changes.setMaximumHeight(100)
        self.father = PersonBox(ws.today)
        self.consent_box = QGroupBox()
        consent_form = QHBoxLayout(self.consent_box)
        self.consent_number = named(QLineEdit(), "consent_number")
        self.consent_date = _date_edit("consent_date", ws.today)
        self.consent_issuer = named(QLineEdit(), "consent_issuer")
        self.consent_labels = [QLabel() for _i in range(3)]
        for label, widget in zip(
            self.consent_labels,
            (self.consent_number, self.consent_date, self.consent_issuer),
            strict=True,
        ):
            consent_form.addWidget(label)
            consent_form.addWidget(widget, 1)
        self.findings_label = QLabel()
        self.findings = named(QListWidget(), "amendment_findings")
        self.findings.setWordWrap(True)
        self.receive_button = named(QPushButton(), "receive_amendment")
        self.receive_button.setEnabled(Action.EDIT_RECORDS in allowed)
        self.new_error = ErrorLabel()
        new_layout = QVBoxLayout(self.new_box)
        new_layout.addLayout(new_form)
        new_layout.addLayout(field_row)
        new_layout.addWidget(self.changes)
        new_layout.addWidget(self.father)
        new_layout.addWidget(self.consent_box)
        new_layout.addWidget(self.findings_label)
        self.findings.setMinimumHeight(70)
        new_layout.addWidget(self.findings, 1)
        new_layout.addWidget(self.new_error)
        new_layout.addWidget(self.receive_button)

        # --- history, decision, documents -----------------------------------------
        self.history_box = QGroupBox()
        self.table = named(QTableWidget(0, 7), "amendments_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.detail = named(QTextBrowser(), "amendment_detail")
        self.versions_label = named(QLabel(), "versions_label")
        self.versions_label.setWordWrap(True)
        history_layout = QVBoxLayout(self.history_box)
        history_layout.addWidget(self.table, 2)
        history_layout.addWidget(self.detail, 2)
        history_layout.addWidget(self.versions_label)

        self.decision_box = QGroupBox()
        self.approve_button = named(QPushButton(), "approve_amendment")
        self.reason = named(QLineEdit(), "refusal_reason")
        self.refuse_button = named(QPushButton(), "refuse_amendment")
        is_head = actor.role is Role.HEAD
        for w in (self.approve_button, self.reason, self.refuse_button):
            w.setEnabled(is_head)
        self.decision_note = QLabel()
        self.decision_note.setWordWrap(True)
        decision_layout = QHBoxLayout(self.decision_box)
        decision_layout.addWidget(self.approve_button)
        decision_layout.addWidget(self.reason, 1)
        decision_layout.addWidget(self.refuse_button)

        self.issue_box = QGroupBox()
        issue_form = QFormLayout(self.issue_box)
        self.doc_lang = named(QComboBox(), "document_language")
        self.doc_lang.addItem("Қазақша", "kk")
        self.doc_lang.addItem("Русский", "ru")
        self.relation = named(QComboBox(), "recipient_relation")
        self.surrendered = named(QCheckBox(), "old_surrendered")
        self.fee_label = named(QLabel(), "fee_label")
        self.fee_label.setWordWrap(True)
        self.issue_button = named(QPushButton(), "issue_after_amendment")
        self.issue_button.setEnabled(Action.PRINT in allowed)
        self.issue_labels = [QLabel() for _i in range(2)]
        issue_form.addRow(self.issue_labels[0], self.doc_lang)
        issue_form.addRow(self.issue_labels[1], self.relation)
        issue_form.addRow(self.surrendered)
        issue_form.addRow(self.fee_label)
        issue_form.addRow(self.issue_button)

        right = QVBoxLayout()
        right.addWidget(self.history_box, 1)
        right.addWidget(self.decision_box)
        right.addWidget(self.decision_note)
        right.addWidget(self.issue_box)
        columns = QHBoxLayout()
        columns.addWidget(self.new_box, 1)
        columns.addLayout(right, 1)
        root = QVBoxLayout(self)
        root.addWidget(self.header)
        root.addLayout(columns, 1)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.basis_kind.currentIndexChanged.connect(self._kind_changed)
        for edit in (self.basis_number, self.basis_issuer, self.consent_number):
            edit.textChanged.connect(self.refresh_findings)
        self.consent_issuer.textChanged.connect(self.refresh_findings)
        self.basis_date.dateChanged.connect(self.refresh_findings)
        self.father.changed.connect(self.refresh_findings)
        self.new_value.returnPressed.connect(self.add_change)
        self.add_button.clicked.connect(self.add_change)
        self.remove_button.clicked.connect(self.remove_change)
        self.receive_button.clicked.connect(self.receive)
        self.approve_button.clicked.connect(self.approve)
        self.refuse_button.clicked.connect(self.refuse)
        self.issue_button.clicked.connect(self.issue)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.setTabOrder(self.kind, self.basis_kind)
        self.setTabOrder(self.basis_kind, self.basis_number)
        self.setTabOrder(self.basis_number, self.basis_date)
        self.setTabOrder(self.basis_date, self.basis_issuer)
        self.setTabOrder(self.basis_issuer, self.received_on)
        self.setTabOrder(self.received_on, self.field)
        self.setTabOrder(self.field, self.new_value)

        ui_language.subscribe(self._on_language)
        self.destroyed.connect(lambda: ui_language.unsubscribe(self._on_language))
        self.retranslate()
        self._kind_changed()

    # --- language ------------------------------------------------------------

    def _on_language(self, _code: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Amendments of the act record"))
        self.new_box.setTitle(_("New amendment"))
        texts = (
            _("Kind"),
            _("Basis document"),
            _("Document No."),
            _("Document date"),
            _("Issued by"),
            _("Application received"),
        )
        for label, text in zip(self.new_labels, texts, strict=True):
            label.setText(text)
        self._fill(self.kind, [(k, KIND_LABELS[k]) for k in AmendmentKind])
        self._fill(self.basis_kind, [(b, BASIS_LABELS[b]) for b in BasisKind])
        self._fill(self.relation, [(r, RELATIONS[r]) for r in Relation])
        # The fields amended most are offered by name; any dotted path may be typed.
        self._fill(self.field, [(k, v) for k, v in FIELD_LABELS.items() if "." in k])
        self._show_changes()
        self.new_value.setPlaceholderText(_("New value (empty removes it)"))
        self.add_button.setText(_("Add"))
        self.remove_button.setText(_("Remove"))
        self.changes.setHorizontalHeaderLabels([_("Field"), _("Now"), _("New")])
        self.father.retranslate()
        self.consent_box.setTitle(_("Consent of the mother (para. 26)"))
        for label, text in zip(
            self.consent_labels,
            (_("Document No."), _("Document date"), _("Issued by")),
            strict=True,
        ):
            label.setText(text)
        self.findings_label.setText(_("Checks"))
        self.receive_button.setText(_("Receive the amendment"))
        self.history_box.setTitle(_("Amendments and versions of this record"))
        self.table.setHorizontalHeaderLabels(
            [
                _("No."),
                _("Kind"),
                _("State"),
                _("Received"),
                _("Term"),
                _("Decided"),
                _("Fee"),
            ]
        )
        self.decision_box.setTitle(_("Decision of the head"))
        self.approve_button.setText(_("Approve"))
        self.reason.setPlaceholderText(_("Reason for the refusal"))
        self.refuse_button.setText(_("Refuse the amendment"))
        if self.actor.role is not Role.HEAD:
            self.decision_note.setText(
                _("Only the head of the registering body decides on an amendment.")
            )
        self.issue_box.setTitle(_("Certificate after the amendment"))
        self.issue_labels[0].setText(_("Language of the certificate"))
        self.issue_labels[1].setText(_("Who receives it"))
        self.surrendered.setText(_("The earlier certificate is handed in"))
        self.issue_button.setText(_("Issue on a new blank"))
        self._show_findings()
        self.reload()

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[Any, str]]) -> None:
        index = max(combo.currentIndex(), 0)
        combo.blockSignals(True)
        combo.clear()
        for value, label in items:
            combo.addItem(_(label), value)
        combo.setCurrentIndex(index)
        combo.blockSignals(False)

    # --- the new amendment ---------------------------------------------------

    def current_kind(self) -> AmendmentKind:
        return AmendmentKind(self.kind.currentData())

    def current_basis(self) -> Basis:
        return Basis(
            BasisKind(self.basis_kind.currentData()),
            self.basis_number.text().strip(),
            _day(self.basis_date),
            self.basis_issuer.text().strip(),
        )

    def amendment_values(self) -> dict[str, Any]:
        values = dict(self.values)
        if self.current_kind() is AmendmentKind.PATERNITY:
            values["father"] = self.father.person()
            if self.basis_kind.currentData() == BasisKind.PATERNITY_ACKNOWLEDGMENT:
                number = self.consent_number.text().strip()
                if number:
                    values["mother_consent"] = {
                        "number": number,
                        "date": _day(self.consent_date).isoformat(),
                        "issuer": self.consent_issuer.text().strip(),
                    }
        return values

    def _kind_changed(self) -> None:
        paternity = self.current_kind() is AmendmentKind.PATERNITY
        self.father.setVisible(paternity)
        self.consent_box.setVisible(
            paternity and self.basis_kind.currentData() == BasisKind.PATERNITY_ACKNOWLEDGMENT
        )
        self.refresh_findings()

    def _field_path(self) -> str:
        """The dotted path of the field chosen by its name, or typed as a path."""
        text = self.field.currentText().strip()
        index = self.field.findText(text)
        return str(self.field.itemData(index)) if index >= 0 else text

    def add_change(self) -> None:
        path = self._field_path()
        if not path:
            return
        before = get_value(self.current, path)
        self.values[path] = _coerce(before, self.new_value.text())
        self.new_value.clear()
        self._show_changes()
        self.refresh_findings()
        self.new_value.setFocus()

    def remove_change(self) -> None:
        row = self.changes.currentRow()
        item = self.changes.item(row, 0) if row >= 0 else None
        if item is not None:
            self.values.pop(str(item.data(Qt.ItemDataRole.UserRole)), None)
        self._show_changes()
        self.refresh_findings()

    def _show_changes(self) -> None:
        self.changes.setRowCount(len(self.values))
        for row, (path, value) in enumerate(self.values.items()):
            for col, text in enumerate(
                (field_label(path), _shown(get_value(self.current, path)), _shown(value))
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, path)
                self.changes.setItem(row, col, item)

    def refresh_findings(self) -> None:
        values = self.amendment_values()
        if not values:
            self._list_findings([])
            return
        try:
            found = self.service.findings(
                self.record_id, self.current_kind(), self.current_basis(), values
            )
        except ServiceError as exc:
            self._list_findings(exc)
            return
        self._list_findings(found)

    def _list_findings(self, found: list[Finding] | ServiceError) -> None:
        self.shown_findings = found
        self._show_findings()

    def _show_findings(self) -> None:
        self.findings.clear()
        lang = ui_language.code
        if isinstance(self.shown_findings, ServiceError):
            self.findings.addItem(self.shown_findings.message(lang))
            return
        for f in self.shown_findings:
            mark = _("Error") if f.is_error else _("Warning")
            self.findings.addItem(f"{mark}: {finding_text(f, lang)}")

    def receive(self) -> None:
        try:
            amendment = self.service.propose(
                self.record_id,
                self.current_kind(),
                self.current_basis(),
                self.amendment_values(),
                _day(self.received_on),
            )
        except AmendmentBlocked as exc:
            self._list_findings(exc.findings)
            self.new_error.show_message(exc.message)
            return
        except ServiceError as exc:
            self.new_error.show_message(exc.message)
            return
        self.new_error.clear_message()
        self.values.clear()
        self._show_changes()
        self._list_findings([])
        self.reload(select=amendment.id)
        self.changed.emit()
        dialogs.info(
            self,
            _("Amendment"),
            _("Amendment {id} received; to be decided by {due}.").format(
                id=amendment.id, due=shown_date(amendment.due_on)
            ),
        )

    # --- history and decisions -------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        record = self.records.get(self.record_id)
        self.current = to_dict(record.application)
        number = f"{record.number}/{record.record_date.year}" if record.record_date else "—"
        self.header.setText(
            _("Act record No. {number}: {child}").format(
                number=number, child=record.application.child.full_name
            )
        )
        self.amendments = self.service.for_record(self.record_id)
        history = self.service.history(self.record_id)
        self.versions_label.setText(
            _("Versions kept: {n}; the journal and the act record show version {last}.").format(
                n=len(history.versions), last=history.versions[-1].version
            )
        )
        keep = select if select is not None else self._selected_id()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.amendments))
        lang = ui_language.code
        for row, a in enumerate(self.amendments):
            fee = format_money(a.fee_kzt, lang) if a.fee_kzt is not None else "—"
            cells = (
                str(a.id),
                _(KIND_LABELS[a.kind]),
                _(STATUS_LABELS[a.status]),
                shown_date(a.received_on),
                shown_date(a.due_on),
                shown_date(a.decided_on) if a.decided_on else "—",
                fee,
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                self.table.setItem(row, col, item)
            if a.id == keep:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        expected = self.service.expected_fee()
        self.fee_label.setText(
            _(
                "Fee for the certificate after an amendment: {amount} (0.5 MRP, MRP {mrp} ₸)."
            ).format(amount=format_money(expected.amount, lang), mrp=expected.mrp_kzt)
            + " "
            + _("Registration itself is free.")
        )
        self._show_selected()

    def _selected_id(self) -> int | None:
        items = self.table.selectedItems()
        if not items:
            return None
        value = items[0].data(Qt.ItemDataRole.UserRole)
        return int(value) if value is not None else None

    def selected(self) -> Amendment | None:
        chosen = self._selected_id()
        return next((a for a in self.amendments if a.id == chosen), None)

    def _show_selected(self) -> None:
        a = self.selected()
        pending = a is not None and a.status is AmendmentStatus.PENDING
        is_head = self.actor.role is Role.HEAD
        self.approve_button.setEnabled(is_head and pending)
        self.refuse_button.setEnabled(is_head and pending)
        self.issue_button.setEnabled(
            a is not None
            and a.status is AmendmentStatus.APPROVED
            and Action.PRINT in PERMISSIONS[self.actor.role]
        )
        if a is None:
            self.detail.setHtml("")
            return
        lines = [f"<b>{html.escape(_(KIND_LABELS[a.kind]))}</b>"]
        if a.basis is not None:
            basis = ", ".join(
                p
                for p in (
                    _(BASIS_LABELS[a.basis.kind]),
                    a.basis.number,
                    a.basis.date.isoformat() if a.basis.date else "",
                    a.basis.issuer,
                )
                if p
            )
            lines.append(html.escape(_("Basis: {basis}").format(basis=basis)))
        for c in a.changes:
            lines.append(
                f"<i>{html.escape(field_label(c.path))}</i>: {html.escape(_shown(c.before))} → "
                f"{html.escape(_shown(c.after))}"
            )
        if a.decided_by:
            lines.append(html.escape(_("Decided by: {name}").format(name=a.decided_by)))
        if a.refusal_reason:
            lines.append(html.escape(_("Reason: {reason}").format(reason=a.refusal_reason)))
        if a.overdue(self.ws.today):
            lines.append(
                f"<span style='color:#a01010'>{html.escape(_('The term has passed.'))}</span>"
            )
        self.detail.setHtml("<br>".join(lines))

    def approve(self) -> None:
        a = self.selected()
        if a is None or a.id is None:
            return
        try:
            self.service.approve(a.id)
        except AmendmentBlocked as exc:
            warnings = [f.rule for f in exc.findings if not f.is_error]
            if any(f.is_error for f in exc.findings):
                dialogs.error(self, _("Amendment"), exc.message(ui_language.code))
                return
            dialogs.confirm(
                self,
                _("Amendment"),
                exc.message(ui_language.code) + "\n\n" + _("Approve despite these warnings?"),
                lambda: self._approve_acknowledged(a.id or 0, warnings),
            )
            return
        except ServiceError as exc:
            dialogs.error(self, _("Amendment"), exc.message(ui_language.code))
            return
        self._decided(a.id)

    def _approve_acknowledged(self, amendment_id: int, warnings: list[str]) -> None:
        try:
            self.service.approve(amendment_id, warnings)
        except ServiceError as exc:
            dialogs.error(self, _("Amendment"), exc.message(ui_language.code))
            return
        self._decided(amendment_id)

    def refuse(self) -> None:
        a = self.selected()
        if a is None or a.id is None:
            return
        try:
            self.service.refuse(a.id, self.reason.text())
        except ServiceError as exc:
            dialogs.error(self, _("Amendment"), exc.message(ui_language.code))
            return
        self.reason.clear()
        self._decided(a.id)

    def _decided(self, amendment_id: int) -> None:
        self.reload(select=amendment_id)
        self.changed.emit()

    def issue(self) -> None:
        a = self.selected()
        if a is None or a.id is None:
            return
        recipient = Recipient(
            Relation(self.relation.currentData()), surrendered=self.surrendered.isChecked()
        )
        try:
            issued = self.service.issue_certificate(a.id, self.doc_lang.currentData(), recipient)
        except ServiceError as exc:
            dialogs.error(self, _("Amendment"), exc.message(ui_language.code))
            return
        self.last_pdf = issued.printed.pdf
        folder = self.ws.data_dir / "documents"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"amendment-{a.id}-{issued.printed.certificate_id}.pdf"
        path.write_bytes(issued.printed.pdf)
        lang = ui_language.code
        if issued.printed.blank is not None:
            text = _("Written to {path}: print it on blank {blank}.").format(
                path=str(path), blank=issued.printed.blank.label
            )
        else:
            text = _("Written to {path}.").format(path=str(path))
        if issued.fee is not None:
            text += "\n" + _("Fee: {amount} (0.5 MRP, MRP {mrp} ₸).").format(
                amount=format_money(issued.fee.amount, lang), mrp=issued.fee.mrp_kzt
            )
        else:
            text += "\n" + _("No fee: no certificate is issued for a stillborn child.")
        self.reload(select=a.id)
        self.changed.emit()
        dialogs.info(self, _("Certificate after the amendment"), text)
