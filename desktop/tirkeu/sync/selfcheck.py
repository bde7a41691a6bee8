"""A throw-away round trip through every layer of the bundle, for ``--self-test``.

It proves on the machine at hand that the crypto libraries load and agree:
a fresh CA, office and district, one record signed, enveloped, opened and
verified, and the ack back.
"""

from __future__ import annotations

import datetime as dt

from tirkeu.domain.application import Application, Child, Person
from tirkeu.domain.record import ActRecord, RecordStatus
from tirkeu.sync import pki
from tirkeu.sync.ack import Outcome, RecordResult, ack_extra, ack_parts, open_ack
from tirkeu.sync.bundle import Kind, bundle_hash, open_bundle, write_bundle
from tirkeu.sync.payload import payload_to_record, record_to_payload
from tirkeu.sync.signing import RsaSigner


def bundle_round_trip(key_size: int = 2048) -> bool:
    """True when a bundle and its ack survive the whole trip unchanged."""
    ca = pki.make_ca("Tirkeu self-test CA", key_size)
    office = pki.issue(ca, "Self-test office", "T00", key_size)
    district = pki.issue(ca, "Self-test district", "district", key_size)
    now = dt.datetime.now().astimezone()
    record = ActRecord(
        id=1,
        application=Application(
            child=Child(surname="Тест", given_name="Тест", birth_date=now.date()),
            mother=Person(surname="Тест", given_name="Тест"),
        ),
        status=RecordStatus.REGISTERED,
        number=1,
        record_date=now.date(),
    )
    data = write_bundle(
        {"records.json": [record_to_payload(record)]},
        kind=Kind.RECORDS,
        office="T00",
        sequence=1,
        created_at=now,
        signer=RsaSigner(office),
        recipient=district.certificate,
    )
    opened = open_bundle(data, district, [ca.certificate], known_signers=None)
    if payload_to_record(opened.parts["records.json"][0]) != record:
        return False
    answer = [RecordResult(1, 1, Outcome.ACCEPTED)]
    ack = write_bundle(
        ack_parts(answer, []),
        kind=Kind.ACK,
        office="T00",
        sequence=1,
        created_at=now,
        signer=RsaSigner(district),
        recipient=office.certificate,
        extra=ack_extra("self-test", bundle_hash(data), []),
    )
    content = open_ack(ack, "T00", office, [ca.certificate], district.certificate)
    return content.results == answer and content.bundle_sha256 == bundle_hash(data)
