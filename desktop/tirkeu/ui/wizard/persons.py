"""The rows of a person (PERSON of the e-application) and of a document (DOC)."""

from __future__ import annotations

from collections.abc import Callable

from babel import Locale
from PySide6.QtWidgets import QLineEdit, QWidget

from tirkeu.i18n import N_, _, ui_language
from tirkeu.ui.wizard.fields import Choice, DateEdit, digits_edit
from tirkeu.ui.wizard.form_page import FormPage

COUNTRIES = ("KZ", "RU", "UZ", "KG", "TJ", "TM", "CN", "MN", "TR", "AZ", "BY", "UA", "stateless")

ID_DOCUMENTS = [
    ("id_card", N_("Identity card")),
    ("passport", N_("Passport of a citizen of Kazakhstan")),
    ("foreign_passport", N_("Foreign passport")),
    ("stateless_certificate", N_("Stateless person's certificate")),
    ("residence_permit", N_("Residence permit")),
]


def country_name(code: str) -> str:
    """A citizenship in the UI language (Babel's country names)."""
    if code == "stateless":
        return _("Stateless person")
    return Locale.parse(ui_language.code).territories.get(code, code)


def person_rows(
    page: FormPage, prefix: str, active: Callable[[], bool] | None = None
) -> dict[str, QWidget]:
    """Add the rows of a person at ``prefix``; returns the inputs by their sub-path."""
    widgets: dict[str, QWidget] = {
        "surname": QLineEdit(),
        "given_name": QLineEdit(),
        "patronymic": QLineEdit(),
        "birth_date": DateEdit(),
        "iin": digits_edit(12),
        "citizenship": Choice([(c, c) for c in COUNTRIES], country_name),
        "nationality": QLineEdit(),
        "document.kind": Choice(ID_DOCUMENTS),
        "document.number": QLineEdit(),
        "document.issued_on": DateEdit(),
        "document.issuer": QLineEdit(),
        "address": QLineEdit(),
    }
    labels = {
        "surname": N_("Surname"),
        "given_name": N_("Given name"),
        "patronymic": N_("Patronymic (if any)"),
        "birth_date": N_("Date of birth"),
        "iin": N_("IIN (12 digits)"),
        "citizenship": N_("Citizenship"),
        "nationality": N_("Nationality (only if the applicant wishes, п. 27)"),
        "document.kind": N_("Identity document"),
        "document.number": N_("Document number"),
        "document.issued_on": N_("Issued on"),
        "document.issuer": N_("Issued by"),
        "address": N_("Address"),
    }
    for sub, widget in widgets.items():
        page.row(labels[sub], widget, f"{prefix}.{sub}", active)
    return widgets


def doc_rows(
    page: FormPage, prefix: str, active: Callable[[], bool] | None = None
) -> dict[str, QWidget]:
    """Add the number, date and issuing body of a document at ``prefix``."""
    widgets: dict[str, QWidget] = {"number": QLineEdit(), "date": DateEdit(), "issuer": QLineEdit()}
    labels = {"number": N_("Number"), "date": N_("Date"), "issuer": N_("Issued by")}
    for sub, widget in widgets.items():
        page.row(labels[sub], widget, f"{prefix}.{sub}", active)
    return widgets
