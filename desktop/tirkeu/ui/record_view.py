"""A record's summary for the journal's side panel, in the UI language."""

from __future__ import annotations

import datetime as dt
from html import escape

from tirkeu.domain.application import Person
from tirkeu.domain.record import ActRecord
from tirkeu.i18n import _
from tirkeu.labels import scenario_label, status_label


def _date(d: dt.date | None) -> str:
    return d.strftime("%d.%m.%Y") if d else "—"


def _person(title: str, person: Person | None) -> str:
    if person is None:
        return f"<p><b>{escape(title)}:</b> —</p>"
    parts = [escape(person.full_name) or "—", _date(person.birth_date)]
    if person.iin:
        parts.append(_("IIN {iin}").format(iin=escape(person.iin)))
    return f"<p><b>{escape(title)}:</b> {', '.join(parts)}</p>"


def _line(label: str, value: str) -> str:
    return f"<p><b>{escape(label)}:</b> {escape(value)}</p>"


def record_html(record: ActRecord) -> str:
    app = record.application
    child = app.child
    number = f"{record.number} / {_date(record.record_date)}" if record.number else "—"
    rows = [
        f"<h3>{escape(child.full_name) or '—'}</h3>",
        _line(_("Status"), status_label(record.status.value)),
        _line(_("Scenario"), scenario_label(app.scenario.value)),
        _line(_("Act record No."), number),
        _line(_("Date of birth"), f"{_date(child.birth_date)}; {child.birth_place.text}"),
        _line(_("IIN"), child.iin or "—"),
        _person(_("Mother"), app.mother),
        _person(_("Father"), app.father),
    ]
    if record.registrar:
        rows.append(_line(_("Registrar"), record.registrar))
    if record.refusal_reason:
        rows.append(_line(_("Reason for refusal"), record.refusal_reason))
    if record.district_reason:
        rows.append(_line(_("District registry"), record.district_reason))
    return "\n".join(rows)
