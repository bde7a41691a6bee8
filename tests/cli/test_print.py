"""``tirkeu print``: every document type to a PDF, refusals as one line, the specimen."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.services.test_stock import clock, registered_with_iin
from tests.unlocked import unlocked
from tirkeu.cli import print_cmd
from tirkeu.cli.main import main
from tirkeu.services.printing import Document
from tirkeu.services.repeat import Ground, Relation
from tirkeu.services.workspace import Workspace
from tirkeu.storage.models import ActRecordRow, BlankRow

TIRKEU = shutil.which("tirkeu") or str(Path(sys.executable).with_name("tirkeu"))


def text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def child_name(ws: Workspace, record_id: int) -> str:
    with ws.db.session() as s:
        return s.get_one(ActRecordRow, record_id).child_surname


def run(akimat: Path, user: str, *args: str) -> int:
    return main(["--lang", "en", "--data-dir", str(akimat), "--user", user, *args])


@pytest.fixture
def akimat(demo_world: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TIRKEU_PASSWORD", "demo")
    return demo_world / "akimat"


def test_the_choices_match_the_services() -> None:
    assert set(print_cmd.DOCUMENTS) == {d.value for d in Document}
    assert set(print_cmd.RELATIONS) == {r.value for r in Relation}
    assert set(print_cmd.GROUNDS) == {g.value for g in Ground}


def test_every_document_type_prints_to_a_pdf_with_the_childs_name(
    akimat: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with unlocked(akimat, clock=clock) as ws:
        alive = registered_with_iin(ws)
        stillborn = registered_with_iin(ws, alive=False)
        with ws.db.session() as s:
            refused = s.scalar(select(ActRecordRow.id).where(ActRecordRow.status == "refused"))
        assert refused is not None
        names = {r: child_name(ws, r) for r in (alive, stillborn, refused)}
    cases = [
        (alive, "certificate", "kk"),
        (alive, "repeat-certificate", "ru"),
        (stillborn, "stillbirth-spravka", "ru"),
        (alive, "act-record", "kk"),
        (refused, "refusal", "kk"),
    ]
    for record_id, document, lang in cases:
        out = tmp_path / f"{document}.pdf"
        code = run(
            akimat,
            "registrar",
            "print",
            str(record_id),
            "--document",
            document,
            "--lang",
            lang,
            "--pdf",
            str(out),
        )
        captured = capsys.readouterr()
        assert code == 0, (document, captured.err)
        assert names[record_id] in text(out), document
    assert "Қайталама" not in text(tmp_path / "certificate.pdf")
    assert "Повторное" in text(tmp_path / "repeat-certificate.pdf")
    with unlocked(akimat, clock=clock) as ws, ws.db.session() as s:
        blanks = s.scalars(select(BlankRow).where(BlankRow.record_id == alive)).all()
        assert len(blanks) == 2 and {b.status for b in blanks} == {"issued"}


def test_refusals_are_one_line_with_the_paragraph(
    akimat: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with unlocked(akimat, clock=clock) as ws:
        stillborn = registered_with_iin(ws, alive=False)
    out = tmp_path / "c.pdf"
    args = ["print", str(stillborn), "--document", "certificate", "--lang", "ru", "--pdf"]
    assert run(akimat, "registrar", *args, str(out)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "40" in err and "Traceback" not in err
    assert not out.exists()
    assert run(akimat, "registrar", *args, str(tmp_path / "nowhere" / "c.pdf")) == 1
    assert "nowhere" in capsys.readouterr().err


def test_preview_issues_nothing_and_electronic_needs_the_head(
    akimat: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with unlocked(akimat, clock=clock) as ws:
        record_id = registered_with_iin(ws)
    base = ["print", str(record_id), "--document", "certificate", "--pdf"]
    assert run(akimat, "registrar", *base, str(tmp_path / "p.pdf"), "--preview") == 0
    assert "ҮЛГІ" in text(tmp_path / "p.pdf")
    key = str(akimat / "keys" / "office.p12")
    monkeypatch.setenv("TIRKEU_KEY_PASSWORD", "demo")
    assert run(akimat, "registrar", *base, str(tmp_path / "e.pdf"), "--electronic", key) == 1
    assert "sign_electronic" in capsys.readouterr().err
    assert run(akimat, "head", *base, str(tmp_path / "e.pdf"), "--electronic", key) == 0
    assert (tmp_path / "e.pdf").read_bytes().count(b"/ByteRange") == 1
    with unlocked(akimat, clock=clock) as ws, ws.db.session() as s:
        assert s.scalars(select(BlankRow).where(BlankRow.record_id == record_id)).all() == []
        assert s.get_one(ActRecordRow, record_id).status == "certificate_issued"


def test_the_installed_command_prints(akimat: Path, tmp_path: Path) -> None:
    with unlocked(akimat, clock=clock) as ws:
        record_id = registered_with_iin(ws)
    out = tmp_path / "act.pdf"
    env = {**os.environ, "TIRKEU_LANG": "en", "TIRKEU_PASSWORD": "demo"}
    args = ["--data-dir", str(akimat), "--user", "registrar", "print", str(record_id)]
    done = subprocess.run(
        [TIRKEU, *args, "--document", "act-record", "--pdf", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout and out.stat().st_size > 1000
