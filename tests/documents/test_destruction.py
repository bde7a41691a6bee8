"""The act of destruction of birth certificates (п. 50–52, Appendix 2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tirkeu.documents import (
    CommissionMember,
    DestroyedCertificate,
    DestructionAct,
    DocumentRefused,
    destruction_act_pdf,
)

from .conftest import OFFICE, pdf_text

MEMBERS = (
    CommissionMember("бас маман", "Жұмабекова Сәуле Ерланқызы"),
    CommissionMember("маман", "Оспанов Данияр Маратұлы"),
    CommissionMember("іс жүргізуші", "Ким Елена Викторовна"),
)
CERTIFICATES = (
    DestroyedCertificate("I-АА", "0012300", dt.date(2023, 5, 2), OFFICE.name_kk),
    DestroyedCertificate("I-АА", "0012301", dt.date(2023, 5, 3), "Талғар ауданының АХАЖ бөлімі"),
)
ACT = DestructionAct(
    number="3",
    drawn_on=dt.date(2023, 12, 20),
    commission=MEMBERS,
    certificates=CERTIFICATES,
    executor="Оспанов Д. М.",
    approved_on=dt.date(2023, 12, 21),
)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "kk",
            [
                "«Бекітемін»",
                "Тіркеуші органның басшысы",
                "Төлеуов Бауыржан Мұратұлы",
                "2023 жылғы 21 желтоқсан",
                "Туу туралы куәліктерді жою актісі",
                "№ 3",
                "Біз, төменде қол қоюшылар, мынадай құрамда:",
                "1. бас маман Жұмабекова Сәуле Ерланқызы",
                "3. іс жүргізуші Ким Елена Викторовна",
                "(2 дана) жойылғаны туралы осы актіні жасадық",
                "Сериясы",
                "0012300",
                "2023 жылғы 2 мамыр",
                "2023 жылғы 3 мамыр",
                "Талғар ауданының АХАЖ бөлімі",
                "Қосымша: жойылған туу туралы куәліктердің көшірмелері.",
                "қолы, Т.А.Ә. (бар болған жағдайда)",
                "Орындаушы: Оспанов Д. М.",
            ],
        ),
        (
            "ru",
            [
                "«Утверждаю»",
                "Руководитель регистрирующего органа",
                "21 декабря 2023 года",
                "Акт уничтожения свидетельств о рождении",
                "Мы, нижеподписавшиеся, в составе:",
                "уничтожили следующие свидетельства о рождении (2 шт.)",
                "Серия",
                "Номер",
                "Дата выдачи",
                "Наименование регистрирующего органа, выдавшего свидетельство",
                "0012301",
                "2 мая 2023 года",
                "Приложение: копии уничтоженных свидетельств о рождении.",
                "подпись, Ф.И.О. (при его наличии)",
                "Исполнитель: Оспанов Д. М.",
            ],
        ),
    ],
)
def test_destruction_act(lang: str, expected: list[str]) -> None:
    text = pdf_text(destruction_act_pdf(ACT, OFFICE, lang))
    for value in expected:
        assert value in text, value
    for member in MEMBERS:
        assert text.count(member.full_name) == 2  # in the commission and under a signature


def test_unapproved_act_leaves_the_date_blank_for_the_head() -> None:
    text = pdf_text(destruction_act_pdf(replace(ACT, approved_on=None), OFFICE, "ru"))
    assert "«___» __________ 20__ года" in text


@pytest.mark.parametrize(
    "commission",
    [
        MEMBERS[:2],
        (),
        (*MEMBERS[:2], CommissionMember("маман", "Оспанов Данияр Маратұлы")),
        (*MEMBERS[:2], CommissionMember("маман", "  ")),
    ],
)
def test_fewer_than_three_members_are_refused(commission: tuple[CommissionMember, ...]) -> None:
    with pytest.raises(DocumentRefused) as info:
        destruction_act_pdf(replace(ACT, commission=commission), OFFICE, "ru")
    assert info.value.paragraph == 51
    assert "не менее трех человек (п. 51)" in str(info.value)


def test_an_act_without_certificates_is_refused() -> None:
    with pytest.raises(DocumentRefused) as info:
        destruction_act_pdf(replace(ACT, certificates=()), OFFICE, "kk")
    assert info.value.paragraph == 50


def test_many_certificates_flow_over_pages_and_bytes_are_stable() -> None:
    many = tuple(
        DestroyedCertificate("I-АА", f"{i:07d}", dt.date(2023, 1, 1 + i % 28), OFFICE.name_ru)
        for i in range(60)
    )
    act = replace(ACT, certificates=many)
    data = destruction_act_pdf(act, OFFICE, "ru")
    text = pdf_text(data)
    assert "0000059" in text
    assert "(60 шт.)" in text
    assert data == destruction_act_pdf(act, OFFICE, "ru")
