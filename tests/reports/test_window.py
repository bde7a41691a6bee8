"""The Reports window driven like the office uses it: choose, look, save."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.reports.conftest import Office
from tirkeu.documents.report_csv import DELIMITER, ENCODING
from tirkeu.i18n import ui_language
from tirkeu.services.reports import ReportService
from tirkeu.ui import dialogs as dialogs_module
from tirkeu.ui.reports.window import BOOK, DEADLINES, MONTHLY, OVERDUE, STOCK, ReportsWindow

pytestmark = pytest.mark.gui
SHOTS = Path("/tmp/shots")


class Answers:
    def __init__(self) -> None:
        self.infos: list[str] = []
        self.errors: list[str] = []

    def info(self, _parent: QWidget | None, _title: str, text: str) -> None:
        self.infos.append(text)

    def error(self, _parent: QWidget | None, _title: str, text: str) -> None:
        self.errors.append(text)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    recorder = Answers()
    monkeypatch.setattr(dialogs_module.dialogs, "info", recorder.info)
    monkeypatch.setattr(dialogs_module.dialogs, "error", recorder.error)
    return recorder


@pytest.fixture
def window(qtbot: QtBot, office: Office) -> ReportsWindow:
    win = ReportsWindow(office.ws, ReportService(office.ws, office.registrar))
    qtbot.addWidget(win)
    win.show()
    win.month.setDate(QDate(2026, 10, 1))
    return win


def _choose(win: ReportsWindow, monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Answer the file dialog with ``path``; returns the captions it was asked with."""
    asked: list[str] = []

    def ask(caption: str, _filter: str, _suggested: str, chosen: Callable[[Path], None]) -> None:
        asked.append(caption)
        chosen(path)

    monkeypatch.setattr(win, "ask_save_path", ask)
    return asked


def _shot(win: QWidget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    win.grab().save(str(SHOTS / f"{name}.png"))


def test_the_monthly_preview_shows_the_figures_and_the_chart(window: ReportsWindow) -> None:
    table = window.figures_table
    assert table.item(0, 1).text() == "6"
    labels = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "Тіркелген туу, барлығы" in labels
    assert window.chart.trend[-1].male == 3
    assert "6" in window.summary.text()
    window.resize(1280, 700)
    _shot(window, "reports-monthly-kk")


def test_saving_the_monthly_pdf_and_csv(
    qtbot: QtBot,
    window: ReportsWindow,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window.language.setCurrentIndex(window.language.findData("ru"))
    pdf = tmp_path / "m.pdf"
    asked = _choose(window, monkeypatch, pdf)
    with qtbot.waitSignal(window.save_ended):
        window.pdf_button.click()
    assert asked and answers.infos and not answers.errors
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "за октябрь 2026 года" in text and "«Утверждаю»" in text
    table = tmp_path / "m.csv"
    _choose(window, monkeypatch, table)
    with qtbot.waitSignal(window.save_ended):
        window.csv_button.click()
    rows = list(csv.reader(io.StringIO(table.read_text(encoding=ENCODING)), delimiter=DELIMITER))
    assert {r[1]: r[3] for r in rows[1:]}["late.p19"] == "1"


def test_the_book_preview_and_its_pdf(
    qtbot: QtBot,
    window: ReportsWindow,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window.select(BOOK)
    window.date_from.setDate(QDate(2026, 9, 1))
    window.date_to.setDate(QDate(2026, 10, 31))
    window.show_button.click()
    assert window.book_table.rowCount() == 7
    assert "7" in window.summary.text()
    _shot(window, "reports-book-kk")
    pdf = tmp_path / "b.pdf"
    _choose(window, monkeypatch, pdf)
    with qtbot.waitSignal(window.save_ended):
        window.pdf_button.click()
    assert len(PdfReader(pdf).pages) == 1
    window.date_from.setDate(QDate(2026, 11, 1))
    window.date_to.setDate(QDate(2026, 10, 1))
    window.pdf_button.click()
    assert answers.errors, "a reversed period is refused"


def test_the_stock_and_a_file_that_cannot_be_written(
    qtbot: QtBot,
    window: ReportsWindow,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window.select(STOCK)
    cells = {
        (window.stock_table.item(r, 0).text(), window.stock_table.item(r, 1).text()): r
        for r in range(window.stock_table.rowCount())
    }
    issued = cells[("ТК", "берілді")]
    assert window.stock_table.item(issued, 2).text() == "11"
    assert window.stock_table.item(issued, 3).text() == "0000101–0000110, 0000152"
    _shot(window, "reports-stock-kk")
    _choose(window, monkeypatch, tmp_path / "missing" / "s.pdf")
    with qtbot.waitSignal(window.save_ended):
        window.pdf_button.click()
    assert answers.errors and "missing" in answers.errors[0]


def test_deadlines_highlight_the_overdue(window: ReportsWindow, office: Office) -> None:
    window.select(DEADLINES)
    table = window.deadline_table
    assert table.rowCount() == 2
    assert table.item(0, 0).text() == str(office.ids["draft_overdue"])
    assert table.item(0, 1).background().color() == OVERDUE
    assert table.item(1, 1).background().color() != OVERDUE
    assert not window.pdf_button.isEnabled()
    _shot(window, "reports-deadlines-kk")


def test_the_window_follows_the_ui_language(window: ReportsWindow) -> None:
    ui_language.set("ru")
    assert window.windowTitle() == "Отчеты"
    assert window.kind.currentData() == MONTHLY
    window.select(DEADLINES)
    _shot(window, "reports-deadlines-ru")


def test_the_main_window_opens_the_reports(qtbot: QtBot, office: Office) -> None:
    from tirkeu.ui.main_window import MainWindow
    from tirkeu.ui.reports.feature import ReportsFeature

    main = MainWindow(office.ws, office.registrar)
    qtbot.addWidget(main)
    feature = next(f for f in main.features if isinstance(f, ReportsFeature))
    assert feature.reports_action in main.menu_documents.actions()
    feature.deadlines_action.trigger()
    assert feature.reports is not None and feature.reports.current_kind() == DEADLINES
    feature.reports_action.trigger()
    assert feature.reports.current_kind() == MONTHLY
    feature.reports.close()
    assert feature.reports is None or not feature.reports.isVisible()
