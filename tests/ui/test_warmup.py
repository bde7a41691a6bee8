"""The sign-in window starts light; the rest loads behind it (issue 11)."""

from __future__ import annotations

import subprocess
import sys

from pytestqt.qtbot import QtBot

from tirkeu.ui.warmup import MODULES, WarmUp

# What the sign-in window must not wait for: each takes a good part of a bare
# Qt window's whole start on an old PC.
HEAVY = ("sqlalchemy", "alembic", "holidays", "jsonschema", "reportlab", "pyhanko", "babel")


def test_the_sign_in_path_loads_no_database_or_document_library() -> None:
    code = (
        "import sys, tirkeu.cli.main, tirkeu.ui.app, tirkeu.services.workspace;"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert loaded == []


def test_the_warm_up_loads_every_module_of_the_main_window(qtbot: QtBot) -> None:
    warm = WarmUp()
    with qtbot.waitSignal(warm.ready, timeout=60_000):
        warm.start()
    assert warm.done
    assert all(name in sys.modules for name in MODULES)
