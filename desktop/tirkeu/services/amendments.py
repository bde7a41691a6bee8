"""Use cases of amendments: receive, check, decide, apply, issue the new certificate.

The registrar receives an amendment of a registered act record with its basis
document; the head approves it (the rules engine agreeing) or refuses it with a
reason.  Approval keeps the record's earlier application as a version, puts the
amended one in its place and raises its ``change_seq`` so the next bundle
carries it again.  The certificate after an approved amendment goes on a new
blank, the earlier one becomes invalid (п. 47) and the fee of the service card
(0.5 MRP) is recorded with it; for a stillborn child a new spravka is issued
instead, without a fee (п. 40).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tirkeu.documents import DocumentRefused, act_record_pdf
from tirkeu.documents.text import paragraph_ref
from tirkeu.domain.amendments import (
    SERVICE_AMENDED_CERTIFICATE,
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Basis,
    BasisKind,
    Fee,
    FieldChange,
    amended,
    amendment_due,
    amendment_findings,
    changes_from,
    check_amendment,
    fee_on,
    get_value,
    paternity_basis,
)
from tirkeu.domain.application import Application, ShapeError, from_dict, to_dict
from tirkeu.domain.findings import Finding
from tirkeu.domain.record import ActRecord, RecordStatus
from tirkeu.i18n import N_
from tirkeu.services.auth import Action, Actor, Role
from tirkeu.services.errors import Conflict, NotFound, PermissionDenied, ServiceError
from tirkeu.services.printing import (
    Document,
    Printed,
    PrintingService,
    check_certificate_allowed,
)
from tirkeu.services.repeat import Recipient, check_recipient
from tirkeu.services.stock import (
    PAPER_KINDS,
    BlankStatus,
    DocumentRefusedError,
    RuleRefused,
    move_blank,
)
from tirkeu.services.transfer import work_calendar
from tirkeu.services.workspace import Workspace
from tirkeu.storage import audit
from tirkeu.storage.models import (
    ActRecordRow,
    AmendmentRow,
    BlankRow,
    CertificateRow,
    RecordVersionRow,
    UserRow,
)
from tirkeu.storage.records import RecordRepository

MIN_REASON = 10
# Names of kinds, bases and states, shared by the GUI and the command line.
KIND_LABELS: dict[AmendmentKind, str] = {
    AmendmentKind.CHANGE: N_("Change"),
    AmendmentKind.CORRECTION: N_("Correction"),
    AmendmentKind.ADDITION: N_("Addition"),
    AmendmentKind.RESTORATION: N_("Restoration"),
    AmendmentKind.PATERNITY: N_("Paternity established later"),
}
BASIS_LABELS: dict[BasisKind, str] = {
    BasisKind.APPLICATION: N_("Application"),
    BasisKind.COURT_DECISION: N_("Court decision"),
    BasisKind.JOINT_PATERNITY_APPLICATION: N_("Joint application of the parents on paternity"),
    BasisKind.PATERNITY_ACKNOWLEDGMENT: N_("Application of the man acknowledging paternity"),
    BasisKind.MEDICAL_CERTIFICATE: N_("Medical certificate"),
    BasisKind.REGISTRY_CONCLUSION: N_("Conclusion of the registering body"),
    BasisKind.OTHER: N_("Other document"),
}
STATUS_LABELS: dict[AmendmentStatus, str] = {
    AmendmentStatus.PENDING: N_("Awaiting decision"),
    AmendmentStatus.APPROVED: N_("Approved"),
    AmendmentStatus.REFUSED: N_("Refused"),
}
# States a record leaves when amended: the district must see the amended record again.
_RESEND = (RecordStatus.TRANSFERRED, RecordStatus.CONFIRMED, RecordStatus.REJECTED)


class AmendmentBlocked(ServiceError):
    """The amendment or the amended application has findings that need attention."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__(
            N_("The amendment cannot be accepted: {count} finding(s) need attention."),
            count=len(findings),
        )
        self.findings = list(findings)

    def message(self, lang: str) -> str:
        parts = [super().message(lang)]
        parts += [finding_text(f, lang) for f in self.findings]
        return " ".join(parts)


def finding_text(finding: Finding, lang: str) -> str:
    """A finding as one sentence with its field and, where there is one, its paragraph."""
    text = f"{finding.field}: {finding.message(lang)}"
    if finding.paragraph is not None:
        text += f" ({paragraph_ref(lang, finding.paragraph)})"
    return text


@dataclass(frozen=True)
class Version:
    """One version of a record's application and the amendment that produced it."""

    version: int
    application: Application
    amendment_id: int | None
    created_at: dt.datetime


@dataclass(frozen=True)
class History:
    """A record's place in time: its versions (oldest first) and its amendments."""

    record_id: int
    versions: list[Version]
    amendments: list[Amendment]


@dataclass(frozen=True)
class AmendedCertificate:
    """The document issued after an approved amendment and the fee recorded for it."""

    printed: Printed
    fee: Fee | None


def _amendment(row: AmendmentRow, names: Mapping[int, str]) -> Amendment:
    return Amendment(
        id=row.id,
        record_id=row.record_id,
        kind=AmendmentKind(row.kind),
        basis=Basis.from_json(row.basis) if row.basis else None,
        changes=tuple(FieldChange.from_json(c) for c in row.changes),
        received_on=row.received_on,
        due_on=row.due_on,
        status=AmendmentStatus(row.status),
        note=row.note or "",
        decided_on=row.decided_on,
        decided_by=names.get(row.decided_by) if row.decided_by else None,
        refusal_reason=row.refusal_reason,
        version=row.version,
        fee_kzt=Decimal(row.fee_tiyn).scaleb(-2) if row.fee_tiyn is not None else None,
        mrp_kzt=row.mrp_kzt,
        certificate_id=row.certificate_id,
    )


def _names(s: Session) -> dict[int, str]:
    return {uid: name for uid, name in s.execute(select(UserRow.id, UserRow.full_name))}


def _summary(row: AmendmentRow) -> dict[str, object]:
    """What the audit log keeps of an amendment: fields, not their values (no names, IINs)."""
    return {
        "record": row.record_id,
        "kind": row.kind,
        "status": row.status,
        "fields": [c["path"] for c in row.changes],
        "version": row.version,
    }


class AmendmentService:
    def __init__(self, ws: Workspace, actor: Actor) -> None:
        self.ws = ws
        self.actor = actor

    # --- reading -------------------------------------------------------------

    def get(self, amendment_id: int) -> Amendment:
        with self.ws.db.session() as s:
            return _amendment(self._row(s, amendment_id), _names(s))

    def for_record(self, record_id: int) -> list[Amendment]:
        with self.ws.db.session() as s:
            rows = s.scalars(
                select(AmendmentRow)
                .where(AmendmentRow.record_id == record_id)
                .order_by(AmendmentRow.id)
            )
            names = _names(s)
            return [_amendment(r, names) for r in rows]

    def pending(self) -> list[Amendment]:
        """Amendments awaiting the head's decision, the nearest term first."""
        with self.ws.db.session() as s:
            rows = s.scalars(
                select(AmendmentRow)
                .where(AmendmentRow.status == AmendmentStatus.PENDING.value)
                .order_by(AmendmentRow.due_on, AmendmentRow.id)
            )
            names = _names(s)
            return [_amendment(r, names) for r in rows]

    def marks(self, record_id: int) -> list[Amendment]:
        """The approved amendments: the marks of change the act record carries."""
        return [a for a in self.for_record(record_id) if a.status is AmendmentStatus.APPROVED]

    def history(self, record_id: int) -> History:
        with self.ws.db.session() as s:
            record = self._record(s, record_id)
            rows = list(
                s.scalars(
                    select(RecordVersionRow)
                    .where(RecordVersionRow.record_id == record_id)
                    .order_by(RecordVersionRow.version)
                )
            )
            versions = [
                Version(r.version, from_dict(r.application), r.amendment_id, r.created_at)
                for r in rows
            ]
            if not versions:
                # Never amended: the record as registered is its only version.
                created = s.get_one(ActRecordRow, record_id).created_at
                versions = [Version(1, record.application, None, created)]
        return History(record_id, versions, self.for_record(record_id))

    def findings(
        self,
        record_id: int,
        kind: AmendmentKind,
        basis: Basis | None,
        values: Mapping[str, Any],
    ) -> list[Finding]:
        """Every finding a proposed amendment would get, changing nothing (for the GUI)."""
        record = self._get_record(record_id)
        changes = changes_from(record.application, self._values(kind, basis, values))
        return check_amendment(
            kind, basis, changes, record.application, self.ws.today, work_calendar(self.ws)
        )

    def expected_fee(self) -> Fee:
        """The fee of a certificate after an amendment issued today."""
        return fee_on(SERVICE_AMENDED_CERTIFICATE, self.ws.today)

    # --- receiving -------------------------------------------------------------

    def propose(
        self,
        record_id: int,
        kind: AmendmentKind,
        basis: Basis | None,
        values: Mapping[str, Any],
        received_on: dt.date | None = None,
        note: str = "",
    ) -> Amendment:
        """Receive an amendment of a registered record; its term starts the next working day.

        Refused at once when the amendment itself is wrong (no basis, nothing
        changed, an unknown field, paternity without a father); the rules
        engine's findings on the amended application are weighed at approval.
        """
        self.actor.require(Action.EDIT_RECORDS)
        received = received_on or self.ws.today
        if received > self.ws.today:
            raise ServiceError(N_("The amendment cannot be received on a future date."))
        with self.ws.db.session() as s:
            record = self._record(s, record_id)
            self._require_amendable(record)
            open_one = s.scalar(
                select(AmendmentRow.id).where(
                    AmendmentRow.record_id == record_id,
                    AmendmentRow.status == AmendmentStatus.PENDING.value,
                )
            )
            if open_one is not None:
                raise Conflict(
                    N_(
                        "Amendment {amendment} of record {id} awaits a decision; decide it "
                        "before receiving another."
                    ),
                    amendment=open_one,
                    id=record_id,
                )
            changes = changes_from(record.application, self._values(kind, basis, values))
            errors = [
                f
                for f in amendment_findings(kind, basis, changes, record.application)
                if f.is_error
            ]
            if not errors:
                try:
                    amended(record.application, changes)
                except ShapeError:
                    errors = [
                        f
                        for f in check_amendment(
                            kind, basis, changes, record.application, self.ws.today
                        )
                        if f.rule == "amend.field_unknown"
                    ]
            if errors:
                raise AmendmentBlocked(errors)
            row = AmendmentRow(
                record_id=record_id,
                kind=kind.value,
                status=AmendmentStatus.PENDING.value,
                basis=basis.to_json() if basis else None,
                changes=[c.to_json() for c in changes],
                note=note.strip(),
                received_on=received,
                due_on=amendment_due(received, work_calendar(self.ws)),
                created_by=self.actor.user_id,
                created_at=self.ws.clock(),
                change_seq=0,
            )
            s.add(row)
            s.flush()
            audit.append(
                s,
                user_id=self.actor.user_id,
                action="amendment.receive",
                entity="amendment",
                entity_id=row.id,
                after=_summary(row),
                at=self.ws.clock(),
            )
            return _amendment(row, _names(s))

    # --- deciding (the head) -----------------------------------------------------

    def approve(self, amendment_id: int, acknowledged: Sequence[str] = ()) -> Amendment:
        """Apply the amendment: the earlier application stays as a version.

        Errors always block; warnings block until acknowledged, as at registration.
        """
        self._require_head()
        with self.ws.db.session() as s:
            row = self._pending(s, amendment_id)
            repo = RecordRepository(s)
            record = self._record(s, row.record_id)
            self._require_amendable(record)
            changes = [FieldChange.from_json(c) for c in row.changes]
            current = to_dict(record.application)
            if any(get_value(current, c.path) != c.before for c in changes):
                raise Conflict(
                    N_(
                        "Record {id} changed after amendment {amendment} was received; "
                        "refuse it and receive it again."
                    ),
                    id=record.id,
                    amendment=row.id,
                )
            basis = Basis.from_json(row.basis) if row.basis else None
            kind = AmendmentKind(row.kind)
            findings = check_amendment(
                kind, basis, changes, record.application, self.ws.today, work_calendar(self.ws)
            )
            known = {*acknowledged, *record.findings_acknowledged}
            blocking = [f for f in findings if f.is_error or f.rule not in known]
            if blocking:
                raise AmendmentBlocked(blocking)
            version = self._keep_versions(s, record)
            record.application = amended(record.application, changes)
            record.findings_acknowledged = sorted(
                {*record.findings_acknowledged, *(f.rule for f in findings)}
            )
            if record.status in _RESEND:
                record.status = (
                    RecordStatus.CERTIFICATE_ISSUED
                    if self._has_valid_document(s, row.record_id)
                    else RecordStatus.REGISTERED
                )
                record.district_reason = None
            repo.save(record)
            s.add(
                RecordVersionRow(
                    record_id=row.record_id,
                    version=version + 1,
                    application=to_dict(record.application),
                    amendment_id=row.id,
                    created_at=self.ws.clock(),
                )
            )
            row.status = AmendmentStatus.APPROVED.value
            row.decided_on = self.ws.today
            row.decided_by = self.actor.user_id
            row.version = version + 1
            row.change_seq = s.get_one(ActRecordRow, row.record_id).change_seq
            s.flush()
            audit.append(
                s,
                user_id=self.actor.user_id,
                action="amendment.approve",
                entity="amendment",
                entity_id=row.id,
                after={**_summary(row), "record_status": record.status.value},
                at=self.ws.clock(),
            )
            return _amendment(row, _names(s))

    def refuse(self, amendment_id: int, reason: str) -> Amendment:
        """A reasoned refusal; the record stays as it was."""
        self._require_head()
        if len(reason.strip()) < MIN_REASON:
            raise ServiceError(N_("Write the reason for the refusal (at least 10 characters)."))
        with self.ws.db.session() as s:
            row = self._pending(s, amendment_id)
            row.status = AmendmentStatus.REFUSED.value
            row.refusal_reason = reason.strip()
            row.decided_on = self.ws.today
            row.decided_by = self.actor.user_id
            audit.append(
                s,
                user_id=self.actor.user_id,
                action="amendment.refuse",
                entity="amendment",
                entity_id=row.id,
                after=_summary(row),
                at=self.ws.clock(),
            )
            return _amendment(row, _names(s))

    # --- documents after the amendment ----------------------------------------------

    def issue_certificate(
        self,
        amendment_id: int,
        lang: str,
        recipient: Recipient | None = None,
        printer: str = "",
    ) -> AmendedCertificate:
        """The certificate with the amended data on a new blank, the earlier one invalid
        (п. 47), the fee recorded; for a stillborn child a new spravka, no fee (п. 40)."""
        self.actor.require(Action.PRINT)
        printing = PrintingService(self.ws, self.actor)
        if lang not in ("kk", "ru"):
            raise ServiceError(N_("A document is filled in Kazakh or Russian (kk or ru)."))
        with self.ws.db.session() as s:
            row = self._row(s, amendment_id)
            if row.status != AmendmentStatus.APPROVED.value:
                raise Conflict(
                    N_("Amendment {amendment} is not approved: nothing is issued after it."),
                    amendment=row.id,
                )
            self._require_not_issued(s, row)
            record = self._record(s, row.record_id)
            assert record.id is not None
            now = self.ws.clock()
            reason = f"amendment {row.id} approved"
            if not record.application.child.alive:
                earlier = self._invalidate(s, record.id, ("stillbirth_spravka",), reason, None, now)
                cert = printing._certificate_row(s, record, "stillbirth_spravka", lang, None)
                pdf = printing._plain(record, Document.STILLBIRTH_SPRAVKA, lang)
                job = printing._job(
                    s, record.id, Document.STILLBIRTH_SPRAVKA, lang, printer, cert.id
                )
                printed = Printed(pdf, Document.STILLBIRTH_SPRAVKA, job, cert.id)
                fee = None
            else:
                check_certificate_allowed(record)
                earlier = self._invalidate(s, record.id, PAPER_KINDS, reason, recipient, now)
                handed_over = bool(earlier)
                if handed_over:
                    if recipient is None:
                        raise ServiceError(N_("Say who receives the repeat certificate."))
                    birth = record.application.child.birth_date
                    assert birth is not None
                    check_recipient(birth, self.ws.today, recipient)
                document = Document.REPEAT_CERTIFICATE if handed_over else Document.CERTIFICATE
                printed = printing._on_blank(
                    s, record, lang, printer, document, recipient if handed_over else None
                )
                fee = fee_on(SERVICE_AMENDED_CERTIFICATE, self.ws.today)
            seq = s.get_one(ActRecordRow, record.id).change_seq
            for cert in earlier:
                cert.change_seq = seq  # the district learns of the invalid blank (п. 47)
            row.certificate_id = printed.certificate_id
            row.fee_tiyn = fee.tiyn if fee else None
            row.mrp_kzt = fee.mrp_kzt if fee else None
            audit.append(
                s,
                user_id=self.actor.user_id,
                action="amendment.document",
                entity="amendment",
                entity_id=row.id,
                after={
                    "record": record.id,
                    "certificate": printed.certificate_id,
                    "fee_tiyn": row.fee_tiyn,
                    "mrp_kzt": row.mrp_kzt,
                },
                at=now,
            )
            return AmendedCertificate(printed, fee)

    def print_act_record(self, record_id: int, lang: str, printer: str = "") -> Printed:
        """The act record in two copies (п. 35) with its marks of change."""
        self.actor.require(Action.PRINT)
        printing = PrintingService(self.ws, self.actor)
        marks = self.marks(record_id)
        with self.ws.db.session() as s:
            record = self._record(s, record_id)
            if not record.is_registered:
                raise RuleRefused(
                    N_("The birth is not registered yet: the act record has no number"), 35
                )
            try:
                pdf = act_record_pdf(record, self.ws.office(), lang, marks)
            except DocumentRefused as exc:
                raise DocumentRefusedError(exc) from None
            job = printing._job(s, record_id, Document.ACT_RECORD, lang, printer, copies=2)
            return Printed(pdf, Document.ACT_RECORD, job)

    # --- helpers -------------------------------------------------------------

    def _values(
        self, kind: AmendmentKind, basis: Basis | None, values: Mapping[str, Any]
    ) -> dict[str, Any]:
        """The values asked for; paternity also sets the father's basis its document gives."""
        out = dict(values)
        father_basis = paternity_basis(basis)
        if kind is AmendmentKind.PATERNITY and father_basis and "father_basis" not in out:
            out["father_basis"] = father_basis.value
        return out

    def _require_head(self) -> None:
        if self.actor.role is not Role.HEAD:
            raise PermissionDenied(
                N_("Only the head of the registering body decides on an amendment.")
            )

    @staticmethod
    def _require_amendable(record: ActRecord) -> None:
        if record.status is RecordStatus.DRAFT:
            raise Conflict(
                N_(
                    "Record {id} is a draft: it is edited as a draft, an amendment is made "
                    "to a registered act record."
                ),
                id=record.id,
            )
        if not record.is_registered:
            raise Conflict(
                N_("Record {id} was refused registration: there is no act record to amend."),
                id=record.id,
            )

    def _record(self, s: Session, record_id: int) -> ActRecord:
        record = RecordRepository(s).get(record_id)
        if record is None:
            raise NotFound(N_("There is no record {id}."), id=record_id)
        return record

    def _get_record(self, record_id: int) -> ActRecord:
        with self.ws.db.session() as s:
            return self._record(s, record_id)

    def _row(self, s: Session, amendment_id: int) -> AmendmentRow:
        row = s.get(AmendmentRow, amendment_id)
        if row is None:
            raise NotFound(N_("There is no amendment {amendment}."), amendment=amendment_id)
        return row

    def _pending(self, s: Session, amendment_id: int) -> AmendmentRow:
        row = self._row(s, amendment_id)
        if row.status != AmendmentStatus.PENDING.value:
            raise Conflict(N_("Amendment {amendment} was already decided."), amendment=amendment_id)
        return row

    def _keep_versions(self, s: Session, record: ActRecord) -> int:
        """The latest version number, keeping the registered application as version 1."""
        assert record.id is not None
        latest = s.scalar(
            select(func.max(RecordVersionRow.version)).where(
                RecordVersionRow.record_id == record.id
            )
        )
        if latest is not None:
            return int(latest)
        s.add(
            RecordVersionRow(
                record_id=record.id,
                version=1,
                application=to_dict(record.application),
                amendment_id=None,
                created_at=s.get_one(ActRecordRow, record.id).created_at,
            )
        )
        return 1

    @staticmethod
    def _has_valid_document(s: Session, record_id: int) -> bool:
        return (
            s.scalar(
                select(CertificateRow.id).where(
                    CertificateRow.record_id == record_id, CertificateRow.valid.is_(True)
                )
            )
            is not None
        )

    def _require_not_issued(self, s: Session, row: AmendmentRow) -> None:
        """One document per amendment; a misprint marked spoiled may be printed again."""
        if row.certificate_id is None:
            return
        cert = s.get_one(CertificateRow, row.certificate_id)
        blank = s.get(BlankRow, cert.blank_id) if cert.blank_id else None
        if blank is not None and blank.status == BlankStatus.SPOILED.value:
            return
        raise Conflict(
            N_("The document after amendment {amendment} was already issued."),
            amendment=row.id,
        )

    def _invalidate(
        self,
        s: Session,
        record_id: int,
        kinds: Sequence[str],
        reason: str,
        recipient: Recipient | None,
        now: dt.datetime,
    ) -> list[CertificateRow]:
        """п. 47: earlier documents become invalid; a handed-in blank is surrendered (п. 48).

        Returns the documents made invalid (misprints marked spoiled are not among them).
        """
        invalidated: list[CertificateRow] = []
        rows = s.scalars(
            select(CertificateRow).where(
                CertificateRow.record_id == record_id,
                CertificateRow.kind.in_(kinds),
                CertificateRow.valid.is_(True),
            )
        ).all()
        for cert in rows:
            blank = s.get(BlankRow, cert.blank_id) if cert.blank_id else None
            if blank is not None and blank.status == BlankStatus.SPOILED.value:
                continue
            invalidated.append(cert)
            cert.valid = False
            cert.invalid_reason = reason
            if (
                recipient is not None
                and recipient.surrendered
                and blank is not None
                and blank.status == BlankStatus.ISSUED.value
            ):
                move_blank(
                    s,
                    blank,
                    BlankStatus.SURRENDERED,
                    user_id=self.actor.user_id,
                    at=now,
                    reason=reason,
                )
            audit.append(
                s,
                user_id=self.actor.user_id,
                action="certificate.invalidate",
                entity="certificate",
                entity_id=cert.id,
                after={"record": record_id, "kind": cert.kind, "paragraph": 47},
                at=now,
            )
        return invalidated
