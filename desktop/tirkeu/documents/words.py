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
from tirkeu.i18n import N_

ENUM_WORDS: dict[type[StrEnum], dict[str, str]] = {
    Sex: {Sex.MALE: N_("male"), Sex.FEMALE: N_("female")},
    PlaceKind: {
        PlaceKind.MEDICAL_ORGANIZATION: N_("in a medical organization"),
        PlaceKind.HOME: N_("at home"),
        PlaceKind.EXPEDITION: N_("in an expedition or remote area"),
        PlaceKind.VESSEL: N_("on a sea or river vessel"),
        PlaceKind.AIRCRAFT: N_("on an aircraft"),
        PlaceKind.TRAIN: N_("on a train"),
        PlaceKind.OTHER: N_("elsewhere"),
    },
    FatherBasis: {
        FatherBasis.MARRIAGE: N_("marriage certificate of the parents (para. 21)"),
        FatherBasis.JOINT_PATERNITY: N_("joint application establishing paternity (para. 26 1))"),
        FatherBasis.MOTHER_STATEMENT: N_("statement of the unmarried mother (para. 26 2))"),
        FatherBasis.ACKNOWLEDGMENT: N_(
            "acknowledgment of paternity with the mother's consent (para. 26 3))"
        ),
        FatherBasis.FORMER_SPOUSE: N_(
            "record of the former spouse: divorce, annulment or death "
            "within 280 days (para. 17, 23)"
        ),
        FatherBasis.NONE: N_("no data on the father"),
    },
    EvidenceKind: {
        EvidenceKind.MEDICAL_CERTIFICATE: N_("medical certificate of birth"),
        EvidenceKind.COURT_DECISION: N_("court decision establishing the fact of birth (para. 14)"),
    },
    MotherIdentity: {
        MotherIdentity.DOCUMENT: N_("identity document"),
        MotherIdentity.FROM_MEDICAL_CERTIFICATE: N_(
            "medical certificate of birth, data recorded from her words (para. 12)"
        ),
    },
    IdDocumentKind: {
        IdDocumentKind.ID_CARD: N_("identity card"),
        IdDocumentKind.PASSPORT: N_("passport"),
        IdDocumentKind.FOREIGN_PASSPORT: N_("foreign passport"),
        IdDocumentKind.STATELESS_CERTIFICATE: N_("stateless person's certificate"),
        IdDocumentKind.RESIDENCE_PERMIT: N_("residence permit"),
    },
    MarriageEndKind: {
        MarriageEndKind.DIVORCE: N_("divorce"),
        MarriageEndKind.ANNULMENT: N_("annulment"),
        MarriageEndKind.DEATH: N_("death of the spouse"),
    },
    ApplicantRole: {
        ApplicantRole.MOTHER: N_("mother"),
        ApplicantRole.FATHER: N_("father"),
        ApplicantRole.BOTH_PARENTS: N_("both parents"),
        ApplicantRole.INTERESTED_PERSON: N_("interested person"),
        ApplicantRole.MEDICAL_ORGANIZATION: N_("medical organization"),
        ApplicantRole.POLICE: N_("internal affairs body"),
        ApplicantRole.GUARDIANSHIP_BODY: N_("guardianship and trusteeship body"),
        ApplicantRole.EDUCATION_ORGANIZATION: N_("education organization"),
        ApplicantRole.CHILD_SELF: N_("the registered person (adult)"),
    },
    Language: {Language.KK: N_("Kazakh"), Language.RU: N_("Russian")},
    Scenario: {
        Scenario.MARRIED: N_("parents married to each other"),
        Scenario.UNMARRIED: N_("parents not married to each other"),
        Scenario.STILLBORN: N_("stillborn child"),
        Scenario.FOUND: N_("found or abandoned child"),
        Scenario.SURROGACY: N_("assisted reproduction or surrogacy"),
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
