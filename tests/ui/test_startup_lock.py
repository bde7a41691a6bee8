"""The instance lock taken at start: one Tirkeu per data folder, none left after a crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tirkeu.services.datadir import LOCK_FILE, InstanceLock
from tirkeu.services.errors import ServiceError

_HOLD = """
import sys
from pathlib import Path
from tirkeu.services.datadir import InstanceLock
InstanceLock(Path(sys.argv[1])).acquire()
print("held", flush=True)
sys.stdin.read()
"""

_TRY = """
import sys
from pathlib import Path
from tirkeu.services.datadir import InstanceLock
from tirkeu.services.errors import ServiceError
try:
    InstanceLock(Path(sys.argv[1])).acquire()
except ServiceError:
    print("refused")
else:
    print("taken")
"""


def _try_from_another_process(folder: Path) -> str:
    run = subprocess.run(
        [sys.executable, "-c", _TRY, str(folder)], capture_output=True, text=True, check=True
    )
    return run.stdout.strip()


def test_a_second_lock_in_this_process_or_another_is_refused(tmp_path: Path) -> None:
    first = InstanceLock(tmp_path)
    first.acquire()
    with pytest.raises(ServiceError, match="already open"):
        InstanceLock(tmp_path).acquire()
    assert _try_from_another_process(tmp_path) == "refused"
    first.release()
    assert _try_from_another_process(tmp_path) == "taken"
    # The file stays: removing it while another process waits on it would let two in.
    assert (tmp_path / LOCK_FILE).exists()


def test_a_crashed_instance_leaves_no_lock(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(ServiceError, match="already open"):
            InstanceLock(tmp_path).acquire()
    finally:
        holder.kill()
        holder.wait()
        for stream in (holder.stdin, holder.stdout):
            if stream is not None:
                stream.close()
    after = InstanceLock(tmp_path)
    after.acquire()
    after.release()
