"""Staff accounts: only an administrator manages them, reset passwords must be changed."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.security.conftest import clock
from tirkeu.services.accounts import (
    Account,
    AccountService,
    change_own_password,
    idle_lock_minutes,
)
from tirkeu.services.auth import MAX_FAILURES, Role
from tirkeu.services.errors import Conflict, PermissionDenied, ServiceError
from tirkeu.services.workspace import Workspace
from tirkeu.storage import keyfile
from tirkeu.storage.audit import verify_chain
from tirkeu.storage.models import AuditRow


def test_the_administrator_creates_a_user_who_must_change_the_password(office: Workspace) -> None:
    admin = office.sign_in("admin", "secret1")
    made = AccountService(office, admin).create_user(
        "new", "Жаңа Қызметкер", Role.REGISTRAR, "temp1"
    )
    assert made.must_change_password and made.active
    actor = office.sign_in("new", "temp1")
    assert actor.must_change_password
    with pytest.raises(ServiceError):
        change_own_password(office, actor, "wrong", "better1")
    with pytest.raises(ServiceError):
        change_own_password(office, actor, "temp1", "temp1")
    changed = change_own_password(office, actor, "temp1", "better1")
    assert not changed.must_change_password
    assert not office.sign_in("new", "better1").must_change_password


@pytest.mark.parametrize("who", ["reg", "head"])
def test_only_an_administrator_manages_accounts(office: Workspace, who: str) -> None:
    svc = AccountService(office, office.sign_in(who, "secret2"))
    with pytest.raises(PermissionDenied):
        svc.create_user("x", "X", Role.ADMIN, "secret9")
    with pytest.raises(PermissionDenied):
        svc.reset_password(1, "secret9")
    with pytest.raises(PermissionDenied):
        svc.set_active(1, False)
    with pytest.raises(PermissionDenied):
        svc.set_role(2, Role.ADMIN)
    with pytest.raises(PermissionDenied):
        svc.list_users()
    with pytest.raises(PermissionDenied):
        svc.set_idle_lock_minutes(1)
    # Nothing changed: the administrator still signs in, nobody else became one.
    assert office.sign_in("admin", "secret1").role is Role.ADMIN
    assert office.sign_in(who, "secret2").role is not Role.ADMIN


def test_reset_forces_a_change_and_lifts_a_lockout(office: Workspace) -> None:
    for _ in range(MAX_FAILURES):
        with pytest.raises(ServiceError):
            office.sign_in("reg", "nope")
    with pytest.raises(ServiceError, match="locked"):
        office.sign_in("reg", "secret2")
    admin = office.sign_in("admin", "secret1")
    svc = AccountService(office, admin)
    reg = next(a for a in svc.list_users() if a.username == "reg")
    assert reg.locked_until is not None
    svc.reset_password(reg.id, "temp42")
    with pytest.raises(ServiceError):
        office.sign_in("reg", "secret2")
    actor = office.sign_in("reg", "temp42")
    assert actor.must_change_password


def _reg(svc: AccountService) -> Account:
    return next(a for a in svc.list_users() if a.username == "reg")


def _has_slot(ws: Workspace, username: str) -> bool:
    kf = keyfile.load(ws.keys_path)
    assert kf is not None
    return bool(kf.password_slots(username))


def test_a_deactivated_user_loses_the_key_slot_and_comes_back_with_a_reset(
    office: Workspace, tmp_path: Path
) -> None:
    admin = office.sign_in("admin", "secret1")
    svc = AccountService(office, admin)
    reg = _reg(svc)
    aside = tmp_path / "copied-before.keys"
    shutil.copy2(office.keys_path, aside)
    kept = office.data_dir / "backups" / "before-restore-20261101-090000.keys"
    kept.parent.mkdir()
    shutil.copy2(office.keys_path, kept)
    svc.set_active(reg.id, False)
    assert not _has_slot(office, "reg")
    kept_now = keyfile.load(kept)
    assert kept_now is not None and not kept_now.password_slots("reg"), "the restore's copy too"
    assert kept_now.password_slots("head")
    assert b'"reg"' not in office.keys_path.read_bytes()
    assert _has_slot(office, "admin") and _has_slot(office, "head")
    with pytest.raises(ServiceError, match="Wrong user name or password"):
        office.sign_in("reg", "secret2")
    old = keyfile.load(aside)
    assert old is not None and old.password_slots("reg"), "a copy taken before keeps its slot"
    with pytest.raises(ServiceError, match="temporary password"):
        svc.set_active(reg.id, True)
    with pytest.raises(Conflict, match="reactivate"):
        svc.reset_password(reg.id, "temp42")
    assert not _has_slot(office, "reg")
    back = svc.set_active(reg.id, True, "temp42")
    assert back.active and back.must_change_password and _has_slot(office, "reg")
    data = office.data_dir
    office.close()
    with Workspace.open(data, clock=clock) as ws:
        with pytest.raises(ServiceError, match="Wrong user name or password"):
            ws.sign_in("reg", "secret2")
        actor = ws.sign_in("reg", "temp42")
        assert actor.must_change_password
        change_own_password(ws, actor, "temp42", "mine1234")
        assert not ws.sign_in("reg", "mine1234").must_change_password
        with ws.db.session() as s:
            actions = [r.action for r in s.scalars(select(AuditRow))]
    assert actions.count("user.deactivate") == 1 and actions.count("user.activate") == 1


def test_a_crash_between_the_key_file_and_the_commit_locks_the_account_out(
    office: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc = AccountService(office, office.sign_in("admin", "secret1"))
    reg = _reg(svc)
    real = keyfile.drop_user

    def drop_then_crash(path: Path, user_id: int, username: str) -> None:
        real(path, user_id, username)
        raise OSError("power cut")

    monkeypatch.setattr(keyfile, "drop_user", drop_then_crash)
    with pytest.raises(OSError):
        svc.set_active(reg.id, False)
    monkeypatch.setattr(keyfile, "drop_user", real)
    data = office.data_dir
    office.close()
    with Workspace.open(data, clock=clock) as ws:
        with pytest.raises(ServiceError, match="Wrong user name or password"):
            ws.sign_in("reg", "secret2")
        svc = AccountService(ws, ws.sign_in("admin", "secret1"))
        still = _reg(svc)
        assert still.active and still.needs_reset, "shown for the administrator to reset"
        svc.reset_password(still.id, "temp42")
        assert not _reg(svc).needs_reset
        assert ws.sign_in("reg", "temp42").must_change_password


def test_the_last_administrator_stays(office: Workspace) -> None:
    admin = office.sign_in("admin", "secret1")
    svc = AccountService(office, admin)
    with pytest.raises(Conflict):
        svc.set_active(admin.user_id, False)
    with pytest.raises(Conflict):
        svc.set_role(admin.user_id, Role.REGISTRAR)


def test_idle_lock_minutes_default_and_setting(office: Workspace) -> None:
    assert idle_lock_minutes(office) == 10
    svc = AccountService(office, office.sign_in("admin", "secret1"))
    svc.set_idle_lock_minutes(3)
    assert idle_lock_minutes(office) == 3
    with pytest.raises(ServiceError):
        svc.set_idle_lock_minutes(-1)


def test_account_changes_are_audited_without_names(office: Workspace) -> None:
    svc = AccountService(office, office.sign_in("admin", "secret1"))
    made = svc.create_user("new", "Жаңа Қызметкер", Role.REGISTRAR, "temp1")
    svc.reset_password(made.id, "temp2")
    svc.set_active(made.id, False)
    with office.db.session() as s:
        assert verify_chain(s).ok
        rows = list(s.scalars(select(AuditRow)))
    actions = [r.action for r in rows]
    assert {"user.create", "user.reset_password", "user.deactivate"} <= set(actions)
    assert all("Жаңа" not in str((r.before, r.after)) for r in rows)
    assert all(r.at == dt.datetime(2026, 11, 20, 11, 30) for r in rows if r.action != "user.create")
