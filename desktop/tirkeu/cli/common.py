"""Small helpers every command shares: the message language and one-line errors."""

from __future__ import annotations

import locale
import os
import sys

from tirkeu.i18n import LANGUAGES


def cli_language(explicit: str | None) -> str:
    """``--lang``, else ``TIRKEU_LANG``, else the system's kk or ru, else English."""
    if explicit:
        return explicit
    env = os.environ.get("TIRKEU_LANG", "")
    if env in LANGUAGES:
        return env
    code = (locale.getlocale()[0] or os.environ.get("LANG", "")).lower()
    for lang in ("kk", "ru"):
        if code.startswith(lang):
            return lang
    return "en"


def fail(message: str) -> None:
    """One line on stderr: the contract's way to report an error."""
    print(f"tirkeu: {message}", file=sys.stderr)
