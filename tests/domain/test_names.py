"""Names: Kazakh and Russian Cyrillic, one alphabet, Latin only for foreigners (п. 29, 31)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tirkeu.domain.application import Sex
from tirkeu.domain.names import (
    CYRILLIC_LETTERS,
    KAZAKH_ALPHABET,
    kazakh_order_key,
    kazakh_sort_key,
    name_problems,
    normalize_for_search,
    patronymic_sex,
    same_surname_any_gender,
    script_of,
)

LOWER = "".join(sorted(CYRILLIC_LETTERS))


@pytest.mark.parametrize(
    "name",
    [
        "Әлихан",
        "Нұрсұлтан",
        "Ғабит",
        "Өмірзақ",
        "Үмітжан",
        "Һәди",
        "Ақмаржан",
        "Ахмет-Ғали",
        "Серік ұлы",
        "Серікұлы",
        "Әлиқызы",
        "Ли",
        "Ю",
        "Д'Артаньян",
        "Салтыков-Щедрин",
    ],
)
def test_good_cyrillic_names(name: str) -> None:
    assert name_problems(name) == []


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("А" * 61, "too_long"),
        ("Бір Екі Үш Төрт Бес", "too_many_words"),
        ("Серік2", "characters"),
        ("Серік!", "characters"),
        ("-Серік", "separators"),
        ("Ахмет--Ғали", "separators"),
        ("Серік  ұлы", "separators"),
        ("Cерік", "mixed_scripts"),  # Latin C
        ("Серiк", "mixed_scripts"),  # Latin i instead of Kazakh і
        ("Serik", "latin_for_citizen"),
        ("серік", "lowercase"),
    ],
)
def test_bad_names(name: str, problem: str) -> None:
    assert problem in name_problems(name)


def test_latin_only_allowed_for_foreigners() -> None:
    """Latin spelling is accepted for a foreign citizen's name (п. 31: as in the passport)."""
    assert name_problems("Rustam", latin_allowed=True) == []
    assert name_problems("Müller", latin_allowed=True) == []
    assert "mixed_scripts" in name_problems("Rustaм", latin_allowed=True)


def test_decomposed_letters_are_accepted() -> None:
    assert name_problems("Андрей".replace("й", "и\u0306")) == []


def test_script_of() -> None:
    assert script_of("Әлихан") == "cyrillic"
    assert script_of("Alikhan") == "latin"
    assert script_of("Aлихан") == "mixed"
    assert script_of("-") == "none"


@pytest.mark.parametrize(
    ("patronymic", "sex"),
    [
        ("Серікұлы", Sex.MALE),
        ("Серік ұлы", Sex.MALE),
        ("Серикулы", Sex.MALE),
        ("Серікқызы", Sex.FEMALE),
        ("Серик кызы", Sex.FEMALE),
        ("Сергеевич", Sex.MALE),
        ("Ильич", Sex.MALE),
        ("Сергеевна", Sex.FEMALE),
        ("Ильинична", Sex.FEMALE),
        ("Shavkat o'g'li", None),
        ("", None),
    ],
)
def test_patronymic_sex(patronymic: str, sex: Sex | None) -> None:
    assert patronymic_sex(patronymic) is sex


@pytest.mark.parametrize(
    ("man", "woman"),
    [("Ким", "Ким"), ("Сериков", "Серикова"), ("Әлиұлы", "Әлиқызы"), ("Вишневский", "Вишневская")],
)
def test_same_surname_any_gender(man: str, woman: str) -> None:
    assert same_surname_any_gender(man, woman)


def test_different_surnames() -> None:
    assert not same_surname_any_gender("Омаров", "Жұмабаева")


def test_search_key_is_kazakh_aware() -> None:
    assert normalize_for_search("СЕРІК") == normalize_for_search("Серик")
    assert normalize_for_search("Ахмет-Ғали") == normalize_for_search("ахмет гали")
    assert normalize_for_search("Ceрiк") == normalize_for_search("Серік")  # Latin C and i
    assert normalize_for_search("Алёна") == normalize_for_search("Алена")
    assert normalize_for_search("  Өмір   Зақ ") == "омир зак"


names = st.builds(
    lambda first, rest: first.upper() + rest,
    st.sampled_from(LOWER),
    st.text(alphabet=LOWER, min_size=0, max_size=30),
)


@given(names)
def test_any_capitalised_cyrillic_word_is_a_good_name(name: str) -> None:
    assert name_problems(name) == []


@given(names, st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"))
def test_one_latin_letter_in_cyrillic_is_always_caught(name: str, latin: str) -> None:
    mixed = name + latin
    assert "mixed_scripts" in name_problems(mixed)
    assert "mixed_scripts" in name_problems(mixed, latin_allowed=True)


@given(st.text(max_size=80))
def test_search_key_is_idempotent(text: str) -> None:
    key = normalize_for_search(text)
    assert normalize_for_search(key) == key


@given(st.text(max_size=80))
def test_any_text_gives_problems_not_exceptions(text: str) -> None:
    assert isinstance(name_problems(text), list)


def test_order_key_follows_the_kazakh_alphabet_letter_by_letter() -> None:
    keys = [kazakh_order_key(letter) for letter in KAZAKH_ALPHABET]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(KAZAKH_ALPHABET)
    assert kazakh_order_key("ӘЛИ") == kazakh_order_key("әли")


def test_order_key_sorts_word_by_word() -> None:
    names = ["Иванова Айдос", "Ахметов", "Иванов Айдос", "Ахмет-Ғали", "Ахмет", "Д'Артаньян"]
    assert sorted(names, key=kazakh_order_key) == [
        "Ахмет", "Ахмет-Ғали", "Ахметов", "Д'Артаньян", "Иванов Айдос", "Иванова Айдос"
    ]  # fmt: skip
    assert kazakh_order_key("Ахмет-Ғали") == kazakh_order_key("Ахмет  Ғали")
    assert sorted(["smith", "Ясмин", "Ыбырай", "Ілияс"], key=kazakh_sort_key) == [
        "Ыбырай", "Ілияс", "Ясмин", "smith"
    ]  # fmt: skip


def _words_by_rank(name: str) -> list[list[int]]:
    """The reference order: word by word, each word letter by letter in the alphabet."""
    words = name.casefold().replace("'", "").replace("-", " ").split()
    return [[KAZAKH_ALPHABET.index(ch) for ch in word] for word in words]


spelled = st.text(alphabet=LOWER + LOWER.upper() + " -'", max_size=20)


@given(spelled, spelled)
def test_order_key_compares_names_word_by_word_in_alphabet_order(a: str, b: str) -> None:
    """Stored in a database and compared byte by byte, the key still gives that order."""
    ka, kb = kazakh_order_key(a).encode(), kazakh_order_key(b).encode()
    assert (ka < kb) == (_words_by_rank(a) < _words_by_rank(b))
    assert (ka == kb) == (_words_by_rank(a) == _words_by_rank(b))
