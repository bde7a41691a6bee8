"""Writes that survive a power cut, and the error every storage file shares.

A file is replaced by writing a ``.part`` beside it, syncing it, renaming it
over the old one and syncing the folder: a cut leaves the old file or the new
one whole, never half of one.
"""

from __future__ import annotations

import os
from pathlib import Path


class StorageFileError(Exception):
    """A storage file that cannot be used; ``code`` lets the caller pick a message."""

    def __init__(self, code: str, path: Path, detail: str = "") -> None:
        super().__init__(f"{code}: {path} {detail}".strip())
        self.code = code
        self.path = path
        self.detail = detail


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable; Windows cannot open a folder, NTFS journals it."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_synced(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` and wait until it is on the disk."""
    with path.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def replace_durably(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` in one step, through a synced ``.part`` file."""
    part = path.with_name(path.name + ".part")
    write_synced(part, data)
    os.replace(part, path)
    fsync_dir(path.parent)
