"""A PDF shown on screen with QtPdf, pages scrolled, fitted to the view."""

from __future__ import annotations

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QWidget

from tirkeu.ui.printing.printer import PdfSource


class PdfPreview(QPdfView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.FitInView)
        # Shown when there is nothing to show: QPdfView warns on a null document.
        self._empty = QPdfDocument(self)
        self.setDocument(self._empty)
        self.source: PdfSource | None = None

    def show_pdf(self, pdf: bytes | None) -> None:
        """Show ``pdf``; None clears the view."""
        # The view lets go of the old document before the old one is freed.
        source = PdfSource(pdf) if pdf else None
        self.setDocument(source.document if source else self._empty)
        self.source = source
