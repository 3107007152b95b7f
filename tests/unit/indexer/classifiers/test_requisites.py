from pathlib import Path

from haystack import Document

from pravo.indexer.classifiers.requisites import RequisitesExtractor, first_line_title

CORPUS = Path(__file__).parents[3] / "fixtures" / "corpus"


def _meta(path: str) -> dict:
    text = (CORPUS / path).read_text(encoding="utf-8")
    return RequisitesExtractor().run([Document(content=text, meta={"doc_id": path})])["documents"][0].meta


def test_decree_is_an_act_with_its_requisites():
    meta = _meta("acts/p443.txt")
    assert meta["source"] == "act"
    assert (meta["doc_type"], meta["number"], meta["date"], meta["jurisdiction"]) == ("постановление", "443", "2022-07-04", "BY")
    assert meta["issuer"] == "Совет Министров Республики Беларусь"
    assert meta["title"].startswith("Об одобрении проекта научно-технической программы")


def test_news_mentioning_a_decree_is_news_without_requisites():
    meta = _meta("news/intelavto.txt")
    assert meta["source"] == "news"
    assert meta["title"] == "Беларусь и Россия разработают компоненты для спецтранспорта"
    assert [meta[k] for k in ("doc_type", "number", "date", "issuer")] == [None, None, None, None]


def test_first_line_title_is_cut_at_a_word():
    assert first_line_title("\n\n# Заголовок\nтекст") == "Заголовок"
    long = "слово " * 100
    title = first_line_title(long, max_chars=50)
    assert title.endswith("…") and len(title) <= 51 and " слов…" not in title


# -- requisites given with a document (a JSONL line's metadata) win over parsing ---------------


def _run(text: str, **meta) -> dict:
    return RequisitesExtractor().run([Document(content=text, meta={"doc_id": "d", **meta})])["documents"][0].meta


def test_given_requisites_win_over_the_header_and_the_rest_is_parsed():
    text = (CORPUS / "acts/p443.txt").read_text(encoding="utf-8")
    meta = _run(text, title="Об «Интелавто»", date="05.07.2022", number="№ 443-а", doc_type="Постановление", file_path="x")
    assert meta["title"] == "Об «Интелавто»"
    assert meta["date"] == "2022-07-05"  # written as ISO, like a parsed date
    assert (meta["number"], meta["doc_type"]) == ("443-а", "постановление")
    # not given: read from the header as before
    assert (meta["source"], meta["issuer"], meta["jurisdiction"]) == ("act", "Совет Министров Республики Беларусь", "BY")
    assert meta["file_path"] == "x"


def test_a_given_source_decides_whether_the_header_is_read():
    decree = (CORPUS / "acts/p443.txt").read_text(encoding="utf-8")
    as_news = _run(decree, source="news")
    assert as_news["source"] == "news"
    assert [as_news[k] for k in ("doc_type", "number", "date", "issuer", "jurisdiction")] == [None] * 5
    news = (CORPUS / "news/intelavto.txt").read_text(encoding="utf-8")
    as_act = _run(news, source="ACT", jurisdiction="by")
    assert (as_act["source"], as_act["jurisdiction"]) == ("act", "BY")
    assert as_act["number"] is None  # a mention in prose is not a header: nothing guessed


def test_an_unusable_given_value_is_ignored_with_a_warning(caplog):
    text = (CORPUS / "acts/p443.txt").read_text(encoding="utf-8")
    with caplog.at_level("WARNING", logger="pravo.indexer.classifiers.requisites"):
        meta = _run(text, date="31.02.2022", source="law", number="  ")
    assert (meta["date"], meta["source"], meta["number"]) == ("2022-07-04", "act", "443")
    messages = [r.getMessage() for r in caplog.records]
    assert any("d: ignoring its given date" in m and "'31.02.2022'" in m for m in messages)
    assert any("ignoring its given source" in m and "act or news" in m for m in messages)
    assert len(messages) == 2  # a blank value is simply not given
