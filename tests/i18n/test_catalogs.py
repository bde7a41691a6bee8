"""Every msgid of every domain is translated in Kazakh and Russian, completely."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.i18n.catalogs import (
    PLACEHOLDER,
    TRANSLATED,
    TRANSLATIONS,
    catalog,
    entries,
    placeholders,
    update_module,
)
from tirkeu import i18n
from tirkeu.i18n import DOMAINS, LANGUAGES, t


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_msgid_is_translated_and_none_is_fuzzy(lang: str) -> None:
    empty = [(d, i) for d, i, s, _ in entries(lang) if not s.strip()]
    fuzzy = [(d, i) for d, i, _, f in entries(lang) if f]
    assert not empty, f"untranslated in {lang}: {empty}"
    assert not fuzzy, f"fuzzy in {lang}: {fuzzy}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_match_the_msgid(lang: str) -> None:
    wrong = [(d, i, s) for d, i, s, _ in entries(lang) if s and placeholders(s) != placeholders(i)]
    assert not wrong, wrong


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_catalogs_hold_exactly_what_the_sources_use(domain: str) -> None:
    """Nothing the program looks up is missing, nothing stale is kept (update.py)."""
    used = {str(m.id) for m in update_module().extract(domain) if m.id}
    for lang in LANGUAGES:
        held = {str(m.id) for m in catalog(lang, domain) if m.id}
        assert used - held == set(), f"{lang}/{domain}: run translations/update.py"
        assert held - used == set(), f"{lang}/{domain}: stale entries"
        assert not catalog(lang, domain).obsolete


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_are_not_english(lang: str) -> None:
    """A translation that is its msgid is a forgotten entry (short codes excepted)."""
    same = [
        (d, i)
        for d, i, s, _ in entries(lang)
        if s == i and any(ch.isascii() and ch.islower() for ch in PLACEHOLDER.sub("", i))
    ]
    assert not same, same


def test_the_runtime_reads_the_po_without_compiled_mo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A source checkout (editable install) has no .mo: the .po is compiled in memory."""
    for po in TRANSLATIONS.glob("*/LC_MESSAGES/*.po"):
        copy = tmp_path / po.relative_to(TRANSLATIONS)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(po, copy)
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    i18n.translations.cache_clear()
    try:
        assert not list(tmp_path.glob("*/LC_MESSAGES/*.mo"))
        assert t("kk", "para. {number}", "rules") == "{number}-тармақ"
        assert t("ru", "para. {number}", "rules") == "п. {number}"
        assert t("ru", "male", "documents") == "мужской"
    finally:
        i18n.translations.cache_clear()


def test_compile_all_writes_mo_files_that_give_the_same_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the install and the frozen build do: .mo files, read back like the .po."""
    for po in TRANSLATIONS.glob("*/LC_MESSAGES/*.po"):
        copy = tmp_path / po.relative_to(TRANSLATIONS)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(po, copy)
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    written = i18n.compile_all()
    try:
        assert len(written) == len(LANGUAGES) * len(DOMAINS)
        for lang in TRANSLATED:
            for domain, msgid, msgstr, _ in entries(lang):
                assert t(lang, msgid, domain) == msgstr
    finally:
        i18n.translations.cache_clear()
