"""Tests of reading the requisites of acts from their headers, and of writing given ones the same way
(pravo.core.russian.requisites)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pravo.core.russian.requisites import Requisites, normalize_requisite, parse_requisites

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "russian"

BY_COUNCIL = "Совет Министров Республики Беларусь"
BY_PRESIDENT = "Президент Республики Беларусь"
RU_GOVERNMENT = "Правительство Российской Федерации"
RU_PRESIDENT = "Президент Российской Федерации"
INTELAVTO = "Об одобрении проекта научно-технической программы Союзного государства «Интелавто»"

HEADERS = [
    pytest.param(
        "ПОСТАНОВЛЕНИЕ СОВЕТА МИНИСТРОВ РЕСПУБЛИКИ БЕЛАРУСЬ\n4 июля 2022 г. № 443\n\n" + INTELAVTO + "\n\n"
        "На основании Положения Совет Министров Республики Беларусь ПОСТАНОВЛЯЕТ:\n1. Одобрить проект.",
        Requisites("постановление", "443", "2022-07-04", BY_COUNCIL, INTELAVTO, "BY"),
        id="by-council-of-ministers",
    ),
    pytest.param(
        "П О С Т А Н О В Л Е Н И Е\nСОВЕТА МИНИСТРОВ\nРЕСПУБЛИКИ БЕЛАРУСЬ\n04.07.2022 №443\nг. Минск\n\n"
        "ОБ ОДОБРЕНИИ ПРОЕКТА ПРОГРАММЫ\n«ИНТЕЛАВТО»\n",
        Requisites("постановление", "443", "2022-07-04", BY_COUNCIL, "Об одобрении проекта программы «Интелавто»", "BY"),
        id="spaced-letters-caps-line-breaks",
    ),
    pytest.param(
        "ПОСТАНОВЛЕНИЕ\nСОВЕТА МИНИСТРОВ РЕСПУБЛИКИ БЕЛАРУСЬ\n« 4 » июля 2022 г. N 443\n",
        Requisites("постановление", "443", "2022-07-04", BY_COUNCIL, None, "BY"),
        id="quoted-day-latin-n-no-title",
    ),
    pytest.param(
        "ПРАВИТЕЛЬСТВО РОССИЙСКОЙ ФЕДЕРАЦИИ\n\nПОСТАНОВЛЕНИЕ\nот 16 сентября 2020 г. N 1479\n\nМОСКВА\n\n"
        "Об утверждении Правил\nпротивопожарного режима в Российской Федерации\n\n"
        "В соответствии со статьей 16 Правительство Российской Федерации постановляет:\n1. Утвердить Правила.",
        Requisites("постановление", "1479", "2020-09-16", RU_GOVERNMENT,
                   "Об утверждении Правил противопожарного режима в Российской Федерации", "RU"),
        id="ru-government-multiline",
    ),
    pytest.param(
        "ПРАВИТЕЛЬСТВО РОССИЙСКОЙ ФЕДЕРАЦИИ ПОСТАНОВЛЕНИЕ от 16 сентября 2020 г. N 1479 МОСКВА "
        "Об утверждении Правил противопожарного режима в Российской Федерации",
        Requisites("постановление", "1479", "2020-09-16", RU_GOVERNMENT,
                   "Об утверждении Правил противопожарного режима в Российской Федерации", "RU"),
        id="ru-government-one-line",
    ),
    pytest.param(
        'Постановление Правительства РФ от 16.09.2020 N 1479 "Об утверждении Правил противопожарного режима"',
        Requisites("постановление", "1479", "2020-09-16", RU_GOVERNMENT, "Об утверждении Правил противопожарного режима", "RU"),
        id="consultant-style-one-line",
    ),
    pytest.param(
        "УКАЗ ПРЕЗИДЕНТА РЕСПУБЛИКИ БЕЛАРУСЬ 1 марта 2010 г. № 100\nО мерах по развитию предпринимательства\n",
        Requisites("указ", "100", "2010-03-01", BY_PRESIDENT, "О мерах по развитию предпринимательства", "BY"),
        id="by-president-decree-one-line",
    ),
    pytest.param(
        "УКАЗ\n\nПРЕЗИДЕНТА РОССИЙСКОЙ ФЕДЕРАЦИИ\n\nО мерах по реализации государственной политики\n",
        Requisites("указ", None, None, RU_PRESIDENT, "О мерах по реализации государственной политики", "RU"),
        id="ru-president-decree-no-date",
    ),
    pytest.param(
        "Указ Президента Российской Федерации от 07.05.2018 г. № 204 «О национальных целях развития»",
        Requisites("указ", "204", "2018-05-07", RU_PRESIDENT, "О национальных целях развития", "RU"),
        id="ru-president-decree-title-case",
    ),
    pytest.param(
        "ФЕДЕРАЛЬНЫЙ ЗАКОН\nот 30.12.2001 N 197-ФЗ\n",
        Requisites("закон", "197-ФЗ", "2001-12-30", None, None, "RU"),
        id="federal-law-numeric-date",
    ),
    pytest.param(
        "РОССИЙСКАЯ ФЕДЕРАЦИЯ\n\nФЕДЕРАЛЬНЫЙ ЗАКОН\n\nО персональных данных\n\nПринят\nГосударственной Думой\n8 июля 2006 года\n",
        Requisites("закон", None, None, "Государственная Дума", "О персональных данных", "RU"),
        id="federal-law-adopted-by-duma",
    ),
    pytest.param(
        'Федеральный закон от 27.07.2006 N 152-ФЗ (ред. от 08.08.2024) "О персональных данных"',
        Requisites("закон", "152-ФЗ", "2006-07-27", None, "О персональных данных", "RU"),
        id="federal-law-consultant-with-edition",
    ),
    pytest.param(
        "ФЕДЕРАЛЬНЫЙ КОНСТИТУЦИОННЫЙ ЗАКОН\n\nО Правительстве Российской Федерации\n",
        Requisites("закон", None, None, None, "О Правительстве Российской Федерации", "RU"),
        id="federal-constitutional-law",
    ),
    pytest.param(
        "РЕСПУБЛИКА БЕЛАРУСЬ\nЗАКОН РЕСПУБЛИКИ БЕЛАРУСЬ\n17 июля 2018 г. № 130-З\nО нормативных правовых актах\n"
        "Принят Палатой представителей 21 июня 2018 года\n",
        Requisites("закон", "130-З", "2018-07-17", "Палата представителей Национального собрания Республики Беларусь",
                   "О нормативных правовых актах", "BY"),
        id="by-law",
    ),
    pytest.param(
        "# Трудовой кодекс Российской Федерации от 30.12.2001 N 197-ФЗ\n# Источник: https://example.org/tk\n\n"
        "Глава 1. Основные начала\n\nСтатья 1. Цели",
        Requisites("кодекс", "197-ФЗ", "2001-12-30", None, "Трудовой кодекс Российской Федерации", "RU"),
        id="code-in-comment-header",
    ),
    pytest.param(
        "Гражданский кодекс Российской Федерации (часть первая)\n\nРаздел I. Общие положения\n",
        Requisites("кодекс", None, None, None, "Гражданский кодекс Российской Федерации (часть первая)", "RU"),
        id="code-title-only",
    ),
    pytest.param(
        "КОДЕКС РЕСПУБЛИКИ БЕЛАРУСЬ О ЗЕМЛЕ\n23 июля 2008 г. № 425-З\n",
        Requisites("кодекс", "425-З", "2008-07-23", None, "Кодекс Республики Беларусь о земле", "BY"),
        id="by-code-caps",
    ),
    pytest.param(
        "Зарегистрировано в Минюсте России 10 марта 2020 г. N 57706\n\n"
        "МИНИСТЕРСТВО ТРУДА И СОЦИАЛЬНОЙ ЗАЩИТЫ РОССИЙСКОЙ ФЕДЕРАЦИИ\n\nПРИКАЗ\nот 15 января 2020 г. N 8н\n\n"
        "ОБ УТВЕРЖДЕНИИ ПРАВИЛ\nПО ОХРАНЕ ТРУДА\n",
        Requisites("приказ", "8н", "2020-01-15", "Министерство труда и социальной защиты Российской Федерации",
                   "Об утверждении правил по охране труда", "RU"),
        id="ru-ministry-order-with-registration",
    ),
    pytest.param(
        "ПРИКАЗ МИНИСТЕРСТВА ФИНАНСОВ РЕСПУБЛИКИ БЕЛАРУСЬ\n\n5 февраля 2021 г. № 1/12345\n\nО бухгалтерском учете\n",
        Requisites("приказ", "1/12345", "2021-02-05", "Министерство финансов Республики Беларусь", "О бухгалтерском учете", "BY"),
        id="by-ministry-order-slash-number",
    ),
    pytest.param(
        "РАСПОРЯЖЕНИЕ ПРЕЗИДЕНТА РЕСПУБЛИКИ БЕЛАРУСЬ\n12 мая 2021 г. № 88рп\nО создании рабочей группы\n",
        Requisites("распоряжение", "88рп", "2021-05-12", BY_PRESIDENT, "О создании рабочей группы", "BY"),
        id="by-presidential-order",
    ),
    pytest.param(
        "РЕШЕНИЕ\nМИНСКОГО ГОРОДСКОГО ИСПОЛНИТЕЛЬНОГО КОМИТЕТА\n20 января 2023 г. № 150\nОб установлении тарифов\n",
        Requisites("решение", "150", "2023-01-20", "Минский городской исполнительный комитет", "Об установлении тарифов", None),
        id="minsk-city-executive-committee-decision",
    ),
    pytest.param(
        "ДЕКРЕТ ПРЕЗИДЕНТА РЕСПУБЛИКИ БЕЛАРУСЬ\n23 ноября 2017 г. № 7\nО развитии предпринимательства\n",
        Requisites("декрет", "7", "2017-11-23", BY_PRESIDENT, "О развитии предпринимательства", "BY"),
        id="by-decree",
    ),
    pytest.param(
        "ПОСТАНОВЛЕНИЕ ПРАВЛЕНИЯ НАЦИОНАЛЬНОГО БАНКА РЕСПУБЛИКИ БЕЛАРУСЬ\n24 сентября 2021 г. № 285\n"
        "Об изменении постановлений Правления Национального банка Республики Беларусь от 1 марта 2010 г. № 12\n",
        Requisites("постановление", "285", "2021-09-24", "Национальный банк Республики Беларусь",
                   "Об изменении постановлений Правления Национального банка Республики Беларусь от 1 марта 2010 г. № 12", "BY"),
        id="national-bank-title-with-its-own-date",
    ),
    pytest.param(
        "ФЕДЕРАЛЬНАЯ НАЛОГОВАЯ СЛУЖБА\n\nПИСЬМО\nот 10 марта 2021 г. N БС-4-11/3060@\n\nО направлении разъяснений\n",
        Requisites("письмо", "БС-4-11/3060@", "2021-03-10", "Федеральная налоговая служба", "О направлении разъяснений", None),
        id="tax-service-letter-lettered-number",
    ),
    pytest.param(
        "КОНСТИТУЦИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ\n\nМы, многонациональный народ Российской Федерации,",
        Requisites("конституция", None, None, None, "Конституция Российской Федерации", "RU"),
        id="constitution",
    ),
    pytest.param(
        "ПОСТАНОВЛЕНИЕ\n\nО порядке ведения реестра\n",
        Requisites("постановление", None, None, None, "О порядке ведения реестра", None),
        id="kind-and-title-only",
    ),
    pytest.param(
        "ПОСТАНОВЛЕНИЕ\n4 июля № 443\nО программе\n",
        Requisites("постановление", "443", None, None, "О программе", None),
        id="date-without-year-is-none",
    ),
    pytest.param(
        "Федеральная служба по труду и занятости\nПРИКАЗ\nот 1 апреля 2021 г. № 100\nО порядке проверок\n",
        Requisites("приказ", "100", "2021-04-01", "Федеральная служба по труду и занятости", "О порядке проверок", None),
        id="federal-service-title-case",
    ),
    pytest.param(
        "ПОСТАНОВЛЕНИЕ\nот 1 июня 2021 г. № 5\n\nНа основании статьи 5 Закона Республики Беларусь\n"
        "Совет Министров Республики Беларусь ПОСТАНОВЛЯЕТ:\n1. Утвердить.",
        Requisites("постановление", "5", "2021-06-01", None, None, None),
        id="no-title-preamble-is-not-header",
    ),
]


@pytest.mark.parametrize("header, expected", HEADERS)
def test_parse_requisites_of_headers(header, expected):
    assert parse_requisites(header) == expected


def test_decree_fixture_requisites():
    text = (FIXTURES / "belarus_decree.txt").read_text(encoding="utf-8")
    assert parse_requisites(text) == Requisites("постановление", "443", "2022-07-04", BY_COUNCIL, INTELAVTO, "BY")


def test_news_mentioning_a_decree_has_no_requisites():
    text = (FIXTURES / "news_union_state.txt").read_text(encoding="utf-8")
    assert parse_requisites(text) == Requisites()


@pytest.mark.parametrize(
    "text",
    [
        "Постановление Совмина вступает в силу после официального опубликования.",
        "Трудовой кодекс изменят в 2025 году.\nДепутаты обсудили поправки.",
        "Указ подписан вчера. Об этом сообщила пресс-служба.",
        "",
    ],
)
def test_prose_that_starts_with_a_kind_word_has_no_requisites(text):
    assert parse_requisites(text) == Requisites()


# -- requisites given with a document (a JSONL line's metadata), written as parsed ones ----------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("date", "2022-07-04", "2022-07-04"),
        ("date", "04.07.2022", "2022-07-04"),
        ("date", "4 июля 2022 г.", "2022-07-04"),
        ("number", "N 197-ФЗ", "197-ФЗ"),
        ("number", 443, "443"),
        ("number", "1/12345", "1/12345"),
        ("doc_type", "УКАЗ", "указ"),
        ("title", "  Об  одобрении\nпрограммы ", "Об одобрении программы"),
        ("issuer", "Совет Министров Республики Беларусь", "Совет Министров Республики Беларусь"),
        ("source", "News", "news"),
        ("jurisdiction", "kz", "KZ"),
        ("title", "   ", None),
        ("date", None, None),
    ],
)
def test_normalize_requisite_writes_given_values_as_parsed_ones(field, value, expected):
    assert normalize_requisite(field, value) == expected


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("date", "2022-13-01", "is not a date: '2022-13-01'"),
        ("date", "июль", "is not a date"),
        ("source", "law", "must be act or news, not 'law'"),
        ("jurisdiction", "Беларусь", "two-letter country code"),
        ("number", "№", "has no number"),
        ("title", ["a"], "must be text, not list"),
        ("number", True, "must be text, not bool"),
    ],
)
def test_normalize_requisite_refuses_what_it_cannot_read(field, value, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        normalize_requisite(field, value)
