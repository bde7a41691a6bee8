"""``tirkeu amend`` and friends: amendments of registered act records from the command line.

``amend`` receives one, ``amend-decide`` approves or refuses it (the head),
``amend-issue`` issues the certificate after it to a PDF file, ``amendments``
lists them and ``history`` shows a record's versions.  The same services as the
GUI; errors are one translated line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from tirkeu.cli.print_cmd import add_recipient_arguments
from tirkeu.i18n import t

KINDS = ("change", "correction", "addition", "restoration", "paternity")
BASES = (
    "application",
    "court_decision",
    "joint_paternity_application",
    "paternity_acknowledgment",
    "medical_certificate",
    "registry_conclusion",
    "other",
)


def add_amend_parsers(sub: Any, lang: str) -> None:
    """The amendment sub-commands (added just before the common options)."""
    record = t(lang, "record id (as in `tirkeu list --json`)")
    amendment = t(lang, "amendment id (as in `tirkeu amendments`)")
    as_json = t(lang, "print JSON instead of text")

    am = sub.add_parser("amend", help=t(lang, "receive an amendment of a registered act record"))
    am.add_argument("record", type=int, metavar=t(lang, "RECORD"), help=record)
    am.add_argument("--kind", required=True, choices=KINDS, help=t(lang, "what the amendment does"))
    am.add_argument(
        "--basis", required=True, choices=BASES, help=t(lang, "kind of the basis document")
    )
    am.add_argument(
        "--basis-number",
        default="",
        metavar=t(lang, "TEXT"),
        help=t(lang, "number of the basis document"),
    )
    am.add_argument(
        "--basis-date",
        default="",
        metavar=t(lang, "YYYY-MM-DD"),
        help=t(lang, "date of the basis document"),
    )
    am.add_argument(
        "--basis-issuer",
        default="",
        metavar=t(lang, "TEXT"),
        help=t(lang, "who issued the basis document"),
    )
    am.add_argument(
        "--set",
        action="append",
        default=[],
        metavar=t(lang, "PATH=TEXT"),
        help=t(lang, "a field of the application and its new text, e.g. child.given_name=Әлихан"),
    )
    am.add_argument(
        "--set-json",
        action="append",
        default=[],
        metavar=t(lang, "PATH=JSON"),
        help=t(
            lang,
            "a field and its new JSON value (or @FILE), e.g. father=@father.json; null removes",
        ),
    )
    am.add_argument(
        "--received-on",
        default="",
        metavar=t(lang, "YYYY-MM-DD"),
        help=t(lang, "the day the amendment was received (default: today)"),
    )
    am.add_argument("--note", default="", metavar=t(lang, "TEXT"), help=t(lang, "a note"))
    am.add_argument("--json", action="store_true", help=as_json)

    de = sub.add_parser("amend-decide", help=t(lang, "approve or refuse an amendment (the head)"))
    de.add_argument("amendment", type=int, metavar=t(lang, "AMENDMENT"), help=amendment)
    how = de.add_mutually_exclusive_group(required=True)
    how.add_argument("--approve", action="store_true", help=t(lang, "approve the amendment"))
    how.add_argument(
        "--refuse", metavar=t(lang, "REASON"), help=t(lang, "refuse the amendment for this reason")
    )
    de.add_argument(
        "--acknowledge",
        action="append",
        default=[],
        metavar=t(lang, "RULE"),
        help=t(lang, "a warning read and accepted, by its rule (may be repeated)"),
    )

    iss = sub.add_parser(
        "amend-issue", help=t(lang, "issue the certificate after an approved amendment")
    )
    iss.add_argument("amendment", type=int, metavar=t(lang, "AMENDMENT"), help=amendment)
    iss.add_argument(
        "--lang", dest="doc_lang", choices=["kk", "ru"], help=t(lang, "document language")
    )
    iss.add_argument(
        "--pdf", required=True, metavar=t(lang, "FILE"), help=t(lang, "output PDF file")
    )
    add_recipient_arguments(iss, lang)

    ls = sub.add_parser(
        "amendments", help=t(lang, "list amendments (pending ones without --record)")
    )
    ls.add_argument(
        "--record",
        type=int,
        metavar=t(lang, "RECORD"),
        help=t(lang, "the amendments of this record"),
    )
    ls.add_argument("--json", action="store_true", help=as_json)

    hi = sub.add_parser("history", help=t(lang, "a record's versions and amendments"))
    hi.add_argument("record", type=int, metavar=t(lang, "RECORD"), help=record)
    hi.add_argument("--json", action="store_true", help=as_json)


def _date(text: str, what: str) -> dt.date | None:
    from tirkeu.services.errors import ServiceError

    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ServiceError(
            "{what}: not a date YYYY-MM-DD: {value}", what=what, value=text
        ) from None


def _values(args: argparse.Namespace) -> dict[str, Any]:
    from tirkeu.services.errors import ServiceError

    values: dict[str, Any] = {}
    for item in args.set:
        path, sep, text = item.partition("=")
        if not sep or not path:
            raise ServiceError("Write --set as PATH=TEXT: {value}", value=item)
        values[path.strip()] = text
    for item in args.set_json:
        path, sep, text = item.partition("=")
        if not sep or not path:
            raise ServiceError("Write --set-json as PATH=JSON: {value}", value=item)
        try:
            if text.startswith("@"):
                text = Path(text[1:]).expanduser().read_text(encoding="utf-8")
            values[path.strip()] = json.loads(text)
        except (OSError, ValueError):
            raise ServiceError("Not valid JSON for {path}.", path=path) from None
    return values


def _amendment_json(a: Any, lang: str) -> dict[str, Any]:
    return {
        "id": a.id,
        "record": a.record_id,
        "kind": a.kind.value,
        "status": a.status.value,
        "basis": a.basis.to_json() if a.basis else None,
        "changes": [c.to_json() for c in a.changes],
        "received_on": a.received_on.isoformat(),
        "due_on": a.due_on.isoformat(),
        "decided_on": a.decided_on.isoformat() if a.decided_on else None,
        "decided_by": a.decided_by,
        "refusal_reason": a.refusal_reason,
        "version": a.version,
        "fee": str(a.fee_kzt) if a.fee_kzt is not None else None,
        "certificate": a.certificate_id,
    }


def _line(a: Any, lang: str) -> str:
    from tirkeu.domain.amendments import format_money
    from tirkeu.services.amendments import KIND_LABELS, STATUS_LABELS

    fee = format_money(a.fee_kzt, lang) if a.fee_kzt is not None else "—"
    return (
        f"{a.id:>5}  {a.record_id:>6}  {t(lang, KIND_LABELS[a.kind]):<24} "
        f"{t(lang, STATUS_LABELS[a.status]):<16} {a.due_on.isoformat()}  {fee}"
    )


def cmd_amend(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.cli import main as cli
    from tirkeu.domain.amendments import AmendmentKind, Basis, BasisKind
    from tirkeu.services.amendments import AmendmentService, finding_text

    basis = Basis(
        BasisKind(args.basis),
        args.basis_number,
        _date(args.basis_date, "--basis-date"),
        args.basis_issuer,
    )
    values = _values(args)
    with cli._open(args) as ws:
        svc = AmendmentService(ws, cli._signed_in(args, ws, lang))
        kind = AmendmentKind(args.kind)
        amendment = svc.propose(
            args.record, kind, basis, values, _date(args.received_on, "--received-on"), args.note
        )
        findings = svc.findings(args.record, kind, basis, values)
    if args.json:
        out = _amendment_json(amendment, lang)
        out["findings"] = [f.to_json(lang) for f in findings]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    print(
        t(lang, "Amendment {id} received; to be decided by {due}.").format(
            id=amendment.id, due=amendment.due_on.isoformat()
        )
    )
    for f in findings:
        severity = t(lang, "Error") if f.severity.value == "error" else t(lang, "Warning")
        print(f"  {severity}: {finding_text(f, lang)}")
    return 0


def cmd_amend_decide(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.cli import main as cli
    from tirkeu.services.amendments import AmendmentService

    with cli._open(args) as ws:
        svc = AmendmentService(ws, cli._signed_in(args, ws, lang))
        if args.approve:
            done = svc.approve(args.amendment, args.acknowledge)
            text = t(lang, "Amendment {id} approved: record {record} is now version {version}.")
            print(text.format(id=done.id, record=done.record_id, version=done.version))
        else:
            done = svc.refuse(args.amendment, args.refuse)
            print(t(lang, "Amendment {id} refused.").format(id=done.id))
    return 0


def cmd_amend_issue(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.cli import main as cli
    from tirkeu.domain.amendments import format_money
    from tirkeu.services.amendments import AmendmentService
    from tirkeu.services.errors import ServiceError
    from tirkeu.services.records import RecordService
    from tirkeu.services.repeat import Recipient, Relation

    out = Path(args.pdf).expanduser()
    if not out.parent.is_dir():
        raise ServiceError("The folder {path} does not exist.", path=str(out.parent))
    recipient = Recipient(
        relation=Relation(args.recipient),
        full_name=args.recipient_name,
        document=args.recipient_document,
        surrendered=args.surrendered,
        deprived_of_parental_rights=args.deprived,
        child_has_id=args.child_has_id,
        accompanied_by=Relation(args.accompanied_by) if args.accompanied_by else None,
    )
    with cli._open(args) as ws:
        actor = cli._signed_in(args, ws, lang)
        svc = AmendmentService(ws, actor)
        amendment = svc.get(args.amendment)
        doc_lang = (
            args.doc_lang
            or RecordService(ws, actor).get(amendment.record_id).application.language.value
        )
        issued = svc.issue_certificate(args.amendment, doc_lang, recipient, f"pdf:{out}")
    part = out.with_name(out.name + ".part")
    part.write_bytes(issued.printed.pdf)
    part.replace(out)
    if issued.printed.blank is not None:
        print(
            t(lang, "Written to {path}: print it on blank {blank}.").format(
                path=out, blank=issued.printed.blank.label
            )
        )
    else:
        print(t(lang, "Written to {path}.").format(path=out))
    if issued.fee is not None:
        print(
            t(lang, "Fee: {amount} (0.5 MRP, MRP {mrp} ₸).").format(
                amount=format_money(issued.fee.amount, lang), mrp=issued.fee.mrp_kzt
            )
        )
    else:
        print(t(lang, "No fee: no certificate is issued for a stillborn child."))
    return 0


def cmd_amendments(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.cli import main as cli
    from tirkeu.services.amendments import AmendmentService

    with cli._open(args) as ws:
        svc = AmendmentService(ws, cli._signed_in(args, ws, lang))
        items = svc.for_record(args.record) if args.record is not None else svc.pending()
    if args.json:
        json.dump([_amendment_json(a, lang) for a in items], sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    for a in items:
        print(_line(a, lang))
    return 0


def cmd_history(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.cli import main as cli
    from tirkeu.domain.application import to_dict
    from tirkeu.services.amendments import AmendmentService

    with cli._open(args) as ws:
        history = AmendmentService(ws, cli._signed_in(args, ws, lang)).history(args.record)
    if args.json:
        json.dump(
            {
                "record": history.record_id,
                "versions": [
                    {
                        "version": v.version,
                        "amendment": v.amendment_id,
                        "created_at": v.created_at.isoformat(),
                        "application": to_dict(v.application),
                    }
                    for v in history.versions
                ],
                "amendments": [_amendment_json(a, lang) for a in history.amendments],
            },
            sys.stdout,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
        return 0
    for v in history.versions:
        source = (
            t(lang, "amendment {id}").format(id=v.amendment_id)
            if v.amendment_id
            else t(lang, "as registered")
        )
        print(
            t(lang, "Version {n}: {when}, {source}").format(
                n=v.version, when=v.created_at.date().isoformat(), source=source
            )
        )
    for a in history.amendments:
        print(_line(a, lang))
        for c in a.changes:
            before = json.dumps(c.before, ensure_ascii=False)
            after = json.dumps(c.after, ensure_ascii=False)
            print(f"         {c.path}: {before} → {after}")
        if a.refusal_reason:
            print(f"         {a.refusal_reason}")
    return 0


COMMANDS = {
    "amend": cmd_amend,
    "amend-decide": cmd_amend_decide,
    "amend-issue": cmd_amend_issue,
    "amendments": cmd_amendments,
    "history": cmd_history,
}
