"""Assigning a child's IIN at the district, from its own serial per birth date and sex.

The IIN is ``YYMMDD`` + the century/sex digit + four serial digits + the check
digit (:mod:`tirkeu.domain.iin`).  A serial whose check digit does not exist
is never issued, so the counter steps over it; an IIN already held by another
record received here is stepped over too.  A bundle's IINs are assigned all
at once (:class:`IinAllocator`), then checked against the database in a few
queries instead of one per serial tried.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TypeVar

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from tirkeu.domain.application import Sex
from tirkeu.domain.iin import check_digit
from tirkeu.sync.district.models import IinSerial, ReceivedRecord

_CENTURY_ODD_DIGIT = {1800: 1, 1900: 3, 2000: 5}
_LAST_SERIAL = 9999
T = TypeVar("T", str, int)
CHUNK = 500  # values bound in one IN (…): far below SQLite's limit


class IinExhausted(Exception):
    """No serial is left for that day and sex (or the year has no century digit)."""


def iin_prefix(birth_date: dt.date, sex: Sex) -> str:
    odd = _CENTURY_ODD_DIGIT.get(birth_date.year // 100 * 100)
    if odd is None:
        raise IinExhausted(f"no century digit for the year {birth_date.year}")
    return birth_date.strftime("%y%m%d") + str(odd if sex is Sex.MALE else odd + 1)


class IinAllocator:
    """Assigns IINs for a whole bundle in memory, one counter per prefix.

    ``last`` starts from the stored counters and ``taken`` from the IINs known
    to be held; every IIN given is added to ``taken``.  An IIN held in the
    database but not known here can still be given: the caller checks what was
    given in one query and, on a clash, starts again with it known.
    """

    def __init__(self, last: dict[str, int], taken: set[str]) -> None:
        self.last = dict(last)
        self.taken = set(taken)

    def assign(self, birth_date: dt.date, sex: Sex) -> str:
        """The next free valid IIN for ``birth_date`` and ``sex``."""
        prefix = iin_prefix(birth_date, sex)
        serial = self.last.get(prefix, 0)
        while serial < _LAST_SERIAL:
            serial += 1
            first11 = f"{prefix}{serial:04d}"
            digit = check_digit(first11)
            if digit is None:
                continue
            iin = f"{first11}{digit}"
            if iin not in self.taken:
                self.last[prefix] = serial
                self.taken.add(iin)
                return iin
        raise IinExhausted(f"all serials of {prefix} are used")


def chunks(values: Iterable[T]) -> Iterator[list[T]]:
    """``values`` without repeats, sorted, in slices small enough for one ``IN (…)``."""
    ordered = sorted(set(values))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def stored_counters(session: Session, prefixes: Iterable[str]) -> dict[str, int]:
    """The last serial of each of ``prefixes`` that has a counter."""
    found: dict[str, int] = {}
    for chunk in chunks(prefixes):
        query = select(IinSerial.prefix, IinSerial.last).where(IinSerial.prefix.in_(chunk))
        found.update((prefix, last) for prefix, last in session.execute(query))
    return found


def held_iins(session: Session, iins: Iterable[str]) -> set[str]:
    """Which of ``iins`` a record received here already holds."""
    held: set[str | None] = set()
    for chunk in chunks(iins):
        held.update(
            session.scalars(select(ReceivedRecord.iin).where(ReceivedRecord.iin.in_(chunk)))
        )
    return {iin for iin in held if iin is not None}


def save_counters(session: Session, before: dict[str, int], after: dict[str, int]) -> None:
    """Store the counters that moved (``before``: as read, ``after``: as left)."""
    changed = [{"prefix": p, "last": n} for p, n in sorted(after.items()) if before.get(p) != n]
    updates = [c for c in changed if c["prefix"] in before]
    inserts = [c for c in changed if c["prefix"] not in before]
    if updates:
        session.execute(update(IinSerial), updates)
    if inserts:
        session.execute(insert(IinSerial), inserts)
