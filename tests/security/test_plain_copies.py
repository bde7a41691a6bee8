"""After a plain database is encrypted, no plain copy of it is left in the data folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.security.test_encryption import _plain_office
from tirkeu.services.auth import Actor, Role
from tirkeu.services.backups import BackupService, restore
from tirkeu.services.demo import OFFICE
from tirkeu.services.workspace import Workspace
from tirkeu.storage.backup import PLAIN_FORMAT, read_header
from tirkeu.storage.dbfile import DB_FILE, PLAIN_HEADER, connect, copy_database
from tirkeu.storage.keyfile import KEY_FILE

SECRET = OFFICE.name_kk.encode("utf-8")


def _plain_files(data: Path) -> list[str]:
    """Files that are plain SQLite or show the office's name, but key files: they
    name the office by design (storage.keyfile) and hold nothing personal."""
    return sorted(
        str(p.relative_to(data))
        for p in data.rglob("*")
        if p.is_file()
        and not p.name.endswith(".keys")
        and (p.read_bytes().startswith(PLAIN_HEADER) or SECRET in p.read_bytes())
    )


def test_copies_made_while_plain_are_encrypted_or_removed(tmp_path: Path) -> None:
    data = tmp_path / "old"
    _plain_office(data)
    backups = data / "backups"
    migration = backups / "pre-migration-0003-20261101-090000.sqlite"
    copy_database(data / DB_FILE, migration)
    restored = backups / "before-restore-20261102-090000.sqlite"
    shutil.copy2(data / DB_FILE, restored)
    (backups / "before-restore-20261102-090000.sqlite-journal").write_bytes(b"page " + SECRET)
    shutil.copy2(data / DB_FILE, backups / "pre-migration-0004-20261103-090000.sqlite.part")
    (backups / "daily").mkdir()
    broken = backups / "daily" / "damaged.sqlite"
    broken.write_bytes(PLAIN_HEADER + SECRET + b"\0" * 100)
    (data / "tirkeu-restore-x1y2").mkdir()
    shutil.copy2(data / DB_FILE, data / "tirkeu-restore-x1y2" / "restored.sqlite")
    other = data / "district.sqlite"
    other.write_bytes(PLAIN_HEADER + b"not the office database")
    before = _plain_files(data)
    assert len(before) == 8, before

    with Workspace.open(data) as ws:
        ws.sign_in("admin", "secret1")
        assert ws.encrypted
        key = ws.db.key
    assert key is not None
    assert _plain_files(data) == ["district.sqlite"]
    assert sorted(p.name for p in backups.rglob("*")) == [
        "before-restore-20261102-090000.sqlite",
        "daily",
        "pre-migration-0003-20261101-090000.sqlite",
    ]
    for kept in (migration, restored):
        con = connect(kept, key)
        try:
            assert con.execute("SELECT kato FROM office").fetchone() == (OFFICE.kato,)
        finally:
            con.close()


def test_a_copy_missed_by_a_crash_goes_at_the_next_sign_in(tmp_path: Path) -> None:
    data = tmp_path / "old"
    _plain_office(data)
    with Workspace.open(data) as ws:
        ws.sign_in("admin", "secret1")
    # A plain copy put back (a crash before it was dealt with, or by hand).
    late = data / "backups" / "pre-migration-0002-20261101-090000.sqlite"
    late.parent.mkdir(exist_ok=True)
    _plain_office(tmp_path / "again")
    shutil.copy2(tmp_path / "again" / DB_FILE, late)
    (data / (DB_FILE + ".plain")).write_bytes(late.read_bytes())
    with Workspace.open(data) as ws:
        assert ws.encrypted
        ws.sign_in("admin", "secret1")
    assert _plain_files(data) == []
    assert late.exists() and not (data / (DB_FILE + ".plain")).exists()


def test_a_plain_backup_restored_over_the_encrypted_office_leaves_no_plain_copy(
    tmp_path: Path,
) -> None:
    data = tmp_path / "old"
    _plain_office(data)
    with Workspace.open(data) as ws:
        head = Actor(2, "reg", "reg", Role.HEAD, "kk")  # any role that may back up
        made = BackupService(ws, head).backup_to(tmp_path / "usb", "long password")
    assert read_header(made).format == PLAIN_FORMAT
    with Workspace.open(data) as ws:
        ws.sign_in("admin", "secret1")
    assert restore(data, made, "long password") is not None
    assert not (data / KEY_FILE).exists(), "a plain backup has no key file"
    kept = sorted(p.name for p in (data / "backups").iterdir())
    assert len(kept) == 2 and kept[0].endswith(".keys") and kept[1].endswith(".sqlite")
    with Workspace.open(data) as ws:
        assert not ws.encrypted
        ws.sign_in("admin", "secret1")
        assert ws.encrypted
    assert _plain_files(data) == []
