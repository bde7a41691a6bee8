"""Transfer to the district registry: the akimat's side of sync (DESIGN.md flow 5–6).

Export writes the next bundle of everything new since the last one: act
records (by their ``change_seq``) that are registered, have a certificate or
were refused, plus the certificates issued and blank movements since then.
The bundle file is written first (atomically) into ``<data-dir>/outbox`` (the
archive a resend copies from); then the ``bundles`` row is committed with the
records moved to "transferred"; only then is the file copied into the chosen
folder.  The district never sees a bundle the office has not recorded: a
failed commit deletes the archived file, a crash before the commit leaves one
whose sequence the next export simply writes again, and a crash after it
leaves a recorded, unacknowledged bundle that a resend writes out.

An acknowledgement is applied once, in one transaction: outcomes per record
(confirmed, rejected with the district's reasons, possible duplicate), the
child's IIN where the district assigned it, the district's calendar overrides
and the sequences it is missing.  The same acknowledgement again changes
nothing.

Keys live in ``<data-dir>/keys``: ``office.p12`` (the office's own key, its
password asked each time and never stored), ``district.pem`` (the pinned
district certificate) and ``ca.pem`` (the trusted root).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from sqlalchemy import ColumnElement, Text, func, or_, select, type_coerce, update
from sqlalchemy.orm import Session

from tirkeu.domain.record import RecordStatus
from tirkeu.domain.workdays import OVERRIDES_PATH, WorkCalendar
from tirkeu.i18n import N_, t
from tirkeu.resources import resource
from tirkeu.services.auth import Action, Actor
from tirkeu.services.errors import ServiceError
from tirkeu.services.workspace import Workspace
from tirkeu.storage import audit
from tirkeu.storage.models import (
    ActRecordRow,
    AmendmentRow,
    BlankEventRow,
    BlankRow,
    BundleRow,
    CertificateRow,
    SettingRow,
    UserRow,
)
from tirkeu.storage.records import RecordRepository
from tirkeu.sync import office as sync_office
from tirkeu.sync import pki
from tirkeu.sync.ack import AckContent, Outcome, Reason, RecordResult
from tirkeu.sync.bulk import collector_paused, pages_kept
from tirkeu.sync.bundle import EncodedPart, Kind, encode_items, file_name
from tirkeu.sync.district.registry import District, open_district
from tirkeu.sync.errors import BundleError
from tirkeu.sync.payload import payload_text
from tirkeu.sync.signing import RsaSigner
from tirkeu.sync.transport import write_atomic

KEYS_DIR = "keys"
OFFICE_KEY = "office.p12"
DISTRICT_CERT = "district.pem"
CA_CERT = "ca.pem"
OUTBOX_DIR = "outbox"  # every bundle written, byte for byte, for a resend
ACKS_DIR = "acks"  # acknowledgements received over the network

SETTING_CALENDAR = "calendar_overrides"
SETTING_URL = "district_url"
SETTING_WARNING_DAYS = "transfer_warning_days"
SETTING_MISSING = "district_missing_sequences"
SETTING_WATERMARKS = "transfer_watermarks"
DEFAULT_WARNING_DAYS = 7

# What a bundle carries; a record moves on to "transferred" once sent, and a
# refusal stays refused (it is sent for the district's statistics only).
SENDABLE = (RecordStatus.REGISTERED, RecordStatus.CERTIFICATE_ISSUED, RecordStatus.REFUSED)
_TRANSFERS = (RecordStatus.REGISTERED, RecordStatus.CERTIFICATE_ISSUED)

CERTIFICATES_PART = "certificates.json"
BLANKS_PART = "blanks.json"
AMENDMENTS_PART = "amendments.json"


class BundleRefused(ServiceError):
    """A bundle or acknowledgement failed the sync layer's checks; it says why."""

    def __init__(self, file: str, error: BundleError) -> None:
        super().__init__(N_("{file}: {reason}"), file=file, reason=error.detail)
        self.error = error

    def message(self, lang: str) -> str:
        return t(lang, self.msgid).format(file=self.params["file"], reason=self.error.message(lang))


@dataclass(frozen=True)
class TransferStatus:
    """What the transfer window and the status bar show."""

    unsent: dict[str, int]  # record status → records not yet in a bundle
    last_transfer: dt.datetime | None
    days_since: int | None  # None: never transferred
    warning_days: int
    unacknowledged: list[int]  # bundles written without an acknowledgement yet
    missing: list[int]  # sequences the district says it has not received
    district_url: str

    @property
    def unsent_total(self) -> int:
        return sum(self.unsent.values())

    @property
    def overdue(self) -> bool:
        """Records wait and the last transfer is too long ago (or never happened)."""
        if not self.unsent_total:
            return False
        return self.days_since is None or self.days_since > self.warning_days


@dataclass(frozen=True)
class ExportResult:
    path: Path  # in the folder asked for
    sequence: int
    sha256: str
    records: int
    refusals: int
    certificates: int
    blanks: int


@dataclass(frozen=True)
class AckReport:
    file_name: str
    sequence: int
    already_applied: bool  # the same acknowledgement came before: nothing changed
    results: list[RecordResult] = field(default_factory=list)
    confirmed: int = 0
    rejected: int = 0
    duplicates: int = 0
    iins_filled: int = 0
    unknown: int = 0  # results for records this office does not hold (any more)
    missing_sequences: list[int] = field(default_factory=list)
    calendar_days: int = 0


@dataclass(frozen=True)
class OfficeKeys:
    material: pki.KeyMaterial
    district: x509.Certificate
    roots: list[x509.Certificate]


def keys_dir(ws: Workspace) -> Path:
    return ws.data_dir / KEYS_DIR


def outbox_dir(ws: Workspace) -> Path:
    return ws.data_dir / OUTBOX_DIR


def acks_dir(ws: Workspace) -> Path:
    return ws.data_dir / ACKS_DIR


def reason_text(reasons: Iterable[Reason], lang: str) -> str:
    """The district's reasons as one line in ``lang``, each with its paragraph."""
    parts = []
    for reason in reasons:
        text = reason.message(lang)
        if reason.paragraph is not None:
            cite = t(lang, "para. {n}").format(n=reason.paragraph)
            text = f"{cite}: {text}"
        parts.append(text)
    return "; ".join(parts)


# --- settings ---------------------------------------------------------------


def _setting(session: Session, key: str) -> dict[str, Any]:
    row = session.get(SettingRow, key)
    return dict(row.value) if row is not None else {}


def _set_setting(session: Session, key: str, value: dict[str, Any]) -> None:
    row = session.get(SettingRow, key)
    if row is None:
        session.add(SettingRow(key=key, value=value))
    else:
        row.value = value


def calendar_overrides(ws: Workspace) -> dict[dt.date, bool]:
    """The district's calendar overrides received in acknowledgements: day → working."""
    with ws.db.session() as s:
        days = _setting(s, SETTING_CALENDAR).get("days", [])
    return {dt.date.fromisoformat(d["day"]): bool(d["working"]) for d in days}


def work_calendar(ws: Workspace) -> WorkCalendar:
    """The working calendar with the shipped overrides, the district's on top of them."""
    shipped = json.loads(resource(*OVERRIDES_PATH).read_text(encoding="utf-8"))
    working = {dt.date.fromisoformat(e["date"]): True for e in shipped["working_days"]}
    working.update({dt.date.fromisoformat(e["date"]): False for e in shipped["holidays"]})
    working.update(calendar_overrides(ws))
    return WorkCalendar(
        extra_holidays=[d for d, w in working.items() if not w],
        extra_working_days=[d for d, w in working.items() if w],
    )


# --- the district's folder ----------------------------------------------------

DISTRICT_DB = "district.sqlite3"


def open_district_folder(data_dir: Path, password: bytes) -> District:
    """The district of ``data_dir``: keys in ``keys/`` (as at the office), database beside.

    ``keys/district.p12`` and ``keys/ca.pem`` (plus ``keys/trust/*.pem``), the
    database ``district.sqlite3``; the demo world and ``tirkeu-district`` share it.
    """
    keys = data_dir / KEYS_DIR
    try:
        return open_district(keys, password, url=f"sqlite:///{data_dir / DISTRICT_DB}")
    except FileNotFoundError as exc:
        raise ServiceError(
            "The district folder {path} has no key: {file} is missing.",
            path=str(data_dir),
            file=str(exc.filename),
        ) from None
    except pki.KeyFileError:
        raise ServiceError(
            "The district key cannot be opened: wrong password or damaged file."
        ) from None


# --- the use cases ----------------------------------------------------------


class TransferService:
    def __init__(self, ws: Workspace, actor: Actor) -> None:
        self.ws = ws
        self.actor = actor

    # --- keys ------------------------------------------------------------

    def has_keys(self) -> bool:
        folder = keys_dir(self.ws)
        return all((folder / name).is_file() for name in (OFFICE_KEY, DISTRICT_CERT, CA_CERT))

    def load_keys(self, password: str) -> OfficeKeys:
        """The office key (opened with ``password``), the pinned district and root."""
        if not self.has_keys():
            raise ServiceError(
                "The office has no keys for transfer in {path}: import the office key first.",
                path=str(keys_dir(self.ws)),
            )
        folder = keys_dir(self.ws)
        try:
            material = pki.load_pkcs12(folder / OFFICE_KEY, password.encode("utf-8"))
        except pki.KeyFileError:
            raise ServiceError(
                "The office key cannot be opened: wrong password or damaged file."
            ) from None
        try:
            district = pki.load_certificates(folder / DISTRICT_CERT)[0]
            roots = pki.load_certificates(folder / CA_CERT)
        except (ValueError, IndexError):
            raise ServiceError(
                "The certificate files in {path} are damaged.", path=str(folder)
            ) from None
        return OfficeKeys(material, district, roots)

    def import_keys(
        self, p12_path: Path, password: str, ca_pem: Path, district_cert_pem: Path
    ) -> None:
        """Install the office's key, the trusted root and the district certificate.

        All three are checked first (the password opens the key, both
        certificates were issued by the root), then copied into ``keys/``;
        the key file keeps its own password protection.
        """
        self.actor.require(Action.MANAGE_ACCOUNTS)
        try:
            material = pki.load_pkcs12(p12_path, password.encode("utf-8"))
            roots = pki.load_certificates(ca_pem)
            district = pki.load_certificates(district_cert_pem)[0]
        except pki.KeyFileError:
            raise ServiceError(
                "The office key cannot be opened: wrong password or damaged file."
            ) from None
        except (OSError, ValueError, IndexError):
            raise ServiceError("The certificate files cannot be read.") from None
        for cert in (material.certificate, district):
            if not any(issued_by(cert, root) for root in roots):
                raise ServiceError(
                    "The certificate {subject} was not issued by the trusted root.",
                    subject=cert.subject.rfc4514_string(),
                )
        folder = keys_dir(self.ws)
        with self.ws.db.session() as s:
            write_atomic(folder, OFFICE_KEY, p12_path.read_bytes())
            write_atomic(folder, CA_CERT, ca_pem.read_bytes())
            write_atomic(folder, DISTRICT_CERT, district_cert_pem.read_bytes())
            audit.append(
                s,
                user_id=self.actor.user_id,
                action="transfer.keys",
                entity="office",
                entity_id=None,
                after={
                    "office": pki.fingerprint(material.certificate),
                    "district": pki.fingerprint(district),
                },
                at=self.ws.clock(),
            )

    # --- settings ------------------------------------------------------------

    def change_stamp(self) -> tuple[object, ...]:
        """Cheap (indexed) values that change whenever :meth:`status` may change:
        any saved record raises ``change_seq``; export and acknowledgement touch
        the bundles.

        Counting the unsent records reads every one of them; the journal asks
        for the status after each search, so it recounts only when this differs.
        """
        with self.ws.db.session() as s:
            return (
                s.scalar(select(func.max(ActRecordRow.change_seq))),
                s.scalar(select(func.count(BundleRow.id))),
                s.scalar(select(func.count(BundleRow.acknowledged_at))),
                self.ws.today,
            )

    def status(self) -> TransferStatus:
        with self.ws.db.session() as s:
            last = _last_bundle(s)
            since = last.through_change if last else 0
            counts = s.execute(
                select(ActRecordRow.status, func.count(ActRecordRow.id))
                .where(
                    ActRecordRow.change_seq > since,
                    ActRecordRow.status.in_([st.value for st in SENDABLE]),
                )
                .group_by(ActRecordRow.status)
            ).all()
            open_seqs = list(
                s.scalars(
                    select(BundleRow.seq)
                    .where(BundleRow.acknowledged_at.is_(None))
                    .order_by(BundleRow.seq)
                )
            )
            warning = int(_setting(s, SETTING_WARNING_DAYS).get("days", DEFAULT_WARNING_DAYS))
            missing = [int(n) for n in _setting(s, SETTING_MISSING).get("sequences", [])]
            url = str(_setting(s, SETTING_URL).get("url", ""))
        last_at = last.created_at if last else None
        days = (self.ws.today - last_at.date()).days if last_at else None
        return TransferStatus(
            unsent={status: int(n) for status, n in counts},
            last_transfer=last_at,
            days_since=days,
            warning_days=warning,
            unacknowledged=open_seqs,
            missing=missing,
            district_url=url,
        )

    def save_settings(self, district_url: str, warning_days: int) -> None:
        """The district's network address and the days after which to warn."""
        self.actor.require(Action.EXPORT)
        url = district_url.strip()
        if url and not url.startswith(("http://", "https://")):
            raise ServiceError("The district address starts with http:// or https://.")
        if not 1 <= warning_days <= 365:
            raise ServiceError("The warning period is 1 to 365 days.")
        with self.ws.db.session() as s:
            _set_setting(s, SETTING_URL, {"url": url})
            _set_setting(s, SETTING_WARNING_DAYS, {"days": warning_days})
            audit.append(
                s,
                user_id=self.actor.user_id,
                action="transfer.settings",
                entity="settings",
                entity_id=None,
                after={"url": url, "warning_days": warning_days},
                at=self.ws.clock(),
            )

    # --- export --------------------------------------------------------------

    def export_next(self, out_dir: Path, key_password: str) -> ExportResult | None:
        """Write the next bundle into ``out_dir``; None when nothing is new."""
        self.actor.require(Action.EXPORT)
        keys = self.load_keys(key_password)
        code = self.ws.office_code()
        outbox = outbox_dir(self.ws)
        written: list[Path] = []
        try:
            with collector_paused(), self.ws.db.session() as s, pages_kept(s):
                last = _last_bundle(s)
                since = last.through_change if last else 0
                sequence = (last.seq if last else 0) + 1
                through = int(s.scalar(select(func.max(ActRecordRow.change_seq))) or 0)
                marks = _setting(s, SETTING_WATERMARKS)
                new = _new_records(s, since, through)
                certificates, last_certificate = _new_certificates(
                    s, since, int(marks.get("certificate_id", 0))
                )
                blanks, last_event = _new_blank_events(s, int(marks.get("blank_event_id", 0)))
                amendments = _new_amendments(s, since, through)
                if not (new.record_ids or new.refusal_ids or certificates or blanks or amendments):
                    return None
                exported = sync_office.export_encoded(
                    outbox,
                    office=code,
                    sequence=sequence,
                    records=new.records,
                    refusals=new.refusals,
                    record_ids=new.record_ids,
                    other_parts={
                        CERTIFICATES_PART: certificates,
                        BLANKS_PART: blanks,
                        AMENDMENTS_PART: amendments,
                    },
                    signer=RsaSigner(keys.material),
                    district_certificate=keys.district,
                    now=self.ws.clock().astimezone(),
                )
                written.append(exported.path)
                s.add(
                    BundleRow(
                        seq=sequence,
                        created_at=self.ws.clock(),
                        sha256=exported.sha256,
                        through_change=max(through, since),
                        record_count=len(new.record_ids) + len(new.refusal_ids),
                        file_name=exported.path.name,
                        acknowledged_at=None,
                    )
                )
                _mark_transferred(s, since, through)
                _set_setting(
                    s,
                    SETTING_WATERMARKS,
                    {
                        "certificate_id": last_certificate,
                        "blank_event_id": last_event,
                    },
                )
                audit.append(
                    s,
                    user_id=self.actor.user_id,
                    action="transfer.export",
                    entity="bundle",
                    entity_id=sequence,
                    after={
                        "sha256": exported.sha256,
                        "records": new.record_ids,
                        "refusals": new.refusal_ids,
                        "certificates": len(certificates),
                        "blanks": len(blanks),
                        "amendments": len(amendments),
                    },
                    at=self.ws.clock(),
                )
                result = ExportResult(
                    exported.path,
                    sequence,
                    exported.sha256,
                    len(new.record_ids),
                    len(new.refusal_ids),
                    len(certificates),
                    len(blanks),
                )
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
        if out_dir.resolve() != outbox.resolve():
            path = write_atomic(out_dir, exported.path.name, exported.path.read_bytes())
            result = replace(result, path=path)
        return result

    def bundle_file(self, sequence: int) -> Path:
        """The archived copy of bundle ``sequence``, exactly as it was sent."""
        with self.ws.db.session() as s:
            row = s.scalars(select(BundleRow).where(BundleRow.seq == sequence)).first()
            if row is None:
                raise ServiceError("This office has not written bundle {n}.", n=sequence)
            name = row.file_name
        path = outbox_dir(self.ws) / name
        if not path.is_file():
            raise ServiceError(
                "The copy of bundle {n} is missing from {path}.", n=sequence, path=str(path.parent)
            )
        return path

    def resend(self, sequence: int, out_dir: Path) -> Path:
        """Write bundle ``sequence`` again, byte for byte (the district asked for it)."""
        self.actor.require(Action.EXPORT)
        source = self.bundle_file(sequence)
        path = write_atomic(out_dir, source.name, source.read_bytes())
        with self.ws.db.session() as s:
            audit.append(
                s,
                user_id=self.actor.user_id,
                action="transfer.resend",
                entity="bundle",
                entity_id=sequence,
                at=self.ws.clock(),
            )
        return path

    def unacknowledged_files(self) -> list[Path]:
        """Archived bundles the district has not answered yet, oldest first."""
        return [self.bundle_file(n) for n in self.status().unacknowledged]

    def prepare_send(self, key_password: str) -> list[Path]:
        """What to upload: every bundle still unanswered, then the next one if anything is new."""
        self.actor.require(Action.EXPORT)
        files = self.unacknowledged_files()
        exported = self.export_next(outbox_dir(self.ws), key_password)
        if exported is not None:
            files.append(exported.path)
        return files

    # --- acknowledgements --------------------------------------------------------

    def receive_ack(self, data: bytes, bundle: Path, key_password: str) -> AckReport:
        """Keep the acknowledgement the district answered ``bundle`` with, then apply it."""
        code = self.ws.office_code()
        with self.ws.db.session() as s:
            row = s.scalars(select(BundleRow).where(BundleRow.file_name == bundle.name)).first()
            if row is None:
                raise ServiceError("This office has not written bundle {n}.", n=bundle.name)
            name = file_name(Kind.ACK, code, row.seq)
        return self.import_ack(write_atomic(acks_dir(self.ws), name, data), key_password)

    def import_ack(self, path: Path, key_password: str) -> AckReport:
        """Apply one acknowledgement; applying it again changes nothing."""
        self.actor.require(Action.EXPORT)
        keys = self.load_keys(key_password)
        code = self.ws.office_code()
        try:
            content = sync_office.read_ack_file(
                path,
                office=code,
                office_keys=keys.material,
                trust_roots=keys.roots,
                district_certificate=keys.district,
            )
        except OSError as exc:
            raise ServiceError(
                "The file {file} cannot be read: {reason}",
                file=path.name,
                reason=exc.strerror or str(exc),
            ) from None
        except BundleError as exc:
            raise BundleRefused(path.name, exc) from None
        with self.ws.db.session() as s:
            bundle = s.scalars(select(BundleRow).where(BundleRow.seq == content.sequence)).first()
            if bundle is None or bundle.sha256 != content.bundle_sha256:
                raise ServiceError(
                    "The acknowledgement {file} answers bundle {n}, not sent by this office.",
                    file=path.name,
                    n=content.sequence,
                )
            if bundle.acknowledged_at is not None:
                return AckReport(path.name, content.sequence, True, list(content.results))
            report = self._apply(s, content, path.name)
            bundle.acknowledged_at = self.ws.clock()
            return report

    def _apply(self, s: Session, content: AckContent, name: str) -> AckReport:
        repo = RecordRepository(s)
        outcomes: dict[str, list[int]] = {"confirmed": [], "rejected": [], "duplicate": []}
        filled: list[int] = []
        unknown = 0
        for result in content.results:
            record = repo.get(result.local_id)
            if record is None or record.status is not RecordStatus.TRANSFERRED:
                unknown += 1
                continue
            lang = record.application.language.value
            if result.outcome is Outcome.ACCEPTED:
                record.status = RecordStatus.CONFIRMED
                record.district_reason = None
                if result.iin and not record.application.child.iin:
                    record.application.child.iin = result.iin
                    filled.append(result.local_id)
                outcomes["confirmed"].append(result.local_id)
            elif result.outcome is Outcome.REJECTED:
                record.status = RecordStatus.REJECTED
                record.district_reason = reason_text(result.reasons, lang)
                outcomes["rejected"].append(result.local_id)
            else:
                record.district_reason = reason_text(result.reasons, lang)
                outcomes["duplicate"].append(result.local_id)
            repo.save(record)
        days = _merge_calendar(s, content)
        _set_setting(s, SETTING_MISSING, {"sequences": list(content.missing_sequences)})
        audit.append(
            s,
            user_id=self.actor.user_id,
            action="transfer.ack",
            entity="bundle",
            entity_id=content.sequence,
            after={**outcomes, "iin_filled": filled, "unknown": unknown, "calendar_days": days},
            at=self.ws.clock(),
        )
        return AckReport(
            name,
            content.sequence,
            False,
            list(content.results),
            confirmed=len(outcomes["confirmed"]),
            rejected=len(outcomes["rejected"]),
            duplicates=len(outcomes["duplicate"]),
            iins_filled=len(filled),
            unknown=unknown,
            missing_sequences=list(content.missing_sequences),
            calendar_days=days,
        )


# --- helpers -----------------------------------------------------------------


def issued_by(cert: x509.Certificate, root: x509.Certificate) -> bool:
    """``root`` signed ``cert``: a key from another authority is refused before it is used."""
    try:
        cert.verify_directly_issued_by(root)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _last_bundle(s: Session) -> BundleRow | None:
    return s.scalars(select(BundleRow).order_by(BundleRow.seq.desc()).limit(1)).first()


@dataclass(frozen=True)
class _NewRecords:
    records: EncodedPart
    refusals: EncodedPart
    record_ids: list[int]
    refusal_ids: list[int]


def _new_records(s: Session, since: int, through: int) -> _NewRecords:
    """Records changed after the last bundle, in a state the district should know.

    Read as plain columns with the application's stored JSON text: loading
    thousands of ORM rows and parsing each application again was most of the
    export's time.
    """
    rows = s.execute(
        select(
            ActRecordRow.id,
            ActRecordRow.number,
            ActRecordRow.record_date,
            ActRecordRow.status,
            ActRecordRow.registrar_id,
            ActRecordRow.birth_group,
            ActRecordRow.refusal_reason,
            type_coerce(ActRecordRow.application, Text),
        )
        .where(*_sendable(since, through))
        .order_by(ActRecordRow.id)
    ).all()
    names = {uid: name for uid, name in s.execute(select(UserRow.id, UserRow.full_name))}
    texts: dict[bool, list[str]] = {False: [], True: []}
    ids: dict[bool, list[int]] = {False: [], True: []}
    for rid, number, record_date, status, registrar_id, group, refusal, application in rows:
        refused = status == RecordStatus.REFUSED.value
        ids[refused].append(rid)
        texts[refused].append(
            payload_text(
                local_id=rid,
                number=number,
                record_date=record_date,
                status=status,
                registrar=names.get(registrar_id) if registrar_id else None,
                birth_group=group,
                refusal_reason=refusal,
                application_json=application,
            )
        )
    return _NewRecords(encode_items(texts[False]), encode_items(texts[True]), ids[False], ids[True])


def _sendable(since: int, through: int) -> tuple[ColumnElement[bool], ...]:
    return (
        ActRecordRow.change_seq > since,
        ActRecordRow.change_seq <= through,
        ActRecordRow.status.in_([st.value for st in SENDABLE]),
    )


def _new_certificates(s: Session, since: int, last_id: int) -> tuple[list[dict[str, Any]], int]:
    """Certificates issued or changed since the last bundle, and the highest id seen."""
    rows = s.execute(
        select(
            CertificateRow.id,
            CertificateRow.record_id,
            CertificateRow.kind,
            BlankRow.series,
            BlankRow.number,
            CertificateRow.language,
            CertificateRow.issued_on,
            CertificateRow.valid,
            CertificateRow.invalid_reason,
        )
        .outerjoin(BlankRow, BlankRow.id == CertificateRow.blank_id)
        .where(or_(CertificateRow.change_seq > since, CertificateRow.id > last_id))
        .order_by(CertificateRow.id)
    ).all()
    items = [
        {
            "id": cid,
            "record_id": record_id,
            "kind": kind,
            "blank": {"series": series, "number": number} if series is not None else None,
            "language": language,
            "issued_on": issued_on.isoformat(),
            "valid": valid,
            "invalid_reason": reason,
        }
        for cid, record_id, kind, series, number, language, issued_on, valid, reason in rows
    ]
    return items, max((row[0] for row in rows), default=last_id)


def _mark_transferred(s: Session, since: int, through: int) -> None:
    """Registered and certified records of the bundle move on to "transferred".

    The same condition that chose them, not a list of ids: SQLite allows only so
    many bound values in one statement, and a first export can hold more.
    """
    s.execute(
        update(ActRecordRow)
        .where(
            ActRecordRow.change_seq > since,
            ActRecordRow.change_seq <= through,
            ActRecordRow.status.in_([st.value for st in _TRANSFERS]),
        )
        .values(status=RecordStatus.TRANSFERRED.value, updated_at=dt.datetime.now())
        .execution_options(synchronize_session=False)
    )


def _new_amendments(s: Session, since: int, through: int) -> list[dict[str, Any]]:
    """Amendments approved since the last bundle; their records travel in the same one."""
    rows = s.scalars(
        select(AmendmentRow)
        .where(
            AmendmentRow.status == "approved",
            AmendmentRow.change_seq > since,
            AmendmentRow.change_seq <= through,
        )
        .order_by(AmendmentRow.id)
    ).all()
    return [
        {
            "id": row.id,
            "record_id": row.record_id,
            "kind": row.kind,
            "basis": row.basis,
            "changes": row.changes,
            "received_on": row.received_on.isoformat(),
            "decided_on": row.decided_on.isoformat() if row.decided_on else None,
            "version": row.version,
        }
        for row in rows
    ]


def _new_blank_events(s: Session, last_id: int) -> tuple[list[dict[str, Any]], int]:
    """Blank movements (received, issued, spoiled, …) since the last bundle, and the last id."""
    rows = s.execute(
        select(BlankEventRow, BlankRow)
        .join(BlankRow, BlankRow.id == BlankEventRow.blank_id)
        .where(BlankEventRow.id > last_id)
        .order_by(BlankEventRow.id)
    ).all()
    items = [
        {
            "id": event.id,
            "series": blank.series,
            "number": blank.number,
            "status": event.status,
            "at": event.at.isoformat(),
            "record_id": blank.record_id,
            "reason": event.reason,
            "details": event.details,
            "destruction_act": event.act_id,
        }
        for event, blank in rows
    ]
    return items, max((event.id for event, _blank in rows), default=last_id)


def _merge_calendar(s: Session, content: AckContent) -> int:
    """Add the district's calendar days to the stored overrides; how many came."""
    if not content.calendar:
        return 0
    days = {d["day"]: d for d in _setting(s, SETTING_CALENDAR).get("days", [])}
    for day in content.calendar:
        days[day.day.isoformat()] = day.to_json()
    _set_setting(s, SETTING_CALENDAR, {"days": [days[k] for k in sorted(days)]})
    return len(content.calendar)
