"""Runs every rule over an application and returns all findings at once."""

from __future__ import annotations

import datetime as dt
import functools

from tirkeu.domain.application import Application
from tirkeu.domain.findings import Finding, Severity
from tirkeu.domain.rules import applicant, birth, dates, deadlines, parentage, persons
from tirkeu.domain.rules.context import Ctx
from tirkeu.domain.rules.scope import Rule, Shape, scope_of, shape_of
from tirkeu.domain.workdays import WorkCalendar, default_calendar

ALL_RULES: tuple[Rule, ...] = (
    *dates.RULES,
    *persons.RULES,
    *applicant.RULES,
    *parentage.RULES,
    *birth.RULES,
    *deadlines.RULES,
)


def rules_for(app: Application) -> tuple[Rule, ...]:
    """The rules whose scope admits ``app``, in the order of :data:`ALL_RULES`."""
    return _rules_for_shape(shape_of(app))


@functools.cache  # a district's bundle has a few dozen shapes
def _rules_for_shape(shape: Shape) -> tuple[Rule, ...]:
    return tuple(rule for rule in ALL_RULES if scope_of(rule).admits(shape))


def check(app: Application, today: dt.date, calendar: WorkCalendar | None = None) -> list[Finding]:
    """Every finding about ``app`` as of ``today``: errors first, then warnings.

    Within a severity the findings keep the order of the rules, which follows
    the application form from the dates to the deadlines.
    """
    ctx = Ctx(app, today, calendar or default_calendar())
    findings = [finding for rule in rules_for(app) for finding in rule(ctx)]
    if len(findings) < 2:  # most applications of a bundle: nothing to order
        return findings
    return sorted(findings, key=lambda f: f.severity is not Severity.ERROR)
