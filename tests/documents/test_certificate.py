"""The birth certificate: every field of п. 29 in both languages, modes, refusals, QR."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from tirkeu.documents import (
    Blank,
    DocumentRefused,
    Mode,
    certificate_pdf,
    qr_payload,
)
from tirkeu.documents.certificate import certificate_fields
from tirkeu.domain.application import FatherBasis

from .conftest import CHILD_IIN, OFFICE, make_record, pdf_text

ISSUED = dt.date(2023, 6, 29)
BLANK = Blank("I-АА", "0012345")

EXPECTED = {
    "kk": [
        "Асанова",
        "Әйгерім",
        "Нұрланқызы",
        "2023 жылғы 20 маусым",
        CHILD_IIN,
        "Алматы облысы, Талғар ауданы, Бесағаш ауылы",
        "2023 жылғы 29 маусым",
        "№ 57",
        "Асанов Нұрлан Қайратұлы",
        "Асанова Гүлнұр Серікқызы",
        "Қазақстан Республикасы",
        "қазақ",
        "Алматы облысы Талғар ауданы Бесағаш ауылдық округі әкімінің аппараты",
        "Төлеуов Бауыржан Мұратұлы",
        "М.О.",
    ],
    "ru": [
        "Асанова",
        "Әйгерім",
        "Нұрланқызы",
        "20 июня 2023 года",
        CHILD_IIN,
        "Алматы облысы, Талғар ауданы, Бесағаш ауылы",
        "29 июня 2023 года",
        "№ 57",
        "Асанов Нұрлан Қайратұлы",
        "Асанова Гүлнұр Серікқызы",
        "Республика Казахстан",
        "қазақ",
        "Аппарат акима Бесагашского сельского округа Талгарского района Алматинской области",
        "Төлеуов Бауыржан Мұратұлы",
        "М.П.",
    ],
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_field_of_paragraph_29_is_printed(lang: str) -> None:
    text = pdf_text(certificate_pdf(make_record(), OFFICE, lang, ISSUED, BLANK, Mode.BLANK))
    for value in EXPECTED[lang]:
        assert value in text, value


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_fields_hold_the_record_values(lang: str) -> None:
    fields = certificate_fields(make_record(), OFFICE, lang, ISSUED, BLANK)
    assert fields["child_surname"] == "Асанова"
    assert fields["child_given_name"] == "Әйгерім"
    assert fields["child_patronymic"] == "Нұрланқызы"
    assert fields["iin"] == CHILD_IIN
    assert fields["record_number"] == "№ 57"
    assert fields["father_name"] == "Асанов Нұрлан Қайратұлы"
    assert fields["mother_name"] == "Асанова Гүлнұр Серікқызы"
    assert fields["mother_nationality"] == "қазақ"
    assert fields["registration_place"] == OFFICE.name(lang)
    assert fields["issuing_body"] == OFFICE.name(lang)
    assert fields["issue_date"] == {"kk": "2023 жылғы 29 маусым", "ru": "29 июня 2023 года"}[lang]
    assert "repeat_mark" not in fields


def test_blank_mode_prints_only_the_filled_in_values() -> None:
    text = pdf_text(certificate_pdf(make_record(), OFFICE, "kk", ISSUED, BLANK, Mode.BLANK))
    assert "ТУУ ТУРАЛЫ КУӘЛІК" not in text
    assert "тегі" not in text
    assert "0012345" not in text  # the blank's own number is printed by the printing house
    assert "ҮЛГІ" not in text


@pytest.mark.parametrize(
    ("lang", "title", "caption", "number"),
    [
        ("kk", "ТУУ ТУРАЛЫ КУӘЛІК", "жеке сәйкестендіру нөмірі", "Сериясы I-АА № 0012345"),
        (
            "ru",
            "СВИДЕТЕЛЬСТВО О РОЖДЕНИИ",
            "индивидуальный идентификационный номер",
            "Серия I-АА № 0012345",
        ),
    ],
)
def test_proof_shows_the_blank_under_the_fields(
    lang: str, title: str, caption: str, number: str
) -> None:
    text = pdf_text(certificate_pdf(make_record(), OFFICE, lang, ISSUED, BLANK, Mode.PROOF))
    assert title in text
    assert caption in text
    assert number in text
    assert "ОБРАЗЕЦ" not in text


def test_preview_carries_the_specimen_watermark_in_both_languages() -> None:
    text = pdf_text(certificate_pdf(make_record(), OFFICE, "ru", ISSUED, BLANK, "preview"))
    assert "ҮЛГІ / ОБРАЗЕЦ" in text
    assert "СВИДЕТЕЛЬСТВО О РОЖДЕНИИ" in text


@pytest.mark.parametrize(("lang", "mark"), [("kk", "Қайталама"), ("ru", "Повторное")])
def test_repeat_certificate_is_marked_at_the_top_of_the_first_page(lang: str, mark: str) -> None:
    data = certificate_pdf(make_record(), OFFICE, lang, ISSUED, BLANK, Mode.BLANK, repeat=True)
    page = PdfReader(io.BytesIO(data)).pages[0]
    heights: dict[str, float] = {}

    def visit(text: str, cm: object, tm: list[float], *_: object) -> None:
        if text.strip():
            heights[text.strip()] = tm[5]

    page.extract_text(visitor_text=visit)
    top = float(page.mediabox.top)
    assert mark in heights
    assert heights[mark] == max(heights.values())
    assert heights[mark] > top - 20 * 72 / 25.4


def test_missing_father_and_nationality_print_dashes() -> None:
    record = make_record(father=None, father_basis=FatherBasis.NONE)
    assert record.application.mother is not None
    record.application.mother.nationality = None
    fields = certificate_fields(record, OFFICE, "ru", ISSUED, BLANK)
    assert fields["father_name"] == fields["father_citizenship"] == "—"
    assert fields["mother_nationality"] == "—"
    assert "қазақ" not in pdf_text(certificate_pdf(record, OFFICE, "ru", ISSUED, BLANK))


def test_foreign_and_stateless_citizenship_are_named() -> None:
    record = make_record()
    assert record.application.father is not None and record.application.mother is not None
    record.application.father.citizenship = "UZ"
    record.application.mother.citizenship = "stateless"
    kk = certificate_fields(record, OFFICE, "kk", ISSUED, BLANK)
    ru = certificate_fields(record, OFFICE, "ru", ISSUED, BLANK)
    assert kk["father_citizenship"] == "Өзбекстан"
    assert ru["father_citizenship"] == "Узбекистан"
    assert kk["mother_citizenship"] == "азаматтығы жоқ адам"
    assert ru["mother_citizenship"] == "лицо без гражданства"


def test_stillborn_child_gets_no_certificate() -> None:
    with pytest.raises(DocumentRefused) as info:
        certificate_pdf(make_record(child_alive=False), OFFICE, "ru", ISSUED, BLANK)
    assert info.value.paragraph == 40
    assert "(п. 40)" in str(info.value)
    assert "40-тармақ" in info.value.message("kk")


def test_unregistered_record_gets_no_certificate() -> None:
    with pytest.raises(DocumentRefused) as info:
        certificate_pdf(make_record(number=None), OFFICE, "kk", ISSUED, BLANK)
    assert info.value.paragraph == 35
    assert "акт жазбасының" in str(info.value)


@pytest.mark.parametrize(
    "iin", [None, "", "23062060012", "230620600127", "23062060012A", "２３０６２０６００１２６"]
)
def test_child_without_a_valid_iin_gets_no_certificate(iin: str | None) -> None:
    with pytest.raises(DocumentRefused) as info:
        certificate_pdf(make_record(child_iin=iin), OFFICE, "ru", ISSUED, BLANK)
    assert info.value.paragraph == 29
    assert "ИИН" in str(info.value)


def test_same_input_gives_identical_bytes() -> None:
    args = (OFFICE, "kk", ISSUED, BLANK, Mode.PREVIEW)
    first = certificate_pdf(make_record(), *args, repeat=True, electronic=True)
    second = certificate_pdf(make_record(), *args, repeat=True, electronic=True)
    assert first == second
    assert first.startswith(b"%PDF-")


def test_qr_payload_names_the_record_and_hashes_its_data() -> None:
    payload = qr_payload(make_record())
    scheme, number, date, digest = payload.split(";")
    assert scheme == "TIRKEU-BC/1"
    assert number == "no=57"
    assert date == "date=2023-06-29"
    assert digest.startswith("sha256=") and len(digest) == len("sha256=") + 64
    assert qr_payload(make_record()) == payload
    assert qr_payload(make_record(child_given_name="Айгерім")) != payload


def test_electronic_certificate_draws_the_qr_code() -> None:
    plain = certificate_pdf(make_record(), OFFICE, "kk", ISSUED, BLANK, Mode.PROOF)
    electronic = certificate_pdf(
        make_record(), OFFICE, "kk", ISSUED, BLANK, Mode.PROOF, electronic=True
    )
    assert len(electronic) > len(plain) + 500
