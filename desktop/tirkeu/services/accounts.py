"""Staff accounts and the audit log, as the administrator manages and reads them.

Every method checks the actor's role itself (issue 7: the GUI hiding a button
is not a permission check).  Passwords set by an administrator are temporary:
the user must change them at the next sign-in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tirkeu.services import auth
from tirkeu.services.auth import Action, Actor, Role
from tirkeu.services.errors import Conflict, NotFound, ServiceError
from tirkeu.services.workspace import Workspace, key_error
from tirkeu.storage import audit, keyfile
from tirkeu.storage.audit import AuditQuery, ChainReport
from tirkeu.storage.models import AuditRow, SettingRow, UserRow

IDLE_LOCK_KEY = "idle_lock"
DEFAULT_IDLE_MINUTES = 10


@dataclass(frozen=True)
class Account:
    """A staff account as the accounts window lists it (no password hash)."""

    id: int
    username: str
    full_name: str
    role: Role
    active: bool
    must_change_password: bool
    locked_until: dt.datetime | None
    # An active account of an encrypted office whose password has no key slot
    # (after the encryption, or a deactivation cut short): it needs a reset.
    needs_reset: bool = False


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    user_id: int | None
    username: str | None
    action: str
    entity: str
    entity_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _account(
    row: UserRow, locked_until: dt.datetime | None = None, keyed: set[int] | None = None
) -> Account:
    """``locked_until``: a lockout kept in the key file (an encrypted database);
    ``keyed``: the users with a password slot there."""
    return Account(
        row.id,
        row.username,
        row.full_name,
        Role(row.role),
        row.active,
        row.must_change_password,
        locked_until or row.locked_until,
        keyed is not None and row.active and row.id not in keyed,
    )


def idle_lock_minutes(ws: Workspace) -> int:
    """Minutes without input after which the screen locks (0: never)."""
    with ws.db.session() as s:
        row = s.get(SettingRow, IDLE_LOCK_KEY)
        return int(row.value.get("minutes", DEFAULT_IDLE_MINUTES)) if row else DEFAULT_IDLE_MINUTES


class AccountService:
    def __init__(self, ws: Workspace, actor: Actor) -> None:
        self.ws = ws
        self.actor = actor

    def _user(self, s: Session, user_id: int) -> UserRow:
        row = s.get(UserRow, user_id)
        if row is None:
            raise NotFound("There is no user {id}.", id=user_id)
        return row

    def _audit(self, s: Session, action: str, user_id: int, **after: Any) -> None:
        audit.append(
            s,
            user_id=self.actor.user_id,
            action=action,
            entity="user",
            entity_id=user_id,
            after=after or None,
            at=self.ws.clock(),
        )

    def list_users(self) -> list[Account]:
        self.actor.require(Action.MANAGE_ACCOUNTS)
        keyed = None
        if self.ws.db.key is not None:
            try:
                kf = keyfile.load(self.ws.keys_path)
            except keyfile.KeyFileError as exc:
                raise key_error(exc) from None
            slots = kf.slots if kf else []
            keyed = {s.user_id for s in slots if s.kind == "password" and s.user_id is not None}
        with self.ws.db.session() as s:
            return [
                _account(r, self.ws.locked_until(r.username), keyed)
                for r in s.scalars(select(UserRow).order_by(UserRow.username))
            ]

    def create_user(self, username: str, full_name: str, role: Role, password: str) -> Account:
        """A new account with a temporary password, changed at the first sign-in."""
        self.actor.require(Action.MANAGE_ACCOUNTS)
        with self.ws.db.session() as s:
            made = auth.create_user(
                s,
                username=username,
                full_name=full_name,
                role=role,
                password=password,
                by=self.actor.user_id,
                must_change=True,
                at=self.ws.clock(),
            )
            return _account(s.get_one(UserRow, made.user_id))

    def set_active(self, user_id: int, active: bool, temporary: str = "") -> Account:
        """Deactivate (the account can no longer sign in) or reactivate; never delete.

        Deactivation removes the user's key slots (the live key file and the
        copies kept in ``backups/`` by restores) before the account change is
        committed: a crash in between leaves an active account without a slot
        (it cannot sign in until an administrator resets its password), never
        a deactivated account whose password still opens the key file.  Backup
        files hold the key file too, sealed under the recovery key or a backup
        password, which the user's password does not open.
        Reactivation needs a ``temporary`` password, as a new account does: it
        gets a new slot and must be changed at the next sign-in.
        """
        self.actor.require(Action.MANAGE_ACCOUNTS)
        if active:
            if not temporary:
                raise ServiceError(
                    "Type a temporary password to reactivate the account; "
                    "the user changes it at the next sign-in."
                )
            auth.check_new_password(temporary)
        with self.ws.db.session() as s:
            row = self._user(s, user_id)
            if not active and row.id == self.actor.user_id:
                raise Conflict("You cannot deactivate your own account.")
            if not active and row.role == Role.ADMIN.value and self._active_admins(s) <= 1:
                raise Conflict("The office needs at least one active administrator.")
            if row.active == active:
                return _account(row)
            row.active = active
            if active:
                auth.set_password(s, row, temporary)
                row.must_change_password = True
                row.failed_logins = 0
                row.locked_until = None
                self._audit(s, "user.activate", row.id)
            else:
                self._audit(s, "user.deactivate", row.id)
                s.flush()
                self._drop_slots(row)
            return _account(row)

    def _drop_slots(self, row: UserRow) -> None:
        """The user's slots go from the key file copies kept by restores (they wrap
        the same database key), then from the live file, all before the commit."""
        kept = (self.ws.data_dir / "backups").rglob("*" + keyfile.KEY_FILE_COPY_SUFFIX)
        for path in sorted(kept):
            try:
                keyfile.drop_user(path, row.id, row.username)
            except keyfile.KeyFileError:
                continue  # unreadable: it opens nothing either
        keyfile.drop_user(self.ws.keys_path, row.id, row.username)

    def set_role(self, user_id: int, role: Role) -> Account:
        self.actor.require(Action.MANAGE_ACCOUNTS)
        with self.ws.db.session() as s:
            row = self._user(s, user_id)
            if row.role == role.value:
                return _account(row)
            if row.role == Role.ADMIN.value and row.active and self._active_admins(s) <= 1:
                raise Conflict("The office needs at least one active administrator.")
            before = row.role
            row.role = role.value
            audit.append(
                s,
                user_id=self.actor.user_id,
                action="user.role",
                entity="user",
                entity_id=row.id,
                before={"role": before},
                after={"role": role.value},
                at=self.ws.clock(),
            )
            return _account(row)

    def reset_password(self, user_id: int, temporary: str) -> Account:
        """A temporary password for a user who forgot theirs; it also lifts a lockout."""
        self.actor.require(Action.MANAGE_ACCOUNTS)
        auth.check_new_password(temporary)
        with self.ws.db.session() as s:
            row = self._user(s, user_id)
            if not row.active:
                # A password of a deactivated account would give it a key slot.
                raise Conflict(
                    "The account is deactivated: reactivate it with a temporary password."
                )
            auth.set_password(s, row, temporary)
            row.must_change_password = True
            row.failed_logins = 0
            row.locked_until = None
            self._audit(s, "user.reset_password", row.id)
            return _account(row)

    def set_idle_lock_minutes(self, minutes: int) -> None:
        self.actor.require(Action.MANAGE_ACCOUNTS)
        if not 0 <= minutes <= 240:
            raise ServiceError("The idle lock takes 0 to 240 minutes (0: never).")
        with self.ws.db.session() as s:
            row = s.get(SettingRow, IDLE_LOCK_KEY)
            before = int(row.value.get("minutes", DEFAULT_IDLE_MINUTES)) if row else None
            if row is None:
                s.add(SettingRow(key=IDLE_LOCK_KEY, value={"minutes": minutes}))
            else:
                row.value = {"minutes": minutes}
            audit.append(
                s,
                user_id=self.actor.user_id,
                action="settings.idle_lock",
                entity="settings",
                entity_id=IDLE_LOCK_KEY,
                before={"minutes": before},
                after={"minutes": minutes},
                at=self.ws.clock(),
            )

    @staticmethod
    def _active_admins(s: Session) -> int:
        stmt = select(func.count(UserRow.id)).where(
            UserRow.role == Role.ADMIN.value, UserRow.active.is_(True)
        )
        return int(s.scalar(stmt) or 0)


def change_own_password(ws: Workspace, actor: Actor, old: str, new: str) -> Actor:
    """The signed-in user's own change (forced after a first or reset password)."""
    with ws.db.session() as s:
        return auth.change_password(s, actor, old, new)


class AuditLogService:
    """Reading and checking the audit log (administrator and head)."""

    def __init__(self, ws: Workspace, actor: Actor) -> None:
        self.ws = ws
        self.actor = actor

    def entries(self, query: AuditQuery, offset: int = 0, limit: int = 500) -> list[AuditEntry]:
        self.actor.require(Action.VIEW_AUDIT)
        with self.ws.db.session() as s:
            names = {r.id: r.username for r in s.execute(select(UserRow.id, UserRow.username))}
            return [
                AuditEntry(
                    r.id,
                    r.at,
                    r.user_id,
                    names.get(r.user_id) if r.user_id is not None else None,
                    r.action,
                    r.entity,
                    r.entity_id,
                    r.before,
                    r.after,
                )
                for r in audit.search(s, query, offset, limit)
            ]

    def actions(self) -> list[str]:
        self.actor.require(Action.VIEW_AUDIT)
        with self.ws.db.session() as s:
            return list(s.scalars(select(AuditRow.action).distinct().order_by(AuditRow.action)))

    def users(self) -> list[tuple[int, str]]:
        self.actor.require(Action.VIEW_AUDIT)
        with self.ws.db.session() as s:
            return [(r.id, r.username) for r in s.execute(select(UserRow.id, UserRow.username))]

    def verify(self) -> ChainReport:
        self.actor.require(Action.VIEW_AUDIT)
        with self.ws.db.session() as s:
            return audit.verify_chain(s)
