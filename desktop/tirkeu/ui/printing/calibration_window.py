"""Calibrating a printer: print the test sheet, enter what was measured, keep it per printer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tirkeu.i18n import _, t, ui_language
from tirkeu.services.auth import Actor
from tirkeu.services.calibration import (
    MAX_OFFSET_MM,
    RULER_MM,
    Calibration,
    calibration_sheet_pdf,
    load_calibration,
    save_calibration,
)
from tirkeu.services.errors import ServiceError
from tirkeu.services.workspace import Workspace
from tirkeu.ui.printing.printer import make_printer, print_pdf, printer_names
from tirkeu.ui.widgets import ErrorLabel, MessageLabel, named


class CalibrationWindow(QWidget):
    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("calibration_window")
        self.ws = ws
        self.actor = actor
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.printer = named(QComboBox(), "calibration_printer")
        self.printer.setEditable(True)
        self.printer.addItems(printer_names())
        self.dx = named(QDoubleSpinBox(), "calibration_dx")
        self.dy = named(QDoubleSpinBox(), "calibration_dy")
        for spin in (self.dx, self.dy):
            spin.setRange(-MAX_OFFSET_MM, MAX_OFFSET_MM)
            spin.setSingleStep(0.1)
            spin.setDecimals(1)
            spin.setSuffix(" mm")
        self.ruler = named(QDoubleSpinBox(), "calibration_ruler")
        self.ruler.setRange(RULER_MM * 0.9, RULER_MM * 1.1)
        self.ruler.setDecimals(1)
        self.ruler.setSingleStep(0.5)
        self.ruler.setSuffix(" mm")
        self.labels = [QLabel() for _i in range(4)]
        for label, field in zip(
            self.labels, (self.printer, self.dx, self.dy, self.ruler), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        layout.addLayout(form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.status = named(MessageLabel(), "calibration_status")
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.sheet_button = named(QPushButton(), "print_test_sheet")
        self.save_button = named(QPushButton(), "save_calibration")
        buttons.addWidget(self.sheet_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.printer.currentTextChanged.connect(self.load)
        self.sheet_button.clicked.connect(lambda: self.print_sheet())
        self.save_button.clicked.connect(self.save)
        ui_language.subscribe(self._on_language)
        self.retranslate()
        self.load()
        self.resize(560, 380)

    def _on_language(self, _code: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Printer calibration"))
        self.intro.setText(
            _(
                "Print the test sheet on this printer without any correction, measure where the "
                "upper cross came out and how long the ruler is, and enter it here. Every print "
                "on this printer is then moved back by that much."
            )
        )
        texts = [
            _("Printer"),
            _("Cross moved right by (− left)"),
            _("Cross moved down by (− up)"),
            _("The 100 mm ruler measures"),
        ]
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.sheet_button.setText(_("Print the test sheet"))
        self.save_button.setText(_("Save"))

    def load(self) -> None:
        cal = load_calibration(self.ws, self.printer.currentText())
        self.dx.setValue(cal.dx_mm)
        self.dy.setValue(cal.dy_mm)
        self.ruler.setValue(cal.scale * RULER_MM)

    def print_sheet(self, pdf_file: str | None = None) -> bool:
        printer = make_printer(self.printer.currentText(), pdf_file or None)
        ok = print_pdf(calibration_sheet_pdf(ui_language.code), printer, Calibration())
        if ok:
            self.status.show_message(
                lambda lang: t(lang, "The test sheet was sent to the printer.")
            )
        else:
            self.status.show_message(lambda lang: t(lang, "The printer did not take the job."))
        return ok

    def save(self) -> None:
        cal = Calibration(
            round(self.dx.value(), 1), round(self.dy.value(), 1), self.ruler.value() / RULER_MM
        )
        try:
            save_calibration(self.ws, self.actor, self.printer.currentText(), cal)
        except ServiceError as exc:
            self.error.show_message(exc.message)
            return
        self.error.clear_message()
        printer = self.printer.currentText()
        self.status.show_message(
            lambda lang: t(lang, "Saved for {printer}.").format(printer=printer)
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        ui_language.unsubscribe(self._on_language)
        super().closeEvent(event)
