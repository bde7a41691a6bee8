"""Opening the office database safely.

SQLite in rollback-journal mode with ``synchronous=FULL`` survives a power cut
(DESIGN.md: WAL is avoided).  Opening checks the file's integrity and its schema
version before anything is written; a migration runs only after a copy of the
file has been taken.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

DB_FILE = "tirkeu.sqlite"
MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseError(Exception):
    """The database cannot be opened; ``code`` lets the caller pick a message."""

    def __init__(self, code: str, path: Path, detail: str = "") -> None:
        super().__init__(f"{code}: {path} {detail}".strip())
        self.code = code
        self.path = path
        self.detail = detail


def _set_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=DELETE")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas)
    return engine


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every schema revision this version can open (older ones are migrated)."""
    return {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


FULL_CHECK_EVERY = dt.timedelta(days=7)


def _marker(path: Path) -> Path:
    return path.with_name(path.name + ".checked")


def _state(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _check_file(path: Path, today: dt.date) -> None:
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
        con = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
        try:
            check = "PRAGMA schema_version" if trusted else "PRAGMA quick_check"
            row = con.execute(check).fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
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

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed whole or not at all."""
        with self.sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
        _mark_clean(self.path)


def open_database(data_dir: Path, backups_dir: Path | None = None) -> Database:
    """Open (creating or migrating as needed) the database in ``data_dir``."""
    path = data_dir / DB_FILE
    exists = path.exists() and path.stat().st_size > 0
    if exists:
        _check_file(path, dt.date.today())
    else:
        _CHECKED[path] = dt.date.today()  # a new, empty file is healthy
    engine = make_engine(path)
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    script = ScriptDirectory.from_config(alembic_config())
    head = head_revision()
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        engine.dispose()
        raise DatabaseError("newer", path, current)
    if current != head:
        if exists and current is not None:
            _backup_before_migration(path, backups_dir or data_dir / "backups", current)
        command.upgrade(alembic_config(engine), "head")
    return Database(path, engine, sessionmaker(engine, expire_on_commit=False))


def _backup_before_migration(path: Path, backups: Path, revision: str) -> Path:
    backups.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups / f"pre-migration-{revision}-{stamp}.sqlite"
    src = sqlite3.connect(path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def copy_database(path: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (safe while open)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".part")
    src = sqlite3.connect(path)
    dst = sqlite3.connect(tmp)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    shutil.move(tmp, target)
