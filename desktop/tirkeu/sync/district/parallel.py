"""A big bundle's records checked on two processors: half here, half in a helper process.

Reading each record and running the rules on it need no database and are the
largest part of an import; in one Python process they use one processor of
the district's two.  A long-running district (``tirkeu-district serve``, through
``intake.prepare``) starts one helper process at its start and hands it the
second half of every big bundle.  Without the helper, with a small bundle or
when the helper has died, everything is checked here, with the same answers.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import orjson

from tirkeu.domain.application import Sex
from tirkeu.sync.ack import Reason
from tirkeu.sync.bulk import collector_paused
from tirkeu.sync.district.checks import Checked, ChildFacts, check_item, load_engine

# Below this many records, sending half of them costs more than it saves.
MIN_SPLIT = 2000

_helper: ProcessPoolExecutor | None = None


def start_helper() -> None:
    """Start the helper process (once) and wait until it has loaded the rules.

    The "spawn" start is the one Windows has; used everywhere, the helper
    behaves alike on every system.
    """
    global _helper
    if _helper is not None or (os.cpu_count() or 1) < 2:
        return
    pool = ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_ready
    )
    try:
        pool.submit(load_engine).result()
    except (BrokenProcessPool, OSError):  # no helper then: every record is checked here
        pool.shutdown()
        return
    _helper = pool


def stop_helper() -> None:
    """Stop the helper process, if there is one (also done at the interpreter's exit)."""
    global _helper
    if _helper is not None:
        _helper.shutdown()
        _helper = None


def check_items(items: Sequence[dict[str, Any]], today: dt.date) -> list[Checked]:
    """:func:`checks.check_item` of every item, in their order."""
    helper = _helper
    if helper is None or len(items) < MIN_SPLIT:
        return _check_all(items, today)
    half = len(items) // 2
    try:
        # As JSON: the items came as JSON, and orjson writes and reads them
        # several times faster than pickle (whose cost ate the gain).
        theirs = helper.submit(_check_in_helper, orjson.dumps(items[half:]), today)
    except BrokenProcessPool:
        return _check_all(items, today)
    mine = _check_all(items[:half], today)
    try:
        return mine + [_unpack(answer) for answer in orjson.loads(theirs.result())]
    except BrokenProcessPool:  # the helper died (killed, out of memory): check its half here
        return mine + _check_all(items[half:], today)


def _check_all(items: Sequence[dict[str, Any]], today: dt.date) -> list[Checked]:
    return [check_item(item, today) for item in items]


def _check_in_helper(items: bytes, today: dt.date) -> bytes:
    with collector_paused():  # as in the import itself (sync.bulk): a big heap, nothing to find
        return orjson.dumps([_pack(checked) for checked in _check_all(orjson.loads(items), today)])


def _pack(checked: Checked) -> list[Any]:
    child = None if checked.child is None else list(checked.child)
    return [child, [reason.to_json() for reason in checked.reasons], checked.key]


def _unpack(answer: list[Any]) -> Checked:
    child, reasons, key = answer
    if child is not None:
        iin, alive, born, sex = child
        child = ChildFacts(iin, alive, dt.date.fromisoformat(born) if born else None, Sex(sex))
    return Checked(child, [Reason.from_json(reason) for reason in reasons], key)


def _ready() -> None:
    # Ctrl+C in the server's console reaches the whole process group; the
    # server stops its helper itself, so the helper does not stop on its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
