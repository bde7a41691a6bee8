"""Putting a PDF on paper: actual size, no margins, shifted by the printer's calibration.

Qt has no vector PDF renderer for a QPainter, so each page is rendered by QtPdf
into an image at the printer's resolution (at most 600 dpi, enough for a laser
printer and within a 4 GB office PC's memory) and drawn at its physical size.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from tirkeu.services.calibration import Calibration

MAX_DPI = 600
POINTS_PER_INCH = 72.0
MM_PER_INCH = 25.4


class PdfSource:
    """A PDF held in memory for QtPdf; the buffer must live as long as the document."""

    def __init__(self, pdf: bytes) -> None:
        self.buffer = QBuffer()
        self.buffer.setData(QByteArray(pdf))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self.buffer)

    @property
    def ok(self) -> bool:
        return self.document.status() == QPdfDocument.Status.Ready


def printer_names() -> list[str]:
    """The installed printers, the default one first."""
    default = QPrinterInfo.defaultPrinterName()
    names = QPrinterInfo.availablePrinterNames()
    return sorted(names, key=lambda n: (n != default, n.casefold()))


def make_printer(name: str | None, pdf_file: str | None = None) -> QPrinter:
    """A printer by name, or one writing a PDF file (for "print to file" and the tests)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if pdf_file is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(pdf_file)
    elif name:
        printer.setPrinterName(name)
    return printer


def print_pdf(
    pdf: bytes, printer: QPrinter, calibration: Calibration, max_dpi: int = MAX_DPI
) -> bool:
    """Print every page at its actual size; False when the printer refused the job."""
    source = PdfSource(pdf)
    if not source.ok or source.document.pageCount() == 0:
        return False
    doc = source.document
    first = doc.pagePointSize(0)
    printer.setFullPage(True)
    printer.setPageSize(
        QPageSize(first, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch)
    )
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape
        if first.width() > first.height()
        else QPageLayout.Orientation.Portrait
    )
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    resolution = printer.resolution()
    dpi = min(resolution, max_dpi)
    per_mm = resolution / MM_PER_INCH
    for index in range(doc.pageCount()):
        if index and not printer.newPage():
            painter.end()
            return False
        size: QSizeF = doc.pagePointSize(index)
        inches_w, inches_h = size.width() / POINTS_PER_INCH, size.height() / POINTS_PER_INCH
        image = doc.render(index, QSize(round(inches_w * dpi), round(inches_h * dpi)))
        target = QRectF(
            -calibration.dx_mm * per_mm,
            -calibration.dy_mm * per_mm,
            inches_w * resolution / calibration.scale,
            inches_h * resolution / calibration.scale,
        )
        painter.drawImage(target, image)
    return painter.end()
