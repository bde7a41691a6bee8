"""Human words for the stored codes of scenarios, statuses and roles (GUI and CLI)."""

from __future__ import annotations

from tirkeu.i18n import N_, _, t

SCENARIOS = {
    "married": N_("Parents married"),
    "unmarried": N_("Parents not married"),
    "stillborn": N_("Stillborn child"),
    "found": N_("Found or abandoned child"),
    "surrogacy": N_("Assisted reproduction / surrogacy"),
}

STATUSES = {
    "draft": N_("Draft"),
    "registered": N_("Registered locally"),
    "certificate_issued": N_("Certificate issued"),
    "refused": N_("Refused"),
    "transferred": N_("Sent to the district"),
    "confirmed": N_("Confirmed by the district"),
    "rejected": N_("Rejected by the district"),
}

ROLES = {
    "registrar": N_("Registrar"),
    "head": N_("Head"),
    "admin": N_("Administrator"),
}


def scenario_label(code: str) -> str:
    return _(SCENARIOS.get(code, code))


def status_label(code: str) -> str:
    return _(STATUSES.get(code, code))


def role_label(code: str) -> str:
    return _(ROLES.get(code, code))


# The fields an amendment changes most, as a registrar names them (п. 13, 26);
# any other field keeps its dotted path.
FIELD_LABELS = {
    "child.surname": N_("Child's surname"),
    "child.given_name": N_("Child's name"),
    "child.patronymic": N_("Child's patronymic"),
    "child.sex": N_("Child's sex"),
    "child.birth_date": N_("Child's date of birth"),
    "child.birth_place.text": N_("Child's place of birth"),
    "mother.surname": N_("Mother's surname"),
    "mother.given_name": N_("Mother's name"),
    "mother.patronymic": N_("Mother's patronymic"),
    "mother.birth_date": N_("Mother's date of birth"),
    "mother.iin": N_("Mother's IIN"),
    "mother.nationality": N_("Mother's nationality"),
    "mother.address": N_("Mother's address"),
    "father": N_("Father"),
    "father.surname": N_("Father's surname"),
    "father.given_name": N_("Father's name"),
    "father.patronymic": N_("Father's patronymic"),
    "father.iin": N_("Father's IIN"),
    "father.nationality": N_("Father's nationality"),
}


def field_label(path: str, lang: str) -> str:
    """A field of the application as a person reads it in ``lang``."""
    return t(lang, FIELD_LABELS[path]) if path in FIELD_LABELS else path
