"""Who receives a repeat certificate (п. 42, 45–46), as the windows name them."""

from __future__ import annotations

from tirkeu.i18n import N_
from tirkeu.services.repeat import Relation

RELATIONS = {
    Relation.PARENT: N_("Parent"),
    Relation.GUARDIAN: N_("Guardian"),
    Relation.ADOPTER: N_("Adopter"),
    Relation.TRUSTEE: N_("Trustee"),
    Relation.INSTITUTION: N_("Children's institution"),
    Relation.SELF: N_("The person themself"),
    Relation.REPRESENTATIVE: N_("Authorised representative"),
}
