"""The audit log view: who changed what and when, filtered, with the chain checked."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tirkeu.i18n import _, t, ui_language
from tirkeu.services.accounts import AuditLogService
from tirkeu.services.errors import ServiceError
from tirkeu.storage.audit import AuditQuery, ChainReport
from tirkeu.ui.security.audit_words import action_label, entity_label
from tirkeu.ui.widgets import ErrorLabel, MessageLabel, named


def _brief(part: dict[str, Any] | None) -> str:
    return "" if not part else json.dumps(part, ensure_ascii=False, sort_keys=True)


def verdict_text(report: ChainReport, lang: str) -> str:
    """What the check of the audit chain found, in ``lang``."""
    if report.ok:
        return t(lang, "The audit chain holds: {n} entries.").format(n=report.entries)
    if report.truncated:
        return t(
            lang,
            "The audit log ends early: {n} entries, the log recorded {expected}. "
            "The newest entries were removed.",
        ).format(n=report.entries, expected=report.expected_entries or "?")
    return t(
        lang, "The audit chain is broken at entry {id}: an entry was changed or removed."
    ).format(id=report.broken_at)


class AuditWindow(QWidget):
    def __init__(self, service: AuditLogService, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("audit_window")
        self.service = service
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.user_label, self.action_label = QLabel(), QLabel()
        self.from_label, self.to_label = QLabel(), QLabel()
        self.user = named(QComboBox(), "audit_user")
        self.action = named(QComboBox(), "audit_action")
        self.date_from = named(QDateEdit(), "audit_from")
        self.date_to = named(QDateEdit(), "audit_to")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setSpecialValueText(" ")
            edit.setMinimumDate(QDate(2000, 1, 1))
            edit.setDate(edit.minimumDate())
        for label, field in (
            (self.user_label, self.user),
            (self.action_label, self.action),
            (self.from_label, self.date_from),
            (self.to_label, self.date_to),
        ):
            label.setBuddy(field)
            filters.addWidget(label)
            filters.addWidget(field)
        filters.addStretch(1)
        layout.addLayout(filters)
        self.table = named(QTableWidget(0, 6), "audit_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.verify_button = named(QPushButton(), "verify_button")
        self.verdict = named(MessageLabel(), "audit_verdict")
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.verdict, 1)
        layout.addLayout(bottom)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.verify_button.clicked.connect(self.verify)
        self.user.currentIndexChanged.connect(self.reload)
        self.action.currentIndexChanged.connect(self.reload)
        self.date_from.dateChanged.connect(self.reload)
        self.date_to.dateChanged.connect(self.reload)
        ui_language.subscribe(self._retranslate)
        self._retranslate(ui_language.code)
        self.resize(1100, 640)

    def _retranslate(self, _code: str) -> None:
        self.setWindowTitle(_("Audit log"))
        self.user_label.setText(_("User"))
        self.action_label.setText(_("Action"))
        self.from_label.setText(_("From"))
        self.to_label.setText(_("to"))
        self.verify_button.setText(_("Check the chain"))
        self.table.setHorizontalHeaderLabels(
            [_("When"), _("User"), _("Action"), _("Object"), _("Before"), _("After")]
        )
        self._fill_filters()
        self.reload()

    def _fill_filters(self) -> None:
        for box in (self.user, self.action):
            box.blockSignals(True)
        user, action = self.user.currentData(), self.action.currentData()
        self.user.clear()
        self.action.clear()
        self.user.addItem(_("Everyone"), None)
        self.action.addItem(_("Every action"), None)
        try:
            for user_id, name in self.service.users():
                self.user.addItem(name, user_id)
            for code in self.service.actions():
                self.action.addItem(action_label(code), code)
        except ServiceError as exc:
            self.error.show_message(exc.message)
        self.user.setCurrentIndex(max(0, self.user.findData(user)))
        self.action.setCurrentIndex(max(0, self.action.findData(action)))
        for box in (self.user, self.action):
            box.blockSignals(False)

    def _date(self, edit: QDateEdit) -> Any:
        return None if edit.date() == edit.minimumDate() else edit.date().toPython()

    def query(self) -> AuditQuery:
        return AuditQuery(
            user_id=self.user.currentData(),
            action=self.action.currentData(),
            date_from=self._date(self.date_from),
            date_to=self._date(self.date_to),
        )

    def reload(self) -> None:
        try:
            entries = self.service.entries(self.query())
        except ServiceError as exc:
            self.error.show_message(exc.message)
            return
        self.table.setRowCount(len(entries))
        for n, e in enumerate(entries):
            cells = (
                e.at.strftime("%d.%m.%Y %H:%M:%S"),
                e.username or _("system"),
                action_label(e.action),
                entity_label(e.entity, e.entity_id),
                _brief(e.before),
                _brief(e.after),
            )
            for col, text in enumerate(cells):
                self.table.setItem(n, col, QTableWidgetItem(text))

    def verify(self) -> None:
        report = self.service.verify()
        self.verdict.setStyleSheet("color: #106010;" if report.ok else "color: #a01010;")
        self.verdict.show_message(lambda lang: verdict_text(report, lang))

    def closeEvent(self, event: QCloseEvent) -> None:
        ui_language.unsubscribe(self._retranslate)
        super().closeEvent(event)
