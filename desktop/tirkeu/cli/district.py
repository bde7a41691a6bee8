"""``tirkeu-district``: the district registry's command line (DESIGN.md, command line).

``verify`` checks one bundle without importing it (exit 0: it holds; 1: some
record would be rejected; 2: the bundle is refused or unreadable), ``import`` takes bundles and
writes one acknowledgement per bundle, ``serve`` is the network intake;
``register-office``, ``revoke`` and ``calendar`` keep the district's lists.
The district folder holds ``keys/district.p12`` and ``keys/ca.pem`` and the
database; its key's password comes from ``TIRKEU_DISTRICT_PASSWORD`` or a
prompt.  Errors are one translated line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from platformdirs import user_data_dir

from tirkeu.cli.common import cli_language
from tirkeu.cli.parser import Parser, argv_language
from tirkeu.i18n import LANGUAGES, t
from tirkeu.services.errors import ServiceError
from tirkeu.services.transfer import issued_by, open_district_folder
from tirkeu.sync.district.registry import District

PASSWORD_ENV = "TIRKEU_DISTRICT_PASSWORD"
DATA_ENV = "TIRKEU_DATA_DIR"
INBOX_DIR = "inbox"
ACKS_DIR = "acks"

Handler = Callable[[argparse.Namespace, str], int]


def _parser(lang: str) -> Parser:
    """The district's command line in ``lang``: names as the contract writes them."""
    common = Parser(add_help=False, lang=lang)
    common.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        metavar=t(lang, "DIR"),
        help=t(
            lang, "district folder (default: TIRKEU_DATA_DIR or the user folder Tirkeu-District)"
        ),
    )
    common.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=t(lang, "language of messages"),
    )
    p = Parser(
        prog="tirkeu-district",
        description=t(lang, "Tirkeu: the district registry"),
        parents=[common],
        lang=lang,
    )
    sub = p.add_subparsers(
        dest="command", required=True, metavar=t(lang, "COMMAND"), help=t(lang, "what to do")
    )
    file_ = t(lang, "FILE")

    verify = sub.add_parser(
        "verify", parents=[common], help=t(lang, "check one bundle, import nothing")
    )
    verify.add_argument("file", metavar=file_, help=t(lang, "the bundle file"))

    imp = sub.add_parser(
        "import", parents=[common], help=t(lang, "import bundles, write acknowledgements")
    )
    imp.add_argument("files", nargs="+", metavar=file_, help=t(lang, "bundle files"))
    imp.add_argument(
        "--acks",
        required=True,
        metavar=t(lang, "DIR"),
        help=t(lang, "folder for the acknowledgements"),
    )

    serve = sub.add_parser(
        "serve", parents=[common], help=t(lang, "the network intake (POST /bundles)")
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        metavar=t(lang, "ADDRESS"),
        help=t(lang, "address to listen on (default: 127.0.0.1, this computer only)"),
    )
    serve.add_argument(
        "--port", type=int, default=8429, metavar=t(lang, "PORT"), help=t(lang, "0: any free port")
    )
    serve.add_argument(
        "--acks",
        metavar=t(lang, "DIR"),
        help=t(lang, "also write acknowledgements into this folder"),
    )

    reg = sub.add_parser(
        "register-office", parents=[common], help=t(lang, "pin an office's certificate")
    )
    reg.add_argument(
        "code", metavar=t(lang, "CODE"), help=t(lang, "the office code (its KATO code)")
    )
    reg.add_argument(
        "certificate",
        metavar=file_,
        help=t(lang, "the office certificate (PEM or DER) or its .p12"),
    )
    reg.add_argument(
        "--name", default="", metavar=t(lang, "NAME"), help=t(lang, "the office's name")
    )

    rev = sub.add_parser(
        "revoke", parents=[common], help=t(lang, "refuse a certificate from now on")
    )
    what = rev.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--serial", metavar=t(lang, "NUMBER"), help=t(lang, "certificate serial number in hex")
    )
    what.add_argument("--crl", metavar=file_, help=t(lang, "a CRL file signed by a trusted root"))
    rev.add_argument(
        "--reason", default="", metavar=t(lang, "TEXT"), help=t(lang, "why it is revoked")
    )

    cal = sub.add_parser(
        "calendar", parents=[common], help=t(lang, "declare a day working or a day off")
    )
    cal.add_argument("day", metavar=t(lang, "YYYY-MM-DD"), help=t(lang, "the day"))
    kind = cal.add_mutually_exclusive_group(required=True)
    kind.add_argument("--working", action="store_true", help=t(lang, "a working day"))
    kind.add_argument("--day-off", action="store_true", help=t(lang, "a day off"))
    cal.add_argument("--note", default="", metavar=t(lang, "TEXT"), help=t(lang, "a note"))
    return p


def _data_dir(args: argparse.Namespace) -> Path:
    arg = getattr(args, "data_dir", None) or os.environ.get(DATA_ENV)
    if arg:
        return Path(arg).expanduser().resolve()
    return Path(user_data_dir("Tirkeu-District", appauthor=False, roaming=False))


def _password(lang: str) -> bytes:
    env = os.environ.get(PASSWORD_ENV)
    if env is not None:
        return env.encode("utf-8")
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n").encode("utf-8")
    return getpass.getpass(t(lang, "District key password: ")).encode("utf-8")


def _district(args: argparse.Namespace, lang: str) -> District:
    return open_district_folder(_data_dir(args), _password(lang))


def fail(message: str) -> None:
    print(f"tirkeu-district: {message}", file=sys.stderr)


def cmd_verify(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.sync.district.intake import verify_file

    path = Path(args.file)
    if not path.is_file():
        fail(t(lang, "The file {file} does not exist.").format(file=str(path)))
        return 2
    district = _district(args, lang)
    try:
        report = verify_file(district, path)
    finally:
        district.engine.dispose()
    if report.error is not None:
        fail(f"{report.file_name}: {report.error.message(lang)}")
        return 2
    print(
        t(lang, "{file}: office {office}, bundle {n}, signed by {signer}.").format(
            file=report.file_name, office=report.office, n=report.sequence, signer=report.signer
        )
    )
    for part, count in sorted(report.counts.items()):
        print(f"  {part}: {count}")
    for problem in report.problems:
        reasons = "; ".join(r.message(lang) for r in problem.reasons)
        print(
            t(lang, "Record {number} (local id {id}) would be rejected: {reasons}").format(
                number=problem.number, id=problem.local_id, reasons=reasons
            )
        )
    if report.problems:
        fail(t(lang, "{n} record(s) would be rejected.").format(n=len(report.problems)))
        return 1
    print(t(lang, "The bundle holds: signature, decryption and content are in order."))
    return 0


def cmd_import(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.sync.district.intake import ImportStatus, import_files

    paths = [_readable(Path(f)) for f in args.files]
    district = _district(args, lang)
    try:
        results = import_files(district, paths, Path(args.acks).expanduser().resolve())
    finally:
        district.engine.dispose()
    code = 0
    for result in results:
        if result.status is ImportStatus.REFUSED:
            assert result.error is not None
            fail(f"{result.file_name}: {result.error.message(lang)}")
            code = 1
            continue
        counts = Counter(r.outcome.value for r in result.results)
        line = (
            t(
                lang,
                "{file}: imported; accepted {accepted}, rejected {rejected},"
                " possible duplicates {duplicate}.",
            )
            if result.status is ImportStatus.IMPORTED
            else t(lang, "{file}: already imported; the same acknowledgement is written again.")
        )
        print(
            line.format(
                file=result.file_name,
                accepted=counts["accepted"],
                rejected=counts["rejected"],
                duplicate=counts["duplicate"],
            )
        )
        print(f"  -> {result.ack_path}")
        if result.missing_sequences:
            missing = ", ".join(str(n) for n in result.missing_sequences)
            print(
                t(lang, "Office {office} has not sent bundles {numbers}.").format(
                    office=result.office, numbers=missing
                )
            )
    return code


def cmd_serve(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.sync.district.intake import prepare
    from tirkeu.sync.district.server import make_server

    folder = _data_dir(args)
    district = _district(args, lang)
    acks = Path(args.acks).expanduser().resolve() if args.acks else folder / ACKS_DIR
    try:
        server = make_server(district, args.host, args.port, folder / INBOX_DIR, acks)
    except OSError as exc:
        district.engine.dispose()
        raise ServiceError(
            "Cannot listen on {host}:{port}: {reason}",
            host=args.host,
            port=args.port,
            reason=exc.strerror or str(exc),
        ) from None
    prepare()  # once, before the first bundle arrives
    host, port = server.server_address[:2]
    print(
        t(lang, "Listening on http://{host}:{port}/bundles (Ctrl+C stops).").format(
            host=host, port=port
        ),
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        district.engine.dispose()
    return 0


def cmd_register_office(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.sync import pki

    path = _readable(Path(args.certificate))
    try:
        if path.suffix.lower() in (".p12", ".pfx"):
            cert = pki.load_pkcs12(path, _password(lang)).certificate
        else:
            cert = pki.load_certificates(path)[0]
    except (ValueError, IndexError):
        raise ServiceError("The file {file} holds no certificate.", file=path.name) from None
    district = _district(args, lang)
    try:
        if not any(issued_by(cert, root) for root in district.trust_roots):
            raise ServiceError(
                "The certificate {subject} was not issued by the trusted root.",
                subject=cert.subject.rfc4514_string(),
            )
        district.register_office(args.code, args.name, cert)
    finally:
        district.engine.dispose()
    print(
        t(lang, "Office {office} registered with certificate {fingerprint}.").format(
            office=args.code, fingerprint=pki.fingerprint(cert)
        )
    )
    return 0


def cmd_revoke(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.sync.pki import KeyFileError

    district = _district(args, lang)
    try:
        if args.crl:
            try:
                serials = district.revoke_from_crl(_readable(Path(args.crl)).read_bytes())
            except KeyFileError:
                raise ServiceError(
                    "The revocation list is not signed by a trusted authority."
                ) from None
        else:
            try:
                serials = {int(args.serial, 16)}
            except ValueError:
                raise ServiceError("A serial number is written in hexadecimal digits.") from None
            district.revoke(next(iter(serials)), args.reason)
    finally:
        district.engine.dispose()
    print(t(lang, "Certificates revoked: {n}.").format(n=len(serials)))
    return 0


def cmd_calendar(args: argparse.Namespace, lang: str) -> int:
    try:
        day = dt.date.fromisoformat(args.day)
    except ValueError:
        raise ServiceError("Write the date as YYYY-MM-DD.") from None
    district = _district(args, lang)
    try:
        district.set_calendar_day(day, bool(args.working), args.note)
    finally:
        district.engine.dispose()
    print(t(lang, "The day {day} goes out with the next acknowledgements.").format(day=day))
    return 0


def _readable(path: Path) -> Path:
    if not path.is_file():
        raise ServiceError("The file {file} does not exist.", file=str(path))
    return path


COMMANDS: dict[str, Handler] = {
    "verify": cmd_verify,
    "import": cmd_import,
    "serve": cmd_serve,
    "register-office": cmd_register_office,
    "revoke": cmd_revoke,
    "calendar": cmd_calendar,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _parser(cli_language(argv_language(argv))).parse_args(argv)
    lang = cli_language(getattr(args, "lang", None))
    try:
        return COMMANDS[args.command](args, lang)
    except ServiceError as exc:
        fail(exc.message(lang))
        return 1
    except OSError as exc:
        fail(t(lang, "{file}: {reason}").format(file=exc.filename, reason=exc.strerror or exc))
        return 2
    except KeyboardInterrupt:
        fail(t(lang, "Interrupted."))
        return 130


if __name__ == "__main__":
    sys.exit(main())
