"""Dates in order, names, IINs, documents and nationality (п. 27–29, 31)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.domain.conftest import errors, example, finding, rules, warnings
from tirkeu.domain.application import Doc, IdDocumentKind, MarriageEnd, MarriageEndKind, Sex
from tirkeu.domain.iin import make_iin

D = dt.date.fromisoformat


def test_nothing_in_the_future() -> None:
    app = example("married")
    app.received_on = D("2026-11-22")
    app.child.birth_date = D("2026-11-22")
    assert {"date.received_future", "date.birth_future"} <= errors(app)


def test_missing_dates() -> None:
    app = example("married")
    app.received_on = None
    app.child.birth_date = None
    assert {"date.received_missing", "date.birth_missing"} <= errors(app)


def test_received_not_before_birth() -> None:
    app = example("married")
    app.received_on = D("2026-10-11")
    assert "date.received_before_birth" in errors(app)


def test_parents_plausibly_older_than_the_child() -> None:
    app = example("married")
    assert app.mother is not None and app.father is not None
    app.mother.birth_date = D("2013-01-01")
    app.mother.iin = None
    app.mother.document = None
    f = finding(app, "date.parent_age")
    assert not f.is_error and f.params["age"] == 13 and f.field == "mother.birth_date"
    app.father.birth_date = D("2026-10-12")
    app.father.iin = None
    app.father.document = None
    assert "date.parent_younger_than_child" in errors(app)


def test_documents_issued_after_the_birth_they_attest() -> None:
    app = example("married")
    assert app.birth_evidence is not None
    app.birth_evidence.date = D("2026-10-11")
    f = finding(app, "date.document_before_birth")
    assert f.field == "birth_evidence.date" and f.is_error


def test_documents_after_receipt_and_in_future() -> None:
    app = example("husband_not_father")
    app.husband_consent = Doc("№ 1", D("2026-10-20"), "нотариус")
    assert "date.document_after_received" in warnings(app)
    app.husband_consent = Doc("№ 1", D("2027-01-01"), "нотариус")
    assert "date.document_future" in errors(app)
    app.husband_consent = Doc("", D("2026-10-13"), "")
    assert "doc.incomplete" in errors(app)


def test_identity_document_dates() -> None:
    app = example("married")
    assert app.mother is not None and app.mother.document is not None
    app.mother.document.issued_on = D("1990-01-01")
    assert "date.document_before_holder" in errors(app)
    app.mother.document.issued_on = D("2027-01-01")
    assert "date.document_future" in errors(app)


def test_marriage_dates_in_order() -> None:
    app = example("former_spouse_death")
    assert app.marriage is not None
    app.marriage.ended = MarriageEnd(MarriageEndKind.DIVORCE, D("2019-01-01"))
    assert "date.marriage_end_before_start" in errors(app)
    app.marriage.date = D("2027-01-01")
    assert "date.marriage_future" in errors(app)


def test_p29_child_names() -> None:
    app = example("married")
    app.child.given_name = "Нурислам2"
    app.child.surname = "Omarov"
    assert {"name.characters", "name.latin_for_citizen"} <= errors(app)
    app.child.given_name = ""
    assert "name.empty" in errors(app)


def test_p31_latin_names_for_a_foreign_parent_and_child() -> None:
    app = example("foreign_father")
    assert errors(app) == set()
    app.child.given_name = "Timur"  # a parent is foreign: Latin allowed for the child
    assert errors(app) == set()
    assert app.father is not None
    app.father.citizenship = "KZ"
    app.father.document = None
    assert "name.latin_for_citizen" in errors(app)


def test_mixed_alphabet_in_a_parents_name() -> None:
    app = example("married")
    assert app.mother is not None
    app.mother.given_name = "Aйгерім"  # Latin A
    f = finding(app, "name.mixed_scripts")
    assert f.field == "mother.given_name" and f.is_error and f.paragraph == 31


def test_patronymic_form_and_sex() -> None:
    app = example("married")
    app.child.patronymic = "Серікқызы"
    assert "name.patronymic_sex" in warnings(app)
    app.child.sex = Sex.FEMALE
    assert "name.patronymic_sex" not in rules(app)


def test_lowercase_name_is_a_warning() -> None:
    app = example("married")
    app.child.given_name = "нұрислам"
    assert "name.lowercase" in warnings(app)


@pytest.mark.parametrize(
    ("iin", "rule"),
    [("123", "iin.length"), ("26101250001x", "iin.digits")],
)
def test_p29_child_iin_malformed(iin: str, rule: str) -> None:
    app = example("married")
    app.child.iin = iin
    assert rule in errors(app)


def test_p29_child_iin_agrees_with_birth_date_and_sex() -> None:
    app = example("married")
    app.child.iin = make_iin(D("2026-10-12"), Sex.MALE, 5)
    assert errors(app) == set()
    app.child.iin = make_iin(D("2026-10-13"), Sex.FEMALE, 5)
    assert {"iin.birth_date_mismatch", "iin.sex_mismatch"} <= errors(app)
    bad = make_iin(D("2026-10-12"), Sex.MALE, 5)
    app.child.iin = bad[:11] + str((int(bad[11]) + 1) % 10)
    assert "iin.checksum" in errors(app)


def test_parent_iin_agrees_with_sex() -> None:
    app = example("married")
    assert app.mother is not None and app.mother.birth_date is not None
    app.mother.iin = make_iin(app.mother.birth_date, Sex.MALE, 1)
    f = finding(app, "iin.sex_mismatch")
    assert f.field == "mother.iin"


def test_document_kind_fits_citizenship() -> None:
    app = example("married")
    assert app.mother is not None and app.mother.document is not None
    app.mother.document.kind = IdDocumentKind.FOREIGN_PASSPORT
    assert "person.document_kind" in warnings(app)


def test_p27_nationality_from_the_id_document() -> None:
    app = example("married")
    assert app.father is not None
    app.father.document = None
    assert "p27.nationality_needs_document" in warnings(app)
    app.father.nationality = "қазақ1"
    assert "p27.nationality_characters" in errors(app)


def test_p28_foreigners_nationality_from_passport() -> None:
    app = example("foreign_father")
    assert app.father is not None and app.father.document is not None
    app.father.document.kind = IdDocumentKind.RESIDENCE_PERMIT
    f = finding(app, "p28.nationality_from_passport")
    assert not f.is_error and f.paragraph == 28
