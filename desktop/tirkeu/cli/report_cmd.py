"""``tirkeu report monthly|book|stock``: the office's reports as PDF and CSV files.

The document language is ``--lang`` (kk or ru, as for ``tirkeu print``); the
messages follow it too.  A malformed or future period is refused before any
file is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tirkeu.cli.common import add_session_options
from tirkeu.i18n import N_, t
from tirkeu.services.errors import ServiceError

if TYPE_CHECKING:
    from tirkeu.services.reports import ReportService
    from tirkeu.services.workspace import Workspace


def add_report_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: str) -> None:
    """``report`` with one sub-command per report, each taking the common options too."""
    rep = sub.add_parser("report", help=t(lang, "office reports as PDF and CSV"))
    kinds = rep.add_subparsers(
        dest="report", required=True, metavar="monthly|book|stock", help=t(lang, "which report")
    )
    monthly = kinds.add_parser("monthly", help=t(lang, "the monthly report the head approves"))
    monthly.add_argument(
        "--month", required=True, metavar=t(lang, "YYYY-MM"), help=t(lang, "the month")
    )
    book = kinds.add_parser("book", help=t(lang, "the act record book of a period"))
    book.add_argument(
        "--from",
        dest="date_from",
        required=True,
        metavar=t(lang, "YYYY-MM-DD"),
        help=t(lang, "first day of the period"),
    )
    book.add_argument(
        "--to",
        dest="date_to",
        required=True,
        metavar=t(lang, "YYYY-MM-DD"),
        help=t(lang, "last day of the period"),
    )
    kinds.add_parser("stock", help=t(lang, "the blank stock, reconciled, with the blank numbers"))
    for parser in kinds.choices.values():
        parser.add_argument("--pdf", metavar=t(lang, "FILE"), help=t(lang, "write the PDF here"))
        parser.add_argument("--csv", metavar=t(lang, "FILE"), help=t(lang, "write the CSV here"))
        parser.add_argument(
            "--lang",
            choices=["kk", "ru"],
            default=argparse.SUPPRESS,
            help=t(lang, "report language, and of the messages"),
        )
        add_session_options(parser, lang, {"default": argparse.SUPPRESS})


def cmd_report(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.cli.main import _open, _signed_in
    from tirkeu.services.reports import ReportService

    if not args.pdf and not args.csv:
        raise ServiceError(N_("Give --pdf OUT, --csv OUT or both."))
    doc_lang = lang if lang in ("kk", "ru") else "kk"
    with _open(args) as ws:
        run = _prepare(args, ws)
        service = ReportService(ws, _signed_in(args, ws, lang))
        written = run(service, ws, doc_lang)
    for path in written:
        print(path)
    print(t(lang, "The report is written."))
    return 0


Runner = Callable[["ReportService", "Workspace", str], list[Path]]


def _prepare(args: argparse.Namespace, ws: Workspace) -> Runner:
    """Check the period before signing in, so a typo costs no password."""
    from tirkeu.services.reports import check_period, parse_day, parse_month

    pdf = Path(args.pdf).expanduser() if args.pdf else None
    csv = Path(args.csv).expanduser() if args.csv else None
    if args.report == "monthly":
        month = parse_month(args.month, ws.today)
        return lambda svc, ws, lang: _monthly(svc, ws, lang, month, pdf, csv)
    if args.report == "book":
        start, end = parse_day(args.date_from), parse_day(args.date_to)
        check_period(start, end, ws.today)
        return lambda svc, ws, lang: _book(svc, ws, lang, start, end, pdf, csv)
    return lambda svc, ws, lang: _stock(svc, ws, lang, pdf, csv)


def _monthly(
    svc: ReportService,
    ws: Workspace,
    lang: str,
    month: dt.date,
    pdf: Path | None,
    csv: Path | None,
) -> list[Path]:
    from tirkeu.documents.report_csv import monthly_csv
    from tirkeu.documents.reports import monthly_report_pdf

    figures = svc.monthly(month)
    written = []
    if pdf:
        written.append(_write_bytes(pdf, monthly_report_pdf(figures, ws.office(), lang)))
    if csv:
        written.append(_write_text(csv, lambda out: monthly_csv(figures, lang, out)))
    return written


def _book(
    svc: ReportService,
    ws: Workspace,
    lang: str,
    start: dt.date,
    end: dt.date,
    pdf: Path | None,
    csv: Path | None,
) -> list[Path]:
    from tirkeu.documents.report_book import write_book_pdf
    from tirkeu.documents.report_csv import book_csv

    office = ws.office()
    written = []
    if pdf:
        try:
            with pdf.open("wb") as out:
                write_book_pdf(svc.book(start, end), office, lang, start, end, out)
        except OSError as exc:
            raise _unwritable(pdf, exc) from None
        written.append(pdf)
    if csv:
        written.append(_write_text(csv, lambda out: book_csv(svc.book(start, end), lang, out)))
    return written


def _stock(
    svc: ReportService, ws: Workspace, lang: str, pdf: Path | None, csv: Path | None
) -> list[Path]:
    from tirkeu.documents.report_csv import stock_csv
    from tirkeu.documents.reports import stock_report_pdf

    stock = svc.stock()
    written = []
    if pdf:
        written.append(_write_bytes(pdf, stock_report_pdf(stock, ws.office(), lang)))
    if csv:
        written.append(_write_text(csv, lambda out: stock_csv(stock, lang, out)))
    return written


def _unwritable(path: Path, exc: OSError) -> ServiceError:
    return ServiceError(
        N_("Cannot write {path}: {error}."), path=str(path), error=exc.strerror or str(exc)
    )


def _write_bytes(path: Path, data: bytes) -> Path:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise _unwritable(path, exc) from None
    return path


def _write_text(path: Path, write: Callable[[TextIO], object]) -> Path:
    from tirkeu.documents.report_csv import ENCODING

    try:
        with path.open("w", encoding=ENCODING, newline="") as out:
            write(out)
    except OSError as exc:
        raise _unwritable(path, exc) from None
    return path
