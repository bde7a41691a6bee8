"""Power cut: a registering process killed at random moments loses nothing it acknowledged.

The child saves and registers births in a loop and prints each record id after
its commit; the parent kills it with SIGKILL at seeded random moments, dozens of
times, then checks that every acknowledged registration is there, nothing is
half written, the numbers have no gaps, the audit chain holds and SQLite finds
the file intact.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.unlocked import unlocked
from tirkeu.services import auth
from tirkeu.services.demo import OFFICE
from tirkeu.services.workspace import Workspace
from tirkeu.storage.audit import verify_chain
from tirkeu.storage.models import ActRecordRow

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
]

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 30
BUDGET_S = 35.0


def _run_until_killed(data: Path, seed: int, rng: random.Random) -> list[int]:
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'desktop'}{os.pathsep}{ROOT}"}
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("crash_child.py")), str(data), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    first = child.stdout.readline().strip()
    if first != "ready":
        _out, err = child.communicate()
        pytest.fail(f"the child did not start: {err}")
    time.sleep(rng.uniform(0.0, 0.5))
    os.kill(child.pid, signal.SIGKILL)
    out, _err = child.communicate()
    return [int(line) for line in out.split() if line.isdigit()]


def test_killed_registrations_lose_nothing_acknowledged(tmp_path: Path) -> None:
    data = tmp_path / "akimat"
    with Workspace.open(data) as ws:
        ws.set_up(OFFICE, "admin", "Admin", "secret1")
        with ws.db.session() as s:
            auth.create_user(
                s,
                username="reg",
                full_name="Reg",
                role=auth.Role.REGISTRAR,
                password="secret2",
                by=1,
            )
    rng = random.Random(429)
    acknowledged: list[int] = []
    started = time.monotonic()
    rounds = 0
    # At least a dozen kills even on a busy machine; more while time allows.
    while rounds < 12 or (rounds < ROUNDS and time.monotonic() - started < BUDGET_S):
        acknowledged += _run_until_killed(data, rounds + 1, rng)
        rounds += 1
    assert acknowledged, "the child registered nothing before being killed"

    with unlocked(data, "admin", "secret1") as ws, ws.db.session() as s:
        con = ws.db.connect()
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            con.close()
        rows = s.execute(select(ActRecordRow.id, ActRecordRow.status, ActRecordRow.number)).all()
        report = verify_chain(s)
    by_id = {r.id: r for r in rows}
    missing = [i for i in acknowledged if i not in by_id]
    assert missing == []
    assert all(by_id[i].status == "registered" for i in acknowledged)
    assert [r.id for r in rows if r.number is not None and r.status == "draft"] == []
    assert [r.id for r in rows if r.status == "registered" and r.number is None] == []
    numbers = sorted(r.number for r in rows if r.status == "registered")
    assert numbers == list(range(1, len(numbers) + 1))
    assert report.ok, report
