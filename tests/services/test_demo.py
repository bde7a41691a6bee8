"""The demo world must be a world the district accepts: its records obey Order 429."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TODAY
from tirkeu.domain.record import RecordStatus
from tirkeu.domain.rules import check
from tirkeu.services.demo import build_demo_world
from tirkeu.services.workspace import Workspace
from tirkeu.storage.models import ActRecordRow
from tirkeu.storage.records import to_record


def test_registered_demo_records_pass_the_rules_on_their_own_date(tmp_path: Path) -> None:
    # 1,500 records spread over 500 days: older than the 400 days the identity
    # cards were once dated up to, so a card "from the future" would show here.
    build_demo_world(tmp_path, records=1500, today=TODAY)
    with Workspace.open(tmp_path / "akimat", lock=False) as ws:
        ws.sign_in("registrar", "demo")
        with ws.db.session() as s:
            records = [to_record(row) for row in s.query(ActRecordRow)]
    registered = [r for r in records if r.record_date and r.status is not RecordStatus.REFUSED]
    assert len(registered) > 1000
    assert min(r.record_date for r in registered if r.record_date) < TODAY.replace(year=2025)
    errors = {
        (r.number, f.rule)
        for r in registered
        for f in check(r.application, r.record_date or TODAY)
        if f.severity == "error"
    }
    assert errors == set()
