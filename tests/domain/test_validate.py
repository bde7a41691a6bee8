"""``tirkeu validate``: exit codes 0/1/2, one clear line per bad file, JSON lines."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.domain.conftest import DATA, TODAY
from tirkeu.cli.validate import run_validate
from tirkeu.domain.schema import (
    MAX_FILE_BYTES,
    ApplicationFileError,
    load_application_file,
    schema_problems,
)

VALID = sorted(str(p) for p in (DATA / "valid").glob("*.json"))
LATE = str(DATA / "invalid" / "late_without_conclusion.json")


def validate(paths: list[str], lang: str = "en", as_json: bool = False) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_validate(paths, lang, as_json, out, err, today=TODAY)
    return code, out.getvalue(), err.getvalue()


def test_exit_0_for_valid_files() -> None:
    code, out, err = validate(VALID)
    assert code == 0 and err == ""
    assert len(out.splitlines()) >= len(VALID)


def test_exit_1_for_an_error_finding_with_readable_lines() -> None:
    code, out, err = validate([LATE], lang="ru")
    assert code == 1 and err == ""
    assert "п. 18" in out and "ошибка" in out and "p18.conclusion_required" in out


def test_kazakh_output() -> None:
    code, out, _ = validate([LATE], lang="kk")
    assert code == 1 and "18-тармақ" in out and "қате" in out


def test_json_lines_contract() -> None:
    code, out, _ = validate([VALID[0], LATE], as_json=True)
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["ok"] for line in lines] == [True, False]
    finding = next(f for f in lines[1]["findings"] if f["rule"] == "p18.conclusion_required")
    assert finding == {
        "severity": "error",
        "field": "late_registration_conclusion",
        "paragraph": 18,
        "rule": "p18.conclusion_required",
        "message": finding["message"],
    }
    assert set(lines[0]) == {"file", "ok", "findings"}


def test_exit_2_wins_and_other_files_are_still_checked() -> None:
    code, out, err = validate([LATE, str(DATA / "bad" / "malformed.json"), VALID[0]])
    assert code == 2
    assert len(err.splitlines()) == 1
    assert LATE in out and VALID[0] in out


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("malformed.json", "not valid JSON"),
        ("wrong_types.json", "child.alive: must be of JSON type boolean"),
        ("unknown_scenario.json", 'scenario: unknown value "adopted"'),
        ("wrong_date_format.json", "received_on: must be a date written YYYY-MM-DD"),
        ("missing_field.json", "child.birth_date: the field is missing"),
        ("not_an_object.json", "$: must be of JSON type object"),
    ],
)
def test_bad_files_one_clear_line(name: str, expected: str) -> None:
    path = str(DATA / "bad" / name)
    code, out, err = validate([path])
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and expected in err and "Traceback" not in err
    assert err.startswith(path + ": ")


def test_bad_file_in_json_mode_gives_a_line_too() -> None:
    path = str(DATA / "bad" / "unknown_scenario.json")
    code, out, err = validate([path], lang="kk", as_json=True)
    line = json.loads(out)
    assert code == 2 and line["ok"] is False and line["findings"] == []
    assert "белгісіз мән" in line["error"] and err.strip()


def test_missing_file(tmp_path: Path) -> None:
    code, _, err = validate([str(tmp_path / "absent.json")], lang="ru")
    assert code == 2 and "Файл не существует." in err


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    code, _, err = validate([str(tmp_path)])
    assert code == 2 and "not a file" in err


def test_fifty_megabyte_file_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    code, _, err = validate([str(big)])
    assert code == 2 and f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB" in err


def test_non_utf8_bytes(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.json"
    text = (DATA / "valid" / "unmarried_mother_statement.json").read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1251", errors="replace"))
    code, _, err = validate([str(path)], lang="kk")
    assert code == 2 and "UTF-8" in err


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + (DATA / "valid" / "married.json").read_bytes())
    assert validate([str(path)])[0] == 0


def test_nan_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "nan.json"
    path.write_text('{"schema": NaN}', encoding="utf-8")
    code, _, err = validate([str(path)])
    assert code == 2 and "NaN" in err


def test_deeply_nested_json(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, _, err = validate([str(path)])
    assert code == 2 and "not valid JSON" in err


def test_load_application_file_error_is_translated() -> None:
    with pytest.raises(ApplicationFileError) as info:
        load_application_file(DATA / "bad" / "wrong_types.json")
    assert "child.alive" in info.value.message("ru")
    assert "и еще ошибок: 1" in info.value.message("ru")
    assert "child.alive" in str(info.value)


def test_schema_problems_name_each_field_once() -> None:
    data = json.loads((DATA / "bad" / "wrong_types.json").read_text(encoding="utf-8"))
    paths = [p.path for p in schema_problems(data)]
    assert paths == ["child.alive", "child.multiple_birth.count"]


def test_schema_accepts_every_valid_example() -> None:
    for path in VALID:
        assert schema_problems(json.loads(Path(path).read_text(encoding="utf-8"))) == []
