"""The Kazakhstan working calendar, for deadlines counted in working days.

The service card counts registration terms in working days (2, or 7 when the
birth is registered more than 3 days after it) and Order 429 counts some
deadlines in working days too (п. 5, п. 7).  ``holidays.KZ`` knows the public
holidays and the days off created by transfers, but not the weekend days made
working by those transfers, nor transfers decreed after the package was built;
``resources/calendar/overrides.json`` supplies both and always wins.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import holidays

from tirkeu.resources import resource

OVERRIDES_PATH = ("calendar", "overrides.json")


class WorkCalendar:
    """Working days in Kazakhstan: Monday to Friday minus holidays, plus overrides."""

    def __init__(
        self,
        extra_holidays: Iterable[dt.date] = (),
        extra_working_days: Iterable[dt.date] = (),
    ) -> None:
        self._public = holidays.country_holidays("KZ")
        self._extra_holidays = frozenset(extra_holidays)
        self._extra_working = frozenset(extra_working_days)
        # The answers never change for a calendar, and a district bundle asks the
        # same few hundred birth dates thousands of times.
        self._added: dict[tuple[dt.date, int], dt.date] = {}

    @classmethod
    def from_file(cls, path: Path) -> WorkCalendar:
        """A calendar with the override table at ``path`` (format in its comment field)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            working = [dt.date.fromisoformat(e["date"]) for e in data["working_days"]]
            extra = [dt.date.fromisoformat(e["date"]) for e in data["holidays"]]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"calendar override table {path} is unusable: {exc}") from exc
        return cls(extra_holidays=extra, extra_working_days=working)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self._extra_working:
            return True
        if day in self._extra_holidays:
            return False
        return day.weekday() < 5 and day not in self._public

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``start`` (``start`` itself is not counted).

        This is how "not later than N working days from the day of birth" reads:
        the day of the event does not count.  ``count`` 0 gives ``start``.
        """
        if count < 0:
            raise ValueError("count must not be negative")
        known = self._added.get((start, count))
        if known is not None:
            return known
        day, left = start, count
        while left:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        self._added[start, count] = day
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
        days = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                days += 1
        return days


@cache
def default_calendar() -> WorkCalendar:
    """The calendar with the shipped (or district-updated) override table."""
    return WorkCalendar.from_file(resource(*OVERRIDES_PATH))
