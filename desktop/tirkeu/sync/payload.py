"""An act record as a JSON object inside a bundle, and back.

The application travels in its e-application shape (``tirkeu.application/1``)
so that the district reads the same schema the office imports; what
registration added (number, date, status, the office's own record id, the
multiple-birth link) sits beside it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from tirkeu.domain.application import from_dict, to_dict
from tirkeu.domain.record import ActRecord, RecordStatus


def record_to_payload(record: ActRecord) -> dict[str, Any]:
    return {
        "local_id": record.id,
        "number": record.number,
        "record_date": record.record_date.isoformat() if record.record_date else None,
        "status": record.status.value,
        "registrar": record.registrar,
        "birth_group": record.birth_group,
        "refusal_reason": record.refusal_reason,
        "application": to_dict(record.application),
    }


# UTF-8 like the stored applications (storage.db.json_text): a registrar's name or a
# refusal reason in Kazakh is not three times its size in the bundle.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def payload_text(
    *,
    local_id: int,
    number: int | None,
    record_date: dt.date | None,
    status: str,
    registrar: str | None,
    birth_group: str | None,
    refusal_reason: str | None,
    application_json: str,
) -> str:
    """The object of :func:`record_to_payload` as JSON text, around an application
    that is already JSON (as the act record row stores it).

    Parsing and encoding every application again was most of an export's time;
    the stored text is what ``to_dict`` wrote, so the district reads the same object.
    """
    head = _encode(
        {
            "local_id": local_id,
            "number": number,
            "record_date": record_date.isoformat() if record_date else None,
            "status": status,
            "registrar": registrar,
            "birth_group": birth_group,
            "refusal_reason": refusal_reason,
        }
    )
    return f'{head[:-1]},"application":{application_json}}}'


_STATUSES = {status.value: status for status in RecordStatus}


def _status(value: Any) -> RecordStatus:
    """A known status looked up (every record of a bundle); the enum explains a misfit."""
    known = _STATUSES.get(value) if type(value) is str else None
    return known if known is not None else RecordStatus(value)


def payload_to_record(data: dict[str, Any]) -> ActRecord:
    """The inverse of :func:`record_to_payload`; ValueError (or ShapeError) if malformed."""
    if not isinstance(data, dict) or not isinstance(data.get("application"), dict):
        raise ValueError("record payload without an application object")
    local_id = data.get("local_id")
    number = data.get("number")
    for name, value in (("local_id", local_id), ("number", number)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"{name}: integer expected")
    record_date = data.get("record_date")
    return ActRecord(
        id=local_id,
        application=from_dict(data["application"]),
        status=_status(data.get("status", "registered")),
        number=number,
        record_date=dt.date.fromisoformat(record_date) if record_date else None,
        registrar=_text(data, "registrar"),
        birth_group=_text(data, "birth_group"),
        refusal_reason=_text(data, "refusal_reason"),
    )


def _text(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{name}: text expected")
    return value
