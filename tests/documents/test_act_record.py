"""The act record printout: two marked copies, every field of the application (п. 35)."""

from __future__ import annotations

import datetime as dt

import pytest

from tirkeu.documents import DocumentRefused, act_record_pdf
from tirkeu.domain.application import (
    Applicant,
    ApplicantRole,
    Doc,
    FatherBasis,
    FoundChild,
    MotherIdentity,
    MultipleBirth,
    Scenario,
)

from .conftest import CHILD_IIN, FATHER_IIN, MOTHER_IIN, OFFICE, make_record, pdf_pages, pdf_text

COMMON = [
    "Асанова",
    "Әйгерім",
    "Нұрланқызы",
    CHILD_IIN,
    MOTHER_IIN,
    FATHER_IIN,
    "Асанова Гүлнұр Серікқызы",
    "Асанов Нұрлан Қайратұлы",
    "Алматы облысы, Талғар ауданы, Бесағаш ауылы",
    "195649100",
    "МС-2023-004512",
    "Талғар аудандық ауруханасы",
    "049871234",
    "НК-0012345",
    "Жұмабекова Сәуле Ерланқызы",
    "Төлеуов Бауыржан Мұратұлы",
]
BY_LANG = {
    "kk": [
        "Туу туралы акт жазбасы № 57",
        "жасалған күні: 2023 жылғы 29 маусым",
        "2023 жылғы 20 маусым",
        "әйел",
        "медициналық ұйымда",
        "туу туралы медициналық куәлік",
        "жеке куәлік",
        "Қазақстан Республикасы",
        "ата-анасының неке қию (ерлі-зайыпты болу) туралы куәлігі (21-тармақ)",
        "Өтініш беруші",
        "анасы",
        "2023 жылғы 28 маусым",
        "Туу туралы куәлік",
        "қазақ тілі",
        "М.О.",
    ],
    "ru": [
        "Актовая запись о рождении № 57",
        "дата составления: 29 июня 2023 года",
        "20 июня 2023 года",
        "женский",
        "в медицинской организации",
        "медицинское свидетельство о рождении",
        "удостоверение личности",
        "Республика Казахстан",
        "свидетельство о заключении брака (супружества) родителей (п. 21)",
        "Заявитель",
        "мать",
        "28 июня 2023 года",
        "Свидетельство о рождении",
        "казахский язык",
        "М.П.",
    ],
}
COPY = {"kk": "{n}-дана (барлығы 2 дана)", "ru": "Экземпляр {n} из 2"}


def _copies(data: bytes, lang: str) -> tuple[str, str]:
    text = pdf_text(data)
    second = COPY[lang].format(n=2)
    assert text.count(second) == 1
    cut = text.index(second)
    return text[:cut], text[cut:]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_two_copies_each_with_every_field(lang: str) -> None:
    data = act_record_pdf(make_record(), OFFICE, lang)
    first, second = _copies(data, lang)
    assert first.startswith(COPY[lang].format(n=1))
    for copy in (first, second):
        for value in COMMON + BY_LANG[lang]:
            assert value in copy, value


def test_each_copy_starts_on_its_own_page() -> None:
    pages = pdf_pages(act_record_pdf(make_record(), OFFICE, "ru"))
    starts = [i for i, page in enumerate(pages) if page.startswith("Экземпляр")]
    assert len(starts) == 2
    assert starts[0] == 0
    assert pages[starts[1]].startswith("Экземпляр 2 из 2")


@pytest.mark.parametrize(
    ("lang", "mark"),
    [
        ("kk", "Анасы туралы мәліметтер оның сөздерінен жазылған"),
        ("ru", "Сведения о матери записаны с ее слов"),
    ],
)
def test_mother_without_documents_is_marked_recorded_from_her_words(lang: str, mark: str) -> None:
    record = make_record()
    assert record.application.mother is not None
    record.application.mother.identity = MotherIdentity.FROM_MEDICAL_CERTIFICATE
    record.application.mother.document = None
    text = pdf_text(act_record_pdf(record, OFFICE, lang))
    assert text.count(mark) == 2
    assert mark not in pdf_text(act_record_pdf(make_record(), OFFICE, lang))


def test_mother_statement_and_twins_are_recorded() -> None:
    record = make_record(
        scenario=Scenario.UNMARRIED,
        father_basis=FatherBasis.MOTHER_STATEMENT,
        marriage=None,
        child_multiple_birth=MultipleBirth(count=2, order=1),
    )
    text = pdf_text(act_record_pdf(record, OFFICE, "ru"))
    assert "заявление матери, не состоящей в браке (подпункт 2) пункта 26)" in text
    assert "Фамилия отца ребенка записана по фамилии матери" in text
    assert "Многоплодные роды (п. 8)" in text
    assert "1-й ребенок из 2" in text
    assert "родители не состоят в браке между собой" in text


def test_found_child_lists_protocol_and_witnesses() -> None:
    record = make_record(
        scenario=Scenario.FOUND,
        mother=None,
        father=None,
        father_basis=FatherBasis.NONE,
        marriage=None,
        birth_evidence=None,
        applicant=Applicant(
            role=ApplicantRole.POLICE,
            organization="Талғар аудандық полиция бөлімі",
            authority_document=Doc("14/2231", dt.date(2023, 6, 22), "Талғар АПБ"),
        ),
        found_child=FoundChild(
            found_on=dt.date(2023, 6, 21),
            place="Бесағаш ауылы, Абай көшесі, 40",
            circumstances="Кіреберісте қалдырылған",
            protocol=Doc("П-77", dt.date(2023, 6, 21), "Талғар АПБ"),
            medical_document=Doc("МҚ-5", dt.date(2023, 6, 21), "Талғар ауруханасы"),
            witnesses=["Омарова Ләззат", "Петров Иван"],
        ),
    )
    text = pdf_text(act_record_pdf(record, OFFICE, "kk"))
    for value in (
        "ішкі істер органы",
        "Талғар аудандық полиция бөлімі",
        "Өкілеттігін растайтын құжат (4-тармақ)",
        "14/2231",
        "Хаттама немесе акт (15-тармақ)",
        "П-77",
        "Кіреберісте қалдырылған",
        "Омарова Ләззат; Петров Иван",
        "тауып алынған, тастанды (бас тартылған) бала",
    ):
        assert value in text, value


def test_stillborn_act_record_names_the_spravka() -> None:
    text = pdf_text(act_record_pdf(make_record(child_alive=False), OFFICE, "ru"))
    assert "мертвым (п. 40)" in text
    assert "Справка о государственной регистрации мертворожденного ребенка" in text


def test_unregistered_record_has_no_act_record() -> None:
    with pytest.raises(DocumentRefused) as info:
        act_record_pdf(make_record(number=None), OFFICE, "ru")
    assert info.value.paragraph == 35


def test_act_record_bytes_are_stable() -> None:
    assert act_record_pdf(make_record(), OFFICE, "kk") == act_record_pdf(
        make_record(), OFFICE, "kk"
    )
