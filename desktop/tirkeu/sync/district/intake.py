"""The district's intake: verify a bundle, import it, answer with one acknowledgement.

An import is one database transaction: the bundle row, every record's outcome,
the IINs assigned and the acknowledgement's bytes are committed together or
not at all, so a refused or failed bundle leaves the database as it was.  The
ack file is written after the commit; the stored bytes are the truth, and a
replayed bundle (same file hash) changes nothing and gets the very same ack
again, written out anew.  Sequence gaps per office are reported, not fatal:
each bundle stands on its own, and the ack asks the office for the missing ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.orm import Session

from tirkeu.sync.ack import (
    CalendarDay,
    Outcome,
    RecordResult,
    ack_extra,
    ack_parts,
)
from tirkeu.sync.bulk import collector_paused, pages_kept
from tirkeu.sync.bundle import (
    Kind,
    OpenedBundle,
    bundle_hash,
    file_name,
    open_bundle,
    write_bundle,
)
from tirkeu.sync.district import checks
from tirkeu.sync.district.decisions import record_result, take_records
from tirkeu.sync.district.models import (
    Acknowledgement,
    KnownOffice,
    ReceivedBundle,
    ReceivedRecord,
)
from tirkeu.sync.district.parallel import start_helper
from tirkeu.sync.district.registry import District
from tirkeu.sync.errors import BundleError, ErrorCode
from tirkeu.sync.pki import fingerprint
from tirkeu.sync.signing import RsaSigner, load_verifier
from tirkeu.sync.transport import write_atomic

RECORDS = "records.json"


class ImportStatus(StrEnum):
    IMPORTED = "imported"
    ALREADY_IMPORTED = "already_imported"
    REFUSED = "refused"


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    status: ImportStatus
    error: BundleError | None = None
    office: str | None = None
    sequence: int | None = None
    results: list[RecordResult] = field(default_factory=list)
    missing_sequences: list[int] = field(default_factory=list)
    ack_name: str | None = None
    ack: bytes | None = None
    ack_path: Path | None = None


@dataclass(frozen=True)
class VerifyReport:
    file_name: str
    error: BundleError | None = None
    office: str | None = None
    sequence: int | None = None
    signer: str | None = None  # the signing certificate's subject, for a person to read
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[RecordResult] = field(default_factory=list)  # records that would be rejected

    @property
    def ok(self) -> bool:
        return self.error is None and not self.problems


def _open(district: District, session: Session, data: bytes) -> OpenedBundle:
    opened = open_bundle(
        data,
        district.keys,
        district.trust_roots,
        district.revoked_serials(session),
        district.known_signers(session),
    )
    if opened.manifest.kind is not Kind.RECORDS:
        raise BundleError(ErrorCode.MANIFEST_INVALID, "not a records bundle")
    for item in opened.parts.get(RECORDS, []):
        local_id = item.get("local_id") if isinstance(item, dict) else None
        if isinstance(local_id, bool) or not isinstance(local_id, int):
            raise BundleError(ErrorCode.PART_INVALID, "record without local_id", part=RECORDS)
    return opened


def prepare() -> None:
    """Make ready, once per process, what every import needs.

    pyHanko's verifier, the rules and the calendar are loaded, and the helper
    process that checks half of a big bundle is started (:mod:`.parallel`).
    `tirkeu-district serve` calls it before it listens, so its first bundle
    does not wait a second or two for them.
    """
    load_verifier()
    checks.load_engine()
    start_helper()


def verify_file(district: District, path: Path) -> VerifyReport:
    """Decrypt, verify and check the content of one bundle without importing it."""
    data = path.read_bytes()
    with district.session() as session:
        try:
            opened = _open(district, session, data)
        except BundleError as exc:
            return VerifyReport(path.name, exc)
    problems = []
    today = district.clock().date()
    for item in opened.parts.get(RECORDS, []):
        record, reasons = checks.read_record(item)
        if record is not None and not reasons:
            reasons = checks.content_reasons(record, today)
        if reasons:
            problems.append(
                RecordResult(item["local_id"], item.get("number"), Outcome.REJECTED, tuple(reasons))
            )
    manifest = opened.manifest
    return VerifyReport(
        path.name,
        None,
        manifest.office,
        manifest.sequence,
        opened.signer.subject.rfc4514_string(),
        {name: info.count for name, info in manifest.parts.items()},
        problems,
    )


def import_files(
    district: District, paths: Iterable[Path], acks_dir: Path | None
) -> list[ImportResult]:
    """Import each file in turn; one result (and one ack file) per bundle."""
    return [import_bytes(district, p.read_bytes(), p.name, acks_dir) for p in paths]


def import_bytes(
    district: District, data: bytes, name: str, acks_dir: Path | None = None
) -> ImportResult:
    """Import one bundle; thread-safe (imports are serialized by the district's lock)."""
    with district.import_lock, collector_paused():
        try:
            result = _import(district, data, name)
        except BundleError as exc:
            return ImportResult(name, ImportStatus.REFUSED, exc)
    if acks_dir is not None and result.ack is not None and result.ack_name is not None:
        path = write_atomic(acks_dir, result.ack_name, result.ack)
        result = replace(result, ack_path=path)
    return result


def _import(district: District, data: bytes, name: str) -> ImportResult:
    sha = bundle_hash(data)
    with district.session() as session, session.begin(), pages_kept(session):
        known = session.scalar(select(ReceivedBundle).where(ReceivedBundle.sha256 == sha))
        if known is not None:
            return _replay(session, known)
        opened = _open(district, session, data)
        manifest = opened.manifest
        clash = session.scalar(
            select(ReceivedBundle).where(
                ReceivedBundle.office_code == manifest.office,
                ReceivedBundle.sequence == manifest.sequence,
            )
        )
        if clash is not None:
            raise BundleError(
                ErrorCode.SEQUENCE_REUSED,
                clash.sha256,
                office=manifest.office,
                sequence=str(manifest.sequence),
            )
        now = district.clock()
        row = ReceivedBundle(
            office_code=manifest.office,
            sequence=manifest.sequence,
            sha256=sha,
            file_name=name,
            created_at=manifest.created_at.isoformat(),
            received_at=now,
            signer_fingerprint=fingerprint(opened.signer),
            other_parts={k: v for k, v in opened.parts.items() if k != RECORDS},
        )
        session.add(row)
        session.flush()
        results = take_records(session, row, opened.parts.get(RECORDS, []), now.date())
        missing = _missing(session, manifest.office)
        office = session.get(KnownOffice, manifest.office)
        assert office is not None  # open_bundle checked it against the registered offices
        calendar = [CalendarDay(c.day, c.working, c.note) for c in district.calendar(session)]
        ack_name = file_name(Kind.ACK, manifest.office, manifest.sequence)
        ack = write_bundle(
            ack_parts(results, calendar),
            kind=Kind.ACK,
            office=manifest.office,
            sequence=manifest.sequence,
            created_at=now,
            signer=RsaSigner(district.keys),
            recipient=x509.load_pem_x509_certificate(office.certificate_pem.encode("ascii")),
            extra=ack_extra(name, sha, missing),
        )
        session.add(Acknowledgement(bundle_id=row.id, file_name=ack_name, data=ack, written_at=now))
        return ImportResult(
            name,
            ImportStatus.IMPORTED,
            office=manifest.office,
            sequence=manifest.sequence,
            results=results,
            missing_sequences=missing,
            ack_name=ack_name,
            ack=ack,
        )


def _replay(session: Session, bundle: ReceivedBundle) -> ImportResult:
    ack = session.scalar(select(Acknowledgement).where(Acknowledgement.bundle_id == bundle.id))
    assert ack is not None  # written in the same transaction as the bundle row
    return ImportResult(
        bundle.file_name,
        ImportStatus.ALREADY_IMPORTED,
        office=bundle.office_code,
        sequence=bundle.sequence,
        results=[_result(r) for r in bundle.records],
        missing_sequences=_missing(session, bundle.office_code),
        ack_name=ack.file_name,
        ack=ack.data,
    )


def _missing(session: Session, office: str) -> list[int]:
    seen = set(
        session.scalars(select(ReceivedBundle.sequence).where(ReceivedBundle.office_code == office))
    )
    return sorted(set(range(1, max(seen, default=0) + 1)) - seen)


def _result(row: ReceivedRecord) -> RecordResult:
    return record_result(row.local_id, row.number, row.status, row.reasons, row.iin)
