"""Terms: п. 5 (3 working days), п. 7 (1 working day), п. 15 (7 days), the service card."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.domain.conftest import example, finding, rules
from tirkeu.domain.rules import service_deadline
from tirkeu.domain.workdays import default_calendar

D = dt.date.fromisoformat


def test_p5_three_working_days_after_birth() -> None:
    app = example("married")  # born Monday 2026-10-12
    app.received_on = D("2026-10-15")  # third working day
    assert "p5.late" not in rules(app)
    app.received_on = D("2026-10-16")
    f = finding(app, "p5.late")
    assert not f.is_error and f.paragraph == 5 and f.params["deadline"] == "2026-10-15"


def test_p5_counts_working_days_over_nauryz() -> None:
    app = example("married")
    app.child.birth_date = D("2025-03-20")
    assert app.birth_evidence is not None
    app.birth_evidence.date = D("2025-03-20")
    app.received_on = D("2025-03-28")  # 26, 27, 28 are the three working days
    assert "p5.late" not in rules(app)


def test_p7_stillborn_one_working_day() -> None:
    app = example("stillborn")  # born Monday 2026-10-12
    assert "p7.late" not in rules(app)
    app.received_on = D("2026-10-14")
    assert not finding(app, "p7.late").is_error


def test_p15_found_child_seven_days() -> None:
    app = example("found")  # found 2026-09-03
    app.received_on = D("2026-09-10")
    assert "p15.late" not in rules(app)
    app.received_on = D("2026-09-11")
    assert finding(app, "p15.late").params["deadline"] == "2026-09-10"


def test_service_term_two_working_days() -> None:
    app = example("married")  # received Wednesday 2026-10-14, two days after the birth
    assert service_deadline(app, default_calendar()) == D("2026-10-16")


def test_service_term_seven_working_days_when_late() -> None:
    app = example("court_decision")  # received Monday 2026-10-26, 55 days after the birth
    assert service_deadline(app, default_calendar()) == D("2026-11-04")


def test_service_term_skips_holidays() -> None:
    app = example("married")
    app.child.birth_date = D("2025-03-19")
    app.received_on = D("2025-03-20")
    assert service_deadline(app) == D("2025-03-27")


def test_service_term_extra_check_thirty_calendar_days() -> None:
    app = example("married")
    assert service_deadline(app, extra_check=True) == D("2026-11-13")


def test_service_term_needs_dates() -> None:
    app = example("married")
    app.received_on = None
    with pytest.raises(ValueError):
        service_deadline(app)
