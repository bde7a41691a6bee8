"""The sync bundle: a manifest and JSON parts, zipped, signed, then enveloped.

Layers, inside out (docs/bundle-format.md describes them for other readers):

1. *packed*: a deflated ZIP holding ``manifest.json`` and the parts, each a
   JSON array, their SHA-256 and item counts listed in the manifest;
2. *sealed*: ``MAGIC`` + SHA-256 of the rest + length of packed + packed +
   the detached CMS signature over packed;
3. the file: a DER CMS EnvelopedData of sealed, for the recipient only.

The digest in the sealed frame tells a damaged envelope (CBC has no integrity
of its own) from a forged signature, so each failure gets its own error code.
Records go office → district (kind ``records``); acknowledgements go back the
same way (kind ``ack``, signed by the district, encrypted to the office).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import struct
import zipfile
import zlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import orjson
from cryptography import x509

from tirkeu.sync import envelope
from tirkeu.sync.errors import BundleError, ErrorCode
from tirkeu.sync.pki import KeyMaterial, fingerprint
from tirkeu.sync.signing import Signer, verify_detached

FORMAT = "tirkeu.bundle"
VERSION = 1
MAGIC = b"TKB\x01"
MANIFEST = "manifest.json"
SUFFIX = ".tkb"
_PART_NAME = re.compile(r"^[a-z][a-z0-9_]*\.json$")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so packing the same data gives the same bytes
_MAX_PART = 256 * 1024 * 1024  # refuse a "zip bomb" before inflating it


class Kind(StrEnum):
    RECORDS = "records"
    ACK = "ack"


@dataclass(frozen=True)
class PartInfo:
    sha256: str
    count: int


@dataclass(frozen=True)
class Manifest:
    kind: Kind
    office: str  # the akimat the bundle comes from, or an ack goes to
    sequence: int  # per office and kind, from 1, no gaps
    created_at: dt.datetime  # the sender's clock, with its offset
    parts: dict[str, PartInfo]
    version: int = VERSION
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. what an ack acknowledges

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": self.version,
            "kind": self.kind.value,
            "office": self.office,
            "sequence": self.sequence,
            "created_at": self.created_at.isoformat(),
            "parts": {
                name: {"sha256": info.sha256, "count": info.count}
                for name, info in sorted(self.parts.items())
            },
            **({"extra": self.extra} if self.extra else {}),
        }


@dataclass(frozen=True)
class OpenedBundle:
    manifest: Manifest
    parts: dict[str, list[Any]]
    signer: x509.Certificate
    sha256: str  # of the whole file: a replay is recognised by it


def file_name(kind: Kind, office: str, sequence: int) -> str:
    """``TIRKEU-<office>-<seq>.tkb`` for records, ``TIRKEU-ACK-<office>-<seq>.tkb`` for acks."""
    prefix = "TIRKEU-ACK" if kind is Kind.ACK else "TIRKEU"
    return f"{prefix}-{office}-{sequence:06d}{SUFFIX}"


def bundle_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class EncodedPart:
    """A part already encoded as a JSON array, with its item count."""

    data: bytes
    count: int


def encode_items(items: Sequence[str]) -> EncodedPart:
    """The part of items that are each already JSON text (see ``payload.payload_text``)."""
    return EncodedPart(f"[{','.join(items)}]".encode(), len(items))


# Sorted keys; dataclasses and datetimes refused, as the standard encoder refuses them.
_ORJSON_AS_JSON = (
    orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
)


def _part_bytes(items: list[Any]) -> bytes:
    """Compact UTF-8 JSON with sorted keys.

    orjson writes the very bytes of ``json.dumps(..., ensure_ascii=False,
    sort_keys=True, separators=(",", ":"))`` ten times faster (the certificates
    of an export, the results of an ack); what it refuses (an integer beyond 64
    bits, a key that is not text) goes through the standard encoder as before.
    """
    try:
        return orjson.dumps(items, option=_ORJSON_AS_JSON)
    except TypeError:
        return json.dumps(items, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
            "utf-8"
        )


def pack(manifest_json: Mapping[str, Any], raw_parts: Mapping[str, bytes]) -> bytes:
    """The ZIP of a manifest and already-encoded parts (no checks: see :func:`write_bundle`)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in [
            (MANIFEST, json.dumps(manifest_json, ensure_ascii=False, indent=1).encode("utf-8")),
            *sorted(raw_parts.items()),
        ]:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()


def seal(packed: bytes, signer: Signer, recipient: x509.Certificate) -> bytes:
    """Sign ``packed`` and envelope it with its signature for ``recipient``."""
    signature = signer.sign_detached(packed)
    body = struct.pack(">I", len(packed)) + packed + signature
    return envelope.encrypt(MAGIC + hashlib.sha256(body).digest() + body, recipient)


def write_bundle(
    parts: Mapping[str, list[Any] | EncodedPart],
    *,
    kind: Kind,
    office: str,
    sequence: int,
    created_at: dt.datetime,
    signer: Signer,
    recipient: x509.Certificate,
    extra: Mapping[str, Any] | None = None,
) -> bytes:
    """The bytes of one bundle file; ``parts`` maps ``name.json`` to a JSON array
    (or to one already encoded)."""
    if created_at.tzinfo is None:
        raise ValueError("created_at needs the clock's UTC offset")
    if sequence < 1:
        raise ValueError("sequence numbers start at 1")
    raw: dict[str, bytes] = {}
    infos: dict[str, PartInfo] = {}
    for name, items in parts.items():
        if not _PART_NAME.match(name) or name == MANIFEST:
            raise ValueError(f"bad part name {name!r}")
        if isinstance(items, EncodedPart):
            raw[name], count = items.data, items.count
        elif isinstance(items, list):
            raw[name], count = _part_bytes(items), len(items)
        else:
            raise ValueError(f"part {name} must be a list")
        infos[name] = PartInfo(hashlib.sha256(raw[name]).hexdigest(), count)
    manifest = Manifest(kind, office, sequence, created_at, infos, extra=dict(extra or {}))
    return seal(pack(manifest.to_json(), raw), signer, recipient)


def _unseal(plain: bytes) -> tuple[bytes, bytes]:
    head = len(MAGIC) + 32
    if len(plain) < head + 4 or not plain.startswith(MAGIC):
        raise BundleError(ErrorCode.UNDECRYPTABLE, "no bundle frame inside the envelope")
    body = plain[head:]
    if hashlib.sha256(body).digest() != plain[len(MAGIC) : head]:
        raise BundleError(ErrorCode.UNDECRYPTABLE, "frame digest mismatch: envelope damaged")
    (length,) = struct.unpack(">I", body[:4])
    packed, signature = body[4 : 4 + length], body[4 + length :]
    if len(packed) != length or not signature:
        raise BundleError(ErrorCode.UNDECRYPTABLE, "frame lengths do not add up")
    return packed, signature


def _manifest(data: Any) -> Manifest:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BundleError(ErrorCode.MANIFEST_INVALID, "not a tirkeu.bundle manifest")
    version = data.get("version")
    if version != VERSION:
        raise BundleError(
            ErrorCode.UNSUPPORTED_VERSION, f"version {version!r}", version=str(version)
        )
    try:
        parts = data["parts"]
        if not isinstance(parts, dict):
            raise TypeError("parts must be an object")
        sequence = data["sequence"]
        if isinstance(sequence, bool) or not isinstance(sequence, int) or sequence < 1:
            raise TypeError("sequence must be a positive integer")
        office = data["office"]
        if not isinstance(office, str) or not office:
            raise TypeError("office must be text")
        created_at = dt.datetime.fromisoformat(data["created_at"])
        if created_at.tzinfo is None:
            raise TypeError("created_at without offset")
        extra = data.get("extra", {})
        if not isinstance(extra, dict):
            raise TypeError("extra must be an object")
        infos = {}
        for name, info in parts.items():
            count = info["count"]
            if not _PART_NAME.match(name) or isinstance(count, bool) or not isinstance(count, int):
                raise TypeError(f"bad part entry {name!r}")
            infos[name] = PartInfo(str(info["sha256"]), count)
        return Manifest(Kind(data["kind"]), office, sequence, created_at, infos, VERSION, extra)
    except (KeyError, TypeError, ValueError) as exc:
        raise BundleError(ErrorCode.MANIFEST_INVALID, f"{type(exc).__name__}: {exc}") from exc


def _read_parts(zf: zipfile.ZipFile, manifest: Manifest) -> dict[str, list[Any]]:
    names = {i.filename for i in zf.infolist()} - {MANIFEST}
    unmatched = sorted(names ^ set(manifest.parts))
    if unmatched:
        raise BundleError(ErrorCode.PART_MISMATCH, "listed or present only once", part=unmatched[0])
    parts: dict[str, list[Any]] = {}
    for name in sorted(names):
        info = manifest.parts[name]
        if zf.getinfo(name).file_size > _MAX_PART:
            raise BundleError(ErrorCode.PART_INVALID, "too large", part=name)
        raw = zf.read(name)
        if hashlib.sha256(raw).hexdigest() != info.sha256:
            raise BundleError(ErrorCode.PART_MISMATCH, "sha256 differs", part=name)
        try:
            items = orjson.loads(raw)  # UTF-8 checked too; four times the stdlib's pace
        except ValueError as exc:
            raise BundleError(ErrorCode.PART_INVALID, str(exc), part=name) from exc
        if not isinstance(items, list):
            raise BundleError(ErrorCode.PART_INVALID, "not a JSON array", part=name)
        if len(items) != info.count:
            raise BundleError(ErrorCode.PART_MISMATCH, "count differs", part=name)
        parts[name] = items
    return parts


def open_bundle(
    data: bytes,
    recipient: KeyMaterial,
    trust_roots: Iterable[x509.Certificate],
    revoked: Collection[int] = frozenset(),
    known_signers: Mapping[str, Collection[str]] | None = None,
) -> OpenedBundle:
    """Decrypt, verify and read one bundle, or raise :class:`BundleError`.

    ``known_signers`` maps an office code (the manifest's ``office``) to the
    SHA-256 fingerprints allowed to sign for it: the district passes its
    registered offices, an office passes ``{own code: {district fingerprint}}``
    for acknowledgements.  ``None`` accepts any trusted, unrevoked signer.
    """
    packed, signature = _unseal(envelope.decrypt(data, recipient))
    signer = verify_detached(packed, signature, trust_roots, revoked)
    try:
        with zipfile.ZipFile(io.BytesIO(packed)) as zf:
            try:
                manifest_raw = json.loads(zf.read(MANIFEST).decode("utf-8"))
            except (KeyError, ValueError) as exc:
                raise BundleError(ErrorCode.MANIFEST_INVALID, str(exc)) from exc
            manifest = _manifest(manifest_raw)
            if known_signers is not None and fingerprint(signer) not in known_signers.get(
                manifest.office, ()
            ):
                raise BundleError(
                    ErrorCode.SIGNER_UNKNOWN, fingerprint(signer), office=manifest.office
                )
            parts = _read_parts(zf, manifest)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error) as exc:
        raise BundleError(ErrorCode.MALFORMED, str(exc)) from exc
    return OpenedBundle(manifest, parts, signer, bundle_hash(data))
