"""The last page: the record as the certificate will read, findings, duplicates.

The preview is in the certificate's language (п. 30), the rest in the UI
language; each warning has a box the registrar ticks before Register.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWizardPage

from tirkeu.documents import official_date
from tirkeu.documents.words import citizenship
from tirkeu.domain.application import Application, Person
from tirkeu.domain.record import Office
from tirkeu.i18n import _, t, ui_language
from tirkeu.labels import status_label
from tirkeu.storage.records import JournalRow
from tirkeu.ui.widgets import named
from tirkeu.ui.wizard.form_page import FieldMessage
from tirkeu.ui.wizard.notices import Notice, NoticeList
from tirkeu.ui.wizard.pages import P_REVIEW

if TYPE_CHECKING:
    from tirkeu.ui.wizard.wizard import RegistrationWizard

DASH = "—"
# Labels of the certificate's fields, as the documents catalog words them.
CHILD_LABELS = (
    "surname",
    "name",
    "patronymic (if any)",
    "date of birth",
    "individual identification number",
    "place of birth",
    "date of the act record",
    "act record number",
)
PARENT_LABELS = (
    "father: surname, name, patronymic (if any)",
    "mother: surname, name, patronymic (if any)",
    "citizenship",
    "nationality",
)
PLACE_LABEL = "place of state registration (name of the registering body)"
TITLE = "BIRTH CERTIFICATE"
SPRAVKA_TITLE = "Spravka of state registration of a stillborn child"


def _doc(lang: str, msgid: str) -> str:
    return t(lang, msgid, "documents")


def _row(label: str, value: str | None) -> str:
    text = value.strip() if value and value.strip() else DASH
    return f"<tr><td style='color:#555'>{escape(label)}</td><td><b>{escape(text)}</b></td></tr>"


def certificate_html(app: Application, office: Office, record_date: dt.date) -> str:
    """The п. 29 fields of ``app`` in its certificate language, as registered on ``record_date``."""
    lang = app.language.value
    child = app.child
    values = (
        child.surname,
        child.given_name,
        child.patronymic,
        official_date(child.birth_date, lang) if child.birth_date else None,
        child.iin,
        child.birth_place.text,
        official_date(record_date, lang),
        None,
    )
    rows = [
        _row(_doc(lang, label), value) for label, value in zip(CHILD_LABELS, values, strict=True)
    ]

    def parent(label: str, person: Person | None) -> list[str]:
        return [
            _row(_doc(lang, label), person.full_name if person else None),
            _row(
                _doc(lang, PARENT_LABELS[2]),
                citizenship(person.citizenship, lang) if person else None,
            ),
            _row(_doc(lang, PARENT_LABELS[3]), person.nationality if person else None),
        ]

    rows += parent(PARENT_LABELS[0], app.father)
    rows += parent(PARENT_LABELS[1], app.mother)
    rows.append(_row(_doc(lang, PLACE_LABEL), office.name(lang)))
    # п. 40: a stillborn child gets a spravka, never a certificate.
    title = escape(_doc(lang, TITLE if child.alive else SPRAVKA_TITLE))
    return (
        f"<h3 style='text-align:center'>{title}</h3><table cellspacing='4'>{''.join(rows)}</table>"
    )


def duplicates_text(rows: list[JournalRow]) -> str:
    if not rows:
        return ""
    lines = [_("Possible duplicates already registered — check before registering:")]
    for row in rows:
        number = f"{row.number}/{row.year}" if row.number else DASH
        born = row.birth_date.strftime("%d.%m.%Y") if row.birth_date else ""
        lines.append(f"• {number}  {row.child}  {born}  ({status_label(row.status)})")
    return "\n".join(lines)


class ReviewPage(QWizardPage):
    page_id = P_REVIEW

    def __init__(self, wizard: RegistrationWizard) -> None:
        super().__init__()
        self.wiz = wizard
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.preview_label = QLabel()
        layout.addWidget(self.preview_label)
        self.preview = named(QTextBrowser(), "certificate_preview")
        layout.addWidget(self.preview, 3)
        self.findings_label = QLabel()
        layout.addWidget(self.findings_label)
        self.notice_list = NoticeList(checkable_warnings=True)
        self.notice_list.chosen.connect(wizard.go_to_notice)
        self.notice_list.itemChanged.connect(self._ticked)
        layout.addWidget(self.notice_list, 2)
        self.duplicates = named(QLabel(), "duplicates")
        self.duplicates.setWordWrap(True)
        self.duplicates.setStyleSheet("color: #8a5a00;")
        layout.addWidget(self.duplicates)
        self.message = named(FieldMessage(), "review_message")
        layout.addWidget(self.message)
        self.acknowledged: set[str] = set()
        # Kept to be shown again in the language the registrar switches to.
        self.duplicate_rows: list[JournalRow] = []
        self.blocked: Callable[[str], str] | None = None

    def initializePage(self) -> None:
        self.wiz.refresh()
        app = self.wiz.applications()[0]
        self.preview.setHtml(certificate_html(app, self.wiz.workspace.office(), self.wiz.today()))
        self.duplicate_rows = self.wiz.possible_duplicates()
        self._show_duplicates()
        self.blocked = None
        self.message.show_notices([])

    def _show_duplicates(self) -> None:
        self.duplicates.setText(duplicates_text(self.duplicate_rows))
        self.duplicates.setVisible(bool(self.duplicate_rows))

    def show_notices(self, notices: list[Notice]) -> None:
        self.notice_list.blockSignals(True)
        self.notice_list.show_notices(notices, self.acknowledged)
        self.notice_list.blockSignals(False)

    def _ticked(self) -> None:
        self.acknowledged = self.notice_list.acknowledged()

    def block(self, message: Callable[[str], str]) -> None:
        """Say why Register did not go; ``message`` renders it in a language, again on a switch."""
        self.blocked = message
        self.message.setStyleSheet("color: #a01010; font-weight: bold;")
        self.message.setText(message(ui_language.code))
        self.message.show()

    def validatePage(self) -> bool:
        return self.wiz.register()

    def retranslate(self) -> None:
        self.setTitle(_("Review and register"))
        self.setSubTitle(
            _("Check the record as the certificate will read it, then register or refuse.")
        )
        self.preview_label.setText(_("The certificate will read (in its language):"))
        self.findings_label.setText(
            _("Findings: correct every error; tick each warning you have checked.")
        )
        self._show_duplicates()
        if self.blocked is not None:
            self.message.setText(self.blocked(ui_language.code))
