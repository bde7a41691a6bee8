"""Every example application under data/valid passes the rules without an error."""

from __future__ import annotations

import pytest

from tests.domain.conftest import DATA, errors, example, run, warnings
from tirkeu.domain.application import (
    Application,
    FoundChild,
    Marriage,
    MarriageEnd,
    MultipleBirth,
    Scenario,
    Surrogacy,
    from_dict,
    to_dict,
)

EXAMPLES = sorted(p.stem for p in (DATA / "valid").glob("*.json"))

# The notices a careful registrar should still see on otherwise valid applications.
EXPECTED_WARNINGS = {
    "court_decision": {"p5.late"},
    "mother_without_documents": {"p12.recorded_from_words"},
    "stillborn": {"p40.spravka_not_certificate"},
    "train": {"p20.place_is_registration_unit"},
    "unmarried_no_father": {"p26.no_father_at_wish"},
}


def test_one_example_per_scenario_and_basis() -> None:
    apps = [example(name) for name in EXAMPLES]
    assert {a.scenario.value for a in apps} == {
        "married",
        "unmarried",
        "stillborn",
        "found",
        "surrogacy",
    }
    assert {a.father_basis.value for a in apps} == {
        "marriage",
        "joint_paternity",
        "mother_statement",
        "acknowledgment",
        "former_spouse",
        "none",
    }


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_has_no_errors(name: str) -> None:
    app = example(name)
    assert errors(app) == set()
    assert warnings(app) == EXPECTED_WARNINGS.get(name, set())


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_round_trips(name: str) -> None:
    app = example(name)
    assert from_dict(to_dict(app)) == app


def test_blank_draft_gives_findings_not_exceptions() -> None:
    """The wizard checks half-filled drafts: every rule copes with missing values."""
    for scenario in Scenario:
        app = Application(scenario=scenario)
        app.marriage = Marriage(ended=MarriageEnd())
        app.found_child = FoundChild()
        app.surrogacy = Surrogacy()
        app.child.multiple_birth = MultipleBirth(0, 0)
        assert any(f.is_error for f in run(app))
