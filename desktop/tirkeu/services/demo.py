"""The demo world: an akimat office with staff, blanks, records and keys, and its district.

Built headless by ``tirkeu demo-data`` and behind ``tirkeu --demo``.  Records are
generated deterministically (a seeded random source) over every scenario and
written in bulk, so a million records take minutes, not hours; the office,
staff and stock are made through the same services a person uses.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from tirkeu.domain.application import (
    Applicant,
    ApplicantRole,
    Application,
    BirthEvidence,
    BirthPlace,
    Child,
    Doc,
    FatherBasis,
    FoundChild,
    IdDocument,
    Language,
    Marriage,
    MotherIdentity,
    MultipleBirth,
    Person,
    PlaceKind,
    Scenario,
    Sex,
    Surrogacy,
)
from tirkeu.domain.iin import check_digit
from tirkeu.domain.record import ActRecord, RecordStatus
from tirkeu.services import auth
from tirkeu.services.workspace import OfficeSetup, Workspace
from tirkeu.storage import audit
from tirkeu.storage.models import (
    ActRecordRow,
    BlankBatchRow,
    BlankRow,
    CertificateRow,
    NumberSequenceRow,
    UserRow,
)
from tirkeu.storage.records import row_values

if TYPE_CHECKING:
    from tirkeu.sync.pki import DemoPki

DEMO_PASSWORD = "demo"
OFFICE = OfficeSetup(
    name_kk="Бесағаш ауылдық округі әкімінің аппараты",
    name_ru="Аппарат акима Бесагашского сельского округа",
    kato="196243100",
    district_kk="Талғар ауданының тіркеу бөлімі (АХАЖ)",
    district_ru="Отдел регистрации актов гражданского состояния Талгарского района",
    head_name="Жұмабеков Ерлан Серікұлы",
)
SETTLEMENTS = [
    (
        "196243100",
        "Алматы облысы, Талғар ауданы, Бесағаш ауылы",
        "Алматинская область, Талгарский район, село Бесагаш",
    ),
    (
        "196243300",
        "Алматы облысы, Талғар ауданы, Жаңалық ауылы",
        "Алматинская область, Талгарский район, село Жаналык",
    ),
    (
        "196243500",
        "Алматы облысы, Талғар ауданы, Кеңдала ауылы",
        "Алматинская область, Талгарский район, село Кендала",
    ),
]
MALE_NAMES = [
    "Нұрлан",
    "Ерлан",
    "Айдос",
    "Асқар",
    "Бауыржан",
    "Дәулет",
    "Ержан",
    "Қайрат",
    "Мұрат",
    "Серік",
    "Тимур",
    "Арман",
    "Әлихан",
    "Нұрсұлтан",
    "Ілияс",
    "Дмитрий",
    "Сергей",
    "Андрей",
]
FEMALE_NAMES = [
    "Айгерім",
    "Әйгерім",
    "Гүлнұр",
    "Жанар",
    "Мөлдір",
    "Дана",
    "Аружан",
    "Ақбота",
    "Сәуле",
    "Қарлығаш",
    "Інкәр",
    "Томирис",
    "Анна",
    "Ольга",
    "Мария",
]
SURNAMES = [
    "Асанов",
    "Жұмабеков",
    "Сейітов",
    "Оспанов",
    "Құрманов",
    "Әбенов",
    "Нұрланов",
    "Төлеуов",
    "Ибраев",
    "Смағұлов",
    "Қасымов",
    "Иванов",
    "Петров",
]


@dataclass(frozen=True)
class DemoWorld:
    akimat_dir: Path
    district_dir: Path
    records: int


def _female(surname: str) -> str:
    return surname + "а" if surname.endswith(("ов", "ев", "ин")) else surname


def _patronymic(father_given: str, sex: Sex) -> str:
    return father_given + ("ұлы" if sex is Sex.MALE else "қызы")


class _IinSerials:
    """Distinct, valid IINs per (birth date, sex) without searching from zero each time."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.next: dict[tuple[dt.date, Sex], int] = {}

    def take(self, birth_date: dt.date, sex: Sex) -> str:
        century = {1800: 1, 1900: 3, 2000: 5}[(birth_date.year // 100) * 100]
        prefix = birth_date.strftime("%y%m%d") + str(century if sex is Sex.MALE else century + 1)
        n = self.next.get((birth_date, sex)) or self.rng.randint(0, 6000)
        while True:
            first11 = f"{prefix}{n % 10000:04d}"
            n += 1
            digit = check_digit(first11)
            if digit is not None:
                self.next[(birth_date, sex)] = n
                return first11 + str(digit)


class _Generator:
    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.iins = _IinSerials(self.rng)

    def _date_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def _person(self, sex: Sex, surname: str, birth_date: dt.date, shown_on: dt.date) -> Person:
        """A person whose identity card was issued at 16 or later, before ``shown_on``.

        The district checks each record on its own registration date, so a card
        dated after the application would be a document "from the future" there.
        """
        given = self.rng.choice(MALE_NAMES if sex is Sex.MALE else FEMALE_NAMES)
        patronymic = _patronymic(self.rng.choice(MALE_NAMES), sex)
        issued = self._date_between(
            birth_date + dt.timedelta(days=16 * 365), shown_on - dt.timedelta(days=30)
        )
        return Person(
            surname=surname if sex is Sex.MALE else _female(surname),
            given_name=given,
            patronymic=patronymic,
            birth_date=birth_date,
            iin=self.iins.take(birth_date, sex),
            citizenship="KZ",
            nationality=self.rng.choice([None, "қазақ"]),
            document=IdDocument(
                number=f"{self.rng.randint(10**8, 10**9 - 1)}", issued_on=issued, issuer="ҚР ІІМ"
            ),
            address=self.rng.choice(SETTLEMENTS)[1],
        )

    def application(
        self, scenario: Scenario, birth_date: dt.date, received_on: dt.date
    ) -> Application:
        rng = self.rng
        sex = rng.choice([Sex.MALE, Sex.FEMALE])
        surname = rng.choice(SURNAMES)
        mother_birth = birth_date - dt.timedelta(days=rng.randint(19 * 365, 40 * 365))
        father_birth = mother_birth - dt.timedelta(days=rng.randint(0, 6 * 365))
        kato, place_kk, place_ru = rng.choice(SETTLEMENTS)
        language = rng.choice([Language.KK, Language.KK, Language.RU])
        mother = self._person(Sex.FEMALE, surname, mother_birth, received_on)
        mother.identity = MotherIdentity.DOCUMENT
        father: Person | None = self._person(Sex.MALE, surname, father_birth, received_on)
        assert father is not None
        child = Child(
            surname=surname if sex is Sex.MALE else _female(surname),
            given_name=rng.choice(MALE_NAMES if sex is Sex.MALE else FEMALE_NAMES),
            patronymic=_patronymic(father.given_name, sex),
            sex=sex,
            birth_date=birth_date,
            birth_place=BirthPlace(
                text=place_kk if language is Language.KK else place_ru, kato=kato
            ),
            place_kind=PlaceKind.MEDICAL_ORGANIZATION,
        )
        evidence = BirthEvidence(
            number=f"{rng.randint(100000, 999999)}",
            date=birth_date,
            issuer="Талғар аудандық перзентханасы",
        )
        app = Application(
            scenario=scenario,
            received_on=received_on,
            language=language,
            applicant=Applicant(role=ApplicantRole.MOTHER),
            child=child,
            birth_evidence=evidence,
            mother=mother,
            father=father,
        )
        marriage = Marriage(
            certificate_number=f"{rng.randint(10**6, 10**7 - 1)}",
            date=birth_date - dt.timedelta(days=rng.randint(400, 3000)),
            registry=OFFICE.district_kk,
        )
        if scenario is Scenario.MARRIED:
            app.father_basis = FatherBasis.MARRIAGE
            app.marriage = marriage
        elif scenario is Scenario.UNMARRIED:
            basis = rng.choice(
                [FatherBasis.JOINT_PATERNITY, FatherBasis.MOTHER_STATEMENT, FatherBasis.NONE]
            )
            app.father_basis = basis
            if basis is FatherBasis.MOTHER_STATEMENT:
                # п. 26 2): the father's surname is the mother's.
                father.surname = (
                    mother.surname.removesuffix("а")
                    if mother.surname.endswith("ова")
                    else mother.surname
                )
                father.iin = None
                father.document = None
            elif basis is FatherBasis.NONE:
                app.father = None
                child.patronymic = None
        elif scenario is Scenario.STILLBORN:
            child.alive = False
            child.patronymic = None
            app.marriage = marriage
            app.applicant = Applicant(
                role=ApplicantRole.MEDICAL_ORGANIZATION,
                organization="Талғар аудандық перзентханасы",
                # п. 4: the official who applies shows her own identity document.
                person=self._person(Sex.FEMALE, rng.choice(SURNAMES), father_birth, received_on),
                authority_document=Doc("12", received_on, "Перзентхана"),
            )
        elif scenario is Scenario.FOUND:
            app.mother = None
            app.father = None
            app.father_basis = FatherBasis.NONE
            app.birth_evidence = None
            child.patronymic = None
            child.place_kind = PlaceKind.OTHER
            app.applicant = Applicant(
                role=ApplicantRole.POLICE,
                organization="Талғар аудандық полиция бөлімі",
                person=self._person(Sex.MALE, rng.choice(SURNAMES), father_birth, received_on),
                authority_document=Doc(f"{rng.randint(100, 999)}", received_on, "ІІО"),
            )
            protocol = Doc(f"{rng.randint(100, 999)}", birth_date, "Талғар аудандық полиция бөлімі")
            app.found_child = FoundChild(
                found_on=birth_date,
                place=place_kk,
                circumstances="Перзентхана есігінің алдынан табылды",
                protocol=protocol,
                medical_document=Doc("45", birth_date, "Талғар аудандық ауруханасы"),
            )
        elif scenario is Scenario.SURROGACY:
            app.father_basis = FatherBasis.MARRIAGE
            app.marriage = marriage
            app.surrogacy = Surrogacy(
                contract=Doc("СМ-17", marriage.date, "Нотариус"),
                art_consent=Doc("ҚРТ-3", marriage.date, "ЭКО орталығы"),
            )
        return app


SCENARIO_WEIGHTS = [
    (Scenario.MARRIED, 62),
    (Scenario.UNMARRIED, 26),
    (Scenario.STILLBORN, 4),
    (Scenario.FOUND, 3),
    (Scenario.SURROGACY, 5),
]


def _records(gen: _Generator, count: int) -> Iterator[tuple[ActRecord, bool]]:
    """(record, certificate issued?) pairs, oldest first, numbered per year."""
    rng = gen.rng
    scenarios = [s for s, _w in SCENARIO_WEIGHTS]
    weights = [w for _s, w in SCENARIO_WEIGHTS]
    span = max(30, min(3650, count // 3))  # days of history the records spread over
    start = gen.today - dt.timedelta(days=span)
    numbers: dict[int, int] = {}
    made = 0
    while made < count:
        birth = start + dt.timedelta(days=(made * span) // max(1, count))
        received = min(gen.today, birth + dt.timedelta(days=rng.randint(0, 3)))
        scenario = rng.choices(scenarios, weights)[0]
        twins = scenario is Scenario.MARRIED and rng.random() < 0.02 and made + 1 < count
        apps = [gen.application(scenario, birth, received)]
        if twins:
            second = gen.application(scenario, birth, received)
            first = apps[0]
            second.mother, second.father = first.mother, first.father
            second.marriage = first.marriage
            base = first.father.surname if first.father else first.child.surname
            second.child.surname = base if second.child.sex is Sex.MALE else _female(base)
            if first.father:
                second.child.patronymic = _patronymic(first.father.given_name, second.child.sex)
            apps.append(second)
            for order, app in enumerate(apps, 1):
                app.child.multiple_birth = MultipleBirth(count=2, order=order)
        group = f"demo-{made}" if twins else None
        roll = rng.random()
        if (received >= gen.today - dt.timedelta(days=2) and roll < 0.5) or roll < 0.05:
            status = RecordStatus.DRAFT
        elif roll < 0.09:
            status = RecordStatus.REFUSED
        else:
            status = RecordStatus.REGISTERED
        for app in apps:
            record = ActRecord(id=None, application=app, status=status, birth_group=group)
            issued = False
            if status is RecordStatus.REGISTERED:
                record.record_date = received
                numbers[received.year] = numbers.get(received.year, 0) + 1
                record.number = numbers[received.year]
                issued = rng.random() < 0.9
                if issued and app.child.alive:
                    app.child.iin = gen.iins.take(birth, app.child.sex)
                    record.status = RecordStatus.CERTIFICATE_ISSUED
                elif issued:
                    record.status = RecordStatus.CERTIFICATE_ISSUED  # the spravka (п. 40)
            elif status is RecordStatus.REFUSED:
                record.record_date = received
                record.refusal_reason = (
                    "Туу туралы медициналық куәлік ұсынылмады (14-тармақ) / "
                    "Не представлено медицинское свидетельство о рождении (п. 14)"
                )
            yield record, issued
            made += 1


def build_demo_world(
    root: Path, records: int = 200, seed: int = 429, today: dt.date | None = None
) -> DemoWorld:
    """Write ``root/akimat`` and ``root/district``; refuses a folder that already has data."""
    today = today or dt.date.today()
    akimat, district = root / "akimat", root / "district"
    with Workspace.open(akimat) as ws:
        admin = ws.set_up(OFFICE, "admin", "Сейітова Ақмарал Болатқызы", DEMO_PASSWORD)
        with ws.db.session() as s:
            registrar = auth.create_user(
                s,
                username="registrar",
                role=auth.Role.REGISTRAR,
                full_name="Оспанова Гүлмира Асқарқызы",
                password=DEMO_PASSWORD,
                by=admin.user_id,
            )
            auth.create_user(
                s,
                username="head",
                role=auth.Role.HEAD,
                full_name=OFFICE.head_name,
                password=DEMO_PASSWORD,
                by=admin.user_id,
            )
        _write_records(ws, registrar.user_id, records, seed, today)
    _write_keys(akimat, district)
    return DemoWorld(akimat, district, records)


def _write_records(ws: Workspace, registrar_id: int, count: int, seed: int, today: dt.date) -> None:
    gen = _Generator(seed, today)
    now = dt.datetime.combine(today, dt.time(9, 0))
    batch: list[dict[str, Any]] = []
    # Only what the stock needs of each issued record, so a million records fit.
    issued_ids: list[_Issued] = []
    with ws.db.session() as s:
        next_id = 1
        numbers: dict[int, int] = {}
        for record, issued in _records(gen, count):
            values = row_values(record)
            values.update(
                id=next_id,
                registrar_id=registrar_id,
                created_at=now,
                updated_at=now,
                change_seq=next_id,
            )
            if record.number and record.record_date:
                year = record.record_date.year
                numbers[year] = max(numbers.get(year, 0), record.number)
            batch.append(values)
            if issued:
                app = record.application
                day = record.record_date or today
                issued_ids.append(_Issued(next_id, app.child.alive, app.language.value, day))
            next_id += 1
            if len(batch) >= 5000:
                s.execute(insert(ActRecordRow), batch)
                batch.clear()
        if batch:
            s.execute(insert(ActRecordRow), batch)
        for year, last in numbers.items():
            s.add(NumberSequenceRow(year=year, next_number=last + 1))
        _write_stock(s, registrar_id, issued_ids, today)
        audit.append(
            s,
            user_id=registrar_id,
            action="demo.build",
            entity="office",
            entity_id=None,
            after={"records": count},
            at=now,
        )
        # The demo staff sign in with "demo" and need not change it.
        for user in s.scalars(select(UserRow)):
            user.must_change_password = False


@dataclass(frozen=True)
class _Issued:
    record_id: int
    alive: bool
    language: str
    issued_on: dt.date


def _write_stock(session: Any, user_id: int, issued: list[_Issued], today: dt.date) -> None:
    """One batch of blanks: one used per certificate issued, 300 left in stock.

    A stillborn child's record gets a spravka instead, on no blank (п. 40).
    """
    live = [i for i in issued if i.alive]
    total = len(live) + 300
    batch = BlankBatchRow(
        series="ТК",
        first_number=1,
        last_number=total,
        received_on=today - dt.timedelta(days=4000),
        received_from="Алматы облысы әділет департаменті",
        received_by=user_id,
    )
    session.add(batch)
    session.flush()

    def certificate(item: _Issued, kind: str, blank_id: int | None) -> dict[str, Any]:
        return {
            "record_id": item.record_id,
            "kind": kind,
            "blank_id": blank_id,
            "language": item.language,
            "issued_on": item.issued_on,
            "issued_by": user_id,
            "valid": True,
            "change_seq": item.record_id,
        }

    blanks: list[dict[str, Any]] = []
    certs: list[dict[str, Any]] = []
    for n in range(1, total + 1):
        row: dict[str, Any] = {
            "id": n,
            "batch_id": batch.id,
            "series": "ТК",
            "number": f"{n:07d}",
            "status": "in_stock",
        }
        if n <= len(live):
            item = live[n - 1]
            row.update(
                status="issued",
                record_id=item.record_id,
                changed_at=dt.datetime.combine(item.issued_on, dt.time(10)),
            )
            certs.append(certificate(item, "certificate", n))
        blanks.append(row)
        if len(blanks) >= 5000:
            session.execute(insert(BlankRow), blanks)
            blanks.clear()
    if blanks:
        session.execute(insert(BlankRow), blanks)
    certs += [certificate(i, "stillbirth_spravka", None) for i in issued if not i.alive]
    for start in range(0, len(certs), 5000):
        session.execute(insert(CertificateRow), certs[start : start + 5000])


def _write_keys(akimat: Path, district: Path) -> None:
    """The demo PKI: a CA that issued the office and the district (issue 6)."""
    from tirkeu.sync.pki import make_demo_pki

    pki_dir = district / "pki"
    pki_dir.mkdir(parents=True, exist_ok=True)
    pki = make_demo_pki(pki_dir, OFFICE.kato, DEMO_PASSWORD.encode())
    keys = akimat / "keys"
    keys.mkdir(parents=True, exist_ok=True)
    shutil.copy2(pki.office, keys / "office.p12")
    shutil.copy2(pki.ca_certificate, keys / "ca.pem")
    dkeys = district / "keys"
    dkeys.mkdir(parents=True, exist_ok=True)
    shutil.copy2(pki.district, dkeys / "district.p12")
    shutil.copy2(pki.ca_certificate, dkeys / "ca.pem")
    _link_district(pki, keys, district)


def _link_district(pki: DemoPki, office_keys: Path, district: Path) -> None:
    """Pin the district certificate at the office and register the office at the district.

    So ``tirkeu export-bundle`` and ``tirkeu-district import`` work on a fresh demo world.
    """
    from tirkeu.services.transfer import DISTRICT_CERT, open_district_folder
    from tirkeu.sync.pki import load_pkcs12, save_certificate

    password = DEMO_PASSWORD.encode()
    save_certificate(load_pkcs12(pki.district, password).certificate, office_keys / DISTRICT_CERT)
    registry = open_district_folder(district, password)
    try:
        office = load_pkcs12(pki.office, password).certificate
        registry.register_office(OFFICE.kato, OFFICE.name_ru, office)
    finally:
        registry.engine.dispose()


def sample_application(
    scenario: Scenario, birth_date: dt.date, received_on: dt.date, seed: int = 1
) -> Application:
    """One realistic demo application (used by the self-test and the tests)."""
    return _Generator(seed, received_on).application(scenario, birth_date, received_on)
