"""The birth: п. 7, 8, 11, 12, 14, 15, 16, 18, 20, 40."""

from __future__ import annotations

import datetime as dt

from tests.domain.conftest import errors, example, finding, rules, warnings
from tirkeu.domain.application import (
    ApplicantRole,
    Doc,
    EvidenceKind,
    MultipleBirth,
    PlaceKind,
    Scenario,
)

D = dt.date.fromisoformat


def test_p7_p40_stillborn_valid_with_spravka_notice() -> None:
    app = example("stillborn")
    assert errors(app) == set()
    f = finding(app, "p40.spravka_not_certificate")
    assert not f.is_error and f.paragraph == 40


def test_p7_stillborn_flag_and_scenario_agree() -> None:
    app = example("stillborn")
    app.child.alive = True
    assert "p7.alive_flag" in errors(app)
    app = example("married")
    app.child.alive = False
    assert "p7.scenario_stillborn" in errors(app)


def test_p7_stillborn_application_by_medical_organisation() -> None:
    app = example("stillborn")
    app.applicant.role = ApplicantRole.MOTHER
    assert "p7.applicant_medical" in errors(app)


def test_p7_stillborn_child_needs_no_given_name() -> None:
    app = example("stillborn")
    assert app.child.given_name == ""
    assert not any(r.startswith("name.") for r in rules(app))


def test_p8_twins_valid() -> None:
    assert errors(example("twins_1")) == set()
    assert errors(example("twins_2")) == set()


def test_p8_count_and_order_consistent() -> None:
    app = example("twins_1")
    app.child.multiple_birth = MultipleBirth(2, 3)
    f = finding(app, "p8.order")
    assert f.is_error and f.params == {"order": 3, "count": 2} and f.paragraph == 8
    app.child.multiple_birth = MultipleBirth(1, 1)
    assert "p8.count" in errors(app)
    app.child.multiple_birth = MultipleBirth(7, 1)
    assert "p8.count_unusual" in warnings(app)


def test_p12_mother_recorded_from_her_words() -> None:
    app = example("mother_without_documents")
    f = finding(app, "p12.recorded_from_words")
    assert f.field == "mother.identity" and not f.is_error
    assert "p31.mother_document_missing" not in rules(app)


def test_p12_needs_a_medical_certificate() -> None:
    app = example("mother_without_documents")
    assert app.birth_evidence is not None
    app.birth_evidence.kind = EvidenceKind.COURT_DECISION
    assert "p12.needs_medical_certificate" in errors(app)


def test_p11_home_birth_from_her_words_is_questioned() -> None:
    app = example("mother_without_documents")
    app.child.place_kind = PlaceKind.HOME
    assert "p11.outside_medical_organization" in warnings(app)


def test_p31_mother_without_document_and_not_from_words() -> None:
    app = example("married")
    assert app.mother is not None
    app.mother.document = None
    assert "p31.mother_document_missing" in errors(app)


def test_p14_court_decision_valid() -> None:
    assert errors(example("court_decision")) == set()


def test_p14_no_evidence_at_all() -> None:
    app = example("married")
    app.birth_evidence = None
    assert "p14.evidence_missing" in errors(app)


def test_p15_found_child_valid() -> None:
    assert errors(example("found")) == set()


def test_p15_found_child_applicant() -> None:
    app = example("found")
    app.applicant.role = ApplicantRole.INTERESTED_PERSON
    assert "p15.applicant_role" in errors(app)


def test_p15_finding_data_required() -> None:
    app = example("found")
    app.found_child = None
    assert "p15.found_child_missing" in errors(app)


def test_p15_order_of_finding_events() -> None:
    app = example("found")
    assert app.found_child is not None
    app.found_child.protocol.date = D("2026-09-02")
    app.found_child.medical_document.date = D("2026-09-01")
    assert {"p15.protocol_before_found", "p15.medical_before_found"} <= errors(app)
    app.found_child.found_on = D("2026-08-01")
    assert "date.found_before_birth" in errors(app)
    app.found_child.found_on = D("2027-01-01")
    assert "date.found_future" in errors(app)


def test_p15_found_data_under_another_scenario() -> None:
    app = example("married")
    app.found_child = example("found").found_child
    assert "p15.scenario_not_found" in warnings(app)


def test_p16_unknown_mother_two_witnesses() -> None:
    app = example("found_abandoned_unknown_mother")
    assert errors(app) == set()
    assert app.found_child is not None
    app.found_child.witnesses = ["Оспанова Гүлмира Нұрланқызы", " "]
    f = finding(app, "p16.two_witnesses")
    assert f.is_error and f.params["count"] == 1


def test_p18_one_year_or_older_needs_conclusion() -> None:
    app = example("late_registration")
    assert errors(app) == set()
    app.late_registration_conclusion = None
    f = finding(app, "p18.conclusion_required")
    assert f.is_error and f.field == "late_registration_conclusion" and f.params["age"] == 2


def test_p18_day_before_first_birthday_needs_none() -> None:
    app = example("married")
    app.child.birth_date = D("2025-10-15")
    assert app.birth_evidence is not None
    app.birth_evidence.date = D("2025-10-15")
    assert "p18.conclusion_required" not in rules(app)
    app.child.birth_date = D("2025-10-14")  # received 2026-10-14: one year exactly
    assert "p18.conclusion_required" in errors(app)


def test_p18_conclusion_for_a_baby_is_questioned() -> None:
    app = example("married")
    app.late_registration_conclusion = Doc("№ 1", D("2026-10-14"), "АХАЖ")
    assert "p18.conclusion_not_needed" in warnings(app)


def test_p20_travel_births_name_the_registration_unit() -> None:
    for kind in (PlaceKind.EXPEDITION, PlaceKind.VESSEL, PlaceKind.AIRCRAFT, PlaceKind.TRAIN):
        app = example("married")
        app.child.place_kind = kind
        f = finding(app, "p20.place_is_registration_unit")
        assert not f.is_error and f.paragraph == 20
        assert f.params["place"] == app.child.birth_place.text


def test_p29_birth_place_required() -> None:
    app = example("married")
    app.child.birth_place.text = " "
    assert "child.birth_place_missing" in errors(app)


def test_scenario_found_allows_no_mother_only_there() -> None:
    app = example("married")
    app.mother = None
    assert "mother.required" in errors(app)
    app = example("found")
    assert app.scenario is Scenario.FOUND and app.mother is None
    assert "mother.required" not in rules(app)
