"""Terms: when the application was due (п. 5, 7, 15) and when the service is due.

Late applications are warnings, never refusals: the Order sets the terms but
names no consequence, so a careful registrar registers and notes the delay.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from tirkeu.domain.application import ApplicantRole, Application, Scenario
from tirkeu.domain.findings import Finding
from tirkeu.domain.rules.context import OWN_PARAGRAPH, Ctx
from tirkeu.domain.rules.scope import except_for, scoped
from tirkeu.domain.workdays import WorkCalendar, default_calendar

APPLICATION_WORKING_DAYS = 3  # п. 5
STILLBIRTH_WORKING_DAYS = 1  # п. 7
FOUND_CHILD_DAYS = 7  # п. 15, "seven days (сутки)"

# Service card: 2 working days; 7 when registered more than 3 days after the
# birth; 30 calendar days when an extra check is needed.
SERVICE_WORKING_DAYS = 2
SERVICE_WORKING_DAYS_LATE = 7
SERVICE_LATE_AFTER_DAYS = 3
SERVICE_EXTRA_CHECK_DAYS = 30


def service_deadline(
    app: Application, calendar: WorkCalendar | None = None, extra_check: bool = False
) -> dt.date:
    """The day the registration is due under the service card.

    Counted from the day the application was received (that day not counted).
    Raises ValueError when the application has no receipt date or, without an
    extra check, no date of birth.
    """
    return registration_deadline(app.received_on, app.child.birth_date, calendar, extra_check)


def registration_deadline(
    received_on: dt.date | None,
    birth_date: dt.date | None,
    calendar: WorkCalendar | None = None,
    extra_check: bool = False,
) -> dt.date:
    """:func:`service_deadline` from the two dates it depends on (for the journal)."""
    if received_on is None:
        raise ValueError("the application has no date of receipt")
    if extra_check:
        return received_on + dt.timedelta(days=SERVICE_EXTRA_CHECK_DAYS)
    if birth_date is None:
        raise ValueError("the application has no date of birth")
    cal = calendar or default_calendar()
    late = (received_on - birth_date).days > SERVICE_LATE_AFTER_DAYS
    days = SERVICE_WORKING_DAYS_LATE if late else SERVICE_WORKING_DAYS
    return cal.add_working_days(received_on, days)


@scoped(scenarios=except_for(*OWN_PARAGRAPH))
def application_term(ctx: Ctx) -> Iterator[Finding]:
    """п. 5: the application within three working days of the birth.

    The Russian text sets the term for interested persons and the medical
    organisation; the Kazakh text for the parents as well, so it is checked
    for every applicant.  A child aged one year or more falls under п. 18, a
    stillborn child under п. 7, a found child under п. 15.
    """
    app = ctx.app
    age = ctx.child_age()
    if (
        app.received_on is None
        or ctx.birth is None
        or app.scenario in OWN_PARAGRAPH
        or app.applicant.role is ApplicantRole.CHILD_SELF
        or age is None
        or age >= 1
    ):
        return
    deadline = ctx.calendar.add_working_days(ctx.birth, APPLICATION_WORKING_DAYS)
    if app.received_on > deadline:
        yield ctx.warning(
            "p5.late", "received_on", 5, received_on=str(app.received_on), deadline=str(deadline)
        )


@scoped(scenarios={Scenario.STILLBORN})
def stillbirth_term(ctx: Ctx) -> Iterator[Finding]:
    """п. 7: for a stillborn child, not later than one working day after the delivery."""
    app = ctx.app
    if app.scenario is not Scenario.STILLBORN or app.received_on is None or ctx.birth is None:
        return
    deadline = ctx.calendar.add_working_days(ctx.birth, STILLBIRTH_WORKING_DAYS)
    if app.received_on > deadline:
        yield ctx.warning(
            "p7.late", "received_on", 7, received_on=str(app.received_on), deadline=str(deadline)
        )


@scoped(scenarios={Scenario.FOUND}, needs=("found_child",))
def found_child_term(ctx: Ctx) -> Iterator[Finding]:
    """п. 15: a found child is registered within seven days of the finding."""
    app = ctx.app
    found = app.found_child
    if (
        app.scenario is not Scenario.FOUND
        or found is None
        or found.found_on is None
        or app.received_on is None
    ):
        return
    deadline = found.found_on + dt.timedelta(days=FOUND_CHILD_DAYS)
    if app.received_on > deadline:
        yield ctx.warning("p15.late", "received_on", 15, deadline=str(deadline))


RULES = (application_term, stillbirth_term, found_child_term)
