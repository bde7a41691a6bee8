"""Loads ``installer/collect.py`` (the spec's collection logic) without PyInstaller."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

INSTALLER = Path(__file__).resolve().parents[2] / "installer"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        f"tirkeu_installer_{name}", INSTALLER / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def collect() -> ModuleType:
    return _load("collect")


@pytest.fixture(scope="session")
def build() -> ModuleType:
    return _load("build")
