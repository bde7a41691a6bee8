"""PAdES signing of an electronic certificate with a self-made PKCS#12 key (п. 37)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from tirkeu.documents import Blank, Mode, certificate_pdf
from tirkeu.documents.signing import SigningError, sign_pdf

from .conftest import OFFICE, make_record, pdf_text

PASSWORD = b"demo"


@pytest.fixture(scope="module")
def head_key() -> tuple[bytes, bytes]:
    """A self-signed RSA key of "the head" as PKCS#12, and its certificate as DER."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Төлеуов Бауыржан Мұратұлы")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), True
        )
        .sign(key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        b"head", key, cert, None, serialization.BestAvailableEncryption(PASSWORD)
    )
    return p12, cert.public_bytes(serialization.Encoding.DER)


def _certificate() -> bytes:
    return certificate_pdf(
        make_record(),
        OFFICE,
        "kk",
        dt.date(2023, 6, 29),
        Blank("E", "1"),
        Mode.PROOF,
        electronic=True,
    )


def test_signed_certificate_verifies_and_keeps_its_text(head_key: tuple[bytes, bytes]) -> None:
    p12, der = head_key
    signed = sign_pdf(_certificate(), p12, PASSWORD, reason="п. 37")
    trust = asn1_x509.Certificate.load(der)
    reader = PdfFileReader(io.BytesIO(signed))
    (embedded,) = reader.embedded_signatures
    status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[trust]))
    assert status.intact and status.valid and status.trusted
    assert "Асанова" in pdf_text(signed)


def test_wrong_password_is_a_clear_error(head_key: tuple[bytes, bytes]) -> None:
    with pytest.raises(SigningError):
        sign_pdf(_certificate(), head_key[0], b"wrong")
