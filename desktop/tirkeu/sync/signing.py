"""Detached CMS signatures: one signing interface, verification against pinned roots.

Everything that signs goes through :class:`Signer`.  Today the implementation
is RSA from a PKCS#12 file (``cryptography`` builds the CMS SignedData); an
NCA GOST key needs the NCA's own SDK and will be another class behind the same
Protocol, so bundles and their callers never change.

Verification reads the CMS structure with asn1crypto and checks it with
``cryptography``: the message digest must be that of the data and the RSA
signature must hold; the certificate must chain to one of the pinned roots
(``cryptography``'s RFC 5280 path validation, no network), carry the
digitalSignature key usage, and its serial must not be in the district's local
revocation list.  These are the checks pyHanko made before; importing pyHanko
alone took longer than the rest of opening a bundle of 10,000 records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from typing import Protocol

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.verification import (
    Criticality,
    ExtensionPolicy,
    Policy,
    PolicyBuilder,
    Store,
    VerificationError,
)

from tirkeu.sync.errors import BundleError, ErrorCode
from tirkeu.sync.pki import KeyMaterial


class Signer(Protocol):
    """Whoever signs a bundle: the office, or the district for acknowledgements."""

    @property
    def certificate(self) -> x509.Certificate: ...

    def sign_detached(self, data: bytes) -> bytes:
        """A DER CMS SignedData over ``data`` without the data itself."""
        ...


class RsaSigner:
    """Signs with an RSA key (PKCS#1 v1.5, SHA-256), e.g. from an NCA PKCS#12 file."""

    def __init__(self, material: KeyMaterial) -> None:
        self._material = material

    @property
    def certificate(self) -> x509.Certificate:
        return self._material.certificate

    def sign_detached(self, data: bytes) -> bytes:
        builder = (
            pkcs7.PKCS7SignatureBuilder()
            .set_data(data)
            .add_signer(
                self._material.certificate,
                self._material.key,
                hashes.SHA256(),
                rsa_padding=padding.PKCS1v15(),
            )
        )
        for extra in self._material.chain:  # intermediates help the verifier build the path
            builder = builder.add_certificate(extra)
        return builder.sign(
            serialization.Encoding.DER,
            [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary],
        )


_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


def _signer_certificate(
    signed_data: cms.SignedData, sid: cms.SignerIdentifier
) -> asn1_x509.Certificate:
    """The certificate the SignerInfo names, among those the SignedData carries."""
    for choice in signed_data["certificates"] or ():
        if choice.name != "certificate":
            continue
        cert = choice.chosen
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (
                cert.issuer == wanted["issuer"]
                and cert.serial_number == wanted["serial_number"].native
            ):
                return cert
        elif cert.key_identifier == sid.chosen.native:
            return cert
    raise ValueError("the signer's certificate is not in the signature")


def _check_signature(
    data: bytes, signed_data: cms.SignedData
) -> tuple[x509.Certificate, list[x509.Certificate]]:
    """The signer's certificate (and the others carried) when the signature over ``data`` holds.

    What pyHanko checked before: exactly one SignerInfo; with signed attributes,
    the content type is ``data`` and the message digest is that of ``data``, and
    the signature covers the attributes; without them it covers ``data`` itself.
    Raises ValueError (or InvalidSignature) otherwise.
    """
    infos = signed_data["signer_infos"]
    if len(infos) != 1:
        raise ValueError("exactly one SignerInfo expected")
    info = infos[0]
    hash_class = _HASHES.get(info["digest_algorithm"]["algorithm"].native)
    if hash_class is None:
        raise ValueError("unsupported digest algorithm")
    signer = _signer_certificate(signed_data, info["sid"])
    attrs = info["signed_attrs"]
    if attrs.native is None:
        signed = data
    else:
        found = {a["type"].native: a["values"] for a in attrs}
        if set(found) & {"content_type", "message_digest"} != {"content_type", "message_digest"}:
            raise ValueError("signed attributes without content type or message digest")
        if len(found["content_type"]) != 1 or found["content_type"][0].native != "data":
            raise ValueError("signed content type is not data")
        digest = hashes.Hash(hash_class())
        digest.update(data)
        if (
            len(found["message_digest"]) != 1
            or found["message_digest"][0].native != digest.finalize()
        ):
            raise ValueError("message digest mismatch")
        signed = b"\x31" + attrs.dump()[1:]  # signed as a SET OF, stored with an implicit tag
    algorithm, digest_name = (
        info["signature_algorithm"],
        info["digest_algorithm"]["algorithm"].native,
    )
    if algorithm.signature_algo != "rsassa_pkcs1v15" or (
        algorithm["algorithm"].native != "rsassa_pkcs1v15" and algorithm.hash_algo != digest_name
    ):
        raise ValueError("signature algorithm outside RSA PKCS#1 v1.5 with the digest's hash")
    cert = x509.load_der_x509_certificate(signer.dump())
    key = cert.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("not an RSA signer")
    key.verify(info["signature"].native, signed, padding.PKCS1v15(), hash_class())
    others = [
        x509.load_der_x509_certificate(c.chosen.dump())
        for c in signed_data["certificates"] or ()
        if c.name == "certificate" and c.chosen.dump() != signer.dump()
    ]
    return cert, others


def _digital_signature(
    _policy: Policy, _cert: x509.Certificate, usage: x509.KeyUsage | None
) -> None:
    if usage is None or not usage.digital_signature:
        raise ValueError("the key usage lacks digitalSignature")


def _issuer(
    _policy: Policy, _cert: x509.Certificate, constraints: x509.BasicConstraints | None
) -> None:
    if constraints is None or not constraints.ca:
        raise ValueError("an issuer that is not a CA")


def _cert_sign(_policy: Policy, _cert: x509.Certificate, usage: x509.KeyUsage | None) -> None:
    if usage is not None and not usage.key_cert_sign:
        raise ValueError("an issuer whose key usage lacks keyCertSign")


def _chain(
    signer: x509.Certificate,
    carried: list[x509.Certificate],
    trust_roots: Iterable[x509.Certificate],
) -> None:
    """RFC 5280 path validation (``cryptography``'s) from the signer to a pinned root, now.

    Issuers must be CAs (keyCertSign when they state a key usage); the signer
    must carry the digitalSignature key usage, as pyHanko's
    ``KeyUsageConstraints`` demanded.  Raises VerificationError when no path holds.
    """
    end_entity = ExtensionPolicy.permit_all().require_present(
        x509.KeyUsage, Criticality.AGNOSTIC, _digital_signature
    )
    authority = (
        ExtensionPolicy.permit_all()
        .require_present(x509.BasicConstraints, Criticality.AGNOSTIC, _issuer)
        .may_be_present(x509.KeyUsage, Criticality.AGNOSTIC, _cert_sign)
    )
    verifier = (
        PolicyBuilder()
        .store(Store(list(trust_roots)))
        .time(dt.datetime.now(dt.UTC))
        .extension_policies(ca_policy=authority, ee_policy=end_entity)
        .build_client_verifier()
    )
    verifier.verify(signer, carried)


def verify_detached(
    data: bytes,
    signature: bytes,
    trust_roots: Iterable[x509.Certificate],
    revoked: Collection[int] = frozenset(),
) -> x509.Certificate:
    """The signer's certificate when ``signature`` over ``data`` holds; else BundleError.

    ``revoked`` is the set of certificate serial numbers the district has
    withdrawn (a lost office key, a dismissed registrar); it is checked after
    the chain, so a foreign certificate is reported as untrusted, not revoked.
    """
    try:
        content = cms.ContentInfo.load(signature, strict=True)
        if content["content_type"].native != "signed_data":
            raise ValueError("not a CMS SignedData")
        signer, carried = _check_signature(data, content["content"])
    except (ValueError, TypeError, KeyError, IndexError, OverflowError, InvalidSignature) as exc:
        raise BundleError(ErrorCode.SIGNATURE_INVALID, f"{type(exc).__name__}: {exc}") from exc
    try:
        _chain(signer, carried, trust_roots)
    except (VerificationError, ValueError) as exc:
        raise BundleError(ErrorCode.SIGNER_UNTRUSTED, str(exc)) from exc
    if signer.serial_number in revoked:
        raise BundleError(ErrorCode.SIGNER_REVOKED, f"serial {signer.serial_number:x}")
    return signer
