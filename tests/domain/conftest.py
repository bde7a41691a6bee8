"""Shared helpers: the example applications and a fixed day of checking."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from tirkeu.domain.application import Application
from tirkeu.domain.findings import Finding
from tirkeu.domain.rules import check
from tirkeu.domain.schema import load_application_file
from tirkeu.domain.workdays import default_calendar

DATA = Path(__file__).parent / "data"
TODAY = dt.date(2026, 11, 21)


def example(name: str) -> Application:
    """A fresh copy of the valid example ``data/valid/<name>.json``."""
    return load_application_file(DATA / "valid" / f"{name}.json")


def run(app: Application, today: dt.date = TODAY) -> list[Finding]:
    """The findings; each is rendered in every language, so a missing parameter fails."""
    findings = check(app, today, default_calendar())
    for finding in findings:
        for lang in ("kk", "ru", "en"):
            assert finding.message(lang)
    return findings


def rules(app: Application, today: dt.date = TODAY) -> set[str]:
    return {f.rule for f in run(app, today)}


def errors(app: Application, today: dt.date = TODAY) -> set[str]:
    return {f.rule for f in run(app, today) if f.is_error}


def warnings(app: Application, today: dt.date = TODAY) -> set[str]:
    return {f.rule for f in run(app, today) if not f.is_error}


def finding(app: Application, rule: str) -> Finding:
    return next(f for f in run(app) if f.rule == rule)


@pytest.fixture
def make() -> Callable[[str], Application]:
    return example
