"""A record's summary for the journal's side panel, in the UI language."""

from __future__ import annotations

import datetime as dt
from html import escape

from tirkeu.domain.application import Person
from tirkeu.domain.record import ActRecord
from tirkeu.i18n import _
from tirkeu.ui.labels import scenario_label, status_label


def _date(d: dt.date | None) -> str:
    return d.strftime("%d.%m.%Y") if d else "—"


def _person(title: str, person: Person | None) -> str:
    if person is None:
        return f"<p><b>{escape(title)}:</b> —</p>"
    parts = [escape(person.full_name) or "—", _date(person.birth_date)]
    if person.iin:
        parts.append(_("IIN {iin}").format(iin=escape(person.iin)))
    return f"<p><b>{escape(title)}:</b> {', '.join(parts)}</p>"


def record_html(record: ActRecord) -> str:
    app = record.application
    child = app.child
    number = f"{record.number} / {_date(record.record_date)}" if record.number else "—"
    rows = [
        f"<h3>{escape(child.full_name) or '—'}</h3>",
        f"<p><b>{_('Status')}:</b> {escape(status_label(record.status.value))}</p>",
        f"<p><b>{_('Scenario')}:</b> {escape(scenario_label(app.scenario.value))}</p>",
        f"<p><b>{_('Act record No.')}:</b> {escape(number)}</p>",
        f"<p><b>{_('Date of birth')}:</b> {_date(child.birth_date)}; "
        f"{escape(child.birth_place.text)}</p>",
        f"<p><b>{_('IIN')}:</b> {escape(child.iin or '—')}</p>",
        _person(_("Mother"), app.mother),
        _person(_("Father"), app.father),
    ]
    if record.registrar:
        rows.append(f"<p><b>{_('Registrar')}:</b> {escape(record.registrar)}</p>")
    if record.refusal_reason:
        rows.append(f"<p><b>{_('Reason for refusal')}:</b> {escape(record.refusal_reason)}</p>")
    if record.district_reason:
        rows.append(f"<p><b>{_('District registry')}:</b> {escape(record.district_reason)}</p>")
    return "\n".join(rows)
