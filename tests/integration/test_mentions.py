"""Acts and the news about them, linked by mentions: stored in the registry, kept right under incremental
indexing, shown in hits, and used by ranking («постановление Совета Министров № 443» → the decree, then the news)."""

from __future__ import annotations

import shutil

import pytest

from pravo.core.store import DocumentRegistry, store_from_settings
from pravo.indexer.runner import index_paths
from pravo.qa.search import Searcher
from tests.conftest import FIXTURES

ACT, NEWS, CODE = "acts/p443", "news/intelavto", "codes/tk_excerpt"


@pytest.fixture
def store(settings):
    store = store_from_settings(settings)
    yield store
    store.close()


def test_search_for_the_decree_returns_it_then_the_news_linked_to_it(settings, corpus, store):
    index_paths([corpus], settings, store=store)
    searcher = Searcher(settings, store=store)
    hits = searcher.search("постановление Совета Министров № 443", top_k=10)
    assert hits[0].doc_id == ACT
    others = [h for h in hits if h.doc_id != ACT]
    assert others and others[0].doc_id == NEWS
    news_hit = others[0]
    assert news_hit.mentions == [ACT]
    assert news_hit.mentioned_by == []
    assert hits[0].mentioned_by == [NEWS]
    assert "mentions" in news_hit.model_dump(mode="json")
    code_hits = [h for h in searcher.search("статья 80 ТК РФ", top_k=3) if h.doc_id == CODE]
    assert code_hits and code_hits[0].mentions == [] and code_hits[0].mentioned_by == []


def test_registry_records_hold_mentions_and_links(settings, corpus, store):
    index_paths([corpus], settings, store=store)
    news = DocumentRegistry(store).document(NEWS)
    (mention,) = news["mentions"]
    assert (mention["kind"], mention["number"], mention["day_month"], mention["resolved_doc_id"]) == (
        "постановление", "443", "07-04", ACT,
    )
    assert mention["date"] is None  # the news has no date of its own to take the year from
    assert news["text"][mention["start"] : mention["end"]] == "постановлении №443 от 4 июля"
    docs = DocumentRegistry(store).documents()
    assert docs[ACT]["mentioned_by"] == [NEWS]
    assert docs[ACT]["mentions"] == []  # its own header and appendix are not mentions of another act
    assert docs[CODE]["mentioned_by"] == []


def test_links_follow_incremental_indexing(settings, tmp_path, store):
    folder = tmp_path / "folder"
    (folder / "news").mkdir(parents=True)
    shutil.copy(FIXTURES / "corpus" / "news" / "intelavto.txt", folder / "news")
    index_paths([folder], settings, store=store)
    (mention,) = DocumentRegistry(store).document(NEWS)["mentions"]
    assert mention["resolved_doc_id"] is None  # the act is not indexed yet

    (folder / "acts").mkdir()
    shutil.copy(FIXTURES / "corpus" / "acts" / "p443.txt", folder / "acts")
    report = index_paths([folder], settings, store=store)
    assert (report.new, report.unchanged) == (1, 1)
    assert DocumentRegistry(store).document(NEWS)["mentions"][0]["resolved_doc_id"] == ACT
    assert DocumentRegistry(store).documents()[ACT]["mentioned_by"] == [NEWS]

    (folder / "news" / "intelavto.txt").unlink()
    report = index_paths([folder], settings, store=store)
    assert report.removed == 1
    assert DocumentRegistry(store).documents()[ACT]["mentioned_by"] == []


def test_links_in_hits_are_never_stale_after_indexing(settings, tmp_path, store):
    # hits read the links through a per-folder cache; every change to the registry must drop it,
    # also when the change comes through another QdrantStore object on the same folder
    folder = tmp_path / "folder"
    shutil.copytree(FIXTURES / "corpus", folder)
    index_paths([folder], settings, store=store)
    searcher = Searcher(settings, store=store)
    query = "постановление Совета Министров № 443"
    assert searcher.search(query, top_k=3)[0].mentioned_by == [NEWS]

    (folder / "news" / "intelavto.txt").unlink()
    other = store_from_settings(settings)
    assert index_paths([folder], settings, store=other).removed == 1
    assert searcher.search(query, top_k=3)[0].mentioned_by == []

    shutil.copy(FIXTURES / "corpus" / "news" / "intelavto.txt", folder / "news")
    index_paths([folder], settings, store=store)
    assert searcher.search(query, top_k=3)[0].mentioned_by == [NEWS]


def test_another_act_with_the_same_number_is_not_linked(settings, tmp_path, store):
    folder = tmp_path / "folder"
    shutil.copytree(FIXTURES / "corpus", folder)
    other = (folder / "acts" / "p443.txt").read_text(encoding="utf-8").replace("4 июля 2022 г.", "12 марта 2019 г.")
    (folder / "acts" / "p443_2019.txt").write_text(other, encoding="utf-8")
    index_paths([folder], settings, store=store)
    docs = DocumentRegistry(store).documents()
    assert docs["acts/p443_2019"]["date"] == "2019-03-12"
    assert docs["acts/p443_2019"]["mentioned_by"] == []
    assert docs[ACT]["mentioned_by"] == [NEWS]
