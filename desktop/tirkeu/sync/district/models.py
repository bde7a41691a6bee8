"""The district registry's own database: who may send, what arrived, what was answered.

Kept apart from the akimat database (another program, another machine):
offices pinned by certificate fingerprint, the local revocation list, every
bundle imported (office, sequence, file hash), every record received with its
outcome and the IIN assigned here, the acknowledgements written (their bytes,
so a replayed bundle gets exactly the same answer), the calendar overrides the
district publishes, and the IIN serial counters.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from tirkeu.storage.models import NAMING_CONVENTION  # one convention for both databases


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class KnownOffice(Base):
    """An akimat allowed to send bundles, pinned by its certificate."""

    __tablename__ = "offices"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    certificate_pem: Mapped[str] = mapped_column(Text)


class RevokedCertificate(Base):
    """The district's local revocation list: serials it refuses to accept."""

    __tablename__ = "revoked_certificates"

    serial_hex: Mapped[str] = mapped_column(String(64), primary_key=True)
    revoked_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")


class ReceivedBundle(Base):
    __tablename__ = "bundles"
    __table_args__ = (UniqueConstraint("office_code", "sequence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    sequence: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[str] = mapped_column(String(40))  # the office clock, as written
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    signer_fingerprint: Mapped[str] = mapped_column(String(64))
    other_parts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    records: Mapped[list[ReceivedRecord]] = relationship(back_populates="bundle")


class ReceivedRecord(Base):
    """One act record as the office sent it and what the district decided."""

    __tablename__ = "records"
    __table_args__ = (UniqueConstraint("office_code", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_id: Mapped[int] = mapped_column(ForeignKey("bundles.id"))
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    local_id: Mapped[int] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))  # accepted | rejected | duplicate
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    iin: Mapped[str | None] = mapped_column(String(12), unique=True)
    child_key: Mapped[str] = mapped_column(String(300), index=True)  # for duplicate search

    bundle: Mapped[ReceivedBundle] = relationship(back_populates="records")


class Acknowledgement(Base):
    __tablename__ = "acknowledgements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_id: Mapped[int] = mapped_column(ForeignKey("bundles.id"), unique=True)
    file_name: Mapped[str] = mapped_column(String(200))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    written_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class CalendarOverride(Base):
    """A day the district declares working or not, beyond ``holidays.KZ``."""

    __tablename__ = "calendar_overrides"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text, default="")


class IinSerial(Base):
    """The last serial used for one ``YYMMDD`` + century/sex prefix."""

    __tablename__ = "iin_serials"

    prefix: Mapped[str] = mapped_column(String(7), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)
