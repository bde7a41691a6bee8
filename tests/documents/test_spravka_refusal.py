"""The stillbirth spravka (п. 40) and the reasoned refusal letter."""

from __future__ import annotations

import datetime as dt

import pytest

from tirkeu.documents import DocumentRefused, refusal_pdf, stillbirth_spravka_pdf
from tirkeu.domain.record import RecordStatus

from .conftest import OFFICE, make_record, pdf_text

ISSUED = dt.date(2023, 6, 30)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "kk",
            [
                "Өлі туған баланы мемлекеттік тіркеу туралы анықтама",
                "№ 57",
                "2023 жылғы 29 маусым № 57 акт жазбасы жасалды",
                "Баланың тегі",
                "әйел",
                "2023 жылғы 20 маусым",
                "Алматы облысы, Талғар ауданы, Бесағаш ауылы",
                "Асанова Гүлнұр Серікқызы",
                "Асанов Нұрлан Қайратұлы",
                "2023 жылғы 30 маусым",
                "Өлі туған баланың туу туралы куәлігі берілмейді (40-тармақ).",
                "Төлеуов Бауыржан Мұратұлы",
                "М.О.",
            ],
        ),
        (
            "ru",
            [
                "Справка о государственной регистрации мертворожденного ребенка",
                "составлена актовая запись № 57 от 29 июня 2023 года",
                "Фамилия ребенка",
                "женский",
                "20 июня 2023 года",
                "30 июня 2023 года",
                OFFICE.name_ru,
                "Свидетельство о рождении ребенка, родившегося мертвым, не выдается (п. 40).",
                "М.П.",
            ],
        ),
    ],
)
def test_spravka_holds_the_registration(lang: str, expected: list[str]) -> None:
    record = make_record(child_alive=False, child_given_name="", child_iin=None)
    text = pdf_text(stillbirth_spravka_pdf(record, OFFICE, lang, ISSUED))
    for value in expected:
        assert value in text, value
    assert "СВИДЕТЕЛЬСТВО О РОЖДЕНИИ" not in text


def test_spravka_is_refused_for_a_child_born_alive() -> None:
    with pytest.raises(DocumentRefused) as info:
        stillbirth_spravka_pdf(make_record(), OFFICE, "kk", ISSUED)
    assert info.value.paragraph == 40
    assert "40-тармақ" in str(info.value)


def test_spravka_needs_a_registered_record() -> None:
    with pytest.raises(DocumentRefused):
        stillbirth_spravka_pdf(make_record(child_alive=False, number=None), OFFICE, "ru", ISSUED)


def test_spravka_bytes_are_stable() -> None:
    record = make_record(child_alive=False)
    assert stillbirth_spravka_pdf(record, OFFICE, "ru", ISSUED) == stillbirth_spravka_pdf(
        record, OFFICE, "ru", ISSUED
    )


REASON_RU = "Не представлены медицинское свидетельство о рождении и решение суда (п. 14)."


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "kk",
            [
                "Баланың тууын мемлекеттік тіркеуден дәлелді бас тарту",
                "Кімге: Асанова Гүлнұр Серікқызы",
                "2023 жылғы 28 маусым",
                "Асанова Әйгерім Нұрланқызы",
                "2023 жылғы 20 маусым",
                "мынадай негіздер бойынша бас тартылды",
                REASON_RU,
                "2023 жылғы 30 маусым",
                "Жұмабекова С. Е.",
                "Төлеуов Бауыржан Мұратұлы",
            ],
        ),
        (
            "ru",
            [
                "Мотивированный отказ в государственной регистрации рождения",
                "Кому: Асанова Гүлнұр Серікқызы",
                "Ваше заявление от 28 июня 2023 года",
                "ребенка Асанова Әйгерім Нұрланқызы (дата рождения: 20 июня 2023 года)",
                "отказано по следующим основаниям",
                REASON_RU,
                "30 июня 2023 года",
                "может быть обжалован",
            ],
        ),
    ],
)
def test_refusal_letter(lang: str, expected: list[str]) -> None:
    record = make_record(number=None, record_date=None, status=RecordStatus.REFUSED)
    data = refusal_pdf(record, OFFICE, lang, REASON_RU, ISSUED, "Жұмабекова С. Е.")
    text = pdf_text(data)
    for value in expected:
        assert value in text, value
    assert data == refusal_pdf(record, OFFICE, lang, REASON_RU, ISSUED, "Жұмабекова С. Е.")


def test_refusal_escapes_markup_in_the_reason() -> None:
    record = make_record(number=None, status=RecordStatus.REFUSED)
    text = pdf_text(refusal_pdf(record, OFFICE, "ru", "a < b & <b>c</b>", ISSUED, "X"))
    assert "a < b & <b>c</b>" in text
