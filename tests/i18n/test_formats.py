"""Dates, money and names as a Kazakh or Russian reader expects them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tirkeu.documents.text import official_date
from tirkeu.domain.amendments import format_money
from tirkeu.domain.names import kazakh_sort_key, normalize_for_search

ORDER_DAY = dt.date(2023, 6, 29)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", "2023 жылғы 29 маусым"), ("ru", "29 июня 2023 года"), ("en", "29 June 2023")],
)
def test_official_dates_read_as_the_order_writes_its_own(lang: str, expected: str) -> None:
    assert official_date(ORDER_DAY, lang) == expected


@pytest.mark.parametrize(
    ("day", "kk", "ru"),
    [
        (dt.date(2026, 1, 1), "2026 жылғы 1 қаңтар", "1 января 2026 года"),
        (dt.date(2026, 3, 22), "2026 жылғы 22 наурыз", "22 марта 2026 года"),
        (dt.date(2026, 8, 30), "2026 жылғы 30 тамыз", "30 августа 2026 года"),
        (dt.date(2026, 12, 16), "2026 жылғы 16 желтоқсан", "16 декабря 2026 года"),
    ],
)
def test_every_month_is_named_in_its_case(day: dt.date, kk: str, ru: str) -> None:
    assert official_date(day, "kk") == kk
    assert official_date(day, "ru") == ru


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_official_dates_have_only_plain_spaces(lang: str) -> None:
    """The document font and the printer get no U+202F / U+00A0 from Babel."""
    for month in range(1, 13):
        text = official_date(dt.date(2026, month, 5), lang)
        assert all(ch == " " or not ch.isspace() for ch in text)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", "2\xa0162,50\xa0₸"), ("ru", "2\xa0162,50\xa0₸")],
)
def test_money_is_written_in_tenge_with_the_tenge_sign(lang: str, expected: str) -> None:
    assert format_money(Decimal("2162.50"), lang) == expected


def test_money_never_shows_the_currency_code() -> None:
    for lang in ("kk", "ru", "en"):
        assert "KZT" not in format_money(Decimal("1846"), lang)
        assert "₸" in format_money(Decimal("1846"), lang)


@pytest.mark.parametrize(
    ("upper", "lower"),
    [
        ("Ә", "ә"),
        ("І", "і"),
        ("Ұ", "ұ"),
        ("Ү", "ү"),
        ("Қ", "қ"),
        ("Ң", "ң"),
        ("Ғ", "ғ"),
        ("Ө", "ө"),
        ("Һ", "һ"),
    ],
)
def test_search_ignores_the_case_of_kazakh_letters(upper: str, lower: str) -> None:
    name = f"{upper}бдіжаппар"
    assert normalize_for_search(name) == normalize_for_search(name.lower())
    assert normalize_for_search(upper) == normalize_for_search(lower)


def test_search_ignores_case_in_russian_and_kazakh_names() -> None:
    assert normalize_for_search("ӘБІЛҚАЙЫРҰЛЫ Нұрсұлтан") == normalize_for_search(
        "әбілқайырұлы нұрсұлтан"
    )
    assert normalize_for_search("ЁЛКИН Пётр") == normalize_for_search("елкин петр")


def test_kazakh_patronymics_keep_their_letters() -> None:
    """-ұлы / -қызы are not folded away: Серікұлы and Серікқызы stay different."""
    assert normalize_for_search("Серікұлы") != normalize_for_search("Серікқызы")


KAZAKH_ORDER = [
    "Айгүл", "Ахмет", "Ахмет-Ғали", "Әлия", "Бауыржан", "Валерий", "Гүлнар", "Ғалым",
    "Дәурен", "Ерлан", "Ёлкин", "Жанар", "Зарина", "Ильяс", "Йосиф", "Кәрім", "Қайрат",
    "Ләззат", "Мадина", "Нұрлан", "Ңа", "Омар", "Өмірзақ", "Павел", "Рүстем", "Сәуле",
    "Талғат", "Уәлихан", "Ұлан", "Үміт", "Фарида", "Хасен", "Һарун", "Цой", "Чингиз",
    "Шынар", "Щукин", "Ыбырай", "Іңкәр", "Эльмира", "Юлия", "Ясмин",
]  # fmt: skip


def test_names_sort_in_the_order_of_the_kazakh_alphabet() -> None:
    shuffled = sorted(KAZAKH_ORDER, key=lambda name: name[::-1])
    assert sorted(shuffled, key=kazakh_sort_key) == KAZAKH_ORDER


def test_sorting_ignores_case_and_puts_latin_after_cyrillic() -> None:
    names = ["smith", "әлия", "Әлия", "Ахмет", "ӘЛИЯ", "Adams"]
    ordered = sorted(names, key=kazakh_sort_key)
    assert ordered[0] == "Ахмет"
    assert {n.casefold() for n in ordered[1:4]} == {"әлия"}
    assert ordered[4:] == ["Adams", "smith"]
