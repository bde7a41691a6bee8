"""The print window: preview, printer, language and paper; print; mark a failed print spoiled.

Printing on a blank first issues the document through the service, which takes
the blank and commits it; only then does the job go to the printer.  "Proof"
prints the certificate with the blank's frame on plain paper and issues nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tirkeu.documents import Mode
from tirkeu.i18n import N_, _, t, ui_language
from tirkeu.services.auth import Actor
from tirkeu.services.calibration import load_calibration
from tirkeu.services.errors import ServiceError
from tirkeu.services.printing import Document, Printed, PrintingService
from tirkeu.services.repeat import Ground, Recipient, Relation
from tirkeu.services.stock import StockService
from tirkeu.services.workspace import Workspace
from tirkeu.ui.printing.preview import PdfPreview
from tirkeu.ui.printing.printer import make_printer, print_pdf, printer_names
from tirkeu.ui.recipients import RELATIONS
from tirkeu.ui.widgets import ErrorLabel, MessageLabel, named

DOCUMENT_TITLES = {
    Document.CERTIFICATE: N_("Birth certificate"),
    Document.REPEAT_CERTIFICATE: N_("Repeat birth certificate"),
    Document.STILLBIRTH_SPRAVKA: N_("Spravka of registration of a stillborn child"),
    Document.ACT_RECORD: N_("Act record (two copies)"),
    Document.REFUSAL: N_("Refusal of registration"),
}
ON_BLANKS = (Document.CERTIFICATE, Document.REPEAT_CERTIFICATE)
PDF_FILE = ""  # the printer combo's data for "PDF file"


class RecipientBox(QGroupBox):
    """Who receives a repeat certificate, as п. 45–46 ask (checked on every change)."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        form = QFormLayout(self)
        self.relation = named(QComboBox(), "recipient_relation")
        self.full_name = named(QLineEdit(), "recipient_name")
        self.document = named(QLineEdit(), "recipient_document")
        self.ground = named(QComboBox(), "repeat_ground")
        self.accompanied = named(QComboBox(), "recipient_accompanied")
        self.surrendered = named(QCheckBox(), "recipient_surrendered")
        self.child_has_id = named(QCheckBox(), "recipient_child_has_id")
        self.deprived = named(QCheckBox(), "recipient_deprived")
        self.labels = [QLabel() for _i in range(5)]
        for label, field in zip(
            self.labels,
            (self.relation, self.full_name, self.document, self.ground, self.accompanied),
            strict=True,
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        for box in (self.surrendered, self.child_has_id, self.deprived):
            form.addRow(box)
        for combo in (self.relation, self.ground, self.accompanied):
            combo.currentIndexChanged.connect(self.changed)
        for edit in (self.full_name, self.document):
            edit.editingFinished.connect(self.changed)
        for box in (self.surrendered, self.child_has_id, self.deprived):
            box.toggled.connect(self.changed)

    def retranslate(self) -> None:
        self.setTitle(_("Who receives it (para. 45, 46)"))
        texts = [_("Relation"), _("Full name"), _("Document"), _("Ground"), _("Accompanied by")]
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.surrendered.setText(_("The damaged certificate is handed in (para. 48)"))
        self.child_has_id.setText(_("The child (16–18) has an identity document"))
        self.deprived.setText(_("The parent is deprived of parental rights"))
        self._fill(self.relation, [(r, _(t)) for r, t in RELATIONS.items()])
        self._fill(self.ground, [(Ground.LOST, _("Lost")), (Ground.DAMAGED, _("Damaged"))])
        self._fill(
            self.accompanied,
            [(None, _("Nobody")), *((r, _(RELATIONS[r])) for r in list(RELATIONS)[:3])],
        )

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[object, str]]) -> None:
        current = combo.currentIndex()
        combo.blockSignals(True)
        combo.clear()
        for data, text in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(current, 0))
        combo.blockSignals(False)

    def recipient(self) -> Recipient:
        return Recipient(
            relation=Relation(self.relation.currentData()),
            full_name=self.full_name.text().strip(),
            document=self.document.text().strip(),
            ground=Ground(self.ground.currentData()),
            surrendered=self.surrendered.isChecked(),
            deprived_of_parental_rights=self.deprived.isChecked(),
            child_has_id=self.child_has_id.isChecked(),
            accompanied_by=self.accompanied.currentData(),
        )


class PrintWindow(QWidget):
    """Print one document of one record."""

    issued = Signal()

    def __init__(
        self,
        ws: Workspace,
        actor: Actor,
        record_id: int,
        document: Document,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("print_window")
        self.ws = ws
        self.actor = actor
        self.record_id = record_id
        self.document = document
        self.printing = PrintingService(ws, actor)
        self.last: Printed | None = None
        record = self.printing_record()

        layout = QHBoxLayout(self)
        self.preview = named(PdfPreview(), "print_preview")
        layout.addWidget(self.preview, 1)
        panel = QWidget()
        panel.setFixedWidth(460)  # word-wrapped labels get their height from a known width
        side = QVBoxLayout(panel)
        side.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(panel)
        self.heading = named(QLabel(), "print_heading")
        self.heading.setWordWrap(True)
        side.addWidget(self.heading)
        form = QFormLayout()
        self.lang = named(QComboBox(), "print_language")
        self.lang.addItem("Қазақша", "kk")
        self.lang.addItem("Русский", "ru")
        self.lang.setCurrentIndex(max(0, self.lang.findData(record)))
        self.printer = named(QComboBox(), "printer")
        for name in printer_names():
            self.printer.addItem(name, name)
        self.printer.addItem("", PDF_FILE)
        self.pdf_path = named(QLineEdit(str(Path.home() / "tirkeu-print.pdf")), "pdf_path")
        self.paper = named(QComboBox(), "paper_mode")
        self.form_labels = [QLabel() for _i in range(4)]
        for label, field in zip(
            self.form_labels, (self.lang, self.printer, self.pdf_path, self.paper), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        side.addLayout(form)
        self.recipient = RecipientBox()
        self.recipient.setVisible(document is Document.REPEAT_CERTIFICATE)
        side.addWidget(self.recipient)
        self.error = ErrorLabel()
        side.addWidget(self.error)
        self.print_button = named(QPushButton(), "print_button")
        side.addWidget(self.print_button)
        self.status = named(MessageLabel(), "print_status")
        side.addWidget(self.status)
        self.spoil_box = QGroupBox()
        spoil = QFormLayout(self.spoil_box)
        self.spoil_reason = named(QLineEdit(), "spoil_reason")
        self.spoil_button = named(QPushButton(), "spoil_button")
        spoil.addRow(self.spoil_reason)
        spoil.addRow(self.spoil_button)
        self.spoil_box.setEnabled(False)
        self.spoil_box.setVisible(document in ON_BLANKS)
        side.addWidget(self.spoil_box)
        side.addStretch(1)

        self.lang.currentIndexChanged.connect(self.refresh_preview)
        self.paper.currentIndexChanged.connect(self.refresh_preview)
        self.printer.currentIndexChanged.connect(self._printer_changed)
        self.recipient.changed.connect(self.refresh_preview)
        self.print_button.clicked.connect(self.print_now)
        self.spoil_button.clicked.connect(self.mark_spoiled)
        self.pdf_path.returnPressed.connect(self.print_button.setFocus)
        ui_language.subscribe(self._on_language)
        self.retranslate()
        self._printer_changed()
        self.refresh_preview()
        self.resize(1100, 720)

    def printing_record(self) -> str:
        from tirkeu.services.records import RecordService

        record = RecordService(self.ws, self.actor).get(self.record_id)
        self.child = record.application.child.full_name
        return record.application.language.value

    def _on_language(self, _code: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        title = _(DOCUMENT_TITLES[self.document])
        self.setWindowTitle(_("Print: {document}").format(document=title))
        self.heading.setText(f"<b>{title}</b><br>{self.child}")
        texts = [_("Document language"), _("Printer"), _("PDF file"), _("Paper")]
        for label, text in zip(self.form_labels, texts, strict=True):
            label.setText(text)
        self.printer.setItemText(self.printer.count() - 1, _("Save as a PDF file"))
        current = self.paper.currentIndex()
        self.paper.blockSignals(True)
        self.paper.clear()
        if self.document in ON_BLANKS:
            self.paper.addItem(_("On the gerbed blank (issues the certificate)"), Mode.BLANK)
            self.paper.addItem(_("Proof on plain paper (issues nothing)"), Mode.PROOF)
        else:
            self.paper.addItem(_("Plain paper"), Mode.BLANK)
        self.paper.setCurrentIndex(max(0, current))
        self.paper.blockSignals(False)
        self.recipient.retranslate()
        self.print_button.setText(_("Print"))
        self.spoil_box.setTitle(_("The print failed or is misaligned"))
        self.spoil_reason.setPlaceholderText(_("Why the blank is spoiled"))
        self.spoil_button.setText(_("Mark the blank spoiled"))

    def _printer_changed(self) -> None:
        to_file = self.printer.currentData() == PDF_FILE
        self.pdf_path.setVisible(to_file)
        self.form_labels[2].setVisible(to_file)

    def _recipient(self) -> Recipient | None:
        if self.document is Document.REPEAT_CERTIFICATE:
            return self.recipient.recipient()
        return None

    def refresh_preview(self) -> None:
        """The specimen of what will print; a refusal shows its reason and blocks printing."""
        mode = Mode.PREVIEW if self.paper.currentData() == Mode.BLANK else Mode.PROOF
        try:
            pdf = self.printing.preview(
                self.record_id, self.document, self.lang.currentData(), mode, self._recipient()
            )
        except ServiceError as exc:
            self.preview.show_pdf(None)
            self.error.show_message(exc.message)
            self.print_button.setEnabled(False)
            return
        self.error.clear_message()
        self.print_button.setEnabled(True)
        self.preview.show_pdf(pdf)

    def printer_name(self) -> str:
        data = self.printer.currentData()
        return f"pdf:{self.pdf_path.text()}" if data == PDF_FILE else str(data)

    def print_now(self) -> None:
        lang = self.lang.currentData()
        try:
            if self.paper.currentData() == Mode.PROOF:
                pdf = self.printing.preview(
                    self.record_id, self.document, lang, Mode.PROOF, self._recipient()
                )
                self.last = None
            else:
                self.last = self.printing.issue(
                    self.record_id, self.document, lang, self.printer_name(), self._recipient()
                )
                pdf = self.last.pdf
                self.issued.emit()
        except ServiceError as exc:
            self.error.show_message(exc.message)
            return
        self.error.clear_message()
        data = self.printer.currentData()
        printer = make_printer(
            None if data == PDF_FILE else data, self.pdf_path.text() if data == PDF_FILE else None
        )
        ok = print_pdf(pdf, printer, load_calibration(self.ws, self.printer_name()))
        blank = self.last.blank if self.last else None
        if blank is not None:
            self.spoil_box.setEnabled(True)
            label = blank.label
            sent = (
                N_("Sent to the printer on blank {blank}.")
                if ok
                else N_("The printer did not take the job for blank {blank}.")
            )
            self.status.show_message(
                lambda lang: (
                    t(lang, sent).format(blank=label)
                    + " "
                    + t(lang, "If it did not print right, mark the blank spoiled.")
                )
            )
        elif ok:
            self.status.show_message(lambda lang: t(lang, "Sent to the printer."))
        else:
            self.status.show_message(lambda lang: t(lang, "The printer did not take the job."))
        self.refresh_preview()

    def mark_spoiled(self) -> None:
        blank = self.last.blank if self.last else None
        if blank is None:
            return
        try:
            StockService(self.ws, self.actor).spoil(blank.id, self.spoil_reason.text())
        except ServiceError as exc:
            self.error.show_message(exc.message)
            return
        self.error.clear_message()
        self.spoil_box.setEnabled(False)
        self.spoil_reason.clear()
        self.last = None
        label = blank.label
        self.status.show_message(
            lambda lang: t(
                lang, "Blank {blank} is marked spoiled; printing again takes a new blank."
            ).format(blank=label)
        )
        self.issued.emit()
        self.refresh_preview()

    def closeEvent(self, event: QCloseEvent) -> None:
        ui_language.unsubscribe(self._on_language)
        super().closeEvent(event)
