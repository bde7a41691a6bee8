"""Report files built off the GUI thread, so a long act record book keeps the window alive.

A build is a plain function that writes the document into a path it is given;
it runs on a thread pool and writes into a temporary file beside the chosen
one, which takes the chosen name only once the whole document is written.  A
failure or a cancel therefore leaves nothing behind, not even a half file, and
an older file of that name stays as it was.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QRunnable, Signal

T = TypeVar("T")
PROGRESS_EVERY = 100


class Cancelled(Exception):
    """The window closed while its report was being built."""


class BuildSignals(QObject):
    progress = Signal(int)  # rows written so far
    done = Signal(object)  # the Path written
    failed = Signal(object)  # the exception that stopped the build


class Progress:
    """Handed to a build: counts its rows aloud and stops it once cancelled."""

    def __init__(self, signals: BuildSignals, cancel: threading.Event) -> None:
        self.signals = signals
        self.cancel = cancel

    def check(self) -> None:
        if self.cancel.is_set():
            raise Cancelled

    def rows(self, rows: Iterable[T]) -> Iterator[T]:
        """``rows`` passed through, reporting every hundredth and stopping on cancel."""
        for count, row in enumerate(rows, start=1):
            self.check()
            yield row
            if count % PROGRESS_EVERY == 0:
                self.signals.progress.emit(count)


Build = Callable[[Path, Progress], None]


def _temporary_beside(path: Path) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    return Path(name)


class ReportBuild(QRunnable):
    """Run ``build`` into a temporary file and move it to ``path`` when complete."""

    def __init__(self, path: Path, build: Build) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.path = path
        self.build = build
        self.cancel = threading.Event()
        self.signals = BuildSignals()

    def run(self) -> None:
        part: Path | None = None
        try:
            part = _temporary_beside(self.path)
            progress = Progress(self.signals, self.cancel)
            self.build(part, progress)
            progress.check()
            os.replace(part, self.path)
        except Exception as exc:  # every failure reaches the window, none the console
            if part is not None:
                part.unlink(missing_ok=True)
            self.signals.failed.emit(exc)
            return
        self.signals.done.emit(self.path)
