"""What the sign-in window loads before the password is typed (issue 11).

Each start runs in a fresh interpreter: this test session has long since
loaded everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tirkeu.ui.warmup import MODULES

# Loaded after the window is up, by the warm-up or at sign-in.  Each of them
# took a visible part of a bare Qt window's start.
LATER = (
    "filelock",  # the instance lock is taken with the system's own call
    "platformdirs",  # only when no data folder is given
    "cryptography",  # unwrapping a key slot, backups
    "argon2",  # the password's hash
    "sqlcipher3",  # the encrypted database
    "tirkeu.domain.application",  # the application model behind the journal
    "tirkeu.services.roles",  # who may do what: known once someone has signed in
)

_START = """
import json, sys
from pathlib import Path
import PySide6.QtCore
from tirkeu.services.workspace import Workspace
from tirkeu.ui.app import AppController, make_application
app = make_application()
ws = Workspace.open(Path(sys.argv[1]))
controller = AppController(ws)
controller.start()
app.processEvents()
print(json.dumps({
    # PySide6 builds Qt's namespace, some ninety enums, when it is first used.
    "qt_namespace": "Qt" in vars(PySide6.QtCore),
    "loaded": sorted({m for m in sys.modules for name in sys.argv[2:]
                      if m == name or m.startswith(name + ".")}),
    "title": controller.window.windowTitle(),
    "office": controller.window.office.text(),
    "centred": int(controller.window.office.alignment().value),
}))
ws.close()
"""


def _start(akimat: Path) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", _START, str(akimat), *LATER],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=120,
    ).stdout
    result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    return result


def test_the_sign_in_window_comes_up_without_what_signing_in_needs(demo_world: Path) -> None:
    started = _start(demo_world / "akimat")
    assert started["loaded"] == []
    assert started["qt_namespace"] is False
    # The window is the whole one still: in Kazakh, with the office's name centred.
    assert started["title"] == "Тіркеу: жүйеге кіру"
    assert started["office"]
    assert started["centred"] == 0x84  # Qt::AlignCenter


def test_the_warm_up_loads_what_signing_in_needs() -> None:
    for name in ("argon2.low_level", "sqlcipher3.dbapi2"):
        assert name in MODULES
    assert any(name.startswith("cryptography.") for name in MODULES)
