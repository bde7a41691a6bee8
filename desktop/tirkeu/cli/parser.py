"""An argparse parser that writes its help and its usage errors in the command line's language.

argparse looks each of its own words (``usage:``, ``options``, "the following
arguments are required", …) up through gettext: its module calls ``_()`` and
``ngettext()`` when a parser is built, when help is formatted and when an
error is reported.  ``Parser`` points those two module-level look-ups at
Tirkeu's catalog in the parser's language for exactly the length of each such
call, and puts them back after.  The gettext domain, the environment and every
other module stay untouched, and a test can build a Kazakh and a Russian parser
in one process.  The help texts of Tirkeu's own arguments are translated where
they are written, with ``t(lang, …)``.

The language of the help and of usage errors has to be known before the
command line is parsed: ``argv_language`` finds ``--lang`` on it.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn

from tirkeu.i18n import LANGUAGES, N_, t, tn

# argparse's own messages (Python 3.11) that a person can meet: the help's headings,
# the help option and the usage errors.  Marked so the catalog keeps them.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("not allowed with argument %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("unexpected option string: %s"),
)


@contextlib.contextmanager
def _argparse_in(lang: str) -> Iterator[None]:
    """argparse's gettext look-ups answer from Tirkeu's catalog in ``lang`` meanwhile."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def gettext(message: str) -> str:
        return t(lang, message) if message else message

    def ngettext(singular: str, plural: str, n: int) -> str:
        return tn(lang, singular, plural, n)

    setattr(argparse, "_", gettext)  # noqa: B010 (argparse's own module-level name)
    setattr(argparse, "ngettext", ngettext)  # noqa: B010
    try:
        yield
    finally:
        setattr(argparse, "_", saved[0])  # noqa: B010
        setattr(argparse, "ngettext", saved[1])  # noqa: B010


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` in ``lang``; its sub-commands are built in the same language."""

    def __init__(self, *args: Any, lang: str, **kwargs: Any) -> None:
        self.lang = lang
        with _argparse_in(lang):
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", functools.partial(Parser, lang=self.lang))
        with _argparse_in(self.lang):
            return super().add_subparsers(**kwargs)

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:
        with _argparse_in(self.lang):
            return super().parse_args(args, namespace)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        with _argparse_in(self.lang):
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with _argparse_in(self.lang):
            return super().format_usage()

    def format_help(self) -> str:
        with _argparse_in(self.lang):
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with _argparse_in(self.lang):
            super().error(message)


def argv_language(argv: Sequence[str]) -> str | None:
    """The first ``--lang X`` or ``--lang=X`` on the command line, wherever it stands.

    After a command's name ``--lang`` may also be that command's document language
    (``tirkeu print``); whoever asks for a document in a language reads it too.
    """
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        else:
            continue
        if value in LANGUAGES:
            return value
    return None
