"""Words and dates the reports print, in the report's language (kk or ru)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from tirkeu.documents.text import DASH, tr
from tirkeu.documents.words import enum_word
from tirkeu.domain.application import Scenario, Sex
from tirkeu.i18n import N_

STATUS_WORDS = {
    "draft": N_("draft"),
    "registered": N_("registered locally"),
    "certificate_issued": N_("certificate issued"),
    "refused": N_("refused"),
    "transferred": N_("sent to the district"),
    "confirmed": N_("confirmed by the district"),
    "rejected": N_("rejected by the district"),
}

BLANK_STATE_WORDS = {
    "in_stock": N_("in stock"),
    "issued": N_("issued"),
    "spoiled": N_("spoiled"),
    "surrendered": N_("surrendered"),
    "seized": N_("seized"),
    "destroyed": N_("destroyed"),
}

_MONTH_PATTERNS = {"kk": "y 'жылғы' LLLL", "ru": "LLLL y 'года'", "en": "LLLL y"}


def status_word(code: str, lang: str) -> str:
    return tr(lang, STATUS_WORDS[code]) if code in STATUS_WORDS else code


def blank_state_word(code: str, lang: str) -> str:
    return tr(lang, BLANK_STATE_WORDS[code])


def scenario_word(code: str, lang: str) -> str:
    return enum_word(Scenario(code), lang)


def sex_word(code: str, lang: str) -> str:
    return enum_word(Sex(code), lang)


def month_name(first: dt.date, lang: str) -> str:
    """ "2026 жылғы қазан" / "октябрь 2026 года"."""
    return format_date(first, _MONTH_PATTERNS.get(lang, "LLLL y"), locale=lang).lower()


def short_date(day: dt.date | None) -> str:
    """dd.mm.yyyy, the form a table column has room for."""
    return day.strftime("%d.%m.%Y") if day is not None else DASH
