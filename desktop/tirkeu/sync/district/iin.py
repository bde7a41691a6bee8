"""Assigning a child's IIN at the district, from its own serial per birth date and sex.

The IIN is ``YYMMDD`` + the century/sex digit + four serial digits + the check
digit (:mod:`tirkeu.domain.iin`).  A serial whose check digit does not exist
is never issued, so the counter steps over it; an IIN already held by another
record received here is stepped over too.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from tirkeu.domain.application import Sex
from tirkeu.domain.iin import check_digit
from tirkeu.sync.district.models import IinSerial, ReceivedRecord

_CENTURY_ODD_DIGIT = {1800: 1, 1900: 3, 2000: 5}
_LAST_SERIAL = 9999


class IinExhausted(Exception):
    """No serial is left for that day and sex (or the year has no century digit)."""


def iin_prefix(birth_date: dt.date, sex: Sex) -> str:
    odd = _CENTURY_ODD_DIGIT.get(birth_date.year // 100 * 100)
    if odd is None:
        raise IinExhausted(f"no century digit for the year {birth_date.year}")
    return birth_date.strftime("%y%m%d") + str(odd if sex is Sex.MALE else odd + 1)


def assign_iin(session: Session, birth_date: dt.date, sex: Sex) -> str:
    """The next unused valid IIN for ``birth_date`` and ``sex``, counted in ``session``."""
    prefix = iin_prefix(birth_date, sex)
    counter = session.get(IinSerial, prefix)
    if counter is None:
        counter = IinSerial(prefix=prefix, last=0)
        session.add(counter)
    serial = counter.last
    while serial < _LAST_SERIAL:
        serial += 1
        first11 = f"{prefix}{serial:04d}"
        digit = check_digit(first11)
        if digit is None:
            continue
        iin = f"{first11}{digit}"
        taken = session.scalar(select(ReceivedRecord.id).where(ReceivedRecord.iin == iin))
        if taken is None:
            counter.last = serial
            return iin
    raise IinExhausted(f"all serials of {prefix} are used")
