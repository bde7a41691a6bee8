"""Small helpers every command shares: the message language and one-line errors."""

from __future__ import annotations

import argparse
import contextlib
import locale
import os
import sys
from typing import Any

from tirkeu.i18n import LANGUAGES, t


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


def add_session_options(parser: argparse.ArgumentParser, lang: str, extra: dict[str, Any]) -> None:
    """--data-dir, --user and --lang; a command that defines one of them keeps its own."""
    options: tuple[tuple[str, dict[str, Any]], ...] = (
        (
            "--data-dir",
            {
                "metavar": t(lang, "DIR"),
                "help": t(lang, "data folder (default: TIRKEU_DATA_DIR or the user folder)"),
            },
        ),
        (
            "--user",
            {
                "metavar": t(lang, "NAME"),
                "help": t(lang, "staff user name (password from TIRKEU_PASSWORD or a prompt)"),
            },
        ),
        ("--lang", {"choices": LANGUAGES, "help": t(lang, "language of messages")}),
    )
    for flag, kwargs in options:
        with contextlib.suppress(argparse.ArgumentError):
            parser.add_argument(flag, **kwargs, **extra)
