"""The people of the application: names, IINs, identity documents, nationality."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator

from tirkeu.domain.application import (
    FatherBasis,
    IdDocumentKind,
    MotherIdentity,
    Person,
    Scenario,
    Sex,
)
from tirkeu.domain.findings import Finding
from tirkeu.domain.iin import read_iin
from tirkeu.domain.names import LOWERCASE, bad_characters, name_problem_codes, patronymic_sex
from tirkeu.domain.rules.context import Ctx

# Patronymics and nationalities repeat from record to record, and the district
# checks thousands.
_patronymic_sex = functools.lru_cache(maxsize=8192)(patronymic_sex)
_bad_characters = functools.lru_cache(maxsize=1024)(bad_characters)

KAZAKHSTAN = "KZ"
STATELESS = "stateless"

_DOCUMENTS_BY_STATUS = {
    KAZAKHSTAN: {IdDocumentKind.ID_CARD, IdDocumentKind.PASSPORT},
    STATELESS: {IdDocumentKind.STATELESS_CERTIFICATE, IdDocumentKind.RESIDENCE_PERMIT},
}
_FOREIGNER_DOCUMENTS = {IdDocumentKind.FOREIGN_PASSPORT, IdDocumentKind.RESIDENCE_PERMIT}
# Whose father data come with the father present in person (п. 21, 26 1), 26 3)).
_FATHER_PRESENT = {FatherBasis.MARRIAGE, FatherBasis.JOINT_PATERNITY, FatherBasis.ACKNOWLEDGMENT}
# The parents' places in the application and the sex their IIN and patronymic must show.
_PARENT_SEXES = (("mother", Sex.FEMALE), ("father", Sex.MALE))


def _is_foreign(person: Person) -> bool:
    return person.citizenship != KAZAKHSTAN


def _name_parts(
    ctx: Ctx,
    path: str,
    paragraph: int | None,
    parts: tuple[tuple[str, str | None, bool], ...],
    latin_allowed: bool,
) -> list[Finding]:
    findings = []
    for part, value, required in parts:
        if value is None:
            continue
        problems = name_problem_codes(value, latin_allowed)  # none for most names
        if not problems or (not required and not value.strip()):
            continue
        for problem in problems:
            field = f"{path}.{part}"
            rule = f"name.{problem}"
            params: dict[str, str | int] = {"value": value, "chars": bad_characters(value)}
            if problem == LOWERCASE:
                findings.append(ctx.warning(rule, field, paragraph, **params))
            else:
                findings.append(ctx.error(rule, field, paragraph, **params))
    return findings


def child_names(ctx: Ctx) -> Iterator[Finding]:
    """п. 29 1): the child's surname, name and patronymic go on the certificate.

    A stillborn child may have no given name.  Latin spelling is accepted when a
    parent is a foreign citizen or stateless.
    """
    app, child = ctx.app, ctx.app.child
    mother, father = app.mother, app.father
    latin = (mother is not None and _is_foreign(mother)) or (
        father is not None and _is_foreign(father)
    )
    parts = (
        ("surname", child.surname, True),
        ("given_name", child.given_name, child.alive),
        ("patronymic", child.patronymic, False),
    )
    yield from _name_parts(ctx, "child", 29, parts, latin)
    implied = _patronymic_sex(child.patronymic or "")
    if implied is not None and implied is not child.sex:
        yield ctx.warning(
            "name.patronymic_sex", "child.patronymic", 29, value=child.patronymic or ""
        )


def people_names(ctx: Ctx) -> Iterator[Finding]:
    """п. 29 4), 31: the parents' names as in their identity documents."""
    for path, person in ctx.people():
        paragraph = 4 if path == "applicant.person" else 31
        parts = (
            ("surname", person.surname, True),
            ("given_name", person.given_name, True),
            ("patronymic", person.patronymic, False),
        )
        yield from _name_parts(ctx, path, paragraph, parts, _is_foreign(person))
    for path, sex in _PARENT_SEXES:
        person = getattr(ctx.app, path)
        implied = _patronymic_sex(person.patronymic or "") if person is not None else None
        if person is not None and implied is not None and implied is not sex:
            yield ctx.warning(
                "name.patronymic_sex", f"{path}.patronymic", 31, value=person.patronymic or ""
            )


def iins(ctx: Ctx) -> Iterator[Finding]:
    """п. 29 3): the IIN is valid and agrees with the date of birth and sex."""
    app = ctx.app
    child = app.child
    if child.iin:
        yield from _iin_findings(ctx, "child", child.iin, ctx.birth, child.sex)
    for path, sex in _PARENT_SEXES:
        parent: Person | None = getattr(app, path)
        if parent is not None and parent.iin:
            yield from _iin_findings(ctx, path, parent.iin, parent.birth_date, sex)
    person = app.applicant.person
    if person is not None and person.iin:
        yield from _iin_findings(ctx, "applicant.person", person.iin, person.birth_date, None)


def _iin_findings(
    ctx: Ctx, path: str, iin: str, born: dt.date | None, sex: Sex | None
) -> list[Finding]:
    """What is wrong with one holder's IIN: itself, or its agreement with their data."""
    problems, encoded, encoded_sex = read_iin(iin)
    paragraph = 29 if path == "child" else None
    if problems:
        return [ctx.error(f"iin.{p}", f"{path}.iin", paragraph, value=iin) for p in problems]
    findings = []
    if born is not None and encoded != born:
        findings.append(
            ctx.error(
                "iin.birth_date_mismatch",
                f"{path}.iin",
                paragraph,
                iin_date=str(encoded),
                birth_date=str(born),
            )
        )
    if sex is not None and encoded_sex is not sex:
        findings.append(ctx.error("iin.sex_mismatch", f"{path}.iin", paragraph))
    return findings


def mother_present(ctx: Ctx) -> Iterator[Finding]:
    """Only a found child may have no mother's data (DESIGN e-application contract)."""
    if ctx.app.mother is None and ctx.app.scenario is not Scenario.FOUND:
        yield ctx.error("mother.required", "mother", None)


def document_kinds(ctx: Ctx) -> Iterator[Finding]:
    """The kind of identity document fits the citizenship (a warning)."""
    for path, person in ctx.people():
        if person.document is None:
            continue
        allowed = _DOCUMENTS_BY_STATUS.get(person.citizenship, _FOREIGNER_DOCUMENTS)
        if person.document.kind not in allowed:
            yield ctx.warning(
                "person.document_kind", f"{path}.document.kind", 31, citizenship=person.citizenship
            )


def parents_documents(ctx: Ctx) -> Iterator[Finding]:
    """п. 31: parents' data are filled from their identity documents (п. 12 excepted)."""
    app = ctx.app
    mother = app.mother
    if (
        mother is not None
        and mother.document is None
        and mother.identity is not MotherIdentity.FROM_MEDICAL_CERTIFICATE
    ):
        if app.scenario is Scenario.FOUND:
            yield ctx.warning("p31.mother_document_missing", "mother.document", 31)
        else:
            yield ctx.error("p31.mother_document_missing", "mother.document", 31)
    if app.father is not None and app.father.document is None and ctx.basis in _FATHER_PRESENT:
        yield ctx.warning("p31.father_document_missing", "father.document", 31)


def nationality(ctx: Ctx) -> Iterator[Finding]:
    """п. 27, 28: nationality only from the identity document (a foreigner's passport)."""
    for path in ("mother", "father"):
        person: Person | None = getattr(ctx.app, path)
        if person is None or not person.nationality:
            continue
        field = f"{path}.nationality"
        chars = _bad_characters(person.nationality)
        if chars:
            yield ctx.error(
                "p27.nationality_characters", field, 27, value=person.nationality, chars=chars
            )
        if person.document is None:
            yield ctx.warning("p27.nationality_needs_document", field, 27)
        elif (
            person.citizenship not in (KAZAKHSTAN, STATELESS)
            and person.document.kind is not IdDocumentKind.FOREIGN_PASSPORT
        ):
            yield ctx.warning("p28.nationality_from_passport", field, 28)


RULES = (
    child_names,
    people_names,
    iins,
    mother_present,
    document_kinds,
    parents_documents,
    nationality,
)
