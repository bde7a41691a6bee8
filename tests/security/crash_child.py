"""The child of the crash test: registers births in a loop until it is killed.

It prints each record id only after the transaction that registered it has
committed, so every printed id is a save the office was told succeeded.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from tirkeu.domain.application import Scenario
from tirkeu.services.demo import sample_application
from tirkeu.services.records import RecordService, RegistrationBlocked
from tirkeu.services.workspace import Workspace


def main(data_dir: Path, seed: int) -> None:
    ws = Workspace.open(data_dir)
    svc = RecordService(ws, ws.sign_in("reg", "secret2"))
    today = ws.today
    # The first rules check loads calendars and catalogs; do it before the kills start.
    svc.findings(sample_application(Scenario.MARRIED, today - dt.timedelta(days=1), today))
    print("ready", flush=True)
    n = seed * 100_000
    while True:
        n += 1
        app = sample_application(Scenario.MARRIED, today - dt.timedelta(days=1), today, seed=n)
        warnings = [f.rule for f in svc.findings(app) if f.severity == "warning"]
        record = svc.save_draft(app)
        assert record.id is not None
        try:
            svc.register(record.id, acknowledged=warnings)
        except RegistrationBlocked:
            continue
        print(record.id, flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
