"""The catalogs use the terms of Order 429 (translations/glossary.json)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.i18n.catalogs import TRANSLATED, entries, glossary

SEEDS = Path("/work/shared/seeds/order-429-birth-certificate-rules-kk-ru.txt")


def _uses(term: dict[str, object], msgid: str) -> bool:
    unless = term.get("unless")
    if isinstance(unless, str) and re.search(unless, msgid, re.IGNORECASE):
        return False
    return re.search(str(term["en"]), msgid, re.IGNORECASE) is not None


def test_the_glossary_names_each_term_in_three_languages() -> None:
    ids = [term["id"] for term in glossary()]
    assert len(ids) == len(set(ids))
    for term in glossary():
        for lang in TRANSLATED:
            official = term[lang]["term"]
            assert official and term[lang]["stems"], term["id"]
            assert any(re.search(s, official, re.IGNORECASE) for s in term[lang]["stems"]), (
                term["id"],
                lang,
            )


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_translation_uses_the_official_term(lang: str) -> None:
    wrong = []
    for domain, msgid, msgstr, _ in entries(lang):
        for term in glossary():
            stems = term[lang]["stems"]
            if _uses(term, msgid) and not any(re.search(s, msgstr, re.I) for s in stems):
                wrong.append((domain, term["id"], msgid, msgstr))
    assert not wrong, "\n".join(map(str, wrong))


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_term_is_met_in_the_catalogs(lang: str) -> None:
    """A term no msgid uses is a glossary entry whose English pattern is wrong."""
    msgids = [msgid for _, msgid, _, _ in entries(lang)]
    unused = [term["id"] for term in glossary() if not any(_uses(term, m) for m in msgids)]
    assert not unused


@pytest.mark.skipif(not SEEDS.exists(), reason="the legal text is not in this checkout")
def test_the_terms_are_the_words_of_the_order() -> None:
    """Each term's stems occur in the Kazakh and Russian texts of Order 429 themselves."""
    text = SEEDS.read_text(encoding="utf-8")
    russian_start = text.index("Об утверждении") if "Об утверждении" in text else len(text) // 2
    kazakh, russian = text[:russian_start], text[russian_start:]
    abbreviations = {"ЖСН", "ИИН"}  # the order spells them out in full
    missing = []
    for term in glossary():
        for lang, body in (("kk", kazakh), ("ru", russian)):
            found = any(
                re.search(s, body, re.IGNORECASE)
                for s in term[lang]["stems"]
                if s not in abbreviations
            )
            if not found:
                missing.append((term["id"], lang))
    assert not missing
