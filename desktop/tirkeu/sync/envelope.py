"""CMS EnvelopedData: only the holder of the recipient's key can read a bundle.

AES-256-CBC for the content, the content key wrapped with the recipient's RSA
key (PKCS#1 v1.5 key transport, the only one ``cryptography`` offers).  The
envelope gives confidentiality only; authenticity is the signature inside.

Opening also holds the envelope to exactly the profile :func:`encrypt` writes
(versions, algorithms, content type, DER encoding): fields the decryption does
not depend on could otherwise be changed unnoticed, and a bundle file that is
not byte for byte what was written must be refused.
"""

from __future__ import annotations

from asn1crypto import cms
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
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


def _check_profile(envelope: bytes) -> None:
    info = cms.ContentInfo.load(envelope, strict=True)
    if info.dump(force=True) != envelope or info["content_type"].native != "enveloped_data":
        raise ValueError("not a DER EnvelopedData")
    env = info["content"]
    recipients = env["recipient_infos"]
    if (
        env["version"].native != "v0"
        or env["originator_info"].native is not None
        or env["unprotected_attrs"].native is not None
        or len(recipients) != 1
        or recipients[0].name != "ktri"
    ):
        raise ValueError("envelope outside the profile")
    ktri = recipients[0].chosen
    content = env["encrypted_content_info"]
    algorithm = content["content_encryption_algorithm"]
    if (
        ktri["version"].native != "v0"
        or ktri["key_encryption_algorithm"]["algorithm"].native != "rsaes_pkcs1v15"
        or ktri["key_encryption_algorithm"]["parameters"].native is not None
        or content["content_type"].native != "data"
        or algorithm["algorithm"].native != "aes256_cbc"
    ):
        raise ValueError("algorithms outside the profile")


def decrypt(envelope: bytes, recipient: KeyMaterial) -> bytes:
    """The content of ``envelope``; BundleError ``undecryptable`` when it cannot be opened."""
    try:
        _check_profile(envelope)
        return pkcs7.pkcs7_decrypt_der(envelope, recipient.certificate, recipient.key, [])
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise BundleError(ErrorCode.UNDECRYPTABLE, str(exc)) from exc
