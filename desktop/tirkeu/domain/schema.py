"""Reading e-application files: size, encoding, JSON, then the schema's shape.

Everything that can be wrong with a file before the rules engine sees it ends
here in one ``ApplicationFileError`` whose message names the problem (and the
field path for schema problems) in the reader's language.  The schema itself
is ``resources/schemas/application-1.schema.json`` (draft 2020-12).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from tirkeu.domain.application import Application, ShapeError, from_dict
from tirkeu.i18n import N_, t
from tirkeu.resources import resource

SCHEMA_FILE = ("schemas", "application-1.schema.json")
# An application is a few kilobytes; anything this big is the wrong file, and
# it is refused without being read whole.
MAX_FILE_BYTES = 5 * 1024 * 1024

# msgids of the "rules" catalog, by the problem they describe.
FILE_MESSAGES: dict[str, str] = {
    "missing": N_("The file does not exist."),
    "not_a_file": N_("This is not a file."),
    "unreadable": N_("The file cannot be read: {reason}"),
    "too_large": N_("The file is larger than {limit} MB; an e-application is much smaller."),
    "encoding": N_("The file is not UTF-8 text (wrong byte at position {position})."),
    "json": N_("The file is not valid JSON: {reason} (line {line}, column {column})."),
    "json_depth": N_("The file is not valid JSON: it is nested too deeply."),
    "json_constant": N_("The file is not valid JSON: {value} is not a JSON number."),
    "schema": N_("The file is not a tirkeu.application/1 e-application: {problem}"),
    "more": N_("{message} (and {count} more problems)"),
}
SCHEMA_MESSAGES: dict[str, str] = {
    "required": N_("the field is missing"),
    "type": N_("must be of JSON type {expected}"),
    "enum": N_("unknown value {value}; expected one of: {allowed}"),
    "const": N_("must be {expected}"),
    "date": N_("must be a date written YYYY-MM-DD"),
    "pattern": N_("has a wrong format"),
    "min_length": N_("must not be empty"),
    "max_length": N_("is too long (at most {limit} characters)"),
    "minimum": N_("must be at least {limit}"),
    "maximum": N_("must be at most {limit}"),
    "max_items": N_("has too many entries (at most {limit})"),
    "invalid": N_("does not fit the schema"),
}


@dataclass(frozen=True)
class SchemaProblem:
    """One place where a JSON object does not have the shape of an application."""

    path: str  # dotted, "$" for the whole object
    kind: str  # key of SCHEMA_MESSAGES
    params: dict[str, str] = field(default_factory=dict, hash=False)

    def message(self, lang: str) -> str:
        text = t(lang, SCHEMA_MESSAGES[self.kind], "rules").format(**self.params)
        return f"{self.path}: {text}"


class ApplicationFileError(Exception):
    """A file that cannot be read as an e-application; ``message(lang)`` says why."""

    def __init__(
        self,
        kind: str,
        params: dict[str, str | int] | None = None,
        problems: list[SchemaProblem] | None = None,
    ) -> None:
        self.kind = kind
        self.params = params or {}
        self.problems = problems or []
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        params = dict(self.params)
        if self.problems:
            params["problem"] = self.problems[0].message(lang)
        text = t(lang, FILE_MESSAGES[self.kind], "rules").format(**params)
        if len(self.problems) > 1:
            more = FILE_MESSAGES["more"]  # looked up outside t() so only its msgid is extracted
            text = t(lang, more, "rules").format(message=text, count=len(self.problems) - 1)
        return text


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(resource(*SCHEMA_FILE).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _path(parts: list[str | int]) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "$"


def _problem(error: ValidationError) -> SchemaProblem:
    parts: list[str | int] = list(error.absolute_path)
    keyword, expected = error.validator, error.validator_value
    if keyword == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        missing = [name for name in expected if name not in present]
        return SchemaProblem(_path([*parts, *missing[:1]]), "required")
    path = _path(parts)
    if keyword == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        return SchemaProblem(path, "type", {"expected": " | ".join(kinds)})
    if keyword == "enum":
        allowed = ", ".join(str(v) for v in expected)
        value = json.dumps(error.instance, ensure_ascii=False)[:60]
        return SchemaProblem(path, "enum", {"value": value, "allowed": allowed})
    if keyword == "const":
        return SchemaProblem(path, "const", {"expected": json.dumps(expected)})
    if (keyword, expected) == ("format", "date") or (
        keyword == "pattern" and "\\d{4}-" in expected
    ):
        return SchemaProblem(path, "date")
    simple = {
        "pattern": "pattern",
        "minLength": "min_length",
        "maxLength": "max_length",
        "minimum": "minimum",
        "maximum": "maximum",
        "maxItems": "max_items",
    }
    if keyword in simple:
        return SchemaProblem(path, simple[keyword], {"limit": str(expected)})
    return SchemaProblem(path, "invalid")


def schema_problems(data: object) -> list[SchemaProblem]:
    """Every place ``data`` departs from the schema, one per field, ordered by path."""
    problems: dict[str, SchemaProblem] = {}
    for error in _validator().iter_errors(data):
        problem = _problem(error)
        problems.setdefault(problem.path, problem)
    return [problems[path] for path in sorted(problems)]


def parse_application(data: object) -> Application:
    """An Application from a parsed JSON value; ApplicationFileError if it has the wrong shape."""
    problems = schema_problems(data)
    if problems:
        raise ApplicationFileError("schema", problems=problems)
    assert isinstance(data, dict)
    try:
        return from_dict(data)
    except ShapeError as exc:
        raise ApplicationFileError("schema", problems=[SchemaProblem(exc.path, "invalid")]) from exc


def read_application_json(path: str | Path) -> Any:
    """The parsed JSON of a file, refusing big, non-UTF-8 or malformed files."""
    file = Path(path)
    try:
        if not file.exists():
            raise ApplicationFileError("missing")
        if not file.is_file():
            raise ApplicationFileError("not_a_file")
        if file.stat().st_size > MAX_FILE_BYTES:
            raise ApplicationFileError("too_large", {"limit": MAX_FILE_BYTES // (1024 * 1024)})
        with file.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ApplicationFileError("unreadable", {"reason": exc.strerror or str(exc)}) from exc
    if len(raw) > MAX_FILE_BYTES:
        raise ApplicationFileError("too_large", {"limit": MAX_FILE_BYTES // (1024 * 1024)})
    try:
        text = raw.decode("utf-8-sig")  # a BOM from Windows Notepad is harmless
    except UnicodeDecodeError as exc:
        raise ApplicationFileError("encoding", {"position": exc.start}) from exc
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        params: dict[str, str | int] = {"reason": exc.msg, "line": exc.lineno, "column": exc.colno}
        raise ApplicationFileError("json", params) from exc
    except _NotJsonConstant as exc:
        raise ApplicationFileError("json_constant", {"value": str(exc)}) from exc
    except RecursionError as exc:
        raise ApplicationFileError("json_depth") from exc


class _NotJsonConstant(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    """NaN and Infinity are not JSON, though Python's parser accepts them."""
    raise _NotJsonConstant(name)


def load_application_file(path: str | Path) -> Application:
    """Read, parse and shape-check an e-application file (``tirkeu import-application``).

    Raises ApplicationFileError, whose ``message(lang)`` is one clear line.
    """
    return parse_application(read_application_json(path))
