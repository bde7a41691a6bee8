"""PAdES signature of an electronic certificate or spravka with the head's key (п. 37).

The key comes as PKCS#12, the form NCA keys are issued in; RSA keys load here,
GOST keys need the NCA's own SDK behind the same call.
"""

from __future__ import annotations

import io

SIGNATURE_FIELD = "HeadSignature"


class SigningError(ValueError):
    """The key could not be loaded (wrong password, not PKCS#12, no private key)."""


def sign_pdf(
    pdf_bytes: bytes,
    pkcs12_bytes: bytes,
    password: bytes | None,
    reason: str | None = None,
    location: str | None = None,
) -> bytes:
    """``pdf_bytes`` with an invisible PAdES signature by the PKCS#12 key appended."""
    # pyHanko takes a second to import; only the head's signing needs it, so it is
    # loaded here rather than when the GUI starts.
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    try:
        signer = signers.SimpleSigner.load_pkcs12_data(pkcs12_bytes, (), passphrase=password)
    except (ValueError, TypeError) as exc:
        raise SigningError(f"cannot load the signing key: {exc}") from exc
    if signer is None:
        raise SigningError("cannot load the signing key")
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        reason=reason,
        location=location,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    out = signers.sign_pdf(writer, meta, signer=signer)
    return out.getvalue()
