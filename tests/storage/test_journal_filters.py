"""The journal's combined filters: the right rows, in order, counted, along their own index.

A name, an IIN or a record number is searched together with a status and a
range of birth dates; each combination walks an index of its own (migration
0007), and each way of reading (a sorted page, a walk of the Kazakh-order
index, a page found by the dates) must list the same rows as plain Python does.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import event, text

from tirkeu.domain.application import Scenario
from tirkeu.domain.record import ActRecord, RecordStatus
from tirkeu.services.demo import sample_application
from tirkeu.storage import records as records_module
from tirkeu.storage.db import Database, alembic_config, open_database
from tirkeu.storage.records import (
    KEY_SEPARATOR,
    JournalQuery,
    RecordRepository,
    name_prefix,
    search_key,
)

DAY = dt.date(2024, 3, 1)
# Surnames that share their first letters once folded, in Kazakh and Russian.
SURNAMES = ["Иванов", "Ибраев", "Ізбасаров", "Иванова", "Асанов", "Әлиев", "Алиев", "Ақанов"]
STATUSES = [RecordStatus.DRAFT, RecordStatus.CERTIFICATE_ISSUED, RecordStatus.REFUSED]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path)
    yield database
    database.close()


def _fill(db: Database) -> list[dict[str, Any]]:
    """48 records: each surname with each status, twice, on dates a week apart."""
    made = []
    with db.session() as s:
        repo = RecordRepository(s)
        combos = itertools.product(SURNAMES, STATUSES, range(2))
        for seed, (surname, status, _twin) in enumerate(combos, start=1):
            born = DAY - dt.timedelta(days=7 * (seed % 9))
            app = sample_application(Scenario.MARRIED, born, DAY, seed=seed)
            app.child.surname, app.child.given_name, app.child.patronymic = surname, "Айдос", None
            app.child.iin = f"{240301000000 + seed:012d}"
            assert app.mother is not None
            app.mother.iin = f"{900101000000 + seed % 5:012d}"
            number = seed if status != RecordStatus.DRAFT else None
            record = ActRecord(
                id=None,
                application=app,
                status=status,
                number=number,
                record_date=DAY if number else None,
            )
            repo.add(record)
            made.append(
                {
                    "id": record.id,
                    "name": f"{surname} Айдос",
                    "status": status.value,
                    "born": born,
                    "iin": app.child.iin,
                    "mother_iin": app.mother.iin,
                    "number": number,
                }
            )
    return made


def _expected(made: list[dict[str, Any]], query: JournalQuery) -> list[int]:
    """The journal's rows for ``query``, found and ordered in plain Python."""
    text = query.text.strip()

    def keep(r: dict[str, Any]) -> bool:
        if text.isdigit() and len(text) == 12:
            found = text in (r["iin"], r["mother_iin"])
        elif text.isdigit():
            found = r["number"] == int(text)
        else:
            found = search_key(r["name"]).startswith(name_prefix(text))
        return (
            found
            and (query.status is None or r["status"] == query.status)
            and (query.date_from is None or r["born"] >= query.date_from)
            and (query.date_to is None or r["born"] <= query.date_to)
        )

    rows = [r for r in made if keep(r)]
    if text and not text.isdigit():
        rows.sort(key=_name_order)
    elif query.date_from or query.date_to:
        rows.sort(key=lambda r: (r["born"], r["id"]), reverse=True)
    else:
        rows.sort(key=lambda r: r["id"], reverse=True)
    return [r["id"] for r in rows]


def _name_order(r: dict[str, Any]) -> tuple[str, str, dt.date, int]:
    """Kazakh order, then the spelling, the birth date and the id."""
    key = search_key(r["name"])
    return key.split(KEY_SEPARATOR, 1)[1], key, r["born"], r["id"]


def _queries(made: list[dict[str, Any]]) -> Iterator[JournalQuery]:
    texts = ["", "и", "ИВАН", "ал", "әл", "ақ", made[5]["iin"], made[7]["mother_iin"], "6"]
    dates = [
        (None, None),
        (DAY - dt.timedelta(days=14), DAY),
        (DAY - dt.timedelta(days=21), None),
        (None, DAY - dt.timedelta(days=35)),
        (DAY - dt.timedelta(days=7), DAY - dt.timedelta(days=7)),
    ]
    statuses = [None, *[s.value for s in STATUSES], RecordStatus.CONFIRMED.value]
    for text_, status, (date_from, date_to) in itertools.product(texts, statuses, dates):
        yield JournalQuery(text=text_, status=status, date_from=date_from, date_to=date_to)


def _paged(repo: RecordRepository, query: JournalQuery, size: int) -> list[int]:
    """Every row of the journal, read a page of ``size`` at a time as the view does."""
    ids: list[int] = []
    while True:
        page = repo.journal(query, len(ids), size)
        ids.extend(row.id for row in page)
        if len(page) < size:
            return ids


# 3000: every name is sorted whole; 1: every name walks the Kazakh-order index
# (and dates narrow enough to sort take the date index); 6: some of each.
@pytest.mark.parametrize("sort_at_most", [3000, 1, 6])
def test_every_combination_lists_and_counts_the_right_rows_in_order(
    db: Database, monkeypatch: pytest.MonkeyPatch, sort_at_most: int
) -> None:
    made = _fill(db)
    monkeypatch.setattr(records_module, "SORT_AT_MOST", sort_at_most)
    with db.session() as s:
        repo = RecordRepository(s)
        for query in _queries(made):
            expected = _expected(made, query)
            assert _paged(repo, query, 5) == expected, query
            assert repo.count(query) == len(expected), query


def _plans(db: Database, query: JournalQuery) -> str:
    """The query plans of every statement the first page and the count run."""
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, sql: str, params: Any, *_rest: Any) -> None:
        statements.append((sql, params))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        with db.session() as s:
            repo = RecordRepository(s)
            repo.journal(query, 0, 200)
            repo.count(query)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    con = db.connect()
    try:
        return "\n".join(
            str(row[-1])
            for sql, params in statements
            for row in con.execute("EXPLAIN QUERY PLAN " + sql, params)
        )
    finally:
        con.close()


@pytest.mark.parametrize("sort_at_most", [3000, 1])
def test_a_name_with_a_status_walks_the_name_indexes_not_the_status_index(
    db: Database, monkeypatch: pytest.MonkeyPatch, sort_at_most: int
) -> None:
    """At a million records the status index alone read most of the table (seconds)."""
    _fill(db)
    monkeypatch.setattr(records_module, "SORT_AT_MOST", sort_at_most)
    plans = _plans(db, JournalQuery(text="ИВАН", status="certificate_issued"))
    assert "ix_act_records_status_search_name" in plans
    if sort_at_most == 1:
        assert "ix_act_records_status_kazakh_order" in plans
    assert "ix_act_records_status " not in plans and "ix_act_records_status_birth" not in plans


def test_an_iin_or_a_number_with_a_status_walks_its_own_index(db: Database) -> None:
    made = _fill(db)
    by_iin = _plans(db, JournalQuery(text=made[5]["iin"], status="certificate_issued"))
    assert "ix_act_records_child_iin" in by_iin and "ix_act_records_status" not in by_iin
    by_number = _plans(db, JournalQuery(text="6", status="refused", date_from=DAY))
    assert "ix_act_records_number" in by_number and "ix_act_records_status" not in by_number


def test_migration_0007_adds_the_filter_indexes_and_takes_them_back(db: Database) -> None:
    ours = {
        "ix_act_records_number",
        "ix_act_records_status_birth_date",
        "ix_act_records_status_search_name",
        "ix_act_records_status_kazakh_order",
    }

    def indexes() -> set[str]:
        with db.engine.connect() as conn:
            found = conn.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :t"),
                {"t": "act_records"},
            )
            return set(found.scalars())

    assert ours <= indexes()
    command.downgrade(alembic_config(db.engine), "0006")
    assert not ours & indexes()
    assert "ix_act_records_kazakh_order" in indexes()
    command.upgrade(alembic_config(db.engine), "0007")
    assert ours <= indexes()
