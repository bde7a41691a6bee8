"""An open data folder: the instance lock, the database and the office in it.

The GUI and the command line both start here, so opening, first-run setup and
sign-in behave the same in both.

The database is encrypted (issue 7).  Opening a folder takes the lock and
reads the key file (:mod:`tirkeu.storage.keyfile`): the office's name and the
lockouts are known before anyone signs in, the records are not.  Signing in
unwraps the database key with the user's password and only then opens the
database.  A plain database from before encryption keeps working and is
encrypted on the first sign-in of an administrator.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tirkeu.domain.record import Office
from tirkeu.i18n import N_
from tirkeu.services import datadir
from tirkeu.services.errors import ServiceError
from tirkeu.storage import encryption, keyfile
from tirkeu.storage.backup import (
    finish_restore,
    newest_good_backup,
    parse_recovery_key,
    recovery_kek,
)
from tirkeu.storage.dbfile import DB_FILE, DatabaseError, is_plain
from tirkeu.storage.keyfile import KEY_FILE, KeyFile, KeyFileError, Lockout

# The sign-in window needs only the key file: SQLAlchemy, the models, Alembic,
# argon2 and the roles are imported by the methods that open or use the
# database, so the window appears before they load (issue 11, start-up).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tirkeu.services.roles import Actor
    from tirkeu.storage.db import Database
    from tirkeu.storage.models import OfficeRow

# The setting where services.backups keeps the recovery key's derived key.
ENCRYPTION_NOTICE_SETTING = "encryption_notice_due"
RECOVERY_SETTING = "backup_recovery"
OFFICE_FIELDS = ("name_kk", "name_ru", "kato", "district_kk", "district_ru", "head_name")

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True)
class OfficeSetup:
    name_kk: str
    name_ru: str
    kato: str
    district_kk: str
    district_ru: str
    head_name: str
    number_start: int = 1


_DB_MESSAGES = {
    "corrupt": N_(
        "The database {path} is damaged ({detail}); it was not opened and not changed. "
        "Restore the newest good backup, {backup}, with: tirkeu restore FILE."
    ),
    "corrupt_no_backup": N_(
        "The database {path} is damaged ({detail}); it was not opened and not changed. "
        "No backup was found in {folder}: restore one from a USB stick with: "
        "tirkeu restore FILE."
    ),
    "newer": N_(
        "The database {path} was written by a newer version of Tirkeu (schema {detail}). "
        "Install that version; the file was not changed."
    ),
}

_KEY_MESSAGES = {
    "damaged": N_(
        "The key file {path} is damaged ({detail}); without it the encrypted database "
        "cannot be opened. Restore the newest backup with: tirkeu restore FILE "
        "(the office recovery key opens it)."
    ),
    "tampered": N_(
        "The key file {path} was changed or damaged: the password is right, but the key "
        "in the file does not open. Nothing was changed. Restore the newest backup with: "
        "tirkeu restore FILE."
    ),
    "newer": N_(
        "The key file {path} was written by a newer version of Tirkeu. "
        "Install that version; the file was not changed."
    ),
    "missing": N_(
        "The database {path} is encrypted, but its key file {detail} is missing. Put the "
        "key file back, or restore a backup with: tirkeu restore FILE."
    ),
}


def key_error(exc: KeyFileError) -> ServiceError:
    return ServiceError(_KEY_MESSAGES[exc.code], path=str(exc.path), detail=exc.detail)


def _office_dict(office: OfficeSetup | OfficeRow) -> dict[str, str]:
    fields = {name: str(getattr(office, name)).strip() for name in OFFICE_FIELDS}
    fields["code"] = str(getattr(office, "code", None) or office.kato)
    return fields


def _check_setup(office: OfficeSetup) -> None:
    problems = [
        label
        for label in ("name_kk", "name_ru", "district_kk", "district_ru", "head_name")
        if not str(getattr(office, label)).strip()
    ]
    if problems:
        raise ServiceError("Fill in the office fields: {fields}.", fields=", ".join(problems))
    if not (office.kato.isdigit() and len(office.kato) == 9):
        raise ServiceError("The KATO code has 9 digits.")
    if office.number_start < 1:
        raise ServiceError("The first act record number must be 1 or more.")


class Workspace:
    """One data folder opened by one process; close it when done.

    ``db`` is there once someone has signed in (or right after the first
    setup); before that only the key file is read.
    """

    def __init__(
        self,
        data_dir: Path,
        db: Database | None,
        lock: datadir.InstanceLock | None,
        clock: Clock = dt.datetime.now,
    ) -> None:
        self.data_dir = data_dir
        self._db = db
        self._lock = lock
        self.clock = clock
        self.keys_path = data_dir / KEY_FILE

    @classmethod
    def open(
        cls, data_dir: Path, *, lock: bool = True, clock: Clock = dt.datetime.now
    ) -> Workspace:
        datadir.prepare(data_dir)
        instance = datadir.InstanceLock(data_dir) if lock else None
        if instance:
            instance.acquire()
        try:
            finish_restore(data_dir)  # a restore cut short: its database and keys, or neither
            encryption.finish_interrupted(data_dir)
            path = data_dir / DB_FILE
            has_file = path.exists() and path.stat().st_size > 0
            db = None
            if has_file and is_plain(path):
                db = _open_db(data_dir, None)
            else:
                keys = _load_keys(data_dir / KEY_FILE)
                if has_file and keys is None:
                    raise key_error(KeyFileError("missing", path, str(data_dir / KEY_FILE)))
        except BaseException:
            if instance:
                instance.release()
            raise
        return cls(data_dir, db, instance, clock)

    @property
    def db(self) -> Database:
        if self._db is None:
            raise ServiceError("The office database is encrypted: sign in first.")
        return self._db

    @property
    def encrypted(self) -> bool:
        """Whether the database is (or, before the first setup, will be) encrypted."""
        return self._db is None or self._db.key is not None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def today(self) -> dt.date:
        return self.clock().date()

    # --- the key file ----------------------------------------------------------

    def _keys(self) -> KeyFile:
        return _load_keys(self.keys_path) or KeyFile()

    def _save_keys(self, kf: KeyFile) -> None:
        keyfile.save(self.keys_path, kf)

    def _unlock(self, key: bytes, *, create: bool = False) -> None:
        if self._db is None:
            path = self.data_dir / DB_FILE
            if not create and not (path.exists() and path.stat().st_size > 0):
                raise ServiceError(
                    "The database {path} is missing. Restore the newest backup with: "
                    "tirkeu restore FILE.",
                    path=str(path),
                )
            self._db = _open_db(self.data_dir, key)
            encryption.secure_copies(self.data_dir, key)
        elif self._db.key != key:
            raise key_error(KeyFileError("tampered", self.keys_path))
        self._db.commit_hook = self._password_slots

    def _password_slots(self, session: Session) -> Callable[[], None] | None:
        """Before a commit that sets passwords: a slot for each new password.

        The new slots are written first, the old ones of the same users removed
        only after the commit, so a crash in between leaves a way in.
        """
        from tirkeu.services import auth

        pending: list[tuple[int, str, str]] = session.info.pop(auth.NEW_PASSWORDS, [])
        key = self.db.key
        if not pending or key is None:
            return None
        added = [keyfile.password_slot(key, uid, name, pw) for uid, name, pw in pending]
        users = {uid for uid, _name, _pw in pending}
        kf = self._keys()
        kf.slots.extend(added)
        for _uid, name, _pw in pending:
            kf.lockouts.pop(name, None)
            if name in kf.pending:
                kf.pending.remove(name)
        self._save_keys(kf)

        def drop_old() -> None:
            now = self._keys()
            now.slots = [
                s for s in now.slots if s in added or s.kind != "password" or s.user_id not in users
            ]
            self._save_keys(now)

        return drop_old

    def locked_until(self, username: str) -> dt.datetime | None:
        """The end of a lockout after repeated wrong passwords, if one is running."""
        if not self.encrypted:
            return None
        lockout = self._keys().lockouts.get(username)
        until = lockout.until if lockout else None
        return until if until and until > self.clock() else None

    # --- the office ------------------------------------------------------------

    def is_set_up(self) -> bool:
        if self._db is not None:
            from sqlalchemy import select

            from tirkeu.storage.models import OfficeRow

            with self.db.session() as s:
                return s.scalars(select(OfficeRow)).first() is not None
        kf = _load_keys(self.keys_path)
        return kf is not None and kf.office is not None and kf.has_users()

    def office(self) -> Office:
        if self._db is None:
            kf = self._keys()
            if kf.office is None:
                raise ServiceError("This data folder has no office yet: start tirkeu to set it up.")
            return Office(*(kf.office[name] for name in OFFICE_FIELDS))
        from sqlalchemy import select

        from tirkeu.storage.models import OfficeRow

        with self.db.session() as s:
            row = s.scalars(select(OfficeRow)).one()
            return Office(
                row.name_kk, row.name_ru, row.kato, row.district_kk, row.district_ru, row.head_name
            )

    def office_code(self) -> str:
        if self._db is None:
            office = self._keys().office
            if office is None:
                raise ServiceError("This data folder has no office yet: start tirkeu to set it up.")
            return office["code"]
        from sqlalchemy import select

        from tirkeu.storage.models import OfficeRow

        with self.db.session() as s:
            return s.scalars(select(OfficeRow)).one().code

    def set_up(
        self, office: OfficeSetup, admin_username: str, admin_full_name: str, admin_password: str
    ) -> Actor:
        """First run: the office and its first administrator, in one transaction.

        A new database key is made and the database created encrypted under it;
        the administrator's password gets the first key slot.
        """
        from tirkeu.services import auth
        from tirkeu.services.roles import Role
        from tirkeu.storage import audit
        from tirkeu.storage.models import OfficeRow

        _check_setup(office)
        auth.check_new_password(admin_password)
        if self.is_set_up():
            raise ServiceError("This data folder already has an office.")
        if self._db is not None:
            # A plain database without an office (from before encryption) holds
            # nothing; the new one replaces it.
            self._db.close()
            self._db = None
        # A database left by a setup cut short holds no office either.
        path = self.data_dir / DB_FILE
        path.unlink(missing_ok=True)
        path.with_name(DB_FILE + "-journal").unlink(missing_ok=True)
        key = keyfile.new_database_key()
        self._save_keys(KeyFile(office=_office_dict(office)))
        self._unlock(key, create=True)
        with self.db.session() as s:
            row = OfficeRow(
                name_kk=office.name_kk.strip(),
                name_ru=office.name_ru.strip(),
                kato=office.kato,
                district_kk=office.district_kk.strip(),
                district_ru=office.district_ru.strip(),
                head_name=office.head_name.strip(),
                code=office.kato,
                number_start=office.number_start,
                created_at=self.clock(),
            )
            s.add(row)
            s.flush()
            audit.append(
                s,
                user_id=None,
                action="office.create",
                entity="office",
                entity_id=row.id,
                after={"kato": office.kato},
                at=self.clock(),
            )
            return auth.create_user(
                s,
                username=admin_username,
                full_name=admin_full_name,
                role=Role.ADMIN,
                password=admin_password,
                by=None,
                at=self.clock(),
            )

    # --- signing in ------------------------------------------------------------

    def sign_in(self, username: str, password: str) -> Actor:
        """The actor for these credentials; the first sign-in opens the database."""
        from sqlalchemy import select

        from tirkeu.services.roles import Role
        from tirkeu.storage.models import OfficeRow

        if not self.encrypted:
            actor = self._sign_in_db(username, password, verified=False)
            if actor.role is Role.ADMIN:
                self._encrypt(actor, password)
            return actor
        name = username.strip()
        now = self.clock()
        kf = self._keys()
        lockout = kf.lockouts.get(name)
        if lockout and lockout.until and lockout.until > now:
            raise ServiceError(
                "The account {name} is locked after repeated wrong passwords until {until}.",
                name=name,
                until=lockout.until.strftime("%H:%M"),
            )
        slots = kf.password_slots(name)
        if not slots and name in kf.pending:
            raise ServiceError(
                "The office database was encrypted; your password has no key yet. "
                "Ask the administrator for a temporary password (Accounts, Reset password)."
            )
        opened = None
        for slot in slots:
            kek = keyfile.slot_kek(slot, password)
            if kek is not None:
                opened = (slot, kek)
                break
        if opened is None:
            if slots:
                self._count_failure(kf, name, slots[0].user_id, now)
            raise ServiceError("Wrong user name or password.")
        try:
            key = keyfile.unwrap(opened[0], opened[1], self.keys_path)
        except KeyFileError as exc:
            raise key_error(exc) from None
        self._unlock(key)
        # One slot is the password of record; several are left by a change cut
        # short, and the database's hash tells which one counts.
        actor = self._sign_in_db(name, password, verified=len(slots) == 1, events=kf.events)
        kf = self._keys()
        before = keyfile.to_bytes(kf)
        kf.lockouts.pop(name, None)
        kf.events = []
        kf.slots = [
            s for s in kf.slots if s == opened[0] or s.kind != "password" or s.username != name
        ]
        with self.db.session() as s:
            office = s.scalars(select(OfficeRow)).first()
            if office is not None:
                kf.office = _office_dict(office)
        if keyfile.to_bytes(kf) != before:
            self._save_keys(kf)
        return actor

    def _sign_in_db(
        self,
        username: str,
        password: str,
        *,
        verified: bool,
        events: list[dict[str, object]] | None = None,
    ) -> Actor:
        from tirkeu.services import auth
        from tirkeu.storage import audit

        # The failure counter must be saved even though sign-in fails, so the
        # error is raised after the transaction commits.
        error: ServiceError | None = None
        actor: Actor | None = None
        with self.db.session() as s:
            for event in events or []:
                uid = event.get("user_id")
                audit.append(
                    s,
                    user_id=uid if isinstance(uid, int) else None,
                    action=str(event["action"]),
                    entity="user",
                    entity_id=uid if isinstance(uid, int) else None,
                    at=dt.datetime.fromisoformat(str(event["at"])),
                )
            try:
                actor = auth.sign_in(s, username, password, self.clock(), verified=verified)
            except ServiceError as exc:
                error = exc
        if error:
            raise error
        assert actor is not None
        return actor

    def _count_failure(self, kf: KeyFile, name: str, user_id: int | None, now: dt.datetime) -> None:
        from tirkeu.services import auth

        lockout = kf.lockouts.setdefault(name, Lockout())
        lockout.failures += 1
        if lockout.failures >= auth.MAX_FAILURES:
            lockout.failures = 0
            lockout.until = now + auth.LOCKOUT
            kf.events.append({"action": "user.locked", "user_id": user_id, "at": now.isoformat()})
        self._save_keys(kf)

    def recover(self, recovery_key: str, username: str, new_password: str) -> Actor:
        """All passwords forgotten: the office recovery key opens the database and
        gives the administrator ``username`` the password ``new_password``."""
        from sqlalchemy import select

        from tirkeu.services import auth
        from tirkeu.services.roles import Role
        from tirkeu.storage import audit
        from tirkeu.storage.models import UserRow

        kf = self._keys()
        slot = kf.recovery_slot()
        if slot is None:
            raise ServiceError("This office has no recovery key for its database.")
        raw = parse_recovery_key(recovery_key)
        kek = recovery_kek(raw, slot.salt) if raw is not None else None
        if kek is None or not keyfile.matches(slot, kek):
            raise ServiceError("This is not the office recovery key.")
        auth.check_new_password(new_password)
        try:
            key = keyfile.unwrap(slot, kek, self.keys_path)
        except KeyFileError as exc:
            raise key_error(exc) from None
        self._unlock(key)
        with self.db.session() as s:
            row = s.scalars(select(UserRow).where(UserRow.username == username.strip())).first()
            if row is None or row.role != Role.ADMIN.value:
                raise ServiceError("The recovery key sets the password of an administrator.")
            auth.set_password(s, row, new_password)
            row.active = True
            row.must_change_password = False
            row.failed_logins = 0
            row.locked_until = None
            audit.append(s, user_id=row.id, action="user.recover", entity="user", entity_id=row.id)
        return self.sign_in(username, new_password)

    # --- a plain database from before encryption --------------------------------

    def _encrypt(self, admin: Actor, password: str) -> None:
        """Encrypt the plain database now that an administrator has signed in.

        The administrator's password gets the first slot; the recovery slot is
        made from the recovery key's derived key when the office has one; the
        other active users get a temporary password from the administrator.
        """
        from sqlalchemy import select

        from tirkeu.storage import audit
        from tirkeu.storage.models import OfficeRow, SettingRow, UserRow

        key = keyfile.new_database_key()
        with self.db.session() as s:
            office = s.scalars(select(OfficeRow)).one()
            others = [
                u.username
                for u in s.scalars(select(UserRow).where(UserRow.active.is_(True)))
                if u.id != admin.user_id
            ]
            recovery = s.get(SettingRow, RECOVERY_SETTING)
            kf = KeyFile(
                office=_office_dict(office),
                slots=[keyfile.password_slot(key, admin.user_id, admin.username, password)],
                pending=sorted(others),
            )
            if recovery is not None:
                kf.slots.append(
                    keyfile.recovery_slot(
                        key,
                        base64.b64decode(recovery.value["salt"]),
                        base64.b64decode(recovery.value["kek"]),
                    )
                )
        self.db.close()
        self._db = None
        try:
            encryption.encrypt_in_place(self.data_dir, key, lambda: self._save_keys(kf))
        except DatabaseError as exc:
            raise ServiceError(
                "The database could not be encrypted ({detail}); it was left as it was.",
                detail=exc.detail,
            ) from None
        finally:
            if self._db is None and is_plain(self.data_dir / DB_FILE):
                self._db = _open_db(self.data_dir, None)
        self._unlock(key)
        with self.db.session() as s:
            audit.append(
                s,
                user_id=admin.user_id,
                action="database.encrypt",
                entity="database",
                entity_id=None,
                at=self.clock(),
            )
            # Kept in the database, not in memory: if the power fails before the
            # administrator has read the notice, the next sign-in still shows it
            # (services.backups.take_encryption_notice).
            s.add(SettingRow(key=ENCRYPTION_NOTICE_SETTING, value={"since": str(self.clock())}))


def _load_keys(path: Path) -> KeyFile | None:
    try:
        return keyfile.load(path)
    except KeyFileError as exc:
        raise key_error(exc) from None


def _open_db(data_dir: Path, key: bytes | None) -> Database:
    from tirkeu.storage.db import open_database

    try:
        return open_database(data_dir, key=key)
    except DatabaseError as exc:
        code, backup = exc.code, None
        if code == "corrupt":
            backup = newest_good_backup(data_dir / "backups")
            code = "corrupt" if backup else "corrupt_no_backup"
        raise ServiceError(
            _DB_MESSAGES[code],
            path=str(exc.path),
            detail=exc.detail,
            backup=str(backup),
            folder=str(data_dir / "backups"),
        ) from None
