"""Translations: gettext catalogs under ``translations/``, read with Babel.

Messages are written in English in the code and translated through the
catalogs ``translations/<lang>/LC_MESSAGES/<domain>.po``.  One domain per layer
keeps the catalogs small and lets each layer own its words:

- ``tirkeu``: the GUI, the command line and the services,
- ``rules``: the findings of the rules engine,
- ``documents``: printed documents,
- ``sync``: bundles and acknowledgements.

A compiled ``.mo`` next to the ``.po`` is used when it is at least as new (the
frozen build ships them); otherwise the ``.po`` is compiled with Babel and the
``.mo`` written next to it for the next start, so a source checkout never shows
untranslated text and starts without Babel after its first run.  Nothing here
imports Qt: the UI layer adds Qt's own translations on top.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

from tirkeu.resources import translations_dir

LANGUAGES = ("kk", "ru", "en")
DOMAINS = ("tirkeu", "rules", "documents", "sync")
DEFAULT_LANGUAGE = "kk"


@cache
def translations(lang: str, domain: str = "tirkeu") -> _gettext.NullTranslations:
    """The catalog of ``domain`` in ``lang``; English falls back to the msgids."""
    base = translations_dir() / lang / "LC_MESSAGES"
    po, mo = base / f"{domain}.po", base / f"{domain}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    if po.exists():
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain=domain)
        buf = io.BytesIO()
        write_mo(buf, catalog)
        _keep_compiled(mo, buf.getvalue())
        buf.seek(0)
        return _gettext.GNUTranslations(buf)
    return _gettext.NullTranslations()


def _keep_compiled(mo: Path, data: bytes) -> None:
    """Write the compiled catalog next to its source, so the next start skips Babel.

    A read-only install (the frozen build ships its ``.mo`` files) keeps the
    in-memory copy only; a half-written file never replaces a good one.
    """
    tmp = mo.with_name(f"{mo.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(mo)
    except OSError:
        tmp.unlink(missing_ok=True)


def t(lang: str, msgid: str, domain: str = "tirkeu") -> str:
    """``msgid`` in ``lang`` (a language chosen per call, e.g. a document's)."""
    return translations(lang, domain).gettext(msgid)


def tn(lang: str, singular: str, plural: str, n: int, domain: str = "tirkeu") -> str:
    return translations(lang, domain).ngettext(singular, plural, n)


class _UiLanguage:
    """The language the person at the screen reads; listeners re-translate."""

    def __init__(self) -> None:
        self.code = DEFAULT_LANGUAGE
        self._listeners: list[Callable[[str], None]] = []

    def set(self, code: str) -> None:
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}")
        self.code = code
        for listener in list(self._listeners):
            listener(code)

    def subscribe(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[str], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)


ui_language = _UiLanguage()


def _(msgid: str) -> str:
    """``msgid`` in the current UI language (domain ``tirkeu``)."""
    return t(ui_language.code, msgid)


def N_(msgid: str) -> str:
    """Mark ``msgid`` for extraction without translating it yet."""
    return msgid


def compile_all() -> list[str]:
    """Compile every ``.po`` to ``.mo`` (used by the install and the frozen build)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(translations_dir().glob("*/LC_MESSAGES/*.po")):
        lang = po.parent.parent.name
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain=po.stem)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as fh:
            write_mo(fh, catalog)
        written.append(str(mo))
    translations.cache_clear()
    return written
