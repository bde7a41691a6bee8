"""Queries that may take a while at a million records, run off the GUI thread.

A count of the whole journal or of the records waiting to be sent reads every
row; run on the GUI thread it would hold the window still after each search.
:class:`Background` runs such a call on a worker thread and hands its result
back on the GUI thread; a newer call for the same purpose makes an older
result moot, so a person typing fast never sees a stale count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal


@dataclass(frozen=True)
class _Result:
    purpose: str
    ticket: int
    value: Any
    error: BaseException | None
    then: Callable[[Any], None]
    failed: Callable[[BaseException], None] | None


class Background(QObject):
    """One worker thread per window; results arrive in the order asked."""

    _done = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._tickets: dict[str, int] = {}
        # A signal emitted on the worker thread reaches this object, which lives
        # on the GUI thread, as a queued call there.
        self._done.connect(self._deliver)

    def run(
        self,
        purpose: str,
        call: Callable[[], Any],
        then: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        ticket = self._tickets[purpose] = self._tickets.get(purpose, 0) + 1

        def task() -> None:
            try:
                value, error = call(), None
            except Exception as exc:  # handed to the GUI thread, never lost
                value, error = None, exc
            self._done.emit(_Result(purpose, ticket, value, error, then, failed))

        self.pool.start(task)

    def idle(self) -> bool:
        return self.pool.activeThreadCount() == 0

    def wait(self) -> None:
        """Let running queries finish (before the database is closed)."""
        self.pool.waitForDone()

    def _deliver(self, result: _Result) -> None:
        if result.ticket != self._tickets.get(result.purpose):
            return  # a newer call for the same purpose is under way
        if result.error is None:
            result.then(result.value)
        elif result.failed is not None:
            result.failed(result.error)
        else:
            raise result.error
