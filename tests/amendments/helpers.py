"""Shared pieces of the amendment tests: a workspace on the demo world, records to amend."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from tests.conftest import TODAY
from tirkeu.domain.amendments import Basis, BasisKind
from tirkeu.services.auth import Actor
from tirkeu.services.workspace import Workspace
from tirkeu.storage.models import ActRecordRow, BlankRow, CertificateRow

FATHER: dict[str, Any] = {
    "surname": "Бекболатов",
    "given_name": "Ерлан",
    "patronymic": "Маратұлы",
    "birth_date": "1990-03-14",
    "iin": "900314301241",
    "citizenship": "KZ",
    "document": {
        "kind": "id_card",
        "number": "045678912",
        "issued_on": "2016-05-10",
        "issuer": "ҚР ІІМ",
    },
}


def clock() -> dt.datetime:
    return dt.datetime.combine(TODAY, dt.time(10, 0))


def sign(ws: Workspace, user: str) -> Actor:
    return ws.sign_in(user, "demo")


def basis(kind: BasisKind = BasisKind.APPLICATION) -> Basis:
    return Basis(kind, "17", TODAY - dt.timedelta(days=1), "Талғар ауданының АХАЖ бөлімі")


def record_where(ws: Workspace, **columns: Any) -> int:
    """The first record whose columns (and application father_basis) match."""
    father_basis = columns.pop("father_basis", None)
    with ws.db.session() as s:
        rows = s.scalars(select(ActRecordRow).filter_by(**columns).order_by(ActRecordRow.id)).all()
        for row in rows:
            if father_basis is None or row.application["father_basis"] == father_basis:
                return row.id
    raise LookupError(columns)


def valid_blanks(ws: Workspace, record_id: int) -> list[str]:
    with ws.db.session() as s:
        rows = s.execute(
            select(BlankRow.number)
            .join(CertificateRow, CertificateRow.blank_id == BlankRow.id)
            .where(CertificateRow.record_id == record_id, CertificateRow.valid.is_(True))
        ).all()
    return [r[0] for r in rows]


def blank_status(ws: Workspace, number: str) -> str:
    with ws.db.session() as s:
        return s.scalars(select(BlankRow.status).where(BlankRow.number == number)).one()
