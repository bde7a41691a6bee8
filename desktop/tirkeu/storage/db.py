"""Opening the office database safely.

SQLite in rollback-journal mode with ``synchronous=FULL`` survives a power cut
(DESIGN.md: WAL is avoided).  Opening checks the file's integrity and its schema
version before anything is written; a migration runs only after a copy of the
file has been taken.

The database is encrypted with SQLCipher (issue 7) when a key is given: every
connection's first statement is ``PRAGMA key`` with the raw 256-bit key, so no
key derivation runs per connection.  Without a key the file is plain SQLite
(a database from before encryption, until it is encrypted).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlcipher3 import dbapi2 as sqlcipher

# Re-exported: the file-level helpers have always been found here too.
from tirkeu.storage.dbfile import DB_FILE as DB_FILE
from tirkeu.storage.dbfile import MIGRATIONS, copy_database
from tirkeu.storage.dbfile import DatabaseError as DatabaseError
from tirkeu.storage.dbfile import connect as connect
from tirkeu.storage.dbfile import head_revision as head_revision
from tirkeu.storage.dbfile import is_plain as is_plain
from tirkeu.storage.dbfile import known_revisions as known_revisions

if TYPE_CHECKING:
    from alembic.config import Config

CommitHook = Callable[[Session], Callable[[], None] | None]


def _set_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=DELETE")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


# What the standard encoder refuses (a dataclass, a datetime) orjson must refuse too.
_ORJSON_AS_JSON = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME


def json_text(value: Any) -> str:
    """A JSON column's text: compact UTF-8, not ``\\u`` escapes.

    Kazakh and Russian names escaped took three times their UTF-8 bytes in every
    stored application and in the bundles made from them; rows written escaped
    before still read the same.  What orjson cannot write (an integer beyond 64
    bits) goes through the standard encoder.
    """
    try:
        return orjson.dumps(value, option=_ORJSON_AS_JSON).decode("utf-8")
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def make_engine(path: Path, key: bytes | None = None) -> Engine:
    if key is None:
        engine = create_engine(f"sqlite:///{path}", json_serializer=json_text)
    else:
        engine = create_engine(
            f"sqlite+pysqlite:///{path}",
            module=sqlcipher,
            creator=lambda: connect(path, key),
            json_serializer=json_text,
        )
    event.listen(engine, "connect", _set_pragmas)
    return engine


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic's configuration; Alembic is loaded only when a migration runs."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


FULL_CHECK_EVERY = dt.timedelta(days=7)


def _marker(path: Path) -> Path:
    return path.with_name(path.name + ".checked")


def _state(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _check_file(path: Path, today: dt.date, key: bytes | None = None) -> None:
    """Refuse a file that is not a healthy SQLite database, before SQLAlchemy.

    Opened for writing (never creating): after a crash or power cut SQLite must
    roll back the hot journal to the last commit, which a read-only connection
    cannot do.  ``PRAGMA quick_check`` reads the whole file (seconds at a million
    records), so it is skipped only when the file is exactly as Tirkeu left it at
    its last clean close and was fully checked within a week; a crash, a change
    from outside or a week's wait brings the full check back.
    """
    marker = _marker(path)
    try:
        known = json.loads(marker.read_text("utf-8"))
        trusted = (
            known["state"] == _state(path)
            and today - dt.date.fromisoformat(known["checked_on"]) < FULL_CHECK_EVERY
        )
    except (OSError, ValueError, KeyError, TypeError):
        trusted = False
    marker.unlink(missing_ok=True)  # an unclean end leaves no trust behind
    try:
        con = connect(f"file:{path}?mode=rw", key, uri=True)
        try:
            check = "PRAGMA schema_version" if trusted else "PRAGMA quick_check"
            row = con.execute(check).fetchone()
        finally:
            con.close()
    except (sqlite3.DatabaseError, sqlcipher.DatabaseError) as exc:
        raise DatabaseError("corrupt", path, str(exc)) from None
    if not trusted and (row is None or row[0] != "ok"):
        raise DatabaseError("corrupt", path, str(row[0] if row else ""))
    if not trusted:
        _CHECKED[path] = today
    else:
        _CHECKED[path] = dt.date.fromisoformat(known["checked_on"])


# When each open database was last fully checked, for the marker written on close.
_CHECKED: dict[Path, dt.date] = {}


def _mark_clean(path: Path) -> None:
    """Remember the file as it is now, after a clean close, with its last full check."""
    checked = _CHECKED.pop(path, None)
    if checked is None or not path.exists():
        return
    marker = _marker(path)
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(json.dumps({"state": _state(path), "checked_on": checked.isoformat()}), "utf-8")
    tmp.replace(marker)


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    key: bytes | None = None
    commit_hook: CommitHook | None = None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed whole or not at all.

        ``commit_hook`` runs just before the commit and may return a step to run
        just after it (the key file's slots follow password changes that way).
        """
        after: Callable[[], None] | None = None
        with self.sessions() as session:
            with session.begin():
                yield session
                if self.commit_hook is not None:
                    session.flush()
                    after = self.commit_hook(session)
            if after is not None:
                after()

    def connect(self) -> Any:
        """A DB-API connection of its own (keyed), for checks and tests."""
        con = connect(self.path, self.key)
        _set_pragmas(con, None)
        return con

    def close(self) -> None:
        self.engine.dispose()
        _mark_clean(self.path)


def open_database(
    data_dir: Path, backups_dir: Path | None = None, key: bytes | None = None
) -> Database:
    """Open (creating or migrating as needed) the database in ``data_dir``.

    With ``key`` the file is (or becomes) encrypted under it; without, plain.
    """
    path = data_dir / DB_FILE
    exists = path.exists() and path.stat().st_size > 0
    if exists:
        _check_file(path, dt.date.today(), key)
    else:
        _CHECKED[path] = dt.date.today()  # a new, empty file is healthy
    engine = make_engine(path, key)
    current = _current_revision(engine)
    if current is not None and current not in known_revisions():
        engine.dispose()
        raise DatabaseError("newer", path, current)
    if current != head_revision():
        from alembic import command

        if exists and current is not None:
            _backup_before_migration(path, backups_dir or data_dir / "backups", current, key)
        command.upgrade(alembic_config(engine), "head")
    return Database(path, engine, sessionmaker(engine, expire_on_commit=False), key)


def _current_revision(engine: Engine) -> str | None:
    """The file's schema revision, read as Alembic keeps it (one row, or no table)."""
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        found = raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if found is None:
            return None
        row = raw.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None


def _backup_before_migration(path: Path, backups: Path, revision: str, key: bytes | None) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups / f"pre-migration-{revision}-{stamp}.sqlite"
    copy_database(path, target, key)
    return target
