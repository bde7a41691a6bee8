"""What the rules engine reports: one ``Finding`` per problem, in any language.

A finding carries a stable rule id and its parameters, never a sentence: the
sentence is looked up in the ``rules`` catalog when someone reads it, in the
language they read (the UI's, or ``validate --lang``).  ``MESSAGES`` holds the
English msgid of every rule id; the Kazakh and Russian texts are in
``translations/<lang>/LC_MESSAGES/rules.po``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from tirkeu.i18n import N_, t


class Severity(StrEnum):
    ERROR = "error"  # blocks registration until fixed
    WARNING = "warning"  # informs the registrar; registration may go on


@dataclasses.dataclass(frozen=True)
class Finding:
    """One problem (or notice) about one field of an application."""

    severity: Severity
    field: str  # dotted path, e.g. "child.birth_date", "mother.iin"
    paragraph: int | None  # paragraph of Order 429 the rule comes from
    rule: str  # stable id, e.g. "p18.conclusion_required"
    params: Mapping[str, str | int] = dataclasses.field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if self.rule not in MESSAGES:
            raise KeyError(f"rule {self.rule!r} has no message")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self, lang: str) -> str:
        """The finding as a sentence in ``lang`` (kk, ru or en)."""
        return t(lang, MESSAGES[self.rule], "rules").format(**self.params)

    def to_json(self, lang: str) -> dict[str, Any]:
        """The object of the ``validate --json`` contract."""
        return {
            "severity": self.severity.value,
            "field": self.field,
            "paragraph": self.paragraph,
            "rule": self.rule,
            "message": self.message(lang),
        }


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)


MESSAGES: dict[str, str] = {
    # --- dates -----------------------------------------------------------------
    "date.received_missing": N_("The date the application was received is missing."),
    "date.received_future": N_("The application is dated {received_on}, which is in the future."),
    "date.birth_missing": N_("The child's date of birth is missing."),
    "date.birth_future": N_("The child's date of birth {birth_date} is in the future."),
    "date.received_before_birth": N_(
        "The application was received on {received_on}, before the child's birth on {birth_date}."
    ),
    "date.person_birth_missing": N_("The date of birth is missing."),
    "date.person_birth_future": N_("The date of birth {birth_date} is in the future."),
    "date.parent_younger_than_child": N_(
        "The parent's date of birth {birth_date} is not before the child's {child_birth_date}."
    ),
    "date.parent_age": N_(
        "The parent was {age} years old at the child's birth; check the dates of birth."
    ),
    "date.document_future": N_("The document is dated {date}, which is in the future."),
    "date.document_before_holder": N_(
        "The identity document was issued on {date}, before its holder was born ({birth_date})."
    ),
    "date.document_before_birth": N_(
        "The document is dated {date}, before the birth it attests ({birth_date})."
    ),
    "date.document_after_received": N_(
        "The document is dated {date}, after the application was received ({received_on}); "
        "check the date."
    ),
    "date.marriage_future": N_("The marriage is dated {date}, which is in the future."),
    "date.marriage_end_before_start": N_(
        "The marriage is recorded as ended on {end_date}, before it was registered ({date})."
    ),
    "date.marriage_end_future": N_("The end of the marriage is dated {date}, in the future."),
    "date.found_before_birth": N_(
        "The child is recorded as found on {found_on}, before the date of birth {birth_date}."
    ),
    "date.found_future": N_("The child is recorded as found on {found_on}, in the future."),
    "doc.incomplete": N_("The document needs its number, date and issuing body."),
    # --- names -----------------------------------------------------------------
    "name.empty": N_("The name is empty."),
    "name.too_long": N_("The name «{value}» is too long."),
    "name.too_many_words": N_("The name «{value}» has too many words."),
    "name.characters": N_("The name «{value}» contains characters a name cannot have: {chars}"),
    "name.separators": N_(
        "The name «{value}» has a hyphen, apostrophe or space at an end or doubled."
    ),
    "name.mixed_scripts": N_(
        "The name «{value}» mixes Latin and Cyrillic letters; retype it in one alphabet."
    ),
    "name.latin_for_citizen": N_(
        "The name «{value}» is in Latin letters; a citizen of Kazakhstan is recorded "
        "in Cyrillic as in the identity document. Latin spelling is accepted only for "
        "foreign citizens and stateless persons."
    ),
    "name.lowercase": N_("The name «{value}» starts with a small letter."),
    "name.patronymic_sex": N_(
        "The patronymic «{value}» is of the form for the other sex; check the patronymic "
        "and the sex."
    ),
    # --- IIN -------------------------------------------------------------------
    "iin.length": N_("The IIN «{value}» must have 12 digits."),
    "iin.digits": N_("The IIN «{value}» must consist of digits only."),
    "iin.century": N_("The IIN «{value}» has an impossible 7th digit (century and sex)."),
    "iin.date": N_("The IIN «{value}» does not begin with a real date."),
    "iin.checksum": N_("The IIN «{value}» has a wrong check digit; check for a typing error."),
    "iin.never_issued": N_("The IIN «{value}» cannot exist: such numbers are never issued."),
    "iin.birth_date_mismatch": N_(
        "The IIN encodes the date of birth {iin_date}, but the date of birth is {birth_date}."
    ),
    "iin.sex_mismatch": N_("The IIN encodes a different sex than recorded."),
    # --- persons ---------------------------------------------------------------
    "mother.required": N_(
        "The mother's data are missing; only for a found child may they be absent."
    ),
    "person.document_kind": N_(
        "The identity document kind does not fit the citizenship ({citizenship}); check it."
    ),
    "p31.mother_document_missing": N_(
        "The mother's identity document is missing; her data are filled from it. If she has "
        "none, record her data from the medical certificate (para. 12)."
    ),
    "p31.father_document_missing": N_(
        "The father's identity document is missing; the parents' data are filled from their "
        "identity documents."
    ),
    "p27.nationality_needs_document": N_(
        "Nationality is recorded only as written in the identity document, and only if the "
        "applicant wishes; without a document leave it empty."
    ),
    "p27.nationality_characters": N_("The nationality «{value}» contains characters: {chars}"),
    "p28.nationality_from_passport": N_(
        "The nationality of a foreign parent is taken from the foreign passport, or else from a "
        "document of the competent body of that state; check where it comes from."
    ),
    # --- applicant -------------------------------------------------------------
    "p4.applicant_person_missing": N_(
        "The applicant is not a parent: the data of the person applying are needed."
    ),
    "p4.applicant_id_missing": N_("The applicant's identity document is needed."),
    "p4.authority_document_missing": N_(
        "The applicant is not a parent: a document confirming the authority to register the "
        "child's birth is needed."
    ),
    "p4.organization_missing": N_("The name of the applying organisation is missing."),
    "applicant.mother_absent": N_("The applicant is the mother, but there are no mother's data."),
    "applicant.father_not_parent": N_(
        "The applicant is the father, but no father is recorded on the statement of the parents "
        "or of the man himself."
    ),
    "applicant.both_parents_absent": N_(
        "The applicants are both parents, but the data of one parent are missing."
    ),
    "p19.adult_applies_self": N_(
        "The person was {age} years old when the application was received: the birth of an adult "
        "is registered on their own written application."
    ),
    "p19.child_self_minor": N_(
        "The child applies alone but was {age} years old; only an adult applies on their own."
    ),
    "p19.applicant_person_missing": N_("The data of the adult applying for themself are missing."),
    "p7.applicant_medical": N_(
        "For a stillborn child the application is made by the responsible official of the "
        "medical organisation."
    ),
    "p15.applicant_role": N_(
        "A found or abandoned child is registered on the application of the police, the "
        "guardianship body, or the education or medical organisation where the child is placed."
    ),
    # --- parentage -------------------------------------------------------------
    "p26.father_data_with_none": N_(
        "No father is to be recorded, but the father's data are filled in; remove them or "
        "choose the basis of the father's data."
    ),
    "parentage.father_missing": N_("The father's data are missing for the chosen basis."),
    "p21.marriage_missing": N_(
        "The marriage certificate is the basis for recording married parents; its data are missing."
    ),
    "p21.marriage_after_birth": N_(
        "The marriage was registered on {date}, after the birth: the marriage certificate is not "
        "a basis for the father's data; record the father by joint paternity (para. 26(1))."
    ),
    "p21.basis_needs_married": N_(
        "The father is recorded on the basis of marriage, but the scenario says the parents are "
        "not married."
    ),
    "p21.father_required": N_(
        "Married parents are both recorded as the child's parents; the father's data are needed."
    ),
    "p17.beyond_280_days": N_(
        "The marriage ended {days} days before the birth, more than 280: the former spouse is "
        "not recorded as the father on general grounds; the rules for unmarried parents apply "
        "(para. 26)."
    ),
    "p23.record_former_spouse": N_(
        "The marriage ended {days} days before the birth (not more than 280): the child is "
        "registered on general grounds and the father's data come from the marriage or divorce "
        "record or the death record; choose the basis «former spouse»."
    ),
    "p23.marriage_end_missing": N_(
        "The basis is the former spouse, but the date and kind of the end of the marriage "
        "(divorce, annulment or death) are missing."
    ),
    "p23.ended_after_birth": N_(
        "The marriage ended on {date}, after the birth: the child was born in marriage; choose "
        "the basis «marriage»."
    ),
    "p23.end_document_missing": N_(
        "The certificate of divorce, annulment or death is not given; the father's data are "
        "then taken from the act record (a careful registrar checks it exists)."
    ),
    "p24.former_spouse_presumed": N_(
        "The child was born within 280 days after the mother's marriage ended: her former "
        "spouse is presumed the father. Another man is recorded only on his acknowledgment with "
        "the written consent of the former spouse (para. 25), otherwise by a court."
    ),
    "p25.husband_consent_missing": N_(
        "The mother's husband (or former husband within 280 days) is not the father: his written "
        "consent is needed, or a police document on search measures or a court decision declaring "
        "him missing or incapable."
    ),
    "p26.basis_for_unmarried": N_(
        "This basis of the father's data is for parents not married to each other; for a married "
        "mother whose husband is not the father use acknowledgment with his consent (para. 25)."
    ),
    "p26.joint_application": N_(
        "Joint paternity is established on the joint application of both parents; check that both "
        "signed it (a careful registrar's choice)."
    ),
    "p26.statement_by_mother": N_(
        "The father's data on the mother's statement (or no father at her wish) are entered on "
        "the application of the mother herself."
    ),
    "p26.father_surname_mother": N_(
        "On the mother's statement the father's surname is the mother's: «{mother_surname}», "
        "not «{father_surname}» (its masculine form is accepted: a careful registrar's "
        "choice)."
    ),
    "p26.mother_consent_missing": N_(
        "The man acknowledging himself the father needs the mother's consent; it is missing."
    ),
    "p26.no_father_at_wish": N_("No father is recorded, at the mother's wish."),
    "parentage.scenario_married": N_(
        "The mother is married (a current marriage is given): choose the scenario «married»; "
        "if her husband is not the father, record the father by acknowledgment with the "
        "husband's consent (para. 25)."
    ),
    "p22.contract_missing": N_("The surrogacy contract is missing."),
    "p22.spouses_are_parents": N_(
        "Under a surrogacy contract the spouses are recorded as the parents: the basis is their "
        "marriage, with both spouses' data."
    ),
    "p22.contract_after_birth": N_(
        "The surrogacy contract is dated {date}, after the birth ({birth_date})."
    ),
    "p22.art_consent_missing": N_(
        "The spouses' written consent to assisted reproductive methods is not given; a careful "
        "registrar asks for it."
    ),
    "p22.scenario_not_surrogacy": N_(
        "Surrogacy data are given but the scenario is not surrogacy; check the scenario."
    ),
    # --- birth -----------------------------------------------------------------
    "child.birth_place_missing": N_("The child's place of birth is missing."),
    "p14.evidence_missing": N_(
        "A medical certificate of birth is needed, or without it a copy of the court decision "
        "establishing the fact of birth."
    ),
    "p12.recorded_from_words": N_(
        "The mother has no identity document: her name is filled from the medical certificate, "
        "which must bear the mark that her data were recorded from her words."
    ),
    "p12.needs_medical_certificate": N_(
        "The mother's data can be taken from her words only through a medical certificate of "
        "birth bearing that mark."
    ),
    "p11.outside_medical_organization": N_(
        "For a birth outside a medical organisation the medical certificate is drawn up from the "
        "mother's identity documents; check why her data are from her words."
    ),
    "p20.place_is_registration_unit": N_(
        "Born in an expedition, on a vessel, aircraft or train: the place of birth is the "
        "administrative-territorial unit where the birth is registered. Check that the place "
        "entered («{place}») is this office's unit."
    ),
    "p8.count": N_("A multiple birth has at least two children."),
    "p8.order": N_("The child's order {order} in the multiple birth is beyond the count {count}."),
    "p8.count_unusual": N_("A multiple birth of {count} children; check the count."),
    "p18.conclusion_required": N_(
        "The child was {age} years old when the application was received: registration needs "
        "the conclusion on registering the birth of a child aged one year or more (Appendix 6 "
        "to the Rules approved by Order No. 112)."
    ),
    "p18.conclusion_not_needed": N_(
        "A conclusion for a child aged one year or more is given, but the child is younger."
    ),
    "p7.alive_flag": N_("The scenario is stillborn, but the child is marked as born alive."),
    "p7.scenario_stillborn": N_("The child is marked as not alive: choose the scenario stillborn."),
    "p40.spravka_not_certificate": N_(
        "No birth certificate is issued for a stillborn child; a spravka of registration of a "
        "stillborn child is issued."
    ),
    "p15.found_child_missing": N_(
        "The data of finding are missing: date, place and circumstances, the protocol or act, and "
        "the medical document on age and sex."
    ),
    "p15.protocol_before_found": N_(
        "The protocol is dated {date}, before the child was found ({found_on})."
    ),
    "p15.medical_before_found": N_(
        "The medical document is dated {date}, before the child was found ({found_on})."
    ),
    "p15.scenario_not_found": N_("Data of a found child are given but the scenario is not found."),
    "p16.two_witnesses": N_(
        "A child left by an unknown mother: the medical organisation's protocol is drawn up in "
        "the presence of two witnesses; {count} given."
    ),
    # --- deadlines -------------------------------------------------------------
    "p5.late": N_(
        "The application was received on {received_on}, later than three working days after the "
        "birth ({deadline}). This is not a ground for refusal (the Kazakh text of para. 5 sets the "
        "term for the parents too)."
    ),
    "p7.late": N_(
        "The application for a stillborn child was received on {received_on}, later than one "
        "working day after the birth ({deadline})."
    ),
    "p15.late": N_(
        "The found child's birth is registered later than seven days after the finding "
        "({deadline})."
    ),
}
