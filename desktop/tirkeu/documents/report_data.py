"""The figures the reports print, as plain data the services fill in.

They live in the documents layer so that the reports can be laid out without
the database, and the services, which sit above, hand them over.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The states of a blank in the order the stock report lists them.
BLANK_STATES = ("in_stock", "issued", "spoiled", "surrendered", "seized", "destroyed")


def next_month(day: dt.date) -> dt.date:
    """The first day of the month after ``day``'s."""
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


@dataclass(frozen=True)
class MonthCount:
    """Registrations of one month by the child's sex: one bar pair of the chart."""

    month: dt.date
    male: int
    female: int

    @property
    def total(self) -> int:
        return self.male + self.female


@dataclass(frozen=True)
class SettlementCount:
    """Registrations by the place of birth's KATO code, with its name as records give it."""

    kato: str | None
    place_kk: str
    place_ru: str
    registered: int
    stillborn: int

    def place(self, lang: str) -> str:
        own, other = (
            (self.place_kk, self.place_ru) if lang == "kk" else (self.place_ru, self.place_kk)
        )
        return own or other


@dataclass(frozen=True)
class MonthlyFigures:
    month: dt.date  # the first day
    as_of: dt.date  # the day the figures were taken
    registered: int
    by_scenario: dict[str, int]
    by_sex: dict[str, int]
    live: int
    stillborn: int
    late_child: int  # п. 18: one year or older when the application came
    late_adult: int  # п. 19: an adult registered on their own application
    refused: int
    certificates: int
    repeat_certificates: int
    spravkas: int
    after_term: int  # registered in the month later than the service term
    pending: int  # drafts received by the month's end, still drafts on ``as_of``
    overdue: int  # of those, past their service term on ``as_of``
    settlements: list[SettlementCount] = field(default_factory=list)
    trend: list[MonthCount] = field(default_factory=list)
    prepared_by: str = ""

    @property
    def last_day(self) -> dt.date:
        return next_month(self.month) - dt.timedelta(days=1)


@dataclass(frozen=True)
class BookRow:
    """One line of the act record book."""

    number: int
    year: int
    record_date: dt.date
    child: str
    birth_date: dt.date | None
    sex: str
    mother: str | None
    father: str | None
    scenario: str
    status: str


@dataclass(frozen=True)
class SeriesFigures:
    """One series of blanks: received, and how many (and which) are in each state."""

    series: str
    received: int
    counts: dict[str, int]
    numbers: dict[str, list[str]]  # compressed runs, "0000101–0000150"

    @property
    def accounted(self) -> int:
        return sum(self.counts.values())

    @property
    def balanced(self) -> bool:
        return self.received == self.accounted


@dataclass(frozen=True)
class StockFigures:
    as_of: dt.date
    series: list[SeriesFigures]

    @property
    def balanced(self) -> bool:
        return all(s.balanced for s in self.series)
