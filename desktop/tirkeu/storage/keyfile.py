"""The key-slot file ``tirkeu.keys``: the database key, wrapped once per way in.

The office database is encrypted with SQLCipher under a random 256-bit key.
That key is never stored as it is: each staff password wraps a copy of it (a
"slot": argon2id of the password with the slot's salt, then AES-256-GCM), and
the office recovery key wraps one more.  Signing in unwraps the user's slot.

What must be read before anyone signs in lives here in the clear: the office's
name for the sign-in window, and the failed sign-in counters and lockouts
(a wrong password cannot open the database to count itself).  Nothing here
names a child or a parent.

Format (JSON, ``format`` 1)::

    {"format": 1,
     "office": {"name_kk", "name_ru", "kato", "district_kk", "district_ru",
                "head_name", "code"} | null,
     "slots": [{"kind": "password" | "recovery", "user_id": int | null,
                "username": str | null, "salt", "nonce", "key", "check": base64,
                "kdf": {"t": 3, "m": 65536, "p": 1}}],
     "lockouts": {username: {"failures": int, "until": iso-datetime | null}},
     "pending": [username, ...],      # users to be given a temporary password
     "events": [{"action", "user_id", "at"}]}   # audit entries to write on unlock

A slot's associated data binds it to its kind, user id and user name, so a
slot moved to another user fails its tag.  ``check`` is SHA-256 of the
wrapping key: a wrong password is told from a changed file that way.
Writes go to a temporary file, are synced and renamed over the old one.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tirkeu.storage.durable import StorageFileError, replace_durably

# Reading the file for the sign-in window needs no third-party library: argon2
# and the AES-GCM of cryptography are imported by the functions that make or
# open a slot, after the window is up (ui.warmup loads them while the password
# is typed; issue 11).

KEY_FILE = "tirkeu.keys"
# How copies of the key file kept beside backups end (storage.backup).
KEY_FILE_COPY_SUFFIX = ".keys"
FORMAT = 1
PASSWORD_KDF = {"t": 3, "m": 65536, "p": 1}


class KeyFileError(StorageFileError):
    """The key file cannot be used; ``code`` is "damaged", "tampered" or "newer"."""


@dataclass(frozen=True)
class Slot:
    kind: str
    user_id: int | None
    username: str | None
    salt: bytes
    nonce: bytes
    key: bytes
    check: bytes
    kdf: dict[str, int] = field(default_factory=dict)

    def aad(self) -> bytes:
        return f"tirkeu-db-slot|{self.kind}|{self.user_id}|{self.username}".encode()


@dataclass
class Lockout:
    failures: int = 0
    until: dt.datetime | None = None


@dataclass
class KeyFile:
    office: dict[str, str] | None = None
    slots: list[Slot] = field(default_factory=list)
    lockouts: dict[str, Lockout] = field(default_factory=dict)
    pending: list[str] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)

    def password_slots(self, username: str) -> list[Slot]:
        return [s for s in self.slots if s.kind == "password" and s.username == username]

    def recovery_slot(self) -> Slot | None:
        return next((s for s in self.slots if s.kind == "recovery"), None)

    def has_users(self) -> bool:
        return any(s.kind == "password" for s in self.slots)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


# --- keys ----------------------------------------------------------------------


def new_database_key() -> bytes:
    return secrets.token_bytes(32)


def password_kek(password: str, salt: bytes, kdf: dict[str, int]) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=kdf["t"],
        memory_cost=kdf["m"],
        parallelism=kdf["p"],
        hash_len=32,
        type=Type.ID,
    )


def _check(kek: bytes) -> bytes:
    return hashlib.sha256(b"tirkeu-slot-check|" + kek).digest()


def _seal(
    db_key: bytes, kek: bytes, kind: str, user_id: int | None, username: str | None, **extra: Any
) -> Slot:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    blank = Slot(kind, user_id, username, b"", b"", b"", b"")
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(kek).encrypt(nonce, db_key, blank.aad())
    return Slot(kind, user_id, username, nonce=nonce, key=wrapped, check=_check(kek), **extra)


def password_slot(db_key: bytes, user_id: int, username: str, password: str) -> Slot:
    salt = secrets.token_bytes(16)
    kek = password_kek(password, salt, PASSWORD_KDF)
    return _seal(db_key, kek, "password", user_id, username, salt=salt, kdf=dict(PASSWORD_KDF))


def recovery_slot(db_key: bytes, salt: bytes, kek: bytes) -> Slot:
    """``kek`` is derived from the recovery key with ``salt`` (see storage.backup)."""
    return _seal(db_key, kek, "recovery", None, None, salt=salt)


def slot_kek(slot: Slot, password: str) -> bytes | None:
    """The wrapping key if ``password`` is this slot's, else ``None``."""
    kek = password_kek(password, slot.salt, slot.kdf or PASSWORD_KDF)
    return kek if matches(slot, kek) else None


def matches(slot: Slot, kek: bytes) -> bool:
    return hmac.compare_digest(_check(kek), slot.check)


def unwrap(slot: Slot, kek: bytes, path: Path) -> bytes:
    """The database key; a failed tag means the file was changed or damaged."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        key = AESGCM(kek).decrypt(slot.nonce, slot.key, slot.aad())
    except InvalidTag:
        raise KeyFileError("tampered", path) from None
    if len(key) != 32:
        raise KeyFileError("tampered", path)
    return key


# --- the file ------------------------------------------------------------------


def _slot_json(slot: Slot) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": slot.kind,
        "user_id": slot.user_id,
        "username": slot.username,
        "salt": _b64(slot.salt),
        "nonce": _b64(slot.nonce),
        "key": _b64(slot.key),
        "check": _b64(slot.check),
    }
    if slot.kdf:
        out["kdf"] = slot.kdf
    return out


def _slot(data: dict[str, Any]) -> Slot:
    user_id = data.get("user_id")
    username = data.get("username")
    kdf = data.get("kdf") or {}
    if data["kind"] not in ("password", "recovery") or not isinstance(kdf, dict):
        raise ValueError("unknown slot")
    return Slot(
        kind=str(data["kind"]),
        user_id=int(user_id) if user_id is not None else None,
        username=str(username) if username is not None else None,
        salt=_unb64(data["salt"]),
        nonce=_unb64(data["nonce"]),
        key=_unb64(data["key"]),
        check=_unb64(data["check"]),
        kdf={k: int(kdf[k]) for k in ("t", "m", "p")} if kdf else {},
    )


def to_bytes(kf: KeyFile) -> bytes:
    data = {
        "format": FORMAT,
        "office": kf.office,
        "slots": [_slot_json(s) for s in kf.slots],
        "lockouts": {
            name: {"failures": lo.failures, "until": lo.until.isoformat() if lo.until else None}
            for name, lo in kf.lockouts.items()
        },
        "pending": kf.pending,
        "events": kf.events,
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def from_bytes(raw: bytes, path: Path) -> KeyFile:
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
        if int(data.get("format", 0)) > FORMAT:
            raise KeyFileError("newer", path, str(data.get("format")))
        lockouts = {
            str(name): Lockout(
                int(lo.get("failures", 0)),
                dt.datetime.fromisoformat(lo["until"]) if lo.get("until") else None,
            )
            for name, lo in dict(data.get("lockouts") or {}).items()
        }
        office = data.get("office")
        return KeyFile(
            office={str(k): str(v) for k, v in office.items()} if office else None,
            slots=[_slot(s) for s in data.get("slots") or []],
            lockouts=lockouts,
            pending=[str(n) for n in data.get("pending") or []],
            events=[dict(e) for e in data.get("events") or []],
        )
    except KeyFileError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise KeyFileError("damaged", path, str(exc)) from None


def load(path: Path) -> KeyFile | None:
    """The key file, or ``None`` when there is none."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise KeyFileError("damaged", path, exc.strerror or str(exc)) from None
    return from_bytes(raw, path)


def drop_user(path: Path, user_id: int, username: str) -> None:
    """Remove every password slot, lockout and pending entry of one user.

    A deactivated account must not open the database: without its slot the
    password unwraps nothing.  A copy of the file taken before still holds the
    slot; no change here can take back a key its holder has already read, so
    the database key itself stays (re-keying needs every user's password).
    """
    kf = load(path)
    if kf is None:
        return
    slots = [
        s
        for s in kf.slots
        if s.kind != "password" or (s.user_id != user_id and s.username != username)
    ]
    changed = len(slots) != len(kf.slots) or username in kf.lockouts or username in kf.pending
    if not changed:
        return
    kf.slots = slots
    kf.lockouts.pop(username, None)
    kf.pending = [n for n in kf.pending if n != username]
    save(path, kf)


def save(path: Path, kf: KeyFile) -> None:
    """Replace the key file in one step: a crash leaves the old or the new one whole."""
    replace_durably(path, to_bytes(kf))
