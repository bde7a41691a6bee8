from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import NameOID

from tirkeu.i18n import t
from tirkeu.sync import envelope, pki
from tirkeu.sync.district import checks
from tirkeu.sync.errors import MESSAGES, BundleError, ErrorCode
from tirkeu.sync.signing import RsaSigner, verify_detached

from .helpers import KEY_SIZE, PASSWORD, World

DATA = b"records\n\x00\xff binary, no newline translation\r\n"


def _code(excinfo: pytest.ExceptionInfo[BundleError]) -> ErrorCode:
    return excinfo.value.code


def test_demo_pki_files(world: World) -> None:
    roots = pki.load_certificates(world.demo.ca_certificate)
    assert [c.subject for c in roots] == [world.ca.certificate.subject]
    ca = roots[0]
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    office = world.offices["A01"].certificate
    usage = office.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.key_encipherment
    assert office.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)[0].value == "A01"
    assert office.issuer == ca.subject
    assert world.offices["A01"].chain == (ca,)


def test_wrong_password_is_a_clear_error(world: World) -> None:
    with pytest.raises(pki.KeyFileError, match="wrong password"):
        pki.load_pkcs12(world.demo.office, b"not the password")
    assert pki.load_pkcs12(world.demo.office, PASSWORD).certificate.serial_number


def test_sign_and_verify_returns_the_signer(world: World) -> None:
    signature = world.signer("A01").sign_detached(DATA)
    signer = verify_detached(DATA, signature, [world.ca.certificate])
    assert pki.fingerprint(signer) == pki.fingerprint(world.offices["A01"].certificate)


def test_changed_data_is_refused(world: World) -> None:
    signature = world.signer("A01").sign_detached(DATA)
    with pytest.raises(BundleError) as excinfo:
        verify_detached(DATA + b"x", signature, [world.ca.certificate])
    assert _code(excinfo) is ErrorCode.SIGNATURE_INVALID


def test_foreign_ca_is_untrusted(world: World) -> None:
    signature = RsaSigner(world.foreign).sign_detached(DATA)
    with pytest.raises(BundleError) as excinfo:
        verify_detached(DATA, signature, [world.ca.certificate])
    assert _code(excinfo) is ErrorCode.SIGNER_UNTRUSTED


def test_revoked_serial_is_refused(world: World) -> None:
    office = world.offices["A02"]
    signature = RsaSigner(office).sign_detached(DATA)
    with pytest.raises(BundleError) as excinfo:
        verify_detached(DATA, signature, [world.ca.certificate], {office.certificate.serial_number})
    assert _code(excinfo) is ErrorCode.SIGNER_REVOKED


def test_garbage_signature_is_refused(world: World) -> None:
    with pytest.raises(BundleError) as excinfo:
        verify_detached(DATA, b"\x30\x03\x02\x01\x00", [world.ca.certificate])
    assert _code(excinfo) is ErrorCode.SIGNATURE_INVALID


def test_envelope_round_trip_and_wrong_recipient(world: World) -> None:
    sealed = envelope.encrypt(DATA, world.district.certificate)
    assert DATA not in sealed
    assert envelope.decrypt(sealed, world.district) == DATA
    with pytest.raises(BundleError) as excinfo:
        envelope.decrypt(sealed, world.offices["A01"])
    assert _code(excinfo) is ErrorCode.UNDECRYPTABLE


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_error_has_a_message(lang: str) -> None:
    for code in ErrorCode:
        error = BundleError(code, office="A01", version="9", part="records.json", sequence="3")
        text = error.message(lang)
        assert text and "{" not in text


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_sync_message_is_translated(lang: str) -> None:
    msgids = [*MESSAGES.values(), checks.UNREADABLE, checks.NO_NUMBER, checks.DUPLICATE]
    msgids.append(checks.IIN_TAKEN)
    for msgid in msgids:
        text = t(lang, msgid, "sync")
        assert text != msgid
        assert sorted(_fields(text)) == sorted(_fields(msgid))


def _fields(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def _issued(
    issuer: pki.KeyMaterial,
    *,
    digital_signature: bool = True,
    ca: bool = False,
    days: tuple[int, int] = (-1, 30),
) -> pki.KeyMaterial:
    """A certificate like ``pki.issue`` gives, with one property changed."""
    key = pki.new_key(KEY_SIZE)
    now = dt.datetime.now(dt.UTC)
    usage = x509.KeyUsage(digital_signature, True, True, False, False, ca, ca, False, False)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Akimat office A01")]))
        .issuer_name(issuer.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + dt.timedelta(days=days[0]))
        .not_valid_after(now + dt.timedelta(days=days[1]))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .sign(issuer.key, hashes.SHA256())
    )
    return pki.KeyMaterial(key, cert, (issuer.certificate, *issuer.chain))


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda ca: _issued(ca, digital_signature=False), id="no-digital-signature"),
        pytest.param(lambda ca: _issued(ca, days=(-60, -1)), id="expired"),
        pytest.param(lambda ca: _issued(ca, days=(1, 30)), id="not-yet-valid"),
        pytest.param(lambda ca: _issued(_issued(ca)), id="issued-by-an-end-entity"),
        # the demo CA's path length is 0: no intermediate CA below it
        pytest.param(lambda ca: _issued(_issued(ca, ca=True)), id="beyond-the-path-length"),
    ],
)
def test_a_certificate_outside_the_profile_is_untrusted(
    world: World, make: Callable[[pki.KeyMaterial], pki.KeyMaterial]
) -> None:
    signature = RsaSigner(make(world.ca)).sign_detached(DATA)
    with pytest.raises(BundleError) as excinfo:
        verify_detached(DATA, signature, [world.ca.certificate])
    assert _code(excinfo) is ErrorCode.SIGNER_UNTRUSTED


def test_a_signature_with_trailing_bytes_is_refused(world: World) -> None:
    signature = world.signer("A01").sign_detached(DATA)
    with pytest.raises(BundleError) as excinfo:
        verify_detached(DATA, signature + b"\x00", [world.ca.certificate])
    assert _code(excinfo) is ErrorCode.SIGNATURE_INVALID
