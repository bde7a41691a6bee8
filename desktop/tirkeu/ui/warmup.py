"""Loading what the main window needs while a person types the password.

The sign-in window comes up with Qt and the key file alone (issue 11: start
within 1.5x a bare window).  SQLAlchemy, the services, the rules' working
calendar and the feature windows take longer to load than that on an old PC,
and a person needs a few seconds to type a password: :class:`WarmUp` loads
them then, one module per turn of the event loop, so keys typed meanwhile
wait at most one module's load.  It runs on the GUI thread: PySide6 hooks
Python's import, and imports on a second thread while Qt ran crashed it
(PySide6 6.12.0, since left for 6.11; the GUI thread is safe with either).
A module the main window asks for before the warm-up got to it is simply
imported there, so the warm-up only ever saves time.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QObject, QTimer, Signal

MODULES = (
    # What signing in itself uses: the password's argon2id, the slot's AES-GCM,
    # SQLCipher (storage.keyfile and storage.dbfile import them when first used).
    "argon2.low_level",
    "cryptography.hazmat.primitives.ciphers.aead",
    "sqlcipher3.dbapi2",
    "sqlalchemy.orm",
    "tirkeu.storage.db",
    "tirkeu.storage.models",
    "tirkeu.storage.records",
    "tirkeu.services.auth",
    "tirkeu.services.records",
    "tirkeu.services.accounts",
    "tirkeu.services.backups",
    "tirkeu.services.transfer",
    "tirkeu.services.stock",
    "tirkeu.services.amendments",
    "tirkeu.services.reports",
    "tirkeu.domain.rules",
    "tirkeu.ui.main_window",
    "tirkeu.ui.security.idle_lock",
    "tirkeu.ui.security.password",
    "tirkeu.ui.wizard.feature",
    "tirkeu.ui.printing.feature",
    "tirkeu.ui.amendments.feature",
    "tirkeu.ui.transfer.feature",
    "tirkeu.ui.reports.feature",
    "tirkeu.ui.security.feature",
)


class WarmUp(QObject):
    """Started with the sign-in window; ``ready`` once everything is loaded."""

    ready = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.done = False
        self._pending = list(MODULES)

    def start(self) -> None:
        QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        if self._pending:
            importlib.import_module(self._pending.pop(0))
            QTimer.singleShot(0, self._next)
            return
        from sqlalchemy.orm import configure_mappers

        from tirkeu.domain.workdays import default_calendar

        configure_mappers()  # SQLAlchemy's one-time set-up of the models, before the first query
        default_calendar()  # the holiday tables behind the journal's deadline column
        self.done = True
        self.ready.emit()
