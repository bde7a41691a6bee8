"""Encrypting a plain office database from before issue 7, carefully.

The encrypted copy is written beside the plain file and checked (integrity and
the row count of every table) before anything is swapped.  The plain file is
then renamed aside, the encrypted one renamed into its place, and the plain
copy is removed only once the encrypted database has opened with its key.  A
crash at any step leaves one whole database that opens: :func:`finish_interrupted`
puts the plain copy back if the swap was cut in the middle.

Copies made while the database was plain (before a migration, before a
restore) would still give away every record; :func:`secure_copies` encrypts
or removes them each time the encrypted database opens.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tirkeu.storage.dbfile import DB_FILE, DatabaseError, connect, encrypt_copy, is_plain
from tirkeu.storage.durable import fsync_dir

# The temporary folders a restore of an older Tirkeu decrypted backups into.
RESTORE_TEMP = "tirkeu-restore-"

WORK_SUFFIX = ".encrypting"
KEPT_SUFFIX = ".plain"


def work_path(data_dir: Path) -> Path:
    return data_dir / (DB_FILE + WORK_SUFFIX)


def kept_path(data_dir: Path) -> Path:
    return data_dir / (DB_FILE + KEPT_SUFFIX)


def finish_interrupted(data_dir: Path) -> None:
    """Undo a swap cut in the middle; drop an unfinished encrypted copy."""
    db, kept = data_dir / DB_FILE, kept_path(data_dir)
    if kept.exists() and not db.exists():
        os.replace(kept, db)
        fsync_dir(data_dir)
    work_path(data_dir).unlink(missing_ok=True)


def secure_copies(data_dir: Path, key: bytes) -> list[Path]:
    """Leave no plain copy of the database in the data folder; returns what was removed.

    Called each time the encrypted database has opened with ``key``, so a copy
    missed by a crash is dealt with at the next sign-in.  Whole plain copies in
    ``backups/`` (before a migration, before a restore) are ENCRYPTED in place
    under ``key``: they stay what they were for, a file to put back by hand
    beside the current key file.  Everything else plain is REMOVED: the copy
    kept during the encryption, copies or staged restores cut short, their
    journals, a copy that cannot be read.  Deleting is all that can be done
    for the old blocks: overwriting them is pointless on an SSD.
    """
    removed: list[Path] = []
    live = {DB_FILE, DB_FILE + "-journal"}
    backups = data_dir / "backups"
    for path in sorted(backups.rglob("*.sqlite")) if backups.is_dir() else []:
        if path.is_file() and is_plain(path) and not _encrypt_copy(path, key):
            removed.append(path)
            path.unlink()
    candidates = [p for p in data_dir.glob(DB_FILE + "*") if p.name not in live]
    candidates += list(backups.rglob("*")) if backups.is_dir() else []
    for path in candidates:
        if path.is_file() and (is_plain(path) or _orphan_journal(path)):
            removed.append(path)
            path.unlink()
    for folder in data_dir.glob(RESTORE_TEMP + "*"):
        if folder.is_dir():
            removed.append(folder)
            shutil.rmtree(folder, ignore_errors=True)
    if removed:
        fsync_dir(data_dir)
    return removed


def _orphan_journal(path: Path) -> bool:
    """A journal whose database is plain or gone: only plain pages can be in it."""
    if not path.name.endswith("-journal"):
        return False
    owner = path.with_name(path.name[: -len("-journal")])
    return not owner.exists() or is_plain(owner)


def _encrypt_copy(path: Path, key: bytes) -> bool:
    """Replace the plain copy ``path`` by an encrypted, checked one; ``False`` if it
    cannot be read (it is then removed by the caller).

    Opening the plain copy first plays back a journal left beside it, so the
    encrypted copy is the consistent one.
    """
    from sqlcipher3 import dbapi2 as sqlcipher  # after sign-in: not on the way to the window

    work = path.with_name(path.name + WORK_SUFFIX)
    try:
        encrypt_copy(path, work, key)
        with work.open("rb+") as fh:
            os.fsync(fh.fileno())
        _check(path, work, key)
    except (DatabaseError, sqlite3.DatabaseError, sqlcipher.DatabaseError, OSError):
        work.unlink(missing_ok=True)
        return False
    os.replace(work, path)
    path.with_name(path.name + "-journal").unlink(missing_ok=True)
    fsync_dir(path.parent)
    return True


def _counts(con: Any) -> dict[str, int]:
    cur = con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    tables = sorted(row[0] for row in cur.fetchall())
    return {t: int(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}


def _check(plain: Path, encrypted: Path, key: bytes) -> None:
    src = connect(plain, None)
    dst = connect(encrypted, key)
    try:
        ok = dst.execute("PRAGMA integrity_check").fetchone()
        if ok is None or ok[0] != "ok":
            raise DatabaseError("corrupt", encrypted, str(ok[0] if ok else ""))
        if _counts(src) != _counts(dst):
            raise DatabaseError("corrupt", encrypted, "row counts differ")
    finally:
        dst.close()
        src.close()


def encrypt_in_place(data_dir: Path, key: bytes, before_swap: Callable[[], None]) -> None:
    """Replace the plain database by an encrypted, checked copy under ``key``.

    ``before_swap`` runs once the copy is checked and before the swap (the
    caller writes the key file there).  The plain copy stays beside the new
    file until :func:`secure_copies`.
    """
    db, work, kept = data_dir / DB_FILE, work_path(data_dir), kept_path(data_dir)
    try:
        encrypt_copy(db, work, key)
        with work.open("rb+") as fh:
            os.fsync(fh.fileno())
        _check(db, work, key)
        before_swap()
    except BaseException:
        work.unlink(missing_ok=True)
        raise
    os.replace(db, kept)
    os.replace(work, db)
    fsync_dir(data_dir)
