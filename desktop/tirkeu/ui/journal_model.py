"""The journal of act records as a Qt model that fetches in pages.

At a million records the view must not load every row: ``canFetchMore`` /
``fetchMore`` pull the next page from the service when the view scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from tirkeu.i18n import _
from tirkeu.services.records import RecordService
from tirkeu.storage.records import JournalQuery, JournalRow
from tirkeu.labels import scenario_label, status_label

PAGE = 200
Index = QModelIndex | QPersistentModelIndex


class JournalModel(QAbstractTableModel):
    COLUMNS = ("number", "record_date", "child", "birth_date", "scenario", "status")

    def __init__(self, service: RecordService) -> None:
        super().__init__()
        self.service = service
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
        if role == Qt.ItemDataRole.ForegroundRole and row.status in ("rejected", "refused"):
            return QBrush(QColor("#a01010"))
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

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
        return row.child

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.COLUMNS) - 1)
            )
