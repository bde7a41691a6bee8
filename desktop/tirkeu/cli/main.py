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

from tirkeu.cli.common import cli_language, fail
from tirkeu.i18n import t
from tirkeu.services import datadir
from tirkeu.services.auth import Actor
from tirkeu.services.errors import ServiceError
from tirkeu.services.workspace import Workspace

Handler = Callable[[argparse.Namespace, str], int]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tirkeu", description="Tirkeu: registration of births")
    p.add_argument("--data-dir", help="data folder (default: TIRKEU_DATA_DIR or the user folder)")
    p.add_argument("--demo", action="store_true", help="the GUI on a fresh throw-away demo world")
    p.add_argument("--self-test", action="store_true", help="check the installation and exit")
    p.add_argument("--user", help="staff user name (password from TIRKEU_PASSWORD or a prompt)")
    p.add_argument("--lang", choices=["kk", "ru", "en"], help="language of messages")
    sub = p.add_subparsers(dest="command")

    demo = sub.add_parser("demo-data", help="build a demo world headless")
    demo.add_argument("--data-dir", dest="sub_data_dir", required=True)
    demo.add_argument("--records", type=int, default=200)

    val = sub.add_parser("validate", help="check e-application files")
    val.add_argument("files", nargs="+")
    val.add_argument("--json", action="store_true")
    val.add_argument("--lang", dest="sub_lang", choices=["kk", "ru", "en"])

    imp = sub.add_parser("import-application", help="import an e-application as a draft")
    imp.add_argument("file")

    lst = sub.add_parser("list", help="list act records")
    lst.add_argument("--json", action="store_true")

    aud = sub.add_parser("audit", help="the audit log")
    aud.add_argument("audit_command", choices=["verify"])
    return p


def _password(args: argparse.Namespace) -> str:
    env = os.environ.get("TIRKEU_PASSWORD")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass()


def _signed_in(args: argparse.Namespace, ws: Workspace, lang: str) -> Actor:
    if not args.user:
        raise ServiceError("Sign in with --user NAME (the password from TIRKEU_PASSWORD).")
    if not ws.is_set_up():
        raise ServiceError("This data folder has no office yet: start tirkeu to set it up.")
    return ws.sign_in(args.user, _password(args))


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
        out.write(f"{r.id:>7}  {number:>10}  {r.status:<18} {r.scenario:<10} {r.child}\n")
    return 0


def cmd_import_application(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.cli.validate import load_application_file
    from tirkeu.services.records import RecordService

    app = load_application_file(Path(args.file))
    with _open(args) as ws:
        actor = _signed_in(args, ws, lang)
        record = RecordService(ws, actor).save_draft(app)
    print(t(lang, "Imported as draft {id}.").format(id=record.id))
    return 0


def cmd_validate(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.cli.validate import run_validate

    return run_validate(list(args.files), args.sub_lang or lang, args.json, sys.stdout, sys.stderr)


def cmd_demo_data(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.services.demo import build_demo_world

    root = Path(args.sub_data_dir).expanduser().resolve()
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
    fail(
        t(lang, "The audit chain is broken at entry {id}: an entry was changed or removed.").format(
            id=report.broken_at
        )
    )
    return 1


COMMANDS: dict[str, Handler] = {
    "list": cmd_list,
    "import-application": cmd_import_application,
    "validate": cmd_validate,
    "demo-data": cmd_demo_data,
    "audit": cmd_audit,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang = cli_language(args.lang)
    try:
        if args.self_test:
            from tirkeu.cli.selftest import run_self_test

            return run_self_test()
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


if __name__ == "__main__":
    sys.exit(main())
