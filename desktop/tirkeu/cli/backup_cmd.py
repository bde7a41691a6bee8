"""``tirkeu backup --out DIR`` and ``tirkeu restore FILE``.

A backup signs in like any command (administrator or head).  Restoring does
not: the database may be the damaged thing being replaced, so the backup
password or the office recovery key is what lets one in.
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


def add_backup_parsers(sub: Any) -> None:
    bak = sub.add_parser("backup", help="write an encrypted, checked backup")
    bak.add_argument("--out", required=True, help="folder to write to (e.g. a USB stick)")
    res = sub.add_parser("restore", help="replace the database by a backup")
    res.add_argument("file")


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
