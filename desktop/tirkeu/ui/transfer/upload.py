"""Uploads to the district off the GUI thread.

Only the network waits here: the task gets the bundle files' bytes and the
address, posts them one by one and hands each answer back through a signal;
the database work (export before, applying the acknowledgement after) stays
on the GUI thread, where the workspace lives.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from tirkeu.i18n import t
from tirkeu.sync.transport import UploadError, upload


class UploadSignals(QObject):
    answered = Signal(object, bytes)  # the bundle sent, the district's acknowledgement
    failed = Signal(object, object)  # the bundle, why it did not go (``lang -> text``)
    finished = Signal()


class UploadTask(QRunnable):
    """Post each bundle to ``url``; stop at the first one that fails."""

    def __init__(self, url: str, files: list[Path], attempts: int = 4) -> None:
        super().__init__()
        self.url = url
        self.files = files
        self.attempts = attempts
        self.signals = UploadSignals()

    def run(self) -> None:
        try:
            for path in self.files:
                try:
                    answer = upload(self.url, path.name, path.read_bytes(), attempts=self.attempts)
                except UploadError as exc:
                    self.signals.failed.emit(path, why(exc))
                    return
                except (OSError, ValueError) as exc:
                    self.signals.failed.emit(path, as_is(str(exc)))
                    return
                self.signals.answered.emit(path, answer.acknowledgement)
        finally:
            self.signals.finished.emit()


def why(exc: UploadError) -> Callable[[str], str]:
    """Why an upload failed, in whichever language the window shows it (then or later)."""
    if exc.refusal is not None:
        return exc.refusal.message
    detail = str(exc)
    return lambda lang: t(lang, "The district registry cannot be reached ({detail}).").format(
        detail=detail
    )


def as_is(text: str) -> Callable[[str], str]:
    """A system's own message: the same in every language."""
    return lambda _lang: text
