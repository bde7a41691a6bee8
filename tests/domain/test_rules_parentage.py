"""The father's data and their basis: п. 17, 21–26; surrogacy and ART: п. 22."""

from __future__ import annotations

import datetime as dt

from tests.domain.conftest import errors, example, finding, rules, warnings
from tirkeu.domain.application import (
    ApplicantRole,
    Doc,
    FatherBasis,
    Marriage,
    MarriageEnd,
    MarriageEndKind,
    Scenario,
)

D = dt.date.fromisoformat


def test_p21_married_needs_marriage_certificate() -> None:
    app = example("married")
    app.marriage = None
    assert "p21.marriage_missing" in errors(app)


def test_p21_married_parents_both_recorded() -> None:
    app = example("married")
    app.father, app.father_basis = None, FatherBasis.NONE
    assert "p21.father_required" in errors(app)


def test_p21_marriage_after_birth_is_not_a_basis() -> None:
    app = example("married")
    assert app.marriage is not None
    app.marriage.date = D("2026-10-13")
    assert "p21.marriage_after_birth" in errors(app)


def test_p21_p26_unmarried_bases_not_for_married_scenario() -> None:
    app = example("married")
    app.father_basis = FatherBasis.JOINT_PATERNITY
    assert "p26.basis_for_unmarried" in errors(app)


def test_p21_marriage_basis_needs_married_scenario() -> None:
    app = example("unmarried_joint_paternity")
    app.father_basis = FatherBasis.MARRIAGE
    assert "p21.basis_needs_married" in errors(app)


def test_p21_unmarried_scenario_with_current_marriage() -> None:
    app = example("unmarried_joint_paternity")
    app.marriage = Marriage("№ 1", D("2020-01-01"), "АХАЖ")
    assert "parentage.scenario_married" in errors(app)


def test_p17_p23_former_spouse_within_280_days_valid() -> None:
    app = example("former_spouse_death")
    assert errors(app) == set()


def test_p17_beyond_280_days_is_not_general_grounds() -> None:
    app = example("former_spouse_death")
    assert app.marriage is not None and app.marriage.ended is not None
    app.marriage.ended.date = D("2025-12-01")  # 315 days before 2026-10-12
    f = finding(app, "p17.beyond_280_days")
    assert f.is_error and f.paragraph == 17 and f.params["days"] == 315


def test_p17_exactly_280_days_is_within() -> None:
    app = example("former_spouse_death")
    assert app.marriage is not None and app.marriage.ended is not None
    app.marriage.ended.date = D("2026-10-12") - dt.timedelta(days=280)
    assert "p17.beyond_280_days" not in rules(app)


def test_p23_marriage_basis_after_divorce_suggests_former_spouse() -> None:
    app = example("married")
    assert app.marriage is not None
    app.marriage.ended = MarriageEnd(MarriageEndKind.DIVORCE, D("2026-05-01"))
    assert "p23.record_former_spouse" in warnings(app)


def test_p23_former_spouse_needs_end_of_marriage() -> None:
    app = example("former_spouse_death")
    assert app.marriage is not None
    app.marriage.ended = None
    assert "p23.marriage_end_missing" in errors(app)


def test_p23_end_after_birth_means_born_in_marriage() -> None:
    app = example("former_spouse_death")
    assert app.marriage is not None and app.marriage.ended is not None
    app.marriage.ended.date = D("2026-10-13")
    app.marriage.ended.document = Doc("№ 1", D("2026-10-13"), "АХАЖ")
    assert "p23.ended_after_birth" in warnings(app)


def test_p23_end_document_missing_is_a_warning() -> None:
    app = example("former_spouse_death")
    assert app.marriage is not None and app.marriage.ended is not None
    app.marriage.ended.document = None
    assert "p23.end_document_missing" in warnings(app)
    assert errors(app) == set()


def test_p24_former_spouse_presumed_blocks_mothers_statement() -> None:
    app = example("unmarried_mother_statement")
    app.marriage = Marriage(
        "№ 9", D("2018-01-01"), "АХАЖ", MarriageEnd(MarriageEndKind.DIVORCE, D("2026-03-01"))
    )
    assert "p24.former_spouse_presumed" in errors(app)


def test_p24_p25_husband_not_father_valid_with_consent() -> None:
    assert errors(example("husband_not_father")) == set()


def test_p25_husband_not_father_needs_consent() -> None:
    app = example("husband_not_father")
    app.husband_consent = None
    f = finding(app, "p25.husband_consent_missing")
    assert f.is_error and f.field == "husband_consent" and f.paragraph == 25


def test_p25_former_husband_within_280_days_must_consent() -> None:
    app = example("unmarried_acknowledgment")
    app.marriage = Marriage(
        "№ 9", D("2018-01-01"), "АХАЖ", MarriageEnd(MarriageEndKind.DIVORCE, D("2026-06-01"))
    )
    assert "p25.husband_consent_missing" in errors(app)


def test_p26_1_joint_paternity_valid_and_joint_application() -> None:
    app = example("unmarried_joint_paternity")
    assert errors(app) == set()
    app.applicant.role = ApplicantRole.MOTHER
    assert "p26.joint_application" in warnings(app)


def test_p26_2_father_surname_is_mothers() -> None:
    app = example("unmarried_mother_statement")
    assert app.father is not None
    app.father.surname = "Пак"
    f = finding(app, "p26.father_surname_mother")
    assert f.is_error and f.params == {"father_surname": "Пак", "mother_surname": "Ким"}


def test_p26_2_masculine_form_of_mothers_surname_accepted() -> None:
    app = example("unmarried_mother_statement")
    assert app.mother is not None and app.father is not None
    app.mother.surname, app.father.surname = "Серікова", "Сериков"
    assert "p26.father_surname_mother" not in rules(app)


def test_p26_2_statement_only_by_the_mother() -> None:
    app = example("unmarried_mother_statement")
    app.applicant.role = ApplicantRole.INTERESTED_PERSON
    assert "p26.statement_by_mother" in errors(app)


def test_p26_2_no_father_at_her_wish() -> None:
    app = example("unmarried_no_father")
    assert errors(app) == set()
    assert "p26.no_father_at_wish" in warnings(app)


def test_p26_2_no_father_but_father_data() -> None:
    app = example("unmarried_no_father")
    app.father = example("married").father
    assert "p26.father_data_with_none" in errors(app)


def test_p26_basis_without_father_data() -> None:
    app = example("unmarried_joint_paternity")
    app.father = None
    assert "parentage.father_missing" in errors(app)


def test_p26_3_acknowledgment_needs_mothers_consent() -> None:
    app = example("unmarried_acknowledgment")
    assert errors(app) == set()
    app.mother_consent = None
    assert "p26.mother_consent_missing" in errors(app)


def test_p22_surrogacy_valid() -> None:
    assert errors(example("surrogacy")) == set()


def test_p22_surrogacy_needs_contract_and_spouses() -> None:
    app = example("surrogacy")
    app.surrogacy = None
    app.marriage = None
    assert {"p22.contract_missing", "p22.spouses_are_parents"} <= errors(app)


def test_p22_contract_after_birth_and_art_consent() -> None:
    app = example("surrogacy")
    assert app.surrogacy is not None
    app.surrogacy.contract.date = D("2026-10-13")
    app.surrogacy.art_consent = None
    assert "p22.contract_after_birth" in errors(app)
    assert "p22.art_consent_missing" in warnings(app)


def test_p22_surrogacy_data_under_another_scenario() -> None:
    app = example("surrogacy")
    app.scenario = Scenario.MARRIED
    assert "p22.scenario_not_surrogacy" in warnings(app)
