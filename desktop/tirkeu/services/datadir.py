"""Where the office's data lives, and the lock that keeps one Tirkeu per folder."""

from __future__ import annotations

import os
from pathlib import Path

from filelock import FileLock, Timeout
from platformdirs import user_data_dir

from tirkeu.services.errors import ServiceError

ENV_VAR = "TIRKEU_DATA_DIR"
LOCK_FILE = "tirkeu.lock"


def resolve(arg: str | os.PathLike[str] | None) -> Path:
    """``--data-dir``, else ``TIRKEU_DATA_DIR``, else the platform's user data folder."""
    if arg:
        return Path(arg).expanduser().resolve()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    return Path(user_data_dir("Tirkeu", appauthor=False, roaming=False))


def prepare(path: Path) -> Path:
    """Create the folder if needed and prove it is writable, before any data goes in."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise ServiceError(
            "The data folder {path} cannot be written: {reason}",
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from None
    return path


class InstanceLock:
    """Held while Tirkeu works on a data folder; a second instance is told, not let in."""

    def __init__(self, data_dir: Path) -> None:
        self._lock = FileLock(str(data_dir / LOCK_FILE))
        self.data_dir = data_dir

    def acquire(self) -> None:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise ServiceError(
                "Tirkeu is already open on the data folder {path}. Close it first.",
                path=str(self.data_dir),
            ) from None

    def release(self) -> None:
        self._lock.release()
