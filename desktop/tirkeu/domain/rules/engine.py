"""Runs every rule over an application and returns all findings at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from tirkeu.domain.application import Application
from tirkeu.domain.findings import Finding, Severity
from tirkeu.domain.rules import applicant, birth, dates, deadlines, parentage, persons
from tirkeu.domain.rules.context import Ctx
from tirkeu.domain.workdays import WorkCalendar, default_calendar

Rule = Callable[[Ctx], Iterator[Finding]]

ALL_RULES: tuple[Rule, ...] = (
    *dates.RULES,
    *persons.RULES,
    *applicant.RULES,
    *parentage.RULES,
    *birth.RULES,
    *deadlines.RULES,
)


def check(app: Application, today: dt.date, calendar: WorkCalendar | None = None) -> list[Finding]:
    """Every finding about ``app`` as of ``today``: errors first, then warnings.

    Within a severity the findings keep the order of the rules, which follows
    the application form from the dates to the deadlines.
    """
    ctx = Ctx(app, today, calendar or default_calendar())
    findings = [finding for rule in ALL_RULES for finding in rule(ctx)]
    return sorted(findings, key=lambda f: f.severity is not Severity.ERROR)
