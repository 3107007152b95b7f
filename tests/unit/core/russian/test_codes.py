"""Tests of the lexicon of codes (pravo.core.russian.codes): a query's code and a title's code share one key."""

from __future__ import annotations

from pathlib import Path

import pytest

from pravo.core.russian.codes import CODES, code_in_title, code_named_in, code_of_title
from pravo.core.russian.query_refs import parse_query_refs
from pravo.core.russian.requisites import parse_requisites

#: The first lines of the corpora's files (/work/shared/corpus/tk_rf and ru_codes), as the files have them.
CORPUS_HEADS = {
    "tk_rf": "# Трудовой кодекс Российской Федерации от 30.12.2001 N 197-ФЗ\n"
    "# Источник: https://legalacts.ru/kodeks/TK-RF/\n# Скачано: 2026-09-15\n\n"
    "Глава 1. Основные начала трудового законодательства\n\nСтатья 1. Цели и задачи трудового законодательства\n",
    "gk1": "Гражданский кодекс Российской Федерации (часть первая)\n\nРаздел I. Общие положения\n",
    "gk2": "Гражданский кодекс Российской Федерации (часть вторая)\n\nРаздел IV. ОТДЕЛЬНЫЕ ВИДЫ ОБЯЗАТЕЛЬСТВ\n",
    "gk3": "Гражданский кодекс Российской Федерации (часть третья)\n\nРАЗДЕЛ V. НАСЛЕДСТВЕННОЕ ПРАВО\n",
    "gk4": "Гражданский кодекс Российской Федерации (часть четвертая)\n\n"
    "РАЗДЕЛ VII ПРАВА НА РЕЗУЛЬТАТЫ ИНТЕЛЛЕКТУАЛЬНОЙ ДЕЯТЕЛЬНОСТИ И СРЕДСТВА ИНДИВИДУАЛИЗАЦИИ\n",
    "jk": "Жилищный кодекс Российской Федерации\n\nРАЗДЕЛ I ОБЩИЕ ПОЛОЖЕНИЯ\n",
    "nk1": "Налоговый кодекс Российской Федерации (часть первая)\n\nРаздел I. ОБЩИЕ ПОЛОЖЕНИЯ\n",
    "sk": "Семейный кодекс Российской Федерации\n\nРАЗДЕЛ I. ОБЩИЕ ПОЛОЖЕНИЯ\n",
    "uk": "Уголовный кодекс Российской Федерации\n\nРаздел I. УГОЛОВНЫЙ ЗАКОН\n",
}
CORPUS_CODES = {
    "tk_rf": ("Трудовой кодекс", "ТК РФ"),
    "gk1": ("Гражданский кодекс", "ГК РФ"),
    "gk2": ("Гражданский кодекс", "ГК РФ"),
    "gk3": ("Гражданский кодекс", "ГК РФ"),
    "gk4": ("Гражданский кодекс", "ГК РФ"),
    "jk": ("Жилищный кодекс", "ЖК РФ"),
    "nk1": ("Налоговый кодекс", "НК РФ"),
    "sk": ("Семейный кодекс", "СК РФ"),
    "uk": ("Уголовный кодекс", "УК РФ"),
}


@pytest.mark.parametrize("name", sorted(CORPUS_HEADS))
def test_the_title_of_every_corpus_file_maps_to_its_code(name):
    title = parse_requisites(CORPUS_HEADS[name]).title
    key, abbreviation = CORPUS_CODES[name]
    assert code_of_title(title) == key
    assert code_in_title(title).abbreviation + " РФ" == abbreviation


SHARED_CORPUS = Path("/work/shared/corpus")


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="the shared corpora are not on this machine")
@pytest.mark.parametrize("name", sorted(CORPUS_HEADS))
def test_the_corpus_files_themselves_map_to_their_codes(name):
    path = SHARED_CORPUS / ("tk_rf" if name == "tk_rf" else "ru_codes") / f"{name}.txt"
    with path.open(encoding="utf-8") as file:
        head = file.read(4000)
    assert code_of_title(parse_requisites(head).title) == CORPUS_CODES[name][0]


@pytest.mark.parametrize(
    "title, key",
    [
        ("Трудовой кодекс Российской Федерации", "Трудовой кодекс"),
        ("ГРАЖДАНСКИЙ КОДЕКС РОССИЙСКОЙ ФЕДЕРАЦИИ (часть первая)", "Гражданский кодекс"),
        ("Гражданский  кодекс\u00a0Российской Федерации (часть вторая)", "Гражданский кодекс"),
        ("Налоговый кодекс Российской Федерации (часть первая)", "Налоговый кодекс"),
        ("Гражданский процессуальный кодекс Российской Федерации", "Гражданский процессуальный кодекс"),
        ("Уголовно-процессуальный кодекс Российской Федерации", "Уголовно-процессуальный кодекс"),
        ("Уголовно-исполнительный кодекс Российской Федерации", "Уголовно-исполнительный кодекс"),
        ("Кодекс Российской Федерации об административных правонарушениях", "Кодекс об административных правонарушениях"),
        ("Кодекс Республики Беларусь об административных правонарушениях", "Кодекс об административных правонарушениях"),
        (
            "Процессуально-исполнительный кодекс Республики Беларусь об административных правонарушениях",
            "Процессуально-исполнительный кодекс об административных правонарушениях",
        ),
        ("Кодекс административного судопроизводства Российской Федерации", "Кодекс административного судопроизводства"),
        ("Водный кодекс Российской Федерации", "Водный кодекс"),
        ("Кодекс Республики Беларусь о браке и семье", "Кодекс о браке и семье"),
        ("О защите прав потребителей", None),
        ("Об одобрении проекта научно-технической программы Союзного государства «Интелавто»", None),
        ("Кодекс чести", None),
        ("", None),
        (None, None),
    ],
)
def test_code_of_title(title, key):
    assert code_of_title(title) == key


@pytest.mark.parametrize(
    "query, title",
    [
        ("ст. 81 ТК РФ", "Трудовой кодекс Российской Федерации"),
        ("по Трудовому кодексу", "Трудовой кодекс Российской Федерации"),
        ("статья 1142 гк рф", "Гражданский кодекс Российской Федерации (часть третья)"),
        ("ст. 12.8 КоАП", "Кодекс Российской Федерации об административных правонарушениях"),
        ("НК РФ статья 217", "Налоговый кодекс Российской Федерации (часть первая)"),
        ("статья 80 СК", "Семейный кодекс Российской Федерации"),
    ],
)
def test_a_query_and_the_codes_title_give_the_same_key(query, title):
    assert parse_query_refs(query).code == code_of_title(title) is not None


def test_a_code_that_is_not_indexed_matches_no_indexed_title():
    refs = parse_query_refs("статья 5 ВК РФ")
    assert refs.code == "Водный кодекс" and refs.article == "5" and refs.doc_type == "кодекс"
    indexed = {code_of_title(parse_requisites(head).title) for head in CORPUS_HEADS.values()}
    assert refs.code not in indexed


@pytest.mark.parametrize(
    "query, key",
    [
        ("ст. 5 ВК", "Водный кодекс"),
        ("ВК РФ", "Водный кодекс"),
        ("водного кодекса", "Водный кодекс"),
        ("как удалить страницу ВК", None),  # ВКонтакте: an ambiguous abbreviation needs «РФ» or an article
        ("войти в ЛК", None),
        ("ЛК РФ", "Лесной кодекс"),
        ("ГрК РФ", "Градостроительный кодекс"),
        ("ст. 3 КАС", "Кодекс административного судопроизводства"),
        ("жалоба на ук в доме", None),
        ("ст.81 тк рф", "Трудовой кодекс"),
        ("гражданского процессуального кодекса", "Гражданский процессуальный кодекс"),
    ],
)
def test_code_named_in(query, key):
    code = code_named_in(query)
    assert (code.title if code else None) == key


def test_each_code_is_in_the_lexicon_once_and_its_own_title_maps_to_it():
    assert len(CODES) == 20
    assert len({code.title for code in CODES}) == len({code.abbreviation for code in CODES}) == len(CODES)
    for code in CODES:
        assert code_of_title(code.title) == code.title
        assert code_named_in(code.title.lower()) == code
