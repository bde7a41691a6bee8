"""The layers below ``ui`` never import PySide6 (DESIGN.md, Architecture)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import tirkeu

PACKAGE = Path(tirkeu.__file__).parent
CORE = ("domain", "storage", "documents", "sync", "services")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_core_module_imports_qt_in_its_source() -> None:
    offenders = []
    for layer in CORE:
        for path in (PACKAGE / layer).rglob("*.py"):
            if any(name.split(".")[0] in ("PySide6", "shiboken6") for name in _imports(path)):
                offenders.append(str(path.relative_to(PACKAGE)))
            if any(name.startswith(("tirkeu.ui", "tirkeu.cli")) for name in _imports(path)):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = sorted(
        ".".join(("tirkeu", *p.relative_to(PACKAGE).with_suffix("").parts))
        for layer in CORE
        for p in (PACKAGE / layer).rglob("*.py")
        if "migrations" not in p.parts
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m.removesuffix('.__init__'))\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
