"""A rule's scope only leaves it out where it could find nothing.

Every example application is recast into every scenario, basis of the
father's data and applicant, with and without each optional part; the scoped
check must give exactly the findings of every rule run over it.
"""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from tests.domain.conftest import DATA, TODAY, example
from tirkeu.domain.application import (
    ApplicantRole,
    Application,
    Doc,
    FatherBasis,
    FoundChild,
    Marriage,
    MarriageEnd,
    MultipleBirth,
    Scenario,
    Surrogacy,
)
from tirkeu.domain.findings import Finding
from tirkeu.domain.rules import ALL_RULES, check
from tirkeu.domain.rules.context import Ctx
from tirkeu.domain.rules.engine import rules_for
from tirkeu.domain.rules.scope import scope_of, shape_of
from tirkeu.domain.workdays import default_calendar

EXAMPLES = sorted(p.stem for p in (DATA / "valid").glob("*.json"))


def unscoped(app: Application) -> list[Finding]:
    ctx = Ctx(app, TODAY, default_calendar())
    findings = [finding for rule in ALL_RULES for finding in rule(ctx)]
    return sorted(findings, key=lambda f: not f.is_error)


def with_parts(app: Application, flags: tuple[bool, ...]) -> Application:
    """``app`` with each optional part present or absent as ``flags`` say."""
    marriage, found, surrogacy, multiple = flags
    birth = app.child.birth_date
    ended = MarriageEnd(date=birth, document=Doc("1", birth, "АХАЖ")) if birth else None
    return dataclasses.replace(
        app,
        marriage=(app.marriage or Marriage("1", birth, "АХАЖ", ended)) if marriage else None,
        found_child=(app.found_child or FoundChild(found_on=birth)) if found else None,
        surrogacy=(app.surrogacy or Surrogacy(Doc("2", birth, "ЭКО"))) if surrogacy else None,
        child=dataclasses.replace(
            app.child,
            multiple_birth=(app.child.multiple_birth or MultipleBirth()) if multiple else None,
        ),
    )


def recast(
    app: Application, scenario: Scenario, basis: FatherBasis, role: ApplicantRole
) -> Application:
    applicant = dataclasses.replace(app.applicant, role=role)
    return dataclasses.replace(app, scenario=scenario, father_basis=basis, applicant=applicant)


@pytest.mark.parametrize("name", EXAMPLES)
def test_scoped_check_finds_what_every_rule_finds(name: str) -> None:
    base = example(name)
    for flags in itertools.product((False, True), repeat=4):
        shaped = with_parts(base, flags)
        for scenario, basis in itertools.product(Scenario, FatherBasis):
            app = recast(shaped, scenario, basis, base.applicant.role)
            assert check(app, TODAY) == unscoped(app), (flags, scenario, basis)
    for flags in ((False,) * 4, (True,) * 4):
        shaped = with_parts(base, flags)
        for scenario, role in itertools.product(Scenario, ApplicantRole):
            app = recast(shaped, scenario, base.father_basis, role)
            assert check(app, TODAY) == unscoped(app), (flags, scenario, role)


def test_typical_application_skips_most_rules() -> None:
    app = example("married")
    chosen = rules_for(app)
    assert len(chosen) < len(ALL_RULES) * 3 // 4
    assert all(scope_of(rule).admits(shape_of(app)) for rule in chosen)
    assert [rule for rule in ALL_RULES if rule in chosen] == list(chosen)
