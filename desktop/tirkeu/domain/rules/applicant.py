"""Who applies (п. 4, 5, 7, 15, 19) and what they must bring."""

from __future__ import annotations

from collections.abc import Iterator

from tirkeu.domain.application import ApplicantRole, Scenario
from tirkeu.domain.findings import Finding
from tirkeu.domain.rules.context import OWN_PARAGRAPH, WITHOUT_FATHERS_WORD, Ctx
from tirkeu.domain.rules.scope import except_for, scoped

ADULT_AGE = 18

_PARENTS = {ApplicantRole.MOTHER, ApplicantRole.FATHER, ApplicantRole.BOTH_PARENTS}
_ORGANIZATIONS = {
    ApplicantRole.MEDICAL_ORGANIZATION,
    ApplicantRole.POLICE,
    ApplicantRole.GUARDIANSHIP_BODY,
    ApplicantRole.EDUCATION_ORGANIZATION,
}
# п. 15: who registers a found or abandoned child.
_FOUND_CHILD_APPLICANTS = _ORGANIZATIONS
# п. 4: everyone who applies on another's behalf.
_OTHERS = {ApplicantRole.INTERESTED_PERSON, *_ORGANIZATIONS}


@scoped(roles=_OTHERS)
def other_than_parents(ctx: Ctx) -> Iterator[Finding]:
    """п. 4: an applicant other than the parents brings their own ID and a document of authority.

    An organisation applies through an official, who shows an ID too.
    """
    applicant = ctx.app.applicant
    if applicant.role in _PARENTS or applicant.role is ApplicantRole.CHILD_SELF:
        return
    if applicant.person is None:
        yield ctx.error("p4.applicant_person_missing", "applicant.person", 4)
    elif applicant.person.document is None:
        yield ctx.error("p4.applicant_id_missing", "applicant.person.document", 4)
    if applicant.authority_document is None:
        yield ctx.error("p4.authority_document_missing", "applicant.authority_document", 4)
    if applicant.role in _ORGANIZATIONS and not (applicant.organization or "").strip():
        yield ctx.error("p4.organization_missing", "applicant.organization", 4)


@scoped(roles=_PARENTS)
def parents_as_applicants(ctx: Ctx) -> Iterator[Finding]:
    """п. 21, 26: a parent who applies must be recorded as a parent."""
    app = ctx.app
    role = app.applicant.role
    if role is ApplicantRole.MOTHER and app.mother is None:
        yield ctx.error("applicant.mother_absent", "applicant.role", None)
    father_recorded = app.father is not None and ctx.basis not in WITHOUT_FATHERS_WORD
    if role is ApplicantRole.FATHER and not father_recorded:
        yield ctx.error("applicant.father_not_parent", "applicant.role", 26)
    if role is ApplicantRole.BOTH_PARENTS and (app.mother is None or app.father is None):
        yield ctx.error("applicant.both_parents_absent", "applicant.role", None)


@scoped(scenarios=except_for(*OWN_PARAGRAPH))
def adult(ctx: Ctx) -> Iterator[Finding]:
    """п. 19: an adult's birth is registered on their own written application."""
    age = ctx.child_age()
    if age is None or ctx.app.scenario in OWN_PARAGRAPH:
        return
    role = ctx.app.applicant.role
    if age >= ADULT_AGE and role is not ApplicantRole.CHILD_SELF:
        yield ctx.error("p19.adult_applies_self", "applicant.role", 19, age=age)
    if role is ApplicantRole.CHILD_SELF:
        if age < ADULT_AGE:
            yield ctx.error("p19.child_self_minor", "applicant.role", 19, age=age)
        if ctx.app.applicant.person is None:
            yield ctx.error("p19.applicant_person_missing", "applicant.person", 19)


@scoped(scenarios={Scenario.STILLBORN})
def stillborn_applicant(ctx: Ctx) -> Iterator[Finding]:
    """п. 7: for a stillborn child the medical organisation's official applies."""
    if (
        ctx.app.scenario is Scenario.STILLBORN
        and ctx.app.applicant.role is not ApplicantRole.MEDICAL_ORGANIZATION
    ):
        yield ctx.error("p7.applicant_medical", "applicant.role", 7)


@scoped(scenarios={Scenario.FOUND})
def found_child_applicant(ctx: Ctx) -> Iterator[Finding]:
    """п. 15: police, guardianship body, or the education or medical organisation apply."""
    if ctx.app.scenario is Scenario.FOUND and ctx.app.applicant.role not in _FOUND_CHILD_APPLICANTS:
        yield ctx.error("p15.applicant_role", "applicant.role", 15)


RULES = (
    other_than_parents,
    parents_as_applicants,
    adult,
    stillborn_applicant,
    found_child_applicant,
)
