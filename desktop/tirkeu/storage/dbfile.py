"""The database file itself, without SQLAlchemy or Alembic.

What the sign-in window and the crash-recovery steps need (the file's name,
whether it is still plain SQLite, a keyed DB-API connection, copies) is kept
here, so starting the application does not wait for the ORM to load:
:mod:`tirkeu.storage.db` builds the engine on top of it after sign-in.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

from tirkeu.storage.durable import StorageFileError

DB_FILE = "tirkeu.sqlite"
PLAIN_HEADER = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseError(StorageFileError):
    """The database cannot be opened; ``code`` lets the caller pick a message."""


def is_plain(path: Path) -> bool:
    """Whether ``path`` is an unencrypted SQLite file (SQLCipher's first page is random)."""
    try:
        with path.open("rb") as fh:
            return fh.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except OSError:
        return False


def _key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: Path | str, key: bytes | None, *, uri: bool = False) -> Any:
    """A DB-API connection; with ``key`` the SQLCipher key is its first statement."""
    if key is None:
        return sqlite3.connect(path, uri=uri)
    from sqlcipher3 import dbapi2 as sqlcipher  # loaded at sign-in, not before the window

    # The pool may hand a connection to a worker thread (a long report built off
    # the GUI thread); SQLCipher is built THREADSAFE=1, as SQLAlchemy assumes for files.
    con = sqlcipher.connect(str(path), uri=uri, check_same_thread=False)
    con.execute("PRAGMA cipher_log_level = NONE")
    con.execute(_key_pragma(key))
    return con


def copy_database(path: Path, target: Path, key: bytes | None = None) -> None:
    """A consistent copy through SQLite's backup API (safe while open).

    An encrypted database is copied encrypted under the same key.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".part")
    src = connect(path, key)
    dst = connect(tmp, key)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    shutil.move(tmp, target)


def encrypt_copy(plain: Path, target: Path, key: bytes) -> None:
    """Write an encrypted copy of the plain database ``plain`` to ``target``."""
    from sqlcipher3 import dbapi2 as sqlcipher

    target.unlink(missing_ok=True)
    con = sqlcipher.connect(str(plain))
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        con.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{key.hex()}'\"", (str(target),))
        con.execute("SELECT sqlcipher_export('enc')")
        con.execute("DETACH DATABASE enc")
    finally:
        con.close()


def known_revisions() -> list[str]:
    """The schema revisions this version can open, oldest first.

    Read from the migration files' names (``0004_….py`` is revision ``0004``;
    a test holds the names to the revisions inside), so a database already at
    the newest revision opens without loading Alembic.
    """
    versions = MIGRATIONS / "versions"
    return sorted(p.name.split("_", 1)[0] for p in versions.glob("[0-9][0-9][0-9][0-9]_*.py"))


def head_revision() -> str:
    return known_revisions()[-1]
