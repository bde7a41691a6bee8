"""Opening the database: migrations, PRAGMAs, damaged and newer files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from tirkeu.storage.db import DB_FILE, DatabaseError, head_revision, open_database
from tirkeu.storage.models import Base


# Migration 0006's expression index cannot be reflected; it is not in the models.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_models_and_migrations_do_not_differ(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.close()
    assert diff == []


def test_every_connection_has_the_safety_pragmas(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "delete"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    db.close()


def test_a_damaged_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / DB_FILE
    garbage = b"SQLite format 3\x00" + b"\xde\xad" * 3000
    path.write_bytes(garbage)
    with pytest.raises(DatabaseError) as info:
        open_database(tmp_path)
    assert info.value.code == "corrupt"
    assert path.read_bytes() == garbage


def test_a_newer_schema_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    open_database(tmp_path).close()
    path = tmp_path / DB_FILE
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as info:
        open_database(tmp_path)
    assert info.value.code == "newer"
    assert path.read_bytes() == before


def test_an_older_schema_is_copied_before_it_is_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tirkeu.storage import db as dbmod

    open_database(tmp_path).close()
    current = head_revision()
    # A release whose head is one revision further: the file must be copied
    # before the upgrade touches it.
    upgrades: list[str] = []
    monkeypatch.setattr(dbmod, "head_revision", lambda: "next-release")
    from alembic import command

    monkeypatch.setattr(command, "upgrade", lambda cfg, rev: upgrades.append(rev))
    open_database(tmp_path).close()
    copies = list((tmp_path / "backups").glob(f"pre-migration-{current}-*.sqlite"))
    assert upgrades == ["head"]
    assert len(copies) == 1
    con = sqlite3.connect(copies[0])
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (current,)
    con.close()


def _damage_keeping_mtime(path: Path) -> None:
    """Overwrite the second page in place, keeping size and modification time."""
    import os

    st = path.stat()
    with path.open("r+b") as fh:
        fh.seek(4096)
        fh.write(b"\x07" * 2000)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_the_full_check_comes_back_after_a_week(tmp_path: Path) -> None:
    import datetime as dt
    import json

    from tirkeu.services.demo import OFFICE
    from tirkeu.services.workspace import Workspace

    with Workspace.open(tmp_path) as ws:  # some pages to damage
        ws.set_up(OFFICE, "admin", "Админ", "secret1")
    marker = tmp_path / f"{DB_FILE}.checked"
    assert json.loads(marker.read_text("utf-8"))["checked_on"] == dt.date.today().isoformat()
    _damage_keeping_mtime(tmp_path / DB_FILE)
    stale = json.loads(marker.read_text("utf-8"))
    stale["checked_on"] = (dt.date.today() - dt.timedelta(days=8)).isoformat()
    marker.write_text(json.dumps(stale), "utf-8")
    with pytest.raises(DatabaseError) as info:
        open_database(tmp_path)
    assert info.value.code == "corrupt"


def test_a_file_changed_after_the_last_clean_close_is_fully_checked(tmp_path: Path) -> None:
    from tirkeu.services.demo import OFFICE
    from tirkeu.services.workspace import Workspace

    with Workspace.open(tmp_path) as ws:
        ws.set_up(OFFICE, "admin", "Админ", "secret1")
    db = tmp_path / DB_FILE
    raw = bytearray(db.read_bytes())
    raw[4096 : 4096 + 2000] = b"\x07" * 2000
    db.write_bytes(bytes(raw))
    with pytest.raises(DatabaseError):
        open_database(tmp_path)
    assert not (tmp_path / f"{DB_FILE}.checked").exists()
