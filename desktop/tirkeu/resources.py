"""One place that finds the files under ``resources/`` and ``translations/``.

A source checkout (and an editable install) keeps them at the repository's top
level; a PyInstaller build unpacks them beside the executable (``sys._MEIPASS``).
Every layer asks here, so a frozen build finds the same files.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resource(*parts: str) -> Path:
    """Path of a file under ``resources/`` (fonts, layouts, schemas, icons)."""
    return _root().joinpath("resources", *parts)


def translations_dir() -> Path:
    return _root() / "translations"
