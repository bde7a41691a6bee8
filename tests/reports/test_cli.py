"""``tirkeu report …`` end to end: files written, figures in them, one-line errors."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import TODAY
from tirkeu.cli.main import main
from tirkeu.documents.report_csv import DELIMITER, ENCODING
from tirkeu.services.workspace import Workspace


@pytest.fixture
def data_dir(
    office_template: tuple[Path, dict[str, int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    target = tmp_path / "akimat"
    shutil.copytree(office_template[0], target)
    monkeypatch.setenv("TIRKEU_PASSWORD", "secret2")
    monkeypatch.setattr(Workspace, "today", property(lambda _self: TODAY))
    return target


def _run(data_dir: Path, *args: str) -> int:
    return main(["report", *args, "--data-dir", str(data_dir), "--user", "reg"])


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding=ENCODING)), delimiter=DELIMITER))


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


def test_monthly_writes_the_pdf_and_the_csv(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf, table = tmp_path / "m.pdf", tmp_path / "m.csv"
    code = _run(
        data_dir,
        "monthly",
        "--month",
        "2026-10",
        "--pdf",
        str(pdf),
        "--csv",
        str(table),
        "--lang",
        "ru",
    )
    assert code == 0
    out = capsys.readouterr().out
    assert str(pdf) in out and str(table) in out
    text = _pdf_text(pdf)
    assert "за октябрь 2026 года" in text and "«Утверждаю»" in text
    values = {row[1]: row[3] for row in _csv(table)[1:]}
    assert values["registered"] == "6" and values["refused"] == "1"


def test_the_common_options_may_come_first(data_dir: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "m.pdf"
    code = main(
        [
            "--data-dir",
            str(data_dir),
            "--user",
            "reg",
            "--lang",
            "kk",
            "report",
            "monthly",
            "--month",
            "2026-10",
            "--pdf",
            str(pdf),
        ]
    )
    assert code == 0
    assert "2026 жылғы қазан айы үшін" in _pdf_text(pdf)


def test_book_and_stock(data_dir: Path, tmp_path: Path) -> None:
    book, book_csv = tmp_path / "b.pdf", tmp_path / "b.csv"
    code = _run(
        data_dir,
        "book",
        "--from",
        "2026-09-01",
        "--to",
        "2026-10-31",
        "--pdf",
        str(book),
        "--csv",
        str(book_csv),
        "--lang",
        "kk",
    )
    assert code == 0
    assert "Тууы туралы акт жазбаларының кітабы" in _pdf_text(book)
    assert len(_csv(book_csv)) == 8
    stock = tmp_path / "s.csv"
    assert _run(data_dir, "stock", "--csv", str(stock)) == 0
    rows = {(r[0], r[1]): r[3] for r in _csv(stock)[1:]}
    assert rows[("ТК", "received")] == "60" and rows[("ТК", "issued")] == "11"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["monthly", "--month", "2026-12", "--pdf", "X"], "2026-12"),
        (["monthly", "--month", "2026/10", "--pdf", "X"], "YYYY-MM"),
        (["monthly", "--month", "2026-10"], "--pdf"),
        (["book", "--from", "2026-10-31", "--to", "2026-10-01", "--pdf", "X"], "period"),
        (["book", "--from", "31.10.2026", "--to", "2026-10-01", "--pdf", "X"], "31.10.2026"),
        (["stock", "--pdf", "/nonexistent/folder/s.pdf"], "/nonexistent/folder/s.pdf"),
    ],
)
def test_a_bad_request_is_one_line_and_a_failure(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    args = [str(tmp_path / "x.pdf") if a == "X" else a for a in args]
    common = ["--data-dir", str(data_dir), "--user", "reg"]
    assert main(["--lang", "en", "report", *args, *common]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("tirkeu: ")
    assert message in err
    assert not (tmp_path / "x.pdf").exists()


def test_a_wrong_password_writes_nothing(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIRKEU_PASSWORD", "wrong")
    pdf = tmp_path / "m.pdf"
    assert _run(data_dir, "monthly", "--month", "2026-10", "--pdf", str(pdf)) == 1
    assert not pdf.exists()
