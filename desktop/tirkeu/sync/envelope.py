"""CMS EnvelopedData: only the holder of the recipient's key can read a bundle.

AES-256-CBC for the content, the content key wrapped with the recipient's RSA
key (PKCS#1 v1.5 key transport, the only one ``cryptography`` offers).  The
envelope gives confidentiality only; authenticity is the signature inside.
"""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.serialization import pkcs7

from tirkeu.sync.errors import BundleError, ErrorCode
from tirkeu.sync.pki import KeyMaterial


def encrypt(data: bytes, recipient: x509.Certificate) -> bytes:
    """DER EnvelopedData of ``data`` for ``recipient``."""
    return (
        pkcs7.PKCS7EnvelopeBuilder()
        .set_data(data)
        .add_recipient(recipient)
        .set_content_encryption_algorithm(algorithms.AES256)
        .encrypt(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary])
    )


def decrypt(envelope: bytes, recipient: KeyMaterial) -> bytes:
    """The content of ``envelope``; BundleError ``undecryptable`` when it cannot be opened."""
    try:
        return pkcs7.pkcs7_decrypt_der(envelope, recipient.certificate, recipient.key, [])
    except (ValueError, TypeError) as exc:
        raise BundleError(ErrorCode.UNDECRYPTABLE, str(exc)) from exc
