"""Use cases on act records: drafts, registration, refusal, the journal.

Every change runs in one transaction with its audit entry, so a crash leaves
either the whole change or none of it (issue 4: never a half-registered record).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from tirkeu.domain.application import Application, to_dict
from tirkeu.domain.findings import Finding
from tirkeu.domain.record import ActRecord, RecordStatus
from tirkeu.domain.rules import check
from tirkeu.i18n import N_
from tirkeu.services.auth import Action, Actor
from tirkeu.services.errors import Conflict, NotFound, ServiceError
from tirkeu.services.workspace import Workspace
from tirkeu.storage import audit
from tirkeu.storage.models import ActRecordRow, SettingRow
from tirkeu.storage.records import JournalQuery, JournalRow, RecordRepository, same_name


class RegistrationBlocked(ServiceError):
    """The rules engine found errors, or warnings not yet acknowledged."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__(
            N_("The record cannot be registered: {count} finding(s) need attention."),
            count=len(findings),
        )
        self.findings = list(findings)


def changed_paths(before: Any, after: Any, path: str = "") -> list[str]:
    """Dotted paths of the leaves that differ between two JSON-like values."""
    if isinstance(before, dict) and isinstance(after, dict):
        keys = sorted(set(before) | set(after))
        return [
            p
            for k in keys
            for p in changed_paths(before.get(k), after.get(k), f"{path}.{k}" if path else k)
        ]
    return [] if before == after else [path or "$"]


def _draft(repo: RecordRepository, record_id: int) -> ActRecord:
    """The record, which must still be a draft to be registered or refused."""
    record = repo.get(record_id)
    if record is None:
        raise NotFound("There is no record {id}.", id=record_id)
    if record.status is not RecordStatus.DRAFT:
        raise Conflict("Record {id} is already {status}.", id=record_id, status=record.status.value)
    return record


def _checklist_key(record_id: int) -> str:
    return f"draft_checklist.{record_id}"


def _documents_shown(s: Session, record_id: int) -> set[str]:
    """The documents ticked as shown for a draft (the wizard's checklist, п. 4–28).

    They are kept beside the draft, not in its application: the e-application
    schema describes the applicant's data, not what the registrar has seen.
    """
    row = s.get(SettingRow, _checklist_key(record_id))
    return set(row.value.get("documents", [])) if row is not None else set()


def _keep_documents_shown(s: Session, record_id: int, documents: Collection[str]) -> None:
    """Store the ticked keys in ``s``'s transaction; none at all removes the row."""
    row = s.get(SettingRow, _checklist_key(record_id))
    if not documents:
        if row is not None:
            s.delete(row)
        return
    value = {"documents": sorted(set(documents))}
    if row is None:
        s.add(SettingRow(key=_checklist_key(record_id), value=value))
    else:
        row.value = value


def _summary(record: ActRecord) -> dict[str, object]:
    """What the audit log keeps of a record: no names or IINs (issue 7)."""
    return {
        "status": record.status.value,
        "number": record.number,
        "scenario": record.application.scenario.value,
    }


class RecordService:
    def __init__(self, ws: Workspace, actor: Actor) -> None:
        self.ws = ws
        self.actor = actor

    # --- reading -------------------------------------------------------------

    def get(self, record_id: int) -> ActRecord:
        with self.ws.db.session() as s:
            record = RecordRepository(s).get(record_id)
        if record is None:
            raise NotFound("There is no record {id}.", id=record_id)
        return record

    def journal(self, query: JournalQuery, offset: int = 0, limit: int = 200) -> list[JournalRow]:
        with self.ws.db.session() as s:
            return RecordRepository(s).journal(query, offset, limit)

    def count(self, query: JournalQuery) -> int:
        with self.ws.db.session() as s:
            return RecordRepository(s).count(query)

    def findings(self, app: Application) -> list[Finding]:
        return check(app, self.ws.today)

    def documents_shown(self, record_id: int) -> set[str]:
        """The checklist keys ticked when the draft was last saved (empty once registered)."""
        with self.ws.db.session() as s:
            return _documents_shown(s, record_id)

    def possible_duplicates(self, record: ActRecord) -> list[JournalRow]:
        """Registered records of the same birth: same mother and date, or same child and date.

        Siblings of the same multiple birth (п. 8) are not duplicates.
        """
        app = record.application
        if app.child.birth_date is None:
            return []
        conds = [same_name(app.child.full_name)]
        if app.mother and app.mother.iin:
            conds.append(ActRecordRow.mother_iin == app.mother.iin)
        elif app.mother and app.mother.full_name:
            conds.append(ActRecordRow.mother_name == app.mother.full_name)
        stmt = select(ActRecordRow.id).where(
            and_(
                ActRecordRow.child_birth_date == app.child.birth_date,
                or_(*conds),
                ActRecordRow.status.not_in([RecordStatus.DRAFT.value, RecordStatus.REFUSED.value]),
            )
        )
        if record.id is not None:
            stmt = stmt.where(ActRecordRow.id != record.id)
        if record.birth_group:
            stmt = stmt.where(
                or_(
                    ActRecordRow.birth_group.is_(None),
                    ActRecordRow.birth_group != record.birth_group,
                )
            )
        with self.ws.db.session() as s:
            ids = list(s.scalars(stmt.limit(20)))
            repo = RecordRepository(s)
            rows = []
            for rid in ids:
                got = repo.get(rid)
                if got is not None:
                    rows.append(_journal_row(got))
            return rows

    # --- changing ------------------------------------------------------------

    def save_draft(
        self,
        app: Application,
        record_id: int | None = None,
        birth_group: str | None = None,
        documents_shown: Collection[str] | None = None,
    ) -> ActRecord:
        """Create or update a draft; only drafts can be edited this way.

        ``documents_shown`` are the checklist keys the registrar ticked, kept with
        the draft; ``None`` leaves the kept ones as they are.
        """
        self.actor.require(Action.EDIT_RECORDS)
        with self.ws.db.session() as s:
            repo = RecordRepository(s)
            if record_id is None:
                record = ActRecord(id=None, application=app, birth_group=birth_group)
                repo.add(record, self.actor.user_id)
                assert record.id is not None
                if documents_shown:
                    _keep_documents_shown(s, record.id, documents_shown)
                audit.append(
                    s,
                    user_id=self.actor.user_id,
                    action="record.draft",
                    entity="act_record",
                    entity_id=record.id,
                    after=_summary(record),
                    at=self.ws.clock(),
                )
                return record
            existing = repo.get(record_id)
            if existing is None:
                raise NotFound("There is no record {id}.", id=record_id)
            if existing.status is not RecordStatus.DRAFT:
                raise Conflict(
                    "Record {id} is no longer a draft and cannot be edited.", id=record_id
                )
            changed = changed_paths(to_dict(existing.application), to_dict(app))
            regrouped = birth_group not in (None, existing.birth_group)
            if changed or regrouped:
                existing.application = app
                if birth_group is not None:
                    existing.birth_group = birth_group
                repo.save(existing)
            if documents_shown is not None and set(documents_shown) != _documents_shown(
                s, record_id
            ):
                _keep_documents_shown(s, record_id, documents_shown)
                changed.append("documents_shown")
            if not changed and not regrouped:
                return existing
            audit.append(
                s,
                user_id=self.actor.user_id,
                action="record.draft_edit",
                entity="act_record",
                entity_id=record_id,
                # Which fields changed, never their values: no names or IINs in the log.
                after={"fields": changed[:50]},
                at=self.ws.clock(),
            )
            return existing

    def save_births(
        self, apps: Sequence[Application], documents_shown: Collection[str] | None = None
    ) -> list[ActRecord]:
        """Drafts for a multiple birth: one record per child, linked as one birth (п. 8)."""
        group = str(uuid.uuid4())
        return [
            self.save_draft(app, birth_group=group, documents_shown=documents_shown) for app in apps
        ]

    def register(self, record_id: int, acknowledged: Sequence[str] = ()) -> ActRecord:
        """Give the draft its act record number, after the rules engine agrees.

        Errors always block; warnings block until their rule ids are acknowledged.
        """
        return self.register_births([record_id], acknowledged)[0]

    def register_births(
        self, record_ids: Sequence[int], acknowledged: Sequence[str] = ()
    ) -> list[ActRecord]:
        """Register the linked records of one birth (п. 8) all together or none of them."""
        self.actor.require(Action.REGISTER)
        with self.ws.db.session() as s:
            repo = RecordRepository(s)
            return [self._register(s, repo, rid, set(acknowledged)) for rid in record_ids]

    def _register(
        self, s: Session, repo: RecordRepository, record_id: int, acknowledged: set[str]
    ) -> ActRecord:
        record = _draft(repo, record_id)
        findings = check(record.application, self.ws.today)
        blocking = [f for f in findings if f.severity == "error" or f.rule not in acknowledged]
        if blocking:
            raise RegistrationBlocked(blocking)
        before = _summary(record)
        today = self.ws.today
        record.number = repo.next_number(today.year)
        record.record_date = today
        record.status = RecordStatus.REGISTERED
        record.findings_acknowledged = sorted({f.rule for f in findings})
        _keep_documents_shown(s, record_id, ())
        self._commit_state(s, repo, record, "record.register", before)
        return record

    def refuse(self, record_id: int, reason: str) -> ActRecord:
        """A reasoned refusal (DESIGN.md flow 3); the reason is printed for the applicant."""
        self.actor.require(Action.REGISTER)
        if len(reason.strip()) < 10:
            raise ServiceError("Write the reason for the refusal (at least 10 characters).")
        with self.ws.db.session() as s:
            repo = RecordRepository(s)
            record = _draft(repo, record_id)
            before = _summary(record)
            record.status = RecordStatus.REFUSED
            record.refusal_reason = reason.strip()
            record.record_date = self.ws.today
            _keep_documents_shown(s, record_id, ())
            self._commit_state(s, repo, record, "record.refuse", before)
            return record

    def _commit_state(
        self,
        s: Session,
        repo: RecordRepository,
        record: ActRecord,
        action: str,
        before: dict[str, object],
    ) -> None:
        """Save a record's new state with its audit entry, in the caller's transaction."""
        repo.save(record, self.actor.user_id)
        record.registrar = self.actor.full_name
        audit.append(
            s,
            user_id=self.actor.user_id,
            action=action,
            entity="act_record",
            entity_id=record.id,
            before=before,
            after=_summary(record),
            at=self.ws.clock(),
        )

    def delete_draft(self, record_id: int) -> None:
        self.actor.require(Action.EDIT_RECORDS)
        with self.ws.db.session() as s:
            RecordRepository(s).delete_draft(record_id)
            _keep_documents_shown(s, record_id, ())
            audit.append(
                s,
                user_id=self.actor.user_id,
                action="record.delete_draft",
                entity="act_record",
                entity_id=record_id,
                at=self.ws.clock(),
            )


def _journal_row(record: ActRecord) -> JournalRow:
    app = record.application
    assert record.id is not None
    return JournalRow(
        id=record.id,
        number=record.number,
        year=record.record_date.year if record.record_date else None,
        record_date=record.record_date,
        received_on=app.received_on,
        child=app.child.full_name,
        birth_date=app.child.birth_date,
        scenario=app.scenario.value,
        status=record.status.value,
        child_iin=app.child.iin,
        district_reason=record.district_reason,
    )
