"""The act record: an application plus what registration gave it.

This is the value the documents, the sync bundles and the journal read.  It is
plain data so that ``documents`` and ``sync`` never need the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

# Only a type here: the sign-in window needs Office without loading the
# application model (issue 11, start-up).
if TYPE_CHECKING:
    from tirkeu.domain.application import Application


class RecordStatus(StrEnum):
    """The explicit states of DESIGN.md's flow; "registered" is local only."""

    DRAFT = "draft"
    REGISTERED = "registered"
    CERTIFICATE_ISSUED = "certificate_issued"
    REFUSED = "refused"
    TRANSFERRED = "transferred"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Office:
    """The registering body as printed on documents (п. 29 6), 8))."""

    name_kk: str
    name_ru: str
    kato: str
    district_kk: str
    district_ru: str
    head_name: str

    def name(self, lang: str) -> str:
        return self.name_kk if lang == "kk" else self.name_ru

    def district(self, lang: str) -> str:
        return self.district_kk if lang == "kk" else self.district_ru


@dataclass
class ActRecord:
    """One child's birth act record (one per child, п. 8)."""

    id: int | None
    application: Application
    status: RecordStatus = RecordStatus.DRAFT
    number: int | None = None
    record_date: dt.date | None = None
    registrar: str | None = None
    birth_group: str | None = None  # links siblings of one multiple birth (п. 8)
    refusal_reason: str | None = None
    district_reason: str | None = None
    findings_acknowledged: list[str] = field(default_factory=list)

    @property
    def is_registered(self) -> bool:
        return self.number is not None and self.status not in (
            RecordStatus.DRAFT,
            RecordStatus.REFUSED,
        )
