"""Half of a big bundle checked by a helper process: the same answers as all checked here.

The helper runs the real rules engine, so these tests do too (the folder's
other tests leave it out for their minimal records).
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from tirkeu.domain.record import ActRecord
from tirkeu.sync.district import parallel
from tirkeu.sync.district.intake import import_bytes
from tirkeu.sync.district.registry import District, open_district
from tirkeu.sync.payload import record_to_payload

from .conftest import PASSWORD
from .helpers import World, make_record, records_bundle

FUTURE = dt.date.today() + dt.timedelta(days=30)


def _records() -> list[ActRecord]:
    unnumbered = make_record(5)
    unnumbered.number = None
    return [
        make_record(1, number=1),
        make_record(2, number=2),  # the same child and mother: a possible duplicate
        make_record(3, number=3, given_name="Әли", mother="Гүлнар", iin="250301650016"),
        make_record(4, number=4, given_name="Нұр", born=FUTURE),  # the rules reject it
        unnumbered,
        make_record(6, number=6, given_name="Дана", mother="Сәуле", iin="250301650016"),
        make_record(7, number=7, given_name="Ерлан", mother="Айгүл"),
    ]


@pytest.fixture(autouse=True)
def no_rules_engine() -> None:
    """The real rules here, in this process as in the helper."""


@pytest.fixture
def helper(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(parallel, "MIN_SPLIT", 2)
    parallel.start_helper()
    assert parallel._helper is not None
    yield
    parallel.stop_helper()


def _items() -> list[dict[str, Any]]:
    return [orjson.loads(orjson.dumps(record_to_payload(r))) for r in _records()]


def test_the_helpers_half_is_checked_alike(helper: None) -> None:
    items = _items()
    serial = [parallel.check_item(item, dt.date.today()) for item in items]
    split = parallel.check_items(items, dt.date.today())
    assert split == serial
    assert any(c.reasons for c in split[len(items) // 2 :])  # the helper's half has refusals


def test_an_import_with_the_helper_answers_as_without(
    world: World, district: District, helper: None, tmp_path: Path
) -> None:
    district.engine.dispose()
    shutil.copytree(tmp_path / "district", tmp_path / "alone")  # before any import
    alone = open_district(tmp_path / "alone", PASSWORD)
    data = records_bundle(world, "A01", 1, _records())
    with_helper = import_bytes(district, data, "a.tkb").results
    parallel.stop_helper()
    assert import_bytes(alone, data, "a.tkb").results == with_helper
    alone.engine.dispose()
    # The minimal sample records fail the real rules: every answer carries their reasons.
    assert all(r.outcome.value == "rejected" and r.reasons for r in with_helper)


def test_a_dead_helper_leaves_its_half_to_be_checked_here(helper: None) -> None:
    assert parallel._helper is not None
    for process in list(parallel._helper._processes.values()):
        process.kill()
        process.join()
    items = _items()
    split = parallel.check_items(items, dt.date.today())
    assert split == [parallel.check_item(item, dt.date.today()) for item in items]
