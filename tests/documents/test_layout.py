"""Blank layouts are data: the shipped edition is complete, broken files are refused."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tirkeu.documents import DEFAULT_EDITION, Blank, LayoutError, load_layout
from tirkeu.documents import layout as layout_module
from tirkeu.documents.certificate import certificate_fields

from .conftest import OFFICE, make_record

FIELD = {"x": 10, "y": 10, "w": 50, "h": 6}


def test_shipped_edition_places_every_certificate_field() -> None:
    fields = certificate_fields(
        make_record(), OFFICE, "kk", dt.date(2023, 6, 29), Blank("I", "1"), repeat=True
    )
    layout = load_layout(DEFAULT_EDITION)
    assert set(fields) | {"qr"} == set(layout.fields)
    assert (layout.width, layout.height) == (148, 210)


def _write(tmp_path: Path, edition: str, fields: dict[str, object]) -> None:
    body = {
        "edition": edition,
        "page": {"width": 148, "height": 210},
        "emblem": {"x": 74, "y": 25, "r": 10},
        "fields": fields,
    }
    (tmp_path / "layouts").mkdir(exist_ok=True)
    (tmp_path / "layouts" / f"{edition}.json").write_text(json.dumps(body), "utf-8")


@pytest.fixture
def layouts_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(layout_module, "resource", lambda *parts: tmp_path.joinpath(*parts))
    load_layout.cache_clear()
    yield tmp_path
    load_layout.cache_clear()


def test_field_off_the_blank_is_refused(layouts_in: Path) -> None:
    _write(layouts_in, "wide", {"iin": {**FIELD, "x": 120}})
    with pytest.raises(LayoutError, match="off the blank"):
        load_layout("wide")


def test_missing_or_malformed_layout_is_refused(layouts_in: Path) -> None:
    with pytest.raises(LayoutError):
        load_layout("absent")
    _write(layouts_in, "broken", {"iin": {"x": 1}})
    with pytest.raises(LayoutError):
        load_layout("broken")
