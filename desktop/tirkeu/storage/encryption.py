"""Encrypting a plain office database from before issue 7, carefully.

The encrypted copy is written beside the plain file and checked (integrity and
the row count of every table) before anything is swapped.  The plain file is
then renamed aside, the encrypted one renamed into its place, and the plain
copy is removed only once the encrypted database has opened with its key.  A
crash at any step leaves one whole database that opens: :func:`finish_interrupted`
puts the plain copy back if the swap was cut in the middle.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tirkeu.storage.db import DB_FILE, DatabaseError, connect, encrypt_copy

WORK_SUFFIX = ".encrypting"
KEPT_SUFFIX = ".plain"


def work_path(data_dir: Path) -> Path:
    return data_dir / (DB_FILE + WORK_SUFFIX)


def kept_path(data_dir: Path) -> Path:
    return data_dir / (DB_FILE + KEPT_SUFFIX)


def _fsync_dir(path: Path) -> None:
    if os.name != "nt":
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def finish_interrupted(data_dir: Path) -> None:
    """Undo a swap cut in the middle; drop an unfinished encrypted copy."""
    db, kept = data_dir / DB_FILE, kept_path(data_dir)
    if kept.exists() and not db.exists():
        os.replace(kept, db)
        _fsync_dir(data_dir)
    work_path(data_dir).unlink(missing_ok=True)


def drop_kept_copy(data_dir: Path) -> None:
    """Called once the encrypted database has opened: the plain copy goes."""
    kept_path(data_dir).unlink(missing_ok=True)
    journal = kept_path(data_dir).with_name(kept_path(data_dir).name + "-journal")
    journal.unlink(missing_ok=True)


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
    file until :func:`drop_kept_copy`.
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
    _fsync_dir(data_dir)
