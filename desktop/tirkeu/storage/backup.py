"""Encrypted backup files of the office database, and restoring them.

A lost USB stick must reveal nothing, so a backup is the database image,
compressed and sealed with AES-GCM under a random file key.  The file key is
wrapped once per way in ("slot"): by the office recovery key (HKDF, it is
already random) and, when one is given, by a backup password (argon2id).

Layout: ``MAGIC`` (8 bytes), format version (2 bytes), header length (4 bytes),
the header as JSON (schema revision, created-at, office code, slots, payload
length), then the sealed payload.  The header is the payload's associated data,
so changing it breaks decryption.  A file is checked after it is written by
decrypting it again and running ``PRAGMA integrity_check`` on the copy.

Format 1 seals a plain database image.  Format 2 (an encrypted office
database, issue 7) seals the SQLCipher file as it is, together with the key
file and the database key: the backup restores the database, its key slots and
every password of its day, and nothing is ever written to disk decrypted.
Its payload is the key file's length (4 bytes), the key file, the database key
(32 bytes) and the encrypted database image.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import secrets
import shutil
import sqlite3
import struct
import tempfile
import zlib
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tirkeu.storage.dbfile import connect
from tirkeu.storage.durable import StorageFileError, fsync_dir, replace_durably, write_synced
from tirkeu.storage.keyfile import KEY_FILE_COPY_SUFFIX

# Every start runs finish_restore before the sign-in window: argon2,
# cryptography and SQLCipher are imported by the functions that seal, open or
# check a backup, so that start does not wait for them (issue 11).

MAGIC = b"TIRKEUBK"
FORMAT = 2
PLAIN_FORMAT = 1
SUFFIX = ".tkbackup"
_PREFIX = struct.Struct(">8sHI")
_KEYS_LEN = struct.Struct(">I")
_SLOT_AAD = b"tirkeu-backup-slot"


class BackupError(StorageFileError):
    """A backup that cannot be read or restored; ``code`` picks the message."""


@dataclass(frozen=True)
class Kek:
    """A key that wraps the file key: ``kind`` is "recovery" or "password"."""

    kind: str
    salt: bytes
    key: bytes


@dataclass(frozen=True)
class BackupHeader:
    format: int
    schema: str | None
    created_at: dt.datetime
    office: str
    length: int
    nonce: bytes
    slots: list[dict[str, str]] = field(default_factory=list)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


# --- keys ----------------------------------------------------------------------


def new_recovery_key() -> str:
    """160 random bits as 8 groups of 4 letters and digits, to print for the safe."""
    text = base64.b32encode(secrets.token_bytes(20)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes | None:
    """The key's bytes, or ``None`` when ``text`` is not a recovery key."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(cleaned) != 32:
        return None
    try:
        return base64.b32decode(cleaned)
    except ValueError:
        return None


def recovery_kek(recovery_key: bytes, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), 32, salt, b"tirkeu backup recovery").derive(recovery_key)


def password_kek(password: str, salt: bytes) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=3,
        memory_cost=65536,
        parallelism=1,
        hash_len=32,
        type=Type.ID,
    )


def password_slot_key(password: str) -> Kek:
    salt = secrets.token_bytes(16)
    return Kek("password", salt, password_kek(password, salt))


# --- writing -------------------------------------------------------------------


def database_image(db_path: Path, key: bytes | None = None) -> bytes:
    """A consistent copy of the database file through SQLite's backup API.

    An encrypted database is copied encrypted under its own key.
    """
    with tempfile.TemporaryDirectory(prefix="tirkeu-backup-") as tmp:
        copy = Path(tmp) / "copy.sqlite"
        src = connect(db_path, key)
        dst = connect(copy, key)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        return copy.read_bytes()


def schema_revision(db_path: Path, key: bytes | None = None) -> str | None:
    from sqlcipher3 import dbapi2 as sqlcipher

    con = connect(f"file:{db_path}?mode=ro", key, uri=True)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except (sqlite3.DatabaseError, sqlcipher.DatabaseError):
        return None
    finally:
        con.close()
    return str(row[0]) if row else None


def write_backup(
    db_path: Path,
    target: Path,
    keks: list[Kek],
    *,
    office: str,
    created_at: dt.datetime,
    db_key: bytes | None = None,
    key_file: bytes = b"",
) -> Path:
    """Write an encrypted backup of ``db_path`` to ``target``, then check it.

    With ``db_key`` the database is encrypted and ``key_file`` is its key file
    (format 2); without, the database is plain (format 1).
    """
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not keks:
        raise ValueError("a backup needs at least one key")
    image = database_image(db_path, db_key)
    version = PLAIN_FORMAT
    if db_key is not None:
        version = FORMAT
        image = _KEYS_LEN.pack(len(key_file)) + key_file + db_key + image
    file_key = AESGCM.generate_key(256)
    slots = []
    for kek in keks:
        nonce = secrets.token_bytes(12)
        wrapped = AESGCM(kek.key).encrypt(nonce, file_key, _SLOT_AAD)
        slots.append(
            {"kind": kek.kind, "salt": _b64(kek.salt), "nonce": _b64(nonce), "key": _b64(wrapped)}
        )
    payload = zlib.compress(image, 6 if db_key is None else 1)
    nonce = secrets.token_bytes(12)
    header = {
        "format": version,
        "schema": schema_revision(db_path, db_key),
        "created_at": created_at.replace(microsecond=0).isoformat(),
        "office": office,
        "length": len(payload) + 16,
        "nonce": _b64(nonce),
        "slots": slots,
    }
    head = json.dumps(header, sort_keys=True).encode("utf-8")
    prefix = _PREFIX.pack(MAGIC, version, len(head))
    sealed = AESGCM(file_key).encrypt(nonce, payload, prefix + head)
    target.parent.mkdir(parents=True, exist_ok=True)
    replace_durably(target, prefix + head + sealed)
    with _opened(target, file_key=file_key) as (copy, content):
        _integrity(copy, target, content.db_key)
    return target


# --- reading -------------------------------------------------------------------


def _split(path: Path) -> tuple[bytes, dict[str, Any], bytes]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BackupError("unreadable", path, exc.strerror or str(exc)) from None
    if len(data) < _PREFIX.size or not data.startswith(MAGIC):
        raise BackupError("not_backup", path)
    _magic, version, head_len = _PREFIX.unpack_from(data)
    if version > FORMAT:
        raise BackupError("newer_format", path, str(version))
    end = _PREFIX.size + head_len
    if len(data) < end:
        raise BackupError("truncated", path)
    try:
        header = json.loads(data[_PREFIX.size : end].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BackupError("not_backup", path) from None
    body = data[end:]
    if len(body) < int(header.get("length", 0)):
        raise BackupError("truncated", path)
    if len(body) > int(header.get("length", 0)):
        raise BackupError("damaged", path)
    return data[:end], header, body


def read_header(path: Path) -> BackupHeader:
    """The header of a complete backup file (raises :class:`BackupError` otherwise)."""
    _aad, header, _body = _split(path)
    return BackupHeader(
        format=int(header["format"]),
        schema=header.get("schema"),
        created_at=dt.datetime.fromisoformat(header["created_at"]),
        office=str(header.get("office", "")),
        length=int(header["length"]),
        nonce=_unb64(header["nonce"]),
        slots=list(header["slots"]),
    )


def _unwrap(slots: list[dict[str, str]], secret: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    recovery = parse_recovery_key(secret)
    for slot in slots:
        salt = _unb64(slot["salt"])
        if slot["kind"] == "recovery":
            if recovery is None:
                continue
            kek = recovery_kek(recovery, salt)
        elif slot["kind"] == "password":
            kek = password_kek(secret, salt)
        else:
            continue
        try:
            return AESGCM(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["key"]), _SLOT_AAD)
        except InvalidTag:
            continue
    return None


@dataclass(frozen=True)
class BackupContent:
    """What a backup holds: the database image and, if encrypted, its keys."""

    image: bytes
    db_key: bytes | None = None
    key_file: bytes = b""


def decrypt_backup(path: Path, secret: str = "", *, file_key: bytes | None = None) -> BackupContent:
    """The content of ``path``, opened with a recovery key or backup password."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aad, header, body = _split(path)
    key = file_key or _unwrap(list(header["slots"]), secret)
    if key is None:
        raise BackupError("wrong_key", path)
    try:
        payload = AESGCM(key).decrypt(_unb64(header["nonce"]), body, aad)
        data = zlib.decompress(payload)
    except (InvalidTag, zlib.error):
        raise BackupError("damaged", path) from None
    if int(header["format"]) == PLAIN_FORMAT:
        return BackupContent(data)
    (keys_len,) = _KEYS_LEN.unpack_from(data)
    start = _KEYS_LEN.size
    key_file = data[start : start + keys_len]
    db_key = data[start + keys_len : start + keys_len + 32]
    return BackupContent(data[start + keys_len + 32 :], db_key, key_file)


@contextmanager
def _opened(path: Path, *, file_key: bytes) -> Iterator[tuple[Path, BackupContent]]:
    """The database image as a temporary file, removed afterwards.

    A format 2 image stays encrypted on disk; only a format 1 one is plain.
    """
    content = decrypt_backup(path, file_key=file_key)
    with tempfile.TemporaryDirectory(prefix="tirkeu-backup-") as tmp:
        copy = Path(tmp) / "restored.sqlite"
        write_synced(copy, content.image)
        yield copy, content


def _integrity(copy: Path, source: Path, key: bytes | None = None) -> None:
    from sqlcipher3 import dbapi2 as sqlcipher

    try:
        con = connect(copy, key)
        try:
            row = con.execute("PRAGMA integrity_check").fetchone()
        finally:
            con.close()
    except (sqlite3.DatabaseError, sqlcipher.DatabaseError) as exc:
        raise BackupError("damaged", source, str(exc)) from None
    if row is None or row[0] != "ok":
        raise BackupError("damaged", source, str(row[0] if row else ""))


RESTORE_MARKER = "tirkeu.restore"
STAGED = ".restoring"


def restore_backup(
    path: Path,
    secret: str,
    db_path: Path,
    keep_dir: Path,
    known_schemas: Collection[str],
    keys_path: Path | None = None,
) -> Path | None:
    """Replace ``db_path`` by the backup; returns where the previous database was kept.

    Every check runs before anything is replaced: the file, the key, the schema
    (a newer one is refused) and the integrity of the copy.  The database and
    its key file ``keys_path`` change together or not at all: both are staged
    beside the live ones, then a restore-intent marker is written (synced),
    both are renamed into place and the marker removed.  A crash before the
    marker leaves the old pair, after it :func:`finish_restore` completes the
    new pair; never the database of one backup with the keys of another.  A
    plain format 1 backup has no key file: the old one goes aside (the
    database is encrypted again on the next administrator's sign-in).
    """
    header = read_header(path)
    if header.schema is not None and header.schema not in known_schemas:
        raise BackupError("newer_schema", path, header.schema)
    folder = db_path.parent
    if keys_path is not None and keys_path.parent != folder:
        raise ValueError("the key file lives beside the database")
    finish_restore(folder)
    content = decrypt_backup(path, secret)
    staged_db = db_path.with_name(db_path.name + STAGED)
    staged_keys = keys_path.with_name(keys_path.name + STAGED) if keys_path else None
    try:
        write_synced(staged_db, content.image)
        _integrity(staged_db, path, content.db_key)
        if staged_keys is not None and content.db_key is not None:
            write_synced(staged_keys, content.key_file)
        kept = _keep_previous(db_path, keys_path, keep_dir)
        intent = {
            "clear": [db_path.name + "-journal"],
            "remove": [keys_path.name] if keys_path and content.db_key is None else [],
        }
        write_synced(folder / (RESTORE_MARKER + ".part"), json.dumps(intent).encode("utf-8"))
    except BaseException:
        staged_db.unlink(missing_ok=True)
        if staged_keys is not None:
            staged_keys.unlink(missing_ok=True)
        raise
    # The point of no return: from here on the staged pair is moved in, now
    # or, after a crash, when the folder is next opened.
    os.replace(folder / (RESTORE_MARKER + ".part"), folder / RESTORE_MARKER)
    fsync_dir(folder)
    finish_restore(folder)
    return kept


def _keep_previous(db_path: Path, keys_path: Path | None, keep_dir: Path) -> Path | None:
    """Copies of the live database (with a journal a crash left) and key file."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept: Path | None = None
    if db_path.exists():
        keep_dir.mkdir(parents=True, exist_ok=True)
        kept = keep_dir / f"before-restore-{stamp}.sqlite"
        shutil.copy2(db_path, kept)
        # A journal left by a crash belongs to the old file: it goes with the
        # copy, and is cleared from the live folder only with the swap.
        journal = db_path.with_name(db_path.name + "-journal")
        if journal.exists():
            shutil.copy2(journal, kept.with_name(kept.name + "-journal"))
    if keys_path is not None and keys_path.exists():
        keep_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(keys_path, keep_dir / f"before-restore-{stamp}{KEY_FILE_COPY_SUFFIX}")
    return kept


def finish_restore(folder: Path) -> bool:
    """Complete a restore whose marker is in ``folder``, or drop one cut before it.

    Run before anything else opens the folder.  With the marker, every staged
    file (``NAME.restoring``, complete before the marker was written) is
    renamed to ``NAME``; without, staged files are leftovers and go.  Each step
    can run again, so a crash during this one is finished the next time.
    Returns whether a restore was completed.
    """
    marker = folder / RESTORE_MARKER
    staged = sorted(folder.glob("*" + STAGED))
    try:
        intent = json.loads(marker.read_text("utf-8"))
    except FileNotFoundError:
        for path in staged:
            path.unlink()
        (folder / (RESTORE_MARKER + ".part")).unlink(missing_ok=True)
        return False
    except (OSError, ValueError):
        # Written whole and renamed into place, so only a damaged disk makes a
        # marker unreadable: the staged files are still right to move in.
        intent = {}
    for name in intent.get("clear", []):
        (folder / name).unlink(missing_ok=True)
    for path in staged:
        os.replace(path, path.with_name(path.name[: -len(STAGED)]))
    for name in intent.get("remove", []):
        (folder / name).unlink(missing_ok=True)
    fsync_dir(folder)
    marker.unlink()
    fsync_dir(folder)
    return True


def newest_good_backup(folder: Path) -> Path | None:
    """The newest backup in ``folder`` whose file is whole (encrypted or a plain copy)."""
    if not folder.is_dir():
        return None
    candidates = sorted(
        (p for p in folder.rglob("*") if p.suffix in (SUFFIX, ".sqlite") and p.is_file()),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for candidate in candidates:
        if candidate.suffix == SUFFIX:
            try:
                read_header(candidate)
            except BackupError:
                continue
            return candidate
        try:
            con = sqlite3.connect(f"file:{candidate}?mode=ro", uri=True)
            try:
                ok = con.execute("PRAGMA quick_check").fetchone()
            finally:
                con.close()
        except sqlite3.DatabaseError:
            continue
        if ok and ok[0] == "ok":
            return candidate
    return None


def rotate(folder: Path, keep: int, prefix: str = "tirkeu-") -> list[Path]:
    """Remove the oldest of Tirkeu's backups in ``folder`` beyond ``keep``."""
    ours = sorted(folder.glob(f"{prefix}*{SUFFIX}"), key=lambda p: p.name, reverse=True)
    removed = ours[max(keep, 1) :]
    for old in removed:
        old.unlink()
    return removed
