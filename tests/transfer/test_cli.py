"""The transfer commands end to end, run as an office and a district run them: subprocesses."""

from __future__ import annotations

import datetime as dt
import json
import os
import select
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select as sql_select
from sqlalchemy import update

from tests.unlocked import unlocked
from tirkeu.domain.application import from_dict
from tirkeu.domain.rules import check
from tirkeu.services.demo import OFFICE
from tirkeu.storage.models import ActRecordRow
from tirkeu.sync.transport import upload

from .helpers import register_new, spoil_one_record

BIN = Path(sys.executable).parent
TIRKEU = shutil.which("tirkeu") or str(BIN / "tirkeu")
DISTRICT = shutil.which("tirkeu-district") or str(BIN / "tirkeu-district")
ENV = {
    "TIRKEU_LANG": "en",
    "TIRKEU_PASSWORD": "demo",
    "TIRKEU_KEY_PASSWORD": "demo",
    "TIRKEU_DISTRICT_PASSWORD": "demo",
}


def run(program: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [program, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **ENV, **env},
        timeout=300,
        check=False,
    )


def office(world: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return run(TIRKEU, "--data-dir", str(world / "akimat"), "--user", "registrar", *args, **env)


def district(world: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return run(DISTRICT, "--data-dir", str(world / "district"), *args, **env)


def listed(world: Path) -> list[dict[str, object]]:
    result = office(world, "list", "--json")
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_round_trip_export_import_ack(demo_world: Path) -> None:
    with unlocked(demo_world / "akimat") as ws:
        spoilt = spoil_one_record(ws)
    before = {r["id"]: r for r in listed(demo_world)}
    exported = office(demo_world, "export-bundle", "--out", str(demo_world / "usb"))
    assert exported.returncode == 0, exported.stderr
    bundle = Path(exported.stdout.strip())
    assert bundle.name == f"TIRKEU-{OFFICE.kato}-000001.tkb" and bundle.is_file()
    after_export = {r["id"]: r["status"] for r in listed(demo_world)}
    assert "registered" not in after_export.values()
    assert "certificate_issued" not in after_export.values()

    nothing = office(demo_world, "export-bundle", "--out", str(demo_world / "usb"))
    assert (nothing.returncode, nothing.stdout) == (0, "")
    assert nothing.stderr.strip() == "Nothing to send: nothing changed since the last bundle."

    imported = district(demo_world, "import", str(bundle), "--acks", str(demo_world / "acks"))
    assert imported.returncode == 0, imported.stderr
    assert "imported; accepted" in imported.stdout
    [ack] = sorted((demo_world / "acks").glob("*.tkb"))
    assert ack.name == f"TIRKEU-ACK-{OFFICE.kato}-000001.tkb"

    applied = office(demo_world, "import-ack", str(ack))
    assert applied.returncode == 0, applied.stderr
    assert "bundle 1: confirmed" in applied.stdout
    rows = {r["id"]: r for r in listed(demo_world)}
    assert {r["status"] for r in rows.values()} <= {"draft", "refused", "confirmed", "rejected"}
    assert sum(r["status"] == "confirmed" for r in rows.values()) > 0
    assert rows[spoilt]["status"] == "rejected"
    assert "para. " in applied.stdout, "the reasons are listed with their paragraph"
    filled = [
        i
        for i, r in rows.items()
        if r["status"] == "confirmed" and r["child_iin"] and not before[i]["child_iin"]
    ]
    assert filled, "the district's IINs fill in"

    again = office(demo_world, "import-ack", str(ack))
    assert again.returncode == 0
    assert "applied before; nothing changed" in again.stdout
    assert {r["id"]: r for r in listed(demo_world)} == rows

    replayed = district(demo_world, "import", str(bundle), "--acks", str(demo_world / "acks"))
    assert replayed.returncode == 0 and "already imported" in replayed.stdout


def _only_clean_records(world: Path) -> None:
    """Records the rules engine finds errors in go back to drafts: a bundle with none."""
    with unlocked(world / "akimat") as ws, ws.db.session() as s:
        rows = s.scalars(
            sql_select(ActRecordRow).where(
                ActRecordRow.status.in_(["registered", "certificate_issued"])
            )
        ).all()
        for row in rows:
            assert row.record_date is not None
            findings = check(from_dict(row.application), row.record_date)
            if any(f.severity == "error" for f in findings):
                s.execute(
                    update(ActRecordRow).where(ActRecordRow.id == row.id).values(status="draft")
                )


def test_verify_exit_codes(demo_world: Path) -> None:
    clean = demo_world.parent / "clean"
    shutil.copytree(demo_world, clean)
    _only_clean_records(clean)
    good = office(clean, "export-bundle", "--out", str(clean / "b"))
    assert good.returncode == 0, good.stderr
    path = Path(good.stdout.strip())
    ok = district(clean, "verify", str(path))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "signature, decryption and content are in order" in ok.stdout

    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = path.with_name("tampered.tkb")
    tampered.write_bytes(bytes(data))
    refused = district(clean, "verify", str(tampered))
    assert refused.returncode == 2
    assert refused.stderr.startswith("tirkeu-district: tampered.tkb: ")
    assert "Traceback" not in refused.stderr and len(refused.stderr.splitlines()) == 1
    assert district(clean, "verify", str(clean / "none.tkb")).returncode == 2

    with unlocked(demo_world / "akimat") as ws:
        spoilt = spoil_one_record(ws)
    with_problem = office(demo_world, "export-bundle", "--out", str(demo_world / "a"))
    assert with_problem.returncode == 0, with_problem.stderr
    result = district(demo_world, "verify", str(Path(with_problem.stdout.strip())))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"(local id {spoilt}) would be rejected" in result.stdout
    assert result.stderr == "tirkeu-district: 1 record(s) would be rejected.\n"


def test_district_errors_are_one_line(demo_world: Path) -> None:
    wrong = district(demo_world, "verify", str(demo_world), TIRKEU_DISTRICT_PASSWORD="x")
    assert wrong.returncode == 2
    result = district(demo_world, "import", str(demo_world / "missing.tkb"), "--acks", "a")
    assert result.returncode == 1
    assert result.stderr.startswith("tirkeu-district: The file ")
    bundle = Path(
        office(demo_world, "export-bundle", "--out", str(demo_world / "u")).stdout.strip()
    )
    bad_key = district(demo_world, "verify", str(bundle), TIRKEU_DISTRICT_PASSWORD="x")
    assert bad_key.returncode == 1
    assert bad_key.stderr == (
        "tirkeu-district: The district key cannot be opened: wrong password or damaged file.\n"
    )
    kk = district(demo_world, "verify", str(bundle), TIRKEU_DISTRICT_PASSWORD="x", TIRKEU_LANG="kk")
    assert "кілті ашылмады" in kk.stderr
    no_key = office(demo_world, "export-bundle", "--out", "x", TIRKEU_KEY_PASSWORD="x")
    assert no_key.returncode == 1
    assert no_key.stderr.startswith("tirkeu: The office key cannot be opened")


@pytest.fixture
def server(demo_world: Path) -> Iterator[str]:
    """``tirkeu-district serve`` on an ephemeral port; stopped with Ctrl+C at the end."""
    proc = subprocess.Popen(
        [DISTRICT, "--data-dir", str(demo_world / "district"), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **ENV},
    )
    assert proc.stdout is not None
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        assert ready, "the server did not start"
        line = proc.stdout.readline()
        url = line.split()[2].removesuffix("/bundles")
        assert url.startswith("http://127.0.0.1:")
        yield url
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        proc.stderr.close()
        assert code == 0


def test_upload_to_the_served_intake_and_apply_its_answer(demo_world: Path, server: str) -> None:
    bundle = Path(
        office(demo_world, "export-bundle", "--out", str(demo_world / "u")).stdout.strip()
    )
    answer = upload(server, bundle.name, bundle.read_bytes(), attempts=2, backoff=0.1, timeout=60)
    assert not answer.already_had
    again = upload(server, bundle.name, bundle.read_bytes(), attempts=1, timeout=60)
    assert again.already_had and again.acknowledgement == answer.acknowledgement
    ack = demo_world / "ack.tkb"
    ack.write_bytes(answer.acknowledgement)
    applied = office(demo_world, "import-ack", str(ack))
    assert applied.returncode == 0, applied.stderr
    assert "bundle 1: confirmed" in applied.stdout
    assert (demo_world / "district" / "acks" / f"TIRKEU-ACK-{OFFICE.kato}-000001.tkb").is_file()


def test_resend_writes_the_archived_bundle(demo_world: Path) -> None:
    first = Path(office(demo_world, "export-bundle", "--out", str(demo_world / "u")).stdout.strip())
    again = office(demo_world, "export-bundle", "--out", str(demo_world / "v"), "--resend", "1")
    assert again.returncode == 0, again.stderr
    assert Path(again.stdout.strip()).read_bytes() == first.read_bytes()
    missing = office(demo_world, "export-bundle", "--out", str(demo_world / "v"), "--resend", "5")
    assert missing.returncode == 1
    assert missing.stderr == "tirkeu: This office has not written bundle 5.\n"


def test_district_admin_commands_reach_the_office(demo_world: Path) -> None:
    from tests.transfer.conftest import clock
    from tirkeu.services.transfer import work_calendar
    from tirkeu.sync import pki

    office_p12 = demo_world / "district" / "pki" / f"office-{OFFICE.kato}.p12"
    registered = district(demo_world, "register-office", OFFICE.kato, str(office_p12))
    assert registered.returncode == 0, registered.stderr
    foreign = pki.make_ca("Foreign CA", 2048)
    stranger = pki.save_certificate(foreign.certificate, demo_world / "stranger.pem")
    refused = district(demo_world, "register-office", "X01", str(stranger))
    assert refused.returncode == 1 and "trusted root" in refused.stderr

    saturday = "2026-12-19"
    day = district(demo_world, "calendar", saturday, "--working", "--note", "transfer")
    assert day.returncode == 0, day.stderr
    bundle = Path(
        office(demo_world, "export-bundle", "--out", str(demo_world / "u")).stdout.strip()
    )
    district(demo_world, "import", str(bundle), "--acks", str(demo_world / "acks"))
    [ack] = (demo_world / "acks").glob("*.tkb")
    assert office(demo_world, "import-ack", str(ack)).returncode == 0
    with unlocked(demo_world / "akimat", clock=clock) as ws:
        assert work_calendar(ws).is_working_day(dt.date.fromisoformat(saturday))

    serial = pki.load_pkcs12(office_p12, b"demo").certificate.serial_number
    assert district(demo_world, "revoke", "--serial", f"{serial:x}").returncode == 0
    assert district(demo_world, "revoke", "--serial", "zz").returncode == 1
    with unlocked(demo_world / "akimat", clock=clock) as ws:
        register_new(ws)
    later = Path(office(demo_world, "export-bundle", "--out", str(demo_world / "u")).stdout.strip())
    revoked = district(demo_world, "import", str(later), "--acks", str(demo_world / "acks"))
    assert revoked.returncode == 1
    assert "revoked" in revoked.stderr and len(revoked.stderr.splitlines()) == 1
