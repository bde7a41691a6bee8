"""Where a rule can find anything: the scenarios, father bases, applicants and parts it needs.

Most rules speak of one scenario, one basis of the father's data, one kind of
applicant or one part of the application (a marriage, a found child) that most
applications do not have, and the district checks every record of a bundle.
A rule marked here is left out of the check of an application outside its
scope; it still tests its own conditions, so the scope only has to be wide
enough.  An unmarked rule runs on every application.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

from tirkeu.domain.application import ApplicantRole, Application, FatherBasis, Scenario
from tirkeu.domain.findings import Finding
from tirkeu.domain.rules.context import Ctx

Rule = Callable[[Ctx], Iterator[Finding]]

# What decides which rules can speak about an application: its scenario, the
# basis of the father's data, who applies and which optional parts it has.
Shape = tuple[Scenario, FatherBasis, ApplicantRole, bool, bool, bool, bool]


def shape_of(app: Application) -> Shape:
    return (
        app.scenario,
        app.father_basis,
        app.applicant.role,
        app.marriage is not None,
        app.found_child is not None,
        app.surrogacy is not None,
        app.child.multiple_birth is not None,
    )


# The optional parts a rule may need, by their place in the shape.
_PART_INDEX: dict[str, int] = {
    "marriage": 3,
    "found_child": 4,
    "surrogacy": 5,
    "multiple_birth": 6,
}


@dataclass(frozen=True)
class Scope:
    scenarios: frozenset[Scenario]
    bases: frozenset[FatherBasis]
    roles: frozenset[ApplicantRole]
    parts: tuple[int, ...]  # places in the shape that must be true

    def admits(self, shape: Shape) -> bool:
        scenario, basis, role = shape[:3]
        return (
            scenario in self.scenarios
            and basis in self.bases
            and role in self.roles
            and all(shape[i] for i in self.parts)
        )


EVERYWHERE = Scope(frozenset(Scenario), frozenset(FatherBasis), frozenset(ApplicantRole), ())
_SCOPES: dict[Rule, Scope] = {}


def scoped(
    *,
    scenarios: Collection[Scenario] = EVERYWHERE.scenarios,
    bases: Collection[FatherBasis] = EVERYWHERE.bases,
    roles: Collection[ApplicantRole] = EVERYWHERE.roles,
    needs: Collection[str] = (),
) -> Callable[[Rule], Rule]:
    """Marks a rule that finds nothing outside these scenarios, bases, applicants and parts."""
    scope = Scope(
        frozenset(scenarios),
        frozenset(bases),
        frozenset(roles),
        tuple(_PART_INDEX[part] for part in needs),
    )

    def mark(rule: Rule) -> Rule:
        _SCOPES[rule] = scope
        return rule

    return mark


def except_for(*excluded: Scenario) -> frozenset[Scenario]:
    """Every scenario but these."""
    return frozenset(Scenario).difference(excluded)


def scope_of(rule: Rule) -> Scope:
    return _SCOPES.get(rule, EVERYWHERE)
