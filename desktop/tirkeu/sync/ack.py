"""The acknowledgement: the district's signed answer to one records bundle.

Per record: accepted, rejected with reasons, or a possible duplicate, and the
child's IIN when the district assigned it; plus the calendar overrides the
district publishes (future holiday transfers that ``holidays.KZ`` cannot know).
Reasons carry their message in every language so the office shows them in the
language of its screen.  The district writes acks; the office opens them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from cryptography import x509

from tirkeu.sync.bundle import Kind, OpenedBundle, open_bundle
from tirkeu.sync.errors import BundleError, ErrorCode
from tirkeu.sync.pki import KeyMaterial, fingerprint

RESULTS = "results.json"
CALENDAR = "calendar.json"


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"  # possible duplicate: held for a person at the district


@dataclass(frozen=True)
class Reason:
    rule: str
    messages: dict[str, str]  # language code → sentence
    paragraph: int | None = None  # of Order 429, when the reason comes from it

    def message(self, lang: str) -> str:
        return self.messages.get(lang) or self.messages.get("en") or self.rule

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "paragraph": self.paragraph, "messages": self.messages}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reason:
        paragraph = data.get("paragraph")
        return cls(
            rule=str(data["rule"]),
            messages={str(k): str(v) for k, v in dict(data["messages"]).items()},
            paragraph=int(paragraph) if paragraph is not None else None,
        )


@dataclass(frozen=True)
class RecordResult:
    local_id: int  # the office's own record id
    number: int | None
    outcome: Outcome
    reasons: tuple[Reason, ...] = ()
    iin: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "local_id": self.local_id,
            "number": self.number,
            "outcome": self.outcome.value,
            "reasons": [r.to_json() for r in self.reasons],
            "iin": self.iin,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RecordResult:
        return cls(
            local_id=int(data["local_id"]),
            number=int(data["number"]) if data.get("number") is not None else None,
            outcome=Outcome(data["outcome"]),
            reasons=tuple(Reason.from_json(r) for r in data.get("reasons", [])),
            iin=str(data["iin"]) if data.get("iin") else None,
        )


@dataclass(frozen=True)
class CalendarDay:
    day: dt.date
    working: bool
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "working": self.working, "note": self.note}


@dataclass(frozen=True)
class AckContent:
    office: str
    sequence: int  # of the records bundle it answers
    bundle_sha256: str  # of that bundle file
    results: list[RecordResult]
    calendar: list[CalendarDay] = field(default_factory=list)
    missing_sequences: list[int] = field(default_factory=list)  # gaps the office should resend


def ack_parts(
    results: Iterable[RecordResult], calendar: Iterable[CalendarDay]
) -> dict[str, list[Any]]:
    return {
        RESULTS: [r.to_json() for r in results],
        CALENDAR: [c.to_json() for c in calendar],
    }


def ack_extra(bundle_name: str, bundle_sha256: str, missing: list[int]) -> dict[str, Any]:
    return {
        "acknowledges": {"file_name": bundle_name, "sha256": bundle_sha256},
        "missing_sequences": missing,
    }


def read_ack(opened: OpenedBundle) -> AckContent:
    """The content of an opened ack bundle; BundleError ``part_invalid`` if malformed."""
    if opened.manifest.kind is not Kind.ACK:
        raise BundleError(ErrorCode.MANIFEST_INVALID, "not an acknowledgement")
    part = RESULTS
    try:
        results = [RecordResult.from_json(r) for r in opened.parts.get(RESULTS, [])]
        part = CALENDAR
        calendar = [
            CalendarDay(dt.date.fromisoformat(c["day"]), bool(c["working"]), str(c.get("note", "")))
            for c in opened.parts.get(CALENDAR, [])
        ]
        extra = opened.manifest.extra
        part = "manifest.json"
        sha = str(extra["acknowledges"]["sha256"])
        missing = [int(s) for s in extra.get("missing_sequences", [])]
    except (KeyError, TypeError, ValueError) as exc:
        raise BundleError(ErrorCode.PART_INVALID, str(exc), part=part) from exc
    return AckContent(
        opened.manifest.office, opened.manifest.sequence, sha, results, calendar, missing
    )


def open_ack(
    data: bytes,
    office_code: str,
    office_keys: KeyMaterial,
    trust_roots: Iterable[x509.Certificate],
    district_certificate: x509.Certificate,
    revoked: Collection[int] = frozenset(),
) -> AckContent:
    """Open an ack at the office: it must be signed by the pinned district certificate."""
    opened = open_bundle(
        data,
        office_keys,
        trust_roots,
        revoked,
        known_signers={office_code: {fingerprint(district_certificate)}},
    )
    return read_ack(opened)
