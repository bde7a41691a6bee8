"""Spelling checks for personal names, and the search key of the journal.

A name is written in Kazakh or Russian Cyrillic (the Kazakh letters ә ғ қ ң ө
ұ ү һ і included).  Parts may be joined by a hyphen (Ахмет-Ғали), an apostrophe
(Д'Артаньян) or a single space inside a compound name or a Kazakh patronymic
(Серік ұлы).  A name that mixes Latin and Cyrillic letters is always an error:
it usually hides a look-alike letter typed on the wrong keyboard layout, which
breaks every later search and comparison.  A name written only in Latin letters
is accepted for a foreign citizen or a stateless person, whose identity document
spells it so (п. 31: parents' data are filled from their identity documents);
for a citizen of Kazakhstan it is an error.
"""

from __future__ import annotations

import functools
import itertools
import re
import sys
import unicodedata

from tirkeu.domain.application import Sex

MAX_NAME_LENGTH = 60
MAX_NAME_WORDS = 4

_KAZAKH_LETTERS = "әғқңөұүһі"
_RUSSIAN_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
CYRILLIC_LETTERS = frozenset(_RUSSIAN_LETTERS + _KAZAKH_LETTERS)
SEPARATORS = frozenset("-' ’")

# Problem codes returned by ``name_problems``; each is also a rule id ``name.<code>``.
EMPTY = "empty"
TOO_LONG = "too_long"
TOO_MANY_WORDS = "too_many_words"
CHARACTERS = "characters"
SEPARATOR_PLACEMENT = "separators"
MIXED_SCRIPTS = "mixed_scripts"
LATIN_FOR_CITIZEN = "latin_for_citizen"
LOWERCASE = "lowercase"

_KAZAKH_PATRONYMIC = re.compile(r"(ұлы|улы|қызы|кызы)$")
_RUSSIAN_MALE_PATRONYMIC = re.compile(r"(ович|евич|ич)$")
_RUSSIAN_FEMALE_PATRONYMIC = re.compile(r"(овна|евна|ична)$")


# What a character is for a name: a Cyrillic letter, a Latin letter, a
# separator or anything else.  Names repeat the same few dozen characters, and
# the Unicode name lookup behind "Latin" is slow, so each answer is kept.
_CYRILLIC, _LATIN, _SEPARATOR, _OTHER = range(4)


@functools.lru_cache(maxsize=4096)
def _char_kind(ch: str) -> int:
    if ch.casefold() in CYRILLIC_LETTERS:
        return _CYRILLIC
    if ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
        return _LATIN
    return _SEPARATOR if ch in SEPARATORS else _OTHER


def script_of(text: str) -> str:
    """ "cyrillic", "latin", "mixed" or "none": which alphabets the letters of ``text`` use."""
    kinds = {_char_kind(ch) for ch in text}
    cyrillic = _CYRILLIC in kinds
    latin = _LATIN in kinds
    if cyrillic and latin:
        return "mixed"
    if cyrillic:
        return "cyrillic"
    if latin:
        return "latin"
    return "none"


def bad_characters(text: str) -> str:
    """The characters of ``text`` that no name may hold, each once, in order."""
    return "".join(dict.fromkeys(ch for ch in text if _char_kind(ch) == _OTHER))


def name_problems(text: str, *, latin_allowed: bool = False) -> list[str]:
    """What is wrong with one name part (surname, given name or patronymic).

    ``latin_allowed`` is true for a foreign citizen or a stateless person.  An
    empty result means the spelling is acceptable.
    """
    return list(name_problem_codes(text, latin_allowed))


# The district checks every name of thousands of records, and names repeat.
@functools.lru_cache(maxsize=65_536)
def name_problem_codes(text: str, latin_allowed: bool) -> tuple[str, ...]:
    """:func:`name_problems` as a tuple, kept per spelling: what the rules engine calls."""
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        return (EMPTY,)
    problems = []
    if len(text) > MAX_NAME_LENGTH:
        problems.append(TOO_LONG)
    if len(text.split()) > MAX_NAME_WORDS:
        problems.append(TOO_MANY_WORDS)
    if bad_characters(text):
        problems.append(CHARACTERS)
    if _separators_misplaced(text):
        problems.append(SEPARATOR_PLACEMENT)
    script = script_of(text)
    if script == "mixed":
        problems.append(MIXED_SCRIPTS)
    elif script == "latin" and not latin_allowed:
        problems.append(LATIN_FOR_CITIZEN)
    first = text.strip()[0]
    if first.isalpha() and first.islower():
        problems.append(LOWERCASE)
    return tuple(problems)


def _separators_misplaced(text: str) -> bool:
    """A separator at either end, or two in a row ("Ахмет--Ғали", "Серік  ұлы")."""
    if text[0] in SEPARATORS or text[-1] in SEPARATORS:
        return True
    return any(a in SEPARATORS and b in SEPARATORS for a, b in itertools.pairwise(text))


def patronymic_sex(patronymic: str) -> Sex | None:
    """The sex a patronymic's form implies: Kazakh -ұлы/-қызы, Russian -ович/-овна.

    None when the form says nothing (a foreign or unusual patronymic).
    """
    word = patronymic.strip().casefold()
    if not word:
        return None
    kazakh = _KAZAKH_PATRONYMIC.search(word)
    if kazakh:
        return Sex.MALE if kazakh.group(1) in ("ұлы", "улы") else Sex.FEMALE
    if _RUSSIAN_FEMALE_PATRONYMIC.search(word):
        return Sex.FEMALE
    if _RUSSIAN_MALE_PATRONYMIC.search(word):
        return Sex.MALE
    return None


# Kazakh letters folded to the Russian letters they are commonly replaced with,
# and Latin look-alikes typed on the wrong layout, so that "Серик", "Серік" and
# "Ceрiк" (with Latin C and i) find one another.
_SEARCH_FOLD = str.maketrans(
    {
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "ё": "е",
        "a": "а",
        "c": "с",
        "e": "е",
        "i": "и",
        "o": "о",
        "p": "р",
        "x": "х",
        "y": "у",
        "-": " ",
        "'": "",
        "’": "",
    }
)


# Every letter a folded letter stands for, for letter_spellings.
_UNFOLD: dict[str, tuple[str, ...]] = {}
for _source, _target in _SEARCH_FOLD.items():
    if _target is not None and len(str(_target)) == 1 and chr(_source).isalpha():
        _UNFOLD.setdefault(str(_target), (str(_target),))
        _UNFOLD[str(_target)] += (chr(_source),)


def letter_spellings(folded: str) -> tuple[str, ...]:
    """Each letter that :func:`normalize_for_search` folds to ``folded`` (а: а, ә, Latin a)."""
    return _UNFOLD.get(folded, (folded,))


def normalize_for_search(text: str) -> str:
    """A search key: case-folded, Kazakh-aware, spaces collapsed.

    Two spellings of one name that a person would call the same (Серік/Серик,
    Ахмет-Ғали/Ахмет Гали, ё/е, a stray Latin look-alike) give the same key.
    Apply it to both the stored names and the query.
    """
    folded = unicodedata.normalize("NFC", text).casefold().translate(_SEARCH_FOLD)
    return " ".join(folded.split())


_FEMININE_ENDINGS = (
    ("ская", "ский"),
    ("цкая", "цкий"),
    ("ова", "ов"),
    ("ева", "ев"),
    ("ёва", "ёв"),
    ("ина", "ин"),
    ("ына", "ын"),
    ("іна", "ін"),
    ("қызы", "ұлы"),
    ("кызы", "улы"),
)


def masculine_surname(surname: str) -> str:
    """The man's form of a woman's surname (Омарова → Омаров), as п. 26 2) is applied."""
    for feminine, masculine in _FEMININE_ENDINGS:
        if surname.lower().endswith(feminine) and len(surname) > len(feminine):
            return surname[: -len(feminine)] + masculine
    return surname


def same_surname_any_gender(mans: str, womans: str) -> bool:
    """True when a man's surname is the woman's, as written or in its masculine form.

    Used for п. 26 2): on the mother's statement the father bears her surname;
    Kazakh and Russian surnames change with sex (Серікова / Сериков,
    Әлиқызы / Әлиұлы), and a careful registrar writes the man's form.
    """
    man = normalize_for_search(mans)
    woman = normalize_for_search(womans)
    if man == woman:
        return True
    for feminine, masculine in _FEMININE_ENDINGS:
        fem, masc = normalize_for_search(feminine), normalize_for_search(masculine)
        if woman.endswith(fem) and man == woman[: -len(fem)] + masc:
            return True
    return False


# The Kazakh Cyrillic alphabet (the 42 letters of 1940, Russian ones included) in the
# order a Kazakh reader looks names up in; Unicode's order puts ә ғ қ ң ө ұ ү һ і after я.
KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_ALPHABET_RANK = {ch: rank for rank, ch in enumerate(KAZAKH_ALPHABET)}


# Where ``kazakh_order_key`` puts the alphabet: private-use code points, above
# every letter a name holds, so the key's code-point order is the alphabet's.
_ORDER_BASE = 0xE000
_WORD_BREAKS = frozenset("-‐–—")


class _OrderTable(dict[int, str | None]):
    """``str.translate`` table from a character to its place in ``kazakh_order_key``.

    A letter of the alphabet goes to its rank, any other letter or digit after
    the alphabet in code-point order, a space or hyphen to a space (which sorts
    before every letter), anything else nowhere.
    """

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        if ch.isspace() or ch in _WORD_BREAKS:
            place: str | None = " "
        elif ch.isalnum():
            rank = _ALPHABET_RANK.get(ch, len(KAZAKH_ALPHABET) + code)
            place = chr(min(_ORDER_BASE + rank, sys.maxunicode))
        else:
            place = None
        self[code] = place
        return place


_ORDER_TABLE = _OrderTable()


def kazakh_order_key(text: str) -> str:
    """A string whose code-point order is the Kazakh alphabetical order of ``text``.

    Each letter becomes one code point at its place in the alphabet (Ә after А,
    І after Ы), so a database that compares the stored key byte by byte lists
    names in Kazakh order without a collation.  Case and apostrophes are
    ignored; a space or hyphen ends a word, and a word sorts before its longer
    continuations (Иванов Айдос before Иванова Айдос, Ахмет-Ғали before Ахметов).
    """
    return " ".join(unicodedata.normalize("NFC", text).casefold().translate(_ORDER_TABLE).split())


def kazakh_sort_key(text: str) -> tuple[str, str]:
    """A key that sorts names in Kazakh alphabetical order (see ``kazakh_order_key``).

    Letters outside the alphabet (Latin, digits) follow it; case and
    apostrophes matter only between otherwise equal names.
    """
    return kazakh_order_key(text), text
