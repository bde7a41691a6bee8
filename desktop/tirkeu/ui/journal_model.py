"""The journal of act records as a Qt model that fetches in pages.

At a million records the view must not load every row: ``canFetchMore`` /
``fetchMore`` pull the next page from the service when the view scrolls.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from tirkeu.domain.rules import registration_deadline
from tirkeu.i18n import _
from tirkeu.labels import scenario_label, status_label
from tirkeu.services.records import RecordService
from tirkeu.storage.records import JournalQuery, JournalRow

PAGE = 200


def deadline(row: JournalRow) -> dt.date | None:
    """The service-card term of a pending application (drafts only)."""
    if row.status != "draft" or row.received_on is None or row.birth_date is None:
        return None
    return registration_deadline(row.received_on, row.birth_date)


Index = QModelIndex | QPersistentModelIndex


class JournalModel(QAbstractTableModel):
    COLUMNS = ("number", "record_date", "child", "birth_date", "scenario", "status", "deadline")

    def __init__(self, service: RecordService, today: dt.date) -> None:
        super().__init__()
        self.service = service
        self.today = today
        self.query = JournalQuery()
        self.rows: list[JournalRow] = []
        self._exhausted = False

    def set_query(self, query: JournalQuery) -> None:
        self.beginResetModel()
        self.query = query
        self.rows = []
        self._exhausted = False
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def reload(self) -> None:
        self.set_query(self.query)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._exhausted:
            return
        batch = self.service.journal(self.query, len(self.rows), PAGE)
        if len(batch) < PAGE:
            self._exhausted = True
        if batch:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
            self.rows.extend(batch)
            self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "number": _("Act record No."),
            "record_date": _("Record date"),
            "child": _("Child"),
            "birth_date": _("Date of birth"),
            "scenario": _("Scenario"),
            "status": _("Status"),
            "deadline": _("Due by"),
        }[self.COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "status" and row.district_reason:
            return row.district_reason
        overdue = column == "deadline" and self._overdue(row)
        if role == Qt.ItemDataRole.ForegroundRole and (
            overdue or row.status in ("rejected", "refused")
        ):
            return QBrush(QColor("#a01010"))
        if role == Qt.ItemDataRole.FontRole and overdue:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and overdue:
            return _("The service term has passed")
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _overdue(self, row: JournalRow) -> bool:
        due = deadline(row)
        return due is not None and due < self.today

    @staticmethod
    def _text(row: JournalRow, column: str) -> str:
        if column == "number":
            return f"{row.number}/{row.year}" if row.number else "—"
        if column == "record_date":
            return row.record_date.strftime("%d.%m.%Y") if row.record_date else ""
        if column == "birth_date":
            return row.birth_date.strftime("%d.%m.%Y") if row.birth_date else ""
        if column == "scenario":
            return scenario_label(row.scenario)
        if column == "status":
            return status_label(row.status)
        if column == "deadline":
            due = deadline(row)
            return due.strftime("%d.%m.%Y") if due else ""
        return row.child

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.COLUMNS) - 1)
            )
