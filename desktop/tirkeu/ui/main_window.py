"""The main window: the journal of act records, its search, and the office's actions."""

from __future__ import annotations

from PySide6.QtCore import QDate, QItemSelection, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from tirkeu.domain.record import ActRecord
from tirkeu.i18n import _, ui_language
from tirkeu.labels import STATUSES, role_label, status_label
from tirkeu.services import auth
from tirkeu.services.auth import Actor
from tirkeu.services.records import RecordService
from tirkeu.services.workspace import Workspace
from tirkeu.storage.records import JournalQuery
from tirkeu.ui.background import Background
from tirkeu.ui.features import Feature, factories
from tirkeu.ui.journal_model import JournalModel
from tirkeu.ui.record_view import record_html
from tirkeu.ui.sign_in import LanguageBox
from tirkeu.ui.widgets import named


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, actor: Actor) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.workspace = workspace
        self.actor = actor
        self.records = RecordService(workspace, actor)
        self.model = JournalModel(self.records, workspace.today)

        menubar = self.menuBar()
        self.menu_records = named(menubar.addMenu(""), "menu_records")
        self.menu_documents = named(menubar.addMenu(""), "menu_documents")
        self.menu_transfer = named(menubar.addMenu(""), "menu_transfer")
        self.menu_office = named(menubar.addMenu(""), "menu_office")
        self.toolbar = named(QToolBar(movable=False), "main_toolbar")
        self.addToolBar(self.toolbar)
        self.refresh_action = named(QAction(self), "refresh_action")
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.model.reload)
        self.toolbar.addAction(self.refresh_action)
        spacer = QWidget()
        spacer.setSizePolicy(
            spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy()
        )
        self.toolbar.addWidget(spacer)
        self.user_label = named(QLabel(), "user_label")
        self.toolbar.addWidget(self.user_label)
        self.language = LanguageBox()
        self.toolbar.addWidget(self.language)

        central = QWidget()
        layout = QVBoxLayout(central)
        filters = QHBoxLayout()
        self.search_label = QLabel()
        self.search = named(QLineEdit(clearButtonEnabled=True), "journal_search")
        self.search_label.setBuddy(self.search)
        self.status_filter = named(QComboBox(), "status_filter")
        self.from_label = QLabel()
        self.date_from = named(QDateEdit(), "date_from")
        self.to_label = QLabel()
        self.date_to = named(QDateEdit(), "date_to")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setSpecialValueText(" ")
            edit.setMinimumDate(QDate(1900, 1, 1))
            edit.setDate(edit.minimumDate())
        for widget in (
            self.search_label,
            self.search,
            self.status_filter,
            self.from_label,
            self.date_from,
            self.to_label,
            self.date_to,
        ):
            filters.addWidget(widget, 3 if widget is self.search else 0)
        layout.addLayout(filters)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.table = named(QTableView(), "journal")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Sized once from a sample of rows: sizing to every row's contents on each
        # change costs more than the journal query itself.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(30)
        header.setSectionResizeMode(
            JournalModel.COLUMNS.index("child"), QHeaderView.ResizeMode.Stretch
        )
        self.table.selectionModel().selectionChanged.connect(self._selected)
        split.addWidget(self.table)
        self.details = named(QTextBrowser(), "record_details")
        split.addWidget(self.details)
        split.setSizes([760, 420])
        layout.addWidget(split, 1)
        self.count_label = named(QLabel(), "count_label")
        layout.addWidget(self.count_label)
        self.setCentralWidget(central)

        # Typing in the search box runs the query once the typing pauses.
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        self.status_filter.currentIndexChanged.connect(self.apply_filters)
        self.date_from.dateChanged.connect(self.apply_filters)
        self.date_to.dateChanged.connect(self.apply_filters)

        self._columns_sized = False
        self._count: int | None = None
        self.background = Background(self)
        self.features: list[Feature] = [make(self) for make in factories()]
        ui_language.subscribe(self._on_language)
        self.retranslate()
        self.apply_filters()
        self.resize(1280, 720)

    # --- language ------------------------------------------------------------

    def _on_language(self, code: str) -> None:
        with self.workspace.db.session() as s:
            auth.set_ui_language(s, self.actor, code)
        self.retranslate()

    def retranslate(self) -> None:
        office = self.workspace.office()
        lang = "kk" if ui_language.code == "kk" else "ru"
        self.setWindowTitle(_("Tirkeu — {office}").format(office=office.name(lang)))
        self.refresh_action.setText(_("Refresh"))
        self.menu_records.setTitle(_("&Records"))
        self.menu_documents.setTitle(_("&Documents"))
        self.menu_transfer.setTitle(_("&Transfer"))
        self.menu_office.setTitle(_("&Office"))
        for feature in self.features:
            feature.retranslate()
        self.user_label.setText(f"{self.actor.full_name} ({role_label(self.actor.role.value)})  ")
        self.search_label.setText(_("Search:"))
        self.search.setPlaceholderText(_("Name, IIN or act record number"))
        self.from_label.setText(_("Born from"))
        self.to_label.setText(_("to"))
        current = self.status_filter.currentData()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        self.status_filter.addItem(_("All statuses"), None)
        for code in STATUSES:
            self.status_filter.addItem(status_label(code), code)
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(current)))
        self.status_filter.blockSignals(False)
        self.model.retranslate()
        self._show_count()
        self._show_selected()

    # --- journal -------------------------------------------------------------

    def _date(self, edit: QDateEdit) -> object:
        return None if edit.date() == edit.minimumDate() else edit.date().toPython()

    def current_query(self) -> JournalQuery:
        return JournalQuery(
            text=self.search.text(),
            status=self.status_filter.currentData(),
            date_from=self._date(self.date_from),  # type: ignore[arg-type]
            date_to=self._date(self.date_to),  # type: ignore[arg-type]
        )

    def apply_filters(self) -> None:
        self.model.set_query(self.current_query())
        self._update_count()
        self.details.clear()
        if not self._columns_sized and self.model.rowCount():
            self.table.resizeColumnsToContents()
            self._columns_sized = True

    def _update_count(self) -> None:
        """Count the matches off the GUI thread: at a million rows it reads them all."""
        query = self.model.query
        self.background.run("count", lambda: self.records.count(query), self._show_count)

    def _show_count(self, total: int | None = None) -> None:
        if total is not None:
            self._count = total
        text = _("Records found: {n}").format(n=self._count) if self._count is not None else ""
        self.count_label.setText(text)

    def selected_record(self) -> ActRecord | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        record_id = self.model.data(rows[0], Qt.ItemDataRole.UserRole)
        assert isinstance(record_id, int)
        return self.records.get(record_id)

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        record = self.selected_record()
        self.details.setHtml(record_html(record) if record else "")

    def closeEvent(self, event: QCloseEvent) -> None:
        ui_language.unsubscribe(self._on_language)
        self.background.wait()
        super().closeEvent(event)
