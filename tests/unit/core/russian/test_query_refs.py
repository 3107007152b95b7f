"""Tests of reading what a search query refers to (pravo.core.russian.query_refs)."""

from __future__ import annotations

import pytest

from pravo.core.russian.query_refs import QueryRefs, parse_query_refs

TK = "Трудовой кодекс"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("статья 80 ТК", QueryRefs(article="80", code=TK, doc_type="кодекс")),
        ("ст. 81 ТК РФ", QueryRefs(article="81", code=TK, doc_type="кодекс")),
        ("ст.81 тк рф увольнение", QueryRefs(article="81", code=TK, doc_type="кодекс")),
        ("что говорит статья 22.2 трудового кодекса", QueryRefs(article="22.2", code=TK, doc_type="кодекс")),
        ("в статье 351.7", QueryRefs(article="351.7")),
        ("по 80-й статье", QueryRefs(article="80")),
        ("что говорит 22.2 статья", QueryRefs(article="22.2")),
        ("81 статья ТК", QueryRefs(article="81", code=TK, doc_type="кодекс")),
        ("в 2 статьях закона", QueryRefs()),
        ("п. 3 ч. 1 ст. 81 ТК", QueryRefs(article="81", point="3", code=TK, doc_type="кодекс")),
        ("подпункт 1.1 постановления", QueryRefs(point="1.1", doc_type="постановление")),
        ("пп. «а» ст. 5", QueryRefs(article="5", point="а")),
        ("постановление № 443 от 4 июля", QueryRefs(doc_type="постановление", number="443", day_month=(4, 7))),
        ("постановлении №443", QueryRefs(doc_type="постановление", number="443")),
        ("указа N 100 от 1 марта 2010 г.", QueryRefs(doc_type="указ", number="100", date="2010-03-01")),
        ("федеральный закон 197-ФЗ", QueryRefs(doc_type="закон", number="197-ФЗ")),
        ("закон о защите прав потребителей", QueryRefs(doc_type="закон")),
        ("положено ли по закону", QueryRefs()),
        ("статьи Гражданского кодекса о сделках", QueryRefs(code="Гражданский кодекс", doc_type="кодекс")),
        ("статья 105 УК", QueryRefs(article="105", code="Уголовный кодекс", doc_type="кодекс")),
        ("НК РФ статья 217", QueryRefs(article="217", code="Налоговый кодекс", doc_type="кодекс")),
        ("ст. 12.8 КоАП", QueryRefs(article="12.8", code="Кодекс об административных правонарушениях", doc_type="кодекс")),
        ("жалоба на ук в доме", QueryRefs()),
        ("N вопросов о работе", QueryRefs()),
        ("распоряжение от 04.07 №5", QueryRefs(doc_type="распоряжение", number="5", day_month=(4, 7))),
    ],
)
def test_parse_query_refs(query, expected):
    assert parse_query_refs(query) == expected
