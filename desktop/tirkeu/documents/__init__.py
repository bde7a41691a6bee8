"""The documents layer: printed documents as pure functions from records to PDF bytes.

Each function takes plain domain data and a document language (п. 30) and
returns the bytes of a PDF; identical input gives identical bytes.  A document
the rules forbid raises :class:`DocumentRefused` with a message citing Order 429.
"""

from tirkeu.documents.act_record import act_record_pdf
from tirkeu.documents.certificate import (
    Blank,
    Mode,
    certificate_data,
    certificate_pdf,
    check_certificate,
    qr_payload,
)
from tirkeu.documents.destruction import (
    CommissionMember,
    DestroyedCertificate,
    DestructionAct,
    destruction_act_pdf,
)
from tirkeu.documents.layout import DEFAULT_EDITION, LayoutError, load_layout
from tirkeu.documents.refusal import refusal_pdf
from tirkeu.documents.refusals import DocumentRefused
from tirkeu.documents.signing import SigningError, sign_pdf
from tirkeu.documents.spravka import stillbirth_spravka_pdf
from tirkeu.documents.text import official_date

__all__ = [
    "DEFAULT_EDITION",
    "Blank",
    "CommissionMember",
    "DestroyedCertificate",
    "DestructionAct",
    "DocumentRefused",
    "LayoutError",
    "Mode",
    "SigningError",
    "act_record_pdf",
    "certificate_data",
    "certificate_pdf",
    "check_certificate",
    "destruction_act_pdf",
    "load_layout",
    "official_date",
    "qr_payload",
    "refusal_pdf",
    "sign_pdf",
    "stillbirth_spravka_pdf",
]
