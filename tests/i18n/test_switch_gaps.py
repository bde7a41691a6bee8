"""Messages shown after an action follow a language switch like every other text.

A message said in answer to what the person did (registration blocked, a bundle
that failed, a report that could not be saved, the checks of an amendment) is
kept as what it says, not as the words of the moment, so switching the
language from the main window turns it into the other language at once.  Each
test makes the window say it in Kazakh, switches to Russian and back, and
compares the screen with the catalogs.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.amendments.helpers import record_where
from tests.conftest import TODAY
from tests.services.test_stock import registered_with_iin
from tests.ui.typing import type_text
from tests.ui.wizard.drive import (
    Answers,
    acknowledge_warnings,
    answers,
    example,
    fill_to_review,
    finish,
    new_wizard,
    workspace,
)
from tirkeu.domain.findings import Finding, Severity
from tirkeu.i18n import t, ui_language
from tirkeu.services.accounts import AuditLogService
from tirkeu.services.amendments import finding_text
from tirkeu.services.errors import ServiceError
from tirkeu.services.printing import Document
from tirkeu.services.records import RegistrationBlocked
from tirkeu.services.reports import ReportService
from tirkeu.services.transfer import TransferService
from tirkeu.services.workspace import Workspace
from tirkeu.ui.amendments.window import AmendmentWindow
from tirkeu.ui.printing.calibration_window import CalibrationWindow
from tirkeu.ui.printing.print_window import PDF_FILE, PrintWindow
from tirkeu.ui.printing.stock_window import StockWindow
from tirkeu.ui.reports.window import MONTHLY, ReportsWindow
from tirkeu.ui.security.audit_view import AuditWindow
from tirkeu.ui.transfer import window as transfer_module
from tirkeu.ui.transfer.window import TransferWindow
from tirkeu.ui.wizard.pages import P_REVIEW
from tirkeu.ui.wizard.wizard import RegistrationWizard

pytestmark = pytest.mark.gui
__all__ = ["answers", "workspace"]
SHOTS = Path("/tmp/shots")
BLOCKED = (
    "Registration is blocked: correct the errors listed below; each is also shown next to "
    "its field."
)
CANNOT_OPEN_KEY = "The office key cannot be opened: wrong password or damaged file."


def _shot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    QApplication.processEvents()  # the layouts take the new texts' sizes
    widget.grab().save(str(SHOTS / f"{name}.png"))


def _each_language(name: str, widget: QWidget, check: Callable[[str], None]) -> None:
    """``check`` the texts in Kazakh, then after switching to Russian and back."""
    assert ui_language.code == "kk"
    check("kk")
    for lang in ("ru", "kk"):
        ui_language.set(lang)
        check(lang)
        _shot(widget, f"switch_{name}_{lang}")


# --- registration wizard ------------------------------------------------------


def _review(qtbot: QtBot, ws: Workspace) -> RegistrationWizard:
    wizard = new_wizard(qtbot, ws)
    wizard.resize(1000, 720)
    fill_to_review(qtbot, wizard, example("married"))
    acknowledge_warnings(wizard)
    return wizard


def test_blocked_registration_says_why_in_the_language_switched_to(
    qtbot: QtBot, workspace: Workspace, answers: Answers
) -> None:
    wizard = _review(qtbot, workspace)
    wizard.child_page.birth_date.setDate(QDate(TODAY.year + 1, 1, 5))
    finish(qtbot, wizard)
    assert wizard.currentId() == P_REVIEW, "an error blocks the finish"
    message = wizard.review_page.message
    assert message.isVisible()
    _each_language("wizard_blocked", wizard, lambda lang: _equal(message.text(), t(lang, BLOCKED)))


def test_registration_refused_by_the_service_lists_its_findings_in_the_new_language(
    qtbot: QtBot, workspace: Workspace, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = _review(qtbot, workspace)
    finding = Finding(
        Severity.ERROR, "child.birth_date", 15, "date.birth_future", {"birth_date": "05.01.2027"}
    )
    blocked = RegistrationBlocked([finding])

    def refuse(_ids: list[int], _acknowledged: list[str]) -> None:
        raise blocked

    monkeypatch.setattr(wizard.records, "register_births", refuse)
    finish(qtbot, wizard)
    assert wizard.currentId() == P_REVIEW
    message = wizard.review_page.message

    def check(lang: str) -> None:
        first, second = message.text().splitlines()
        _equal(first, blocked.message(lang))
        assert second.startswith(finding.message(lang)), second
        assert t(lang, "(para. {n})").format(n=15) in second

    _each_language("wizard_refused", wizard, check)


def test_possible_duplicates_are_listed_in_the_language_switched_to(
    qtbot: QtBot, workspace: Workspace, answers: Answers
) -> None:
    first = _review(qtbot, workspace)
    with qtbot.waitSignal(first.registered):
        finish(qtbot, first)
    wizard = _review(qtbot, workspace)
    duplicates = wizard.review_page.duplicates
    assert duplicates.isVisible()
    heading = "Possible duplicates already registered — check before registering:"
    _each_language(
        "wizard_duplicates",
        wizard,
        lambda lang: _equal(duplicates.text().splitlines()[0], t(lang, heading)),
    )


# --- transfer -----------------------------------------------------------------


@pytest.fixture
def ws(demo_world: Path) -> Iterator[Workspace]:
    opened = Workspace.open(demo_world / "akimat")
    yield opened
    opened.close()


@pytest.fixture
def transfer(qtbot: QtBot, ws: Workspace) -> TransferWindow:
    window = TransferWindow(TransferService(ws, ws.sign_in("registrar", "demo")))
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_failed_bundle_and_the_results_pane_follow_the_switch(
    qtbot: QtBot, transfer: TransferWindow, tmp_path: Path, answers: Answers
) -> None:
    type_text(transfer.password, "demo")
    transfer.write_bundle(tmp_path / "usb")
    [bundle] = (tmp_path / "usb").glob("*.tkb")
    transfer.password.clear()
    type_text(transfer.password, "wrong")
    transfer.write_bundle(tmp_path / "usb")

    def check(lang: str) -> None:
        _equal(transfer.error.text(), t(lang, CANNOT_OPEN_KEY))
        written = t(lang, "Bundle № {n} written: {path}").format(n=1, path=str(bundle))
        lines = transfer.results.toPlainText().splitlines()
        assert lines[0] == written
        assert lines[-2] == t(lang, "Take the file to the district registry.")
        assert lines[-1] == t(lang, CANNOT_OPEN_KEY)

    _each_language("transfer_failed", transfer, check)


def test_an_upload_that_failed_is_reported_in_the_language_switched_to(
    qtbot: QtBot,
    transfer: TransferWindow,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        transfer_module, "UploadTask", functools.partial(transfer_module.UploadTask, attempts=1)
    )
    type_text(transfer.password, "demo")
    type_text(transfer.url, "http://127.0.0.1:9")
    transfer.send()
    qtbot.waitUntil(lambda: transfer.task is None, timeout=60_000)
    assert len(answers.errors) == 1
    sent = t("kk", "Sending to {url}…").format(url="http://127.0.0.1:9")
    failed = t("kk", "{file} was not sent: {reason}").split("{file}")[1].split("{reason}")[0]
    assert transfer.results.toPlainText().splitlines() == [sent, answers.errors[0]]
    assert failed in answers.errors[0]

    def check(lang: str) -> None:
        sending, said = transfer.results.toPlainText().splitlines()
        assert sending == t(lang, "Sending to {url}…").format(url="http://127.0.0.1:9")
        unreachable = t(lang, "The district registry cannot be reached ({detail}).")
        assert unreachable.split("{detail}")[0] in said, said
        assert (
            t(lang, "{file} was not sent: {reason}").split("{reason}")[0].split("{file}")[1] in said
        )
        _equal(transfer.error.text(), said)

    _each_language("transfer_upload_failed", transfer, check)


# --- reports ------------------------------------------------------------------


@pytest.fixture
def reports(qtbot: QtBot, ws: Workspace) -> ReportsWindow:
    window = ReportsWindow(ws, ReportService(ws, ws.sign_in("registrar", "demo")))
    qtbot.addWidget(window)
    window.show()
    window.month.setDate(QDate(2026, 10, 1))
    return window


def test_the_report_summary_follows_the_switch(reports: ReportsWindow) -> None:
    reports.select(MONTHLY)
    figures = reports.service.monthly(dt.date(2026, 10, 1))
    summary = "Births registered: {n}; applications past the service term: {overdue}."
    _each_language(
        "report_summary",
        reports,
        lambda lang: _equal(
            reports.summary.text(),
            t(lang, summary).format(n=figures.registered, overdue=figures.overdue),
        ),
    )


def _save_to(reports: ReportsWindow, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Answer the file dialog with ``path``."""

    def ask(_caption: str, _filter: str, _suggested: str, chosen: Callable[[Path], None]) -> None:
        chosen(path)

    monkeypatch.setattr(reports, "ask_save_path", ask)


def test_a_report_that_could_not_be_saved_says_why_in_the_new_language(
    qtbot: QtBot,
    reports: ReportsWindow,
    tmp_path: Path,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "no such folder" / "monthly.pdf"
    _save_to(reports, monkeypatch, target)
    with qtbot.waitSignal(reports.save_ended, timeout=60_000):
        reports.save_pdf()
    assert not target.exists()
    error = reports.save_error
    assert error.isVisible() and answers.errors == [error.text()]
    reason = error.text().rsplit(": ", 1)[1].removesuffix(".")

    def check(lang: str) -> None:
        expected = t(lang, "Cannot write {path}: {error}.").format(path=str(target), error=reason)
        _equal(error.text(), expected)

    _each_language("report_failed", reports, check)
    _save_to(reports, monkeypatch, tmp_path / "monthly.pdf")
    with qtbot.waitSignal(reports.save_ended, timeout=60_000):
        reports.save_pdf()
    assert not error.isVisible(), "a save that went well clears the old failure"


# --- amendments ---------------------------------------------------------------


def test_the_checks_of_an_amendment_follow_the_switch(
    qtbot: QtBot, ws: Workspace, answers: Answers
) -> None:
    ws.sign_in("admin", "demo")
    record_id = record_where(ws, status="certificate_issued", scenario="married")
    window = AmendmentWindow(ws, ws.sign_in("registrar", "demo"), record_id)
    qtbot.addWidget(window)
    window.show()
    window.field.setEditText("child.given_name")
    type_text(window.new_value, "Ая")
    window.add_change()
    window.receive_button.click()
    assert window.table.rowCount() == 0, "no basis document: nothing received"
    found = window.service.findings(
        record_id, window.current_kind(), window.current_basis(), window.amendment_values()
    )
    assert found

    def check(lang: str) -> None:
        texts = [window.findings.item(i).text() for i in range(window.findings.count())]
        expected = [
            "{}: {}".format(
                t(lang, "Error") if f.is_error else t(lang, "Warning"), finding_text(f, lang)
            )
            for f in found
        ]
        assert texts == expected

    _each_language("amendment_findings", window, check)


def test_a_refused_check_of_an_amendment_follows_the_switch(
    qtbot: QtBot, ws: Workspace, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws.sign_in("admin", "demo")
    record_id = record_where(ws, status="certificate_issued", scenario="married")
    window = AmendmentWindow(ws, ws.sign_in("registrar", "demo"), record_id)
    qtbot.addWidget(window)
    refused = ServiceError("The amendment cannot be received on a future date.")

    def findings(*_args: object) -> list[Finding]:
        raise refused

    monkeypatch.setattr(window.service, "findings", findings)
    window.field.setEditText("child.given_name")
    type_text(window.new_value, "Ая")
    window.add_change()

    def check(lang: str) -> None:
        assert [window.findings.item(i).text() for i in range(window.findings.count())] == [
            refused.message(lang)
        ]

    _each_language("amendment_refused", window, check)


# --- what other windows say after an action -------------------------------------


def test_the_print_window_says_what_it_printed_in_the_new_language(
    qtbot: QtBot, ws: Workspace, tmp_path: Path
) -> None:
    ws.sign_in("admin", "demo")
    window = PrintWindow(
        ws, ws.sign_in("registrar", "demo"), registered_with_iin(ws), Document.CERTIFICATE
    )
    qtbot.addWidget(window)
    window.show()
    window.printer.setCurrentIndex(window.printer.findData(PDF_FILE))
    window.pdf_path.setText(str(tmp_path / "certificate.pdf"))
    window.print_now()
    assert window.last is not None and window.last.blank is not None
    blank = window.last.blank.label

    def printed(lang: str) -> None:
        sent = t(lang, "Sent to the printer on blank {blank}.").format(blank=blank)
        spoil = t(lang, "If it did not print right, mark the blank spoiled.")
        _equal(window.status.text(), f"{sent} {spoil}")

    _each_language("print_status", window, printed)
    type_text(window.spoil_reason, "Принтер қағазды қисық тартты")
    window.mark_spoiled()
    spoiled = "Blank {blank} is marked spoiled; printing again takes a new blank."
    _each_language(
        "print_spoiled",
        window,
        lambda lang: _equal(window.status.text(), t(lang, spoiled).format(blank=blank)),
    )


def test_the_stock_window_says_what_it_recorded_in_the_new_language(
    qtbot: QtBot, ws: Workspace
) -> None:
    window = StockWindow(ws, ws.sign_in("admin", "demo"))
    qtbot.addWidget(window)
    window.show()
    type_text(window.series, "ЖК")
    window.first.setValue(1)
    window.last.setValue(25)
    type_text(window.received_from, "Облыстық әділет департаменті")
    window.receive()
    received = "Received {n} blanks of series {series}."
    _each_language(
        "stock_received",
        window,
        lambda lang: _equal(window.status.text(), t(lang, received).format(n=25, series="ЖК")),
    )
    window.tabs.setCurrentIndex(1)
    type_text(window.find_series, "ЖК")
    type_text(window.find_number, "3")
    window.find_blank()

    def described(lang: str) -> None:
        other = "ru" if lang == "kk" else "kk"
        text = window.blank_info.text()
        assert t(lang, "In stock") in text and t(other, "In stock") not in text, text

    _each_language("stock_blank", window, described)


def test_the_calibration_saved_is_said_in_the_new_language(qtbot: QtBot, ws: Workspace) -> None:
    ws.sign_in("admin", "demo")
    window = CalibrationWindow(ws, ws.sign_in("registrar", "demo"))
    qtbot.addWidget(window)
    window.show()
    window.printer.setEditText("Office HP")
    window.dx.setValue(1.5)
    window.save()
    saved = "Saved for {printer}."
    _each_language(
        "calibration_saved",
        window,
        lambda lang: _equal(window.status.text(), t(lang, saved).format(printer="Office HP")),
    )


def test_the_audit_verdict_follows_the_switch(qtbot: QtBot, ws: Workspace) -> None:
    window = AuditWindow(AuditLogService(ws, ws.sign_in("admin", "demo")))
    qtbot.addWidget(window)
    window.show()
    window.verify_button.click()
    entries = window.service.verify().entries
    holds = "The audit chain holds: {n} entries."
    _each_language(
        "audit_verdict",
        window,
        lambda lang: _equal(window.verdict.text(), t(lang, holds).format(n=entries)),
    )


def _equal(shown: str, expected: str) -> None:
    """``shown`` is ``expected``, which the catalogs translate (it is not the English)."""
    assert shown == expected
    assert ui_language.code == "en" or not expected.isascii(), expected
