"""The print, calibration and stock windows driven end to end, printing to PDF offscreen."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.services.test_stock import clock, registered_with_iin
from tests.ui.typing import type_text
from tirkeu.services.calibration import Calibration, load_calibration, save_calibration
from tirkeu.services.printing import Document
from tirkeu.services.repeat import Relation
from tirkeu.services.stock import BlankStatus, StockService
from tirkeu.services.workspace import Workspace
from tirkeu.storage.models import ActRecordRow, PrintJobRow
from tirkeu.ui.main_window import MainWindow
from tirkeu.ui.printing.feature import PrintingFeature
from tirkeu.ui.printing.print_window import PDF_FILE, PrintWindow
from tirkeu.ui.printing.printer import make_printer, print_pdf
from tirkeu.ui.printing.stock_window import StockWindow

pytestmark = pytest.mark.gui
SHOTS = Path("/tmp/shots")


@pytest.fixture
def ws(demo_world: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(demo_world / "akimat", clock=clock)
    workspace.sign_in("admin", "demo")  # opens the encrypted database
    yield workspace
    workspace.close()


def shot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def has_ink(view: QWidget) -> bool:
    """The preview has drawn its page: some dark pixels in the middle of the view."""
    image = view.grab().toImage()
    w, h = image.width(), image.height()
    return any(
        image.pixelColor(x, y).lightness() < 100
        for x in range(w // 4, 3 * w // 4, 3)
        for y in range(h // 8, h // 2, 3)
    )


def pages(path: Path) -> list[float]:
    """Width and height of every page, in points, one after the other."""
    sizes = []
    for page in PdfReader(io.BytesIO(path.read_bytes())).pages:
        sizes += [float(page.mediabox.width), float(page.mediabox.height)]
    return sizes


def _dark_profiles(pdf: Path, dpi: int) -> tuple[list[int], list[int]]:
    """Dark pixels per column and per row of page 1 (via pdftoppm)."""
    out = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-f", "1", "-l", "1", str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    _header, _sep, rest = out.partition(b"\n")
    dims, _sep, data = rest.partition(b"\n")
    data = data.partition(b"\n")[2]
    width, height = (int(v) for v in dims.split())
    columns, rows = [0] * width, [0] * height
    for i, v in enumerate(data[: width * height]):
        if v < 128:
            columns[i % width] += 1
            rows[i // width] += 1
    return columns, rows


def _best_shift(before: list[int], after: list[int], limit: int) -> int:
    """The shift (in pixels) that lays ``before`` best onto ``after``.

    Matching whole profiles, not the first dark pixel, keeps the measure true when a
    line at the page edge is clipped in one print and not in the other.
    """

    def cost(shift: int) -> int:
        return sum(abs(before[i] - after[i + shift]) for i in range(len(before) - limit))

    return min(range(limit), key=cost)


def ink_shift(plain: Path, shifted: Path, dpi: int = 50) -> tuple[int, int]:
    (cols0, rows0), (cols1, rows1) = _dark_profiles(plain, dpi), _dark_profiles(shifted, dpi)
    limit = dpi  # up to an inch
    return _best_shift(cols0, cols1, limit), _best_shift(rows0, rows1, limit)


def to_pdf(window: PrintWindow, path: Path) -> None:
    window.printer.setCurrentIndex(window.printer.findData(PDF_FILE))
    window.pdf_path.setText(str(path))


def test_print_certificate_then_spoil_and_reprint_on_a_new_blank(
    qtbot: QtBot, ws: Workspace, tmp_path: Path
) -> None:
    record_id = registered_with_iin(ws)
    actor = ws.sign_in("registrar", "demo")
    window = PrintWindow(ws, actor, record_id, Document.CERTIFICATE)
    qtbot.addWidget(window)
    window.show()
    assert window.print_button.isEnabled()
    assert window.preview.source is not None and window.preview.source.ok
    qtbot.waitUntil(lambda: has_ink(window.preview), timeout=10000)
    shot(window, "print_window")
    first = tmp_path / "first.pdf"
    to_pdf(window, first)
    qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    assert window.last is not None and window.last.blank is not None
    blank = window.last.blank
    assert blank.label in window.status.text()
    with ws.db.session() as s:
        job = s.get_one(PrintJobRow, window.last.job_id)
        assert job.printer == f"pdf:{first}" and job.blank_id == blank.id
    source = tmp_path / "source.pdf"
    source.write_bytes(window.last.pdf)
    assert pages(first) == pytest.approx(pages(source), abs=1)
    shot(window, "print_window_printed")
    assert window.spoil_box.isEnabled()
    type_text(window.spoil_reason, "Қағаз қисық түсті")
    qtbot.mouseClick(window.spoil_button, Qt.MouseButton.LeftButton)
    stock = StockService(ws, actor)
    assert stock.find(blank.series, blank.number).status is BlankStatus.SPOILED
    assert not window.spoil_box.isEnabled()
    second = tmp_path / "second.pdf"
    to_pdf(window, second)
    qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    assert window.last is not None and window.last.blank is not None
    assert window.last.blank.id != blank.id
    with ws.db.session() as s:
        assert s.get_one(ActRecordRow, record_id).status == "certificate_issued"
    window.close()


def test_printing_keeps_actual_size_and_applies_the_calibration(
    qtbot: QtBot, ws: Workspace, tmp_path: Path
) -> None:
    """The printed page has the document's size; the calibration shifts it by the mm given."""
    record_id = registered_with_iin(ws)
    actor = ws.sign_in("registrar", "demo")
    window = PrintWindow(ws, actor, record_id, Document.CERTIFICATE)
    qtbot.addWidget(window)
    proof = window.paper.findData("proof")
    window.paper.setCurrentIndex(proof)
    plain, shifted = tmp_path / "plain.pdf", tmp_path / "shifted.pdf"
    to_pdf(window, plain)
    qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    assert window.last is None, "a proof issues nothing"
    assert StockService(ws, actor).next_blank() is not None
    save_calibration(ws, actor, f"pdf:{shifted}", Calibration(-5.0, -10.0, 1.0))
    to_pdf(window, shifted)
    qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    assert pages(plain) == pages(shifted)
    dx, dy = ink_shift(plain, shifted)
    per_mm = 50 / 25.4
    assert dx == pytest.approx(5 * per_mm, abs=1.5)
    assert dy == pytest.approx(10 * per_mm, abs=1.5)
    window.close()


def test_repeat_certificate_window_explains_who_may_not_receive_it(
    qtbot: QtBot, ws: Workspace, tmp_path: Path
) -> None:
    from tirkeu.services.printing import PrintingService

    record_id = registered_with_iin(ws)
    actor = ws.sign_in("registrar", "demo")
    PrintingService(ws, actor).issue_certificate(record_id, "kk")
    window = PrintWindow(ws, actor, record_id, Document.REPEAT_CERTIFICATE)
    qtbot.addWidget(window)
    window.show()
    box = window.recipient
    box.relation.setCurrentIndex(box.relation.findData(Relation.SELF))
    assert not window.print_button.isEnabled()
    assert "45" in window.error.text()
    box.relation.setCurrentIndex(box.relation.findData(Relation.PARENT))
    box.deprived.setChecked(True)
    assert "46" in window.error.text()
    shot(window, "repeat_window_refused")
    box.deprived.setChecked(False)
    assert window.print_button.isEnabled()
    to_pdf(window, tmp_path / "repeat.pdf")
    qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    assert window.last is not None and window.last.blank is not None
    window.close()


def test_the_stock_window_receives_spoils_seizes_and_destroys(qtbot: QtBot, ws: Workspace) -> None:
    admin = ws.sign_in("admin", "demo")
    window = StockWindow(ws, admin)
    qtbot.addWidget(window)
    window.show()
    shot(window, "stock_books")
    type_text(window.series, "ЖК")
    window.first.setValue(1)
    window.last.setValue(25)
    type_text(window.received_from, "Облыстық әділет департаменті")
    qtbot.mouseClick(window.receive_button, Qt.MouseButton.LeftButton)
    assert not window.error.isVisibleTo(window), window.error.text()
    assert window.table.rowCount() == 2
    assert "ЖК" in window.numbers.toPlainText()
    window.tabs.setCurrentIndex(1)
    type_text(window.find_series, "ЖК")
    type_text(window.find_number, "3")
    type_text(window.reason, "Баспаханалық ақау")
    qtbot.mouseClick(window.spoil_button, Qt.MouseButton.LeftButton)
    assert StockService(ws, admin).find("ЖК", "3").status is BlankStatus.SPOILED
    issued = StockService(ws, admin).blanks(BlankStatus.ISSUED, limit=1)[0]
    type_text(window.find_series, issued.series)
    type_text(window.find_number, issued.number)
    qtbot.mouseClick(window.seize_button, Qt.MouseButton.LeftButton)
    assert "49" in window.error.text()
    type_text(window.official, "Тергеуші Омаров Б.")
    type_text(window.basis, "Қаулы № 12")
    qtbot.mouseClick(window.seize_button, Qt.MouseButton.LeftButton)
    assert StockService(ws, admin).find(issued.series, issued.number).status is BlankStatus.SEIZED
    shot(window, "stock_blank")
    window.tabs.setCurrentIndex(2)
    assert window.destroyable.count() >= 1
    window.destroyable.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(window.draft_button, Qt.MouseButton.LeftButton)
    assert window.act_preview.source is not None and window.act_preview.source.ok
    qtbot.waitUntil(lambda: has_ink(window.act_preview), timeout=10000)
    shot(window, "stock_destruction")
    qtbot.mouseClick(window.approve_button, Qt.MouseButton.LeftButton)
    assert "approve_destruction" in window.error.text()
    window.close()

    head = ws.sign_in("head", "demo")
    window = StockWindow(ws, head)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(2)
    window.destroyable.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(window.approve_button, Qt.MouseButton.LeftButton)
    assert not window.error.isVisibleTo(window), window.error.text()
    assert StockService(ws, head).find("ЖК", "3").status is BlankStatus.DESTROYED
    assert StockService(ws, head).report().balanced
    window.close()


def test_calibration_window_saves_per_printer(qtbot: QtBot, ws: Workspace, tmp_path: Path) -> None:
    from tirkeu.ui.printing.calibration_window import CalibrationWindow

    actor = ws.sign_in("registrar", "demo")
    window = CalibrationWindow(ws, actor)
    qtbot.addWidget(window)
    window.show()
    window.printer.setEditText("Office HP")
    assert window.print_sheet(str(tmp_path / "sheet.pdf"))
    assert (tmp_path / "sheet.pdf").stat().st_size > 1000
    window.dx.setValue(1.5)
    window.dy.setValue(-0.7)
    window.ruler.setValue(101.0)
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert load_calibration(ws, "Office HP") == Calibration(1.5, -0.7, 1.01)
    shot(window, "calibration")
    window.close()


def test_the_main_window_offers_printing_and_stock(qtbot: QtBot, ws: Workspace) -> None:
    actor = ws.sign_in("registrar", "demo")
    main = MainWindow(ws, actor)
    qtbot.addWidget(main)
    feature = next(f for f in main.features if isinstance(f, PrintingFeature))
    assert main.menu_documents.actions()
    with ws.db.session() as s:
        refused = s.scalar(select(ActRecordRow.id).where(ActRecordRow.status == "refused"))
    main.search.setText("")
    row = next(
        r
        for r in range(main.model.rowCount())
        if main.model.data(main.model.index(r, 0), Qt.ItemDataRole.UserRole) == refused
    )
    main.table.selectRow(row)
    window = feature.open_print(Document.REFUSAL)
    assert window is not None and window.print_button.isEnabled()
    window.close()
    stock = feature.open_stock()
    assert stock.table.rowCount() == 1
    stock.close()
    main.close()


def test_print_pdf_refuses_garbage(qtbot: QtBot, tmp_path: Path) -> None:
    printer = make_printer(None, str(tmp_path / "x.pdf"))
    assert not print_pdf(b"not a pdf", printer, Calibration())
