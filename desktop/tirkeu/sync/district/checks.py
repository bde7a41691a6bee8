"""What the district checks in each received record, and the reasons it gives.

A record must be readable and numbered; it then goes through the rules engine
(``tirkeu.domain.rules.check``) when that module is installed, with the
record's own registration date as "today" so that a bundle arriving late does
not make a timely registration look late.  Error findings reject the record;
the office already saw the warnings.  Possible duplicates across akimats (same
child's name and birth date, same mother) are held for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from tirkeu.domain.application import Application, Sex, ShapeError
from tirkeu.domain.record import ActRecord
from tirkeu.i18n import LANGUAGES, N_, t
from tirkeu.sync.ack import Reason
from tirkeu.sync.payload import payload_to_record

UNREADABLE = N_("The record's data is malformed (field {field}).")
NO_NUMBER = N_("The record has no act record number.")
DUPLICATE = N_(
    "Possibly the same birth as record No. {number} of office {office}:"
    " the same child's name, birth date and mother."
)
IIN_TAKEN = N_("The child's IIN {iin} already belongs to another record.")


def reason(rule: str, msgid: str, paragraph: int | None = None, **params: object) -> Reason:
    """A reason with its sentence in every language (the office picks its own)."""
    return Reason(
        rule=rule,
        messages={lang: t(lang, msgid, "sync").format(**params) for lang in LANGUAGES},
        paragraph=paragraph,
    )


@functools.cache  # looked up for every record of a bundle
def _rules_check() -> Callable[[Application, dt.date], list[Any]] | None:
    try:
        module = importlib.import_module("tirkeu.domain.rules")
    except ModuleNotFoundError as exc:
        if exc.name in ("tirkeu.domain.rules",):
            return None
        raise
    check = getattr(module, "check", None)
    return check if callable(check) else None


def load_engine() -> None:
    """Import the rules engine and read the working-day calendar now (about 0.2 s, once).

    Without this, the first bundle a district process checks pays for both.
    """
    if _rules_check() is not None:
        from tirkeu.domain.workdays import default_calendar

        default_calendar()


def read_record(item: Any) -> tuple[ActRecord | None, list[Reason]]:
    """The record of a payload item, or the reason it cannot be taken."""
    try:
        record = payload_to_record(item)
    except ShapeError as exc:
        return None, [reason("record.unreadable", UNREADABLE, field=exc.path)]
    except (ValueError, TypeError, KeyError) as exc:
        return None, [reason("record.unreadable", UNREADABLE, field=str(exc))]
    if record.number is None:
        return record, [reason("record.number", NO_NUMBER)]
    return record, []


def content_reasons(record: ActRecord, today: dt.date) -> list[Reason]:
    """The error findings of the rules engine, as reasons (none without the engine)."""
    check = _rules_check()
    if check is None:
        return []
    findings = check(record.application, record.record_date or today)
    return [
        Reason(
            rule=str(f.rule),
            messages={lang: str(f.message(lang)) for lang in LANGUAGES},
            paragraph=f.paragraph,
        )
        for f in findings
        if f.severity == "error"
    ]


class ChildFacts(NamedTuple):
    """What the decisions need of the child: the IIN it has, or what gives it one."""

    iin: str | None
    alive: bool
    birth_date: dt.date | None
    sex: Sex


@dataclass(frozen=True)
class Checked:
    """One item of ``records.json`` after the checks that need no database.

    Only what the decisions use is kept (not the whole record), so that a
    helper process's answers cost little to send back.
    """

    child: ChildFacts | None  # None when the record cannot be read
    reasons: list[Reason]
    key: str  # child_key, "" when unreadable


def check_item(item: dict[str, Any], today: dt.date) -> Checked:
    """Read ``item`` and run the rules on it; ``today`` stands in for a missing record date."""
    record, reasons = read_record(item)
    if record is None:
        return Checked(None, reasons, "")
    if not reasons:
        reasons = content_reasons(record, today)
    app = record.application
    child = app.child
    facts = ChildFacts(child.iin, child.alive, child.birth_date, child.sex)
    return Checked(facts, reasons, child_key(app))


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold().replace("ё", "е")


def child_key(app: Application) -> str:
    """The index key of possible duplicates: the child's names and birth date."""
    child = app.child
    born = child.birth_date.isoformat() if child.birth_date else ""
    return f"{_norm(child.surname)}|{_norm(child.given_name)}|{born}"


def same_mother(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Mothers (as e-application objects) match by IIN when both have one, else by name."""
    if not a or not b:
        return False
    if a.get("iin") and b.get("iin"):
        return bool(a["iin"] == b["iin"])
    return (_norm(a.get("surname")), _norm(a.get("given_name"))) == (
        _norm(b.get("surname")),
        _norm(b.get("given_name")),
    )
