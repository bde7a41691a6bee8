"""``tirkeu``: the GUI when called bare, the command line otherwise.

Both faces call the same services.  Errors are one translated line on stderr and
a non-zero exit, never a traceback (DESIGN.md, command line contract).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from tirkeu.cli.amend_cmd import COMMANDS as AMEND_COMMANDS
from tirkeu.cli.amend_cmd import add_amend_parsers
from tirkeu.cli.backup_cmd import add_backup_parsers, cmd_backup, cmd_recover, cmd_restore
from tirkeu.cli.common import add_session_options, cli_language, fail
from tirkeu.cli.parser import Parser, argv_language
from tirkeu.cli.print_cmd import add_print_parser, cmd_print
from tirkeu.cli.report_cmd import add_report_parser, cmd_report
from tirkeu.i18n import t
from tirkeu.labels import STATUSES
from tirkeu.services import datadir
from tirkeu.services.errors import ServiceError
from tirkeu.services.roles import Actor
from tirkeu.services.workspace import Workspace

Handler = Callable[[argparse.Namespace, str], int]


def _parser(lang: str) -> Parser:
    """The command line in ``lang``: names as the contract writes them, help translated."""
    p = Parser(prog="tirkeu", description=t(lang, "Tirkeu: registration of births"), lang=lang)
    add_session_options(p, lang, {})
    p.add_argument(
        "--demo", action="store_true", help=t(lang, "the GUI on a fresh throw-away demo world")
    )
    p.add_argument(
        "--self-test", action="store_true", help=t(lang, "check the installation and exit")
    )
    sub = p.add_subparsers(
        dest="command",
        metavar=t(lang, "COMMAND"),
        help=t(lang, "what to do; without a command the GUI starts"),
    )

    demo = sub.add_parser("demo-data", help=t(lang, "build a demo world headless"))
    demo.add_argument(
        "--records",
        type=int,
        default=200,
        metavar="N",
        help=t(lang, "how many act records to make (default: 200)"),
    )

    val = sub.add_parser("validate", help=t(lang, "check e-application files"))
    val.add_argument(
        "files", nargs="+", metavar=t(lang, "FILE"), help=t(lang, "e-application JSON files")
    )
    val.add_argument("--json", action="store_true", help=t(lang, "print JSON instead of text"))

    imp = sub.add_parser("import-application", help=t(lang, "import an e-application as a draft"))
    imp.add_argument("file", metavar=t(lang, "FILE"), help=t(lang, "the e-application JSON file"))

    lst = sub.add_parser("list", help=t(lang, "list act records"))
    lst.add_argument("--json", action="store_true", help=t(lang, "print JSON instead of text"))

    aud = sub.add_parser("audit", help=t(lang, "the audit log"))
    aud.add_argument(
        "audit_command", choices=["verify"], help=t(lang, "verify: check the audit chain")
    )
    add_print_parser(sub, lang)

    exp = sub.add_parser("export-bundle", help=t(lang, "write the next bundle for the district"))
    exp.add_argument(
        "--out",
        required=True,
        metavar=t(lang, "DIR"),
        help=t(lang, "folder to write to (e.g. a USB stick)"),
    )
    exp.add_argument(
        "--resend", type=int, metavar="N", help=t(lang, "write bundle N again, unchanged")
    )

    ack = sub.add_parser("import-ack", help=t(lang, "apply the district's acknowledgements"))
    ack.add_argument(
        "files",
        nargs="+",
        metavar=t(lang, "FILE"),
        help=t(lang, "acknowledgement files from the district"),
    )
    add_backup_parsers(sub, lang)
    add_report_parser(sub, lang)
    add_amend_parsers(sub, lang)
    for parser in sub.choices.values():
        # --data-dir, --user and --lang may stand after the command name too.
        add_session_options(parser, lang, {"default": argparse.SUPPRESS})
    return p


def _password(lang: str) -> str:
    env = os.environ.get("TIRKEU_PASSWORD")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass(t(lang, "Password: "))


def _signed_in(args: argparse.Namespace, ws: Workspace, lang: str) -> Actor:
    if not args.user:
        raise ServiceError("Sign in with --user NAME (the password from TIRKEU_PASSWORD).")
    if not ws.is_set_up():
        raise ServiceError("This data folder has no office yet: start tirkeu to set it up.")
    return ws.sign_in(args.user, _password(lang))


def _open(args: argparse.Namespace) -> Workspace:
    return Workspace.open(datadir.resolve(args.data_dir))


def cmd_list(args: argparse.Namespace, lang: str, out: TextIO = sys.stdout) -> int:
    from tirkeu.services.records import RecordService
    from tirkeu.storage.records import JournalQuery

    with _open(args) as ws:
        actor = _signed_in(args, ws, lang)
        svc = RecordService(ws, actor)
        rows = []
        offset = 0
        while batch := svc.journal(JournalQuery(), offset, 5000):
            rows.extend(batch)
            offset += len(batch)
    if args.json:
        json.dump(
            [
                {
                    "id": r.id,
                    "number": r.number,
                    "year": r.year,
                    "record_date": r.record_date.isoformat() if r.record_date else None,
                    "scenario": r.scenario,
                    "status": r.status,
                    "child": r.child,
                    "birth_date": r.birth_date.isoformat() if r.birth_date else None,
                    "child_iin": r.child_iin,
                }
                for r in rows
            ],
            out,
            ensure_ascii=False,
            indent=1,
        )
        out.write("\n")
        return 0
    for r in rows:
        number = f"{r.number}/{r.year}" if r.number else "—"
        status = t(lang, STATUSES.get(r.status, r.status))
        out.write(f"{r.id:>7}  {number:>10}  {status:<28} {r.child}\n")
    return 0


def cmd_import_application(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.cli.validate import load_application_file
    from tirkeu.domain.schema import ApplicationFileError
    from tirkeu.services.records import RecordService

    try:
        app = load_application_file(Path(args.file))
    except ApplicationFileError as exc:
        fail(f"{args.file}: {exc.message(lang)}")
        return 2
    with _open(args) as ws:
        actor = _signed_in(args, ws, lang)
        record = RecordService(ws, actor).save_draft(app)
    print(t(lang, "Imported as draft {id}.").format(id=record.id))
    return 0


def cmd_validate(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.cli.validate import run_validate

    return run_validate(list(args.files), lang, args.json, sys.stdout, sys.stderr)


def cmd_demo_data(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.services.demo import build_demo_world

    if not args.data_dir:
        raise ServiceError("demo-data needs --data-dir DIR.")
    root = Path(args.data_dir).expanduser().resolve()
    if args.records < 0:
        raise ServiceError("--records must be 0 or more.")
    world = build_demo_world(root, records=args.records)
    print(
        t(lang, "Demo world written to {path}: {count} records.").format(
            path=str(world.akimat_dir.parent), count=world.records
        )
    )
    return 0


def cmd_audit(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.storage.audit import verify_chain

    with _open(args) as ws:
        _signed_in(args, ws, lang)
        with ws.db.session() as s:
            report = verify_chain(s)
    if report.ok:
        print(t(lang, "The audit chain holds: {n} entries.").format(n=report.entries))
        return 0
    if report.truncated:
        fail(
            t(
                lang,
                "The audit log ends early: {n} entries, the log recorded {expected}. "
                "The newest entries were removed.",
            ).format(n=report.entries, expected=report.expected_entries or "?")
        )
        return 1
    fail(
        t(lang, "The audit chain is broken at entry {id}: an entry was changed or removed.").format(
            id=report.broken_at
        )
    )
    return 1


def _key_password(lang: str) -> str:
    """The office key's password: TIRKEU_KEY_PASSWORD, the next input line, or a prompt."""
    env = os.environ.get("TIRKEU_KEY_PASSWORD")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass(t(lang, "Office key password: "))


def cmd_export_bundle(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.services.transfer import TransferService

    out = Path(args.out).expanduser().resolve()
    with _open(args) as ws:
        svc = TransferService(ws, _signed_in(args, ws, lang))
        if args.resend is not None:
            print(svc.resend(args.resend, out))
            return 0
        result = svc.export_next(out, _key_password(lang))
    if result is None:
        print(t(lang, "Nothing to send: nothing changed since the last bundle."), file=sys.stderr)
        return 0
    print(result.path)
    return 0


def cmd_import_ack(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.services.transfer import TransferService, reason_text

    code = 0
    with _open(args) as ws:
        svc = TransferService(ws, _signed_in(args, ws, lang))
        password = _key_password(lang)
        for name in args.files:
            try:
                report = svc.import_ack(Path(name), password)
            except ServiceError as exc:
                fail(exc.message(lang))
                code = 1
                continue
            if report.already_applied:
                print(t(lang, "{file}: applied before; nothing changed.").format(file=name))
                continue
            print(
                t(
                    lang,
                    "{file}: bundle {n}: confirmed {confirmed}, rejected {rejected},"
                    " possible duplicates {duplicates}, IINs filled in {iins}.",
                ).format(
                    file=name,
                    n=report.sequence,
                    confirmed=report.confirmed,
                    rejected=report.rejected,
                    duplicates=report.duplicates,
                    iins=report.iins_filled,
                )
            )
            for result in report.results:
                if result.reasons:
                    print(f"  {result.number}: {reason_text(result.reasons, lang)}")
            if report.missing_sequences:
                print(
                    t(
                        lang,
                        "The district has not received bundles {numbers}: send them again"
                        " with export-bundle --resend N.",
                    ).format(numbers=", ".join(map(str, report.missing_sequences)))
                )
    return code


COMMANDS: dict[str, Handler] = {
    "report": cmd_report,
    "list": cmd_list,
    "import-application": cmd_import_application,
    "validate": cmd_validate,
    "demo-data": cmd_demo_data,
    "audit": cmd_audit,
    "print": cmd_print,
    "export-bundle": cmd_export_bundle,
    "import-ack": cmd_import_ack,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "recover": cmd_recover,
    **AMEND_COMMANDS,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _parser(cli_language(argv_language(argv))).parse_args(argv)
    lang = cli_language(args.lang)
    try:
        if args.self_test:
            from tirkeu.cli.selftest import run_self_test

            return run_self_test(lang)
        if args.command is None:
            from tirkeu.ui.app import run_gui

            return run_gui(data_dir=args.data_dir, demo=args.demo)
        return COMMANDS[args.command](args, lang)
    except ServiceError as exc:
        fail(exc.message(lang))
        return 1
    except KeyboardInterrupt:
        fail(t(lang, "Interrupted."))
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
