"""The spravka of state registration of a stillborn child (п. 40): never a certificate."""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable

from tirkeu.documents.flow import (
    CAPTION,
    CENTER,
    JUSTIFIED,
    TITLE,
    build_pdf,
    field_table,
    para,
    signature_line,
    space,
)
from tirkeu.documents.refusals import DocumentRefused, is_stillborn, require_registered
from tirkeu.documents.text import DASH, official_date, optional_date, or_dash, tr
from tirkeu.documents.words import enum_word
from tirkeu.domain.record import ActRecord, Office


def stillbirth_spravka_pdf(
    record: ActRecord, office: Office, lang: str, issued_on: dt.date
) -> bytes:
    """The spravka on plain A4, signed by the head under the seal (п. 38)."""
    if not is_stillborn(record):
        raise DocumentRefused(
            "The child was born alive: issue the birth certificate, not the stillbirth spravka",
            40,
            lang,
        )
    require_registered(record, lang)
    assert record.record_date is not None
    app = record.application
    child = app.child
    title = tr(lang, "Spravka of state registration of a stillborn child")
    mother = app.mother.full_name if app.mother else DASH
    father = app.father.full_name if app.father else DASH
    story: list[Flowable] = [
        para(office.name(lang), CENTER, bold=True),
        space(10),
        para(title, TITLE),
        para(tr(lang, "No. %(number)s", number=record.number), TITLE),
        space(6),
        para(
            tr(
                lang,
                "The birth of a stillborn child has been registered with the drawing up of "
                "act record No. %(number)s of %(date)s.",
                number=record.number,
                date=official_date(record.record_date, lang),
            ),
            JUSTIFIED,
        ),
        space(4),
        field_table(
            [
                (tr(lang, "Surname of the child"), or_dash(child.surname)),
                (tr(lang, "Sex"), enum_word(child.sex, lang)),
                (tr(lang, "Date of birth"), optional_date(child.birth_date, lang)),
                (tr(lang, "Place of birth"), or_dash(child.birth_place.text)),
                (tr(lang, "Mother"), or_dash(mother)),
                (tr(lang, "Father"), or_dash(father)),
                (tr(lang, "Act record number"), str(record.number)),
                (tr(lang, "Date of the act record"), official_date(record.record_date, lang)),
                (tr(lang, "Place of state registration"), office.name(lang)),
                (tr(lang, "Date of issue"), official_date(issued_on, lang)),
            ]
        ),
        space(4),
        para(
            tr(lang, "A birth certificate is not issued for a stillborn child (para. 40)."),
            JUSTIFIED,
        ),
        space(14),
        signature_line(tr(lang, "Head of the registering body"), office.head_name),
        space(2),
        para(tr(lang, "L.S."), CAPTION),
    ]
    return build_pdf(story, title, office.name(lang))
