"""The command lines' help and usage errors speak the chosen language (issue 8).

Every help text, metavar and heading of ``tirkeu`` and ``tirkeu-district``, and
argparse's own words, come from the catalog; command and option names stay as
the contract writes them.
"""

from __future__ import annotations

import argparse
import gettext
import os
import subprocess
import sys
from collections.abc import Callable, Iterator

import pytest

from tirkeu.cli import district
from tirkeu.cli import main as cli
from tirkeu.cli.amend_cmd import KINDS
from tirkeu.cli.parser import ARGPARSE_MESSAGES, argv_language
from tirkeu.i18n import t

TRANSLATED = ("kk", "ru")
# Metavars that are the same in every language: a count and a file kind.
CODES = {"N", "P12"}
PARSERS: dict[str, Callable[[str], argparse.ArgumentParser]] = {
    "tirkeu": cli._parser,
    "tirkeu-district": district._parser,
}


def _walk(
    parser: argparse.ArgumentParser, path: str = ""
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """The parser and every sub-command's parser under it, named by their command path."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _walk(sub, f"{path} {name}".strip())


def _texts(parser: argparse.ArgumentParser) -> list[tuple[str, str | None]]:
    """(what, text) for the description, group titles, help texts and metavars."""
    texts: list[tuple[str, str | None]] = [("description", parser.description)]
    texts += [("group", g.title) for g in parser._action_groups]
    for action in parser._actions:
        name = "/".join(action.option_strings) or action.dest
        texts.append((f"help of {name}", action.help))
        if isinstance(action, argparse._SubParsersAction):
            texts += [(f"help of {c.dest}", c.help) for c in action._get_subactions()]
        if isinstance(action.metavar, str):
            texts.append((f"metavar of {name}", action.metavar))
    return texts


def _flat(text: str) -> str:
    """Text without whitespace: help wraps lines (and breaks at hyphens) as the terminal allows."""
    return "".join(text.split())


@pytest.mark.parametrize("prog", PARSERS)
def test_every_argument_explains_itself(prog: str) -> None:
    missing = [
        (path, "/".join(a.option_strings) or a.dest)
        for path, parser in _walk(PARSERS[prog]("en"))
        for a in parser._actions
        if not a.help
    ]
    assert not missing


@pytest.mark.parametrize("prog", PARSERS)
@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_help_text_is_left_in_english(prog: str, lang: str) -> None:
    english = list(_walk(PARSERS[prog]("en")))
    translated = list(_walk(PARSERS[prog](lang)))
    assert [path for path, _ in translated] == [path for path, _ in english]
    for (path, en_parser), (_, parser) in zip(english, translated, strict=True):
        for (what, msgid), (_, text) in zip(_texts(en_parser), _texts(parser), strict=True):
            if msgid is None:
                assert text is None, (path, what)
                continue
            if what.startswith("metavar") and not any(c.isascii() and c.isupper() for c in msgid):
                continue  # command names, as the contract writes them
            assert text == t(lang, msgid), (path, what, msgid)
            if msgid not in CODES:
                assert text != msgid, f"{prog} {path}: {what} is in English: {msgid!r}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_argparse_own_words_are_in_the_catalog(lang: str) -> None:
    assert all(t(lang, m) != m for m in ARGPARSE_MESSAGES)


def _help(
    run: Callable[[list[str]], int], argv: list[str], capsys: pytest.CaptureFixture[str]
) -> str:
    with pytest.raises(SystemExit) as exit_:
        run(argv)
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    return out


@pytest.mark.parametrize(
    ("prog", "run"), [("tirkeu", cli.main), ("tirkeu-district", district.main)]
)
@pytest.mark.parametrize("lang", TRANSLATED)
def test_help_of_every_command_reads_in_the_language(
    prog: str, run: Callable[[list[str]], int], lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for path, parser in _walk(PARSERS[prog](lang)):
        # --lang after the command name chooses the language too.
        argv = [*path.split(), "--help", "--lang", lang] if path else ["--lang", lang, "--help"]
        out = _help(run, argv, capsys)
        assert out.startswith(t(lang, "usage: ") + prog), (path, out)
        for heading in ("options", "show this help message and exit"):
            assert _flat(t(lang, heading)) in _flat(out), (path, heading)
        for english in ("usage:", "options:", "positional arguments:", "show this help"):
            assert english not in out, (path, english)
        for action in parser._actions:
            assert action.help is not None
            assert _flat(action.help) in _flat(out), (path, action.help)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_missing_argument_is_reported_in_the_language(
    lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--lang", lang, "print"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    names = ", ".join([t(lang, "RECORD"), "--document", "--pdf"])
    message = t(lang, "the following arguments are required: %s") % names
    assert err.startswith(t(lang, "usage: ") + "tirkeu print")
    assert err.endswith(_error_line(lang, "tirkeu print", message))


def _error_line(lang: str, prog: str, message: str) -> str:
    return t(lang, "%(prog)s: error: %(message)s\n") % {"prog": prog, "message": message}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_wrong_choice_and_a_stray_argument_are_reported_in_the_language(
    lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["amend", "1", "--kind", "rename", "--basis", "other", "--lang", lang])
    assert exit_.value.code == 2
    choice = t(lang, "invalid choice: %(value)r (choose from %(choices)s)") % {
        "value": "rename",
        "choices": ", ".join(map(repr, KINDS)),
    }
    message = t(lang, "argument %(argument_name)s: %(message)s") % {
        "argument_name": "--kind",
        "message": choice,
    }
    assert capsys.readouterr().err.endswith(_error_line(lang, "tirkeu amend", message))

    with pytest.raises(SystemExit) as exit_:
        district.main(["--lang", lang, "verify", "a.tkb", "b.tkb"])
    assert exit_.value.code == 2
    message = t(lang, "unrecognized arguments: %s") % "b.tkb"
    assert capsys.readouterr().err.endswith(_error_line(lang, "tirkeu-district", message))


def test_without_lang_the_environment_chooses(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TIRKEU_LANG", "kk")
    with pytest.raises(SystemExit) as exit_:
        cli.main(["list", "--records"])
    assert exit_.value.code == 2
    message = t("kk", "unrecognized arguments: %s") % "--records"
    assert capsys.readouterr().err.endswith(_error_line("kk", "tirkeu", message))


def test_argparse_speaks_english_again_afterwards(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--lang", "ru", "print"])
    capsys.readouterr()
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert argparse.ngettext is gettext.ngettext  # type: ignore[attr-defined]
    assert argparse.ArgumentParser(prog="x").format_usage() == "usage: x [-h]\n"


def test_the_password_prompt_follows_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    prompts: list[str] = []

    def getpass(prompt: str) -> str:
        prompts.append(prompt)
        return "x"

    monkeypatch.delenv("TIRKEU_PASSWORD", raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(cli.getpass, "getpass", getpass)
    cli._password("kk")
    cli._password("ru")
    assert prompts == ["Құпиясөз: ", "Пароль: "]


@pytest.mark.parametrize(
    ("argv", "lang"),
    [
        (["--lang", "ru", "list"], "ru"),
        (["--data-dir", "d", "list", "--lang=kk"], "kk"),
        (["print", "1", "--lang", "kk", "--lang", "ru"], "kk"),
        (["--lang", "de", "list"], None),
        (["list", "--lang"], None),
        (["validate", "--", "--lang", "kk"], None),
    ],
)
def test_the_language_is_found_before_parsing(argv: list[str], lang: str | None) -> None:
    assert argv_language(argv) == lang


def test_the_installed_command_prints_kazakh_help() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-m", "tirkeu.cli.main", "--lang", "kk", "report", "monthly", "--help"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("қолданылуы: tirkeu report monthly")
    assert "ЖЖЖЖ-АА" in done.stdout
