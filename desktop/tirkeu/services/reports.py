"""The office's reports: the monthly figures, the act record book, blank stock, deadlines.

Every figure is an SQL aggregate over the indexed columns of ``act_records``
and ``certificates``, and the book streams its rows, so an office with a
million records gets its reports without loading them.  The GUI and the
command line call the same :class:`ReportService`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Integer, and_, case, cast, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from tirkeu.documents.report_data import (
    BLANK_STATES,
    BookRow,
    MonthCount,
    MonthlyFigures,
    SeriesFigures,
    SettlementCount,
    StockFigures,
    next_month,
)
from tirkeu.domain.application import Application, Child, Scenario, Sex
from tirkeu.domain.record import RecordStatus
from tirkeu.domain.rules import service_deadline
from tirkeu.domain.workdays import WorkCalendar
from tirkeu.i18n import N_
from tirkeu.services.auth import Action, Actor
from tirkeu.services.errors import ServiceError
from tirkeu.services.stock import BlankStatus, StockService
from tirkeu.services.workspace import Workspace
from tirkeu.storage import audit
from tirkeu.storage.models import ActRecordRow, CertificateRow

K = TypeVar("K")

ADULT_AGE = 18  # п. 19
TREND_MONTHS = 12
BOOK_BATCH = 1000

A = ActRecordRow


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def parse_month(text: str, today: dt.date) -> dt.date:
    """``YYYY-MM`` as the month's first day; a malformed or future month is refused."""
    try:
        first = dt.datetime.strptime(text.strip(), "%Y-%m").date()
    except ValueError:
        raise ServiceError(N_("Write the month as YYYY-MM, e.g. 2026-03.")) from None
    if first > month_start(today):
        raise ServiceError(N_("The month {month} has not begun yet."), month=text.strip())
    return first


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ServiceError(
            N_("Write the date as YYYY-MM-DD, e.g. 2026-03-31, not {text}."), text=text.strip()
        ) from None


def check_period(start: dt.date, end: dt.date, today: dt.date) -> None:
    if start > end:
        raise ServiceError(N_("The period must start before it ends."))
    if start > today:
        raise ServiceError(N_("The period starts in the future."))


def _age_at(
    on: InstrumentedAttribute[dt.date | None], born: InstrumentedAttribute[dt.date | None]
) -> ColumnElement[int]:
    """Whole years from ``born`` to ``on`` in SQL, as ``full_years`` counts them."""
    years = cast(func.strftime("%Y", on), Integer) - cast(func.strftime("%Y", born), Integer)
    before_birthday = case((func.strftime("%m-%d", on) < func.strftime("%m-%d", born), 1), else_=0)
    return years - before_birthday


def _registered(start: dt.date, end: dt.date) -> ColumnElement[bool]:
    """Records given an act record number between ``start`` and ``end`` inclusive."""
    return and_(A.number.is_not(None), A.record_date >= start, A.record_date <= end)


@dataclass(frozen=True)
class PendingApplication:
    """A draft and its service term (service card: 2 or 7 working days)."""

    record_id: int
    child: str
    scenario: str
    received_on: dt.date | None
    birth_date: dt.date | None
    deadline: dt.date | None
    as_of: dt.date

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.deadline < self.as_of

    @property
    def days_overdue(self) -> int:
        return (self.as_of - self.deadline).days if self.deadline and self.overdue else 0


@dataclass(frozen=True)
class Deadlines:
    total: int
    overdue: int
    rows: list[PendingApplication]


class _Terms:
    """Service terms of (receipt, birth) pairs, each computed once."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self._known: dict[tuple[dt.date, dt.date], dt.date] = {}

    def deadline(self, received: dt.date | None, born: dt.date | None) -> dt.date | None:
        if received is None or born is None:
            return None
        key = (received, born)
        if key not in self._known:
            app = Application(received_on=received, child=Child(birth_date=born))
            self._known[key] = service_deadline(app, self.calendar)
        return self._known[key]


def _full_name(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


class ReportService:
    def __init__(self, ws: Workspace, actor: Actor, calendar: WorkCalendar | None = None) -> None:
        self.ws = ws
        self.actor = actor
        if calendar is None:
            from tirkeu.services.transfer import work_calendar

            calendar = work_calendar(ws)
        self.terms = _Terms(calendar)

    # --- monthly ---------------------------------------------------------------

    def monthly(self, month: dt.date) -> MonthlyFigures:
        """The figures of ``month`` (any day in it) as the akim signs them."""
        self.actor.require(Action.EXPORT)
        first = month_start(month)
        last = next_month(first) - dt.timedelta(days=1)
        as_of = self.ws.today
        registered = _registered(first, last)
        with self.ws.db.session() as s:
            by_scenario = {sc.value: 0 for sc in Scenario}
            by_scenario.update(self._grouped(s, A.scenario, registered))
            by_sex = {sx.value: 0 for sx in Sex}
            by_sex.update(self._grouped(s, A.child_sex, registered))
            by_alive = self._grouped(s, A.child_alive, registered)
            late = self._late(s, registered)
            refused = s.scalar(
                select(func.count(A.id)).where(
                    A.status == RecordStatus.REFUSED.value,
                    A.record_date >= first,
                    A.record_date <= last,
                )
            )
            kinds = dict(
                s.execute(
                    select(CertificateRow.kind, func.count(CertificateRow.id))
                    .where(CertificateRow.issued_on >= first, CertificateRow.issued_on <= last)
                    .group_by(CertificateRow.kind)
                ).all()
            )
            after_term = self._after_term(s, registered)
            pending, overdue = self._pending(s, min(last, as_of), as_of)
            settlements = self._settlements(s, registered)
            trend = self._trend(s, first)
        return MonthlyFigures(
            month=first,
            as_of=as_of,
            registered=sum(by_scenario.values()),
            by_scenario=by_scenario,
            by_sex=by_sex,
            live=int(by_alive.get(True, 0)),
            stillborn=int(by_alive.get(False, 0)),
            late_child=late[0],
            late_adult=late[1],
            refused=int(refused or 0),
            certificates=int(kinds.get("certificate", 0)),
            repeat_certificates=int(kinds.get("repeat_certificate", 0)),
            spravkas=int(kinds.get("stillbirth_spravka", 0)),
            after_term=after_term,
            pending=pending,
            overdue=overdue,
            settlements=settlements,
            trend=trend,
            prepared_by=self.actor.full_name,
        )

    @staticmethod
    def _grouped(
        s: Session, column: InstrumentedAttribute[K], where: ColumnElement[bool]
    ) -> dict[K, int]:
        rows = s.execute(select(column, func.count(A.id)).where(where).group_by(column))
        return {key: int(n) for key, n in rows.all()}

    @staticmethod
    def _late(s: Session, registered: ColumnElement[bool]) -> tuple[int, int]:
        """п. 18 (one year or older, under 18) and п. 19 (adults) among the registrations.

        A stillborn or found child is registered under п. 7 and п. 15, never late.
        """
        age = _age_at(A.received_on, A.child_birth_date)
        child, adult = s.execute(
            select(
                func.count(case((and_(age >= 1, age < ADULT_AGE), 1))),
                func.count(case((age >= ADULT_AGE, 1))),
            ).where(
                registered,
                A.received_on.is_not(None),
                A.child_birth_date.is_not(None),
                A.scenario.not_in([Scenario.STILLBORN.value, Scenario.FOUND.value]),
            )
        ).one()
        return int(child), int(adult)

    def _after_term(self, s: Session, registered: ColumnElement[bool]) -> int:
        rows = s.execute(
            select(A.received_on, A.child_birth_date, A.record_date, func.count(A.id))
            .where(registered)
            .group_by(A.received_on, A.child_birth_date, A.record_date)
        )
        late = 0
        for received, born, recorded, n in rows:
            deadline = self.terms.deadline(received, born)
            if deadline is not None and recorded is not None and recorded > deadline:
                late += int(n)
        return late

    def _pending(self, s: Session, received_by: dt.date, as_of: dt.date) -> tuple[int, int]:
        rows = s.execute(
            select(A.received_on, A.child_birth_date, func.count(A.id))
            .where(
                A.status == RecordStatus.DRAFT.value,
                (A.received_on <= received_by) | A.received_on.is_(None),
            )
            .group_by(A.received_on, A.child_birth_date)
        )
        pending = overdue = 0
        for received, born, n in rows:
            pending += int(n)
            deadline = self.terms.deadline(received, born)
            if deadline is not None and deadline < as_of:
                overdue += int(n)
        return pending, overdue

    @staticmethod
    def _settlements(s: Session, registered: ColumnElement[bool]) -> list[SettlementCount]:
        text = A.application[("child", "birth_place", "text")].as_string()
        rows = s.execute(
            select(
                A.birth_kato,
                func.min(case((A.language == "kk", text))),
                func.min(case((A.language == "ru", text))),
                func.count(A.id),
                func.count(case((A.child_alive.is_(False), 1))),
            )
            .where(registered)
            .group_by(A.birth_kato)
            .order_by(A.birth_kato)
        )
        return [
            SettlementCount(kato or None, kk or "", ru or "", int(n), int(still))
            for kato, kk, ru, n, still in rows
        ]

    @staticmethod
    def _trend(s: Session, month: dt.date) -> list[MonthCount]:
        """Registrations per month by sex, the twelve months ending with ``month``."""
        first = add_months(month, 1 - TREND_MONTHS)
        end = next_month(month) - dt.timedelta(days=1)
        key = func.strftime("%Y-%m", A.record_date)
        counts: dict[tuple[str, str], int] = {
            (k, sex): int(n)
            for k, sex, n in s.execute(
                select(key, A.child_sex, func.count(A.id))
                .where(_registered(first, end))
                .group_by(key, A.child_sex)
            ).all()
        }
        months = [add_months(first, i) for i in range(TREND_MONTHS)]
        return [
            MonthCount(
                m,
                counts.get((m.strftime("%Y-%m"), Sex.MALE.value), 0),
                counts.get((m.strftime("%Y-%m"), Sex.FEMALE.value), 0),
            )
            for m in months
        ]

    # --- the act record book -------------------------------------------------

    def book_count(self, start: dt.date, end: dt.date) -> int:
        self.actor.require(Action.EXPORT)
        with self.ws.db.session() as s:
            return int(s.scalar(select(func.count(A.id)).where(_registered(start, end))) or 0)

    def book(
        self, start: dt.date, end: dt.date, limit: int | None = None
    ) -> Generator[BookRow, None, None]:
        """The registered records of the period in number order, streamed in batches.

        The period's ids are read first, in order, in one short read; then each
        batch of rows in a read of its own.  The database runs in rollback-journal
        mode, where a read kept open while the book is drawn would make a
        registration saved meanwhile wait, and fail after the busy timeout.
        """
        self.actor.require(Action.EXPORT)
        father = [
            A.application[("father", part)].as_string()
            for part in ("surname", "given_name", "patronymic")
        ]
        columns = (
            A.id,
            A.number,
            A.year,
            A.record_date,
            A.child_surname,
            A.child_given_name,
            A.child_patronymic,
            A.child_birth_date,
            A.child_sex,
            A.mother_name,
            *father,
            A.scenario,
            A.status,
        )
        if limit is None:
            # The whole book leaves the program with names in it: note who took it.
            with self.ws.db.session() as s:
                audit.append(
                    s,
                    user_id=self.actor.user_id,
                    action="report.book",
                    entity="report",
                    entity_id=None,
                    after={"from": start.isoformat(), "to": end.isoformat()},
                    at=self.ws.clock(),
                )
        with self.ws.db.session() as s:
            ids = list(
                s.scalars(
                    select(A.id)
                    .where(_registered(start, end))
                    .order_by(A.year, A.number)
                    .limit(limit)
                )
            )
        for at in range(0, len(ids), BOOK_BATCH):
            batch = ids[at : at + BOOK_BATCH]
            with self.ws.db.session() as s:
                rows = {row[0]: row for row in s.execute(select(*columns).where(A.id.in_(batch)))}
            for row in (rows[i] for i in batch if i in rows):
                yield BookRow(
                    number=row[1],
                    year=row[2] or row[3].year,
                    record_date=row[3],
                    child=_full_name(row[4], row[5], row[6]),
                    birth_date=row[7],
                    sex=row[8],
                    mother=row[9],
                    father=_full_name(row[10], row[11], row[12]) or None,
                    scenario=row[13],
                    status=row[14],
                )

    # --- blank stock and deadlines -------------------------------------------

    def stock(self) -> StockFigures:
        """Blanks per series and state, reconciled (the stock service's own balance)."""
        self.actor.require(Action.EXPORT)
        report = StockService(self.ws, self.actor).report()
        return StockFigures(
            self.ws.today,
            [
                SeriesFigures(
                    series.series,
                    series.received,
                    {st: series.counts.get(BlankStatus(st), 0) for st in BLANK_STATES},
                    {st: series.numbers.get(BlankStatus(st), []) for st in BLANK_STATES},
                )
                for series in report.series
            ],
        )

    def deadlines(self, limit: int = 1000) -> Deadlines:
        """Drafts by their service term, the most overdue first; ``limit`` rows with names."""
        self.actor.require(Action.EXPORT)
        as_of = self.ws.today
        with self.ws.db.session() as s:
            terms = [
                (self.terms.deadline(received, born), rid, received, born)
                for rid, received, born in s.execute(
                    select(A.id, A.received_on, A.child_birth_date).where(
                        A.status == RecordStatus.DRAFT.value
                    )
                )
            ]
            terms.sort(key=lambda t: (t[0] is None, t[0] or as_of, t[1]))
            overdue = sum(1 for t in terms if t[0] is not None and t[0] < as_of)
            shown = terms[:limit]
            names = {
                rid: (_full_name(sur, given, patr), scenario)
                for rid, sur, given, patr, scenario in s.execute(
                    select(
                        A.id, A.child_surname, A.child_given_name, A.child_patronymic, A.scenario
                    ).where(A.id.in_([t[1] for t in shown]))
                )
            }
        rows = [
            PendingApplication(rid, names[rid][0], names[rid][1], received, born, deadline, as_of)
            for deadline, rid, received, born in shown
        ]
        return Deadlines(len(terms), overdue, rows)
