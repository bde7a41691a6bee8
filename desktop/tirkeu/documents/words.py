"""Human words for the record's coded values (sex, places, bases, countries…).

Each code maps to an English msgid of the ``documents`` catalog, so the printed
word follows the document's language, not the screen's.
"""

from __future__ import annotations

from enum import StrEnum

from babel import Locale

from tirkeu.documents.text import DASH, tr
from tirkeu.domain.application import (
    ApplicantRole,
    EvidenceKind,
    FatherBasis,
    IdDocumentKind,
    Language,
    MarriageEndKind,
    MotherIdentity,
    PlaceKind,
    Scenario,
    Sex,
)

ENUM_WORDS: dict[type[StrEnum], dict[str, str]] = {
    Sex: {Sex.MALE: "male", Sex.FEMALE: "female"},
    PlaceKind: {
        PlaceKind.MEDICAL_ORGANIZATION: "in a medical organization",
        PlaceKind.HOME: "at home",
        PlaceKind.EXPEDITION: "in an expedition or remote area",
        PlaceKind.VESSEL: "on a sea or river vessel",
        PlaceKind.AIRCRAFT: "on an aircraft",
        PlaceKind.TRAIN: "on a train",
        PlaceKind.OTHER: "elsewhere",
    },
    FatherBasis: {
        FatherBasis.MARRIAGE: "marriage certificate of the parents (para. 21)",
        FatherBasis.JOINT_PATERNITY: "joint application establishing paternity (para. 26 1))",
        FatherBasis.MOTHER_STATEMENT: "statement of the unmarried mother (para. 26 2))",
        FatherBasis.ACKNOWLEDGMENT: "acknowledgment of paternity with the mother's consent "
        "(para. 26 3))",
        FatherBasis.FORMER_SPOUSE: "record of the former spouse: divorce, annulment or death "
        "within 280 days (para. 17, 23)",
        FatherBasis.NONE: "no data on the father",
    },
    EvidenceKind: {
        EvidenceKind.MEDICAL_CERTIFICATE: "medical certificate of birth",
        EvidenceKind.COURT_DECISION: "court decision establishing the fact of birth (para. 14)",
    },
    MotherIdentity: {
        MotherIdentity.DOCUMENT: "identity document",
        MotherIdentity.FROM_MEDICAL_CERTIFICATE: "medical certificate of birth, data recorded "
        "from her words (para. 12)",
    },
    IdDocumentKind: {
        IdDocumentKind.ID_CARD: "identity card",
        IdDocumentKind.PASSPORT: "passport",
        IdDocumentKind.FOREIGN_PASSPORT: "foreign passport",
        IdDocumentKind.STATELESS_CERTIFICATE: "stateless person's certificate",
        IdDocumentKind.RESIDENCE_PERMIT: "residence permit",
    },
    MarriageEndKind: {
        MarriageEndKind.DIVORCE: "divorce",
        MarriageEndKind.ANNULMENT: "annulment",
        MarriageEndKind.DEATH: "death of the spouse",
    },
    ApplicantRole: {
        ApplicantRole.MOTHER: "mother",
        ApplicantRole.FATHER: "father",
        ApplicantRole.BOTH_PARENTS: "both parents",
        ApplicantRole.INTERESTED_PERSON: "interested person",
        ApplicantRole.MEDICAL_ORGANIZATION: "medical organization",
        ApplicantRole.POLICE: "internal affairs body",
        ApplicantRole.GUARDIANSHIP_BODY: "guardianship and trusteeship body",
        ApplicantRole.EDUCATION_ORGANIZATION: "education organization",
        ApplicantRole.CHILD_SELF: "the registered person (adult)",
    },
    Language: {Language.KK: "Kazakh", Language.RU: "Russian"},
    Scenario: {
        Scenario.MARRIED: "parents married to each other",
        Scenario.UNMARRIED: "parents not married to each other",
        Scenario.STILLBORN: "stillborn child",
        Scenario.FOUND: "found or abandoned child",
        Scenario.SURROGACY: "assisted reproduction or surrogacy",
    },
}


def enum_word(value: StrEnum, lang: str) -> str:
    """The printed word for a coded value in ``lang``."""
    return tr(lang, ENUM_WORDS[type(value)][value])


def citizenship(code: str | None, lang: str) -> str:
    """Citizenship as a certificate writes it: the country, or "stateless"."""
    if not code:
        return DASH
    if code == "stateless":
        return tr(lang, "stateless person")
    if code.upper() == "KZ":
        return tr(lang, "Republic of Kazakhstan")
    return Locale(lang).territories.get(code.upper(), code.upper())
