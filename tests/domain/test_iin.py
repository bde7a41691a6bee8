"""IIN: check digit, date and century/sex digit (DESIGN "Facts that help"; п. 29 3))."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tirkeu.domain.application import Sex
from tirkeu.domain.iin import (
    check_digit,
    iin_birth_date,
    iin_problems,
    iin_sex,
    is_valid_iin,
    make_iin,
)

dates = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31))
sexes = st.sampled_from(list(Sex))


def test_known_check_digits() -> None:
    # 9*1 + 5*2 + 0*3 + 1*4 + 0*5 + 1*6 + 3*7 + 0 + 0 + 0 + 1*11 = 61; 61 % 11 = 6
    assert check_digit("95010130001") == 6
    assert is_valid_iin("950101300016")
    assert iin_problems("950101300015") == ["checksum"]


def test_second_weights_used_when_first_gives_ten() -> None:
    first11 = next(
        f"0001013{n:04d}"
        for n in range(10_000)
        if sum(int(c) * w for c, w in zip(f"0001013{n:04d}", range(1, 12), strict=True)) % 11 == 10
        and check_digit(f"0001013{n:04d}") is not None
    )
    weights = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
    expected = sum(int(c) * w for c, w in zip(first11, weights, strict=True)) % 11
    assert check_digit(first11) == expected


def test_never_issued_numbers_are_reported() -> None:
    never = next(f"9001013{n:04d}" for n in range(10_000) if check_digit(f"9001013{n:04d}") is None)
    assert "never_issued" in iin_problems(never + "0")


@pytest.mark.parametrize(
    ("iin", "problem"),
    [
        ("12345", "length"),
        ("95010130001a", "digits"),
        ("９５０１０１３０００１５", "digits"),  # full-width digits are not ASCII
        ("950101000016", "century"),
        ("951301300016", "date"),
    ],
)
def test_malformed(iin: str, problem: str) -> None:
    assert problem in iin_problems(iin)


def test_century_and_sex_digit() -> None:
    assert iin_birth_date(make_iin(dt.date(1899, 12, 31), Sex.FEMALE, 0)) == dt.date(1899, 12, 31)
    assert make_iin(dt.date(1985, 6, 1), Sex.MALE, 0)[6] == "3"
    assert make_iin(dt.date(1985, 6, 1), Sex.FEMALE, 0)[6] == "4"
    assert make_iin(dt.date(2020, 6, 1), Sex.MALE, 0)[6] == "5"
    assert make_iin(dt.date(2020, 6, 1), Sex.FEMALE, 0)[6] == "6"


def test_make_iin_refuses_impossible_requests() -> None:
    with pytest.raises(ValueError):
        make_iin(dt.date(2100, 1, 1), Sex.MALE, 0)
    with pytest.raises(ValueError):
        make_iin(dt.date(2000, 1, 1), Sex.MALE, 10_000)
    with pytest.raises(ValueError):
        make_iin(dt.date(2000, 1, 1), Sex.MALE, -1)


@given(dates, sexes, st.integers(min_value=0, max_value=8000))
def test_made_iins_are_valid_and_agree(day: dt.date, sex: Sex, serial: int) -> None:
    iin = make_iin(day, sex, serial)
    assert iin_problems(iin) == []
    assert iin_birth_date(iin) == day
    assert iin_sex(iin) is sex


@given(dates, sexes, st.integers(min_value=0, max_value=8000))
def test_distinct_serials_give_distinct_iins(day: dt.date, sex: Sex, serial: int) -> None:
    assert make_iin(day, sex, serial) != make_iin(day, sex, serial + 1)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_check_digit_decides_validity(iin: str) -> None:
    expected = check_digit(iin[:11])
    problems = iin_problems(iin)
    assert ("checksum" in problems) == (expected is not None and expected != int(iin[11]))
    assert ("never_issued" in problems) == (expected is None)


@given(st.text(max_size=20))
def test_any_text_gives_problems_not_exceptions(text: str) -> None:
    assert isinstance(iin_problems(text), list)
