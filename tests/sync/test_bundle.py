from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import struct
import zipfile
from collections.abc import Callable

import pytest

from tirkeu.domain.application import to_dict
from tirkeu.domain.record import ActRecord
from tirkeu.storage.db import json_text
from tirkeu.sync import envelope
from tirkeu.sync.ack import (
    CalendarDay,
    Outcome,
    RecordResult,
    ack_extra,
    ack_parts,
    open_ack,
)
from tirkeu.sync.bundle import (
    MAGIC,
    Kind,
    encode_items,
    file_name,
    open_bundle,
    pack,
    seal,
    write_bundle,
)
from tirkeu.sync.errors import BundleError, ErrorCode
from tirkeu.sync.payload import payload_text, payload_to_record, record_to_payload
from tirkeu.sync.signing import RsaSigner

from .helpers import CREATED, World, make_record, records_bundle


def _open(world: World, data: bytes) -> ErrorCode | None:
    try:
        open_bundle(data, world.district, [world.ca.certificate])
    except BundleError as exc:
        return exc.code
    return None


def _inner(world: World, data: bytes) -> tuple[bytes, bytes]:
    """Packed bytes and signature, as only the district key can see them."""
    plain = envelope.decrypt(data, world.district)
    body = plain[len(MAGIC) + 32 :]
    (length,) = struct.unpack(">I", body[:4])
    return body[4 : 4 + length], body[4 + length :]


def _reseal(world: World, packed: bytes, signature: bytes) -> bytes:
    body = struct.pack(">I", len(packed)) + packed + signature
    plain = MAGIC + hashlib.sha256(body).digest() + body
    return envelope.encrypt(plain, world.district.certificate)


def _rezip(packed: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(packed))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, change(info.filename, src.read(info.filename)))
    return out.getvalue()


def test_record_payload_round_trip() -> None:
    record = make_record(7, number=12)
    record.birth_group = "g-1"
    back = payload_to_record(json.loads(json.dumps(record_to_payload(record))))
    assert back == record


def _text(record: ActRecord, stored: str) -> str:
    assert record.id is not None
    return payload_text(
        local_id=record.id,
        number=record.number,
        record_date=record.record_date,
        status=record.status.value,
        registrar=record.registrar,
        birth_group=record.birth_group,
        refusal_reason=record.refusal_reason,
        application_json=stored,
    )


_STORED_FORMS: list[Callable[[object], str]] = [
    lambda v: json.dumps(v, ensure_ascii=True),  # rows written before UTF-8 storage
    lambda v: json.dumps(v, ensure_ascii=False),
    json_text,  # what the office database writes now
]


@pytest.mark.parametrize("stored_form", _STORED_FORMS)
def test_payload_text_is_the_payload_around_the_stored_application(
    stored_form: Callable[[object], str],
) -> None:
    record = make_record(7, number=12)
    record.registrar = 'Сейтова "Ә" \\ №1'
    record.refusal_reason = 'п. 14:\n}"application":null}'
    stored = stored_form(to_dict(record.application))
    text = _text(record, stored)
    assert json.loads(text) == record_to_payload(record)
    assert "Сейтова" in text  # UTF-8, not three times its size in escapes


def test_stored_json_is_utf8_and_refuses_what_json_refuses() -> None:
    value = {"name": "Әлихан", "n": 2**70, "list": [None, True, 1.5]}
    big = 2**70
    assert json_text(value) == f'{{"name":"Әлихан","n":{big},"list":[null,true,1.5]}}'
    for refused in (dt.date(2026, 1, 1), make_record(1)):
        with pytest.raises(TypeError):
            json_text({"x": refused})


def test_an_encoded_part_travels_like_a_list(world: World) -> None:
    records = [make_record(1), make_record(2, given_name="Нұрлан")]
    stored = [_text(r, json.dumps(to_dict(r.application))) for r in records]
    data = write_bundle(
        {"records.json": encode_items(stored), "refusals.json": encode_items([])},
        kind=Kind.RECORDS,
        office="A01",
        sequence=1,
        created_at=CREATED,
        signer=world.signer("A01"),
        recipient=world.district.certificate,
    )
    opened = open_bundle(data, world.district, [world.ca.certificate])
    assert opened.parts == {
        "records.json": [record_to_payload(r) for r in records],
        "refusals.json": [],
    }
    assert opened.manifest.parts["records.json"].count == 2


def test_round_trip(world: World) -> None:
    records = [make_record(1), make_record(2, given_name="Нұрлан")]
    data = records_bundle(world, "A01", 3, records)
    opened = open_bundle(data, world.district, [world.ca.certificate], known_signers=None)
    manifest = opened.manifest
    assert (manifest.kind, manifest.office, manifest.sequence) == (Kind.RECORDS, "A01", 3)
    assert manifest.created_at == CREATED
    assert manifest.parts["records.json"].count == 2
    assert [payload_to_record(p) for p in opened.parts["records.json"]] == records
    assert opened.parts["refusals.json"] == []
    assert opened.signer == world.offices["A01"].certificate
    assert b"\xd0\x90\xd0\xb9" not in data  # "Ай" is not readable in the file
    assert file_name(Kind.RECORDS, "A01", 3) == "TIRKEU-A01-000003.tkb"


def test_tampered_manifest_or_part_breaks_the_signature(world: World) -> None:
    packed, signature = _inner(world, records_bundle(world, "A01", 1, [make_record(1)]))
    assert _open(world, _reseal(world, packed, signature)) is None  # the reseal itself is sound

    def manifest(name: str, raw: bytes) -> bytes:
        return raw.replace(b'"sequence": 1', b'"sequence": 2') if name == "manifest.json" else raw

    def part(name: str, raw: bytes) -> bytes:
        return raw.replace("Айару".encode(), "Айгүл".encode()) if name == "records.json" else raw

    for change in (manifest, part):
        assert _open(world, _reseal(world, _rezip(packed, change), signature)) == (
            ErrorCode.SIGNATURE_INVALID
        )
    flipped = bytearray(packed)
    flipped[len(flipped) // 2] ^= 0x01
    assert _open(world, _reseal(world, bytes(flipped), signature)) is ErrorCode.SIGNATURE_INVALID


def test_tampered_signature(world: World) -> None:
    packed, signature = _inner(world, records_bundle(world, "A01", 1, [make_record(1)]))
    for position in (10, len(signature) // 2, len(signature) - 3):
        bad = bytearray(signature)
        bad[position] ^= 0x40
        assert _open(world, _reseal(world, packed, bytes(bad))) is ErrorCode.SIGNATURE_INVALID
    assert _open(world, _reseal(world, packed, signature[:-1])) is ErrorCode.SIGNATURE_INVALID


def test_every_flipped_envelope_byte_is_refused(world: World) -> None:
    data = records_bundle(world, "A01", 1, [make_record(1)])
    step = max(1, len(data) // 150)
    for position in range(0, len(data), step):
        bad = bytearray(data)
        bad[position] ^= 0x01
        assert _open(world, bytes(bad)) is ErrorCode.UNDECRYPTABLE, position


@pytest.mark.parametrize("keep", [0, 1, 100, 0.5, -16, -1])
def test_truncated_file_is_refused(world: World, keep: float) -> None:
    data = records_bundle(world, "A01", 1, [make_record(1)])
    cut = data[: int(len(data) * keep)] if isinstance(keep, float) else data[: keep or 0]
    assert _open(world, cut) is ErrorCode.UNDECRYPTABLE


def _signed(world: World, manifest: dict[str, object], parts: dict[str, bytes]) -> bytes:
    return seal(pack(manifest, parts), world.signer("A01"), world.district.certificate)


def _manifest(parts: dict[str, bytes], **changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "format": "tirkeu.bundle",
        "version": 1,
        "kind": "records",
        "office": "A01",
        "sequence": 1,
        "created_at": CREATED.isoformat(),
        "parts": {
            n: {"sha256": hashlib.sha256(b).hexdigest(), "count": 1} for n, b in parts.items()
        },
    }
    base.update(changes)
    return base


def test_signed_but_inconsistent_bundles(world: World) -> None:
    """An office program with a bug (or a forger with a key) still cannot slip through."""
    good = {"records.json": b'[{"x": 1}]'}
    assert _open(world, _signed(world, _manifest(good), good)) is None
    assert _open(world, _signed(world, _manifest(good, version=2), good)) is (
        ErrorCode.UNSUPPORTED_VERSION
    )
    assert _open(world, _signed(world, _manifest(good, sequence=0), good)) is (
        ErrorCode.MANIFEST_INVALID
    )
    assert _open(world, _signed(world, _manifest(good, format="zip"), good)) is (
        ErrorCode.MANIFEST_INVALID
    )
    changed = {"records.json": b'[{"x": 2}]'}
    assert _open(world, _signed(world, _manifest(good), changed)) is ErrorCode.PART_MISMATCH
    extra = {**good, "blanks.json": b"[]"}
    assert _open(world, _signed(world, _manifest(good), extra)) is ErrorCode.PART_MISMATCH
    assert _open(world, _signed(world, _manifest(extra), good)) is ErrorCode.PART_MISMATCH
    two = {"records.json": b"[1, 2]"}
    assert _open(world, _signed(world, _manifest(two), two)) is ErrorCode.PART_MISMATCH
    not_json = {"records.json": b"[1, "}
    assert _open(world, _signed(world, _manifest(not_json), not_json)) is ErrorCode.PART_INVALID
    not_zip = seal(b"PK not a zip", world.signer("A01"), world.district.certificate)
    assert _open(world, not_zip) is ErrorCode.MALFORMED


def test_known_signers(world: World) -> None:
    data = records_bundle(world, "A01", 1, [make_record(1)])
    a01 = world.offices["A01"].certificate
    from tirkeu.sync.pki import fingerprint

    roots = [world.ca.certificate]
    assert open_bundle(data, world.district, roots, known_signers={"A01": {fingerprint(a01)}})
    for known in ({}, {"A01": {fingerprint(world.offices["A02"].certificate)}}):
        with pytest.raises(BundleError) as excinfo:
            open_bundle(data, world.district, roots, known_signers=known)
        assert excinfo.value.code is ErrorCode.SIGNER_UNKNOWN
        assert "A01" in excinfo.value.message("kk")


def test_ack_goes_the_other_way(world: World) -> None:
    results = [
        RecordResult(1, 1, Outcome.ACCEPTED, iin="250301600019"),
        RecordResult(2, 2, Outcome.REJECTED),
    ]
    calendar = [CalendarDay(dt.date(2026, 3, 23), False, "Наурыз")]
    data = write_bundle(
        ack_parts(results, calendar),
        kind=Kind.ACK,
        office="A01",
        sequence=4,
        created_at=CREATED,
        signer=RsaSigner(world.district),
        recipient=world.offices["A01"].certificate,
        extra=ack_extra("TIRKEU-A01-000004.tkb", "ab" * 32, [2, 3]),
    )
    office = world.offices["A01"]
    ack = open_ack(data, "A01", office, [world.ca.certificate], world.district.certificate)
    assert (ack.office, ack.sequence, ack.bundle_sha256) == ("A01", 4, "ab" * 32)
    assert ack.results == results
    assert ack.calendar == calendar
    assert ack.missing_sequences == [2, 3]
    with pytest.raises(BundleError) as excinfo:  # signed by an office, not the district
        forged = write_bundle(
            ack_parts(results, []),
            kind=Kind.ACK,
            office="A01",
            sequence=4,
            created_at=CREATED,
            signer=world.signer("A02"),
            recipient=office.certificate,
            extra=ack_extra("x.tkb", "00" * 32, []),
        )
        open_ack(forged, "A01", office, [world.ca.certificate], world.district.certificate)
    assert excinfo.value.code is ErrorCode.SIGNER_UNKNOWN


def test_write_bundle_checks_its_arguments(world: World) -> None:
    kwargs = {
        "kind": Kind.RECORDS,
        "office": "A01",
        "sequence": 1,
        "created_at": CREATED,
        "signer": world.signer("A01"),
        "recipient": world.district.certificate,
    }
    with pytest.raises(ValueError, match="part name"):
        write_bundle({"../evil.json": []}, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="offset"):
        write_bundle({}, **{**kwargs, "created_at": dt.datetime(2025, 1, 1)})  # type: ignore[arg-type]
