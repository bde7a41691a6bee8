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
    monkeypatch.setattr(dbmod.command, "upgrade", lambda cfg, rev: upgrades.append(rev))
    open_database(tmp_path).close()
    copies = list((tmp_path / "backups").glob(f"pre-migration-{current}-*.sqlite"))
    assert upgrades == ["head"]
    assert len(copies) == 1
    con = sqlite3.connect(copies[0])
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (current,)
    con.close()
