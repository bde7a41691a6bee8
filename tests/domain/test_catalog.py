"""Every finding and every validate message exists in Kazakh, Russian and English."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

import tirkeu.domain.rules as rules_package
from tirkeu.cli.validate import CLI_MESSAGES
from tirkeu.domain.findings import MESSAGES, Finding, Severity
from tirkeu.domain.schema import FILE_MESSAGES, SCHEMA_MESSAGES
from tirkeu.i18n import t

ALL_MSGIDS = [
    *MESSAGES.values(),
    *FILE_MESSAGES.values(),
    *SCHEMA_MESSAGES.values(),
    *CLI_MESSAGES.values(),
]
RULES_DIR = Path(rules_package.__file__).parent


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("msgid", ALL_MSGIDS)
def test_message_translated(lang: str, msgid: str) -> None:
    text = t(lang, msgid, "rules")
    assert text.strip()
    if lang != "en":
        assert text != msgid
    assert _fields(text) == _fields(msgid)


def test_kazakh_texts_use_kazakh_letters() -> None:
    texts = [t("kk", m, "rules") for m in MESSAGES.values()]
    assert sum(bool(re.search("[әғқңөұүһі]", s)) for s in texts) > len(texts) * 0.9


def test_every_rule_id_used_in_the_rules_has_a_message() -> None:
    used = set()
    for source in RULES_DIR.glob("*.py"):
        text = source.read_text("utf-8")
        used |= set(re.findall(r'ctx\.(?:error|warning)\(\s*"([^"]+)"', text))
        used |= set(re.findall(r'"(p\d+\.[a-z_]+)"', text))  # ids kept in tables
    generated = {k for k in MESSAGES if k.startswith(("name.", "iin."))}
    assert used - set(MESSAGES) == set()
    assert set(MESSAGES) - used - generated == set()


def test_unknown_rule_id_is_refused() -> None:
    with pytest.raises(KeyError):
        Finding(Severity.ERROR, "child", None, "no.such_rule")


def test_finding_renders_in_each_language() -> None:
    f = Finding(Severity.ERROR, "child.birth_date", 18, "p18.conclusion_required", {"age": 2})
    assert "2" in f.message("kk") and "2" in f.message("ru")
    assert f.to_json("ru") == {
        "severity": "error",
        "field": "child.birth_date",
        "paragraph": 18,
        "rule": "p18.conclusion_required",
        "message": f.message("ru"),
    }
    assert hash(f) == hash(Finding(Severity.ERROR, "child.birth_date", 18, f.rule, {"age": 3}))
