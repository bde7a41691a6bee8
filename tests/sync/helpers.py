"""Sample records and bundles for the sync tests; the fixtures are in conftest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from tirkeu.domain.application import (
    Application,
    Child,
    IdDocument,
    Person,
    Sex,
)
from tirkeu.domain.record import ActRecord, RecordStatus
from tirkeu.sync import pki
from tirkeu.sync.bundle import Kind, write_bundle
from tirkeu.sync.district.models import Base
from tirkeu.sync.district.registry import District, make_engine
from tirkeu.sync.payload import record_to_payload
from tirkeu.sync.signing import RsaSigner

PASSWORD = b"demo"
KEY_SIZE = 2048
CREATED = dt.datetime(2025, 3, 14, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=5)))


@dataclass(frozen=True)
class World:
    """A demo CA with offices A01, A02, A03, the district, and a foreign impostor."""

    directory: Path
    demo: pki.DemoPki
    ca: pki.KeyMaterial
    district: pki.KeyMaterial
    offices: dict[str, pki.KeyMaterial]
    foreign: pki.KeyMaterial  # issued by another CA, claims to be A01

    def signer(self, code: str) -> RsaSigner:
        return RsaSigner(self.offices[code])


def memory_district(world: World, url: str = "sqlite://") -> District:
    return District(world.district, [world.ca.certificate], make_engine(url))


def snapshot(d: District) -> list[tuple[str, list[Any]]]:
    """Every row of every table: equal snapshots mean an unchanged database."""
    with d.engine.connect() as conn:
        return [
            (table.name, sorted(map(repr, conn.execute(select(table)).all())))
            for table in Base.metadata.sorted_tables
        ]


def make_record(
    local_id: int,
    number: int | None = None,
    given_name: str = "Айару",
    mother: str = "Жанар",
    born: dt.date = dt.date(2025, 3, 1),
    sex: Sex = Sex.FEMALE,
    iin: str | None = None,
) -> ActRecord:
    app = Application(
        received_on=born + dt.timedelta(days=3),
        child=Child(surname="Сейтова", given_name=given_name, sex=sex, birth_date=born, iin=iin),
        mother=Person(
            surname="Сейтова",
            given_name=mother,
            birth_date=dt.date(1995, 5, 5),
            document=IdDocument(number="012345678", issued_on=dt.date(2015, 1, 1), issuer="МВД"),
        ),
    )
    return ActRecord(
        id=local_id,
        application=app,
        status=RecordStatus.REGISTERED,
        number=number if number is not None else local_id,
        record_date=born + dt.timedelta(days=3),
        registrar="registrar",
    )


def records_bundle(
    world: World,
    office: str,
    sequence: int,
    records: list[ActRecord],
    signer: Any = None,
) -> bytes:
    return write_bundle(
        {
            "records.json": [record_to_payload(r) for r in records],
            "refusals.json": [],
            "blanks.json": [{"series": "AA", "number": "0000001", "state": "issued"}],
        },
        kind=Kind.RECORDS,
        office=office,
        sequence=sequence,
        created_at=CREATED,
        signer=signer or world.signer(office),
        recipient=world.district.certificate,
    )
