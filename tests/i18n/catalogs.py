"""Reading the catalogs and the glossary for the i18n tests."""

from __future__ import annotations

import importlib.util
import json
import re
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from tirkeu.i18n import DOMAINS

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
TRANSLATED = ("kk", "ru")

# "{name}", "{0}", "{n:>3}" and "%(name)s", "%s", "%d": what .format() / % fill in.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sd]|%[sd]")


@cache
def catalog(lang: str, domain: str) -> Catalog:
    with (TRANSLATIONS / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as fh:
        return read_po(fh, locale=lang, domain=domain)


def entries(lang: str) -> list[tuple[str, str, str, bool]]:
    """(domain, msgid, msgstr, fuzzy) of every entry of ``lang``, all domains."""
    return [
        (domain, str(m.id), str(m.string), m.fuzzy)
        for domain in DOMAINS
        for m in catalog(lang, domain)
        if m.id
    ]


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@cache
def update_module() -> ModuleType:
    """``translations/update.py``, the extraction the catalogs are built with."""
    spec = importlib.util.spec_from_file_location("tirkeu_update", TRANSLATIONS / "update.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def glossary() -> list[dict[str, Any]]:
    data = json.loads((TRANSLATIONS / "glossary.json").read_text(encoding="utf-8"))
    terms: list[dict[str, Any]] = data["terms"]
    return terms
