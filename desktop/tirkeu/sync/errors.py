"""Why a bundle is refused: one code per failure, one translated sentence per code.

The code is stable (tests, logs, the acknowledgement and the command line's
exit path read it); the sentence is what the registrar or the district clerk
reads, in Kazakh, Russian or English (gettext domain ``sync``).
"""

from __future__ import annotations

from enum import StrEnum

from tirkeu.i18n import N_, t


class ErrorCode(StrEnum):
    UNDECRYPTABLE = "undecryptable"
    MALFORMED = "malformed"
    SIGNATURE_INVALID = "signature_invalid"
    SIGNER_UNTRUSTED = "signer_untrusted"
    SIGNER_REVOKED = "signer_revoked"
    SIGNER_UNKNOWN = "signer_unknown"
    UNSUPPORTED_VERSION = "unsupported_version"
    MANIFEST_INVALID = "manifest_invalid"
    PART_MISMATCH = "part_mismatch"
    PART_INVALID = "part_invalid"
    SEQUENCE_REUSED = "sequence_reused"


MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.UNDECRYPTABLE: N_(
        "The bundle cannot be decrypted: it is damaged, cut short, or not addressed"
        " to this registry."
    ),
    ErrorCode.MALFORMED: N_("The bundle is signed but its contents cannot be read."),
    ErrorCode.SIGNATURE_INVALID: N_(
        "The digital signature does not match the contents: the bundle was changed"
        " after it was signed."
    ),
    ErrorCode.SIGNER_UNTRUSTED: N_(
        "The signing certificate was not issued by a trusted certification authority,"
        " or it has expired."
    ),
    ErrorCode.SIGNER_REVOKED: N_("The signing certificate has been revoked."),
    ErrorCode.SIGNER_UNKNOWN: N_(
        "The bundle is signed by a certificate that is not registered for office {office}."
    ),
    ErrorCode.UNSUPPORTED_VERSION: N_(
        "The bundle has format version {version}, which this program does not support."
    ),
    ErrorCode.MANIFEST_INVALID: N_("The bundle's manifest is missing or incomplete."),
    ErrorCode.PART_MISMATCH: N_(
        "Part {part} of the bundle does not match its checksum or count in the manifest."
    ),
    ErrorCode.PART_INVALID: N_("Part {part} of the bundle is not valid data."),
    ErrorCode.SEQUENCE_REUSED: N_(
        "Office {office} already sent a different bundle with sequence number {sequence}."
    ),
}


class BundleError(Exception):
    """A bundle was refused; ``code`` says why, :meth:`message` says it to a person."""

    def __init__(self, code: ErrorCode, detail: str = "", **params: str) -> None:
        self.code = code
        self.detail = detail  # technical detail for logs, never shown alone
        self.params = params
        super().__init__(f"{code.value}: {detail or self.message('en')}")

    def message(self, lang: str) -> str:
        return t(lang, MESSAGES[self.code], "sync").format(**self.params)
