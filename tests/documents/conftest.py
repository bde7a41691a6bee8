"""Test records for the documents: one Kazakh family, variants by keyword."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from pypdf import PdfReader

from tirkeu.domain.application import (
    Applicant,
    ApplicantRole,
    Application,
    BirthEvidence,
    BirthPlace,
    Child,
    FatherBasis,
    IdDocument,
    IdDocumentKind,
    Language,
    Marriage,
    MotherIdentity,
    Person,
    PlaceKind,
    Scenario,
    Sex,
)
from tirkeu.domain.record import ActRecord, Office, RecordStatus

CHILD_IIN = "230620600126"
MOTHER_IIN = "920315400129"
FATHER_IIN = "950801300248"


def make_mother() -> Person:
    return Person(
        surname="Асанова",
        given_name="Гүлнұр",
        patronymic="Серікқызы",
        birth_date=dt.date(1992, 3, 15),
        iin=MOTHER_IIN,
        citizenship="KZ",
        nationality="қазақ",
        document=IdDocument(IdDocumentKind.ID_CARD, "049871234", dt.date(2019, 4, 2), "ҚР ІІМ"),
        address="Алматы облысы, Талғар ауданы, Бесағаш ауылы, Абай көшесі, 12",
        identity=MotherIdentity.DOCUMENT,
    )


def make_father() -> Person:
    return Person(
        surname="Асанов",
        given_name="Нұрлан",
        patronymic="Қайратұлы",
        birth_date=dt.date(1995, 8, 1),
        iin=FATHER_IIN,
        citizenship="KZ",
        nationality="қазақ",
        document=IdDocument(IdDocumentKind.ID_CARD, "045550987", dt.date(2018, 11, 20), "ҚР ІІМ"),
        address="Алматы облысы, Талғар ауданы, Бесағаш ауылы, Абай көшесі, 12",
    )


def make_record(**changes: Any) -> ActRecord:
    """A registered record of a married couple's daughter; keywords override fields.

    Keywords naming an ``Application`` field change the application, ``child_*``
    keywords change the child, the rest change the record.
    """
    app = Application(
        scenario=Scenario.MARRIED,
        received_on=dt.date(2023, 6, 28),
        language=Language.KK,
        applicant=Applicant(role=ApplicantRole.MOTHER, person=make_mother()),
        child=Child(
            surname="Асанова",
            given_name="Әйгерім",
            patronymic="Нұрланқызы",
            sex=Sex.FEMALE,
            birth_date=dt.date(2023, 6, 20),
            birth_place=BirthPlace(
                text="Алматы облысы, Талғар ауданы, Бесағаш ауылы", kato="195649100"
            ),
            place_kind=PlaceKind.MEDICAL_ORGANIZATION,
            alive=True,
            iin=CHILD_IIN,
        ),
        birth_evidence=BirthEvidence(
            number="МС-2023-004512", date=dt.date(2023, 6, 21), issuer="Талғар аудандық ауруханасы"
        ),
        mother=make_mother(),
        father=make_father(),
        father_basis=FatherBasis.MARRIAGE,
        marriage=Marriage("НК-0012345", dt.date(2019, 9, 14), "Талғар ауданының АХАЖ бөлімі"),
    )
    record = ActRecord(
        id=1,
        application=app,
        status=RecordStatus.REGISTERED,
        number=57,
        record_date=dt.date(2023, 6, 29),
        registrar="Жұмабекова Сәуле Ерланқызы",
    )
    for key, value in changes.items():
        if key.startswith("child_"):
            setattr(app.child, key.removeprefix("child_"), value)
        elif hasattr(app, key):
            setattr(app, key, value)
        else:
            setattr(record, key, value)
    return record


OFFICE = Office(
    name_kk="Алматы облысы Талғар ауданы Бесағаш ауылдық округі әкімінің аппараты",
    name_ru="Аппарат акима Бесагашского сельского округа Талгарского района Алматинской области",
    kato="195649100",
    district_kk="Талғар ауданы",
    district_ru="Талгарский район",
    head_name="Төлеуов Бауыржан Мұратұлы",
)


@pytest.fixture
def record_factory() -> Callable[..., ActRecord]:
    return make_record


@pytest.fixture
def office() -> Office:
    return OFFICE


def pdf_text(data: bytes) -> str:
    """All text of a PDF, pages joined, whitespace collapsed to single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def pdf_pages(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]
