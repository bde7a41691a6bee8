"""Accounting of the numbered gerbed blanks: receipt, issue, spoiling, surrender,
seizure and destruction (п. 35, 47–52).

Every blank is in exactly one state, so what was received always equals what is
in stock plus what left it, per series; :meth:`StockService.report` shows that
balance with the blank numbers in each state.  Each change of state is an
event row and an audit entry written in the same transaction as the change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tirkeu.documents import (
    CommissionMember,
    DestroyedCertificate,
    DestructionAct,
    DocumentRefused,
    destruction_act_pdf,
)
from tirkeu.documents.text import paragraph_ref
from tirkeu.domain.names import kazakh_sort_key
from tirkeu.domain.record import RecordStatus
from tirkeu.i18n import N_
from tirkeu.services.auth import PERMISSIONS, Action, Actor
from tirkeu.services.errors import Conflict, NotFound, ServiceError
from tirkeu.services.workspace import Workspace
from tirkeu.storage import audit
from tirkeu.storage.models import (
    ActRecordRow,
    BlankBatchRow,
    BlankEventRow,
    BlankRow,
    CertificateRow,
    DestructionActRow,
    UserRow,
)
from tirkeu.storage.records import RecordRepository

NUMBER_WIDTH = 7
MAX_BATCH = 100_000
MIN_COMMISSION = 3  # п. 51
PAPER_KINDS = ("certificate", "repeat_certificate")


class BlankStatus(StrEnum):
    IN_STOCK = "in_stock"
    ISSUED = "issued"
    SPOILED = "spoiled"
    SURRENDERED = "surrendered"
    SEIZED = "seized"
    DESTROYED = "destroyed"


# The states a blank may come from, by the state it goes to.
_FROM: dict[BlankStatus, frozenset[BlankStatus]] = {
    BlankStatus.ISSUED: frozenset({BlankStatus.IN_STOCK}),
    BlankStatus.SPOILED: frozenset({BlankStatus.IN_STOCK, BlankStatus.ISSUED}),
    BlankStatus.SURRENDERED: frozenset({BlankStatus.ISSUED}),
    BlankStatus.SEIZED: frozenset({BlankStatus.ISSUED}),
    BlankStatus.DESTROYED: frozenset({BlankStatus.SPOILED, BlankStatus.SURRENDERED}),
}


class RuleRefused(ServiceError):
    """A refusal that rests on a paragraph of Order 429, which the message cites."""

    def __init__(self, msgid: str, paragraph: int, **params: Any) -> None:
        super().__init__(msgid, **params)
        self.paragraph = paragraph

    def message(self, lang: str) -> str:
        return f"{super().message(lang)} ({paragraph_ref(lang, self.paragraph)})"


class DocumentRefusedError(ServiceError):
    """A document the documents layer refused; its reason already cites the paragraph."""

    def __init__(self, refused: DocumentRefused) -> None:
        super().__init__(refused.msgid)
        self.refused = refused

    def message(self, lang: str) -> str:
        return self.refused.message(lang)


def require_any(actor: Actor, *actions: Action) -> None:
    """Allow the actor when the role may do any of ``actions``."""
    if not any(a in PERMISSIONS[actor.role] for a in actions):
        actor.require(actions[0])


def format_number(number: int) -> str:
    return f"{number:0{NUMBER_WIDTH}d}"


def number_ranges(numbers: Iterable[str]) -> list[str]:
    """Blank numbers as short runs: ``["0000001–0000005", "0000009"]``."""
    values = sorted(int(n) for n in numbers)
    runs: list[str] = []
    start = prev = None
    for n in [*values, None]:
        if n is not None and prev is not None and n == prev + 1:
            prev = n
            continue
        if start is not None and prev is not None:
            runs.append(
                format_number(start)
                if start == prev
                else f"{format_number(start)}–{format_number(prev)}"
            )
        start = prev = n
    return runs


@dataclass(frozen=True)
class BlankInfo:
    id: int
    series: str
    number: str
    status: BlankStatus
    record_id: int | None
    reason: str | None
    changed_at: dt.datetime | None

    @property
    def label(self) -> str:
        return f"{self.series} {self.number}"


def blank_info(row: BlankRow) -> BlankInfo:
    return BlankInfo(
        row.id,
        row.series,
        row.number,
        BlankStatus(row.status),
        row.record_id,
        row.reason,
        row.changed_at,
    )


@dataclass(frozen=True)
class SeriesStock:
    """One series: blanks received and where each of them is now."""

    series: str
    received: int
    counts: dict[BlankStatus, int]
    numbers: dict[BlankStatus, list[str]]
    invalidated: int = 0  # issued blanks whose certificate a repeat one replaced (п. 47)

    @property
    def accounted(self) -> int:
        return sum(self.counts.values())

    @property
    def balanced(self) -> bool:
        return self.received == self.accounted


@dataclass(frozen=True)
class StockReport:
    series: list[SeriesStock] = field(default_factory=list)

    @property
    def balanced(self) -> bool:
        return all(s.balanced for s in self.series)

    def count(self, status: BlankStatus) -> int:
        return sum(s.counts.get(status, 0) for s in self.series)


@dataclass(frozen=True)
class StaffMember:
    user_id: int
    full_name: str
    role: str


@dataclass(frozen=True)
class CommissionSeat:
    """A member of the destruction commission: one of the office's staff (п. 51)."""

    user_id: int
    position: str


@dataclass(frozen=True)
class ActInfo:
    id: int
    number: str
    drawn_on: dt.date
    approved_on: dt.date
    blanks: int


def take_blank(session: Session) -> BlankRow | None:
    """The next blank in stock: the lowest series, then the lowest number."""
    return session.scalars(
        select(BlankRow)
        .where(BlankRow.status == BlankStatus.IN_STOCK.value)
        .order_by(BlankRow.series, func.length(BlankRow.number), BlankRow.number)
        .limit(1)
    ).first()


def move_blank(
    session: Session,
    blank: BlankRow,
    status: BlankStatus,
    *,
    user_id: int | None,
    at: dt.datetime,
    reason: str | None = None,
    details: dict[str, Any] | None = None,
    act_id: int | None = None,
    record_id: int | None = None,
) -> None:
    """Move ``blank`` to ``status`` with its event and audit entry, or refuse the move."""
    current = BlankStatus(blank.status)
    if current not in _FROM[status]:
        raise Conflict(
            N_("Blank {blank} is {status} and cannot become {target}."),
            blank=f"{blank.series} {blank.number}",
            status=current.value,
            target=status.value,
        )
    blank.status = status.value
    blank.changed_at = at
    if reason is not None:
        blank.reason = reason
    if record_id is not None:
        blank.record_id = record_id
    session.add(
        BlankEventRow(
            blank_id=blank.id,
            at=at,
            user_id=user_id,
            status=status.value,
            reason=reason,
            details=details,
            act_id=act_id,
        )
    )
    audit.append(
        session,
        user_id=user_id,
        action=f"blank.{status.value}",
        entity="blank",
        entity_id=blank.id,
        before={"status": current.value},
        after={
            "status": status.value,
            "series": blank.series,
            "number": blank.number,
            "record": blank.record_id,
            "act": act_id,
        },
        at=at,
    )


def invalidate_certificates(
    session: Session, blank: BlankRow, reason: str, user_id: int | None, at: dt.datetime
) -> None:
    """Mark the certificate printed on ``blank`` invalid; a record left without any
    valid certificate goes back to "registered" so that a new one can be issued."""
    certs = list(
        session.scalars(
            select(CertificateRow).where(
                CertificateRow.blank_id == blank.id, CertificateRow.valid.is_(True)
            )
        )
    )
    repo = RecordRepository(session)
    for cert in certs:
        cert.valid = False
        cert.invalid_reason = reason
        record = repo.get(cert.record_id)
        assert record is not None
        others = session.scalar(
            select(func.count(CertificateRow.id)).where(
                CertificateRow.record_id == cert.record_id,
                CertificateRow.valid.is_(True),
                CertificateRow.id != cert.id,
            )
        )
        if (
            cert.kind == "certificate"
            and not others
            and record.status is RecordStatus.CERTIFICATE_ISSUED
        ):
            record.status = RecordStatus.REGISTERED
        repo.save(record)
        cert.change_seq = _record_change(session, cert.record_id)
        audit.append(
            session,
            user_id=user_id,
            action="certificate.invalidate",
            entity="certificate",
            entity_id=cert.id,
            after={"record": cert.record_id, "kind": cert.kind, "status": record.status.value},
            at=at,
        )


def _record_change(session: Session, record_id: int) -> int:
    return session.get_one(ActRecordRow, record_id).change_seq


class StockService:
    def __init__(self, ws: Workspace, actor: Actor) -> None:
        self.ws = ws
        self.actor = actor

    # --- receiving -----------------------------------------------------------

    def receive_batch(
        self,
        series: str,
        first: int,
        last: int,
        received_on: dt.date,
        received_from: str,
    ) -> int:
        """Take a batch of numbered blanks into stock; returns the batch id."""
        self.actor.require(Action.MANAGE_STOCK)
        series = series.strip().upper()
        if not series or len(series) > 8:
            raise ServiceError(N_("The series has 1 to 8 letters or digits."))
        if first < 1 or last < first:
            raise ServiceError(N_("The numbers run from the first to the last, both 1 or more."))
        if last - first + 1 > MAX_BATCH:
            raise ServiceError(N_("A batch holds at most {n} blanks."), n=MAX_BATCH)
        if last >= 10**NUMBER_WIDTH:
            raise ServiceError(N_("A blank number has at most {n} digits."), n=NUMBER_WIDTH)
        if received_on > self.ws.today:
            raise ServiceError(N_("The date of receipt cannot be in the future."))
        if not received_from.strip():
            raise ServiceError(N_("Write from whom the blanks were received."))
        now = self.ws.clock()
        with self.ws.db.session() as s:
            numbers = [format_number(n) for n in range(first, last + 1)]
            taken = s.scalar(
                select(func.count(BlankRow.id)).where(
                    BlankRow.series == series,
                    BlankRow.number >= numbers[0],
                    BlankRow.number <= numbers[-1],
                    func.length(BlankRow.number) == NUMBER_WIDTH,
                )
            )
            if taken:
                raise Conflict(
                    N_(
                        "{n} blank(s) of series {series} between {first} and {last} are already "
                        "in the books."
                    ),
                    n=taken,
                    series=series,
                    first=numbers[0],
                    last=numbers[-1],
                )
            batch = BlankBatchRow(
                series=series,
                first_number=first,
                last_number=last,
                received_on=received_on,
                received_from=received_from.strip(),
                received_by=self.actor.user_id,
            )
            s.add(batch)
            s.flush()
            s.add_all(
                BlankRow(batch_id=batch.id, series=series, number=n, status="in_stock")
                for n in numbers
            )
            audit.append(
                s,
                user_id=self.actor.user_id,
                action="blank.receive",
                entity="blank_batch",
                entity_id=batch.id,
                after={"series": series, "first": first, "last": last, "count": len(numbers)},
                at=now,
            )
            return batch.id

    # --- reading -------------------------------------------------------------

    def report(self) -> StockReport:
        """Per series: received = in stock + issued + spoiled + surrendered + seized + destroyed."""
        with self.ws.db.session() as s:
            received: dict[str, int] = {}
            for series, first, last in s.execute(
                select(BlankBatchRow.series, BlankBatchRow.first_number, BlankBatchRow.last_number)
            ):
                received[series] = received.get(series, 0) + last - first + 1
            numbers: dict[str, dict[BlankStatus, list[str]]] = {}
            for series, number, status in s.execute(
                select(BlankRow.series, BlankRow.number, BlankRow.status)
            ):
                by_status = numbers.setdefault(series, {})
                by_status.setdefault(BlankStatus(status), []).append(number)
            invalid: dict[str, int] = dict(
                s.execute(
                    select(BlankRow.series, func.count(func.distinct(BlankRow.id)))
                    .join(CertificateRow, CertificateRow.blank_id == BlankRow.id)
                    .where(
                        BlankRow.status == BlankStatus.ISSUED.value,
                        CertificateRow.valid.is_(False),
                    )
                    .group_by(BlankRow.series)
                ).all()
            )
        result = []
        for series in sorted(set(received) | set(numbers)):
            by_status = numbers.get(series, {})
            result.append(
                SeriesStock(
                    series=series,
                    received=received.get(series, 0),
                    counts={st: len(by_status.get(st, [])) for st in BlankStatus},
                    numbers={st: number_ranges(by_status.get(st, [])) for st in BlankStatus},
                    invalidated=int(invalid.get(series, 0)),
                )
            )
        return StockReport(result)

    def blanks(
        self, status: BlankStatus | None = None, limit: int = 1000, offset: int = 0
    ) -> list[BlankInfo]:
        stmt = select(BlankRow)
        if status is not None:
            stmt = stmt.where(BlankRow.status == status.value)
        stmt = stmt.order_by(BlankRow.series, func.length(BlankRow.number), BlankRow.number)
        with self.ws.db.session() as s:
            return [blank_info(r) for r in s.scalars(stmt.offset(offset).limit(limit))]

    def find(self, series: str, number: str) -> BlankInfo:
        number = number.strip()
        if number.isdigit():
            number = format_number(int(number))
        with self.ws.db.session() as s:
            row = s.scalars(
                select(BlankRow).where(
                    BlankRow.series == series.strip().upper(), BlankRow.number == number
                )
            ).first()
            if row is None:
                raise NotFound(
                    N_("There is no blank {series} {number}."), series=series, number=number
                )
            return blank_info(row)

    def next_blank(self) -> BlankInfo | None:
        """The blank the next certificate will take, without taking it."""
        with self.ws.db.session() as s:
            row = take_blank(s)
            return blank_info(row) if row else None

    def events(self, blank_id: int) -> list[tuple[dt.datetime, BlankStatus, str | None]]:
        with self.ws.db.session() as s:
            return [
                (e.at, BlankStatus(e.status), e.reason)
                for e in s.scalars(
                    select(BlankEventRow)
                    .where(BlankEventRow.blank_id == blank_id)
                    .order_by(BlankEventRow.id)
                )
            ]

    def staff(self) -> list[StaffMember]:
        """The active users, in Kazakh alphabetical order of their names."""
        with self.ws.db.session() as s:
            members = [
                StaffMember(u.id, u.full_name, u.role)
                for u in s.scalars(select(UserRow).where(UserRow.active.is_(True)))
            ]
        return sorted(members, key=lambda m: kazakh_sort_key(m.full_name))

    # --- leaving the stock -----------------------------------------------------

    def _change(
        self, blank_id: int, status: BlankStatus, reason: str, details: dict[str, Any] | None
    ) -> BlankInfo:
        now = self.ws.clock()
        with self.ws.db.session() as s:
            blank = s.get(BlankRow, blank_id)
            if blank is None:
                raise NotFound(N_("There is no blank {id}."), id=blank_id)
            was_issued = blank.status == BlankStatus.ISSUED.value
            if status is BlankStatus.SPOILED and was_issued:
                issued_on = s.scalar(
                    select(func.max(CertificateRow.issued_on)).where(
                        CertificateRow.blank_id == blank.id
                    )
                )
                if issued_on != self.ws.today:
                    raise RuleRefused(
                        N_(
                            "A certificate handed over on an earlier day is not spoiled: "
                            "it is surrendered and replaced"
                        ),
                        48,
                    )
            move_blank(
                s,
                blank,
                status,
                user_id=self.actor.user_id,
                at=now,
                reason=reason,
                details=details,
            )
            if was_issued:
                invalidate_certificates(s, blank, reason, self.actor.user_id, now)
            return blank_info(blank)

    def spoil(self, blank_id: int, reason: str) -> BlankInfo:
        """A blank damaged in storage or by a failed or misaligned print; never used again."""
        require_any(self.actor, Action.PRINT, Action.MANAGE_STOCK)
        if len(reason.strip()) < 3:
            raise ServiceError(N_("Write why the blank is spoiled."))
        return self._change(blank_id, BlankStatus.SPOILED, reason.strip(), None)

    def surrender(self, blank_id: int, reason: str) -> BlankInfo:
        """A certificate unfit for use handed in to be replaced (п. 48)."""
        require_any(self.actor, Action.PRINT, Action.MANAGE_STOCK)
        if len(reason.strip()) < 3:
            raise ServiceError(N_("Write why the certificate is surrendered."))
        return self._change(blank_id, BlankStatus.SURRENDERED, reason.strip(), None)

    def seize(self, blank_id: int, official: str, basis: str) -> BlankInfo:
        """A certificate seized by an investigating or administrative official (п. 49)."""
        require_any(self.actor, Action.PRINT, Action.MANAGE_STOCK)
        if not official.strip() or not basis.strip():
            raise RuleRefused(
                N_(
                    "A seizure is recorded with the official who seized the certificate and "
                    "the basis"
                ),
                49,
            )
        return self._change(
            blank_id,
            BlankStatus.SEIZED,
            basis.strip(),
            {"official": official.strip(), "basis": basis.strip()},
        )

    # --- destruction (п. 50–52) ------------------------------------------------

    def destroyable(self) -> list[BlankInfo]:
        """Spoiled blanks and surrendered certificates, which an act may destroy."""
        return [
            *self.blanks(BlankStatus.SPOILED, limit=100_000),
            *self.blanks(BlankStatus.SURRENDERED, limit=100_000),
        ]

    def _act(
        self,
        s: Session,
        blank_ids: Sequence[int],
        commission: Sequence[CommissionSeat],
        number: str,
        drawn_on: dt.date,
        approved_on: dt.date | None,
        lang: str,
    ) -> tuple[DestructionAct, list[BlankRow], list[dict[str, Any]]]:
        if not number.strip():
            raise ServiceError(N_("Give the act a number."))
        if drawn_on > self.ws.today:
            raise ServiceError(N_("The act cannot be dated in the future."))
        members: list[dict[str, Any]] = []
        for seat in commission:
            user = s.get(UserRow, seat.user_id)
            if user is None or not user.active:
                raise NotFound(N_("There is no active staff member {id}."), id=seat.user_id)
            if any(m["user_id"] == user.id for m in members):
                continue
            members.append(
                {"user_id": user.id, "position": seat.position.strip(), "full_name": user.full_name}
            )
        if len(members) < MIN_COMMISSION:
            raise RuleRefused(N_("The commission must have at least three staff members"), 51)
        if not blank_ids:
            raise RuleRefused(N_("The act must list the certificates destroyed"), 50)
        blanks = []
        for blank_id in dict.fromkeys(blank_ids):
            blank = s.get(BlankRow, blank_id)
            if blank is None:
                raise NotFound(N_("There is no blank {id}."), id=blank_id)
            if BlankStatus(blank.status) not in _FROM[BlankStatus.DESTROYED]:
                raise Conflict(
                    N_(
                        "Blank {blank} is {status}: only spoiled blanks and surrendered "
                        "certificates are destroyed."
                    ),
                    blank=f"{blank.series} {blank.number}",
                    status=blank.status,
                )
            blanks.append(blank)
        office = self.ws.office()
        certificates = []
        for blank in blanks:
            issued_on = s.scalar(
                select(func.max(CertificateRow.issued_on)).where(
                    CertificateRow.blank_id == blank.id
                )
            )
            day = issued_on or self._spoiled_on(s, blank.id) or drawn_on
            certificates.append(
                DestroyedCertificate(blank.series, blank.number, day, office.name(lang))
            )
        act = DestructionAct(
            number=number.strip(),
            drawn_on=drawn_on,
            commission=tuple(CommissionMember(m["position"], m["full_name"]) for m in members),
            certificates=tuple(certificates),
            executor=self.actor.full_name,
            approved_on=approved_on,
        )
        return act, blanks, members

    def draft_destruction_act(
        self,
        blank_ids: Sequence[int],
        commission: Sequence[CommissionSeat],
        number: str,
        drawn_on: dt.date,
        lang: str,
    ) -> bytes:
        """The act for the commission to sign before the head approves it; changes nothing."""
        require_any(self.actor, Action.MANAGE_STOCK, Action.APPROVE_DESTRUCTION)
        with self.ws.db.session() as s:
            act, _blanks, _members = self._act(
                s, blank_ids, commission, number, drawn_on, None, lang
            )
        try:
            return destruction_act_pdf(act, self.ws.office(), lang)
        except DocumentRefused as exc:
            raise DocumentRefusedError(exc) from None

    def approve_destruction(
        self,
        blank_ids: Sequence[int],
        commission: Sequence[CommissionSeat],
        number: str,
        drawn_on: dt.date,
    ) -> int:
        """The head approves the signed act (п. 52); its blanks are destroyed. Returns its id."""
        self.actor.require(Action.APPROVE_DESTRUCTION)
        now = self.ws.clock()
        with self.ws.db.session() as s:
            if s.scalars(
                select(DestructionActRow).where(DestructionActRow.number == number.strip())
            ).first():
                raise Conflict(N_("There is already an act number {number}."), number=number)
            act, blanks, members = self._act(
                s, blank_ids, commission, number, drawn_on, self.ws.today, "kk"
            )
            row = DestructionActRow(
                number=act.number,
                drawn_on=drawn_on,
                approved_on=self.ws.today,
                approved_by=self.actor.user_id,
                commission=members,
                executor=self.actor.full_name,
            )
            s.add(row)
            s.flush()
            for blank in blanks:
                move_blank(
                    s,
                    blank,
                    BlankStatus.DESTROYED,
                    user_id=self.actor.user_id,
                    at=now,
                    act_id=row.id,
                )
            audit.append(
                s,
                user_id=self.actor.user_id,
                action="destruction.approve",
                entity="destruction_act",
                entity_id=row.id,
                after={"number": act.number, "blanks": len(blanks)},
                at=now,
            )
            return row.id

    def acts(self) -> list[ActInfo]:
        with self.ws.db.session() as s:
            counts: dict[int | None, int] = dict(
                s.execute(
                    select(BlankEventRow.act_id, func.count(BlankEventRow.id))
                    .where(BlankEventRow.act_id.is_not(None))
                    .group_by(BlankEventRow.act_id)
                ).all()
            )
            return [
                ActInfo(r.id, r.number, r.drawn_on, r.approved_on, int(counts.get(r.id, 0)))
                for r in s.scalars(select(DestructionActRow).order_by(DestructionActRow.id))
            ]

    def destruction_act_pdf(self, act_id: int, lang: str) -> bytes:
        """The approved act (Appendix 2) in ``lang``."""
        office = self.ws.office()
        with self.ws.db.session() as s:
            row = s.get(DestructionActRow, act_id)
            if row is None:
                raise NotFound(N_("There is no destruction act {id}."), id=act_id)
            certificates = []
            for blank, issued_on in s.execute(
                select(BlankRow, func.max(CertificateRow.issued_on))
                .join(BlankEventRow, BlankEventRow.blank_id == BlankRow.id)
                .outerjoin(CertificateRow, CertificateRow.blank_id == BlankRow.id)
                .where(BlankEventRow.act_id == act_id)
                .group_by(BlankRow.id)
                .order_by(BlankRow.series, BlankRow.number)
            ).all():
                day = issued_on or self._spoiled_on(s, blank.id) or row.drawn_on
                certificates.append(
                    DestroyedCertificate(blank.series, blank.number, day, office.name(lang))
                )
            act = DestructionAct(
                number=row.number,
                drawn_on=row.drawn_on,
                commission=tuple(
                    CommissionMember(m["position"], m["full_name"]) for m in row.commission
                ),
                certificates=tuple(certificates),
                executor=row.executor,
                approved_on=row.approved_on,
            )
        try:
            return destruction_act_pdf(act, office, lang)
        except DocumentRefused as exc:
            raise DocumentRefusedError(exc) from None

    @staticmethod
    def _spoiled_on(s: Session, blank_id: int) -> dt.date | None:
        at = s.scalar(
            select(func.max(BlankEventRow.at)).where(
                BlankEventRow.blank_id == blank_id,
                BlankEventRow.status.in_(
                    [BlankStatus.SPOILED.value, BlankStatus.SURRENDERED.value]
                ),
            )
        )
        return at.date() if at else None
