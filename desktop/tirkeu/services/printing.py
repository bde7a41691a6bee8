"""Issuing and printing the documents of a record (п. 35–47).

A certificate takes the next blank in stock; the blank, the certificate and the
print job are committed before the PDF is handed back, so the job reaches the
printer only once the blank is accounted for.  A failed print is then marked
spoiled (:meth:`tirkeu.services.stock.StockService.spoil`) and the reprint takes
a new blank.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tirkeu.documents import (
    Blank,
    DocumentRefused,
    Mode,
    SigningError,
    act_record_pdf,
    certificate_pdf,
    refusal_pdf,
    sign_pdf,
    stillbirth_spravka_pdf,
)
from tirkeu.documents.refusals import is_stillborn
from tirkeu.domain.iin import iin_birth_date, iin_sex, is_valid_iin
from tirkeu.domain.record import ActRecord, RecordStatus
from tirkeu.i18n import N_
from tirkeu.services.auth import Action, Actor
from tirkeu.services.document_kinds import Document
from tirkeu.services.errors import Conflict, NotFound, ServiceError
from tirkeu.services.repeat import Recipient, check_recipient
from tirkeu.services.stock import (
    PAPER_KINDS,
    BlankInfo,
    BlankStatus,
    DocumentRefusedError,
    RuleRefused,
    blank_info,
    move_blank,
    take_blank,
)
from tirkeu.services.workspace import Workspace
from tirkeu.storage import audit
from tirkeu.storage.models import ActRecordRow, BlankRow, CertificateRow, PrintJobRow
from tirkeu.storage.records import RecordRepository

ELECTRONIC_SERIES = "E"
LANGS = ("kk", "ru")


@dataclass(frozen=True)
class Printed:
    """A document ready for the printer, already recorded."""

    pdf: bytes
    document: Document
    job_id: int | None
    certificate_id: int | None = None
    blank: BlankInfo | None = None


@dataclass(frozen=True)
class CertificateInfo:
    id: int
    kind: str
    language: str
    issued_on: dt.date
    valid: bool
    invalid_reason: str | None
    blank: BlankInfo | None


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ServiceError(N_("A document is filled in Kazakh or Russian (kk or ru)."))
    return lang


def check_certificate_allowed(record: ActRecord) -> None:
    """The certificate's own conditions: alive (п. 40), registered (п. 35), IIN (п. 29 3))."""
    child = record.application.child
    if is_stillborn(record):
        raise RuleRefused(
            N_(
                "No birth certificate is issued for a stillborn child: issue the spravka of "
                "registration of a stillborn child"
            ),
            40,
        )
    if not record.is_registered or record.record_date is None:
        raise RuleRefused(N_("The birth is not registered yet: the act record has no number"), 35)
    if record.status is RecordStatus.REJECTED:
        raise Conflict(
            N_("The district registry rejected record {id}; settle that before issuing."),
            id=record.id,
        )
    iin = child.iin or ""
    if (
        not is_valid_iin(iin)
        or (child.birth_date is not None and iin_birth_date(iin) != child.birth_date)
        or iin_sex(iin) is not child.sex
    ):
        raise RuleRefused(
            N_(
                "The child has no valid individual identification number (IIN) agreeing with "
                "the date of birth and sex; the certificate shows it"
            ),
            29,
        )


class PrintingService:
    def __init__(self, ws: Workspace, actor: Actor) -> None:
        self.ws = ws
        self.actor = actor

    # --- reading -------------------------------------------------------------

    def _record(self, s: Session, record_id: int) -> ActRecord:
        record = RecordRepository(s).get(record_id)
        if record is None:
            raise NotFound(N_("There is no record {id}."), id=record_id)
        return record

    def certificates(self, record_id: int) -> list[CertificateInfo]:
        with self.ws.db.session() as s:
            rows = s.scalars(
                select(CertificateRow)
                .where(CertificateRow.record_id == record_id)
                .order_by(CertificateRow.id)
            )
            return [
                CertificateInfo(
                    c.id,
                    c.kind,
                    c.language,
                    c.issued_on,
                    c.valid,
                    c.invalid_reason,
                    blank_info(s.get_one(BlankRow, c.blank_id)) if c.blank_id else None,
                )
                for c in rows
            ]

    def preview(
        self,
        record_id: int,
        document: Document,
        lang: str,
        mode: Mode = Mode.PREVIEW,
        recipient: Recipient | None = None,
    ) -> bytes:
        """The document as it would print, changing nothing; certificates on plain paper
        (``proof``) or marked as a specimen (``preview``), with the next blank's number."""
        lang = _lang(lang)
        with self.ws.db.session() as s:
            record = self._record(s, record_id)
            if document in (Document.CERTIFICATE, Document.REPEAT_CERTIFICATE):
                repeat = document is Document.REPEAT_CERTIFICATE
                if repeat:
                    self._check_repeat(s, record, recipient)
                else:
                    check_certificate_allowed(record)
                nxt = take_blank(s)
                blank = Blank(nxt.series, nxt.number) if nxt else Blank("—", "—")
                return self._certificate(record, lang, blank, mode, repeat=repeat)
        return self._plain(record, document, lang)

    # --- certificates on blanks ------------------------------------------------

    def issue_certificate(self, record_id: int, lang: str, printer: str = "") -> Printed:
        """The first certificate of a registered record on the next blank in stock."""
        self.actor.require(Action.PRINT)
        lang = _lang(lang)
        with self.ws.db.session() as s:
            record = self._record(s, record_id)
            check_certificate_allowed(record)
            earlier = self._valid_paper(s, record_id)
            if earlier is not None:
                blank = s.get_one(BlankRow, earlier.blank_id)
                raise RuleRefused(
                    N_(
                        "A certificate was already issued on blank {blank}; for a lost or damaged "
                        "one issue a repeat certificate, a misprint is first marked spoiled"
                    ),
                    41,
                    blank=f"{blank.series} {blank.number}",
                )
            return self._on_blank(s, record, lang, printer, Document.CERTIFICATE, None)

    def issue_repeat_certificate(
        self, record_id: int, lang: str, recipient: Recipient, printer: str = ""
    ) -> Printed:
        """A repeat certificate on a new blank; the earlier one becomes invalid (п. 41–47)."""
        self.actor.require(Action.PRINT)
        lang = _lang(lang)
        with self.ws.db.session() as s:
            record = self._record(s, record_id)
            self._check_repeat(s, record, recipient)
            return self._on_blank(s, record, lang, printer, Document.REPEAT_CERTIFICATE, recipient)

    def check_repeat(self, record_id: int, recipient: Recipient) -> None:
        """Raise the reason when ``recipient`` may not receive a repeat certificate."""
        with self.ws.db.session() as s:
            self._check_repeat(s, self._record(s, record_id), recipient)

    def _check_repeat(self, s: Session, record: ActRecord, recipient: Recipient | None) -> None:
        check_certificate_allowed(record)
        handed_over = s.scalar(
            select(CertificateRow.id)
            .join(BlankRow, BlankRow.id == CertificateRow.blank_id)
            .where(
                CertificateRow.record_id == record.id,
                CertificateRow.kind.in_(PAPER_KINDS),
                BlankRow.status != BlankStatus.SPOILED.value,
            )
            .limit(1)
        )
        if handed_over is None:
            raise RuleRefused(
                N_(
                    "No certificate was issued for this record yet, so there is nothing to "
                    "repeat: issue the certificate"
                ),
                41,
            )
        if recipient is not None:
            birth = record.application.child.birth_date
            assert birth is not None
            check_recipient(birth, self.ws.today, recipient)

    def _valid_paper(self, s: Session, record_id: int) -> CertificateRow | None:
        return s.scalars(
            select(CertificateRow).where(
                CertificateRow.record_id == record_id,
                CertificateRow.kind.in_(PAPER_KINDS),
                CertificateRow.valid.is_(True),
            )
        ).first()

    def _on_blank(
        self,
        s: Session,
        record: ActRecord,
        lang: str,
        printer: str,
        document: Document,
        recipient: Recipient | None,
    ) -> Printed:
        assert record.id is not None
        blank = take_blank(s)
        if blank is None:
            raise RuleRefused(
                N_("There is no blank left in stock: the administrator receives a new batch"), 35
            )
        now = self.ws.clock()
        repeat = document is Document.REPEAT_CERTIFICATE
        if repeat:
            assert recipient is not None
            self._invalidate_earlier(s, record.id, recipient, now)
        move_blank(
            s, blank, BlankStatus.ISSUED, user_id=self.actor.user_id, at=now, record_id=record.id
        )
        kind = "repeat_certificate" if repeat else "certificate"
        cert = self._certificate_row(s, record, kind, lang, blank.id, recipient)
        pdf = self._certificate(record, lang, Blank(blank.series, blank.number), Mode.BLANK, repeat)
        job = self._job(s, record.id, document, lang, printer, cert.id, blank.id)
        return Printed(pdf, document, job, cert.id, blank_info(blank))

    def _invalidate_earlier(
        self, s: Session, record_id: int, recipient: Recipient, now: dt.datetime
    ) -> None:
        """п. 47: the earlier blank is invalid; handed in, it is surrendered (п. 48)."""
        for cert in s.scalars(
            select(CertificateRow).where(
                CertificateRow.record_id == record_id,
                CertificateRow.kind.in_(PAPER_KINDS),
                CertificateRow.valid.is_(True),
            )
        ):
            cert.valid = False
            cert.invalid_reason = f"repeat certificate issued ({recipient.ground.value})"
            blank = s.get_one(BlankRow, cert.blank_id)
            if recipient.surrendered and blank.status == BlankStatus.ISSUED.value:
                move_blank(
                    s,
                    blank,
                    BlankStatus.SURRENDERED,
                    user_id=self.actor.user_id,
                    at=now,
                    reason=cert.invalid_reason,
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

    def _certificate_row(
        self,
        s: Session,
        record: ActRecord,
        kind: str,
        lang: str,
        blank_id: int | None,
        recipient: Recipient | None = None,
    ) -> CertificateRow:
        assert record.id is not None
        repo = RecordRepository(s)
        before = record.status
        if record.status is RecordStatus.REGISTERED:
            record.status = RecordStatus.CERTIFICATE_ISSUED
        repo.save(record)
        cert = CertificateRow(
            record_id=record.id,
            kind=kind,
            blank_id=blank_id,
            language=lang,
            issued_on=self.ws.today,
            issued_by=self.actor.user_id,
            valid=True,
            change_seq=s.get_one(ActRecordRow, record.id).change_seq,
            recipient=recipient.to_json() if recipient else None,
        )
        s.add(cert)
        s.flush()
        audit.append(
            s,
            user_id=self.actor.user_id,
            action=f"certificate.{kind}",
            entity="certificate",
            entity_id=cert.id,
            before={"status": before.value},
            after={
                "record": record.id,
                "blank": blank_id,
                "status": record.status.value,
                "recipient": recipient.relation.value if recipient else None,
            },
            at=self.ws.clock(),
        )
        return cert

    def _job(
        self,
        s: Session,
        record_id: int,
        document: Document | str,
        lang: str,
        printer: str,
        certificate_id: int | None = None,
        blank_id: int | None = None,
        copies: int = 1,
    ) -> int:
        job = PrintJobRow(
            record_id=record_id,
            certificate_id=certificate_id,
            blank_id=blank_id,
            document=str(document),
            copies=copies,
            language=lang,
            printer=printer[:200],
            user_id=self.actor.user_id,
            at=self.ws.clock(),
        )
        s.add(job)
        s.flush()
        return job.id

    def _certificate(
        self, record: ActRecord, lang: str, blank: Blank, mode: Mode, repeat: bool
    ) -> bytes:
        try:
            return certificate_pdf(
                record, self.ws.office(), lang, self.ws.today, blank, mode, repeat=repeat
            )
        except DocumentRefused as exc:
            raise DocumentRefusedError(exc) from None

    # --- electronic certificate (п. 37) ---------------------------------------

    def electronic_certificate(
        self, record_id: int, lang: str, pkcs12: bytes, password: str
    ) -> Printed:
        """The certificate as a PDF with its QR code, signed with the head's key; no blank."""
        self.actor.require(Action.SIGN_ELECTRONIC)
        lang = _lang(lang)
        office = self.ws.office()
        with self.ws.db.session() as s:
            record = self._record(s, record_id)
            check_certificate_allowed(record)
            cert = self._certificate_row(s, record, "electronic_certificate", lang, None)
            try:
                pdf = certificate_pdf(
                    record,
                    office,
                    lang,
                    self.ws.today,
                    Blank(ELECTRONIC_SERIES, f"{cert.id:07d}"),
                    Mode.PROOF,
                    electronic=True,
                )
                signed = sign_pdf(
                    pdf,
                    pkcs12,
                    password.encode("utf-8"),
                    reason="Order 429, para. 37",
                    location=office.name(lang),
                )
            except DocumentRefused as exc:
                raise DocumentRefusedError(exc) from None
            except SigningError:
                raise ServiceError(
                    N_("The signing key cannot be opened: wrong password, or not a PKCS#12 key.")
                ) from None
            return Printed(signed, Document.CERTIFICATE, None, cert.id)

    # --- documents on plain paper ----------------------------------------------

    def issue_spravka(self, record_id: int, lang: str, printer: str = "") -> Printed:
        """The spravka of registration of a stillborn child (п. 40), on plain paper."""
        self.actor.require(Action.PRINT)
        lang = _lang(lang)
        with self.ws.db.session() as s:
            record = self._record(s, record_id)
            pdf = self._plain(record, Document.STILLBIRTH_SPRAVKA, lang)
            assert record.id is not None
            cert = s.scalars(
                select(CertificateRow).where(
                    CertificateRow.record_id == record.id,
                    CertificateRow.kind == "stillbirth_spravka",
                    CertificateRow.valid.is_(True),
                )
            ).first()
            if cert is None:
                cert = self._certificate_row(s, record, "stillbirth_spravka", lang, None)
            job = self._job(s, record.id, Document.STILLBIRTH_SPRAVKA, lang, printer, cert.id)
            return Printed(pdf, Document.STILLBIRTH_SPRAVKA, job, cert.id)

    def print_plain(
        self, record_id: int, document: Document, lang: str, printer: str = ""
    ) -> Printed:
        """The act record (two copies, п. 35) or the refusal, with its print job."""
        self.actor.require(Action.PRINT)
        lang = _lang(lang)
        if document not in (Document.ACT_RECORD, Document.REFUSAL):
            raise ServiceError(N_("This document is not printed on plain paper."))
        with self.ws.db.session() as s:
            record = self._record(s, record_id)
            pdf = self._plain(record, document, lang)
            assert record.id is not None
            copies = 2 if document is Document.ACT_RECORD else 1
            job = self._job(s, record.id, document, lang, printer, copies=copies)
            return Printed(pdf, document, job)

    def _plain(self, record: ActRecord, document: Document, lang: str) -> bytes:
        office = self.ws.office()
        try:
            if document is Document.STILLBIRTH_SPRAVKA:
                return stillbirth_spravka_pdf(record, office, lang, self.ws.today)
            if document is Document.ACT_RECORD:
                if not record.is_registered:
                    raise RuleRefused(
                        N_("The birth is not registered yet: the act record has no number"), 35
                    )
                # The amendments service builds on this one, hence the late import.
                from tirkeu.services.amendments import AmendmentService

                assert record.id is not None
                marks = AmendmentService(self.ws, self.actor).marks(record.id)
                return act_record_pdf(record, office, lang, marks)
            if document is Document.REFUSAL:
                if record.status is not RecordStatus.REFUSED or record.refusal_reason is None:
                    raise Conflict(N_("Record {id} was not refused."), id=record.id)
                assert record.record_date is not None
                return refusal_pdf(
                    record,
                    office,
                    lang,
                    record.refusal_reason,
                    record.record_date,
                    record.registrar or "",
                )
        except DocumentRefused as exc:
            raise DocumentRefusedError(exc) from None
        raise ServiceError(N_("This document is printed on a blank."))

    # --- one entry for the command line and the print window -------------------

    def issue(
        self,
        record_id: int,
        document: Document,
        lang: str,
        printer: str = "",
        recipient: Recipient | None = None,
    ) -> Printed:
        """Issue or print ``document`` of a record, as printing it would."""
        if document is Document.CERTIFICATE:
            return self.issue_certificate(record_id, lang, printer)
        if document is Document.REPEAT_CERTIFICATE:
            if recipient is None:
                raise ServiceError(N_("Say who receives the repeat certificate."))
            return self.issue_repeat_certificate(record_id, lang, recipient, printer)
        if document is Document.STILLBIRTH_SPRAVKA:
            return self.issue_spravka(record_id, lang, printer)
        return self.print_plain(record_id, document, lang, printer)
