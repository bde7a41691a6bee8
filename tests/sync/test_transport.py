from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tirkeu.sync import transport
from tirkeu.sync.ack import Outcome, open_ack
from tirkeu.sync.bundle import Kind, file_name
from tirkeu.sync.district.models import ReceivedBundle, ReceivedRecord
from tirkeu.sync.district.registry import District
from tirkeu.sync.district.server import make_server
from tirkeu.sync.errors import ErrorCode
from tirkeu.sync.transport import UploadError, list_bundles, upload, write_atomic

from .helpers import World, make_record, records_bundle


def test_write_atomic_leaves_only_the_final_file(tmp_path: Path) -> None:
    path = write_atomic(tmp_path / "usb", "TIRKEU-A01-000001.tkb", b"bundle")
    assert path.read_bytes() == b"bundle"
    assert [p.name for p in (tmp_path / "usb").iterdir()] == ["TIRKEU-A01-000001.tkb"]
    with pytest.raises(ValueError):
        write_atomic(tmp_path, "../escape.tkb", b"x")


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failure_mid_write_never_leaves_a_final_named_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    folder = tmp_path / "usb"
    write_atomic(folder, "TIRKEU-A01-000001.tkb", b"earlier, complete")

    def pulled_out(*args: Any) -> None:
        raise OSError(5, "Input/output error")  # the stick was pulled out

    monkeypatch.setattr(os, failing, pulled_out)
    with pytest.raises(OSError):
        write_atomic(folder, "TIRKEU-A01-000002.tkb", b"x" * 100_000)
    with pytest.raises(OSError):
        write_atomic(folder, "TIRKEU-A01-000001.tkb", b"a newer version")
    monkeypatch.undo()
    assert sorted(p.name for p in folder.iterdir()) == ["TIRKEU-A01-000001.tkb"]
    assert (folder / "TIRKEU-A01-000001.tkb").read_bytes() == b"earlier, complete"


def test_readers_ignore_temporary_files(tmp_path: Path) -> None:
    """A crash after writing the temporary file but before the rename leaves only that."""
    (tmp_path / f"{transport.TEMP_PREFIX}abc{transport.TEMP_SUFFIX}").write_bytes(b"half")
    (tmp_path / "notes.txt").write_text("x")
    write_atomic(tmp_path, "TIRKEU-A02-000003.tkb", b"whole")
    assert [p.name for p in list_bundles(tmp_path)] == ["TIRKEU-A02-000003.tkb"]
    assert list_bundles(tmp_path / "missing") == []


class _Flaky(BaseHTTPRequestHandler):
    """Fails ``failures`` times with 503, then answers 200; counts the requests."""

    server: Any

    def log_message(self, format: str, *args: Any) -> None:
        del format, args

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.server.calls += 1
        status = 503 if self.server.calls <= self.server.failures else 200
        body = b"ack" if status == 200 else b"busy"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def flaky() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    server.calls = 0  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def _url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"


def test_upload_retries_with_backoff(flaky: ThreadingHTTPServer) -> None:
    flaky.failures = 2  # type: ignore[attr-defined]
    pauses: list[float] = []
    result = upload(_url(flaky), "b.tkb", b"data", attempts=4, backoff=0.1, sleep=pauses.append)
    assert result.acknowledgement == b"ack" and not result.already_had
    assert pauses == [0.1, 0.2]


def test_upload_gives_up_after_the_last_attempt(flaky: ThreadingHTTPServer) -> None:
    flaky.failures = 100  # type: ignore[attr-defined]
    pauses: list[float] = []
    with pytest.raises(UploadError, match="3 attempts"):
        upload(_url(flaky), "b.tkb", b"data", attempts=3, sleep=pauses.append)
    assert flaky.calls == 3  # type: ignore[attr-defined]
    assert len(pauses) == 2


@pytest.fixture
def intake(district: District, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    server = make_server(district, "127.0.0.1", 0, tmp_path / "inbox", tmp_path / "acks")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield _url(server), tmp_path
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_http_intake_under_concurrent_uploads(
    world: World, district: District, intake: tuple[str, Path]
) -> None:
    url, folder = intake
    bundles = {
        (code, seq): records_bundle(
            world,
            code,
            seq,
            [make_record(seq * 10 + i, given_name=f"{code}-{seq}-{i}") for i in (1, 2)],
        )
        for code in ("A01", "A02", "A03")
        for seq in (1, 2, 3, 4)
    }

    def send(key: tuple[str, int]) -> tuple[tuple[str, int], transport.UploadResult]:
        code, seq = key
        return key, upload(
            url, file_name(Kind.RECORDS, code, seq), bundles[key], sleep=lambda s: None
        )

    jobs = list(bundles) * 2  # every bundle twice: the second is an idempotent re-upload
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(send, jobs))
    by_key: dict[tuple[str, int], list[transport.UploadResult]] = {}
    for key, result in answers:
        by_key.setdefault(key, []).append(result)
    for (code, seq), results in by_key.items():
        assert sorted(r.already_had for r in results) == [False, True]
        assert results[0].acknowledgement == results[1].acknowledgement
        ack = open_ack(
            results[0].acknowledgement,
            code,
            world.offices[code],
            [world.ca.certificate],
            world.district.certificate,
        )
        assert ack.sequence == seq
        assert [r.outcome for r in ack.results] == [Outcome.ACCEPTED] * 2
    with district.session() as session:
        assert session.scalar(select(func.count()).select_from(ReceivedBundle)) == 12
        assert session.scalar(select(func.count()).select_from(ReceivedRecord)) == 24
        iins = session.scalars(select(ReceivedRecord.iin)).all()
        assert len(set(iins)) == 24
    assert len(list_bundles(folder / "inbox")) == 12
    assert len(list_bundles(folder / "acks")) == 12


def test_http_intake_refuses_a_damaged_bundle(world: World, intake: tuple[str, Path]) -> None:
    url, _ = intake
    data = bytearray(records_bundle(world, "A01", 1, [make_record(1)]))
    data[len(data) // 2] ^= 0xFF
    pauses: list[float] = []
    with pytest.raises(UploadError) as excinfo:
        upload(url, "TIRKEU-A01-000001.tkb", bytes(data), sleep=pauses.append)
    assert excinfo.value.status == 422 and not pauses  # a refusal is not retried
    assert excinfo.value.refusal is not None
    assert excinfo.value.refusal.code is ErrorCode.UNDECRYPTABLE
    assert excinfo.value.refusal.message("kk")
