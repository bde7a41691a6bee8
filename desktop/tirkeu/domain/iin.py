"""The individual identification number (IIN, ЖСН / ИИН) of a person.

Twelve digits: ``YYMMDD``, a century-and-sex digit (1/2: 1800s, 3/4: 1900s,
5/6: 2000s; odd male, even female), four serial digits and a check digit.  The
check digit is the sum of the first eleven digits weighted 1..11, modulo 11; if
that gives 10, the weights 3..11, 1, 2 are used instead; if it is still 10 the
number is never issued.  A child's IIN must agree with the birth date and sex
(п. 29 3) prints it on the certificate).
"""

from __future__ import annotations

import datetime as dt
import functools
from operator import mul

from tirkeu.domain.application import Sex

IIN_LENGTH = 12
_FIRST_WEIGHTS = tuple(range(1, 12))
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_FIRST_ZERO = ord("0") * sum(_FIRST_WEIGHTS)
_SECOND_ZERO = ord("0") * sum(_SECOND_WEIGHTS)
_ZERO = ord("0")
_CENTURY_BASE = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}
# The sex of each century digit, by its ASCII code.
_SEX_BY_CODE = {
    _ZERO + digit: Sex.FEMALE if digit % 2 == 0 else Sex.MALE for digit in _CENTURY_BASE
}

# Problem codes returned by ``iin_problems``; each is also a rule id ``iin.<code>``.
LENGTH = "length"
DIGITS = "digits"
CENTURY = "century"
DATE = "date"
CHECKSUM = "checksum"
NEVER_ISSUED = "never_issued"


def check_digit(first11: str) -> int | None:
    """The check digit for eleven digits, or None when such a number is never issued."""
    if not (len(first11) == 11 and first11.isascii() and first11.isdigit()):
        raise ValueError(f"eleven digits expected, not {first11!r}")
    return _check_digit(first11.encode("ascii"))


def _check_digit(codes: bytes) -> int | None:
    """The check digit of the first eleven ASCII digits of ``codes`` (a longer IIN's too).

    The ASCII codes weighted, less the weighted code of "0": no int() per digit, as
    every IIN of a district's bundle comes through here.
    """
    rest = (sum(map(mul, codes, _FIRST_WEIGHTS)) - _FIRST_ZERO) % 11
    if rest == 10:
        rest = (sum(map(mul, codes, _SECOND_WEIGHTS)) - _SECOND_ZERO) % 11
    return None if rest == 10 else rest


def iin_problems(iin: str) -> list[str]:
    """What is wrong with ``iin`` (codes above); an empty list means it is valid.

    A wrong length or a non-digit hides the other checks, which would only repeat it.
    """
    return read_iin(iin)[0]


def read_iin(iin: str) -> tuple[list[str], dt.date | None, Sex | None]:
    """The problems of ``iin``, and when it has none the birth date and sex it encodes.

    One pass for all three, as the rules ask each of every IIN of a district's bundle.
    """
    if len(iin) != IIN_LENGTH:
        return [LENGTH], None, None
    if not (iin.isascii() and iin.isdigit()):
        return [DIGITS], None, None
    codes = iin.encode("ascii")  # digits read as their codes, once for every check below
    problems = []
    sex = _SEX_BY_CODE.get(codes[6])
    born = None
    if sex is None:
        problems.append(CENTURY)
    else:
        born = _encoded_date(iin[:7])
        if born is None:
            problems.append(DATE)
    expected = _check_digit(codes)
    if expected is None:
        problems.append(NEVER_ISSUED)
    elif expected != codes[11] - _ZERO:
        problems.append(CHECKSUM)
    return (problems, None, None) if problems else (problems, born, sex)


def is_valid_iin(iin: str) -> bool:
    return not iin_problems(iin)


def iin_birth_date(iin: str) -> dt.date | None:
    """The birth date the IIN encodes, or None when it encodes none."""
    return None if len(iin) < 7 else _encoded_date(iin[:7])


@functools.lru_cache(maxsize=32_768)  # people share birth dates: a few thousand a year of births
def _encoded_date(head: str) -> dt.date | None:
    if not (head.isascii() and head.isdigit()):
        return None
    base = _CENTURY_BASE.get(int(head[6]))
    if base is None:
        return None
    try:
        return dt.date(base + int(head[0:2]), int(head[2:4]), int(head[4:6]))
    except ValueError:
        return None


def iin_sex(iin: str) -> Sex | None:
    """The sex the IIN encodes (odd century digit male, even female)."""
    return _SEX_BY_CODE.get(ord(iin[6])) if len(iin) >= 7 else None


def make_iin(birth_date: dt.date, sex: Sex, serial: int) -> str:
    """A valid IIN for ``birth_date`` and ``sex`` (used by the demo world and tests).

    ``serial`` counts only the serial numbers that can be issued for that date
    and sex (those whose check digit exists), so distinct serials always give
    distinct IINs.  Raises ValueError when the date is outside 1800–2099 or the
    serial is beyond the numbers that exist for that day.
    """
    century = (birth_date.year // 100) * 100
    odd = {1800: 1, 1900: 3, 2000: 5}.get(century)
    if odd is None:
        raise ValueError(f"no IIN century digit for the year {birth_date.year}")
    if serial < 0:
        raise ValueError("serial must not be negative")
    prefix = birth_date.strftime("%y%m%d") + str(odd if sex is Sex.MALE else odd + 1)
    remaining = serial
    for number in range(10_000):
        first11 = f"{prefix}{number:04d}"
        digit = check_digit(first11)
        if digit is None:
            continue
        if remaining == 0:
            return f"{first11}{digit}"
        remaining -= 1
    raise ValueError(f"serial {serial} is beyond the IINs that exist for one day")
