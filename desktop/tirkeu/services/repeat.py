"""Who may receive a repeat birth certificate (п. 42, 45, 46).

Kept apart from the printing so the GUI can tell the registrar why a person is
refused before any blank is touched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from tirkeu.i18n import N_
from tirkeu.services.stock import RuleRefused


class Relation(StrEnum):
    PARENT = "parent"
    GUARDIAN = "guardian"
    ADOPTER = "adopter"
    TRUSTEE = "trustee"
    INSTITUTION = "institution"  # the administration of a children's institution
    SELF = "self"  # the person the act record is about
    REPRESENTATIVE = "representative"  # an authorised representative (п. 42)


class Ground(StrEnum):
    LOST = "lost"
    DAMAGED = "damaged"


# п. 45: those to whom a child's repeat certificate is given.
_FOR_A_CHILD = frozenset(
    {Relation.PARENT, Relation.GUARDIAN, Relation.ADOPTER, Relation.TRUSTEE, Relation.INSTITUTION}
)
# п. 45 part 2: in whose presence a child of 16–18 without an ID receives it.
_COMPANIONS = frozenset({Relation.PARENT, Relation.GUARDIAN, Relation.ADOPTER})


@dataclass(frozen=True)
class Recipient:
    """The person who asks for and receives the repeat certificate."""

    relation: Relation
    full_name: str = ""
    document: str = ""  # identity document, or the power of attorney of a representative
    ground: Ground = Ground.LOST
    # The earlier certificate, unfit for use, is handed in (п. 48).
    surrendered: bool = False
    # The parent receiving it, or accompanying the child, was deprived of parental rights.
    deprived_of_parental_rights: bool = False
    # A child of 16–18: has an identity document, or who came with the child.
    child_has_id: bool = False
    accompanied_by: Relation | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: (v.value if isinstance(v, StrEnum) else v) for k, v in asdict(self).items()}


def age_on(birth_date: dt.date, day: dt.date) -> int:
    years = day.year - birth_date.year
    return years - 1 if (day.month, day.day) < (birth_date.month, birth_date.day) else years


def check_recipient(birth_date: dt.date, today: dt.date, who: Recipient) -> None:
    """Raise :class:`RuleRefused` when ``who`` may not receive the repeat certificate."""
    parent_involved = who.relation is Relation.PARENT or who.accompanied_by is Relation.PARENT
    if parent_involved and who.deprived_of_parental_rights:
        raise RuleRefused(
            N_(
                "A parent deprived of parental rights does not receive the child's repeat "
                "certificate until the rights are restored"
            ),
            46,
        )
    age = age_on(birth_date, today)
    if age < 16:
        if who.relation not in _FOR_A_CHILD:
            raise RuleRefused(
                N_(
                    "The repeat certificate of a child under sixteen is given only to the "
                    "parents, guardians, adopters, trustees or the children's institution"
                ),
                45,
            )
    elif age < 18:
        if (
            who.relation is Relation.SELF
            and not who.child_has_id
            and who.accompanied_by not in _COMPANIONS
        ):
            raise RuleRefused(
                N_(
                    "A child of sixteen or seventeen without an identity document receives the "
                    "repeat certificate only in the presence of a parent, guardian or adopter"
                ),
                45,
            )
        if who.relation is Relation.REPRESENTATIVE and not who.document.strip():
            raise RuleRefused(N_("An authorised representative shows the power of attorney"), 42)
    else:
        if who.relation not in (Relation.SELF, Relation.REPRESENTATIVE):
            raise RuleRefused(
                N_(
                    "An adult receives the repeat certificate in person or through an "
                    "authorised representative"
                ),
                42,
            )
        if who.relation is Relation.REPRESENTATIVE and not who.document.strip():
            raise RuleRefused(N_("An authorised representative shows the power of attorney"), 42)
