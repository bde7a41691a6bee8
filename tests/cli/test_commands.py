"""The installed ``tirkeu`` command, run as a user runs it: as a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TIRKEU = shutil.which("tirkeu") or str(Path(sys.executable).with_name("tirkeu"))


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "TIRKEU_LANG": "en", **(env or {})}
    return subprocess.run(
        [TIRKEU, *args], capture_output=True, text=True, env=full_env, timeout=300, check=False
    )


@pytest.mark.slow
def test_self_test_passes_with_no_error_output() -> None:
    result = run("--self-test", env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert result.stderr == ""


def test_demo_data_then_list_as_json(tmp_path: Path) -> None:
    result = run("demo-data", "--data-dir", str(tmp_path / "w"), "--records", "25")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "w" / "akimat" / "tirkeu.sqlite").exists()
    assert (tmp_path / "w" / "district" / "keys" / "district.p12").exists()
    listed = run(
        "--data-dir",
        str(tmp_path / "w" / "akimat"),
        "--user",
        "registrar",
        "list",
        "--json",
        env={"TIRKEU_PASSWORD": "demo"},
    )
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert len(rows) == 25
    assert {"id", "number", "scenario", "status", "child"} <= set(rows[0])
    assert {r["scenario"] for r in rows} <= {
        "married",
        "unmarried",
        "stillborn",
        "found",
        "surrogacy",
    }
    assert any(r["number"] is None for r in rows if r["status"] == "draft")


def test_wrong_password_is_one_line_not_a_traceback(demo_world: Path) -> None:
    result = run(
        "--data-dir",
        str(demo_world / "akimat"),
        "--user",
        "registrar",
        "list",
        env={"TIRKEU_PASSWORD": "nope"},
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "tirkeu: Wrong user name or password."


def test_messages_follow_the_chosen_language(demo_world: Path) -> None:
    result = run(
        "--lang",
        "kk",
        "--data-dir",
        str(demo_world / "akimat"),
        "--user",
        "registrar",
        "list",
        env={"TIRKEU_PASSWORD": "nope"},
    )
    assert result.stderr.strip() == "tirkeu: Пайдаланушы аты немесе құпиясөз қате."


def test_a_folder_that_cannot_be_written_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run(
        "--data-dir", str(blocker / "data"), "--user", "x", "list", env={"TIRKEU_PASSWORD": "x"}
    )
    assert result.returncode == 1
    assert "cannot be written" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_damaged_database_is_refused_and_kept(tmp_path: Path) -> None:
    data = tmp_path / "d"
    data.mkdir()
    db = data / "tirkeu.sqlite"
    db.write_bytes(b"this is not a database at all" * 100)
    result = run("--data-dir", str(data), "--user", "x", "list", env={"TIRKEU_PASSWORD": "x"})
    assert result.returncode == 1
    assert "damaged" in result.stderr and "backup" in result.stderr
    assert db.read_bytes() == b"this is not a database at all" * 100


def test_audit_verify(demo_world: Path) -> None:
    result = run(
        "--data-dir",
        str(demo_world / "akimat"),
        "--user",
        "head",
        "audit",
        "verify",
        env={"TIRKEU_PASSWORD": "demo"},
    )
    assert result.returncode == 0, result.stderr
    assert "audit chain holds" in result.stdout
