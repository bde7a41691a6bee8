"""The amendment commands in-process: each kind end to end in Kazakh and Russian,
one-line refusals, the record's history, the blanks and the fee."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.amendments.helpers import FATHER, clock, record_where
from tests.unlocked import unlocked
from tirkeu.cli import main as cli
from tirkeu.services.workspace import Workspace


@pytest.fixture
def akimat(demo_world: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TIRKEU_PASSWORD", "demo")
    monkeypatch.setattr(
        cli, "_open", lambda args: Workspace.open(demo_world / "akimat", clock=clock)
    )
    return demo_world / "akimat"


def record_id(akimat: Path, **columns: str) -> int:
    with unlocked(akimat, clock=clock) as ws:
        return record_where(ws, **columns)


def tirkeu(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


BASIS = ["--basis-number", "41", "--basis-date", "2026-11-19", "--basis-issuer", "Талғар АХАЖ"]


@pytest.mark.parametrize(
    ("lang", "fee", "version"),
    [
        ("kk", "2\xa0162,50\xa0₸", "нұсқа"),
        ("ru", "2\xa0162,50\xa0₸", "Версия"),
    ],
)
def test_a_correction_end_to_end(
    akimat: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    fee: str,
    version: str,
) -> None:
    rid = record_id(akimat, status="certificate_issued", scenario="married")
    code, out, err = tirkeu(
        capsys, "--lang", lang, "amend", str(rid), "--user", "registrar",
        "--kind", "correction", "--basis", "application", *BASIS,
        "--set", "child.given_name=Әлихан", "--json",
    )  # fmt: skip
    assert code == 0, err
    amendment = json.loads(out)
    assert amendment["status"] == "pending" and amendment["due_on"] == "2026-12-01"
    assert amendment["changes"][0]["after"] == "Әлихан"
    aid = str(amendment["id"])

    code, out, err = tirkeu(capsys, "--lang", lang, "amend-decide", aid, "--user", "registrar",
                            "--approve")  # fmt: skip
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    code, out, err = tirkeu(capsys, "--lang", lang, "amend-decide", aid, "--user", "head",
                            "--approve")  # fmt: skip
    assert code == 0, err

    pdf = tmp_path / "after.pdf"
    code, out, err = tirkeu(
        capsys, "--lang", lang, "amend-issue", aid, "--user", "registrar", "--pdf", str(pdf),
        "--recipient", "parent", "--surrendered",
    )  # fmt: skip
    assert code == 0, err
    assert pdf.read_bytes().startswith(b"%PDF") and fee in out

    code, out, err = tirkeu(capsys, "--lang", lang, "history", str(rid), "--user", "head")
    assert code == 0 and out.count(version) == 2 and "child.given_name" in out
    code, out, err = tirkeu(capsys, "history", str(rid), "--user", "head", "--json")
    history = json.loads(out)
    assert [v["version"] for v in history["versions"]] == [1, 2]
    assert history["versions"][1]["application"]["child"]["given_name"] == "Әлихан"
    assert history["amendments"][0]["fee"] == "2162.50"
    code, out, err = tirkeu(capsys, "--lang", lang, "amendments", "--record", str(rid),
                            "--user", "head", "--json")  # fmt: skip
    assert json.loads(out)[0]["certificate"] is not None


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_paternity_through_the_command_line(
    akimat: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    rid = record_id(akimat, status="certificate_issued", scenario="unmarried", father_basis="none")
    father = tmp_path / "father.json"
    father.write_text(json.dumps(FATHER, ensure_ascii=False), encoding="utf-8")
    code, out, err = tirkeu(
        capsys, "--lang", lang, "amend", str(rid), "--user", "registrar", "--kind", "paternity",
        "--basis", "paternity_acknowledgment", *BASIS, "--set-json", f"father=@{father}",
    )  # fmt: skip
    assert code == 1 and "26" in err and err.count("\n") == 1
    code, out, err = tirkeu(
        capsys, "--lang", lang, "amend", str(rid), "--user", "registrar", "--kind", "paternity",
        "--basis", "joint_paternity_application", *BASIS, "--set-json", f"father=@{father}",
        "--set", "child.patronymic=Ерланұлы",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = tirkeu(capsys, "amendments", "--user", "head", "--json")
    (pending,) = json.loads(out)
    code, out, err = tirkeu(
        capsys, "--lang", lang, "amend-decide", str(pending["id"]), "--user", "head", "--approve",
        "--acknowledge", "p26.joint_application",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = tirkeu(capsys, "history", str(rid), "--user", "head", "--json")
    app = json.loads(out)["versions"][-1]["application"]
    assert app["father"]["surname"] == "Бекболатов" and app["father_basis"] == "joint_paternity"


@pytest.mark.parametrize(("lang", "draft_word"), [("kk", "жоба"), ("ru", "черновик")])
def test_bad_input_is_one_translated_line(
    akimat: Path, capsys: pytest.CaptureFixture[str], lang: str, draft_word: str
) -> None:
    draft = record_id(akimat, status="draft", scenario="married")
    code, out, err = tirkeu(
        capsys, "--lang", lang, "amend", str(draft), "--user", "registrar", "--kind", "change",
        "--basis", "application", *BASIS, "--set", "child.given_name=Ая",
    )  # fmt: skip
    assert code == 1 and draft_word in err and err.count("\n") == 1 and not out
    rid = record_id(akimat, status="certificate_issued", scenario="married")
    code, out, err = tirkeu(
        capsys, "--lang", lang, "amend", str(rid), "--user", "registrar", "--kind", "change",
        "--basis", "court_decision", "--set", "child.given_name=Ая",
    )  # fmt: skip
    assert code == 1 and "basis" in err and err.count("\n") == 1 and not out
    code, out, err = tirkeu(
        capsys, "--lang", lang, "amend", str(rid), "--user", "registrar", "--kind", "change",
        "--basis", "court_decision", *BASIS, "--set-json", "child.given_name={bad",
    )  # fmt: skip
    assert code == 1 and "Traceback" not in err and not out
