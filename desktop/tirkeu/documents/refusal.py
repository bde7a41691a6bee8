"""The reasoned refusal of state registration of a birth, handed to the applicant."""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable

from tirkeu.documents.flow import (
    CENTER,
    JUSTIFIED,
    RIGHT,
    TITLE,
    build_pdf,
    para,
    signature_line,
    space,
)
from tirkeu.documents.text import DASH, official_date, optional_date, or_dash, tr
from tirkeu.domain.record import ActRecord, Office


def refusal_pdf(
    record: ActRecord,
    office: Office,
    lang: str,
    reason: str,
    refused_on: dt.date,
    registrar: str,
) -> bytes:
    """The refusal letter; ``reason`` is the registrar's text citing the rule broken."""
    app = record.application
    applicant = app.applicant
    addressee = (
        applicant.person.full_name
        if applicant.person is not None
        else applicant.organization or DASH
    )
    child = app.child
    title = tr(lang, "Reasoned refusal of state registration of birth")
    story: list[Flowable] = [
        para(office.name(lang), CENTER, bold=True),
        space(8),
        para(official_date(refused_on, lang), RIGHT),
        para(tr(lang, "To: %(name)s", name=addressee), RIGHT),
        space(8),
        para(title, TITLE),
        space(6),
        para(
            tr(
                lang,
                "Your application of %(received)s for the state registration of the birth of "
                "the child %(child)s, born %(born)s, has been considered.",
                received=optional_date(app.received_on, lang),
                child=or_dash(child.full_name),
                born=optional_date(child.birth_date, lang),
            ),
            JUSTIFIED,
        ),
        space(2),
        para(
            tr(lang, "The state registration of the birth is refused on these grounds:"), JUSTIFIED
        ),
        space(2),
        para(or_dash(reason), JUSTIFIED),
        space(2),
        para(
            tr(
                lang,
                "After the grounds are removed you may apply again. The refusal may be appealed "
                "in the manner established by the legislation of the Republic of Kazakhstan.",
            ),
            JUSTIFIED,
        ),
        space(14),
        signature_line(tr(lang, "Registrar"), or_dash(registrar)),
        space(6),
        signature_line(tr(lang, "Head of the registering body"), office.head_name),
    ]
    return build_pdf(story, title, office.name(lang))
