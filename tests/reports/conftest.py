"""An office with records made for the reports: known scenarios, sexes, dates and states.

October 2026 is the month under test (see ``EXPECTED_OCTOBER``); a few records
fall outside it so that the month's bounds are tested too.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from tests.conftest import TODAY
from tirkeu.domain.application import Application, BirthPlace, Doc, Scenario, Sex
from tirkeu.domain.record import ActRecord, RecordStatus
from tirkeu.services import auth
from tirkeu.services.auth import Actor
from tirkeu.services.demo import OFFICE, sample_application
from tirkeu.services.records import RecordService
from tirkeu.services.stock import StockService
from tirkeu.services.workspace import Workspace
from tirkeu.storage.models import BlankRow, CertificateRow
from tirkeu.storage.records import RecordRepository

D = dt.date
KATO_A, KATO_B = "196243100", "196243300"
PLACE_A = ("Бесағаш ауылы", "село Бесагаш")
PLACE_B = ("Жаңалық ауылы", "село Жаналык")


class Clock:
    """A settable clock, so records get registered on the days the test chooses."""

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.datetime:
        return dt.datetime.combine(self.day, dt.time(10, 0))


@dataclass
class Office:
    ws: Workspace
    registrar: Actor
    admin: Actor
    ids: dict[str, int]


def _app(
    scenario: Scenario,
    born: dt.date,
    received: dt.date,
    sex: Sex,
    kato: str | None,
    seed: int,
    lang: str = "kk",
) -> Application:
    app = sample_application(scenario, born, received, seed=seed)
    place = {KATO_A: PLACE_A, KATO_B: PLACE_B}.get(kato or "", ("", ""))
    text = place[0] if lang == "kk" else place[1]
    child = replace(app.child, sex=sex, birth_place=BirthPlace(text or "теңізде", kato))
    return replace(app, child=child, language=type(app.language)(lang))


def _put(
    ws: Workspace,
    app: Application,
    status: RecordStatus,
    number: int | None,
    record_date: dt.date | None,
) -> int:
    with ws.db.session() as s:
        record = ActRecord(id=None, application=app, status=status, number=number)
        record.record_date = record_date
        if status is RecordStatus.REFUSED:
            record.refusal_reason = "Құжаттар толық емес (14-тармақ)"
        RecordRepository(s).add(record, None)
        assert record.id is not None
        return record.id


@pytest.fixture(scope="session")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The office built once; each test gets a copy (password hashing is slow on purpose)."""
    root = tmp_path_factory.mktemp("reports-office")
    clock = Clock(D(2026, 10, 5))
    with Workspace.open(root / "akimat", clock=clock) as ws:
        ids = _build(ws, clock)
    for lock in root.rglob("tirkeu.lock"):
        lock.unlink()
    return root / "akimat", ids


@pytest.fixture
def office(office_template: tuple[Path, dict[str, int]], tmp_path: Path) -> Iterator[Office]:
    source, ids = office_template
    shutil.copytree(source, tmp_path / "akimat")
    ws = Workspace.open(tmp_path / "akimat", clock=Clock(TODAY))
    yield Office(ws, ws.sign_in("reg", "secret2"), ws.sign_in("admin", "secret1"), dict(ids))
    ws.close()


def _build(ws: Workspace, clock: Clock) -> dict[str, int]:
    admin = ws.set_up(OFFICE, "admin", "Сейітова Ақмарал", "secret1")
    with ws.db.session() as s:
        auth.create_user(
            s,
            username="reg",
            full_name="Оспанова Гүлмира",
            role=auth.Role.REGISTRAR,
            password="secret2",
            by=admin.user_id,
        )
    registrar = ws.sign_in("reg", "secret2")
    ids: dict[str, int] = {}
    records = RecordService(ws, registrar)

    # 1. Registered through the service on 5 October, within its 2 working days.
    draft = records.save_draft(
        _app(Scenario.MARRIED, D(2026, 10, 1), D(2026, 10, 2), Sex.MALE, KATO_A, 1)
    )
    assert draft.id is not None
    warnings = [f.rule for f in records.findings(draft.application)]
    ids["married_boy"] = records.register(draft.id, acknowledged=warnings).id or 0
    # 2. Received 2 October, due 6 October, registered on the 12th: after the term.
    ids["late_girl"] = _put(
        ws,
        _app(Scenario.UNMARRIED, D(2026, 10, 1), D(2026, 10, 2), Sex.FEMALE, KATO_B, 2, "ru"),
        RecordStatus.CERTIFICATE_ISSUED,
        2,
        D(2026, 10, 12),
    )
    # 3. Stillborn boy.
    still = _app(Scenario.STILLBORN, D(2026, 10, 5), D(2026, 10, 6), Sex.MALE, KATO_A, 3)
    still = replace(still, child=replace(still.child, alive=False))
    ids["stillborn"] = _put(ws, still, RecordStatus.REGISTERED, 3, D(2026, 10, 6))
    # 4. A girl of one year and a half (п. 18), registered within 7 working days.
    older = _app(Scenario.MARRIED, D(2025, 3, 1), D(2026, 10, 7), Sex.FEMALE, KATO_B, 4)
    older = replace(older, late_registration_conclusion=Doc("12", D(2026, 10, 8), "АХАЖ"))
    ids["p18"] = _put(ws, older, RecordStatus.TRANSFERRED, 4, D(2026, 10, 9))
    # 5. An adult registered on his own application (п. 19).
    adult = _app(Scenario.MARRIED, D(2000, 1, 1), D(2026, 10, 8), Sex.MALE, KATO_A, 5)
    ids["p19"] = _put(ws, adult, RecordStatus.CONFIRMED, 5, D(2026, 10, 9))
    # 6. A found girl, place of birth without a KATO code.
    found = _app(Scenario.FOUND, D(2026, 9, 28), D(2026, 10, 1), Sex.FEMALE, None, 6)
    ids["found"] = _put(ws, found, RecordStatus.REGISTERED, 6, D(2026, 10, 2))
    # Outside October: September's registration, refusals in October and November.
    sept = _app(Scenario.MARRIED, D(2026, 9, 10), D(2026, 9, 11), Sex.MALE, KATO_A, 7)
    ids["september"] = _put(ws, sept, RecordStatus.CERTIFICATE_ISSUED, 7, D(2026, 9, 15))
    refused = _app(Scenario.UNMARRIED, D(2026, 10, 10), D(2026, 10, 12), Sex.MALE, KATO_A, 8)
    ids["refused"] = _put(ws, refused, RecordStatus.REFUSED, None, D(2026, 10, 20))
    refused_nov = _app(Scenario.MARRIED, D(2026, 11, 1), D(2026, 11, 2), Sex.MALE, KATO_A, 9)
    _put(ws, refused_nov, RecordStatus.REFUSED, None, D(2026, 11, 3))

    # Drafts: one received in October and overdue, one received yesterday.
    clock.day = TODAY
    ids["draft_overdue"] = (
        records.save_draft(
            _app(Scenario.MARRIED, D(2026, 10, 27), D(2026, 10, 28), Sex.FEMALE, KATO_A, 10)
        ).id
        or 0
    )
    ids["draft_fresh"] = (
        records.save_draft(
            _app(Scenario.MARRIED, D(2026, 11, 18), D(2026, 11, 19), Sex.MALE, KATO_A, 11)
        ).id
        or 0
    )

    # Blanks: ТК 0000101–0000160 and АБ 0000001–0000005.
    stock = StockService(ws, admin)
    stock.receive_batch("ТК", 101, 160, D(2026, 1, 10), "Әділет департаменті")
    stock.receive_batch("АБ", 1, 5, D(2026, 1, 10), "Әділет департаменті")
    states = {
        "issued": [*range(101, 111), 152],
        "spoiled": [111, 113],
        "surrendered": [120],
        "seized": [121],
        "destroyed": [130, 131, 132],
    }
    with ws.db.session() as s:
        for state, numbers in states.items():
            for n in numbers:
                blank = s.query(BlankRow).filter_by(series="ТК", number=f"{n:07d}").one()
                blank.status = state
        certificates = [
            ("married_boy", "certificate", D(2026, 10, 5)),
            ("late_girl", "certificate", D(2026, 10, 12)),
            ("married_boy", "repeat_certificate", D(2026, 10, 25)),
            ("stillborn", "stillbirth_spravka", D(2026, 10, 6)),
            ("september", "certificate", D(2026, 9, 15)),
        ]
        for key, kind, day in certificates:
            s.add(
                CertificateRow(
                    record_id=ids[key], kind=kind, language="kk", issued_on=day, valid=True
                )
            )
    return ids
