"""Where the office's data lives, and the lock that keeps one Tirkeu per folder.

The lock is the operating system's own lock on ``tirkeu.lock`` (``flock`` on
POSIX, a locked first byte on Windows), taken without waiting: the system drops
it when the process ends, however it ends, so a crash never leaves a folder
locked.  It is the call the ``filelock`` package makes, without the package's
import, which took longer than everything else the sign-in window loads
(issue 11).
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

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
    from platformdirs import user_data_dir

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


def _try_lock(fd: int) -> bool:
    """Lock the open file ``fd`` without waiting; False when another holder has it."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        # Some file systems answer a held lock with EACCES rather than EWOULDBLOCK.
        if exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES):
            return False
        raise
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


class InstanceLock:
    """Held while Tirkeu works on a data folder; a second instance is told, not let in.

    The lock belongs to this object's open file: a second ``InstanceLock`` on
    the same folder, in this process or another, is refused.  The file stays
    after release (removing a lock file others may hold open would let two in).
    """

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_FILE
        self.data_dir = data_dir
        self._fd: int | None = None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            os.close(fd)
            raise ServiceError(
                "Tirkeu is already open on the data folder {path}. Close it first.",
                path=str(self.data_dir),
            )
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)
