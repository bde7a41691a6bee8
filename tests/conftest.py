"""Test settings shared by every test: offscreen Qt, data folders in tmp.

Qt must see ``QT_QPA_PLATFORM=offscreen`` before it loads, and no test may
touch the real user's data folder, so both are set here at import time and per
test.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ["QT_QPA_PLATFORM"] = "offscreen"

# Property tests check what holds, not how fast: a loaded CI machine must not fail
# them on hypothesis' per-example deadline.
settings.register_profile("tirkeu", deadline=None, print_blob=True)
settings.load_profile("tirkeu")
os.environ.pop("TIRKEU_DATA_DIR", None)
os.environ.pop("TIRKEU_PASSWORD", None)

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("TIRKEU_DATA_DIR", raising=False)
    monkeypatch.delenv("TIRKEU_PASSWORD", raising=False)


@pytest.fixture(autouse=True)
def _ui_language_reset() -> Iterator[None]:
    from tirkeu.i18n import ui_language

    ui_language.code = "kk"
    yield
    ui_language.code = "kk"
    ui_language._listeners.clear()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo world built once; tests copy it rather than rebuild it."""
    from tirkeu.services.demo import build_demo_world

    root = tmp_path_factory.mktemp("demo-template")
    build_demo_world(root, records=60, today=TODAY)
    for lock in root.rglob("tirkeu.lock"):
        lock.unlink()
    return root


@pytest.fixture
def demo_world(demo_template: Path, tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "world"
    shutil.copytree(demo_template, target)
    return target
