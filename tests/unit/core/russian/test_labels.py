"""Tests of citation labels (pravo.core.russian.labels)."""

from __future__ import annotations

import pytest

from pravo.core.russian.labels import citation_label, code_abbreviation, format_date, genitive

DECREE = {
    "title": "Об одобрении проекта научно-технической программы Союзного государства «Интелавто»",
    "source": "act",
    "doc_type": "постановление",
    "number": "443",
    "date": "2022-07-04",
    "issuer": "Совет Министров Республики Беларусь",
    "jurisdiction": "BY",
}
LABOUR_CODE = {
    "title": "Трудовой кодекс Российской Федерации",
    "source": "act",
    "doc_type": "кодекс",
    "number": "197-ФЗ",
    "date": "2001-12-30",
    "issuer": None,
    "jurisdiction": "RU",
}


def test_article_of_the_labour_code():
    assert citation_label(LABOUR_CODE, article="80") == "ст. 80 ТК РФ"
    assert citation_label(LABOUR_CODE, article="81", point="2") == "п. 2 ст. 81 ТК РФ"
    assert citation_label(LABOUR_CODE) == "ТК РФ"


def test_point_of_a_decree_is_in_the_genitive():
    assert (
        citation_label(DECREE, point="3")
        == "п. 3 постановления Совета Министров Республики Беларусь № 443 от 4 июля 2022 г."
    )
    assert citation_label(DECREE, point="2.1").startswith("п. 2.1 постановления Совета Министров")


def test_whole_decree_is_in_the_nominative():
    assert citation_label(DECREE) == "постановление Совета Министров Республики Беларусь № 443 от 4 июля 2022 г."


def test_letter_sub_point():
    assert citation_label(DECREE, point="а").startswith("подп. «а» постановления")


def test_missing_requisites_are_left_out_not_invented():
    decree = {**DECREE, "date": None, "issuer": None}
    assert citation_label(decree, point="1") == "п. 1 постановления № 443"
    assert citation_label({**DECREE, "number": None}) == "постановление Совета Министров Республики Беларусь от 4 июля 2022 г."


@pytest.mark.parametrize(
    ("doc", "article", "expected"),
    [
        pytest.param({"title": "Гражданский кодекс Российской Федерации (часть первая)", "doc_type": "кодекс"}, "2",
                     "ст. 2 ГК РФ", id="civil-code-part"),
        pytest.param({"title": "Налоговый кодекс Российской Федерации (часть вторая)", "doc_type": "кодекс"}, "217",
                     "ст. 217 НК РФ", id="tax-code"),
        pytest.param({"title": "Кодекс Российской Федерации об административных правонарушениях", "doc_type": "кодекс"},
                     "5.27", "ст. 5.27 КоАП РФ", id="coap-ru"),
        pytest.param({"title": "Кодекс Республики Беларусь об административных правонарушениях", "doc_type": "кодекс"},
                     "10.1", "ст. 10.1 КоАП РБ", id="coap-by"),
        pytest.param({"title": "Уголовный кодекс Российской Федерации", "doc_type": "кодекс"}, "105", "ст. 105 УК РФ",
                     id="criminal-code"),
        pytest.param({"title": "Уголовно-процессуальный кодекс Российской Федерации", "doc_type": "кодекс"}, "1",
                     "ст. 1 УПК РФ", id="criminal-procedure-not-criminal"),
        pytest.param({"title": "Жилищный кодекс Российской Федерации", "doc_type": "кодекс"}, "1", "ст. 1 ЖК РФ",
                     id="housing-code"),
        pytest.param({"title": "Семейный кодекс Российской Федерации", "doc_type": "кодекс"}, "1", "ст. 1 СК РФ",
                     id="family-code"),
        pytest.param({"title": "Трудовой кодекс Республики Беларусь", "doc_type": "кодекс"}, "42", "ст. 42 ТК РБ",
                     id="labour-code-by"),
        pytest.param({"title": "Трудовой кодекс", "doc_type": "кодекс", "jurisdiction": "BY"}, "42", "ст. 42 ТК РБ",
                     id="state-from-jurisdiction"),
        pytest.param({"title": "Трудовой кодекс", "doc_type": "кодекс"}, "42", "ст. 42 ТК", id="no-state-no-suffix"),
        pytest.param({"title": "ТРУДОВОЙ КОДЕКС РОССИЙСКОЙ ФЕДЕРАЦИИ", "doc_type": "кодекс"}, "80", "ст. 80 ТК РФ",
                     id="caps-title"),
        pytest.param({"title": "Кодекс Республики Беларусь о земле", "doc_type": "кодекс"}, "5",
                     "ст. 5 Кодекса Республики Беларусь о земле", id="unknown-code-by-title"),
    ],
)
def test_codes(doc, article, expected):
    assert citation_label({"source": "act", **doc}, article=article) == expected


def test_federal_law_and_belarusian_law():
    law = {"title": "О персональных данных", "source": "act", "doc_type": "закон", "number": "152-ФЗ",
           "date": "2006-07-27", "issuer": None, "jurisdiction": "RU"}
    assert citation_label(law, article="5", point="2") == "п. 2 ст. 5 Федерального закона № 152-ФЗ от 27 июля 2006 г."
    assert citation_label(law) == "Федеральный закон № 152-ФЗ от 27 июля 2006 г."
    by_law = {"title": "О нормативных правовых актах", "source": "act", "doc_type": "закон", "number": "130-З",
              "date": "2018-07-17", "issuer": "Палата представителей Национального собрания Республики Беларусь",
              "jurisdiction": "BY"}
    assert citation_label(by_law, article="5") == "ст. 5 Закона Республики Беларусь № 130-З от 17 июля 2018 г."


@pytest.mark.parametrize(
    ("issuer", "expected"),
    [
        ("Президент Республики Беларусь", "Президента Республики Беларусь"),
        ("Правительство Российской Федерации", "Правительства Российской Федерации"),
        ("Министерство финансов Республики Беларусь", "Министерства финансов Республики Беларусь"),
        ("Минский городской исполнительный комитет", "Минского городского исполнительного комитета"),
        ("Национальный банк Республики Беларусь", "Национального банка Республики Беларусь"),
        ("Федеральная налоговая служба", "Федеральной налоговой службы"),
        ("Государственная Дума", "Государственной Думы"),
        ("Верховный Суд Российской Федерации", "Верховного Суда Российской Федерации"),
        ("Палата представителей Национального собрания Республики Беларусь",
         "Палаты представителей Национального собрания Республики Беларусь"),
    ],
)
def test_genitive_of_issuers(issuer, expected):
    assert genitive(issuer) == expected


def test_decision_of_an_executive_committee():
    doc = {"source": "act", "doc_type": "решение", "number": "150", "date": "2023-01-20",
           "issuer": "Минский городской исполнительный комитет", "title": "Об установлении тарифов"}
    assert citation_label(doc, point="1") == "п. 1 решения Минского городского исполнительного комитета № 150 от 20 января 2023 г."


def test_news_is_cited_by_title_and_date():
    news = {"title": "Беларусь и Россия разработают компоненты для спецтранспорта", "source": "news",
            "doc_type": None, "number": None, "date": "2022-07-05", "issuer": None, "jurisdiction": None}
    assert citation_label(news) == "Беларусь и Россия разработают компоненты для спецтранспорта, 5 июля 2022 г."
    assert citation_label({**news, "date": None}) == "Беларусь и Россия разработают компоненты для спецтранспорта"


def test_act_without_requisites_falls_back_to_title_then_id():
    assert citation_label({"source": "act", "title": "Положение о порядке"}, point="2") == "п. 2, «Положение о порядке»"
    assert citation_label({"source": "act", "title": None, "doc_id": "acts/x"}) == "acts/x"
    assert citation_label({}) == "документ"


def test_format_date_and_code_abbreviation():
    assert format_date("2022-07-04") == "4 июля 2022 г."
    assert format_date("2001-12-30") == "30 декабря 2001 г."
    assert format_date("not a date") == "not a date"
    assert format_date(None) is None
    assert code_abbreviation("Об одобрении проекта") is None
    assert code_abbreviation(None) is None
