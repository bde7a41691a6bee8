"""The office's reports as PDF: the monthly report the akim approves, the blank stock.

The act record book, which can run to thousands of pages, is drawn page by page
in :mod:`tirkeu.documents.report_book`; the CSV forms are in
:mod:`tirkeu.documents.report_csv`.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from tirkeu.documents.flow import (
    BODY,
    CAPTION,
    CONTENT_WIDTH,
    HEADING,
    LABEL,
    RIGHT,
    SMALL,
    TITLE,
    build_pdf,
    grid_table,
    para,
    signature_line,
    space,
)
from tirkeu.documents.report_chart import births_chart
from tirkeu.documents.report_data import BLANK_STATES, MonthlyFigures, StockFigures
from tirkeu.documents.report_words import (
    blank_state_word,
    month_name,
    scenario_word,
)
from tirkeu.documents.text import DASH, official_date, or_dash, paragraph_ref, tr
from tirkeu.domain.record import Office

CENTERED_CAPTION = ParagraphStyle("centered_caption", parent=CAPTION, alignment=TA_CENTER)

INDENTED = ParagraphStyle("indented", parent=LABEL, leftIndent=6 * mm)


@dataclass(frozen=True)
class Indicator:
    """A row of the monthly figures: a stable code for the CSV, the printed label, the count."""

    code: str
    label: str
    value: int
    indented: bool = False


def monthly_indicators(figures: MonthlyFigures, lang: str) -> list[Indicator]:
    """The monthly report's figures in print order; the CSV writes the same rows."""
    p = {n: paragraph_ref(lang, n) for n in (18, 19, 40, 41)}
    f = figures
    rows = [Indicator("registered", tr(lang, "Births registered, total"), f.registered)]
    rows += [
        Indicator(f"scenario.{code}", scenario_word(code, lang), n, True)
        for code, n in f.by_scenario.items()
    ]
    rows += [
        Indicator("sex.male", tr(lang, "boys"), f.by_sex.get("male", 0), True),
        Indicator("sex.female", tr(lang, "girls"), f.by_sex.get("female", 0), True),
        Indicator("live", tr(lang, "born alive"), f.live, True),
        Indicator("stillborn", tr(lang, "stillborn"), f.stillborn, True),
        Indicator(
            "late.p18",
            tr(lang, "late registration: child one year or older (%(p)s)", p=p[18]),
            f.late_child,
            True,
        ),
        Indicator(
            "late.p19",
            tr(lang, "adults registered on their own application (%(p)s)", p=p[19]),
            f.late_adult,
            True,
        ),
        Indicator(
            "after_term", tr(lang, "registered later than the service term"), f.after_term, True
        ),
        Indicator("refused", tr(lang, "Refusals of registration"), f.refused),
        Indicator("certificates", tr(lang, "Birth certificates issued"), f.certificates),
        Indicator(
            "repeat_certificates",
            tr(lang, "Repeat birth certificates issued (%(p)s)", p=p[41]),
            f.repeat_certificates,
        ),
        Indicator(
            "spravkas",
            tr(lang, "Spravkas of registration of a stillborn child issued (%(p)s)", p=p[40]),
            f.spravkas,
        ),
        Indicator(
            "pending",
            tr(lang, "Applications pending on %(date)s", date=official_date(f.as_of, lang)),
            f.pending,
        ),
        Indicator("overdue", tr(lang, "of them past the service term"), f.overdue, True),
    ]
    return rows


def monthly_report_pdf(figures: MonthlyFigures, office: Office, lang: str) -> bytes:
    """The monthly report on births: figures, settlements, the chart, approved by the head."""
    title = tr(lang, "Report on the state registration of births")
    period = tr(lang, "for %(month)s", month=month_name(figures.month, lang))
    story: list[Flowable] = [
        approval_block(office, lang),
        space(6),
        para(title, TITLE),
        para(period, TITLE),
        space(1),
        para(office.name(lang), CENTERED_CAPTION),
        space(4),
        _indicator_table(monthly_indicators(figures, lang), lang),
        space(2),
        para(
            tr(
                lang,
                "Service terms: 2 working days, 7 when the application comes more than 3 days "
                "after the birth (eGov service card). Pending applications as of the day the "
                "report was made.",
            ),
            CAPTION,
        ),
        para(tr(lang, "By place of birth"), HEADING),
        _settlements(figures, lang),
        space(4),
        KeepTogether([births_chart(figures.trend, lang, CONTENT_WIDTH, 62 * mm)]),
        space(6),
        signature_line(tr(lang, "Prepared by"), or_dash(figures.prepared_by)),
        para(tr(lang, "signature, surname, name, patronymic (if any)"), CAPTION),
        space(2),
        para(official_date(figures.as_of, lang), LABEL),
    ]
    return build_pdf(story, f"{title} {period}", office.name(lang))


def stock_report_pdf(stock: StockFigures, office: Office, lang: str) -> bytes:
    """Blanks per series: received, each state, the balance, and the numbers in each state."""
    title = tr(lang, "Report on the stock of birth certificate blanks")
    story: list[Flowable] = [
        approval_block(office, lang),
        space(6),
        para(title, TITLE),
        para(tr(lang, "as of %(date)s", date=official_date(stock.as_of, lang)), TITLE),
        space(1),
        para(office.name(lang), CENTERED_CAPTION),
        space(4),
    ]
    if not stock.series:
        story.append(para(tr(lang, "The office has received no blanks."), BODY))
    if stock.series:
        story += [_stock_table(stock, lang), space(2)]
    for series in stock.series:
        values = {
            "series": series.series,
            "received": series.received,
            "accounted": series.accounted,
        }
        verdict = (
            tr(
                lang,
                "Series %(series)s reconciles: received %(received)s = accounted %(accounted)s.",
                **values,
            )
            if series.balanced
            else tr(
                lang,
                "Series %(series)s does NOT reconcile: received %(received)s, accounted "
                "%(accounted)s. Check the blanks.",
                **values,
            )
        )
        story.append(para(verdict, LABEL, bold=not series.balanced))
    for series in stock.series:
        story.append(para(tr(lang, "Numbers of series %(series)s", series=series.series), HEADING))
        for state in BLANK_STATES:
            runs = series.numbers.get(state, [])
            text = ", ".join(runs) if runs else DASH
            count = series.counts.get(state, 0)
            story.append(para(f"{blank_state_word(state, lang)} ({count}): {text}", SMALL))
    story += [
        space(8),
        signature_line(tr(lang, "Prepared by"), ""),
        para(tr(lang, "signature, surname, name, patronymic (if any)"), CAPTION),
    ]
    return build_pdf(story, title, office.name(lang))


def _stock_table(stock: StockFigures, lang: str) -> Table:
    """States down, series across (offices hold one or two series), with the total."""
    header = [tr(lang, "State"), *(s.series for s in stock.series), tr(lang, "Total")]
    rows = [[tr(lang, "Received")] + [str(s.received) for s in stock.series]]
    rows[0].append(str(sum(s.received for s in stock.series)))
    for state in BLANK_STATES:
        counts = [s.counts.get(state, 0) for s in stock.series]
        rows.append([blank_state_word(state, lang), *map(str, counts), str(sum(counts))])
    first = 60 * mm
    rest = (CONTENT_WIDTH - first) / (len(header) - 1)
    return grid_table(header, rows, [first] + [rest] * (len(header) - 1))


def approval_block(office: Office, lang: str) -> Table:
    """ "Бекітемін" / "Утверждаю": the head's approval in the top right corner."""
    lines = [
        para(tr(lang, "APPROVED"), LABEL, bold=True),
        para(tr(lang, "Head of the registering body"), LABEL),
        para(office.name(lang), CAPTION),
        para("_______________ " + office.head_name, LABEL),
        para(tr(lang, "signature, surname, name, patronymic (if any)"), CAPTION),
        para(tr(lang, '"___" __________ 20__'), LABEL),
    ]
    block = Table([[line] for line in lines], colWidths=[80 * mm])
    outer = Table([["", block]], colWidths=[CONTENT_WIDTH - 80 * mm, 80 * mm])
    outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return outer


def _indicator_table(rows: list[Indicator], lang: str) -> Table:
    header = [
        para(tr(lang, "Indicator"), LABEL, bold=True),
        para(tr(lang, "Count"), RIGHT, bold=True),
    ]
    data = [header] + [
        [
            para(row.label, INDENTED if row.indented else LABEL, bold=not row.indented),
            para(str(row.value), RIGHT),
        ]
        for row in rows
    ]
    table = Table(data, colWidths=[CONTENT_WIDTH - 28 * mm, 28 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def _settlements(figures: MonthlyFigures, lang: str) -> Flowable:
    if not figures.settlements:
        return para(tr(lang, "No births were registered in the month."), LABEL)
    header = [
        tr(lang, "KATO code"),
        tr(lang, "Settlement"),
        tr(lang, "Registered"),
        tr(lang, "of them stillborn"),
    ]
    rows = [
        [s.kato or DASH, s.place(lang) or DASH, str(s.registered), str(s.stillborn)]
        for s in figures.settlements
    ]
    widths = [26 * mm, CONTENT_WIDTH - 78 * mm, 24 * mm, 28 * mm]
    return grid_table(header, rows, widths)
