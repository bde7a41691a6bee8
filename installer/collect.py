"""What the frozen build collects and what it trims, as plain functions.

``tirkeu.spec`` feeds these to PyInstaller; keeping them free of PyInstaller
lets fast tests prove that every resource, catalog and migration is collected
and that the trimming keeps Kazakh, Russian and English.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "desktop" / "tirkeu"
MIGRATIONS = PACKAGE / "storage" / "migrations"
MIGRATIONS_DEST = "tirkeu/storage/migrations"
MIGRATIONS_MODULE = "tirkeu.storage.migrations"

# The languages the application speaks; locale data of any other is trimmed.
LANGUAGES = ("kk", "ru", "en")

# Qt modules the application never uses: excluded unless a tirkeu module imports one.
UNUSED_QT = (
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtBluetooth",
    "QtCharts",
    "QtConcurrent",
    "QtDBus",
    "QtDataVisualization",
    "QtDesigner",
    "QtGraphs",
    "QtHelp",
    "QtHttpServer",
    "QtLabsStyleKit",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetwork",
    "QtNetworkAuth",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPositioning",
    "QtQml",
    "QtQmlFeatures",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtXml",
)

# Never needed at run time: GUI toolkits we do not use, test tools, dev tools.
EXCLUDED_MODULES = (
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "lib2to3",
    "pydoc_data",
    "test",
    "tests",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "ruff",
    "IPython",
    "matplotlib",
    "numpy",
    "setuptools",
    "pkg_resources",
    "_distutils_hack",
    "babel.messages.frontend",
    "sqlalchemy.testing",
    # pyhanko reads XMP metadata with lxml.etree only.
    "lxml.objectify",
    "lxml.html",
    "lxml.isoschematron",
    # Pillow reads PNG and JPEG for reportlab; AVIF alone brings a 5 MB codec.
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "readline",
    "reportlab.graphics.testshapes",
    "reportlab.graphics.testdrawings",
)

# Binaries no part of the application loads: Qt's software OpenGL renderer (widgets
# paint without OpenGL) and the GTK theme plugin of Linux, which drags GTK along.
DROPPED_BINARIES = ("opengl32sw.dll", "libqgtk3.so")
# Linux Qt plugins for kiosks, remote screens and Wayland (Qt falls back to xcb there).
DROPPED_QT_PLUGINS = (
    "egldeviceintegrations",
    "generic",
    "wayland-decoration-client",
    "wayland-graphics-integration-client",
    "wayland-shell-integration",
)
DROPPED_PLATFORMS = (
    "libqeglfs.so",
    "libqlinuxfb.so",
    "libqvnc.so",
    "libqvkkhrdisplay.so",
    "libqwayland.so",
    "libqminimalegl.so",
)

_QT_IMPORT = re.compile(r"\bPySide6\.(Qt\w+)")
_LOCALE_FILE = re.compile(r"^(?P<lang>[a-z]{2,3})(?:_\w+)?\.dat$")
_QT_QM = re.compile(r"^\w+?_(?P<lang>[a-z]{2,3})(?:_[A-Z]{2})?\.qm$")


def resource_datas(repo: Path = REPO) -> list[tuple[str, str]]:
    """(source, destination folder) for every file under ``resources/``."""
    root = repo / "resources"
    return [
        (str(path), str(PurePosixPath("resources", *path.parent.relative_to(root).parts)))
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    ]


def translation_datas(repo: Path = REPO) -> list[tuple[str, str]]:
    """The compiled ``.mo`` catalogs; without a ``.po`` beside them ``tirkeu.i18n`` reads these."""
    root = repo / "translations"
    return [
        (str(path), str(PurePosixPath("translations", *path.parent.relative_to(root).parts)))
        for path in sorted(root.glob("*/LC_MESSAGES/*.mo"))
    ]


def missing_mo(repo: Path = REPO) -> list[Path]:
    """Catalogs with no compiled ``.mo`` beside them: compile before building."""
    return [
        po
        for po in sorted((repo / "translations").glob("*/LC_MESSAGES/*.po"))
        if not po.with_suffix(".mo").exists()
    ]


def migration_datas(migrations: Path = MIGRATIONS) -> list[tuple[str, str]]:
    """Alembic's script folder as plain files: Alembic reads them from disk, not from imports."""
    out = []
    for path in sorted(migrations.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        rel = path.parent.relative_to(migrations).parts
        out.append((str(path), str(PurePosixPath(MIGRATIONS_DEST, *rel))))
    return out


def imported_modules(sources: Iterable[Path]) -> set[str]:
    """Every module the import statements in ``sources`` name (absolute imports only).

    ``from a import b`` names ``a``, and ``a.b`` too when ``b`` is a module rather
    than a name defined in ``a``.
    """
    names: set[str] = set()
    for path in sources:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(
                    f"{node.module}.{alias.name}"
                    for alias in node.names
                    if _is_module(f"{node.module}.{alias.name}")
                )
    return names


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, AttributeError, ValueError):
        return False


def migration_hiddenimports(migrations: Path = MIGRATIONS) -> list[str]:
    """Modules the migration scripts import: PyInstaller never sees them, they are data."""
    sources = [p for p in migrations.rglob("*.py") if "__pycache__" not in p.parts]
    return sorted(imported_modules(sources) - {"__future__"})


def qt_modules_used(package: Path = PACKAGE) -> set[str]:
    """The PySide6 modules (``QtCore``, ``QtPdf``…) that the tirkeu sources mention."""
    used: set[str] = set()
    for path in package.rglob("*.py"):
        used.update(_QT_IMPORT.findall(path.read_text(encoding="utf-8")))
    return used


def excluded_modules(package: Path = PACKAGE) -> list[str]:
    """Modules PyInstaller must leave out: unused Qt parts, toolkits and test tools."""
    used = qt_modules_used(package)
    qt = [f"PySide6.{name}" for name in UNUSED_QT if name not in used]
    return [*EXCLUDED_MODULES, *qt]


def keep_data(dest: str) -> bool:
    """Whether a collected data file (by its path inside the bundle) stays in the build.

    Trims Babel's locale data and Qt's translations to Kazakh, Russian and
    English, and drops files no running program reads.
    """
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    name = parts[-1]
    if parts[:2] == ("babel", "locale-data"):
        if name == "root.dat":
            return True
        match = _LOCALE_FILE.match(name)
        return bool(match and match["lang"] in LANGUAGES)
    if len(parts) >= 2 and parts[-2] == "translations" and name.endswith(".qm"):
        match = _QT_QM.match(name)
        return bool(match and match["lang"] in LANGUAGES)
    if parts[0] == "holidays" and "locale" in parts:
        return name == "KZ.mo"
    return name != "py.typed" and not name.endswith((".pyi", ".pyx", ".c", ".h"))


def keep_binary(dest: str) -> bool:
    """Whether a collected binary (by its path inside the bundle) stays in the build."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "plugins" in parts and parts[-2] in DROPPED_QT_PLUGINS:
        return False
    return parts[-1] not in (*DROPPED_BINARIES, *DROPPED_PLATFORMS)


def orphaned(
    kept: Iterable[str], dropped: Iterable[str], needs: Callable[[str], Iterable[str]]
) -> set[str]:
    """Libraries (lower-case file names) that only dropped binaries need.

    ``needs(dest)`` names the libraries a collected binary links to. A library
    that any kept binary needs, directly or through others, is never orphaned.
    """
    kept, dropped = list(kept), list(dropped)
    by_name: dict[str, list[str]] = {}
    for dest in kept + dropped:
        by_name.setdefault(_lib_name(dest), []).append(dest)

    def closure(starts: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        stack = list(starts)
        while stack:
            for lib in map(_lib_name, needs(stack.pop())):
                if lib in by_name and lib not in seen:
                    seen.add(lib)
                    stack.extend(by_name[lib])
        return seen

    only_dropped = closure(dropped)
    roots = [dest for dest in kept if _lib_name(dest) not in only_dropped]
    return only_dropped - closure(roots) - {_lib_name(dest) for dest in roots}


def _lib_name(path: str) -> str:
    return PurePosixPath(path.replace("\\", "/")).name.lower()
