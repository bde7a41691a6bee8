"""The act record printout: every field of the registered application, two copies (п. 35)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, PageBreak

from tirkeu.documents.flow import (
    CAPTION,
    HEADING,
    RIGHT,
    TITLE,
    build_pdf,
    field_table,
    para,
    signature_line,
    space,
)
from tirkeu.documents.parts import Rows, doc_text, id_document_text, person_rows
from tirkeu.documents.refusals import is_stillborn, require_registered
from tirkeu.documents.text import DASH, official_date, optional_date, or_dash, tr
from tirkeu.documents.words import enum_word
from tirkeu.domain.amendments import Amendment, AmendmentKind, BasisKind
from tirkeu.domain.application import Application, FatherBasis, MotherIdentity
from tirkeu.domain.record import ActRecord, Office
from tirkeu.labels import field_label

COPIES = 2


def act_record_pdf(
    record: ActRecord, office: Office, lang: str, amendments: Sequence[Amendment] = ()
) -> bytes:
    """Both copies of the act record in one PDF, each marked with its copy number.

    The record shows its current data; ``amendments`` (the approved ones) are
    printed after it as marks of change, each with its fields before and after.
    """
    require_registered(record, lang)
    title = tr(lang, "Birth act record No. %(number)s", number=record.number)
    story: list[Flowable] = []
    for copy in range(1, COPIES + 1):
        if copy > 1:
            story.append(PageBreak())
        story += _copy(record, office, lang, copy, title, amendments)
    return build_pdf(story, title, office.name(lang))


def _copy(
    record: ActRecord,
    office: Office,
    lang: str,
    copy: int,
    title: str,
    amendments: Sequence[Amendment] = (),
) -> list[Flowable]:
    app = record.application
    assert record.record_date is not None
    story: list[Flowable] = [
        para(tr(lang, "Copy %(n)s of %(total)s", n=copy, total=COPIES), RIGHT, bold=True),
        para(office.name(lang), RIGHT),
        space(4),
        para(title, TITLE),
        para(tr(lang, "drawn up %(date)s", date=official_date(record.record_date, lang)), TITLE),
        space(4),
    ]
    for heading, rows in _sections(record, app, lang):
        story.append(para(heading, HEADING))
        story.append(field_table(rows))
    for number, amendment in enumerate(amendments, start=1):
        story.append(para(tr(lang, "Mark of change %(n)s", n=number), HEADING))
        story.append(field_table(_mark_rows(amendment, lang)))
    story += [
        space(8),
        signature_line(tr(lang, "Registrar"), or_dash(record.registrar)),
        space(6),
        signature_line(tr(lang, "Head of the registering body"), office.head_name),
        space(2),
        para(tr(lang, "L.S."), CAPTION),
    ]
    return story


def _sections(record: ActRecord, app: Application, lang: str) -> list[tuple[str, Rows]]:
    sections = [
        (tr(lang, "Child"), _child_rows(app, lang)),
        (tr(lang, "Evidence of birth"), _evidence_rows(app, lang)),
        (tr(lang, "Mother"), _mother_rows(app, lang)),
        (tr(lang, "Father"), _father_rows(app, lang)),
    ]
    scenario_rows = _scenario_rows(app, lang)
    if scenario_rows:
        sections.append((tr(lang, "Documents of the registration"), scenario_rows))
    sections += [
        (tr(lang, "Applicant"), _applicant_rows(app, lang)),
        (tr(lang, "Registration"), _registration_rows(record, app, lang)),
    ]
    return sections


def _child_rows(app: Application, lang: str) -> Rows:
    child = app.child
    rows: Rows = [
        (tr(lang, "Surname"), or_dash(child.surname)),
        (tr(lang, "Name"), or_dash(child.given_name)),
        (tr(lang, "Patronymic"), or_dash(child.patronymic)),
        (tr(lang, "Sex"), enum_word(child.sex, lang)),
        (tr(lang, "Date of birth"), optional_date(child.birth_date, lang)),
        (tr(lang, "Place of birth"), or_dash(child.birth_place.text)),
        (tr(lang, "Where the birth took place"), enum_word(child.place_kind, lang)),
        (tr(lang, "KATO code of the place of birth"), or_dash(child.birth_place.kato)),
        (
            tr(lang, "Born"),
            tr(lang, "alive") if child.alive else tr(lang, "stillborn (para. 40)"),
        ),
        (tr(lang, "IIN"), or_dash(child.iin)),
    ]
    if child.multiple_birth is not None:
        rows.append(
            (
                tr(lang, "Multiple birth (para. 8)"),
                tr(
                    lang,
                    "child %(order)s of %(count)s",
                    order=child.multiple_birth.order,
                    count=child.multiple_birth.count,
                ),
            )
        )
    return rows


def _evidence_rows(app: Application, lang: str) -> Rows:
    evidence = app.birth_evidence
    if evidence is None:
        return [(tr(lang, "Document"), DASH)]
    return [(enum_word(evidence.kind, lang), doc_text(evidence, lang))]


def _mother_rows(app: Application, lang: str) -> Rows:
    rows = person_rows(app.mother, lang)
    if app.mother is not None and app.mother.identity is not None:
        rows.append(
            (tr(lang, "Data of the mother entered from"), enum_word(app.mother.identity, lang))
        )
        if app.mother.identity is MotherIdentity.FROM_MEDICAL_CERTIFICATE:
            rows.append(
                (tr(lang, "Mark"), tr(lang, "The data on the mother are recorded from her words"))
            )
    return rows


def _father_rows(app: Application, lang: str) -> Rows:
    rows = person_rows(app.father, lang) if app.father is not None else []
    rows.append((tr(lang, "Basis of the data on the father"), enum_word(app.father_basis, lang)))
    if app.father_basis is FatherBasis.MOTHER_STATEMENT:
        rows.append(
            (
                tr(lang, "Mark"),
                tr(
                    lang,
                    "The father's surname is recorded by the mother's surname, his name and "
                    "patronymic as she indicated (para. 26 2))",
                ),
            )
        )
    return rows


def _scenario_rows(app: Application, lang: str) -> Rows:
    rows: Rows = []
    if app.marriage is not None:
        m = app.marriage
        rows.append(
            (
                tr(lang, "Marriage certificate"),
                ", ".join(
                    p
                    for p in (
                        tr(lang, "No. %(number)s", number=or_dash(m.certificate_number)),
                        tr(lang, "dated %(date)s", date=official_date(m.date, lang))
                        if m.date
                        else "",
                        m.registry,
                    )
                    if p
                ),
            )
        )
        if m.ended is not None:
            ended = enum_word(m.ended.kind, lang)
            if m.ended.date is not None:
                ended += ", " + official_date(m.ended.date, lang)
            rows.append((tr(lang, "Marriage ended"), ended))
            if m.ended.document is not None:
                rows.append(
                    (
                        tr(lang, "Document on the end of the marriage"),
                        doc_text(m.ended.document, lang),
                    )
                )
    if app.husband_consent is not None:
        rows.append(
            (
                tr(lang, "Written consent of the husband (para. 25)"),
                doc_text(app.husband_consent, lang),
            )
        )
    if app.mother_consent is not None:
        rows.append(
            (tr(lang, "Consent of the mother (para. 26 3))"), doc_text(app.mother_consent, lang))
        )
    if app.found_child is not None:
        f = app.found_child
        rows += [
            (tr(lang, "Child found on"), optional_date(f.found_on, lang)),
            (tr(lang, "Place where the child was found"), or_dash(f.place)),
            (tr(lang, "Circumstances"), or_dash(f.circumstances)),
            (tr(lang, "Protocol or act (para. 15)"), doc_text(f.protocol, lang)),
            (tr(lang, "Medical document on age and sex"), doc_text(f.medical_document, lang)),
            (tr(lang, "Witnesses (para. 16)"), "; ".join(f.witnesses) or DASH),
        ]
    if app.surrogacy is not None:
        rows.append(
            (tr(lang, "Surrogacy contract (para. 22)"), doc_text(app.surrogacy.contract, lang))
        )
        if app.surrogacy.art_consent is not None:
            rows.append(
                (
                    tr(lang, "Consent to assisted reproduction (para. 22)"),
                    doc_text(app.surrogacy.art_consent, lang),
                )
            )
    if app.late_registration_conclusion is not None:
        rows.append(
            (
                tr(lang, "Conclusion on registration after one year (para. 18)"),
                doc_text(app.late_registration_conclusion, lang),
            )
        )
    return rows


def _applicant_rows(app: Application, lang: str) -> Rows:
    applicant = app.applicant
    rows: Rows = [(tr(lang, "Applicant"), enum_word(applicant.role, lang))]
    if applicant.person is not None:
        rows.append((tr(lang, "Surname, name, patronymic"), or_dash(applicant.person.full_name)))
        rows.append((tr(lang, "IIN"), or_dash(applicant.person.iin)))
        rows.append(
            (tr(lang, "Identity document"), id_document_text(applicant.person.document, lang))
        )
    if applicant.organization:
        rows.append((tr(lang, "Organization"), applicant.organization))
    if applicant.authority_document is not None:
        rows.append(
            (
                tr(lang, "Document of authority (para. 4)"),
                doc_text(applicant.authority_document, lang),
            )
        )
    rows.append((tr(lang, "Application received"), optional_date(app.received_on, lang)))
    return rows


def _registration_rows(record: ActRecord, app: Application, lang: str) -> Rows:
    assert record.record_date is not None
    document = (
        tr(lang, "Spravka of state registration of a stillborn child")
        if is_stillborn(record)
        else tr(lang, "Birth certificate")
    )
    return [
        (tr(lang, "Act record number"), str(record.number)),
        (tr(lang, "Date of the act record"), official_date(record.record_date, lang)),
        (tr(lang, "Circumstances of the registration"), enum_word(app.scenario, lang)),
        (tr(lang, "Language of the certificate (para. 30)"), enum_word(app.language, lang)),
        (tr(lang, "Document to be issued"), document),
    ]


def _kind_word(kind: AmendmentKind, lang: str) -> str:
    return {
        AmendmentKind.CHANGE: tr(lang, "change"),
        AmendmentKind.CORRECTION: tr(lang, "correction"),
        AmendmentKind.ADDITION: tr(lang, "addition"),
        AmendmentKind.RESTORATION: tr(lang, "restoration"),
        AmendmentKind.PATERNITY: tr(lang, "paternity established after registration"),
    }[kind]


def _basis_word(kind: BasisKind, lang: str) -> str:
    return {
        BasisKind.APPLICATION: tr(lang, "application"),
        BasisKind.COURT_DECISION: tr(lang, "court decision"),
        BasisKind.JOINT_PATERNITY_APPLICATION: tr(
            lang, "joint application of the parents on paternity"
        ),
        BasisKind.PATERNITY_ACKNOWLEDGMENT: tr(
            lang, "application of the man acknowledging paternity"
        ),
        BasisKind.MEDICAL_CERTIFICATE: tr(lang, "medical certificate"),
        BasisKind.REGISTRY_CONCLUSION: tr(lang, "conclusion of the registering body"),
        BasisKind.OTHER: tr(lang, "other document"),
    }[kind]


def _value_text(value: Any, lang: str) -> str:
    """A field's JSON value as one line: a person or document by its main data."""
    if value is None or value == "":
        return DASH
    if isinstance(value, dict):
        parts = [str(value[k]) for k in ("surname", "given_name", "patronymic") if value.get(k)]
        parts += [str(value[k]) for k in ("number", "date", "issuer", "iin") if value.get(k)]
        return ", ".join(parts) or DASH
    if isinstance(value, bool):
        return tr(lang, "yes") if value else tr(lang, "no")
    return str(value)


def _mark_rows(amendment: Amendment, lang: str) -> Rows:
    basis = amendment.basis
    rows: Rows = [
        (tr(lang, "Kind of the amendment"), _kind_word(amendment.kind, lang)),
        (tr(lang, "Date of the decision"), optional_date(amendment.decided_on, lang)),
        (
            tr(lang, "Basis"),
            DASH
            if basis is None
            else ", ".join(
                p
                for p in (
                    _basis_word(basis.kind, lang),
                    tr(lang, "No. %(number)s", number=or_dash(basis.number)),
                    tr(lang, "dated %(date)s", date=official_date(basis.date, lang))
                    if basis.date
                    else "",
                    basis.issuer,
                )
                if p
            ),
        ),
    ]
    for change in amendment.changes:
        rows.append(
            (
                field_label(change.path, lang),
                tr(
                    lang,
                    "was: %(before)s; now: %(after)s",
                    before=_value_text(change.before, lang),
                    after=_value_text(change.after, lang),
                ),
            )
        )
    return rows
