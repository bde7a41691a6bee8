"""An open data folder: the instance lock, the database and the office in it.

The GUI and the command line both start here, so opening, first-run setup and
sign-in behave the same in both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from tirkeu.domain.record import Office
from tirkeu.i18n import N_
from tirkeu.services import auth, datadir
from tirkeu.services.errors import ServiceError
from tirkeu.storage import audit
from tirkeu.storage.backup import newest_good_backup
from tirkeu.storage.db import Database, DatabaseError, open_database
from tirkeu.storage.models import OfficeRow

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True)
class OfficeSetup:
    name_kk: str
    name_ru: str
    kato: str
    district_kk: str
    district_ru: str
    head_name: str
    number_start: int = 1


_DB_MESSAGES = {
    "corrupt": N_(
        "The database {path} is damaged ({detail}); it was not opened and not changed. "
        "Restore the newest good backup, {backup}, with: tirkeu restore FILE."
    ),
    "corrupt_no_backup": N_(
        "The database {path} is damaged ({detail}); it was not opened and not changed. "
        "No backup was found in {folder}: restore one from a USB stick with: "
        "tirkeu restore FILE."
    ),
    "newer": N_(
        "The database {path} was written by a newer version of Tirkeu (schema {detail}). "
        "Install that version; the file was not changed."
    ),
}


class Workspace:
    """One data folder opened by one process; close it when done."""

    def __init__(
        self,
        data_dir: Path,
        db: Database,
        lock: datadir.InstanceLock | None,
        clock: Clock = dt.datetime.now,
    ) -> None:
        self.data_dir = data_dir
        self.db = db
        self._lock = lock
        self.clock = clock

    @classmethod
    def open(
        cls, data_dir: Path, *, lock: bool = True, clock: Clock = dt.datetime.now
    ) -> Workspace:
        datadir.prepare(data_dir)
        instance = datadir.InstanceLock(data_dir) if lock else None
        if instance:
            instance.acquire()
        try:
            db = open_database(data_dir)
        except DatabaseError as exc:
            if instance:
                instance.release()
            code, backup = exc.code, None
            if code == "corrupt":
                backup = newest_good_backup(data_dir / "backups")
                code = "corrupt" if backup else "corrupt_no_backup"
            raise ServiceError(
                _DB_MESSAGES[code],
                path=str(exc.path),
                detail=exc.detail,
                backup=str(backup),
                folder=str(data_dir / "backups"),
            ) from None
        except BaseException:
            if instance:
                instance.release()
            raise
        return cls(data_dir, db, instance, clock)

    def close(self) -> None:
        self.db.close()
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def today(self) -> dt.date:
        return self.clock().date()

    def is_set_up(self) -> bool:
        with self.db.session() as s:
            return s.scalars(select(OfficeRow)).first() is not None

    def office(self) -> Office:
        with self.db.session() as s:
            row = s.scalars(select(OfficeRow)).one()
            return Office(
                row.name_kk, row.name_ru, row.kato, row.district_kk, row.district_ru, row.head_name
            )

    def office_code(self) -> str:
        with self.db.session() as s:
            return s.scalars(select(OfficeRow)).one().code

    def set_up(
        self, office: OfficeSetup, admin_username: str, admin_full_name: str, admin_password: str
    ) -> auth.Actor:
        """First run: the office and its first administrator, in one transaction."""
        problems = []
        for label, value in (
            ("name_kk", office.name_kk),
            ("name_ru", office.name_ru),
            ("district_kk", office.district_kk),
            ("district_ru", office.district_ru),
            ("head_name", office.head_name),
        ):
            if not value.strip():
                problems.append(label)
        if problems:
            raise ServiceError("Fill in the office fields: {fields}.", fields=", ".join(problems))
        if not (office.kato.isdigit() and len(office.kato) == 9):
            raise ServiceError("The KATO code has 9 digits.")
        if office.number_start < 1:
            raise ServiceError("The first act record number must be 1 or more.")
        with self.db.session() as s:
            if s.scalars(select(OfficeRow)).first() is not None:
                raise ServiceError("This data folder already has an office.")
            row = OfficeRow(
                name_kk=office.name_kk.strip(),
                name_ru=office.name_ru.strip(),
                kato=office.kato,
                district_kk=office.district_kk.strip(),
                district_ru=office.district_ru.strip(),
                head_name=office.head_name.strip(),
                code=office.kato,
                number_start=office.number_start,
                created_at=self.clock(),
            )
            s.add(row)
            s.flush()
            audit.append(
                s,
                user_id=None,
                action="office.create",
                entity="office",
                entity_id=row.id,
                after={"kato": office.kato},
                at=self.clock(),
            )
            return auth.create_user(
                s,
                username=admin_username,
                full_name=admin_full_name,
                role=auth.Role.ADMIN,
                password=admin_password,
                by=None,
                at=self.clock(),
            )

    def sign_in(self, username: str, password: str) -> auth.Actor:
        # The failure counter must be saved even though sign-in fails, so the
        # error is raised after the transaction commits.
        error: ServiceError | None = None
        actor: auth.Actor | None = None
        with self.db.session() as s:
            try:
                actor = auth.sign_in(s, username, password, self.clock())
            except ServiceError as exc:
                error = exc
        if error:
            raise error
        assert actor is not None
        return actor
