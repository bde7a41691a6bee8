"""Report files are built on a worker thread: the window answers meanwhile, a failure
or a cancel writes nothing, and errors reach the person through the dialog seam."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from tests.ui.wizard.drive import Answers, answers, workspace
from tirkeu.documents.report_data import BookRow
from tirkeu.services.errors import ServiceError
from tirkeu.services.reports import ReportService
from tirkeu.services.workspace import Workspace
from tirkeu.ui.main_window import MainWindow
from tirkeu.ui.reports.feature import ReportsFeature
from tirkeu.ui.reports.kinds import BOOK, STOCK
from tirkeu.ui.reports.window import ReportsWindow

pytestmark = pytest.mark.gui
__all__ = ["answers", "workspace"]
SHOTS = Path("/tmp/shots")
WAIT = 30.0  # seconds a blocked build waits for the test at most (never reached when green)


def _row(n: int) -> BookRow:
    return BookRow(
        number=n,
        year=2026,
        record_date=dt.date(2026, 3, 2),
        child=f"Сейітов Әлихан Нұрланұлы {n}",
        birth_date=dt.date(2026, 2, 27),
        sex="male",
        mother="Сейітова Ақмарал Болатқызы",
        father="Сейітов Нұрлан Серікұлы",
        scenario="married",
        status="registered",
    )


BookSource = Callable[[dt.date, dt.date], Iterator[BookRow]]


def _book(monkeypatch: pytest.MonkeyPatch, win: ReportsWindow, source: BookSource) -> None:
    """The service's book replaced by ``source``: rows of a large office, made up."""
    monkeypatch.setattr(win.service, "book", lambda start, end, limit=None: source(start, end))


def _choose(win: ReportsWindow, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    def ask(_caption: str, _filter: str, _suggested: str, chosen: Callable[[Path], None]) -> None:
        chosen(path)

    monkeypatch.setattr(win, "ask_save_path", ask)


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> ReportsWindow:
    actor = workspace.sign_in("registrar", "demo")
    win = ReportsWindow(workspace, ReportService(workspace, actor))
    qtbot.addWidget(win)
    win.show()
    win.select(BOOK)
    win.date_from.setDate(QDate(2026, 1, 1))
    win.date_to.setDate(QDate(2026, 11, 20))
    return win


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_the_book_is_built_off_the_gui_thread_and_the_window_answers_meanwhile(
    qtbot: QtBot,
    window: ReportsWindow,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    release = threading.Event()
    threads: set[int] = set()

    def slow_book(_start: dt.date, _end: dt.date) -> Iterator[BookRow]:
        threads.add(threading.get_ident())
        for n in range(1, 251):
            if n == 201:
                release.wait(WAIT)  # the office's millionth row: the build is still going
            yield _row(n)

    _book(monkeypatch, window, slow_book)
    target = tmp_path / "book.pdf"
    _choose(window, monkeypatch, target)
    window.pdf_button.click()

    qtbot.waitUntil(lambda: "200" in window.busy_label.text(), timeout=10_000)
    assert window.building() and window.busy_bar.isVisible()
    assert not window.pdf_button.isEnabled() and not window.csv_button.isEnabled()
    assert threading.get_ident() not in threads, "the rows are read on a worker thread"
    assert not target.exists(), "the file appears only once it is whole"
    window.resize(1100, 640)
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "reports-book-building-kk.png"))
    # The window still does its own work: another report is shown while the book is built.
    window.select(STOCK)
    assert window.stock_table.rowCount() > 0
    assert not window.pdf_button.isEnabled(), "one build at a time"

    with qtbot.waitSignal(window.save_ended, timeout=30_000):
        release.set()
    assert not window.building() and not window.busy_bar.isVisible()
    assert window.pdf_button.isEnabled()
    assert len(PdfReader(target).pages) > 1
    assert answers.infos and str(target) in answers.infos[0] and not answers.errors
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", ["pdf", "csv"])
def test_a_failed_build_writes_nothing_and_says_why(
    kind: str,
    qtbot: QtBot,
    window: ReportsWindow,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    def broken_book(_start: dt.date, _end: dt.date) -> Iterator[BookRow]:
        yield from (_row(n) for n in range(1, 150))
        raise RuntimeError("the disk controller stopped answering")

    _book(monkeypatch, window, broken_book)
    target = tmp_path / f"book.{kind}"
    target.write_bytes(b"last month's book")
    _choose(window, monkeypatch, target)
    button = window.pdf_button if kind == "pdf" else window.csv_button
    with qtbot.waitSignal(window.save_ended, timeout=30_000):
        button.click()
    assert answers.errors and "the disk controller stopped answering" in answers.errors[0]
    assert not answers.infos
    assert target.read_bytes() == b"last month's book", "the older file is left as it was"
    assert _leftovers(tmp_path) == []
    assert not window.building() and button.isEnabled()


def test_a_service_refusal_in_the_build_is_shown_in_the_ui_language(
    qtbot: QtBot,
    window: ReportsWindow,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    refusal = ServiceError("The period must start before it ends.")

    def refused(_start: dt.date, _end: dt.date) -> Iterator[BookRow]:
        raise refusal
        yield  # a generator, as the service's book is

    _book(monkeypatch, window, refused)
    _choose(window, monkeypatch, tmp_path / "book.pdf")
    with qtbot.waitSignal(window.save_ended, timeout=30_000):
        window.pdf_button.click()
    assert answers.errors == [refusal.message("kk")]
    assert "period" not in answers.errors[0]
    assert not (tmp_path / "book.pdf").exists()


def test_closing_the_main_window_cancels_the_build(
    qtbot: QtBot,
    workspace: Workspace,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    main = MainWindow(workspace, workspace.sign_in("registrar", "demo"))
    qtbot.addWidget(main)
    main.show()
    feature = next(f for f in main.features if isinstance(f, ReportsFeature))
    window = feature.open(BOOK)

    def endless(_start: dt.date, _end: dt.date) -> Iterator[BookRow]:
        yield from (_row(n) for n in itertools.count(1))

    _book(monkeypatch, window, endless)
    target = tmp_path / "book.pdf"
    _choose(window, monkeypatch, target)
    window.pdf_button.click()
    qtbot.waitUntil(lambda: "100" in window.busy_label.text(), timeout=10_000)
    main.close()
    assert window.build is None, "the close waited for the cancelled build"
    assert not target.exists() and _leftovers(tmp_path) == []
    assert not answers.errors and not answers.infos
