"""Encrypted backups: written, checked, rotated, restored; bad files refused."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TODAY
from tirkeu.services import backups
from tirkeu.services.accounts import AccountService
from tirkeu.services.auth import Role
from tirkeu.services.backups import BackupService, daily_backup_if_due, make_recovery_key, restore
from tirkeu.services.errors import PermissionDenied, ServiceError
from tirkeu.services.workspace import Workspace
from tirkeu.storage import backup as fmt
from tirkeu.storage.db import DB_FILE
from tirkeu.storage.keyfile import KEY_FILE

ROOT = Path(__file__).resolve().parents[2]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def with_key(office: Workspace) -> tuple[Workspace, str]:
    key = make_recovery_key(office, office.sign_in("admin", "secret1"))
    return office, key


def _users(ws: Workspace) -> set[str]:
    from sqlalchemy import select

    from tirkeu.storage.models import UserRow

    with ws.db.session() as s:
        return set(s.scalars(select(UserRow.username)))


def _backup(ws: Workspace, folder: Path, password: str | None = None) -> Path:
    return BackupService(ws, ws.sign_in("admin", "secret1")).backup_to(folder, password)


def test_backup_and_restore_with_the_recovery_key(
    with_key: tuple[Workspace, str], tmp_path: Path
) -> None:
    ws, key = with_key
    made = _backup(ws, tmp_path / "usb")
    raw = made.read_bytes()
    assert raw.startswith(fmt.MAGIC)
    assert b"SQLite format 3" not in raw and b"admin" not in raw[200:]
    header = fmt.read_header(made)
    assert header.schema and header.created_at == dt.datetime.combine(TODAY, dt.time(11, 30))
    from tirkeu.services import auth

    with ws.db.session() as s:
        auth.create_user(
            s, username="later", full_name="L", role=auth.Role.HEAD, password="secret3", by=1
        )
    data = ws.data_dir
    ws.close()
    kept = restore(data, made, key.lower().replace("-", " "))
    assert kept is not None and kept.exists()
    with Workspace.open(data) as again:
        assert again.sign_in("admin", "secret1")
        assert "later" not in _users(again)


def test_a_password_backup_opens_with_the_password(office: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="recovery key"):
        _backup(office, tmp_path / "usb")
    made = _backup(office, tmp_path / "usb", password="long password")
    data = office.data_dir
    office.close()
    assert restore(data, made, "long password") is not None


def test_restore_refuses_bad_files_and_changes_nothing(
    with_key: tuple[Workspace, str], tmp_path: Path
) -> None:
    ws, key = with_key
    made = _backup(ws, tmp_path / "usb", password="long password")
    data = ws.data_dir
    ws.close()
    db = data / DB_FILE
    before = _digest(db)

    def refused(path: Path, secret: str, words: str) -> None:
        with pytest.raises(ServiceError) as err:
            restore(data, path, secret)
        assert words in err.value.message("en")
        assert _digest(db) == before
        assert not list((data / "backups").glob("before-restore-*"))

    refused(made, "wrong password", "does not open")
    refused(made, fmt.new_recovery_key(), "does not open")
    other = tmp_path / "notes.txt"
    other.write_text("not a backup")
    refused(other, key, "not a Tirkeu backup")
    refused(db, key, "not a Tirkeu backup")
    raw = made.read_bytes()
    cut = tmp_path / "cut.tkbackup"
    cut.write_bytes(raw[: len(raw) // 2])
    refused(cut, key, "incomplete")
    short = tmp_path / "short.tkbackup"
    short.write_bytes(raw[:30])
    refused(short, key, "incomplete")
    flipped = bytearray(raw)
    flipped[-40] ^= 0xFF
    bad = tmp_path / "bad.tkbackup"
    bad.write_bytes(bytes(flipped))
    refused(bad, key, "damaged")
    newer = tmp_path / "newer.tkbackup"
    newer.write_bytes(raw[:8] + struct.pack(">H", fmt.FORMAT + 1) + raw[10:])
    refused(newer, key, "newer version")


def test_restore_refuses_a_newer_schema(
    with_key: tuple[Workspace, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, key = with_key
    monkeypatch.setattr(fmt, "schema_revision", lambda _p, _key=None: "9999_future")
    made = _backup(ws, tmp_path / "usb")
    data = ws.data_dir
    ws.close()
    before = _digest(data / DB_FILE)
    with pytest.raises(ServiceError, match="newer version"):
        restore(data, made, key)
    assert _digest(data / DB_FILE) == before


def test_restore_waits_for_tirkeu_to_close(with_key: tuple[Workspace, str], tmp_path: Path) -> None:
    ws, key = with_key
    made = _backup(ws, tmp_path / "usb")
    with pytest.raises(ServiceError, match="already open"):
        restore(ws.data_dir, made, key)


def test_backups_rotate(with_key: tuple[Workspace, str], tmp_path: Path) -> None:
    ws, _key = with_key
    svc = BackupService(ws, ws.sign_in("admin", "secret1"))
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "mine.tkbackup").write_bytes(b"a file of the user's own")
    for n in range(backups.DEFAULT_KEEP + 2):
        ws.clock = functools.partial(dt.datetime, 2026, 11, 20, 9, 0, n)
        svc.backup_to(folder)
    ours = sorted(folder.glob("tirkeu-*.tkbackup"))
    assert len(ours) == backups.DEFAULT_KEEP
    assert ours[0].name == "tirkeu-20261120-090002.tkbackup"
    assert (folder / "mine.tkbackup").exists()


def test_the_daily_backup_runs_once_a_day(with_key: tuple[Workspace, str]) -> None:
    ws, key = with_key
    first = daily_backup_if_due(ws)
    assert first is not None and first.parent == ws.data_dir / "backups" / "daily"
    assert daily_backup_if_due(ws) is None
    ws.clock = lambda: dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(8))
    assert daily_backup_if_due(ws) is not None
    content = fmt.decrypt_backup(first, key)
    assert content.db_key is not None and content.key_file.startswith(b"{")
    assert content.image and not content.image.startswith(b"SQLite format 3"), "stays encrypted"


def test_no_daily_backup_without_a_recovery_key(office: Workspace) -> None:
    assert daily_backup_if_due(office) is None


def test_a_registrar_cannot_back_up_or_make_the_recovery_key(
    office: Workspace, tmp_path: Path
) -> None:
    reg = office.sign_in("reg", "secret2")
    with pytest.raises(PermissionDenied):
        BackupService(office, reg).backup_to(tmp_path, "long password")
    with pytest.raises(PermissionDenied):
        make_recovery_key(office, reg)


def test_a_damaged_database_names_the_newest_backup(
    with_key: tuple[Workspace, str], tmp_path: Path
) -> None:
    ws, _key = with_key
    made = daily_backup_if_due(ws)
    assert made is not None
    data = ws.data_dir
    ws.close()
    db = data / DB_FILE
    raw = bytearray(db.read_bytes())
    raw[4096 : 4096 + 2000] = b"\x07" * 2000
    db.write_bytes(bytes(raw))
    with Workspace.open(data) as again, pytest.raises(ServiceError) as err:
        again.sign_in("admin", "secret1")
    text = err.value.message("en")
    assert str(made) in text and "damaged" in text


def _cli(data: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tirkeu.cli.main", "--lang", "en", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "desktop"), "HOME": str(data), **env},
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_the_command_line_backs_up_and_restores(demo_world: Path, tmp_path: Path) -> None:
    data = demo_world / "akimat"
    out = tmp_path / "usb"
    made = _cli(
        data,
        "--user",
        "admin",
        "backup",
        "--out",
        str(out),
        TIRKEU_PASSWORD="demo",
        TIRKEU_BACKUP_PASSWORD="usb password 1",
    )
    assert made.returncode == 0, made.stderr
    path = Path(made.stdout.strip())
    assert path.parent == out and path.exists()
    denied = _cli(
        data,
        "--user",
        "registrar",
        "backup",
        "--out",
        str(out),
        TIRKEU_PASSWORD="demo",
        TIRKEU_BACKUP_PASSWORD="usb password 1",
    )
    assert denied.returncode == 1 and "Traceback" not in denied.stderr
    wrong = _cli(data, "restore", str(path), TIRKEU_BACKUP_PASSWORD="nope")
    assert wrong.returncode == 1
    assert wrong.stderr.count("\n") == 1 and "does not open" in wrong.stderr
    done = _cli(data, "restore", str(path), TIRKEU_BACKUP_PASSWORD="usb password 1")
    assert done.returncode == 0, done.stderr
    assert "previous database was kept" in done.stdout
    listed = _cli(data, "--user", "registrar", "list", TIRKEU_PASSWORD="demo")
    assert listed.returncode == 0


def _restore_setup(with_key: tuple[Workspace, str], tmp_path: Path) -> tuple[Path, Path, str]:
    """A backup, then a change after it: ``later`` exists only in the live database."""
    ws, key = with_key
    made = _backup(ws, tmp_path / "usb")
    admin = ws.sign_in("admin", "secret1")
    AccountService(ws, admin).create_user("later", "L", Role.HEAD, "secret3")
    data = ws.data_dir
    ws.close()
    return data, made, key


def _which(data: Path) -> str:
    """Which office opens, "restored" or "old", checking its database and keys agree."""
    with Workspace.open(data) as ws:
        assert not (data / fmt.RESTORE_MARKER).exists()
        assert not list(data.glob("*" + fmt.STAGED))
        assert ws.sign_in("admin", "secret1").username == "admin"
        users = _users(ws)
    with Workspace.open(data) as ws:
        if "later" in users:
            assert ws.sign_in("later", "secret3").username == "later"
            return "old"
        with pytest.raises(ServiceError, match="Wrong user name or password"):
            ws.sign_in("later", "secret3")
        return "restored"


def test_a_restore_cut_between_the_two_renames_is_finished_on_open(
    with_key: tuple[Workspace, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, made, key = _restore_setup(with_key, tmp_path)
    old_keys = (data / KEY_FILE).read_bytes()
    real = os.replace

    def cut(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst).name == KEY_FILE and Path(src).name.endswith(fmt.STAGED):
            raise OSError("power cut")
        real(src, dst)

    monkeypatch.setattr(os, "replace", cut)
    with pytest.raises(OSError, match="power cut"):
        restore(data, made, key)
    monkeypatch.setattr(os, "replace", real)
    # The crash window: the backup's database beside the old key file.
    assert (data / fmt.RESTORE_MARKER).exists()
    assert (data / KEY_FILE).read_bytes() == old_keys
    assert (data / (KEY_FILE + fmt.STAGED)).exists()
    with Workspace.open(data):
        assert (data / KEY_FILE).read_bytes() == fmt.decrypt_backup(made, key).key_file
    assert _which(data) == "restored"


def test_a_restore_cut_before_its_marker_leaves_the_old_office(
    with_key: tuple[Workspace, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, made, key = _restore_setup(with_key, tmp_path)
    before = {p.name: _digest(p) for p in (data / DB_FILE, data / KEY_FILE)}

    def killed(*_args: object) -> None:
        raise SystemExit("killed")

    # Staged files written, the marker not yet: a kill leaves them behind.
    monkeypatch.setattr(fmt, "_keep_previous", killed)
    monkeypatch.setattr(Path, "unlink", lambda *_a, **_k: None)
    with pytest.raises(SystemExit):
        restore(data, made, key)
    monkeypatch.undo()
    assert (data / (DB_FILE + fmt.STAGED)).exists() and (data / (KEY_FILE + fmt.STAGED)).exists()
    assert {p.name: _digest(p) for p in (data / DB_FILE, data / KEY_FILE)} == before
    with Workspace.open(data):
        pass
    assert _which(data) == "old"


def test_a_restore_finished_twice_is_the_same(
    with_key: tuple[Workspace, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, made, key = _restore_setup(with_key, tmp_path)
    real = fmt.finish_restore
    calls: list[Path] = []

    def cut_after_the_renames(folder: Path) -> bool:
        calls.append(folder)
        if len(calls) < 2:
            return real(folder)
        monkeypatch.setattr(Path, "unlink", lambda *_a, **_k: None)
        real(folder)  # every rename done, the marker left behind
        raise OSError("power cut")

    monkeypatch.setattr(fmt, "finish_restore", cut_after_the_renames)
    with pytest.raises(OSError):
        restore(data, made, key)
    monkeypatch.undo()
    assert (data / fmt.RESTORE_MARKER).exists()
    assert _which(data) == "restored"
