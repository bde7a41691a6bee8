"""Opening a test's data folder with its encrypted database already unlocked.

The office database opens only when someone signs in (issue 7); a test that
reads or changes rows directly signs in as the demo administrator first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tirkeu.services.workspace import Workspace


def unlocked(
    data_dir: Path, user: str = "admin", password: str = "demo", **kwargs: Any
) -> Workspace:
    ws = Workspace.open(data_dir, **kwargs)
    try:
        ws.sign_in(user, password)
    except BaseException:
        ws.close()
        raise
    return ws
