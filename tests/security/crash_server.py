"""The crash harness's fork server: kills a forked child hundreds of times, checking after each.

Run by tests/security/test_crash.py as ``python -m tests.security.crash_server
DATA RUNS SEED BUDGET_S``.  It imports Tirkeu and signs in once, then per run forks a
child (:mod:`tests.security.crash_child`) that registers, prints or exports,
waits until the child announces the planned operation, sleeps a seeded random
part of that operation's usual duration and sends SIGKILL.  The folder is then
checked (:mod:`tests.security.crash_check`) and the next child opens it as a
restart after a power cut would.  The last line on stdout is a JSON report.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import random
import signal
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from tests.security.crash_check import Acked, check_folder, leftovers
from tests.security.crash_child import (
    KINDS,
    TARGETS,
    ChildPlan,
    run_child,
    warm_up,
)
from tirkeu.services.auth import Actor
from tirkeu.services.transfer import OfficeKeys, TransferService
from tirkeu.services.workspace import Workspace
from tirkeu.storage.db import DB_FILE, open_database
from tirkeu.storage.models import CertificateRow

TODAY = dt.date(2026, 11, 20)  # tests.conftest.TODAY, the demo world's day
JOURNAL = DB_FILE + "-journal"
MAX_TARGET = 1  # the kill is planned in the first or the second target operation
STRETCH = 1.3  # delays reach a little past the usual duration, into what follows
FIRST_GUESS_S = 0.03
MAX_FAILURES = 20  # a harness gone wrong stops early; a rare bug is counted over all runs


def clock() -> dt.datetime:
    return dt.datetime.combine(TODAY, dt.time(11, 30))


@dataclass
class Tally:
    """How the kills landed, for the report."""

    kills: Counter[str] = field(default_factory=Counter)
    landed: Counter[str] = field(default_factory=Counter)
    by_op: Counter[str] = field(default_factory=Counter)
    durations: dict[str, list[float]] = field(default_factory=dict)

    def usual(self, op: str) -> float:
        seen = self.durations.get(op)
        return statistics.median(seen[-50:]) if seen else FIRST_GUESS_S

    def saw(self, line: dict[str, Any]) -> None:
        if "ready" in line:
            self.durations.setdefault("open", []).append(line["ready"])
        if "dur" in line:
            self.durations.setdefault(line["a"], []).append(line["dur"])


@dataclass(frozen=True)
class Server:
    data_dir: Path
    usb: Path
    key: bytes
    registrar: Actor
    admin: Actor
    keys: OfficeKeys


def _sign_in(data_dir: Path) -> Server:
    """Sign in once (argon2id) and keep the unwrapped key for every run."""
    with Workspace.open(data_dir, clock=clock) as ws:
        admin = ws.sign_in("admin", "demo")
        registrar = ws.sign_in("registrar", "demo")
        keys = TransferService(ws, registrar).load_keys("demo")
        key = ws.db.key
        assert key is not None
    return Server(data_dir, data_dir.parent / "usb", key, registrar, admin, keys)


def _plan(
    server: Server, engine: Engine, acked: Acked, kind: str, run: int, seed: int
) -> ChildPlan:
    return ChildPlan(
        server.data_dir,
        server.usb,
        server.key,
        clock,
        server.registrar,
        server.keys,
        kind,
        run,
        seed,
        sorted(acked.registered),
        engine,
    )


def _lines(fd: int) -> Iterator[dict[str, Any]]:
    buffer = b""
    while chunk := os.read(fd, 65536):
        buffer += chunk
        *complete, buffer = buffer.split(b"\n")
        for line in complete:
            yield json.loads(line)


def _one_run(
    server: Server, engine: Engine, acked: Acked, tally: Tally, run: int, seed: int
) -> list[str]:
    """Fork a child, kill it inside its planned operation, note what it acknowledged."""
    rng = random.Random(f"{seed}-{run}")
    kind = KINDS[run % len(KINDS)]
    target = rng.randint(0, MAX_TARGET)
    stretch = rng.uniform(0.0, STRETCH)
    plan = _plan(server, engine, acked, kind, run, rng.randrange(2**32))
    read_fd, write_fd = os.pipe()
    gc.freeze()  # the child's collector would touch, and so copy, every page it inherits
    pid = os.fork()
    if pid == 0:
        gc.disable()
        os.close(read_fd)
        run_child(plan, write_fd)
    gc.unfreeze()
    os.close(write_fd)
    lines = _lines(read_fd)
    seen = 0
    open_op: str | None = None
    errors: list[str] = []
    for line in lines:
        if "error" in line:
            errors.append(f"the child failed:\n{line['error']}")
            break
        if "b" in line:
            open_op = line["b"]
            if open_op in TARGETS[kind]:
                if seen == target:
                    time.sleep(stretch * tally.usual(open_op))
                    break
                seen += 1
        elif "a" in line:
            acked.add(line)
            open_op = None if line["a"] == open_op else open_op
        tally.saw(line)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    journal = (server.data_dir / JOURNAL).exists()
    for line in lines:  # what the child acknowledged before the kill reached it
        if "a" in line:
            acked.add(line)
            open_op = None if line["a"] == open_op else open_op
        elif "b" in line:
            open_op = line["b"]
    os.close(read_fd)
    tally.kills[kind] += 1
    where = "mid-transaction" if journal else "in an operation" if open_op else "between"
    tally.landed[where] += 1
    tally.by_op[f"{open_op or 'between'}{' (journal)' if journal else ''}"] += 1
    return errors


def main(data_dir: Path, runs: int, seed: int, budget_s: float = 0.0) -> dict[str, Any]:
    """``runs`` kills, or fewer (never under a third of them) once ``budget_s`` is spent."""
    server = _sign_in(data_dir)
    acked = Acked()
    # One engine lives across the runs, its compiled statements with it: the
    # checker's, which the children inherit; its connections are closed before
    # each fork so that none crosses into a child.
    checker = Workspace(data_dir, open_database(data_dir, key=server.key), None, clock)
    with checker.db.session() as s:
        acked.first_certificate = int(s.scalar(select(func.max(CertificateRow.id))) or 0) + 1
    checker.db.engine.dispose()
    warm_up(_plan(server, checker.db.engine, acked, "warm-up", -1, seed))
    tally = Tally()
    started = time.monotonic()
    failures: list[str] = []
    known: set[str] = set()
    failed_runs = 0
    done = 0
    for run in range(runs):
        if budget_s and run >= runs // 3 and time.monotonic() - started > budget_s:
            break
        done += 1
        problems = _one_run(server, checker.db.engine, acked, tally, run, seed)
        problems += check_folder(checker, server.usb, acked, server.admin)
        checker.db.engine.dispose()
        new = [p for p in problems if p not in known]
        known.update(problems)
        if new:
            failed_runs += 1
            failures += [f"seed {seed} run {run} ({KINDS[run % len(KINDS)]}): {p}" for p in new]
            if any("the child failed" in p for p in new) or len(failures) > MAX_FAILURES:
                break
    left = leftovers(checker, server.usb)
    checker.close()
    return {
        "seed": seed,
        "runs": done,
        "seconds": round(time.monotonic() - started, 1),
        "kills": dict(tally.kills),
        "landed": dict(tally.landed),
        "by_operation": dict(tally.by_op),
        "acknowledged": acked.total(),
        "acked": acked.to_json(),
        "usual_s": {op: round(tally.usual(op), 4) for op in tally.durations},
        "leftovers": left,
        "failed_runs": failed_runs,
        "failures": failures,
    }


if __name__ == "__main__":
    report = main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
    print(json.dumps(report, ensure_ascii=False))
