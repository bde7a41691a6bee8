"""The spec collects every file Tirkeu reads at run time and trims only what it never reads."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path, PurePosixPath
from types import ModuleType

import babel
import pytest
from babel.core import get_global

REPO = Path(__file__).resolve().parents[2]


def _bundled(datas: list[tuple[str, str]]) -> dict[Path, str]:
    """Source file -> its path inside the bundle."""
    return {Path(src): str(PurePosixPath(dest, Path(src).name)) for src, dest in datas}


def test_every_resource_is_collected_where_resources_finds_it(collect: ModuleType) -> None:
    bundled = _bundled(collect.resource_datas())
    files = [p for p in (REPO / "resources").rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert bundled[path] == "resources/" + path.relative_to(REPO / "resources").as_posix()


def test_every_migration_file_is_collected_as_data(collect: ModuleType) -> None:
    migrations = REPO / "desktop" / "tirkeu" / "storage" / "migrations"
    bundled = _bundled(collect.migration_datas())
    files = [
        p
        for p in migrations.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    ]
    names = {p.name for p in files}
    assert {"env.py", "script.py.mako"} <= names
    assert any(p.parent.name == "versions" and p.suffix == ".py" for p in files)
    for path in files:
        rel = path.relative_to(migrations).as_posix()
        assert bundled[path] == f"tirkeu/storage/migrations/{rel}"
    assert not any("__pycache__" in dest for dest in bundled.values())


def test_the_bundled_migrations_sit_where_storage_looks(collect: ModuleType) -> None:
    from tirkeu.storage import db

    package_root = Path(db.__file__).resolve().parents[2]
    assert db.MIGRATIONS.relative_to(package_root).as_posix() == collect.MIGRATIONS_DEST


def test_migration_imports_are_hidden_imports_that_resolve(collect: ModuleType) -> None:
    hidden = collect.migration_hiddenimports()
    assert {"alembic.op", "sqlalchemy", "alembic.context", "tirkeu.storage.models"} <= set(hidden)
    for name in hidden:
        assert importlib.util.find_spec(name) is not None, name


def test_translation_datas_take_each_compiled_catalog(collect: ModuleType, tmp_path: Path) -> None:
    for lang in ("kk", "ru"):
        folder = tmp_path / "translations" / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "tirkeu.po").write_text("", encoding="utf-8")
        (folder / "tirkeu.mo").write_bytes(b"")
    datas = collect.translation_datas(tmp_path)
    assert sorted(dest for _src, dest in datas) == [
        "translations/kk/LC_MESSAGES",
        "translations/ru/LC_MESSAGES",
    ]
    assert all(src.endswith(".mo") for src, _dest in datas)


def test_missing_mo_names_catalogs_not_compiled(collect: ModuleType, tmp_path: Path) -> None:
    folder = tmp_path / "translations" / "kk" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    fresh, absent = folder / "rules.po", folder / "tirkeu.po"
    fresh.write_text("", encoding="utf-8")
    absent.write_text("", encoding="utf-8")
    fresh.with_suffix(".mo").write_bytes(b"")
    assert collect.missing_mo(tmp_path) == [absent]


def test_every_catalog_of_the_repository_has_a_language_the_app_speaks(
    collect: ModuleType,
) -> None:
    from tirkeu.i18n import LANGUAGES

    assert set(collect.LANGUAGES) == set(LANGUAGES)


@pytest.mark.parametrize(
    "name",
    ["root.dat", "kk.dat", "kk_KZ.dat", "ru.dat", "ru_KZ.dat", "en.dat", "en_GB.dat", "en_001.dat"],
)
def test_babel_keeps_kazakh_russian_english(collect: ModuleType, name: str) -> None:
    assert collect.keep_data(f"babel/locale-data/{name}")


@pytest.mark.parametrize("name", ["de.dat", "fr_FR.dat", "kok.dat", "ky_KG.dat", "uz_Cyrl.dat"])
def test_babel_drops_other_locales(collect: ModuleType, name: str) -> None:
    assert not collect.keep_data(f"babel/locale-data/{name}")


def test_babel_global_data_is_kept(collect: ModuleType) -> None:
    assert collect.keep_data("babel/global.dat")


def test_every_parent_of_a_kept_locale_is_kept(collect: ModuleType) -> None:
    """Babel merges a locale with its parents; a trimmed parent would break it."""
    data = Path(babel.__file__).with_name("locale-data")
    exceptions = get_global("parent_exceptions")
    kept = {p.stem for p in data.glob("*.dat") if collect.keep_data(f"babel/locale-data/{p.name}")}
    assert {"kk", "kk_KZ", "ru", "ru_RU", "en", "en_GB", "en_US", "root"} <= kept
    for name in kept - {"root"}:
        parent = exceptions.get(name) or (name.rsplit("_", 1)[0] if "_" in name else "root")
        assert parent in kept, (name, parent)


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_ru.qm", True),
        ("PySide6/Qt/translations/qt_ru.qm", True),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qt_zh_CN.qm", False),
        ("PySide6/Qt/translations/qt_help_ru.qm", True),
        ("translations/kk/LC_MESSAGES/tirkeu.mo", True),
    ],
)
def test_qt_translations_trimmed_to_our_languages(
    collect: ModuleType, dest: str, kept: bool
) -> None:
    assert collect.keep_data(dest) is kept


def test_holiday_names_of_kazakhstan_only(collect: ModuleType) -> None:
    assert collect.keep_data("holidays/locale/kk/LC_MESSAGES/KZ.mo")
    assert collect.keep_data("holidays/locale/en_US/LC_MESSAGES/KZ.mo")
    assert not collect.keep_data("holidays/locale/de/LC_MESSAGES/DE.mo")


def test_type_stubs_are_dropped_but_resources_kept(collect: ModuleType) -> None:
    assert not collect.keep_data("PySide6/QtCore.pyi")
    assert not collect.keep_data("pyhanko/py.typed")
    assert collect.keep_data("resources/fonts/DejaVuSerif.ttf")
    assert collect.keep_data("tirkeu/storage/migrations/script.py.mako")
    assert collect.keep_data(r"tirkeu\storage\migrations\env.py")


def test_no_qt_module_the_application_uses_is_excluded(collect: ModuleType) -> None:
    used = collect.qt_modules_used()
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    excluded = set(collect.excluded_modules())
    assert not {f"PySide6.{name}" for name in used} & excluded
    assert {"PySide6.QtWebEngineCore", "PySide6.Qt3DCore", "PySide6.QtQuick", "tkinter"} <= excluded


def test_a_qt_module_is_kept_once_the_application_imports_it(
    collect: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "preview.py").write_text("from PySide6.QtNetwork import QTcpSocket\n")
    excluded = collect.excluded_modules(tmp_path)
    assert "PySide6.QtNetwork" not in excluded
    assert "PySide6.QtQml" in excluded


def test_no_runtime_dependency_is_excluded(collect: ModuleType) -> None:
    """Exclusions never name a package Tirkeu declares, nor one reportlab needs."""
    whole_packages = {name for name in collect.excluded_modules() if "." not in name}
    needed = {"PIL", "reportlab", "sqlalchemy", "alembic", "babel", "holidays", "pyhanko", "lxml"}
    assert not needed & whole_packages
    assert "sqlalchemy.testing" in collect.excluded_modules()


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("opengl32sw.dll", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        (r"PySide6\plugins\platforms\qwindows.dll", True),
        (r"PySide6\plugins\styles\qmodernwindowsstyle.dll", True),
        ("PySide6/Qt6Core.dll", True),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", True),
    ],
)
def test_binaries_dropped_are_only_those_never_loaded(
    collect: ModuleType, dest: str, kept: bool
) -> None:
    assert collect.keep_binary(dest) is kept


def test_the_spec_builds_two_executables_in_one_folder(build: ModuleType) -> None:
    spec = (REPO / "installer" / "tirkeu.spec").read_text(encoding="utf-8")
    assert 'name="tirkeu", console=False' in spec
    assert 'name="tirkeu-cli", console=True' in spec
    assert build.console_exe(Path("dist/tirkeu")).name.startswith("tirkeu-cli")


LINKS = {
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so": ["libgtk-3.so.0", "libQt6Gui.so.6"],
    "libgtk-3.so.0": ["libcairo.so.2", "libglib-2.0.so.0"],
    "libcairo.so.2": ["libpng16.so.16"],
    "PySide6/Qt/lib/libQt6Gui.so.6": ["libglib-2.0.so.0", "libpng16.so.16"],
    "PySide6/QtGui.abi3.so": ["libQt6Gui.so.6"],
    "libglib-2.0.so.0": [],
    "libpng16.so.16": [],
}


def test_orphaned_libraries_are_those_only_dropped_binaries_need(collect: ModuleType) -> None:
    dropped = ["PySide6/Qt/plugins/platformthemes/libqgtk3.so"]
    kept = [dest for dest in LINKS if dest not in dropped]
    orphans = collect.orphaned(kept, dropped, lambda dest: LINKS[dest])
    assert orphans == {"libgtk-3.so.0", "libcairo.so.2"}


def test_nothing_is_orphaned_when_nothing_is_dropped(collect: ModuleType) -> None:
    assert collect.orphaned(list(LINKS), [], lambda dest: LINKS[dest]) == set()


def test_windows_library_names_match_whatever_their_case(collect: ModuleType) -> None:
    links = {"opengl32sw.dll": ["KERNEL32.dll", "Extra.DLL"], "extra.dll": [], "app.pyd": []}
    orphans = collect.orphaned(["extra.dll", "app.pyd"], ["opengl32sw.dll"], links.__getitem__)
    assert orphans == {"extra.dll"}


def test_the_build_check_names_each_missing_file(build: ModuleType, tmp_path: Path) -> None:
    folder = tmp_path / "tirkeu"
    internal = folder / "_internal"
    datas = build.collect.resource_datas() + build.collect.migration_datas()
    for src, dest in datas:
        target = internal / dest / Path(src).name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"")
    for name in build.REQUIRED:
        (internal / name).parent.mkdir(parents=True, exist_ok=True)
        (internal / name).write_bytes(b"")
    qt = internal / "PySide6" / "Qt" / "translations" / "qtbase_ru.qm"
    qt.parent.mkdir(parents=True)
    qt.write_bytes(b"")
    expected_mo = [f"{dest}/{Path(src).name}" for src, dest in build.collect.translation_datas()]
    assert build.missing_files(folder) == expected_mo
    qt.unlink()
    (internal / "babel" / "locale-data" / "kk.dat").unlink()
    assert build.missing_files(folder)[-2:] == ["babel/locale-data/kk.dat", "qtbase_ru.qm"]


def test_the_spec_is_valid_python_and_uses_the_collection_module() -> None:
    spec = (REPO / "installer" / "tirkeu.spec").read_text(encoding="utf-8")
    tree = ast.parse(spec)
    called = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    expected = {"resource_datas", "translation_datas", "migration_datas", "migration_hiddenimports"}
    assert expected | {"excluded_modules", "keep_data", "keep_binary", "orphaned"} <= called
