"""Tests of finding mentions of acts in text and resolving them to indexed acts (pravo.core.russian.mentions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pravo.core.russian.mentions import find_mentions, mentioned_doc_ids, resolve_links

CORPUS = Path(__file__).resolve().parents[3] / "fixtures" / "corpus"
BY_COUNCIL = "Совет Министров Республики Беларусь"


def _one(text: str, own_date: str | None = None):
    (mention,) = find_mentions(text, own_date=own_date)
    return mention


@pytest.mark.parametrize(
    ("text", "kind", "number", "date", "issuer", "written"),
    [
        pytest.param("Совет министров в постановлении №443 от 4 июля 2022 г. одобрил проект.", "постановление", "443",
                     "2022-07-04", None, "постановлении №443 от 4 июля 2022", id="number-then-date"),
        pytest.param("утверждено постановлением Совета Министров Республики Беларусь от 4 июля 2022 г. № 443 и",
                     "постановление", "443", "2022-07-04", BY_COUNCIL,
                     "постановлением Совета Министров Республики Беларусь от 4 июля 2022 г. № 443", id="issuer-date-number"),
        pytest.param("согласно Федеральный закон от 30.12.2001 N 197-ФЗ работодатель", "закон", "197-ФЗ", "2001-12-30",
                     None, "Федеральный закон от 30.12.2001 N 197-ФЗ", id="federal-law"),
        pytest.param("в силу Федерального закона № 152-ФЗ", "закон", "152-ФЗ", None, None, "Федерального закона № 152-ФЗ",
                     id="federal-law-genitive-no-date"),
        pytest.param("подписан Указ № 1.", "указ", "1", None, None, "Указ № 1", id="decree-number-only"),
        pytest.param("Указом Президента Республики Беларусь от 1 сентября 2010 г. № 450 «О лицензировании»", "указ", "450",
                     "2010-09-01", "Президент Республики Беларусь",
                     "Указом Президента Республики Беларусь от 1 сентября 2010 г. № 450", id="decree-with-issuer"),
        pytest.param("приказом Министерства финансов Российской Федерации от 06.12.2010 N 162н утвержден", "приказ", "162н",
                     "2010-12-06", "Министерство финансов Российской Федерации",
                     "приказом Министерства финансов Российской Федерации от 06.12.2010 N 162н", id="ministry-order"),
        pytest.param("в распоряжении\u00a0N\u00a01447-р от 01.06.2021 сказано", "распоряжение", "1447-р", "2021-06-01", None,
                     "распоряжении\u00a0N\u00a01447-р от 01.06.2021", id="nbsp"),
    ],
)
def test_mentions_in_prose(text, kind, number, date, issuer, written):
    mention = _one(text)
    assert (mention.kind, mention.number, mention.date, mention.issuer) == (kind, number, date, issuer)
    assert text[mention.start : mention.end] == written


def test_year_left_out_is_resolved_from_the_texts_own_date():
    text = "Совет министров Беларуси в постановлении №443 от 4 июля одобрил проект."
    assert (_one(text).date, _one(text).day_month) == (None, "07-04")
    assert _one(text, own_date="2022-07-06").date == "2022-07-04"
    # a date that would lie after the text's own date is from the year before
    assert _one("Указ от 28 декабря № 7 подписан", own_date="2023-01-05").date == "2022-12-28"
    assert _one("постановлением от 04.07 № 443", own_date="2022-08-01").date == "2022-07-04"
    assert _one(text, own_date="not a date").date is None


def test_the_seed_news_mentions_the_decree():
    news = (CORPUS / "news" / "intelavto.txt").read_text(encoding="utf-8")
    mention = _one(news)
    assert (mention.kind, mention.number, mention.day_month) == ("постановление", "443", "07-04")
    assert news[mention.start : mention.end] == "постановлении №443 от 4 июля"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Постановление было принято 4 июля. Документ № 15 вступит в силу.", id="number-in-next-sentence"),
        pytest.param("Решение принято. № 5 в списке", id="number-after-a-full-stop"),
        pytest.param("Трудового кодекса № 5", id="code-is-not-cited-by-number"),
        pytest.param("постановлением правительства одобрен длинный перечень мероприятий, в который вошли работы по "
                     "строительству дорог, школ и больниц в разных регионах страны на ближайшие годы, № 12",
                     id="number-too-far"),
        pytest.param("Без ссылок на акты 4 июля 2022 г. № 1", id="no-kind-word"),
        pytest.param("", id="empty"),
    ],
)
def test_no_mention_is_invented(text):
    assert find_mentions(text) == []


def test_several_mentions_each_take_their_own_requisites():
    text = "Указом № 7 от 2 мая 2020 г. и постановлением № 12 от 3 июня 2021 г. изменены правила."
    first, second = find_mentions(text)
    assert (first.kind, first.number, first.date) == ("указ", "7", "2020-05-02")
    assert (second.kind, second.number, second.date) == ("постановление", "12", "2021-06-03")


ACT = {"source": "act", "doc_type": "постановление", "number": "443", "date": "2022-07-04", "issuer": BY_COUNCIL}


def _mention(**fields):
    return {"kind": "постановление", "number": "443", "date": None, "day_month": "07-04", "issuer": None,
            "start": 0, "end": 10, **fields}


def test_resolve_links_matches_by_number_and_date_or_day_month():
    records = {"acts/p443": ACT, "news/a": {"source": "news"}, "news/b": {"source": "news"}}
    resolved, mentioned_by = resolve_links(
        {"news/a": [_mention()], "news/b": [_mention(day_month="08-01")], "acts/p443": [_mention(date="2022-07-04")]},
        records,
    )
    assert resolved["news/a"][0]["resolved_doc_id"] == "acts/p443"
    assert resolved["news/b"][0]["resolved_doc_id"] is None  # another day: another act
    assert resolved["acts/p443"] == []  # an act mentioning itself (header, appendix) is no link
    assert mentioned_by == {"acts/p443": ["news/a"]}


@pytest.mark.parametrize(
    ("mention", "linked"),
    [
        (_mention(), True),
        (_mention(day_month=None), True),
        (_mention(kind="указ"), False),
        (_mention(kind=None), True),
        (_mention(date="2021-07-04"), False),
        (_mention(issuer="Президент Республики Беларусь"), False),
        (_mention(issuer=BY_COUNCIL), True),
        (_mention(number="444"), False),
    ],
)
def test_kind_date_and_issuer_must_agree_where_known(mention, linked):
    resolved, _ = resolve_links({"news/a": [mention]}, {"acts/p443": ACT, "news/a": {"source": "news"}})
    assert (resolved["news/a"][0]["resolved_doc_id"] == "acts/p443") is linked


def test_ambiguous_mentions_stay_unresolved():
    records = {"acts/one": {**ACT, "date": None}, "acts/two": {**ACT, "date": None}, "news/a": {"source": "news"}}
    resolved, mentioned_by = resolve_links({"news/a": [_mention()]}, records)
    assert resolved["news/a"][0]["resolved_doc_id"] is None and mentioned_by == {}


def test_mentioned_doc_ids_are_distinct_in_order():
    mentions = [{"resolved_doc_id": "b"}, {"resolved_doc_id": None}, {"resolved_doc_id": "a"}, {"resolved_doc_id": "b"}]
    assert mentioned_doc_ids(mentions) == ["b", "a"]
    assert mentioned_doc_ids(None) == []
