"""The Reports window: pick a report and its period, look at the figures, save PDF or CSV.

Saving asks for the file with a non-modal file dialog (``ask_save_path``, the
seam tests replace) and writes through the same documents functions as
``tirkeu report``, on a worker thread (``builder``): an act record book of a
large office takes minutes, during which the window stays responsive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QDate, Qt, QThreadPool, Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tirkeu.documents.report_book import book_cells, write_book_pdf
from tirkeu.documents.report_chart import month_label
from tirkeu.documents.report_csv import ENCODING, book_csv, monthly_csv, stock_csv
from tirkeu.documents.report_data import BLANK_STATES, MonthlyFigures, StockFigures
from tirkeu.documents.report_words import blank_state_word
from tirkeu.documents.reports import monthly_indicators, monthly_report_pdf, stock_report_pdf
from tirkeu.documents.text import tr
from tirkeu.i18n import _, t, ui_language
from tirkeu.labels import scenario_label
from tirkeu.services.errors import ServiceError
from tirkeu.services.reports import Deadlines, ReportService, check_period, month_start
from tirkeu.services.workspace import Workspace
from tirkeu.ui.dialogs import dialogs
from tirkeu.ui.reports.builder import Build, Cancelled, Progress, ReportBuild
from tirkeu.ui.reports.chart import BirthsChart
from tirkeu.ui.reports.kinds import BOOK, DEADLINES, MONTHLY, STOCK
from tirkeu.ui.widgets import ErrorLabel, named, qdate

KINDS = (MONTHLY, BOOK, STOCK, DEADLINES)
BOOK_PREVIEW = 200
OVERDUE = QColor("#f8d0d0")


def _date_edit(name: str, display: str) -> QDateEdit:
    edit = named(QDateEdit(), name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(display)
    return edit


def _table(name: str) -> QTableWidget:
    table = named(QTableWidget(), name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    return table


def _fill(
    table: QTableWidget, headers: list[str], rows: list[list[str]], numeric: tuple[int, ...] = ()
) -> None:
    """Put ``rows`` in ``table``; the ``numeric`` columns are counts, aligned right."""
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c in numeric:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)


def failure_text(exc: Exception, path: Path) -> Callable[[str], str]:
    """Why saving the report to ``path`` failed, in a language chosen when it is shown."""
    if isinstance(exc, ServiceError):
        return exc.message
    if isinstance(exc, OSError):
        error = exc.strerror or str(exc)
        return lambda lang: t(lang, "Cannot write {path}: {error}.").format(
            path=str(path), error=error
        )
    detail = str(exc) or repr(exc)
    return lambda lang: t(lang, "The report could not be built: {error}").format(error=detail)


class ReportsWindow(QWidget):
    """A window of its own (not modal): the office can keep it open beside the journal."""

    save_ended = Signal()  # a build finished, failed or was cancelled

    def __init__(
        self, workspace: Workspace, service: ReportService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("reports_window")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.workspace = workspace
        self.service = service
        self.monthly: MonthlyFigures | None = None
        self.stock: StockFigures | None = None
        self.deadlines: Deadlines | None = None
        self.book_total = 0
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.build: ReportBuild | None = None
        self.rows_written = 0  # of the build under way, said again after a language switch

        today = qdate(workspace.today)
        self.kind = named(QComboBox(), "report_kind")
        self.month = _date_edit("report_month", "MM.yyyy")
        self.month.setMaximumDate(today)
        self.month.setDate(today.addMonths(-1))
        self.date_from = _date_edit("report_from", "dd.MM.yyyy")
        self.date_to = _date_edit("report_to", "dd.MM.yyyy")
        self.date_from.setDate(QDate(today.year(), 1, 1))
        self.date_to.setDate(today)
        self.language = named(QComboBox(), "report_language")
        self.language.addItem("Қазақша", "kk")
        self.language.addItem("Русский", "ru")
        if ui_language.code == "ru":
            self.language.setCurrentIndex(1)
        self.show_button = named(QPushButton(), "show_report")
        self.show_button.setDefault(True)

        self.form = QFormLayout()
        self.kind_label, self.month_label = QLabel(), QLabel()
        self.period_label, self.language_label = QLabel(), QLabel()
        period = QHBoxLayout()
        self.to_label = QLabel()
        for widget in (self.date_from, self.to_label, self.date_to):
            period.addWidget(widget)
        period.addStretch(1)
        self.form.addRow(self.kind_label, self.kind)
        self.form.addRow(self.month_label, self.month)
        self.form.addRow(self.period_label, period)
        self.form.addRow(self.language_label, self.language)
        for label, field in (
            (self.kind_label, self.kind),
            (self.month_label, self.month),
            (self.period_label, self.date_from),
            (self.language_label, self.language),
        ):
            label.setBuddy(field)

        self.summary = named(QLabel(), "report_summary")
        self.summary.setWordWrap(True)
        self.pages = QStackedWidget()
        self.figures_table = _table("monthly_figures")
        self.chart = BirthsChart()
        monthly_page = QWidget()
        monthly_layout = QHBoxLayout(monthly_page)
        monthly_layout.setContentsMargins(0, 0, 0, 0)
        monthly_layout.addWidget(self.figures_table, 3)
        monthly_layout.addWidget(self.chart, 2)
        self.book_table = _table("book_preview")
        self.stock_table = _table("stock_table")
        self.deadline_table = _table("deadline_table")
        for page in (monthly_page, self.book_table, self.stock_table, self.deadline_table):
            self.pages.addWidget(page)

        self.pdf_button = named(QPushButton(), "save_pdf")
        self.csv_button = named(QPushButton(), "save_csv")
        self.close_button = named(QPushButton(), "close_reports")
        self.busy_label = named(QLabel(), "report_busy")
        self.busy_bar = named(QProgressBar(), "report_busy_bar")
        self.busy_bar.setRange(0, 0)  # how long a build takes is not known: a moving bar
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setTextVisible(False)
        self.save_error = named(ErrorLabel(), "report_save_error")
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy_bar)
        buttons.addWidget(self.busy_label)
        buttons.addStretch(1)
        for button in (self.pdf_button, self.csv_button, self.close_button):
            buttons.addWidget(button)

        top = QHBoxLayout()
        top.addLayout(self.form)
        top.addWidget(self.show_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.save_error)
        layout.addLayout(buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.show_button.clicked.connect(self.refresh)
        self.language.currentIndexChanged.connect(self.refresh)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.csv_button.clicked.connect(self.save_csv)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        ui_language.subscribe(self._on_language)
        self.retranslate()
        self._kind_changed()
        self._busy(False)
        self.resize(1100, 640)

    # --- language ------------------------------------------------------------

    def _on_language(self, _code: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Reports"))
        current = self.kind.currentData()
        names = {
            MONTHLY: _("Monthly report"),
            BOOK: _("Act record book"),
            STOCK: _("Blank stock"),
            DEADLINES: _("Deadlines of pending applications"),
        }
        self.kind.blockSignals(True)
        self.kind.clear()
        for kind in KINDS:
            self.kind.addItem(names[kind], kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current)))
        self.kind.blockSignals(False)
        self.kind_label.setText(_("&Report:"))
        self.month_label.setText(_("&Month:"))
        self.period_label.setText(_("&Period from:"))
        self.to_label.setText(_("to"))
        self.language_label.setText(_("&Language of the report:"))
        self.show_button.setText(_("&Show"))
        self.pdf_button.setText(_("Save &PDF…"))
        self.csv_button.setText(_("Save &CSV…"))
        self.close_button.setText(_("Close"))
        if self.build is not None:
            self._show_progress()
        self.refresh()

    # --- choosing and showing ------------------------------------------------

    def current_kind(self) -> str:
        kind = self.kind.currentData()
        return kind if isinstance(kind, str) else MONTHLY

    def report_language(self) -> str:
        lang = self.language.currentData()
        return lang if isinstance(lang, str) else "kk"

    def select(self, kind: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.month.setEnabled(kind == MONTHLY)
        self.date_from.setEnabled(kind == BOOK)
        self.date_to.setEnabled(kind == BOOK)
        self.language.setEnabled(kind != DEADLINES)
        self.pdf_button.setEnabled(kind != DEADLINES and self.build is None)
        self.csv_button.setEnabled(kind != DEADLINES and self.build is None)
        self.pages.setCurrentIndex(KINDS.index(kind))
        self.refresh()

    def period(self) -> tuple[dt.date, dt.date]:
        start = self.date_from.date().toPython()
        end = self.date_to.date().toPython()
        assert isinstance(start, dt.date) and isinstance(end, dt.date)
        return start, end

    def month_first(self) -> dt.date:
        day = self.month.date().toPython()
        assert isinstance(day, dt.date)
        return month_start(day)

    def refresh(self) -> None:
        """Recompute the figures of the chosen report and show them."""
        show = {
            MONTHLY: self._show_monthly,
            BOOK: self._show_book,
            STOCK: self._show_stock,
            DEADLINES: self._show_deadlines,
        }[self.current_kind()]
        try:
            show()
        except ServiceError as exc:
            self.summary.setText(exc.message(ui_language.code))

    def _show_monthly(self) -> None:
        lang = self.report_language()
        figures = self.monthly = self.service.monthly(self.month_first())
        rows = [[row.label, str(row.value)] for row in monthly_indicators(figures, lang)]
        _fill(self.figures_table, [_("Indicator"), _("Count")], rows, numeric=(1,))
        self.chart.set_data(
            figures.trend,
            [month_label(m, lang) for m in figures.trend],
            (tr(lang, "boys"), tr(lang, "girls")),
            tr(lang, "Births registered per month, last 12 months"),
        )
        self.summary.setText(
            _("Births registered: {n}; applications past the service term: {overdue}.").format(
                n=figures.registered, overdue=figures.overdue
            )
        )

    def _show_book(self) -> None:
        start, end = self.period()
        check_period(start, end, self.workspace.today)
        lang = self.report_language()
        self.book_total = self.service.book_count(start, end)
        rows = [book_cells(r, lang) for r in self.service.book(start, end, limit=BOOK_PREVIEW)]
        headers = [
            _("No."),
            _("Record date"),
            _("Child"),
            _("Date of birth"),
            _("Sex"),
            _("Parents"),
            _("Scenario"),
            _("Status"),
        ]
        _fill(self.book_table, headers, [[c.replace("\n", "; ") for c in row] for row in rows])
        text = _("Act records in the period: {n}.").format(n=self.book_total)
        if self.book_total > BOOK_PREVIEW:
            text += " " + _("The first {n} are shown; the PDF and CSV hold all.").format(
                n=BOOK_PREVIEW
            )
        self.summary.setText(text)

    def _show_stock(self) -> None:
        lang = self.report_language()
        stock = self.stock = self.service.stock()
        rows = []
        for series in stock.series:
            rows.append([series.series, tr(lang, "Received"), str(series.received), ""])
            for state in BLANK_STATES:
                rows.append(
                    [
                        series.series,
                        blank_state_word(state, lang),
                        str(series.counts.get(state, 0)),
                        ", ".join(series.numbers.get(state, [])),
                    ]
                )
        headers = [_("Series"), _("State"), _("Count"), _("Numbers")]
        _fill(self.stock_table, headers, rows, numeric=(2,))
        if not stock.series:
            self.summary.setText(_("The office has received no blanks."))
        elif stock.balanced:
            self.summary.setText(_("The stock reconciles: received = the sum of all states."))
        else:
            self.summary.setText(_("The stock does NOT reconcile: check the blanks."))

    def _show_deadlines(self) -> None:
        deadlines = self.deadlines = self.service.deadlines()
        rows = [
            [
                str(p.record_id),
                p.child,
                scenario_label(p.scenario),
                p.received_on.strftime("%d.%m.%Y") if p.received_on else "—",
                p.deadline.strftime("%d.%m.%Y") if p.deadline else "—",
                str(p.days_overdue) if p.overdue else "",
            ]
            for p in deadlines.rows
        ]
        headers = [
            _("Draft"),
            _("Child"),
            _("Scenario"),
            _("Received"),
            _("Due by"),
            _("Days overdue"),
        ]
        _fill(self.deadline_table, headers, rows, numeric=(0, 5))
        for r, pending in enumerate(deadlines.rows):
            if pending.overdue:
                for c in range(len(headers)):
                    item = self.deadline_table.item(r, c)
                    if item is not None:
                        item.setBackground(QBrush(OVERDUE))
        self.summary.setText(
            _("Pending applications: {total}; past the service term: {overdue}.").format(
                total=deadlines.total, overdue=deadlines.overdue
            )
        )

    # --- saving --------------------------------------------------------------

    def ask_save_path(
        self, caption: str, name_filter: str, suggested: str, on_chosen: Callable[[Path], None]
    ) -> QFileDialog:
        """The file dialog, opened without blocking; tests replace this method."""
        dialog = QFileDialog(self, caption, suggested, name_filter)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suggested.rsplit(".", 1)[-1])
        dialog.fileSelected.connect(lambda name: on_chosen(Path(name)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _suggested(self, suffix: str) -> str:
        kind = self.current_kind()
        lang = self.report_language()
        if kind == MONTHLY:
            stem = f"monthly-{self.month_first():%Y-%m}"
        elif kind == BOOK:
            start, end = self.period()
            stem = f"book-{start:%Y%m%d}-{end:%Y%m%d}"
        else:
            stem = f"stock-{self.workspace.today:%Y%m%d}"
        return str(Path.home() / f"{stem}-{lang}.{suffix}")

    def save_pdf(self) -> None:
        self.ask_save_path(
            _("Save the report as PDF"), _("PDF files (*.pdf)"), self._suggested("pdf"), self._pdf
        )

    def save_csv(self) -> None:
        self.ask_save_path(
            _("Save the report as CSV"), _("CSV files (*.csv)"), self._suggested("csv"), self._csv
        )

    def _pdf(self, path: Path) -> None:
        """Gather the choices here, then build the PDF on the pool (the book may be long)."""
        lang = self.report_language()
        office = self.workspace.office()
        kind = self.current_kind()
        service = self.service
        if kind == MONTHLY:
            month = self.month_first()

            def build(part: Path, progress: Progress) -> None:
                part.write_bytes(monthly_report_pdf(service.monthly(month), office, lang))

        elif kind == BOOK:
            start, end = self.period()
            if not self._period_ok(start, end):
                return

            def build(part: Path, progress: Progress) -> None:
                with closing(service.book(start, end)) as rows, part.open("wb") as out:
                    write_book_pdf(progress.rows(rows), office, lang, start, end, out)

        else:

            def build(part: Path, progress: Progress) -> None:
                part.write_bytes(stock_report_pdf(service.stock(), office, lang))

        self._save(path, build)

    def _csv(self, path: Path) -> None:
        lang = self.report_language()
        kind = self.current_kind()
        service = self.service
        write_into: Callable[[TextIO, Progress], object]
        if kind == MONTHLY:
            month = self.month_first()

            def write_into(out: TextIO, progress: Progress) -> None:
                monthly_csv(service.monthly(month), lang, out)

        elif kind == BOOK:
            start, end = self.period()
            if not self._period_ok(start, end):
                return

            def write_into(out: TextIO, progress: Progress) -> None:
                with closing(service.book(start, end)) as rows:
                    book_csv(progress.rows(rows), lang, out)

        else:

            def write_into(out: TextIO, progress: Progress) -> None:
                stock_csv(service.stock(), lang, out)

        def build(part: Path, progress: Progress) -> None:
            with part.open("w", encoding=ENCODING, newline="") as out:
                write_into(out, progress)

        self._save(path, build)

    def _period_ok(self, start: dt.date, end: dt.date) -> bool:
        try:
            check_period(start, end, self.workspace.today)
        except ServiceError as exc:
            dialogs.error(self, _("Reports"), exc.message(ui_language.code))
            return False
        return True

    # --- building off the GUI thread -------------------------------------------

    def building(self) -> bool:
        return self.build is not None

    def _save(self, path: Path, build: Build) -> None:
        """Start ``build`` on the pool; the window stays usable and shows it is busy."""
        if self.build is not None:
            return
        task = ReportBuild(path, build)
        task.signals.progress.connect(self._progress)
        task.signals.done.connect(self._built)
        task.signals.failed.connect(self._failed)
        self.build = task
        self.save_error.clear_message()
        self._busy(True)
        self.pool.start(task)

    def _busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_bar.setValue(0)
        self.busy_label.setVisible(busy)
        self.rows_written = 0
        self.busy_label.setText(_("Building the report…") if busy else "")
        for button in (self.pdf_button, self.csv_button):
            button.setEnabled(not busy and self.current_kind() != DEADLINES)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _progress(self, rows: int) -> None:
        self.rows_written = rows
        self._show_progress()

    def _show_progress(self) -> None:
        if self.rows_written:
            text = _("Building the report: {n} rows written…").format(n=self.rows_written)
        else:
            text = _("Building the report…")
        self.busy_label.setText(text)

    def _ended(self) -> None:
        self.build = None
        self._busy(False)
        self.save_ended.emit()

    def _built(self, path: Path) -> None:
        if self.build is None:
            return  # the window was closed meanwhile
        self._ended()
        dialogs.info(self, _("Reports"), _("The report is saved to {path}.").format(path=path))

    def _failed(self, exc: Exception) -> None:
        task = self.build
        if task is None:
            return
        self._ended()
        if isinstance(exc, Cancelled):
            return
        text = failure_text(exc, task.path)
        # The box goes once read; the window keeps saying why, in the language of the moment.
        self.save_error.show_message(text)
        dialogs.error(self, _("Reports"), text(ui_language.code))

    def closeEvent(self, event: QCloseEvent) -> None:
        """A build still running is cancelled: its file is not written."""
        ui_language.unsubscribe(self._on_language)
        if self.build is not None:
            self.build.cancel.set()
            self.pool.waitForDone()
            self.build = None
        super().closeEvent(event)
