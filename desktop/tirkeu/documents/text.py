"""Words of the printed documents: the ``documents`` catalog and official dates.

A document is printed in the record's language (п. 30), which is independent of
the language of the screen, so every lookup here names its language.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from tirkeu.i18n import t

DOMAIN = "documents"

# Babel's own patterns, literal words quoted: "2023 жылғы 29 маусым", "29 июня 2023 года".
_OFFICIAL_PATTERNS = {
    "kk": "y 'жылғы' d MMMM",
    "ru": "d MMMM y 'года'",
    "en": "d MMMM y",
}

# Spaces some locales put into dates, replaced by a plain space for the printer.
_ODD_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " ", "\u2009": " "})

DASH = "—"


def tr(lang: str, msgid: str, **values: object) -> str:
    """``msgid`` from the documents catalog in ``lang``, with ``%(name)s`` filled in."""
    text = t(lang, msgid, DOMAIN)
    return text % values if values else text


def paragraph_ref(lang: str, number: int) -> str:
    """A reference to a paragraph of Order 429: "п. 40" / "40-тармақ"."""
    return tr(lang, "para. %(n)s", n=number)


def official_date(day: dt.date, lang: str) -> str:
    """A date as official documents write it: "2023 жылғы 29 маусым" / "29 июня 2023 года"."""
    pattern = _OFFICIAL_PATTERNS.get(lang, _OFFICIAL_PATTERNS["en"])
    return format_date(day, pattern, locale=lang).translate(_ODD_SPACES)


def optional_date(day: dt.date | None, lang: str) -> str:
    """An official date, or a dash where the record has none."""
    return official_date(day, lang) if day is not None else DASH


def or_dash(value: str | None) -> str:
    """The value, or a dash so that an empty line on a form is visibly intentional."""
    return value.strip() if value and value.strip() else DASH
