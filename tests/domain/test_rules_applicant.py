"""Who applies: п. 4, 5 (others than parents), 19 (adult), parents as applicants."""

from __future__ import annotations

from tests.domain.conftest import errors, example, finding
from tirkeu.domain.application import ApplicantRole, FatherBasis


def test_p4_interested_person_valid() -> None:
    assert errors(example("interested_person")) == set()


def test_p4_interested_person_needs_id_and_authority() -> None:
    app = example("interested_person")
    assert app.applicant.person is not None
    app.applicant.person.document = None
    app.applicant.authority_document = None
    assert {"p4.applicant_id_missing", "p4.authority_document_missing"} <= errors(app)
    app.applicant.person = None
    assert "p4.applicant_person_missing" in errors(app)


def test_p4_organisation_needs_its_name() -> None:
    app = example("stillborn")
    app.applicant.organization = ""
    f = finding(app, "p4.organization_missing")
    assert f.is_error and f.paragraph == 4 and f.field == "applicant.organization"


def test_parent_applicants_must_be_recorded() -> None:
    app = example("unmarried_no_father")
    app.applicant.role = ApplicantRole.FATHER
    assert "applicant.father_not_parent" in errors(app)
    app.applicant.role = ApplicantRole.BOTH_PARENTS
    assert "applicant.both_parents_absent" in errors(app)
    app = example("found")
    app.applicant.role = ApplicantRole.MOTHER
    assert "applicant.mother_absent" in errors(app)


def test_father_applies_under_acknowledgment() -> None:
    app = example("unmarried_acknowledgment")
    assert app.applicant.role is ApplicantRole.FATHER
    assert app.father_basis is FatherBasis.ACKNOWLEDGMENT
    assert errors(app) == set()


def test_p19_adult_applies_for_themself() -> None:
    app = example("adult")
    assert errors(app) == set()
    app.applicant.role = ApplicantRole.MOTHER
    f = finding(app, "p19.adult_applies_self")
    assert f.is_error and f.params["age"] == 19 and f.paragraph == 19


def test_p19_a_minor_cannot_apply_alone() -> None:
    app = example("married")
    app.applicant.role = ApplicantRole.CHILD_SELF
    assert {"p19.child_self_minor", "p19.applicant_person_missing"} <= errors(app)
