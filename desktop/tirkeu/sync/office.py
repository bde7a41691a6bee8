"""The office's side of sync, on plain data: write the next bundle, open an ack.

The services layer chooses what is new since the last bundle and keeps the
sequence number; this module turns that into a file and back, so that neither
the GUI nor the command line ever touches the format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509

from tirkeu.domain.record import ActRecord
from tirkeu.sync.ack import AckContent, open_ack
from tirkeu.sync.bundle import EncodedPart, Kind, bundle_hash, file_name, write_bundle
from tirkeu.sync.payload import record_to_payload
from tirkeu.sync.pki import KeyMaterial
from tirkeu.sync.signing import Signer
from tirkeu.sync.transport import write_atomic


@dataclass(frozen=True)
class ExportedBundle:
    path: Path
    sha256: str  # what the ack's ``bundle_sha256`` will name
    sequence: int
    record_ids: list[int]  # local ids sent, to mark "transferred"


def export_bundle(
    out_dir: Path,
    *,
    office: str,
    sequence: int,
    records: Iterable[ActRecord],
    refusals: Iterable[ActRecord] = (),
    other_parts: Mapping[str, list[Any]] | None = None,
    signer: Signer,
    district_certificate: x509.Certificate,
    now: dt.datetime | None = None,
) -> ExportedBundle:
    """Write ``TIRKEU-<office>-<sequence>.tkb`` atomically into ``out_dir``.

    ``other_parts`` adds e.g. ``certificates.json``, ``blanks.json``,
    ``amendments.json`` (JSON arrays of office-defined objects).
    """
    sent = list(records)
    refused = list(refusals)
    if any(r.id is None for r in [*sent, *refused]):
        raise ValueError("every exported record needs its local id")
    return _export(
        out_dir,
        office,
        sequence,
        {
            "records.json": [record_to_payload(r) for r in sent],
            "refusals.json": [record_to_payload(r) for r in refused],
            **(other_parts or {}),
        },
        [r.id for r in sent if r.id is not None],
        signer,
        district_certificate,
        now,
    )


def export_encoded(
    out_dir: Path,
    *,
    office: str,
    sequence: int,
    records: EncodedPart,
    refusals: EncodedPart,
    record_ids: list[int],
    other_parts: Mapping[str, list[Any]] | None = None,
    signer: Signer,
    district_certificate: x509.Certificate,
    now: dt.datetime | None = None,
) -> ExportedBundle:
    """:func:`export_bundle` of records already encoded (``bundle.encode_items`` of
    ``payload.payload_text``), whose local ids are ``record_ids``: an office exports
    thousands at once straight from its database rows."""
    return _export(
        out_dir,
        office,
        sequence,
        {"records.json": records, "refusals.json": refusals, **(other_parts or {})},
        record_ids,
        signer,
        district_certificate,
        now,
    )


def _export(
    out_dir: Path,
    office: str,
    sequence: int,
    parts: Mapping[str, list[Any] | EncodedPart],
    record_ids: list[int],
    signer: Signer,
    district_certificate: x509.Certificate,
    now: dt.datetime | None,
) -> ExportedBundle:
    data = write_bundle(
        parts,
        kind=Kind.RECORDS,
        office=office,
        sequence=sequence,
        created_at=now or dt.datetime.now().astimezone(),
        signer=signer,
        recipient=district_certificate,
    )
    path = write_atomic(out_dir, file_name(Kind.RECORDS, office, sequence), data)
    return ExportedBundle(path, bundle_hash(data), sequence, record_ids)


def read_ack_file(
    path: Path,
    *,
    office: str,
    office_keys: KeyMaterial,
    trust_roots: Iterable[x509.Certificate],
    district_certificate: x509.Certificate,
    revoked: Collection[int] = frozenset(),
) -> AckContent:
    """The acknowledgement in ``path``; BundleError when it is not the district's."""
    return open_ack(
        path.read_bytes(), office, office_keys, trust_roots, district_certificate, revoked
    )
