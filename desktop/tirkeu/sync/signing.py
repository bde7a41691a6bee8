"""Detached CMS signatures: one signing interface, verification against pinned roots.

Everything that signs goes through :class:`Signer`.  Today the implementation
is RSA from a PKCS#12 file (``cryptography`` builds the CMS SignedData); an
NCA GOST key needs the NCA's own SDK and will be another class behind the same
Protocol, so bundles and their callers never change.

``cryptography`` cannot verify CMS, so verification is pyHanko's: the
signature must match the data, the certificate must chain to one of the pinned
roots (no network: ``allow_fetching=False``), carry the digitalSignature key
usage, and its serial must not be in the district's local revocation list.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection, Iterable
from typing import Protocol

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.serialization import pkcs7

from tirkeu.sync.errors import BundleError, ErrorCode
from tirkeu.sync.pki import KeyMaterial

# pyHanko logs every refused path with a traceback; the refusal reaches the
# person as a BundleError instead, so its log records go nowhere by default.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


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


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def load_verifier() -> None:
    """Import pyHanko's validation now: about half a second, paid once per process.

    The district loads it at its start (``intake.prepare``), so its first bundle
    does not wait for the import; an office loads it with its first acknowledgement.
    """
    import pyhanko.sign.validation.generic_cms  # noqa: F401
    import pyhanko_certvalidator  # noqa: F401


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
    # pyHanko takes about a second to import: loaded when a bundle is opened, not
    # when the application starts.
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.authority import CertTrustAnchor

    try:
        content = cms.ContentInfo.load(signature, strict=True)  # no bytes after it
        signed_data = content["content"]
        if content["content_type"].native != "signed_data":
            raise ValueError("not a CMS SignedData")
    except ValueError as exc:
        raise BundleError(ErrorCode.SIGNATURE_INVALID, f"unreadable signature: {exc}") from exc
    context = ValidationContext(
        # A pinned root's own constraints (its path length: no CA below the
        # demo CA) bind the path too; RFC 5280 alone leaves them out.
        trust_roots=[
            CertTrustAnchor(_asn1(c), derive_default_quals_from_cert=True) for c in trust_roots
        ],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    try:
        status = asyncio.run(
            async_validate_detached_cms(
                data,
                signed_data,
                signer_validation_context=context,
                key_usage_settings=KeyUsageConstraints(key_usage={"digital_signature"}),
            )
        )
    except Exception as exc:  # pyHanko raises many kinds on broken structures
        raise BundleError(ErrorCode.SIGNATURE_INVALID, f"{type(exc).__name__}: {exc}") from exc
    if not status.intact or not status.valid:
        raise BundleError(ErrorCode.SIGNATURE_INVALID, "digest or signature mismatch")
    if not status.trusted:
        raise BundleError(ErrorCode.SIGNER_UNTRUSTED, status.summary())
    signer = x509.load_der_x509_certificate(status.signing_cert.dump())
    if signer.serial_number in revoked:
        raise BundleError(ErrorCode.SIGNER_REVOKED, f"serial {signer.serial_number:x}")
    return signer
