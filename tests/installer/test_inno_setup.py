"""The Inno Setup script: fixed identity, data kept, texts in Kazakh, Russian and English.

Inno Setup itself runs only on Windows; these checks read the script as text.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from pathlib import Path

import pytest

INSTALLER = Path(__file__).resolve().parents[2] / "installer"
ISS = INSTALLER / "tirkeu.iss"
KAZAKH = INSTALLER / "Kazakh.isl"

# Windows recognises an installed Tirkeu by this; changing it breaks every upgrade.
APP_GUID = "6F0B3C2E-8A4D-4E7B-9C51-2D7E4A9F1B63"
LANGUAGES = ("kk", "ru", "en")


def _sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = defaultdict(list)
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            continue
        sections[current].append(line)
    return sections


@pytest.fixture(scope="module")
def iss() -> dict[str, list[str]]:
    return _sections(ISS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kazakh() -> dict[str, str]:
    raw = KAZAKH.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads a UTF-8 .isl only with a BOM"
    messages: dict[str, str] = {}
    for line in raw.decode("utf-8-sig").splitlines():
        if "=" in line and not line.startswith((";", "[")):
            key, value = line.split("=", 1)
            assert key not in messages, f"{key} twice"
            messages[key] = value
    return messages


def _setup(iss: dict[str, list[str]]) -> dict[str, str]:
    return dict(line.split("=", 1) for line in iss["Setup"])


def test_app_id_is_the_fixed_guid() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert f'#define AppGuid "{APP_GUID}"' in text
    assert str(uuid.UUID(APP_GUID)).upper() == APP_GUID
    assert "AppId={{{#AppGuid}}" in text


def test_version_follows_the_package() -> None:
    from tirkeu import __version__

    assert f'#define AppVersion "{__version__}"' in ISS.read_text(encoding="utf-8")


def test_installs_per_machine_under_program_files(iss: dict[str, list[str]]) -> None:
    setup = _setup(iss)
    assert setup["PrivilegesRequired"] == "admin"
    assert setup["DefaultDirName"].startswith("{autopf}")
    assert setup["ArchitecturesInstallIn64BitMode"] == "x64compatible"


def test_installs_the_frozen_folder_into_the_program_folder_only(
    iss: dict[str, list[str]],
) -> None:
    text = ISS.read_text(encoding="utf-8")
    assert '#define SourceFolder "..\\dist\\tirkeu"' in text
    for line in iss["Files"]:
        assert 'DestDir: "{app}"' in line
    for line in iss["Icons"] + iss["Run"]:
        assert "{app}\\tirkeu.exe" in line


def test_data_folder_is_never_deleted(iss: dict[str, list[str]]) -> None:
    """Neither an upgrade nor an uninstall removes anything outside the program folder."""
    assert "UninstallDelete" not in iss
    for line in iss["InstallDelete"]:
        assert re.search(r'Name: "\{app\}\\', line), line
    code = "\n".join(iss["Code"])
    assert "DelTree" not in code
    assert "RemoveDir" not in code
    # The only file Setup deletes is a lock file a closed Tirkeu left behind.
    assert re.findall(r"DeleteFile\(([^)]*)\)", code) == ["Folder + '\\' + LockFile"]


def test_code_knows_the_data_folder_the_application_uses() -> None:
    from tirkeu.services import datadir
    from tirkeu.storage.db import DB_FILE

    text = ISS.read_text(encoding="utf-8")
    assert '#define DataFolderName "Tirkeu"' in text
    assert Path(datadir.resolve(None)).name == "Tirkeu"
    assert f"DatabaseFile = '{DB_FILE}';" in text
    assert f"LockFile = '{datadir.LOCK_FILE}';" in text


def test_backups_go_where_the_application_restores_from() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert "Folder + '\\backups\\pre-install-" in text
    assert "function PrepareToInstall(var NeedsRestart: Boolean): String;" in text


def test_the_program_starts_as_the_person_not_the_administrator(
    iss: dict[str, list[str]],
) -> None:
    assert all("runasoriginaluser" in line for line in iss["Run"])


def test_start_menu_shortcut_and_optional_desktop_icon(iss: dict[str, list[str]]) -> None:
    icons = iss["Icons"]
    assert any(line.startswith('Name: "{autoprograms}') for line in icons)
    desktop = [line for line in icons if line.startswith('Name: "{autodesktop}')]
    assert desktop and all("Tasks: desktopicon" in line for line in desktop)
    assert any("desktopicon" in line and "unchecked" in line for line in iss["Tasks"])


def test_languages_are_kazakh_russian_english(iss: dict[str, list[str]]) -> None:
    names = [re.search(r'Name: "(\w+)"', line)[1] for line in iss["Languages"]]  # type: ignore[index]
    assert names == list(LANGUAGES)
    assert 'MessagesFile: "compiler:Default.isl,Kazakh.isl"' in iss["Languages"][0]
    assert "Russian.isl" in iss["Languages"][1]


def test_every_custom_message_exists_in_each_language(iss: dict[str, list[str]]) -> None:
    by_name: dict[str, set[str]] = defaultdict(set)
    for line in iss["CustomMessages"]:
        key, value = line.split("=", 1)
        lang, name = key.split(".", 1)
        assert value.strip()
        by_name[name].add(lang)
    assert by_name
    for name, langs in by_name.items():
        assert langs == set(LANGUAGES), name
    code = "\n".join(iss["Code"]) + "\n".join(iss["Icons"])
    for name in by_name:
        assert name in code, f"{name} is never used"


REQUIRED_KAZAKH = (
    "SetupWindowTitle",
    "ButtonBack",
    "ButtonNext",
    "ButtonInstall",
    "ButtonCancel",
    "ButtonFinish",
    "SelectLanguageTitle",
    "WelcomeLabel1",
    "WelcomeLabel2",
    "WizardSelectDir",
    "WizardSelectTasks",
    "WizardReady",
    "ReadyLabel1",
    "WizardPreparing",
    "ApplicationsFound2",
    "WizardInstalling",
    "FinishedHeadingLabel",
    "FinishedLabel",
    "ExitSetupMessage",
    "ConfirmUninstall",
    "UninstalledAll",
    "CreateDesktopIcon",
    "AdditionalIcons",
    "LaunchProgram",
)


def test_kazakh_messages_cover_every_page_setup_shows(kazakh: dict[str, str]) -> None:
    assert kazakh["LanguageID"] == "$043F"
    assert kazakh["LanguageCodePage"] == "0"
    for key in REQUIRED_KAZAKH:
        assert re.search("[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]", kazakh[key]), key
    assert re.search("[әғқңөұүһі]", " ".join(kazakh.values()))
    assert kazakh["ButtonNext"] == "&Әрі қарай >"


def test_kazakh_messages_keep_their_placeholders(kazakh: dict[str, str]) -> None:
    """A message with %1 or [name] in English has it in Kazakh too (spot checks)."""
    expected = {
        "SetupWindowTitle": ["%1"],
        "WelcomeLabel1": ["[name]"],
        "WelcomeLabel2": ["[name/ver]", "%n"],
        "DiskSpaceWarning": ["%1", "%2"],
        "LastErrorMessage": ["%1", "%2", "%3"],
        "ConfirmUninstall": ["%1"],
        "LaunchProgram": ["%1"],
        "FinishedLabel": ["[name]"],
    }
    for key, marks in expected.items():
        for mark in marks:
            assert mark in kazakh[key], (key, mark)
