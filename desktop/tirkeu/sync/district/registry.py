"""The district registry's keys, trust roots and database, opened once.

A district folder holds ``district.p12`` (its key: signs acknowledgements,
decrypts bundles), ``ca.pem`` and any ``trust/*.pem`` (the pinned roots) and,
unless another SQLAlchemy URL is given, the SQLite file ``district.sqlite3``.
Offices are registered by certificate; revoking a certificate refuses every
later bundle it signed.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from tirkeu.sync.district.models import (
    Base,
    CalendarOverride,
    KnownOffice,
    RevokedCertificate,
)
from tirkeu.sync.pki import (
    KeyMaterial,
    crl_serials,
    fingerprint,
    load_certificates,
    load_pkcs12,
)

KEY_FILE = "district.p12"
ROOT_FILE = "ca.pem"
TRUST_DIR = "trust"
DB_FILE = "district.sqlite3"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=DELETE")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _json_text(value: Any) -> str:
    return orjson.dumps(value).decode("utf-8")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (SQLite by default; PostgreSQL works the same).

    JSON columns go through orjson: an import stores every record's payload,
    and the standard encoder took longer than the rest of writing them.
    """
    engine = create_engine(url, json_serializer=_json_text, json_deserializer=orjson.loads)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    Base.metadata.create_all(engine)
    return engine


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


@dataclass
class District:
    keys: KeyMaterial
    trust_roots: list[x509.Certificate]
    engine: Engine
    clock: Callable[[], dt.datetime] = _now
    import_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self.sessions()

    def known_signers(self, session: Session) -> dict[str, set[str]]:
        return {o.code: {o.fingerprint} for o in session.scalars(select(KnownOffice))}

    def revoked_serials(self, session: Session) -> set[int]:
        return {int(r.serial_hex, 16) for r in session.scalars(select(RevokedCertificate))}

    def calendar(self, session: Session) -> list[CalendarOverride]:
        return list(session.scalars(select(CalendarOverride).order_by(CalendarOverride.day)))

    def register_office(self, code: str, name: str, certificate: x509.Certificate) -> None:
        """Pin ``certificate`` for office ``code`` (a new key replaces the old pin)."""
        pem = certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
        with self.session() as session, session.begin():
            office = session.get(KnownOffice, code) or KnownOffice(code=code)
            office.name = name
            office.fingerprint = fingerprint(certificate)
            office.certificate_pem = pem
            session.add(office)

    def revoke(self, certificate_serial: int, reason: str = "") -> None:
        with self.session() as session, session.begin():
            session.merge(
                RevokedCertificate(
                    serial_hex=f"{certificate_serial:x}",
                    revoked_on=self.clock().date(),
                    reason=reason,
                )
            )

    def revoke_from_crl(self, data: bytes) -> set[int]:
        """Add every serial of a CRL signed by a pinned root; the serials added."""
        serials = crl_serials(data, self.trust_roots)
        for serial in serials:
            self.revoke(serial, "CRL")
        return serials

    def set_calendar_day(self, day: dt.date, working: bool, note: str = "") -> None:
        with self.session() as session, session.begin():
            session.merge(CalendarOverride(day=day, working=working, note=note))


def open_district(directory: Path, password: bytes, url: str | None = None) -> District:
    """The district of ``directory`` (see the module docstring for its files)."""
    keys = load_pkcs12(directory / KEY_FILE, password)
    roots = load_certificates(directory / ROOT_FILE)
    for extra in sorted((directory / TRUST_DIR).glob("*.pem")):
        roots.extend(load_certificates(extra))
    engine = make_engine(url or f"sqlite:///{directory / DB_FILE}")
    return District(keys, roots, engine)
