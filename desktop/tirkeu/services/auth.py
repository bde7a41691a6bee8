"""Staff sign-in: argon2id password hashes, lockout after repeated failures."""

from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tirkeu.services.errors import ServiceError

# Re-exported: services and the GUI have always found the roles here.
from tirkeu.services.roles import PERMISSIONS as PERMISSIONS
from tirkeu.services.roles import Action as Action
from tirkeu.services.roles import Actor as Actor
from tirkeu.services.roles import Role as Role
from tirkeu.storage import audit
from tirkeu.storage.models import UserRow

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD = 4
# Passwords set in a session, as (user id, user name, password): the workspace
# wraps the database key with each before the commit (services.workspace).
NEW_PASSWORDS = "tirkeu.new_passwords"

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(row: UserRow, password: str) -> bool:
    try:
        return bool(_hasher.verify(row.password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def set_password(session: Session, row: UserRow, password: str) -> None:
    """Store the hash and tell the workspace, which gives the password a key slot."""
    row.password_hash = hash_password(password)
    session.info.setdefault(NEW_PASSWORDS, []).append((row.id, row.username, password))


def check_new_password(new: str) -> None:
    if len(new) < MIN_PASSWORD:
        raise ServiceError("The password must have at least {n} characters.", n=MIN_PASSWORD)


def _actor(row: UserRow) -> Actor:
    return Actor(
        user_id=row.id,
        username=row.username,
        full_name=row.full_name,
        role=Role(row.role),
        ui_language=row.ui_language,
        must_change_password=row.must_change_password,
    )


def create_user(
    session: Session,
    *,
    username: str,
    full_name: str,
    role: Role,
    password: str,
    by: int | None,
    must_change: bool = False,
    ui_language: str = "kk",
    at: dt.datetime | None = None,
) -> Actor:
    username = username.strip()
    if not username or not full_name.strip():
        raise ServiceError("User name and full name are required.")
    check_new_password(password)
    if session.scalars(select(UserRow).where(UserRow.username == username)).first():
        raise ServiceError("The user name {name} is already taken.", name=username)
    row = UserRow(
        username=username,
        full_name=full_name.strip(),
        role=role.value,
        password_hash="",
        must_change_password=must_change,
        failed_logins=0,
        ui_language=ui_language,
        active=True,
        created_at=dt.datetime.now(),
    )
    session.add(row)
    session.flush()
    set_password(session, row, password)
    audit.append(
        session,
        user_id=by,
        action="user.create",
        entity="user",
        entity_id=row.id,
        after={"username": username, "role": role.value},
        at=at,
    )
    return _actor(row)


def sign_in(
    session: Session,
    username: str,
    password: str,
    now: dt.datetime | None = None,
    *,
    verified: bool = False,
) -> Actor:
    """The actor for these credentials; failures count towards a lockout.

    ``verified``: the password already opened the user's key slot, the one
    check that counts, so the hash is not computed a second time.
    """
    now = now or dt.datetime.now()
    row = session.scalars(select(UserRow).where(UserRow.username == username.strip())).first()
    if row is None or not row.active:
        raise ServiceError("Wrong user name or password.")
    if row.locked_until and row.locked_until > now:
        raise ServiceError(
            "The account {name} is locked after repeated wrong passwords until {until}.",
            name=row.username,
            until=row.locked_until.strftime("%H:%M"),
        )
    if not verified and not password_matches(row, password):
        row.failed_logins += 1
        if row.failed_logins >= MAX_FAILURES:
            row.locked_until = now + LOCKOUT
            row.failed_logins = 0
            audit.append(
                session, user_id=row.id, action="user.locked", entity="user", entity_id=row.id
            )
        raise ServiceError("Wrong user name or password.") from None
    row.failed_logins = 0
    row.locked_until = None
    if not verified and _hasher.check_needs_rehash(row.password_hash):
        row.password_hash = hash_password(password)
    return _actor(row)


def change_password(session: Session, actor: Actor, old: str, new: str) -> Actor:
    """The user's own change; clears the forced change after a first or reset password."""
    row = session.get_one(UserRow, actor.user_id)
    if not password_matches(row, old):
        raise ServiceError("The current password is wrong.")
    check_new_password(new)
    if new == old:
        raise ServiceError("The new password must differ from the current one.")
    set_password(session, row, new)
    row.must_change_password = False
    audit.append(session, user_id=row.id, action="user.password", entity="user", entity_id=row.id)
    return _actor(row)


def set_ui_language(session: Session, actor: Actor, lang: str) -> None:
    session.get_one(UserRow, actor.user_id).ui_language = lang
