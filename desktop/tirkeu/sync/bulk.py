"""Bulk work on a whole bundle: no garbage collector running through it, pages kept.

Opening or writing a bundle of 10,000 records makes about a million small
objects that all live until the bundle is done.  The collector, set off by
every 700 new objects, walks the ever larger heap again and again and finds
nothing: about a fifth of an import's time.  Reference counting still frees
what dies; the collector runs again as soon as the bulk work is over.

The bundle's one transaction reads and writes tens of megabytes.  With
SQLite's usual small page cache it spilled changed pages to the file in the
middle of the transaction (a journal sync first) and read, and at the office
decrypted, pages again that it had just read.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

# 64 MiB: SQLite counts a negative cache size in KiB.
BULK_CACHE_KIB = -65_536


@contextmanager
def collector_paused() -> Iterator[None]:
    """Automatic garbage collection off inside, as it was before on the way out."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def pages_kept(session: Session) -> Iterator[None]:
    """The session's SQLite transaction with a large page cache that never spills.

    Pending changes are flushed before the cache size and spilling are set back
    as they were, so the commit writes the changed pages once.  Other databases
    are left as they are.
    """
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    size = int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
    conn.exec_driver_sql(f"PRAGMA cache_size={min(size, BULK_CACHE_KIB)}")
    conn.exec_driver_sql("PRAGMA cache_spill=OFF")
    try:
        yield
        session.flush()
    finally:
        conn.exec_driver_sql("PRAGMA cache_spill=ON")
        conn.exec_driver_sql(f"PRAGMA cache_size={size}")
