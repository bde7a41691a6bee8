"""The transfer window: what waits to be sent, and the three ways to move it.

A bundle goes to a folder (a USB stick) or over the network; the district's
acknowledgement comes back from a file or as the network's answer.  The office
key's password is typed here for each session of work and kept only in the
password field.  Uploads run in a worker (:mod:`upload`); everything that
touches the database runs here, on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tirkeu.i18n import _, t, ui_language
from tirkeu.labels import status_label
from tirkeu.services.errors import ServiceError
from tirkeu.services.transfer import (
    AckReport,
    ExportResult,
    TransferService,
    TransferStatus,
    reason_text,
)
from tirkeu.ui.dialogs import dialogs
from tirkeu.ui.transfer.upload import UploadTask
from tirkeu.ui.widgets import ErrorLabel, named

UNSENT_ORDER = ("registered", "certificate_issued", "refused")
# A line of the results pane as HTML in a given language: the pane is drawn
# again from these when the language of the screen changes.
Entry = Callable[[str], str]


def _paragraph(text: Callable[[str], str], style: str = "") -> Entry:
    return lambda lang: f"<p{style}>{escape(text(lang))}</p>"


def last_transfer_text(state: TransferStatus, with_time: bool = True) -> str:
    if state.last_transfer is None or state.days_since is None:
        return _("never")
    when = state.last_transfer.strftime("%d.%m.%Y %H:%M" if with_time else "%d.%m.%Y")
    if state.days_since == 0:
        return _("{when} (today)").format(when=when)
    return _("{when} ({days} day(s) ago)").format(when=when, days=state.days_since)


def overdue_text(state: TransferStatus) -> str:
    if state.last_transfer is None:
        return _("Nothing has been sent to the district yet: send the records.")
    return _("No transfer for more than {days} day(s): send the records to the district.").format(
        days=state.warning_days
    )


def nothing_to_send(lang: str) -> str:
    return t(lang, "Nothing to send: nothing changed since the last bundle.")


def written_again(number: int, path: Path) -> Callable[[str], str]:
    return lambda lang: t(lang, "Bundle № {n} written again: {path}").format(
        n=number, path=str(path)
    )


def exported_html(result: ExportResult, lang: str) -> str:
    head = t(lang, "Bundle № {n} written: {path}").format(n=result.sequence, path=str(result.path))
    body = t(
        lang,
        "Act records: {records}, refusals: {refusals}, certificates: {certificates},"
        " blank movements: {blanks}.",
    ).format(
        records=result.records,
        refusals=result.refusals,
        certificates=result.certificates,
        blanks=result.blanks,
    )
    return f"<p><b>{escape(head)}</b><br>{escape(body)}</p>"


def ack_html(report: AckReport, lang: str) -> str:
    if report.already_applied:
        text = t(lang, "{file}: applied before; nothing changed.").format(file=report.file_name)
        return f"<p>{escape(text)}</p>"
    head = t(lang, "Acknowledgement of bundle № {n}").format(n=report.sequence)
    counts = t(
        lang,
        "Confirmed: {confirmed}, rejected: {rejected}, possible duplicates: {duplicates},"
        " IINs filled in: {iins}.",
    ).format(
        confirmed=report.confirmed,
        rejected=report.rejected,
        duplicates=report.duplicates,
        iins=report.iins_filled,
    )
    lines = [f"<p><b>{escape(head)}</b><br>{escape(counts)}</p>"]
    items = [
        t(lang, "Act record № {number}: {reasons}").format(
            number=r.number, reasons=reason_text(r.reasons, lang)
        )
        for r in report.results
        if r.reasons
    ]
    if items:
        lines.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
    return "".join(lines)


def ack_entry(report: AckReport) -> Entry:
    return lambda lang: ack_html(report, lang)


class TransferWindow(QWidget):
    """Non-modal; ``changed`` tells the main window that records changed state."""

    changed = Signal()
    closed = Signal()

    def __init__(self, service: TransferService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setObjectName("transfer_window")
        self.service = service
        self.task: UploadTask | None = None
        self._send_password = ""  # held only while an upload's answers come back
        self.file_dialog: QFileDialog | None = None
        self._results: list[Entry] = []

        layout = QVBoxLayout(self)
        self.waiting_box = QGroupBox()
        waiting = QFormLayout(self.waiting_box)
        self.count_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for code in UNSENT_ORDER:
            pair = (QLabel(), named(QLabel(), f"unsent_{code}"))
            self.count_labels[code] = pair
            waiting.addRow(*pair)
        self.last_caption = QLabel()
        self.last_label = named(QLabel(), "last_transfer")
        waiting.addRow(self.last_caption, self.last_label)
        self.open_caption = QLabel()
        self.open_label = named(QLabel(wordWrap=True), "unacknowledged")
        waiting.addRow(self.open_caption, self.open_label)
        self.warning = named(QLabel(wordWrap=True), "transfer_warning")
        self.warning.setStyleSheet("color: #a01010; font-weight: bold;")
        waiting.addRow(self.warning)
        layout.addWidget(self.waiting_box)

        self.settings_box = QGroupBox()
        form = QFormLayout(self.settings_box)
        self.password_label = QLabel()
        self.password = named(QLineEdit(echoMode=QLineEdit.EchoMode.Password), "key_password")
        self.password_label.setBuddy(self.password)
        form.addRow(self.password_label, self.password)
        self.url_label = QLabel()
        self.url = named(QLineEdit(), "district_url")
        self.url.setPlaceholderText("http://")
        self.url_label.setBuddy(self.url)
        form.addRow(self.url_label, self.url)
        self.days_label = QLabel()
        self.days = named(QSpinBox(minimum=1, maximum=365), "warning_days")
        self.days_label.setBuddy(self.days)
        self.save_button = named(QPushButton(), "save_settings")
        self.save_button.clicked.connect(self.save_settings)
        days_row = QHBoxLayout()
        days_row.addWidget(self.days)
        days_row.addStretch(1)
        days_row.addWidget(self.save_button)
        form.addRow(self.days_label, days_row)
        layout.addWidget(self.settings_box)

        buttons = QHBoxLayout()
        self.export_button = named(QPushButton(), "export_to_folder")
        self.send_button = named(QPushButton(), "send_network")
        self.ack_button = named(QPushButton(), "import_ack")
        self.resend_button = named(QPushButton(), "resend_missing")
        for button in (self.export_button, self.send_button, self.ack_button, self.resend_button):
            buttons.addWidget(button)
        self.export_button.clicked.connect(self.export_to_folder)
        self.send_button.clicked.connect(self.send)
        self.ack_button.clicked.connect(self.import_acks)
        self.resend_button.clicked.connect(self.resend_missing)
        layout.addLayout(buttons)

        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.results_label = QLabel()
        layout.addWidget(self.results_label)
        self.results = named(QTextBrowser(), "transfer_results")
        layout.addWidget(self.results, 1)

        self.setTabOrder(self.password, self.url)
        self.setTabOrder(self.url, self.days)
        self.setTabOrder(self.days, self.save_button)
        self.setTabOrder(self.save_button, self.export_button)
        self.password.returnPressed.connect(self.url.setFocus)
        self.url.returnPressed.connect(self.days.setFocus)

        ui_language.subscribe(self._on_language)
        self.retranslate()
        self.refresh()
        self.resize(760, 620)

    # --- text ----------------------------------------------------------------

    def _on_language(self, _code: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Transfer to the district registry"))
        self.waiting_box.setTitle(_("Not yet sent to the district"))
        for code, (caption, _count) in self.count_labels.items():
            caption.setText(status_label(code) + ":")
        self.last_caption.setText(_("Last transfer:"))
        self.open_caption.setText(_("Waiting for the district's answer:"))
        self.settings_box.setTitle(_("Key and network"))
        self.password_label.setText(_("Office key password:"))
        self.url_label.setText(_("District registry address:"))
        self.days_label.setText(_("Warn after days without transfer:"))
        self.save_button.setText(_("Save settings"))
        self.export_button.setText(_("Write bundle to folder / USB stick…"))
        self.send_button.setText(_("Send over the network"))
        self.ack_button.setText(_("Import acknowledgement…"))
        self.resend_button.setText(_("Write missing bundles again…"))
        self.results_label.setText(_("Results:"))
        self._show_results()
        self.refresh()

    def refresh(self) -> None:
        """Show the current state; the settings fields keep what is being typed."""
        state = self.service.status()
        for code, (_caption, count) in self.count_labels.items():
            count.setText(str(state.unsent.get(code, 0)))
        self.last_label.setText(last_transfer_text(state))
        waiting = ", ".join(f"№ {n}" for n in state.unacknowledged)
        self.open_label.setText(waiting or _("nothing"))
        warnings = []
        if state.overdue:
            warnings.append(overdue_text(state))
        if state.missing:
            numbers = ", ".join(str(n) for n in state.missing)
            warnings.append(
                _("The district has not received bundles {numbers}: write them again.").format(
                    numbers=numbers
                )
            )
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        self.resend_button.setVisible(bool(state.missing))
        if not self.url.isModified():
            self.url.setText(state.district_url)
            self.days.setValue(state.warning_days)

    def _busy(self, busy: bool) -> None:
        for button in (self.export_button, self.send_button, self.ack_button, self.resend_button):
            button.setEnabled(not busy)

    def _show_results(self) -> None:
        lang = ui_language.code
        self.results.setHtml("".join(entry(lang) for entry in self._results))
        self.results.verticalScrollBar().setValue(self.results.verticalScrollBar().maximum())

    def _say(self, entry: Entry) -> None:
        self._results.append(entry)
        self._show_results()

    def _say_text(self, text: Callable[[str], str]) -> None:
        self._say(_paragraph(text))

    def _fail(self, text: Callable[[str], str]) -> None:
        self.error.show_message(text)
        self._say(_paragraph(text, ' style="color:#a01010"'))

    def _key(self) -> str | None:
        if not self.password.text():
            self.error.show_message(lambda lang: t(lang, "Type the office key password first."))
            self.password.setFocus()
            return None
        self.error.clear_message()
        return self.password.text()

    def _done(self) -> None:
        self.refresh()
        self.changed.emit()

    # --- the file dialog seam ----------------------------------------------------

    def choose_folder(self, title: str, chosen: Callable[[Path], None]) -> None:
        """Ask for a folder without blocking; tests replace this method."""
        chooser = named(QFileDialog(self, title), "transfer_folder_dialog")
        chooser.setFileMode(QFileDialog.FileMode.Directory)
        chooser.setOption(QFileDialog.Option.ShowDirsOnly, True)
        chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        chooser.fileSelected.connect(lambda path: chosen(Path(path)))
        self.file_dialog = chooser
        chooser.open()

    def choose_ack_files(self, chosen: Callable[[list[Path]], None]) -> None:
        """Ask for acknowledgement files without blocking; tests replace this method."""
        chooser = named(QFileDialog(self, _("Acknowledgements")), "transfer_ack_dialog")
        chooser.setFileMode(QFileDialog.FileMode.ExistingFiles)
        chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        chooser.setNameFilter(_("Tirkeu acknowledgements (*.tkb)"))
        chooser.filesSelected.connect(lambda paths: chosen([Path(p) for p in paths]))
        self.file_dialog = chooser
        chooser.open()

    # --- actions ---------------------------------------------------------------

    def save_settings(self) -> None:
        try:
            self.service.save_settings(self.url.text(), self.days.value())
        except ServiceError as exc:
            self.error.show_message(exc.message)
            return
        self.error.clear_message()
        self.url.setModified(False)
        self.refresh()

    def export_to_folder(self) -> None:
        if self._key() is None:
            return
        self.choose_folder(_("Folder or USB stick for the bundle"), self.write_bundle)

    def write_bundle(self, folder: Path) -> None:
        password = self._key()
        if password is None:
            return
        try:
            result = self.service.export_next(folder, password)
        except ServiceError as exc:
            self._fail(exc.message)
            return
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self._fail(
                lambda lang: t(lang, "The folder {path} cannot be written: {reason}").format(
                    path=str(folder), reason=reason
                )
            )
            return
        if result is None:
            self._say_text(nothing_to_send)
        else:
            self._say(lambda lang: exported_html(result, lang))
            self._say_text(lambda lang: t(lang, "Take the file to the district registry."))
        self._done()

    def resend_missing(self) -> None:
        self.choose_folder(_("Folder or USB stick for the bundle"), self.write_missing)

    def write_missing(self, folder: Path) -> None:
        for number in self.service.status().missing:
            try:
                path = self.service.resend(number, folder)
            except ServiceError as exc:
                self._fail(exc.message)
                return
            self._say_text(written_again(number, path))
        self._done()

    def import_acks(self) -> None:
        if self._key() is None:
            return
        self.choose_ack_files(self.apply_ack_files)

    def apply_ack_files(self, paths: list[Path]) -> None:
        password = self._key()
        if password is None:
            return
        for path in paths:
            try:
                report = self.service.import_ack(path, password)
            except ServiceError as exc:
                self._fail(exc.message)
                continue
            self._say(ack_entry(report))
        self._done()

    def send(self) -> None:
        password = self._key()
        if password is None:
            return
        url = self.url.text().strip()
        if not url:
            self.error.show_message(
                lambda lang: t(lang, "Type the district registry's address first.")
            )
            self.url.setFocus()
            return
        try:
            files = self.service.prepare_send(password)
        except ServiceError as exc:
            self._fail(exc.message)
            return
        self._done()
        if not files:
            self._say_text(nothing_to_send)
            return
        self._say_text(lambda lang: t(lang, "Sending to {url}…").format(url=url))
        self._busy(True)
        self._send_password = password
        task = UploadTask(url, files)
        task.signals.answered.connect(self._answered)
        task.signals.failed.connect(self._upload_failed)
        task.signals.finished.connect(self._upload_finished)
        self.task = task
        QThreadPool.globalInstance().start(task)

    def _answered(self, bundle: Path, acknowledgement: bytes) -> None:
        try:
            report = self.service.receive_ack(acknowledgement, bundle, self._send_password)
        except ServiceError as exc:
            self._fail(exc.message)
            return
        self._say(ack_entry(report))

    def _upload_failed(self, bundle: Path, why: Callable[[str], str]) -> None:
        def text(lang: str) -> str:
            return t(lang, "{file} was not sent: {reason}").format(
                file=bundle.name, reason=why(lang)
            )

        self._fail(text)
        dialogs.error(self, _("Transfer to the district registry"), text(ui_language.code))

    def _upload_finished(self) -> None:
        self.task = None
        self._send_password = ""
        self._busy(False)
        self._done()

    def closeEvent(self, event: QCloseEvent) -> None:
        ui_language.unsubscribe(self._on_language)
        self.password.clear()
        self.closed.emit()
        super().closeEvent(event)
