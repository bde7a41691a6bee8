"""Keys and certificates: the demo world's PKI and loading NCA-style PKCS#12 files.

A real office signs with its NCA (ҰКО / НУЦ) key, delivered as a PKCS#12 file;
the district pins the root it trusts.  The demo world has no NCA, so it gets a
small CA of its own that issues an office and a district certificate with the
same shape: RSA keys in password-protected PKCS#12 files and the CA certificate
as a PEM file, the pinned trust root.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

# The NCA (ҰКО / НУЦ РК) issues RSA keys of 2048 bits to people and legal entities, so the
# demo world's keys have that size too: the same shape, and a district opening its own key
# file pays for the key it will really have.
DEMO_KEY_SIZE = 2048
_VALIDITY = dt.timedelta(days=3650)
_BACKDATE = dt.timedelta(days=1)  # tolerate an office clock a little behind


@dataclass(frozen=True)
class KeyMaterial:
    """A private key with its certificate and the chain that issued it."""

    key: rsa.RSAPrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()


@dataclass(frozen=True)
class DemoPki:
    """Where :func:`make_demo_pki` put the files of one demo world."""

    ca_certificate: Path  # PEM, the pinned trust root
    ca_key: Path  # PKCS#12, to issue more certificates later
    office: Path  # PKCS#12 of the akimat office
    district: Path  # PKCS#12 of the district registry


class KeyFileError(ValueError):
    """A key file cannot be read: wrong password, not PKCS#12, or not RSA."""


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 fingerprint in lowercase hex: how offices are pinned at the district."""
    return cert.fingerprint(hashes.SHA256()).hex()


def new_key(key_size: int = DEMO_KEY_SIZE) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=key_size)


def make_ca(common_name: str, key_size: int = DEMO_KEY_SIZE) -> KeyMaterial:
    """A self-signed root (CA:true) that can only issue certificates and CRLs."""
    key = new_key(key_size)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Tirkeu demo"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _BACKDATE)
        .not_valid_after(now + _VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return KeyMaterial(key, cert)


def issue(
    ca: KeyMaterial,
    common_name: str,
    unit: str,
    key_size: int = DEMO_KEY_SIZE,
) -> KeyMaterial:
    """An end-entity certificate that signs and receives encrypted bundles.

    ``unit`` (the office code, or ``district``) goes into OU so a person
    reading the certificate sees whose it is; the district still pins offices
    by fingerprint, never by name.
    """
    key = new_key(key_size)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Tirkeu demo"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    ca_ski = ca.certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _BACKDATE)
        .not_valid_after(now + _VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=True,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False
        )
        .sign(ca.key, hashes.SHA256())
    )
    return KeyMaterial(key, cert, (ca.certificate,))


def save_pkcs12(material: KeyMaterial, path: Path, password: bytes, name: str) -> Path:
    """Write ``material`` as a PKCS#12 file protected by ``password``."""
    data = pkcs12.serialize_key_and_certificates(
        name.encode("utf-8"),
        material.key,
        material.certificate,
        list(material.chain) or None,
        serialization.BestAvailableEncryption(password),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def load_pkcs12(path: Path, password: bytes) -> KeyMaterial:
    """Read an RSA PKCS#12 file (NCA-style or demo); GOST keys need the NCA's SDK."""
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(path.read_bytes(), password)
    except ValueError as exc:
        raise KeyFileError(f"{path.name}: wrong password or not a PKCS#12 file") from exc
    if cert is None or not isinstance(key, rsa.RSAPrivateKey):
        raise KeyFileError(f"{path.name}: no RSA key with a certificate in the file")
    return KeyMaterial(key, cert, tuple(extra))


def save_certificate(cert: x509.Certificate, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def load_certificates(path: Path) -> list[x509.Certificate]:
    """Every certificate of a PEM file (or the one of a DER file)."""
    data = path.read_bytes()
    if b"-----BEGIN" in data:
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]


def make_crl(ca: KeyMaterial, serials: Iterable[int]) -> bytes:
    """A DER CRL of ``ca`` revoking ``serials`` (the demo CA's answer to a lost key)."""
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.certificate.subject)
        .last_update(now)
        .next_update(now + dt.timedelta(days=30))
    )
    for serial in serials:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(now).build()
        )
    return builder.sign(ca.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def crl_serials(data: bytes, issuers: Iterable[x509.Certificate]) -> set[int]:
    """The serials a CRL file (DER or PEM) revokes, once its issuer's signature holds.

    The district adds them to its local revocation list; a CRL signed by none
    of ``issuers`` is refused with KeyFileError rather than trusted.
    """
    try:
        crl = (
            x509.load_pem_x509_crl(data)
            if data.lstrip().startswith(b"-----BEGIN")
            else x509.load_der_x509_crl(data)
        )
    except ValueError as exc:
        raise KeyFileError("not a certificate revocation list") from exc
    for issuer in issuers:
        key = issuer.public_key()
        if (
            crl.issuer == issuer.subject
            and isinstance(key, rsa.RSAPublicKey)
            and crl.is_signature_valid(key)
        ):
            return {revoked.serial_number for revoked in crl}
    raise KeyFileError("the revocation list is not signed by a trusted authority")


def make_demo_pki(
    directory: Path,
    office_code: str,
    password: bytes,
    key_size: int = DEMO_KEY_SIZE,
) -> DemoPki:
    """A demo CA that issued one office and the district, all saved under ``directory``."""
    ca = make_ca("Tirkeu demo CA", key_size)
    office = issue(ca, f"Akimat office {office_code}", office_code, key_size)
    district = issue(ca, "District civil registry", "district", key_size)
    return DemoPki(
        ca_certificate=save_certificate(ca.certificate, directory / "ca.pem"),
        ca_key=save_pkcs12(ca, directory / "ca.p12", password, "ca"),
        office=save_pkcs12(office, directory / f"office-{office_code}.p12", password, office_code),
        district=save_pkcs12(district, directory / "district.p12", password, "district"),
    )


def add_office(
    pki: DemoPki, directory: Path, office_code: str, password: bytes, key_size: int = DEMO_KEY_SIZE
) -> Path:
    """Issue one more office certificate from the demo CA (a second akimat)."""
    ca = load_pkcs12(pki.ca_key, password)
    office = issue(ca, f"Akimat office {office_code}", office_code, key_size)
    return save_pkcs12(office, directory / f"office-{office_code}.p12", password, office_code)
