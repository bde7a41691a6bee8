"""The journal's name search: Kazakh alphabetical order, prefix search in both languages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, text

from tirkeu.domain.application import Scenario
from tirkeu.domain.names import normalize_for_search
from tirkeu.domain.record import ActRecord
from tirkeu.services.demo import sample_application
from tirkeu.storage.db import Database, alembic_config, open_database
from tirkeu.storage.models import ActRecordRow
from tirkeu.storage.records import JournalQuery, RecordRepository, same_name, search_key

DAY = dt.date(2024, 3, 1)

# One surname per starting letter, listed in the order of the Kazakh alphabet
# (а ә б … к қ … н ң о ө … у ұ ү … и … ы і …); folded, each pair would be equal.
KAZAKH_ORDER = [
    "Абаев", "Әбенов", "Бекұлы", "Ғабитов", "Иманов", "Кенжеев", "Қасымов", "Нұров",
    "Ңаев", "Омаров", "Өмірзақов", "Уәлиев", "Ұлықбеков", "Үсенов", "Ыбыраев", "Ізбасаров",
]  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path)
    yield database
    database.close()


def _add(db: Database, *surnames: str) -> dict[str, int]:
    """Records of children with these surnames (given name Айдос); their ids by surname."""
    ids = {}
    with db.session() as s:
        repo = RecordRepository(s)
        for seed, surname in enumerate(surnames, start=1):
            app = sample_application(Scenario.MARRIED, DAY, DAY, seed=seed)
            app.child.surname, app.child.given_name, app.child.patronymic = surname, "Айдос", None
            ids[surname] = repo.add(ActRecord(id=None, application=app)).id or 0
    return ids


def _found(db: Database, query: str) -> list[str]:
    with db.session() as s:
        rows = RecordRepository(s).journal(JournalQuery(text=query))
    return [row.child.removesuffix(" Айдос") for row in rows]


def test_every_letter_pair_is_listed_in_kazakh_order(db: Database) -> None:
    _add(db, *sorted(KAZAKH_ORDER, key=lambda name: name[::-1]))
    assert _found(db, "а") == ["Абаев", "Әбенов"]
    assert _found(db, "б") == ["Бекұлы"]
    assert _found(db, "ғ") == ["Ғабитов"]
    assert _found(db, "к") == ["Кенжеев", "Қасымов"]
    assert _found(db, "н") == ["Нұров", "Ңаев"]
    assert _found(db, "о") == ["Омаров", "Өмірзақов"]
    assert _found(db, "у") == ["Уәлиев", "Ұлықбеков", "Үсенов"]
    # І folds to И for the search, yet comes after Ы in the alphabet.
    assert _found(db, "и") == ["Иманов", "Ізбасаров"]
    assert _found(db, "ы") == ["Ыбыраев"]
    found = [name for letter in "абгикноуы" for name in _found(db, letter)]
    assert sorted(found, key=KAZAKH_ORDER.index) == KAZAKH_ORDER


def test_a_search_lists_every_name_it_finds_in_kazakh_order(db: Database) -> None:
    """Names sharing a prefix once folded: one search, so one ordered list to check."""
    names = ["Ахметов", "Әбенов", "Абаев", "Ақанов", "Аканов", "Әкімов", "Ағаев", "Агаев"]
    _add(db, *names)
    assert _found(db, "а") == ["Абаев", "Агаев", "Ағаев", "Аканов", "Ақанов", "Ахметов", "Әбенов",
                               "Әкімов"]  # fmt: skip


def test_prefix_search_ignores_case_in_both_languages(db: Database) -> None:
    _add(db, "Әлихан", "ӘЛИ", "Алиев", "Иванов", "ИВАНОВА", "Асанов")
    assert _found(db, "әл") == ["Алиев", "ӘЛИ", "Әлихан"]
    assert _found(db, "ӘЛ") == _found(db, "әл")
    assert _found(db, "ив") == ["Иванов", "ИВАНОВА"]
    assert _found(db, "ИВАН") == ["Иванов", "ИВАНОВА"]
    assert _found(db, "Асанов Айдос") == ["Асанов"]
    assert _found(db, "асанов айдос ж") == []


def test_russian_names_keep_the_russian_order(db: Database) -> None:
    russian = ["Алексеев", "Борисов", "Ёлкин", "Жуков", "Зайцев", "Ильин", "Йодкин", "Козлов",
               "Щукин", "Эминов", "Юрьев", "Яковлев"]  # fmt: skip
    _add(db, *reversed(russian))
    found = [_found(db, name[:1]) for name in russian]
    assert [names[0] for names in found] == russian


def test_a_kazakh_letter_typed_as_russian_still_finds_the_name(db: Database) -> None:
    _add(db, "Серіков", "Сериков")
    assert _found(db, "Серик") == ["Сериков", "Серіков"]
    assert _found(db, "Серік") == ["Сериков", "Серіков"]


def test_same_name_matches_either_spelling(db: Database) -> None:
    ids = _add(db, "Серіков", "Сериков", "Серикова")
    with db.session() as s:
        found = s.scalars(select(ActRecordRow.id).where(same_name("СЕРИКОВ Айдос"))).all()
    assert sorted(found) == sorted([ids["Серіков"], ids["Сериков"]])


def test_migration_0005_recomputes_every_key_and_back(db: Database) -> None:
    _add(db, "Әбенов", "Серіков-Ғали", "Иванов")
    expected = {"Әбенов Айдос", "Серіков-Ғали Айдос", "Иванов Айдос"}
    config = alembic_config(db.engine)

    def keys() -> set[str]:
        with db.engine.connect() as conn:
            return set(conn.execute(text("SELECT search_name FROM act_records")).scalars())

    command.downgrade(config, "0004")
    assert keys() == {normalize_for_search(name) for name in expected}
    command.upgrade(config, "0005")
    assert keys() == {search_key(name) for name in expected}
    with db.engine.connect() as conn:
        plan = " ".join(
            str(row[-1])
            for row in conn.execute(
                text("EXPLAIN QUERY PLAN SELECT id FROM act_records WHERE search_name >= 'а'")
            )
        )
    assert "ix_act_records_search_name" in plan


def test_a_dense_search_walks_the_kazakh_index_and_keeps_the_order(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past SORT_AT_MOST matches the page comes from the Kazakh-order index: same order."""
    from tirkeu.storage import records as records_module

    _add(db, "Ахметов", "Әбенов", "Абаев", "Ақанов", "Аканов", "Әкімов", "Ағаев", "Агаев")
    with db.session() as s:
        repo = RecordRepository(s)
        sorted_page = [r.child for r in repo.journal(JournalQuery(text="а"), 0, 50)]
    monkeypatch.setattr(records_module, "SORT_AT_MOST", 1)
    with db.session() as s:
        repo = RecordRepository(s)
        assert repo._dense(JournalQuery(text="а"))
        walked = [r.child for r in repo.journal(JournalQuery(text="а"), 0, 50)]
        plan = " ".join(
            str(row[-1])
            for row in s.connection().exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT id FROM act_records INDEXED BY "
                "ix_act_records_kazakh_order WHERE search_name >= 'а' AND search_name < 'б' "
                f"ORDER BY {records_module.KAZAKH_ORDER}, search_name, child_birth_date, id LIMIT 5"
            )
        )
    assert walked == sorted_page and len(walked) > 1
    assert "TEMP B-TREE" not in plan, plan
