"""The birth itself: evidence (п. 11, 12, 14), place (п. 20), multiple births (п. 8),
late registration (п. 18), stillbirth (п. 7, 40) and found children (п. 15, 16)."""

from __future__ import annotations

from collections.abc import Iterator

from tirkeu.domain.application import (
    ApplicantRole,
    EvidenceKind,
    MotherIdentity,
    PlaceKind,
    Scenario,
)
from tirkeu.domain.findings import Finding
from tirkeu.domain.rules.context import OWN_PARAGRAPH, Ctx
from tirkeu.domain.rules.scope import except_for, scoped

_TRAVEL_PLACES = {PlaceKind.EXPEDITION, PlaceKind.VESSEL, PlaceKind.AIRCRAFT, PlaceKind.TRAIN}
MULTIPLE_BIRTH_CHECK_ABOVE = 5
WITNESSES_FOR_UNKNOWN_MOTHER = 2


def birth_place(ctx: Ctx) -> Iterator[Finding]:
    """п. 29 1): the place of birth goes on the certificate."""
    if not ctx.app.child.birth_place.text.strip():
        yield ctx.error("child.birth_place_missing", "child.birth_place.text", 29)


def birth_evidence(ctx: Ctx) -> Iterator[Finding]:
    """п. 14: a medical certificate of birth, or without it a court decision on the fact."""
    if ctx.app.birth_evidence is None and ctx.app.scenario is not Scenario.FOUND:
        yield ctx.error("p14.evidence_missing", "birth_evidence", 14)


def mother_from_words(ctx: Ctx) -> Iterator[Finding]:
    """п. 11, 12: a mother without identity documents, recorded from her words."""
    app = ctx.app
    if app.mother is None or app.mother.identity is not MotherIdentity.FROM_MEDICAL_CERTIFICATE:
        return
    evidence = app.birth_evidence
    if evidence is None or evidence.kind is not EvidenceKind.MEDICAL_CERTIFICATE:
        yield ctx.error("p12.needs_medical_certificate", "mother.identity", 12)
        return
    yield ctx.warning("p12.recorded_from_words", "mother.identity", 12)
    if app.child.place_kind is not PlaceKind.MEDICAL_ORGANIZATION:
        yield ctx.warning("p11.outside_medical_organization", "mother.identity", 11)


def travel_birth_place(ctx: Ctx) -> Iterator[Finding]:
    """п. 20: born travelling → the place of birth is the unit where it is registered."""
    child = ctx.app.child
    if child.place_kind in _TRAVEL_PLACES:
        yield ctx.warning(
            "p20.place_is_registration_unit", "child.birth_place", 20, place=child.birth_place.text
        )


@scoped(needs=("multiple_birth",))
def multiple_birth(ctx: Ctx) -> Iterator[Finding]:
    """п. 8: one application per child; count and order of the children agree."""
    multiple = ctx.app.child.multiple_birth
    if multiple is None:
        return
    if multiple.count < 2:
        yield ctx.error("p8.count", "child.multiple_birth.count", 8)
    elif multiple.count > MULTIPLE_BIRTH_CHECK_ABOVE:
        yield ctx.warning("p8.count_unusual", "child.multiple_birth.count", 8, count=multiple.count)
    if not 1 <= multiple.order <= max(multiple.count, 1):
        yield ctx.error(
            "p8.order",
            "child.multiple_birth.order",
            8,
            order=multiple.order,
            count=multiple.count,
        )


@scoped(scenarios=except_for(*OWN_PARAGRAPH))
def late_registration(ctx: Ctx) -> Iterator[Finding]:
    """п. 18: a child aged one year or more is registered on the conclusion (Order 112, App. 6).

    A found child is registered under п. 15, on the medical document of age.
    """
    age = ctx.child_age()
    if age is None or ctx.app.scenario in OWN_PARAGRAPH:
        return
    conclusion = ctx.app.late_registration_conclusion
    if age >= 1 and conclusion is None:
        yield ctx.error("p18.conclusion_required", "late_registration_conclusion", 18, age=age)
    elif age < 1 and conclusion is not None:
        yield ctx.warning("p18.conclusion_not_needed", "late_registration_conclusion", 18)


def stillbirth(ctx: Ctx) -> Iterator[Finding]:
    """п. 7, 40: a stillborn child gets a spravka, not a certificate."""
    app = ctx.app
    if app.scenario is Scenario.STILLBORN:
        if app.child.alive:
            yield ctx.error("p7.alive_flag", "child.alive", 7)
        yield ctx.warning("p40.spravka_not_certificate", "scenario", 40)
    elif not app.child.alive:
        yield ctx.error("p7.scenario_stillborn", "scenario", 7)


@scoped(scenarios=except_for(Scenario.FOUND), needs=("found_child",))
def found_child_elsewhere(ctx: Ctx) -> Iterator[Finding]:
    """п. 15: data of a finding belong to the scenario of a found child."""
    if ctx.app.scenario is not Scenario.FOUND and ctx.app.found_child is not None:
        yield ctx.warning("p15.scenario_not_found", "scenario", 15)


@scoped(scenarios={Scenario.FOUND})
def found_child(ctx: Ctx) -> Iterator[Finding]:
    """п. 15, 16: the finding, its protocol and medical document, witnesses."""
    app = ctx.app
    found = app.found_child
    if app.scenario is not Scenario.FOUND:
        return
    if found is None:
        yield ctx.error("p15.found_child_missing", "found_child", 15)
        return
    if found.found_on is not None:
        found_on = str(found.found_on)
        if found.found_on > ctx.today:
            yield ctx.error("date.found_future", "found_child.found_on", 15, found_on=found_on)
        if ctx.birth is not None and found.found_on < ctx.birth:
            yield ctx.error(
                "date.found_before_birth",
                "found_child.found_on",
                15,
                found_on=found_on,
                birth_date=str(ctx.birth),
            )
        checks = (
            ("found_child.protocol.date", found.protocol.date, "p15.protocol_before_found"),
            (
                "found_child.medical_document.date",
                found.medical_document.date,
                "p15.medical_before_found",
            ),
        )
        for field, date, rule in checks:
            if date is not None and date < found.found_on:
                yield ctx.error(rule, field, 15, date=str(date), found_on=found_on)
    witnesses = len([w for w in found.witnesses if w.strip()])
    if (
        app.mother is None
        and app.applicant.role is ApplicantRole.MEDICAL_ORGANIZATION
        and witnesses < WITNESSES_FOR_UNKNOWN_MOTHER
    ):
        yield ctx.error("p16.two_witnesses", "found_child.witnesses", 16, count=witnesses)


RULES = (
    birth_place,
    birth_evidence,
    mother_from_words,
    travel_birth_place,
    multiple_birth,
    late_registration,
    stillbirth,
    found_child_elsewhere,
    found_child,
)
