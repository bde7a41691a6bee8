"""Dates and their order: nothing in the future, events in a possible order."""

from __future__ import annotations

from collections.abc import Iterator

from tirkeu.domain.findings import Finding
from tirkeu.domain.rules.context import Ctx, full_years
from tirkeu.domain.rules.scope import scoped

YOUNGEST_PARENT = 14
OLDEST_PARENT = 70

# Documents that attest the birth (or the finding) cannot predate it.
_ATTESTING = (
    "birth_evidence",
    "late_registration_conclusion",
    "found_child.protocol",
    "found_child.medical_document",
)
# The п. 18 conclusion is drawn up by the registering body after the receipt.
_MADE_AFTER_RECEIPT = ("late_registration_conclusion",)


def received_on(ctx: Ctx) -> Iterator[Finding]:
    received = ctx.app.received_on
    if received is None:
        yield ctx.error("date.received_missing", "received_on", None)
    elif received > ctx.today:
        yield ctx.error("date.received_future", "received_on", None, received_on=str(received))


def child_birth_date(ctx: Ctx) -> Iterator[Finding]:
    """п. 29 1): the date of birth is on the certificate; it cannot be after the receipt."""
    birth = ctx.birth
    if birth is None:
        yield ctx.error("date.birth_missing", "child.birth_date", 29)
        return
    if birth > ctx.today:
        yield ctx.error("date.birth_future", "child.birth_date", 29, birth_date=str(birth))
    received = ctx.app.received_on
    if received is not None and received < birth:
        yield ctx.error(
            "date.received_before_birth",
            "received_on",
            None,
            received_on=str(received),
            birth_date=str(birth),
        )


def people_birth_dates(ctx: Ctx) -> Iterator[Finding]:
    """Parents are born, in the past, plausibly older than the child (a warning)."""
    for path, person in ctx.people():
        field = f"{path}.birth_date"
        born = person.birth_date
        if born is None:
            yield ctx.error("date.person_birth_missing", field, None)
            continue
        if born > ctx.today:
            yield ctx.error("date.person_birth_future", field, None, birth_date=str(born))
            continue
        if path == "applicant.person" or ctx.birth is None:
            continue
        if born >= ctx.birth:
            yield ctx.error(
                "date.parent_younger_than_child",
                field,
                None,
                birth_date=str(born),
                child_birth_date=str(ctx.birth),
            )
            continue
        age = full_years(born, ctx.birth)
        if not YOUNGEST_PARENT <= age <= OLDEST_PARENT:
            yield ctx.warning("date.parent_age", field, None, age=age)


def identity_documents(ctx: Ctx) -> Iterator[Finding]:
    """An identity document is issued in the past and after its holder's birth."""
    for path, person in ctx.people():
        doc = person.document
        if doc is None or doc.issued_on is None:
            continue
        field = f"{path}.document.issued_on"
        if doc.issued_on > ctx.today:
            yield ctx.error("date.document_future", field, None, date=str(doc.issued_on))
        elif person.birth_date is not None and doc.issued_on < person.birth_date:
            yield ctx.error(
                "date.document_before_holder",
                field,
                None,
                date=str(doc.issued_on),
                birth_date=str(person.birth_date),
            )


def supporting_documents(ctx: Ctx) -> Iterator[Finding]:
    """Every document is complete, not from the future, and not older than what it attests."""
    received = ctx.app.received_on
    for path, doc in ctx.documents():
        if not doc.number.strip() or not doc.issuer.strip() or doc.date is None:
            yield ctx.error("doc.incomplete", path, None)
        if doc.date is None:
            continue
        field = f"{path}.date"
        if doc.date > ctx.today:
            yield ctx.error("date.document_future", field, None, date=str(doc.date))
            continue
        if path in _ATTESTING and ctx.birth is not None and doc.date < ctx.birth:
            yield ctx.error(
                "date.document_before_birth",
                field,
                None,
                date=str(doc.date),
                birth_date=str(ctx.birth),
            )
        elif path not in _MADE_AFTER_RECEIPT and received is not None and doc.date > received:
            yield ctx.warning(
                "date.document_after_received",
                field,
                None,
                date=str(doc.date),
                received_on=str(received),
            )


@scoped(needs=("marriage",))
def marriage_dates(ctx: Ctx) -> Iterator[Finding]:
    marriage = ctx.app.marriage
    if marriage is None:
        return
    if marriage.date is not None and marriage.date > ctx.today:
        yield ctx.error("date.marriage_future", "marriage.date", None, date=str(marriage.date))
    ended = marriage.ended
    if ended is None or ended.date is None:
        return
    if ended.date > ctx.today:
        yield ctx.error(
            "date.marriage_end_future", "marriage.ended.date", None, date=str(ended.date)
        )
    elif marriage.date is not None and ended.date < marriage.date:
        yield ctx.error(
            "date.marriage_end_before_start",
            "marriage.ended.date",
            None,
            end_date=str(ended.date),
            date=str(marriage.date),
        )


RULES = (
    received_on,
    child_birth_date,
    people_birth_dates,
    identity_documents,
    supporting_documents,
    marriage_dates,
)
