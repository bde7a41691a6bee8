"""``tirkeu print``: a record's document rendered to a PDF file instead of the printer.

It is the same use case as printing: a certificate takes the next blank and is
recorded before the file is written, so the file is what goes on that blank.
``--preview`` renders the specimen without issuing anything.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tirkeu.i18n import t
from tirkeu.services.errors import ServiceError

if TYPE_CHECKING:
    from tirkeu.services.printing import Printed, PrintingService
    from tirkeu.services.repeat import Recipient

# The choices are spelled out so that building the parser loads no document code;
# tests/cli/test_print.py checks them against the services' enums.
DOCUMENTS = (
    "certificate",
    "repeat-certificate",
    "stillbirth-spravka",
    "act-record",
    "refusal",
)
RELATIONS = ("parent", "guardian", "adopter", "trustee", "institution", "self", "representative")
GROUNDS = ("lost", "damaged")


def add_print_parser(sub: Any, lang: str) -> None:
    """The ``print`` sub-command's arguments (DESIGN.md, command line contract)."""
    pr = sub.add_parser("print", help=t(lang, "render a record's document to a PDF file"))
    pr.add_argument(
        "record",
        type=int,
        metavar=t(lang, "RECORD"),
        help=t(lang, "record id (as in `tirkeu list --json`)"),
    )
    pr.add_argument(
        "--document", required=True, choices=DOCUMENTS, help=t(lang, "the document to render")
    )
    pr.add_argument(
        "--lang", dest="doc_lang", choices=["kk", "ru"], help=t(lang, "document language (п. 30)")
    )
    pr.add_argument(
        "--pdf", required=True, metavar=t(lang, "FILE"), help=t(lang, "output PDF file")
    )
    pr.add_argument("--preview", action="store_true", help=t(lang, "a specimen; issues nothing"))
    pr.add_argument(
        "--electronic",
        metavar="P12",
        help=t(
            lang,
            "certificate in electronic form signed with this key (п. 37); "
            "key password from TIRKEU_KEY_PASSWORD or a prompt",
        ),
    )
    repeat = pr.add_argument_group(t(lang, "repeat certificate (п. 45, 46)"))
    add_recipient_arguments(repeat, lang)
    repeat.add_argument(
        "--ground",
        choices=GROUNDS,
        default="lost",
        help=t(lang, "why a repeat certificate is asked for: lost or damaged"),
    )


def add_recipient_arguments(group: Any, lang: str) -> None:
    """Who receives a repeat certificate (п. 45, 46): for ``print`` and ``amend-issue``."""
    group.add_argument(
        "--recipient",
        choices=RELATIONS,
        default="parent",
        help=t(lang, "who receives the certificate"),
    )
    group.add_argument(
        "--recipient-name",
        default="",
        metavar=t(lang, "NAME"),
        help=t(lang, "the recipient's full name"),
    )
    group.add_argument(
        "--recipient-document",
        default="",
        metavar=t(lang, "TEXT"),
        help=t(lang, "the recipient's identity document"),
    )
    group.add_argument(
        "--surrendered", action="store_true", help=t(lang, "the old certificate handed in")
    )
    group.add_argument(
        "--child-has-id",
        action="store_true",
        help=t(lang, "the child of 16 to 18 years has an identity document"),
    )
    group.add_argument(
        "--accompanied-by",
        choices=RELATIONS,
        help=t(lang, "who came with a child of 16 to 18 years"),
    )
    group.add_argument(
        "--deprived", action="store_true", help=t(lang, "the parent lost parental rights")
    )


def _recipient(args: argparse.Namespace) -> Recipient:
    from tirkeu.services.repeat import Ground, Recipient, Relation

    return Recipient(
        relation=Relation(args.recipient),
        full_name=args.recipient_name,
        document=args.recipient_document,
        ground=Ground(args.ground),
        surrendered=args.surrendered,
        deprived_of_parental_rights=args.deprived,
        child_has_id=args.child_has_id,
        accompanied_by=Relation(args.accompanied_by) if args.accompanied_by else None,
    )


def _key_password(lang: str) -> str:
    env = os.environ.get("TIRKEU_KEY_PASSWORD")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass(t(lang, "Key password: "))


def _write(path: Path, data: bytes) -> None:
    part = path.with_name(path.name + ".part")
    part.write_bytes(data)
    part.replace(path)


def cmd_print(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.cli import main as cli
    from tirkeu.documents import Mode
    from tirkeu.services.printing import Document, PrintingService

    out = Path(args.pdf).expanduser()
    if not out.parent.is_dir():
        raise ServiceError("The folder {path} does not exist.", path=str(out.parent))
    document = Document(args.document)
    recipient = _recipient(args) if document is Document.REPEAT_CERTIFICATE else None
    with cli._open(args) as ws:
        actor = cli._signed_in(args, ws, lang)
        svc = PrintingService(ws, actor)
        doc_lang = args.doc_lang or _record_language(svc, args.record)
        if args.preview:
            _write(out, svc.preview(args.record, document, doc_lang, Mode.PREVIEW, recipient))
            print(t(lang, "Specimen written to {path}; nothing was issued.").format(path=out))
            return 0
        printed: Printed
        if args.electronic:
            if document is not Document.CERTIFICATE:
                raise ServiceError("Only the certificate is issued in electronic form here.")
            try:
                key = Path(args.electronic).expanduser().read_bytes()
            except OSError:
                raise ServiceError(
                    "The key file {path} cannot be read.", path=args.electronic
                ) from None
            printed = svc.electronic_certificate(args.record, doc_lang, key, _key_password(lang))
        else:
            printed = svc.issue(args.record, document, doc_lang, f"pdf:{out}", recipient)
    _write(out, printed.pdf)
    if printed.blank is not None:
        print(
            t(lang, "Written to {path}: print it on blank {blank}.").format(
                path=out, blank=printed.blank.label
            )
        )
    else:
        print(t(lang, "Written to {path}.").format(path=out))
    return 0


def _record_language(svc: PrintingService, record_id: int) -> str:
    """The record's own certificate language (п. 30) when --lang is not given."""
    from tirkeu.services.records import RecordService

    return RecordService(svc.ws, svc.actor).get(record_id).application.language.value
