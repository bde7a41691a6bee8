"""``tirkeu validate FILE… [--lang kk|ru|en] [--json]``: check e-application files.

Exit 0 when no file has an error finding, 1 when some file has one, 2 when a
file could not be read as an e-application at all (that wins over 1).  A bad
file is one clear line on ``err``, never a traceback; with ``--json`` it is
also reported on ``out`` as ``{"file", "ok": false, "error", "findings": []}``
so that every file gives exactly one line.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TextIO

from tirkeu.domain.application import Application
from tirkeu.domain.findings import Finding, Severity, has_errors
from tirkeu.domain.rules import check
from tirkeu.domain.schema import ApplicationFileError, load_application_file
from tirkeu.domain.workdays import WorkCalendar
from tirkeu.i18n import N_, t

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_FILE = 2

# msgids of the "rules" catalog used by this command.
CLI_MESSAGES: dict[str, str] = {
    "clean": N_("{file}: no findings"),
    "summary": N_("{file}: {errors} errors, {warnings} warnings"),
    "error": N_("error"),
    "warning": N_("warning"),
    "paragraph": N_("para. {number}"),
}

__all__ = ["ApplicationFileError", "load_application_file", "run_validate"]


def _t(lang: str, key: str) -> str:
    return t(lang, CLI_MESSAGES[key], "rules")


def format_finding(finding: Finding, lang: str) -> str:
    """One readable line: severity, field, paragraph, message, rule id."""
    severity = _t(lang, "error" if finding.severity is Severity.ERROR else "warning")
    where = finding.field
    if finding.paragraph is not None:
        where += ", " + _t(lang, "paragraph").format(number=finding.paragraph)
    return f"  {severity}: [{where}] {finding.message(lang)} ({finding.rule})"


def _report(file: str, findings: list[Finding], lang: str, as_json: bool, out: TextIO) -> None:
    if as_json:
        line = {
            "file": file,
            "ok": not has_errors(findings),
            "findings": [f.to_json(lang) for f in findings],
        }
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        return
    if not findings:
        out.write(_t(lang, "clean").format(file=file) + "\n")
        return
    errors = sum(1 for f in findings if f.is_error)
    out.write(
        _t(lang, "summary").format(file=file, errors=errors, warnings=len(findings) - errors) + "\n"
    )
    for finding in findings:
        out.write(format_finding(finding, lang) + "\n")


def run_validate(
    paths: list[str],
    lang: str,
    as_json: bool,
    out: TextIO,
    err: TextIO,
    *,
    today: dt.date | None = None,
    calendar: WorkCalendar | None = None,
) -> int:
    """Check each file and print its findings in ``lang``; returns the exit code."""
    day = today or dt.date.today()
    code = EXIT_OK
    for path in paths:
        try:
            app: Application = load_application_file(path)
        except ApplicationFileError as exc:
            message = exc.message(lang)
            err.write(f"{path}: {message}\n")
            if as_json:
                bad = {"file": path, "ok": False, "error": message, "findings": []}
                out.write(json.dumps(bad, ensure_ascii=False) + "\n")
            code = EXIT_BAD_FILE
            continue
        findings = check(app, day, calendar)
        _report(path, findings, lang, as_json, out)
        if has_errors(findings) and code == EXIT_OK:
            code = EXIT_FINDINGS
    return code
