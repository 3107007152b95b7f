from pathlib import Path

import pytest
from haystack import Document

from indexer.classifiers.requisites import RequisitesExtractor, first_line_title

pytestmark = pytest.mark.unit

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
