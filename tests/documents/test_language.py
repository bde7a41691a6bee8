"""Fonts, catalogs and dates: every printable character has a glyph, every word a translation."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from reportlab.pdfbase.ttfonts import TTFont

from tirkeu.documents import official_date
from tirkeu.documents.fonts import FONT_FILES, font_file
from tirkeu.documents.text import tr
from tirkeu.documents.words import ENUM_WORDS, citizenship
from tirkeu.resources import resource, translations_dir

PACKAGE = Path(__file__).resolve().parents[2] / "desktop" / "tirkeu" / "documents"
KAZAKH = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"
RUSSIAN = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
PUNCTUATION = "0123456789 .,;:!?()[]/-–—«»\"'’“”№%+*<>&_\u00a0\u202f"


def _catalog(lang: str) -> dict[str, str]:
    path = translations_dir() / lang / "LC_MESSAGES" / "documents.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    return {str(m.id): str(m.string) for m in catalog if m.id}


def _used_msgids() -> set[str]:
    found = {
        str(msg)
        for _, _, msg, _, _ in extract_from_dir(
            str(PACKAGE), keywords={"tr": (2,), "DocumentRefused": (1,)}, comment_tags=()
        )
    }
    found |= {word for words in ENUM_WORDS.values() for word in words.values()}
    layout = json.loads(resource("layouts", "kz-birth-a5-2023.json").read_text("utf-8"))
    found |= {p["text"] for p in layout["printed"]}
    found |= {f["caption"] for f in layout["fields"].values() if "caption" in f}
    return found


def _printable() -> str:
    chars = set(KAZAKH + KAZAKH.lower() + RUSSIAN + RUSSIAN.lower() + PUNCTUATION)
    for lang in ("kk", "ru", "en"):
        for text in _catalog(lang).values():
            chars |= set(text)
        for month in range(1, 13):
            chars |= set(official_date(dt.date(2023, month, 28), lang))
    return "".join(sorted(chars))


@pytest.mark.parametrize("name", sorted(FONT_FILES))
def test_fonts_have_a_glyph_for_every_printable_character(name: str) -> None:
    cmap = TTFont(f"probe-{name}", font_file(name)).face.charToGlyph
    missing = [f"U+{ord(c):04X} {c}" for c in _printable() if ord(c) not in cmap]
    assert missing == []


def test_font_licence_ships_with_the_fonts() -> None:
    assert "Bitstream Vera" in resource("fonts", "DejaVu-LICENSE.txt").read_text("utf-8")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_word_the_documents_print_is_translated(lang: str) -> None:
    catalog = _catalog(lang)
    missing = sorted(m for m in _used_msgids() if not catalog.get(m))
    assert missing == []


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_placeholders_survive_translation(lang: str) -> None:
    for msgid, text in _catalog(lang).items():
        if "%(" in msgid:
            names = {part.split(")")[0] for part in msgid.split("%(")[1:]}
            assert {part.split(")")[0] for part in text.split("%(")[1:]} == names, msgid


def test_every_coded_value_has_a_word() -> None:
    for enum, words in ENUM_WORDS.items():
        assert set(words) == set(enum), enum


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", "2023 жылғы 29 маусым"), ("ru", "29 июня 2023 года"), ("en", "29 June 2023")],
)
def test_official_date(lang: str, expected: str) -> None:
    assert official_date(dt.date(2023, 6, 29), lang) == expected


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_official_dates_carry_no_odd_spaces(lang: str) -> None:
    for month in range(1, 13):
        text = official_date(dt.date(2024, month, 1), lang)
        assert "\u202f" not in text and "\u00a0" not in text


def test_paragraph_references() -> None:
    assert tr("kk", "para. %(n)s", n=40) == "40-тармақ"
    assert tr("ru", "para. %(n)s", n=40) == "п. 40"


def test_citizenship_words() -> None:
    assert citizenship("KZ", "kk") == "Қазақстан Республикасы"
    assert citizenship("KZ", "ru") == "Республика Казахстан"
    assert citizenship("RU", "kk") == "Ресей"
    assert citizenship(None, "ru") == "—"


def test_documents_import_only_the_domain_and_shared_helpers() -> None:
    allowed = (
        "tirkeu.domain",
        "tirkeu.documents",
        "tirkeu.i18n",
        "tirkeu.labels",  # shared words for stored codes and field names (i18n only)
        "tirkeu.resources",
    )
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith("PySide6"), (path.name, name)
                if name.startswith("tirkeu"):
                    assert name.startswith(allowed), (path.name, name)
