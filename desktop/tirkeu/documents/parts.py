"""Rows shared by the plain-paper documents: a person, a supporting document."""

from __future__ import annotations

from tirkeu.documents.text import DASH, official_date, optional_date, or_dash, tr
from tirkeu.documents.words import citizenship, enum_word
from tirkeu.domain.application import BirthEvidence, Doc, IdDocument, Person

Rows = list[tuple[str, str]]


def doc_text(doc: Doc | BirthEvidence | None, lang: str) -> str:
    """ "No. 12 of 2023 жылғы 1 шілде, issuer" — or a dash when absent."""
    if doc is None:
        return DASH
    parts = [tr(lang, "No. %(number)s", number=or_dash(doc.number))]
    if doc.date is not None:
        parts.append(tr(lang, "dated %(date)s", date=official_date(doc.date, lang)))
    if doc.issuer:
        parts.append(doc.issuer)
    return ", ".join(parts)


def id_document_text(doc: IdDocument | None, lang: str) -> str:
    if doc is None:
        return DASH
    parts = [enum_word(doc.kind, lang), tr(lang, "No. %(number)s", number=or_dash(doc.number))]
    if doc.issued_on is not None:
        parts.append(tr(lang, "issued %(date)s", date=official_date(doc.issued_on, lang)))
    if doc.issuer:
        parts.append(doc.issuer)
    return ", ".join(parts)


def person_rows(person: Person | None, lang: str) -> Rows:
    """Name, birth date, IIN, citizenship, nationality, document and address."""
    if person is None:
        return [(tr(lang, "Surname, name, patronymic"), DASH)]
    return [
        (tr(lang, "Surname, name, patronymic"), or_dash(person.full_name)),
        (tr(lang, "Date of birth"), optional_date(person.birth_date, lang)),
        (tr(lang, "IIN"), or_dash(person.iin)),
        (tr(lang, "Citizenship"), citizenship(person.citizenship, lang)),
        (tr(lang, "Nationality"), or_dash(person.nationality)),
        (tr(lang, "Identity document"), id_document_text(person.document, lang)),
        (tr(lang, "Address"), or_dash(person.address)),
    ]
