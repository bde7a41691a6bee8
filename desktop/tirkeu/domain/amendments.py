"""Amendments of a registered act record: changes, corrections, additions, restoration
and paternity established after registration (п. 13, 26; eGov service card).

An amendment is plain data: its kind, the basis document and the fields it
changes as dotted paths of the e-application (``child.given_name``,
``mother.iin``, ``father`` as a whole person).  It is checked like an
application: the rules engine runs on the amended application, and the rules
here add what only an amendment can get wrong.  The certificate issued after an
approved amendment costs 0.5 MRP, read from a dated table so that a new year's
MRP is one line in ``resources/fees.json``.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, get_args, get_type_hints

from babel.numbers import format_currency

from tirkeu.domain.application import Application, FatherBasis, Scenario, from_dict, to_dict
from tirkeu.domain.findings import Finding, Severity
from tirkeu.domain.rules import check
from tirkeu.domain.workdays import WorkCalendar
from tirkeu.i18n import N_, t
from tirkeu.resources import resource

# Service card: an application for changes, additions and corrections is decided
# within 7 working days, the day of receipt not counted.
AMENDMENT_WORKING_DAYS = 7
FEES_PATH = ("fees.json",)
CURRENCY = "KZT"


class AmendmentKind(StrEnum):
    CHANGE = "change"
    CORRECTION = "correction"
    ADDITION = "addition"  # e.g. the mother's data completed later (п. 13)
    RESTORATION = "restoration"
    PATERNITY = "paternity"  # paternity established after registration (п. 26)


class BasisKind(StrEnum):
    APPLICATION = "application"
    COURT_DECISION = "court_decision"
    JOINT_PATERNITY_APPLICATION = "joint_paternity_application"
    PATERNITY_ACKNOWLEDGMENT = "paternity_acknowledgment"
    MEDICAL_CERTIFICATE = "medical_certificate"
    REGISTRY_CONCLUSION = "registry_conclusion"
    OTHER = "other"


class AmendmentStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"


# The bases on which paternity is established after registration (п. 26).
PATERNITY_BASES = frozenset(
    {
        BasisKind.JOINT_PATERNITY_APPLICATION,
        BasisKind.PATERNITY_ACKNOWLEDGMENT,
        BasisKind.COURT_DECISION,
    }
)
# Fields that record the registration itself, not the facts it registered.
FIXED_FIELDS = frozenset({"schema", "received_on"})


@dataclasses.dataclass(frozen=True)
class Basis:
    """The document the amendment rests on: kind, number, date, issuing body."""

    kind: BasisKind
    number: str = ""
    date: dt.date | None = None
    issuer: str = ""

    @property
    def complete(self) -> bool:
        return bool(self.number.strip() and self.date and self.issuer.strip())

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "number": self.number,
            "date": self.date.isoformat() if self.date else None,
            "issuer": self.issuer,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Basis:
        day = data.get("date")
        return cls(
            BasisKind(data["kind"]),
            str(data.get("number") or ""),
            dt.date.fromisoformat(day) if day else None,
            str(data.get("issuer") or ""),
        )


@dataclasses.dataclass(frozen=True)
class FieldChange:
    """One field of the application before and after, as JSON values (None: absent)."""

    path: str
    before: Any
    after: Any

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "before": self.before, "after": self.after}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FieldChange:
        return cls(str(data["path"]), data.get("before"), data.get("after"))


@dataclasses.dataclass(frozen=True)
class Fee:
    """A fee of the service card on a given day, from the dated table."""

    service: str
    on: dt.date
    mrp_kzt: int
    multiple: Decimal

    @property
    def amount(self) -> Decimal:
        return (self.mrp_kzt * self.multiple).quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def tiyn(self) -> int:
        return int(self.amount * 100)


@dataclasses.dataclass(frozen=True)
class Amendment:
    """An amendment of one act record and where it stands."""

    id: int | None
    record_id: int
    kind: AmendmentKind
    basis: Basis | None
    changes: tuple[FieldChange, ...]
    received_on: dt.date
    due_on: dt.date
    status: AmendmentStatus = AmendmentStatus.PENDING
    note: str = ""
    decided_on: dt.date | None = None
    decided_by: str | None = None
    refusal_reason: str | None = None
    version: int | None = None  # the record version the approval produced
    fee_kzt: Decimal | None = None  # recorded when the certificate is issued
    mrp_kzt: int | None = None
    certificate_id: int | None = None

    def overdue(self, today: dt.date) -> bool:
        return self.status is AmendmentStatus.PENDING and today > self.due_on


def amendment_due(received_on: dt.date, calendar: WorkCalendar) -> dt.date:
    """The last day of the service term: 7 working days, the day of receipt not counted."""
    return calendar.add_working_days(received_on, AMENDMENT_WORKING_DAYS)


# --- dotted paths of the application -------------------------------------------


def field_known(path: str) -> bool:
    """Whether ``path`` names a field of the e-application (``child.given_name``, ``father``)."""
    tp: Any = Application
    for part in path.split("."):
        if not (isinstance(tp, type) and dataclasses.is_dataclass(tp)):
            return False
        hints = get_type_hints(tp)
        if part not in hints:
            return False
        tp = hints[part]
        inner = [a for a in get_args(tp) if a is not type(None)]
        if inner:
            tp = inner[0]
    return True


def get_value(data: Mapping[str, Any], path: str) -> Any:
    """The JSON value at ``path``, None where it or a parent is absent."""
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return copy.deepcopy(node)


def with_values(data: Mapping[str, Any], changes: Sequence[FieldChange]) -> dict[str, Any]:
    """A copy of ``data`` with each change's ``after`` put at its path (None removes)."""
    out = copy.deepcopy(dict(data))
    for change in changes:
        *parents, leaf = change.path.split(".")
        node = out
        for part in parents:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
        if change.after is None:
            node.pop(leaf, None)
        else:
            node[leaf] = copy.deepcopy(change.after)
    return out


def changes_from(app: Application, values: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    """The changes that set ``values`` (path → new JSON value), with the record's current
    values as ``before``."""
    current = to_dict(app)
    return tuple(FieldChange(p, get_value(current, p), copy.deepcopy(v)) for p, v in values.items())


def amended(app: Application, changes: Sequence[FieldChange]) -> Application:
    """The application as the amendment makes it (raises ShapeError on a bad value)."""
    return from_dict(with_values(to_dict(app), changes))


def paternity_basis(basis: Basis | None) -> FatherBasis | None:
    """The basis of the father's data an amendment's basis document gives (п. 26)."""
    if basis is None:
        return None
    return {
        BasisKind.JOINT_PATERNITY_APPLICATION: FatherBasis.JOINT_PATERNITY,
        BasisKind.PATERNITY_ACKNOWLEDGMENT: FatherBasis.ACKNOWLEDGMENT,
    }.get(basis.kind)


# --- fees ----------------------------------------------------------------------

SERVICE_REGISTRATION = "registration"
SERVICE_AMENDED_CERTIFICATE = "certificate_after_amendment"


@cache
def fee_table(path: Path | None = None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((path or resource(*FEES_PATH)).read_text(encoding="utf-8"))
    return data


def _row_on(rows: Sequence[Mapping[str, Any]], day: dt.date) -> Mapping[str, Any]:
    valid = [r for r in rows if dt.date.fromisoformat(r["from"]) <= day]
    if not valid:
        raise LookupError(f"the fee table has no row for {day.isoformat()}")
    return max(valid, key=lambda r: str(r["from"]))


def fee_on(service: str, day: dt.date, table: Mapping[str, Any] | None = None) -> Fee:
    """The fee of ``service`` on ``day``: its MRP multiple times the MRP of that day."""
    data = table if table is not None else fee_table()
    mrp = int(_row_on(data["mrp"], day)["kzt"])
    multiple = Decimal(str(_row_on(data["fees"][service], day)["mrp"]))
    return Fee(service, day, mrp, multiple)


def format_money(amount: Decimal, lang: str) -> str:
    """An amount in tenge as the reader's language writes it ("2 162,50 ₸").

    Babel's Russian (and English) data name the currency "KZT"; a reader in
    Kazakhstan expects the tenge sign in every language.
    """
    return format_currency(amount, CURRENCY, locale=lang).replace(CURRENCY, "₸")


# --- amendment rules -----------------------------------------------------------

AMENDMENT_MESSAGES: dict[str, str] = {
    "amend.basis_missing": N_(
        "The basis document of the amendment is missing: its kind, number, date and issuing "
        "body are needed."
    ),
    "amend.no_change": N_(
        "The amendment changes nothing: every new value equals the one in the act record."
    ),
    "amend.field_unknown": N_("«{path}» is not a field of the act record."),
    "amend.field_fixed": N_(
        "«{path}» records the registration itself and is not amended; the amendment keeps "
        "its own date of receipt."
    ),
    "amend.paternity_father": N_(
        "Paternity established after registration records the father: his data are needed."
    ),
    "amend.paternity_basis": N_(
        "Paternity established after registration rests on the joint application of the "
        "parents, the man's acknowledgment with the mother's consent, or a court decision."
    ),
    "amend.paternity_married": N_(
        "The parents were married to each other: the father is recorded from the marriage "
        "certificate, not by establishing paternity later; use a change or a correction."
    ),
    "amend.mother_consent": N_(
        "The man's acknowledgment of paternity needs the mother's consent: its document is missing."
    ),
    "amend.addition_overwrites": N_(
        "An addition fills in data the act record lacks, but «{path}» already has a value; "
        "use a change or a correction."
    ),
    "amend.stillborn_spravka": N_(
        "The child was stillborn: no birth certificate follows the amendment; a new spravka of "
        "registration of a stillborn child is issued instead, without a fee."
    ),
}


@dataclasses.dataclass(frozen=True)
class AmendmentFinding(Finding):
    """A finding of the amendment rules; its sentence is in the same ``rules`` catalog."""

    def __post_init__(self) -> None:
        if self.rule not in AMENDMENT_MESSAGES:
            raise KeyError(f"rule {self.rule!r} has no message")

    def message(self, lang: str) -> str:
        return t(lang, AMENDMENT_MESSAGES[self.rule], "rules").format(**self.params)


def _error(field: str, rule: str, paragraph: int | None = None, **params: str) -> Finding:
    return AmendmentFinding(Severity.ERROR, field, paragraph, rule, params)


def _warning(field: str, rule: str, paragraph: int | None = None, **params: str) -> Finding:
    return AmendmentFinding(Severity.WARNING, field, paragraph, rule, params)


def amendment_findings(
    kind: AmendmentKind,
    basis: Basis | None,
    changes: Sequence[FieldChange],
    before: Application,
) -> list[Finding]:
    """What the amendment itself gets wrong, whatever the application says."""
    return list(_amendment_rules(kind, basis, changes, before))


def _amendment_rules(
    kind: AmendmentKind,
    basis: Basis | None,
    changes: Sequence[FieldChange],
    before: Application,
) -> Iterator[Finding]:
    paternity = kind is AmendmentKind.PATERNITY
    if basis is None or not basis.complete:
        yield _error("basis", "amend.basis_missing", 26 if paternity else None)
    for change in changes:
        if change.path in FIXED_FIELDS:
            yield _error(change.path, "amend.field_fixed", path=change.path)
        elif not field_known(change.path):
            yield _error(change.path, "amend.field_unknown", path=change.path)
        elif kind is AmendmentKind.ADDITION and change.before not in (None, "", [], {}):
            paragraph = 13 if change.path.startswith("mother") else None
            yield _warning(change.path, "amend.addition_overwrites", paragraph, path=change.path)
    if all(c.before == c.after for c in changes):
        yield _error("changes", "amend.no_change")
    if paternity:
        if before.scenario in (Scenario.MARRIED, Scenario.SURROGACY):
            yield _error("father", "amend.paternity_married", 21)
        father = next((c.after for c in changes if c.path == "father"), None)
        if not isinstance(father, Mapping) or not father.get("surname"):
            yield _error("father", "amend.paternity_father", 26)
        if basis is not None and basis.kind not in PATERNITY_BASES:
            yield _error("basis", "amend.paternity_basis", 26)
        if basis is not None and basis.kind is BasisKind.PATERNITY_ACKNOWLEDGMENT:
            consent = next((c.after for c in changes if c.path == "mother_consent"), None)
            if consent is None and before.mother_consent is None:
                yield _error("mother_consent", "amend.mother_consent", 26)
    if not before.child.alive:
        yield _warning("child.alive", "amend.stillborn_spravka", 40)


def check_amendment(
    kind: AmendmentKind,
    basis: Basis | None,
    changes: Sequence[FieldChange],
    before: Application,
    today: dt.date,
    calendar: WorkCalendar | None = None,
) -> list[Finding]:
    """The amendment's own findings, then those of the rules engine on the amended
    application (a value that breaks the application's shape is an unknown field)."""
    own = amendment_findings(kind, basis, changes, before)
    try:
        after = amended(before, changes)
    except ValueError as exc:
        path = getattr(exc, "path", "changes")
        return [*own, _error(path, "amend.field_unknown", path=path)]
    # A document that came with the amendment is naturally dated after the birth was
    # registered; the engine's warning about that is not meant for it.
    changed = tuple(c.path for c in changes)
    engine = [
        f
        for f in check(after, today, calendar)
        if not (f.rule == "date.document_after_received" and f.field.startswith(changed))
    ]
    if any(f.rule == "p26.mother_consent_missing" for f in engine):
        own = [f for f in own if f.rule != "amend.mother_consent"]
    findings = [*own, *engine]
    return sorted(findings, key=lambda f: f.severity is not Severity.ERROR)
