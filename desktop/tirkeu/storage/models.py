"""SQLAlchemy 2 models of the akimat database.

An act record keeps the whole application as its canonical JSON (the
e-application schema, so a record, a draft and a bundle entry are one shape)
next to typed, indexed columns for what the journal searches and sorts by:
numbers, dates, the child's and the mother's names and IINs.  Constraint names
follow one convention so that Alembic's batch migrations on SQLite can find
them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class OfficeRow(Base):
    """The registering body this PC belongs to; exactly one row."""

    __tablename__ = "office"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_kk: Mapped[str] = mapped_column(String(300))
    name_ru: Mapped[str] = mapped_column(String(300))
    kato: Mapped[str] = mapped_column(String(9))
    district_kk: Mapped[str] = mapped_column(String(300))
    district_ru: Mapped[str] = mapped_column(String(300))
    head_name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(32))
    number_start: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    ui_language: Mapped[str] = mapped_column(String(2), default="kk")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class NumberSequenceRow(Base):
    """The office's own yearly sequence of act record numbers."""

    __tablename__ = "number_sequences"

    year: Mapped[int] = mapped_column(primary_key=True)
    next_number: Mapped[int] = mapped_column(Integer)


class ActRecordRow(Base):
    __tablename__ = "act_records"
    __table_args__ = (
        UniqueConstraint("year", "number", name="uq_act_records_year_number"),
        Index("ix_act_records_search_name", "search_name"),
        # Migration 0006 adds ix_act_records_kazakh_order on an expression of
        # search_name (a dense name search walks it, storage.records; 0007 adds
        # the birth date to it); it is not declared here: SQLAlchemy cannot
        # reflect an expression index to compare.
        Index("ix_act_records_child_birth_date", "child_birth_date"),
        Index("ix_act_records_child_iin", "child_iin"),
        Index("ix_act_records_mother_iin", "mother_iin"),
        Index("ix_act_records_status", "status"),
        Index("ix_act_records_change_seq", "change_seq"),
        # Covers the count of unsent records by status (the transfer indicator).
        Index("ix_act_records_status_change_seq", "status", "change_seq"),
        # The act record book reads a period's ids in number order from this
        # index alone (migration 0008, services.reports).
        Index("ix_act_records_record_date_number", "record_date", "year", "number"),
        # The journal's combined filters (migration 0007, storage.records): each
        # starts with the status it seeks and carries what it still filters on.
        # 0007 also adds ix_act_records_status_kazakh_order, an expression index.
        Index("ix_act_records_number", "number"),
        Index("ix_act_records_status_birth_date", "status", "child_birth_date", "search_name"),
        Index("ix_act_records_status_search_name", "status", "search_name", "child_birth_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(24))
    scenario: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(2))
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    year: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)
    record_date: Mapped[dt.date | None] = mapped_column(Date)
    registrar_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    birth_group: Mapped[str | None] = mapped_column(String(36))
    child_surname: Mapped[str] = mapped_column(String(100), default="")
    child_given_name: Mapped[str] = mapped_column(String(100), default="")
    child_patronymic: Mapped[str | None] = mapped_column(String(100))
    child_sex: Mapped[str] = mapped_column(String(8))
    child_birth_date: Mapped[dt.date | None] = mapped_column(Date)
    child_iin: Mapped[str | None] = mapped_column(String(12))
    child_alive: Mapped[bool] = mapped_column(Boolean, default=True)
    birth_kato: Mapped[str | None] = mapped_column(String(9))
    mother_name: Mapped[str | None] = mapped_column(String(300))
    mother_iin: Mapped[str | None] = mapped_column(String(12))
    mother_birth_date: Mapped[dt.date | None] = mapped_column(Date)
    # Normalised (case-folded, Kazakh-aware) "surname given patronymic" for
    # prefix search without LIKE's ASCII-only case folding.
    search_name: Mapped[str] = mapped_column(String(320), default="")
    application: Mapped[dict[str, Any]] = mapped_column(JSON)
    acknowledged: Mapped[list[Any]] = mapped_column(JSON, default=list)
    refusal_reason: Mapped[str | None] = mapped_column(Text)
    district_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # Grows on every change; a bundle carries the records whose change_seq is
    # above the last one sent, so nothing is missed and nothing sent twice.
    change_seq: Mapped[int] = mapped_column(Integer, default=0)


class BlankBatchRow(Base):
    """A batch of gerbed blanks received by the office."""

    __tablename__ = "blank_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    series: Mapped[str] = mapped_column(String(8))
    first_number: Mapped[int] = mapped_column(Integer)
    last_number: Mapped[int] = mapped_column(Integer)
    received_on: Mapped[dt.date] = mapped_column(Date)
    received_from: Mapped[str] = mapped_column(String(300))
    received_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class BlankRow(Base):
    __tablename__ = "blanks"
    __table_args__ = (
        UniqueConstraint("series", "number", name="uq_blanks_series_number"),
        Index("ix_blanks_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("blank_batches.id"))
    series: Mapped[str] = mapped_column(String(8))
    number: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="in_stock")
    record_id: Mapped[int | None] = mapped_column(ForeignKey("act_records.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class CertificateRow(Base):
    """A certificate, repeat certificate or spravka issued for a record."""

    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("act_records.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    blank_id: Mapped[int | None] = mapped_column(ForeignKey("blanks.id"))
    language: Mapped[str] = mapped_column(String(2))
    issued_on: Mapped[dt.date] = mapped_column(Date)
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    valid: Mapped[bool] = mapped_column(Boolean, default=True)
    invalid_reason: Mapped[str | None] = mapped_column(Text)
    change_seq: Mapped[int] = mapped_column(Integer, default=0)
    # Who received a repeat certificate and on what footing (п. 45, 46).
    recipient: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class AuditRow(Base):
    """Append-only, hash-chained log of every change."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class BundleRow(Base):
    """A sync bundle written for the district, and what it acknowledged."""

    __tablename__ = "bundles"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    sha256: Mapped[str] = mapped_column(String(64))
    through_change: Mapped[int] = mapped_column(Integer)
    record_count: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(200))
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class SettingRow(Base):
    """Small named settings (printer offsets, last transfer, calendar overrides)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)


class BlankEventRow(Base):
    """One change of a blank's state, with what the law asks to be recorded about it.

    Spoiling keeps its reason, a surrender (п. 48) its reason, a seizure (п. 49)
    the official and the basis, a destruction (п. 50) its act; the blank row
    keeps only the state it is in now.
    """

    __tablename__ = "blank_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    blank_id: Mapped[int] = mapped_column(ForeignKey("blanks.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    act_id: Mapped[int | None] = mapped_column(ForeignKey("destruction_acts.id"))


class DestructionActRow(Base):
    """An approved act of destruction of birth certificates (п. 50–52, Appendix 2)."""

    __tablename__ = "destruction_acts"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    drawn_on: Mapped[dt.date] = mapped_column(Date)
    approved_on: Mapped[dt.date] = mapped_column(Date)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # [{"user_id", "position", "full_name"}, …]: at least three staff (п. 51).
    commission: Mapped[list[Any]] = mapped_column(JSON)
    executor: Mapped[str] = mapped_column(String(200))


class PrintJobRow(Base):
    """A document sent to a printer, written and committed before the job is sent.

    So a blank that went into the printer is accounted for even when the power
    fails during the print.
    """

    __tablename__ = "print_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int | None] = mapped_column(ForeignKey("act_records.id"), index=True)
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))
    blank_id: Mapped[int | None] = mapped_column(ForeignKey("blanks.id"))
    document: Mapped[str] = mapped_column(String(24))
    copies: Mapped[int] = mapped_column(Integer, default=1)
    language: Mapped[str] = mapped_column(String(2))
    printer: Mapped[str] = mapped_column(String(200), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime)


class AmendmentRow(Base):
    """An amendment of a registered act record and its decision (issue 12).

    ``changes`` holds ``[{"path", "before", "after"}]`` over the application JSON;
    the fee is recorded in tiyn when the certificate after the amendment is issued.
    """

    __tablename__ = "amendments"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("act_records.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), index=True)
    basis: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    changes: Mapped[list[Any]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
    received_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date] = mapped_column(Date)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    refusal_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int | None] = mapped_column(Integer)
    fee_tiyn: Mapped[int | None] = mapped_column(Integer)
    mrp_kzt: Mapped[int | None] = mapped_column(Integer)
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))
    # The record's change_seq when decided: a bundle carries decisions made after its last.
    change_seq: Mapped[int] = mapped_column(Integer, default=0)


class RecordVersionRow(Base):
    """Every version of an act record's application; version 1 is the one registered."""

    __tablename__ = "record_versions"
    __table_args__ = (UniqueConstraint("record_id", "version", name="uq_record_versions_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("act_records.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    application: Mapped[dict[str, Any]] = mapped_column(JSON)
    amendment_id: Mapped[int | None] = mapped_column(ForeignKey("amendments.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
