"""Tests of reading dates written in words and figures (pravo.core.russian.dates)."""

from __future__ import annotations

import pytest

from pravo.core.russian.dates import dates_in, day_month_in, parse_date, resolve_year


@pytest.mark.parametrize(
    "text, expected",
    [
        ("4 июля 2022 г.", "2022-07-04"),
        ("04.07.2022", "2022-07-04"),
        ("от 30.12.2001 N 197-ФЗ", "2001-12-30"),
        ("4 июля 2022 года", "2022-07-04"),
        ("30 ДЕКАБРЯ 2001 Г.", "2001-12-30"),
        ("« 1 » марта 2010 г.", "2010-03-01"),
        ("8 мая 2020 года", "2020-05-08"),
        ("в постановлении от 4 июля", None),
        ("31.02.2020", None),
        ("статья 22.2", None),
        ("12 мест 2020 года", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("постановление от 4 июля", (4, 7)),
        ("распоряжение от 04.07 №5", (4, 7)),
        ("в 5.12 часов", None),
        ("от 31 июня", None),
        ("без даты", None),
    ],
)
def test_day_month_in(query, expected):
    assert day_month_in(query) == expected


def test_dates_in_finds_full_and_year_less_dates_in_order():
    window = " Совета Министров от 4 июля № 443 и от 04.07.2022, а также 12.03"
    found = [(window[d.start : d.end], d.day, d.month, d.year) for d in dates_in(window)]
    assert found == [("4 июля", 4, 7, None), ("04.07.2022", 4, 7, 2022), ("12.03", 12, 3, None)]


@pytest.mark.parametrize(
    "day, month, own_date, expected",
    [
        (4, 7, "2022-09-01", "2022-07-04"),
        (4, 12, "2022-09-01", "2021-12-04"),
        (4, 7, None, None),
        (4, 7, "not a date", None),
    ],
)
def test_resolve_year_takes_the_texts_year_or_the_year_before(day, month, own_date, expected):
    assert resolve_year(day, month, own_date) == expected
