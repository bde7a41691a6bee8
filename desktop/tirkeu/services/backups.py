"""Backups: daily on the first start of a day, on demand to a folder, and restore.

Backups are encrypted (see :mod:`tirkeu.storage.backup`).  The office recovery
key is made once at setup and shown once, for the office safe; the key derived
from it is kept inside the database so that daily backups need no one to type
anything, and any backup opens with the printed recovery key alone.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from pathlib import Path

from tirkeu.i18n import N_
from tirkeu.services import datadir
from tirkeu.services.auth import PERMISSIONS, Action, Actor
from tirkeu.services.errors import ServiceError
from tirkeu.services.workspace import ENCRYPTION_NOTICE_SETTING, RECOVERY_SETTING, Workspace
from tirkeu.storage import audit, encryption, keyfile
from tirkeu.storage.backup import (
    SUFFIX,
    BackupError,
    Kek,
    new_recovery_key,
    parse_recovery_key,
    password_slot_key,
    recovery_kek,
    restore_backup,
    rotate,
    write_backup,
)
from tirkeu.storage.db import DB_FILE, known_revisions
from tirkeu.storage.keyfile import KEY_FILE
from tirkeu.storage.models import SettingRow

LAST_DAILY_SETTING = "backup_last_daily"
KEEP_SETTING = "backup_keep"
DEFAULT_KEEP = 14
DAILY_FOLDER = "daily"

BACKUP_MESSAGES = {
    "unreadable": N_("The file {path} cannot be read: {detail}"),
    "not_backup": N_("The file {path} is not a Tirkeu backup. Nothing was changed."),
    "truncated": N_(
        "The backup {path} is incomplete (cut off while copying). Nothing was changed; "
        "take an older backup."
    ),
    "damaged": N_(
        "The backup {path} is damaged and cannot be restored. Nothing was changed; "
        "take an older backup."
    ),
    "newer_format": N_(
        "The backup {path} was made by a newer version of Tirkeu. Install that version "
        "first. Nothing was changed."
    ),
    "newer_schema": N_(
        "The backup {path} holds a database of a newer version of Tirkeu (schema {detail}). "
        "Install that version first. Nothing was changed."
    ),
    "wrong_key": N_(
        "The backup password or recovery key does not open {path}. Nothing was changed."
    ),
}


def backup_error(exc: BackupError) -> ServiceError:
    return ServiceError(BACKUP_MESSAGES[exc.code], path=str(exc.path), detail=exc.detail)


def backups_dir(ws_or_dir: Workspace | Path) -> Path:
    base = ws_or_dir.data_dir if isinstance(ws_or_dir, Workspace) else ws_or_dir
    return base / "backups"


def _recovery_kek(ws: Workspace) -> Kek | None:
    with ws.db.session() as s:
        row = s.get(SettingRow, RECOVERY_SETTING)
        if row is None:
            return None
        return Kek(
            "recovery",
            base64.b64decode(row.value["salt"]),
            base64.b64decode(row.value["kek"]),
        )


def has_recovery_key(ws: Workspace) -> bool:
    return _recovery_kek(ws) is not None


def make_recovery_key(ws: Workspace, actor: Actor) -> str:
    """A new office recovery key, returned once to be printed.

    Later backups open with it, and so does the office database itself: its
    key file gets a recovery slot (replacing the previous key's).
    """
    actor.require(Action.MANAGE_ACCOUNTS)
    key = new_recovery_key()
    raw = parse_recovery_key(key)
    assert raw is not None
    salt = secrets.token_bytes(16)
    kek = recovery_kek(raw, salt)
    value = {
        "salt": base64.b64encode(salt).decode("ascii"),
        "kek": base64.b64encode(kek).decode("ascii"),
    }
    with ws.db.session() as s:
        row = s.get(SettingRow, RECOVERY_SETTING)
        if row is None:
            s.add(SettingRow(key=RECOVERY_SETTING, value=value))
        else:
            row.value = value
        audit.append(
            s,
            user_id=actor.user_id,
            action="backup.recovery_key",
            entity="settings",
            entity_id=RECOVERY_SETTING,
            at=ws.clock(),
        )
    db_key = ws.db.key
    if db_key is not None:
        keys = keyfile.load(ws.keys_path) or keyfile.KeyFile()
        keys.slots = [s for s in keys.slots if s.kind != "recovery"]
        keys.slots.append(keyfile.recovery_slot(db_key, salt, kek))
        keyfile.save(ws.keys_path, keys)
    return key


@dataclass(frozen=True)
class EncryptionNotice:
    """What the administrator is told once a plain database was encrypted at start.

    ``recovery_key`` is a key made just now because the office had none (it
    is shown only in this notice); ``None`` when the office's printed key,
    kept in the safe, opens the encrypted database.
    """

    recovery_key: str | None


def take_encryption_notice(ws: Workspace, actor: Actor) -> EncryptionNotice | None:
    """The notice due since a sign-in encrypted the database, once; else ``None``.

    Without a recovery key a forgotten password would lose the data, so an
    office that had none gets one now, to be printed for the safe.  The notice
    is due until an administrator has been given it, so a power cut between
    the encryption and the notice does not lose it.
    """
    if Action.MANAGE_ACCOUNTS not in PERMISSIONS[actor.role]:
        return None
    with ws.db.session() as s:
        if s.get(SettingRow, ENCRYPTION_NOTICE_SETTING) is None:
            return None
    key = None if has_recovery_key(ws) else make_recovery_key(ws, actor)
    with ws.db.session() as s:
        due = s.get(SettingRow, ENCRYPTION_NOTICE_SETTING)
        if due is not None:
            s.delete(due)
    return EncryptionNotice(key)


def _keep(ws: Workspace) -> int:
    with ws.db.session() as s:
        row = s.get(SettingRow, KEEP_SETTING)
        return int(row.value.get("count", DEFAULT_KEEP)) if row else DEFAULT_KEEP


def _write(ws: Workspace, folder: Path, keks: list[Kek], user_id: int | None, kind: str) -> Path:
    now = ws.clock()
    target = folder / f"tirkeu-{now:%Y%m%d-%H%M%S}{SUFFIX}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"tirkeu-{now:%Y%m%d-%H%M%S}-{n}{SUFFIX}"
    try:
        write_backup(
            ws.data_dir / DB_FILE,
            target,
            keks,
            office=ws.office_code(),
            created_at=now,
            db_key=ws.db.key,
            key_file=ws.keys_path.read_bytes() if ws.db.key is not None else b"",
        )
    except BackupError as exc:
        raise backup_error(exc) from None
    except OSError as exc:
        raise ServiceError(
            "The backup could not be written to {path}: {reason}",
            path=str(folder),
            reason=exc.strerror or str(exc),
        ) from None
    rotate(folder, _keep(ws))
    with ws.db.session() as s:
        audit.append(
            s,
            user_id=user_id,
            action=f"backup.{kind}",
            entity="backup",
            entity_id=target.name,
            at=now,
        )
        if kind == "daily":
            row = s.get(SettingRow, LAST_DAILY_SETTING)
            value = {"date": now.date().isoformat()}
            if row is None:
                s.add(SettingRow(key=LAST_DAILY_SETTING, value=value))
            else:
                row.value = value
    return target


def daily_backup_if_due(ws: Workspace) -> Path | None:
    """The day's automatic backup, on the first start of the day; ``None`` if not due."""
    kek = _recovery_kek(ws)
    if kek is None or not ws.is_set_up():
        return None
    with ws.db.session() as s:
        row = s.get(SettingRow, LAST_DAILY_SETTING)
        if row is not None and row.value.get("date") == ws.today.isoformat():
            return None
    return _write(ws, backups_dir(ws) / DAILY_FOLDER, [kek], None, "daily")


class BackupService:
    def __init__(self, ws: Workspace, actor: Actor) -> None:
        self.ws = ws
        self.actor = actor

    def backup_to(self, folder: Path, password: str | None = None) -> Path:
        """An encrypted, checked backup in ``folder`` (a USB stick, say); keeps the newest N.

        It opens with the office recovery key and, if given, with ``password``.
        """
        self.actor.require(Action.BACKUP)
        keks = []
        recovery = _recovery_kek(self.ws)
        if recovery is not None:
            keks.append(recovery)
        if password:
            if len(password) < 8:
                raise ServiceError("A backup password has at least 8 characters.")
            keks.append(password_slot_key(password))
        if not keks:
            raise ServiceError(
                "This office has no recovery key yet: give a backup password for this backup."
            )
        return _write(self.ws, folder, keks, self.actor.user_id, "manual")


def restore(data_dir: Path, backup: Path, secret: str) -> Path | None:
    """Replace the office database by ``backup``; returns the kept previous database.

    Tirkeu must be closed on this data folder.  Nothing is changed unless the
    backup opens with ``secret`` and its copy passes the integrity check.
    """
    lock = datadir.InstanceLock(datadir.prepare(data_dir))
    lock.acquire()
    try:
        # An encryption cut in the middle first puts the database back, so
        # the copy kept of it is the whole one.
        encryption.finish_interrupted(data_dir)
        return restore_backup(
            backup,
            secret,
            data_dir / DB_FILE,
            backups_dir(data_dir),
            known_revisions(),
            data_dir / KEY_FILE,
        )
    except BackupError as exc:
        raise backup_error(exc) from None
    finally:
        lock.release()
