"""Human words for the stored codes of scenarios, statuses and roles (GUI and CLI)."""

from __future__ import annotations

from tirkeu.i18n import N_, _

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
