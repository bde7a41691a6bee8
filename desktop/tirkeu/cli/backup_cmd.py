"""``tirkeu backup --out DIR``, ``tirkeu restore FILE`` and ``tirkeu recover``.

A backup signs in like any command (administrator or head).  Restoring does
not: the database may be the damaged thing being replaced, so the backup
password or the office recovery key is what lets one in.  ``recover`` is for
an office where every password is forgotten: the recovery key opens the
encrypted database and an administrator gets a new password.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from tirkeu.i18n import t
from tirkeu.services.errors import ServiceError

BACKUP_PASSWORD_ENV = "TIRKEU_BACKUP_PASSWORD"
RECOVERY_KEY_ENV = "TIRKEU_RECOVERY_KEY"
NEW_PASSWORD_ENV = "TIRKEU_NEW_PASSWORD"


def add_backup_parsers(sub: Any, lang: str) -> None:
    bak = sub.add_parser("backup", help=t(lang, "write an encrypted, checked backup"))
    bak.add_argument(
        "--out",
        required=True,
        metavar=t(lang, "DIR"),
        help=t(lang, "folder to write to (e.g. a USB stick)"),
    )
    res = sub.add_parser("restore", help=t(lang, "replace the database by a backup"))
    res.add_argument("file", metavar=t(lang, "FILE"), help=t(lang, "the backup file"))
    sub.add_parser(
        "recover",
        help=t(lang, "every password forgotten: the recovery key sets an administrator's password"),
    )


def _secret(lang: str) -> str:
    for name in (BACKUP_PASSWORD_ENV, RECOVERY_KEY_ENV):
        value = os.environ.get(name)
        if value:
            return value
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass(t(lang, "Backup password or recovery key: "))


def cmd_backup(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.cli import main as cli
    from tirkeu.services.backups import BackupService

    with cli._open(args) as ws:
        actor = cli._signed_in(args, ws, lang)
        path = BackupService(ws, actor).backup_to(
            Path(args.out).expanduser(), os.environ.get(BACKUP_PASSWORD_ENV) or None
        )
    print(path)
    return 0


def cmd_restore(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.services import datadir
    from tirkeu.services.backups import restore

    backup = Path(args.file).expanduser()
    if not backup.is_file():
        raise ServiceError("There is no file {path}.", path=str(backup))
    kept = restore(datadir.resolve(args.data_dir), backup, _secret(lang))
    print(t(lang, "Restored from {path}.").format(path=str(backup)))
    if kept is not None:
        print(t(lang, "The previous database was kept as {path}.").format(path=str(kept)))
    return 0


def _ask(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass(prompt)


def cmd_recover(args: argparse.Namespace, lang: str) -> int:
    from tirkeu.cli import main as cli

    if not args.user:
        raise ServiceError("Name the administrator with --user NAME.")
    with cli._open(args) as ws:
        key = _ask(RECOVERY_KEY_ENV, t(lang, "Office recovery key: "))
        password = _ask(NEW_PASSWORD_ENV, t(lang, "New password: "))
        typed = not os.environ.get(NEW_PASSWORD_ENV) and sys.stdin.isatty()
        if typed and getpass.getpass(t(lang, "New password again: ")) != password:
            raise ServiceError("The two passwords differ.")
        actor = ws.recover(key, args.user, password)
    print(t(lang, "The administrator {name} has a new password.").format(name=actor.username))
    return 0
