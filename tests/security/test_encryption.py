"""The office database encrypted at rest: key slots, passwords, recovery, old files."""

from __future__ import annotations

import base64
import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import TODAY
from tests.security.conftest import clock
from tirkeu.domain.application import Scenario
from tirkeu.services import auth
from tirkeu.services.accounts import AccountService, change_own_password
from tirkeu.services.backups import (
    BackupService,
    make_recovery_key,
    restore,
    take_encryption_notice,
)
from tirkeu.services.demo import OFFICE, sample_application
from tirkeu.services.errors import ServiceError
from tirkeu.services.records import RecordService
from tirkeu.services.workspace import Workspace
from tirkeu.storage import keyfile
from tirkeu.storage.db import DB_FILE, open_database
from tirkeu.storage.keyfile import KEY_FILE
from tirkeu.storage.models import OfficeRow


def _slots(data: Path, username: str) -> list[keyfile.Slot]:
    kf = keyfile.load(data / KEY_FILE)
    assert kf is not None
    return kf.password_slots(username)


def test_a_wrong_password_does_not_unlock(office: Workspace) -> None:
    data = office.data_dir
    office.close()
    with Workspace.open(data, clock=clock) as ws:
        assert ws.is_set_up() and ws.office().kato == OFFICE.kato
        with pytest.raises(ServiceError, match="sign in first"):
            _ = ws.db
        with pytest.raises(ServiceError, match="Wrong user name or password"):
            ws.sign_in("reg", "secret1")
        with pytest.raises(ServiceError, match="Wrong user name or password"):
            ws.sign_in("nobody", "secret2")
        with pytest.raises(ServiceError, match="sign in first"):
            _ = ws.db
        assert ws.sign_in("reg", "secret2").username == "reg"
        assert ws.db.key is not None


def test_a_changed_key_file_is_told_clearly(office: Workspace) -> None:
    data = office.data_dir
    office.close()
    path = data / KEY_FILE
    content = json.loads(path.read_text(encoding="utf-8"))
    slot = next(s for s in content["slots"] if s["username"] == "reg")
    wrapped = bytearray(base64.b64decode(slot["key"]))
    wrapped[3] ^= 0x01
    slot["key"] = base64.b64encode(bytes(wrapped)).decode("ascii")
    path.write_text(json.dumps(content), encoding="utf-8")
    with Workspace.open(data) as ws:
        with pytest.raises(ServiceError) as info:
            ws.sign_in("reg", "secret2")
        assert "changed or damaged" in info.value.message("en")
        assert info.value.message("kk") != info.value.message("en")
        assert ws.sign_in("admin", "secret1").username == "admin"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ServiceError, match=r"key file .* is damaged"):
        Workspace.open(data)
    path.unlink()
    with pytest.raises(ServiceError, match=r"key file .* is missing"):
        Workspace.open(data)


def test_a_password_change_keeps_access_and_drops_the_old_password(office: Workspace) -> None:
    reg = office.sign_in("reg", "secret2")
    change_own_password(office, reg, "secret2", "better3")
    assert len(_slots(office.data_dir, "reg")) == 1
    data = office.data_dir
    office.close()
    with Workspace.open(data) as ws:
        with pytest.raises(ServiceError, match="Wrong user name or password"):
            ws.sign_in("reg", "secret2")
        assert ws.sign_in("reg", "better3").username == "reg"


def test_a_crash_before_the_commit_leaves_the_old_password(
    office: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    reg = office.sign_in("reg", "secret2")
    hook = office.db.commit_hook
    assert hook is not None

    def slots_then_crash(session: object) -> None:
        hook(session)  # type: ignore[arg-type]
        raise OSError("power cut")

    monkeypatch.setattr(office.db, "commit_hook", slots_then_crash)
    with pytest.raises(OSError):
        change_own_password(office, reg, "secret2", "better3")
    assert len(_slots(office.data_dir, "reg")) == 2
    data = office.data_dir
    office.close()
    with Workspace.open(data) as ws:
        with pytest.raises(ServiceError, match="Wrong user name or password"):
            ws.sign_in("reg", "better3")
        assert ws.sign_in("reg", "secret2").username == "reg"
        assert len(_slots(data, "reg")) == 1, "the slot of the unsaved password is dropped"


def test_a_crash_after_the_commit_leaves_the_new_password(
    office: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    reg = office.sign_in("reg", "secret2")
    saves = []
    real_save = keyfile.save

    def save_then_crash(path: Path, kf: keyfile.KeyFile) -> None:
        saves.append(path)
        if len(saves) == 2:
            raise OSError("power cut")
        real_save(path, kf)

    monkeypatch.setattr(keyfile, "save", save_then_crash)
    with pytest.raises(OSError):
        change_own_password(office, reg, "secret2", "better3")
    monkeypatch.setattr(keyfile, "save", real_save)
    data = office.data_dir
    office.close()
    with Workspace.open(data) as ws:
        with pytest.raises(ServiceError, match="Wrong user name or password"):
            ws.sign_in("reg", "secret2")
        assert ws.sign_in("reg", "better3").username == "reg"
        assert len(_slots(data, "reg")) == 1


def test_new_and_reset_users_get_their_own_slots(office: Workspace) -> None:
    admin = office.sign_in("admin", "secret1")
    svc = AccountService(office, admin)
    made = svc.create_user("new", "Жаңа Қызметкер", auth.Role.REGISTRAR, "temp1")
    svc.reset_password(made.id, "temp2")
    data = office.data_dir
    office.close()
    with Workspace.open(data) as ws:
        with pytest.raises(ServiceError):
            ws.sign_in("new", "temp1")
        assert ws.sign_in("new", "temp2").must_change_password


def test_the_recovery_key_opens_the_database_when_passwords_are_forgotten(
    office: Workspace,
) -> None:
    key = make_recovery_key(office, office.sign_in("admin", "secret1"))
    data = office.data_dir
    office.close()
    with Workspace.open(data) as ws:
        with pytest.raises(ServiceError, match="not the office recovery key"):
            ws.recover("AAAA-" * 7 + "AAAA", "admin", "fresh123")
        with pytest.raises(ServiceError, match="administrator"):
            ws.recover(key, "reg", "fresh123")
        admin = ws.recover(key.lower().replace("-", " "), "admin", "fresh123")
        assert admin.role is auth.Role.ADMIN and not admin.must_change_password
    with Workspace.open(data) as ws:
        with pytest.raises(ServiceError):
            ws.sign_in("admin", "secret1")
        assert ws.sign_in("admin", "fresh123").username == "admin"


def test_the_recover_command(office: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from tirkeu.cli.main import main

    key = make_recovery_key(office, office.sign_in("admin", "secret1"))
    data = office.data_dir
    office.close()
    monkeypatch.setenv("TIRKEU_RECOVERY_KEY", key)
    monkeypatch.setenv("TIRKEU_NEW_PASSWORD", "fresh123")
    assert main(["--lang", "en", "--data-dir", str(data), "--user", "admin", "recover"]) == 0
    with Workspace.open(data) as ws:
        assert ws.sign_in("admin", "fresh123").username == "admin"


def test_the_file_shows_nothing_without_the_key(demo_world: Path) -> None:
    data = demo_world / "akimat"
    with Workspace.open(data) as ws:
        svc = RecordService(ws, ws.sign_in("registrar", "demo"))
        app = sample_application(Scenario.MARRIED, TODAY, TODAY, seed=7)
        draft = svc.save_draft(app)
        record = svc.get(draft.id or 0)
        mother = record.application.mother
        assert mother is not None and mother.iin
        surname, iin = record.application.child.surname, mother.iin
    assert surname
    con = sqlite3.connect(data / DB_FILE)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    con.close()
    for path in (data / DB_FILE, data / KEY_FILE):
        raw = path.read_bytes()
        assert surname.encode("utf-8") not in raw
        assert iin.encode("ascii") not in raw
    assert "Бесағаш".encode() not in (data / DB_FILE).read_bytes()


def test_a_backup_restores_with_the_recovery_key(office: Workspace, tmp_path: Path) -> None:
    admin = office.sign_in("admin", "secret1")
    key = make_recovery_key(office, admin)
    made = BackupService(office, admin).backup_to(tmp_path / "usb")
    assert b"secret" not in made.read_bytes()
    change_own_password(office, admin, "secret1", "after99")
    AccountService(office, office.sign_in("admin", "after99")).create_user(
        "later", "Later", auth.Role.HEAD, "temp1"
    )
    data = office.data_dir
    office.close()
    (data / KEY_FILE).unlink()  # the stolen laptop: nothing but the backup is left
    restore(data, made, key)
    with Workspace.open(data) as ws:
        assert ws.is_set_up()
        with pytest.raises(ServiceError):
            ws.sign_in("later", "temp1")
        assert ws.sign_in("admin", "secret1").username == "admin"
    con = sqlite3.connect(data / DB_FILE)
    with pytest.raises(sqlite3.DatabaseError):
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    con.close()


def _plain_office(data: Path) -> None:
    """A data folder as Tirkeu left it before encryption."""
    data.mkdir()
    db = open_database(data)
    with db.session() as s:
        s.add(
            OfficeRow(
                name_kk=OFFICE.name_kk,
                name_ru=OFFICE.name_ru,
                kato=OFFICE.kato,
                district_kk=OFFICE.district_kk,
                district_ru=OFFICE.district_ru,
                head_name=OFFICE.head_name,
                code=OFFICE.kato,
                number_start=1,
                created_at=clock(),
            )
        )
        for name, role, pw in (
            ("admin", auth.Role.ADMIN, "secret1"),
            ("reg", auth.Role.REGISTRAR, "secret2"),
        ):
            auth.create_user(s, username=name, full_name=name, role=role, password=pw, by=None)
    db.close()


def test_a_plain_database_is_encrypted_when_an_administrator_signs_in(tmp_path: Path) -> None:
    data = tmp_path / "old"
    _plain_office(data)
    with Workspace.open(data) as ws:
        assert not ws.encrypted and ws.is_set_up()
        assert ws.sign_in("reg", "secret2").username == "reg"
        assert not ws.encrypted, "only an administrator's sign-in encrypts"
        admin = ws.sign_in("admin", "secret1")
        assert ws.encrypted
        reg_id = next(a.id for a in AccountService(ws, admin).list_users() if a.username == "reg")
    assert not (data / (DB_FILE + ".plain")).exists()
    assert not (data / DB_FILE).read_bytes().startswith(b"SQLite format 3")
    with Workspace.open(data) as ws:
        assert ws.office().kato == OFFICE.kato
        with pytest.raises(ServiceError, match="temporary password"):
            ws.sign_in("reg", "secret2")
        AccountService(ws, ws.sign_in("admin", "secret1")).reset_password(reg_id, "temp42")
    with Workspace.open(data) as ws:
        assert ws.sign_in("reg", "temp42").must_change_password


def test_the_encryption_notice_outlives_a_power_cut_before_it_was_shown(tmp_path: Path) -> None:
    data = tmp_path / "old"
    _plain_office(data)
    with Workspace.open(data) as ws:
        ws.sign_in("admin", "secret1")  # encrypts; the window never got to tell it
    with Workspace.open(data) as ws:
        reg = ws.sign_in("admin", "secret1")
        registrar = auth.Actor(reg.user_id + 1, "reg", "reg", auth.Role.REGISTRAR, "kk")
        assert take_encryption_notice(ws, registrar) is None, "only an administrator is told"
        notice = take_encryption_notice(ws, reg)
        assert notice is not None and notice.recovery_key is not None
        assert take_encryption_notice(ws, reg) is None, "told once"
    with Workspace.open(data) as ws:
        assert take_encryption_notice(ws, ws.sign_in("admin", "secret1")) is None
        ws.recover(notice.recovery_key, "admin", "fresh123")


def test_an_encryption_cut_in_the_middle_leaves_the_plain_database(tmp_path: Path) -> None:
    data = tmp_path / "old"
    _plain_office(data)
    # The plain file was renamed aside and the encrypted one not yet in place.
    (data / DB_FILE).rename(data / (DB_FILE + ".plain"))
    (data / (DB_FILE + ".encrypting")).write_bytes(b"half")
    with Workspace.open(data) as ws:
        assert not ws.encrypted and ws.is_set_up()
    assert not (data / (DB_FILE + ".encrypting")).exists()


def test_a_missing_database_is_told_not_recreated(office: Workspace) -> None:
    data = office.data_dir
    office.close()
    (data / DB_FILE).unlink()
    with Workspace.open(data) as ws, pytest.raises(ServiceError, match="is missing"):
        ws.sign_in("admin", "secret1")
    assert not (data / DB_FILE).exists()
