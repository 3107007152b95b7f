"""Tests of the shared patterns: points, act numbers, kind words (pravo.core.russian.patterns)."""

from __future__ import annotations

import pytest

from pravo.core.russian.patterns import KIND_WORD, POINT_START, find_act_number, kind_of, number_of, point_number


@pytest.mark.parametrize(
    "line, number",
    [
        ("1. Одобрить проект.", "1"),
        ("2.1. Министерству обеспечить.", "2.1"),
        ("3.2.1.  Два пробела после номера.", "3.2.1"),
        ("12. Утратил силу.", "12"),
        ("а) по соглашению сторон;", None),
        ("1) по соглашению сторон;", None),
        ("2022. Год начался.", None),
        ("1.Без пробела", None),
        ("Статья 1. Цели", None),
        ("", None),
    ],
)
def test_point_number(line, number):
    assert point_number(line) == number


def test_point_start_finds_numbered_and_lettered_points_on_any_line():
    text = "Статья 81\n1. Договор расторгается:\nа) при ликвидации;\nб) при сокращении;\n2. Увольнение допускается."
    found = [(m.group("number"), m.group("letter")) for m in POINT_START.finditer(text)]
    assert found == [("1", None), (None, "а"), (None, "б"), ("2", None)]


@pytest.mark.parametrize(
    "text, number",
    [
        ("постановление № 443 от 4 июля", "443"),
        ("Федеральный закон от 30.12.2001 N 197-ФЗ", "197-ФЗ"),
        ("федеральный закон 197-ФЗ", "197-ФЗ"),
        ("распоряжение №5-р.", "5-р"),
        ("N вопросов о работе", None),
        ("статья 22.2", None),
    ],
)
def test_find_act_number(text, number):
    match = find_act_number(text)
    assert (number_of(match) if match else None) == number


def test_kind_words_in_any_case_form():
    text = "Постановлением Совета Министров, Указом Президента, в законе и приказе"
    assert [kind_of(m) for m in KIND_WORD.finditer(text)] == ["постановление", "указ", "закон", "приказ"]
