"""The act of destruction of birth certificates (п. 50–52, Appendix 2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from tirkeu.documents.flow import (
    CAPTION,
    CONTENT_WIDTH,
    JUSTIFIED,
    LABEL,
    TITLE,
    build_pdf,
    grid_table,
    para,
    signature_line,
    space,
)
from tirkeu.documents.refusals import DocumentRefused
from tirkeu.documents.text import official_date, or_dash, tr
from tirkeu.domain.record import Office

MIN_COMMISSION = 3  # п. 51


@dataclass(frozen=True)
class CommissionMember:
    position: str
    full_name: str


@dataclass(frozen=True)
class DestroyedCertificate:
    """One destroyed certificate as п. 50 requires: series, number, date, issuing body."""

    series: str
    number: str
    issued_on: dt.date
    issuing_body: str


@dataclass(frozen=True)
class DestructionAct:
    number: str
    drawn_on: dt.date
    commission: tuple[CommissionMember, ...]
    certificates: tuple[DestroyedCertificate, ...]
    executor: str
    approved_on: dt.date | None = None


def check_destruction_act(act: DestructionAct, lang: str) -> None:
    """At least three distinct members (п. 51) and at least one certificate (п. 50)."""
    if len({m.full_name.strip() for m in act.commission if m.full_name.strip()}) < MIN_COMMISSION:
        raise DocumentRefused("The commission must have at least three members", 51, lang)
    if not act.certificates:
        raise DocumentRefused("The act must list the destroyed certificates", 50, lang)


def destruction_act_pdf(act: DestructionAct, office: Office, lang: str) -> bytes:
    """Appendix 2: approval by the head, the commission, the certificates, signatures."""
    check_destruction_act(act, lang)
    title = tr(lang, "Act of destruction of birth certificates")
    rows = [
        [str(i), c.series, c.number, official_date(c.issued_on, lang), c.issuing_body]
        for i, c in enumerate(act.certificates, start=1)
    ]
    header = [
        tr(lang, "No."),
        tr(lang, "Series"),
        tr(lang, "Number"),
        tr(lang, "Date of issue"),
        tr(lang, "Registering body that issued the certificate"),
    ]
    widths = [14 * mm, 24 * mm, 26 * mm, 40 * mm, CONTENT_WIDTH - 104 * mm]
    story: list[Flowable] = [
        _approval(act, office, lang),
        space(8),
        para(title, TITLE),
        para(tr(lang, "No. %(number)s", number=act.number), TITLE),
        space(2),
        para(f"{official_date(act.drawn_on, lang)}, {office.name(lang)}", LABEL),
        space(4),
        para(tr(lang, "We, the undersigned, the commission composed of:"), JUSTIFIED),
    ]
    story += [
        para(f"{i}. {m.position} {m.full_name}", LABEL)
        for i, m in enumerate(act.commission, start=1)
    ]
    story += [
        space(2),
        para(
            tr(
                lang,
                "have drawn up this act stating that we destroyed the following birth "
                "certificates (%(count)s):",
                count=len(act.certificates),
            ),
            JUSTIFIED,
        ),
        space(2),
        grid_table(header, rows, widths),
        space(3),
        para(tr(lang, "Annex: copies of the destroyed birth certificates."), LABEL),
        space(8),
    ]
    for member in act.commission:
        story += [
            signature_line(member.position, member.full_name),
            para(tr(lang, "signature, surname, name, patronymic (if any)"), CAPTION),
            space(3),
        ]
    story += [space(4), para(tr(lang, "Executor: %(name)s", name=or_dash(act.executor)), LABEL)]
    return build_pdf(story, title, office.name(lang))


def _approval(act: DestructionAct, office: Office, lang: str) -> Table:
    """The "Бекітемін" / "Утверждаю" block of the head in the top right corner (п. 52)."""
    date = (
        official_date(act.approved_on, lang)
        if act.approved_on is not None
        else tr(lang, '"___" __________ 20__')
    )
    lines = [
        para(tr(lang, "APPROVED"), LABEL, bold=True),
        para(tr(lang, "Head of the registering body"), LABEL),
        para(office.name(lang), CAPTION),
        para("_______________ " + office.head_name, LABEL),
        para(tr(lang, "signature, surname, name, patronymic (if any)"), CAPTION),
        para(date, LABEL),
    ]
    block = Table([[line] for line in lines], colWidths=[80 * mm])
    outer = Table([["", block]], colWidths=[CONTENT_WIDTH - 80 * mm, 80 * mm])
    outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return outer
