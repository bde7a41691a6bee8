"""The forked child of the crash harness: registers, prints and exports until it is killed.

Every operation is announced on the pipe before it starts (``{"b": op}``) and
reported after the service call returned (``{"a": op, ...}``): an ``a`` line is
a save the office was told succeeded.  The line is written with one
``os.write`` to a pipe, so it survives the SIGKILL that may follow at once.

The child opens the workspace with the database key its parent unlocked once:
signing in (argon2id) per run would cost more than the run itself.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import time
import traceback
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import Engine, select
from sqlalchemy.orm import sessionmaker

from tirkeu.domain.application import Scenario
from tirkeu.domain.iin import make_iin
from tirkeu.services import datadir
from tirkeu.services.auth import Actor
from tirkeu.services.demo import sample_application
from tirkeu.services.printing import PrintingService
from tirkeu.services.records import RecordService, RegistrationBlocked
from tirkeu.services.repeat import Ground, Recipient, Relation
from tirkeu.services.stock import StockService
from tirkeu.services.transfer import OfficeKeys, TransferService
from tirkeu.services.workspace import Clock, Workspace
from tirkeu.storage.db import Database, open_database
from tirkeu.storage.models import ActRecordRow

# The operations a run of each kind is killed in; the others only prepare them.
TARGETS = {
    "register": ("register",),
    "print": ("print", "spoil", "repeat"),
    "export": ("export",),
}
KINDS = tuple(TARGETS)
SPOIL_SHARE = 0.3  # prints that come out misaligned and are marked spoiled
REPEAT_SHARE = 0.2  # certificates soon lost or damaged, replaced by a repeat one
PRINT_BEFORE_EXPORT = 0.3  # exports that carry a certificate and its blank's movement too
SERIALS_PER_RUN = 64  # IIN serials a run may use; far more than it lives to register
SERIALS_PER_DAY = 8000  # fewer than the IIN serials one birth date has for each sex


def open_unlocked(
    data_dir: Path, key: bytes, clock: Clock, engine: Engine | None = None
) -> Workspace:
    """The workspace as a signed-in start leaves it, from a key already unwrapped.

    Opening runs the same checks as after a power cut: the instance lock, the
    hot journal rolled back, the integrity check when the file was not closed
    cleanly.  With ``engine`` (the parent's, its pool empty) the work then goes
    through it: a forked child inherits its compiled statements, which a new
    engine would compile again in every run.
    """
    lock = datadir.InstanceLock(data_dir)
    lock.acquire()
    try:
        db = open_database(data_dir, key=key)
    except BaseException:
        lock.release()
        raise
    if engine is not None:
        db.engine.dispose()
        db = Database(db.path, engine, sessionmaker(engine, expire_on_commit=False), key)
    return Workspace(data_dir, db, lock, clock)


class _KeptKeys(TransferService):
    """Transfer with the office key opened once by the parent (PKCS#12 costs 0.15 s)."""

    def __init__(self, ws: Workspace, actor: Actor, keys: OfficeKeys) -> None:
        super().__init__(ws, actor)
        self._kept = keys

    def load_keys(self, password: str) -> OfficeKeys:
        return self._kept


@dataclass(frozen=True)
class ChildPlan:
    """What one forked child does; everything it needs is inherited from the parent."""

    data_dir: Path
    usb: Path
    key: bytes
    clock: Clock
    registrar: Actor
    keys: OfficeKeys
    kind: str
    run: int
    seed: int
    printable: Collection[int]  # acknowledged registrations, candidates for a certificate
    engine: Engine  # the parent's, with no open connection


class _Pipe:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def send(self, **line: Any) -> None:
        data = (json.dumps(line, separators=(",", ":")) + "\n").encode()
        os.write(self.fd, data)


class _Office:
    """The operations of one child, each announced and acknowledged on the pipe."""

    def __init__(self, plan: ChildPlan, ws: Workspace, pipe: _Pipe) -> None:
        self.plan = plan
        self.ws = ws
        self.pipe = pipe
        self.records = RecordService(ws, plan.registrar)
        self.printing = PrintingService(ws, plan.registrar)
        self.stock = StockService(ws, plan.registrar)
        self.transfer = _KeptKeys(ws, plan.registrar, plan.keys)
        self.rng = random.Random(plan.seed)
        self.serial = (plan.run + 1) * SERIALS_PER_RUN
        self.printable = set(plan.printable)

    def timed(self, op: str, call: Callable[[], dict[str, Any] | None]) -> None:
        self.pipe.send(b=op)
        started = time.perf_counter()
        facts = call()
        if facts is not None:
            self.pipe.send(a=op, dur=round(time.perf_counter() - started, 5), **facts)

    def register(self) -> dict[str, Any] | None:
        today = self.ws.today
        self.serial += 1
        born = today - dt.timedelta(days=1 + self.serial // SERIALS_PER_DAY)
        app = sample_application(Scenario.MARRIED, born, today, seed=self.serial)
        app.child.iin = make_iin(born, app.child.sex, self.serial % SERIALS_PER_DAY)
        warnings = [f.rule for f in self.records.findings(app) if f.severity == "warning"]
        draft = self.records.save_draft(app)
        assert draft.id is not None
        self.pipe.send(a="draft", id=draft.id)
        try:
            record = self.records.register(draft.id, acknowledged=warnings)
        except RegistrationBlocked:
            return None
        self.printable.add(draft.id)
        return {"id": record.id, "number": record.number}

    def _next_printable(self) -> int | None:
        with self.ws.db.session() as s:
            return s.scalar(
                select(ActRecordRow.id)
                .where(
                    ActRecordRow.id.in_(sorted(self.printable)),
                    ActRecordRow.status == "registered",
                )
                .order_by(ActRecordRow.id.desc())
                .limit(1)
            )

    def print_one(self) -> None:
        record_id = self._next_printable()
        if record_id is None:
            self.timed("register", self.register)
            record_id = self._next_printable()
        if record_id is None:
            return
        printed: dict[str, Any] = {}

        def issue() -> dict[str, Any]:
            done = self.printing.issue_certificate(record_id, "kk", printer="crash")
            assert done.blank is not None
            printed.update(record=record_id, certificate=done.certificate_id, blank=done.blank.id)
            return printed

        self.timed("print", issue)
        roll = self.rng.random()
        if roll < SPOIL_SHARE:
            blank = printed["blank"]
            self.timed("spoil", lambda: {"blank": self.stock.spoil(blank, "misaligned").id})
        elif roll < SPOIL_SHARE + REPEAT_SHARE:
            self.timed("repeat", lambda: self.repeat(record_id, printed["certificate"]))

    def repeat(self, record_id: int, earlier: int) -> dict[str, Any]:
        """A repeat certificate for a lost one, or for a damaged one handed in (п. 47–48)."""
        damaged = self.rng.random() < 0.5
        who = Recipient(
            Relation.PARENT,
            ground=Ground.DAMAGED if damaged else Ground.LOST,
            surrendered=damaged,
        )
        done = self.printing.issue_repeat_certificate(record_id, "ru", who, printer="crash")
        assert done.blank is not None
        return {
            "certificate": done.certificate_id,
            "blank": done.blank.id,
            "replaces": earlier,
            "surrendered": damaged,
        }

    def export(self) -> dict[str, Any] | None:
        done = self.transfer.export_next(self.plan.usb, "demo")
        if done is None:
            return None
        return {"seq": done.sequence, "sha": done.sha256}

    def loop(self) -> NoReturn:
        while True:
            if self.plan.kind == "register":
                self.timed("register", self.register)
            elif self.plan.kind == "print":
                self.print_one()
            else:
                self.timed("export", self.export)
                self.timed("register", self.register)
                if self.rng.random() < PRINT_BEFORE_EXPORT:
                    self.print_one()


def warm_up(plan: ChildPlan) -> None:
    """Register, print and export once in the parent, so that every forked child
    inherits the loaded calendars, rule catalogs and fonts and starts fast."""
    fd = os.open(os.devnull, os.O_WRONLY)
    try:
        with open_unlocked(plan.data_dir, plan.key, plan.clock, plan.engine) as ws:
            office = _Office(plan, ws, _Pipe(fd))
            office.print_one()
            office.timed("export", office.export)
    finally:
        os.close(fd)


def run_child(plan: ChildPlan, fd: int) -> NoReturn:
    """The body of a forked child; it never returns into the parent's code."""
    pipe = _Pipe(fd)
    started = time.perf_counter()
    try:
        ws = open_unlocked(plan.data_dir, plan.key, plan.clock, plan.engine)
        pipe.send(ready=round(time.perf_counter() - started, 5))
        _Office(plan, ws, pipe).loop()
    except BaseException:
        pipe.send(error=traceback.format_exc())
        os._exit(1)
