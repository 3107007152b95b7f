"""The hybrid retriever: its filters (pure functions of the query's requisites) and the one Query API
call a search makes, checked against a fake store that records what the retriever sends."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from haystack.dataclasses import SparseEmbedding
from qdrant_client import models

from pravo.core.errors import StoreError
from pravo.core.russian.query_refs import QueryRefs, parse_query_refs
from pravo.core.store import DENSE_VECTORS_NAME, SENTENCE_VECTORS_NAME, SPARSE_VECTORS_NAME, QdrantStore
from pravo.core.types import VECTORS_META, ChunkVectors, query_mention_keys
from pravo.qa.retrievers.hybrid import (
    MENTION_BOOST_SHARE,
    HybridRetriever,
    code_filter,
    mentioning_filter,
    requisite_filter,
)

TK = "Трудовой кодекс"


def _retriever(**kwargs):
    return HybridRetriever(store=QdrantStore(path="/nonexistent/never-opened"), **kwargs)


def _field(key: str, value: str) -> models.FieldCondition:
    return models.FieldCondition(key=key, match=models.MatchValue(value=value))


# -- init and serialisation ---------------------------------------------------------------------


def test_round_trip_of_every_init_parameter():
    retriever = _retriever(fusion="rrf", use_sentences=False, dense_weight=0.3, candidates=50, requisite_boost=0.5, rrf_k=20, top_k=7)
    data = retriever.to_dict()
    assert data["init_parameters"]["store"]["init_parameters"]["path"] == "/nonexistent/never-opened"
    assert {k: v for k, v in data["init_parameters"].items() if k != "store"} == {
        "fusion": "rrf", "use_sentences": False, "dense_weight": 0.3, "candidates": 50,
        "requisite_boost": 0.5, "rrf_k": 20, "top_k": 7,
    }
    assert HybridRetriever.from_dict(data).to_dict() == data


def test_invalid_parameters_list_the_choices():
    with pytest.raises(ValueError, match="dbsf, rrf, dense, sparse"):
        _retriever(fusion="linear")
    with pytest.raises(ValueError, match="dense_weight"):
        _retriever(dense_weight=1.5)


# -- filters ------------------------------------------------------------------------------------


def test_requisite_filter_for_article_and_number():
    by_article = requisite_filter(QueryRefs(article="22.2", point="3"))
    assert by_article == models.Filter(must=[_field("meta.article", "22.2"), _field("meta.point", "3")])
    by_number = requisite_filter(QueryRefs(number="443"))
    assert by_number == models.Filter(must=[_field("meta.number", "443")])
    assert requisite_filter(QueryRefs()) is None
    assert requisite_filter(None) is None


def test_requisite_filter_pins_the_article_to_the_named_code():
    refs = parse_query_refs("статья 80 ТК РФ")
    assert requisite_filter(refs) == models.Filter(must=[_field("meta.article", "80"), _field("meta.code", TK)])
    # a code alone names no unit: it is a scope, not a requisite
    assert requisite_filter(QueryRefs(code=TK, doc_type="кодекс")) is None


def test_code_filter_is_the_meta_code_of_a_code_named_alone():
    assert code_filter(QueryRefs(code=TK, doc_type="кодекс")) == models.Filter(must=[_field("meta.code", TK)])
    assert code_filter(parse_query_refs("отпуск по ТК РФ")) == models.Filter(must=[_field("meta.code", TK)])
    assert code_filter(QueryRefs(article="80", code=TK)) is None  # the article pins it: requisite_filter's job
    assert code_filter(QueryRefs(number="443", code=TK)) is None
    assert code_filter(QueryRefs()) is None and code_filter(None) is None


def test_mentioning_filter_matches_the_mention_keys_of_the_act_named_by_number():
    refs = QueryRefs(doc_type="постановление", number="443")
    keys = query_mention_keys("постановление", "443")
    assert keys == ["постановление/№443", "*/№443"]
    assert mentioning_filter(refs) == models.Filter(
        must=[models.FieldCondition(key="meta.mention_keys", match=models.MatchAny(any=keys))]
    )
    assert mentioning_filter(QueryRefs(number="197-ФЗ")).must[0].match.any == ["№197-фз"]
    assert mentioning_filter(QueryRefs(number="443", article="5")) is None  # an article of it: not its mentions
    assert mentioning_filter(QueryRefs(code=TK)) is None and mentioning_filter(None) is None


# -- run, against a fake store ------------------------------------------------------------------


class RecordingClient:
    """The client methods the retriever calls, each recorded as (name, args, kwargs)."""

    def __init__(self, store: "FakeStore", centroid: list[float] | None, points: list[dict[str, Any]]) -> None:
        self.store = store
        self.centroid = centroid
        self.points = points
        self.exists = True
        self.vectors = {DENSE_VECTORS_NAME: object(), SENTENCE_VECTORS_NAME: object()}
        self.calls: list[tuple[str, tuple, dict]] = []

    def _record(self, name: str, *args: Any, **kwargs: Any) -> None:
        self.calls.append((name, args, kwargs))

    def names(self) -> list[str]:
        return [name for name, _, _ in self.calls]

    def collection_exists(self, name: str) -> bool:
        self._record("collection_exists", name)
        return self.exists

    def get_collection(self, name: str) -> Any:
        self._record("get_collection", name)
        params = SimpleNamespace(vectors=self.vectors, sparse_vectors={SPARSE_VECTORS_NAME: object()})
        return SimpleNamespace(config=SimpleNamespace(params=params))

    def retrieve(self, name: str, ids: list[Any], **kwargs: Any) -> list[Any]:
        self._record("retrieve", name, ids, **kwargs)
        payload = {"kind": "index", "dense_dim": 2, "embedding_model": "test-model"}
        if self.centroid is not None:
            payload["centroid"] = self.centroid
        return [models.Record(id=ids[0], payload=payload)]

    def query_points(self, name: str, **kwargs: Any) -> Any:
        self._record("query_points", name, **kwargs)
        if not self.points:
            return SimpleNamespace(points=[])
        # fresh points each call: the converter writes into the payload it reads
        return SimpleNamespace(points=[models.ScoredPoint(**p, version=0) for p in self._fresh()])

    def _fresh(self) -> list[dict[str, Any]]:
        return [{**p, "payload": {**p["payload"], "meta": dict(p["payload"]["meta"])}} for p in self.points]


class FakeStore:
    location = "/fake/edge"
    collection = "pravo"
    documents_collection = "pravo_documents"
    url = None

    def __init__(self, centroid: list[float] | None = None, points: list[dict[str, Any]] | None = None) -> None:
        self.client = RecordingClient(self, centroid, points or [])
        self.gen = (0, 0)

    def generation(self) -> tuple[int, int]:
        return self.gen

    def to_dict(self) -> dict[str, Any]:
        return {"type": "tests.FakeStore", "init_parameters": {}}


def _point(n: int, text: str, score: float, meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": f"00000000-0000-0000-0000-00000000000{n}",
        "score": score,
        "payload": {"id": f"tk_rf#{n}", "content": text, "meta": {"doc_id": "tk_rf", "code": TK, **meta}},
        "vector": {
            DENSE_VECTORS_NAME: [1.0, 0.0],
            SENTENCE_VECTORS_NAME: [[1.0, 0.0], [0.0, 1.0]],
            SPARSE_VECTORS_NAME: models.SparseVector(indices=[3, 7], values=[1.0, 0.5]),
        },
    }


POINTS = [
    _point(1, "Статья 80. Расторжение трудового договора по инициативе работника", 2.5, {"article": "80"}),
    _point(2, "Статья 96. Работа в ночное время", 1.5, {"article": "96"}),
]
QUERY = np.array([1.0, 0.0], dtype=np.float32)
SPARSE = SparseEmbedding(indices=[3, 9], values=[1.0, 1.0])


def _search(retriever: HybridRetriever, query: str, **kwargs: Any) -> dict[str, Any]:
    return retriever.run(query_embedding=QUERY, query_sparse_embedding=SPARSE, refs=parse_query_refs(query), **kwargs)


def _sent(store: FakeStore) -> dict[str, Any]:
    """The keyword arguments of the last query_points call."""
    name, args, kwargs = [c for c in store.client.calls if c[0] == "query_points"][-1]
    assert args == ("pravo",)
    return kwargs


def test_one_query_points_call_per_run_after_the_first():
    store = FakeStore(centroid=[0.6, 0.8], points=POINTS)
    retriever = HybridRetriever(store=store)  # type: ignore[arg-type]
    first = _search(retriever, "Какое время считается ночным?")
    # the first run checks the index and reads the index record once
    assert store.client.names() == ["collection_exists", "get_collection", "collection_exists", "retrieve", "query_points"]
    assert store.client.calls[3][1][0] == "pravo_documents"
    before = len(store.client.calls)
    for query in ("Какое время считается ночным?", "статья 80 ТК РФ", "отпуск по ТК РФ"):
        again = _search(retriever, query)
        assert store.client.names()[before:] == ["query_points"]
        before = len(store.client.calls)
        assert isinstance(again["corpus_centroid"], np.ndarray)
    sent = _sent(store)
    assert sent["with_vectors"] is True and sent["with_payload"] is True
    assert isinstance(first["corpus_centroid"], np.ndarray)
    np.testing.assert_allclose(first["corpus_centroid"], [0.6, 0.8])


def test_a_new_generation_reads_the_index_record_again():
    store = FakeStore(centroid=[0.6, 0.8])
    retriever = HybridRetriever(store=store)  # type: ignore[arg-type]
    _search(retriever, "отпуск")
    store.gen = (1, 0)
    store.client.centroid = [0.0, 1.0]
    out = _search(retriever, "отпуск")
    # the schema was checked once; only the index record is read again
    assert store.client.names()[5:] == ["collection_exists", "retrieve", "query_points"]
    np.testing.assert_allclose(out["corpus_centroid"], [0.0, 1.0])


def test_the_hits_come_back_with_their_vectors_and_payload():
    store = FakeStore(centroid=[0.6, 0.8], points=POINTS)
    out = _search(HybridRetriever(store=store), "Какое время считается ночным?")  # type: ignore[arg-type]
    docs = out["documents"]
    assert [d.id for d in docs] == ["tk_rf#1", "tk_rf#2"] and [d.score for d in docs] == [2.5, 1.5]
    assert docs[0].meta["article"] == "80" and docs[0].embedding is None
    vectors = docs[0].meta[VECTORS_META]
    assert isinstance(vectors, ChunkVectors)
    assert vectors.dense.dtype == np.float32 and vectors.windows.shape == (2, 2)
    assert vectors.terms == frozenset({3, 7})


def test_a_plain_query_fuses_three_prefetches_without_a_boost():
    store = FakeStore(centroid=None)
    out = _search(HybridRetriever(store=store, top_k=5), "Какое время считается ночным?")  # type: ignore[arg-type]
    assert out == {"documents": [], "corpus_centroid": None}
    sent = _sent(store)
    assert sent["query"] == models.FusionQuery(fusion=models.Fusion.DBSF) and sent["limit"] == 5
    assert [p.using for p in sent["prefetch"]] == [DENSE_VECTORS_NAME, SENTENCE_VECTORS_NAME, SPARSE_VECTORS_NAME]
    assert all(p.filter is None and p.limit == 100 for p in sent["prefetch"])
    assert sent["prefetch"][1].query == [[1.0, 0.0]]  # the query as one-row multivector for MAX_SIM


def test_a_query_naming_an_article_sends_a_formula_with_the_requisite_boost():
    store = FakeStore(centroid=[0.6, 0.8])
    _search(HybridRetriever(store=store, requisite_boost=0.7), "статья 80 ТК РФ")  # type: ignore[arg-type]
    sent = _sent(store)
    named = models.Filter(must=[_field("meta.article", "80"), _field("meta.code", TK)])
    assert isinstance(sent["query"], models.FormulaQuery)
    assert sent["query"].formula == models.SumExpression(sum=["$score", models.MultExpression(mult=[0.7, named])])
    (outer,) = sent["prefetch"]
    assert outer.query == models.FusionQuery(fusion=models.Fusion.DBSF)
    inner = outer.prefetch
    # dense, sentences, sparse, and the chunks carrying the article whatever their similarity
    assert [p.using for p in inner] == [DENSE_VECTORS_NAME, SENTENCE_VECTORS_NAME, SPARSE_VECTORS_NAME, DENSE_VECTORS_NAME]
    assert inner[-1].filter == named


def test_a_query_naming_an_act_by_number_also_boosts_the_texts_mentioning_it():
    store = FakeStore(centroid=[0.6, 0.8])
    _search(HybridRetriever(store=store), "постановление № 443")  # type: ignore[arg-type]
    sent = _sent(store)
    named = models.Filter(must=[_field("meta.number", "443")])
    mentioning = mentioning_filter(QueryRefs(doc_type="постановление", number="443"))
    assert sent["query"].formula == models.SumExpression(
        sum=["$score", models.MultExpression(mult=[1.0, named]), models.MultExpression(mult=[MENTION_BOOST_SHARE, mentioning])]
    )
    assert [p.filter for p in sent["prefetch"][0].prefetch[3:]] == [named, mentioning]


def test_a_code_named_alone_multiplies_the_fused_score_with_no_extra_prefetch():
    store = FakeStore(centroid=[0.6, 0.8])
    _search(HybridRetriever(store=store, requisite_boost=0.5), "отпуск по ТК РФ")  # type: ignore[arg-type]
    sent = _sent(store)
    scope = models.Filter(must=[_field("meta.code", TK)])
    assert isinstance(sent["query"], models.FormulaQuery)
    assert sent["query"].formula == models.MultExpression(
        mult=["$score", models.SumExpression(sum=[1.0, models.MultExpression(mult=[0.5, scope])])]
    )
    (outer,) = sent["prefetch"]
    assert [p.using for p in outer.prefetch] == [DENSE_VECTORS_NAME, SENTENCE_VECTORS_NAME, SPARSE_VECTORS_NAME]
    assert all(p.filter is None for p in outer.prefetch)


def test_no_boost_sends_the_plain_fusion_even_for_requisites():
    store = FakeStore(centroid=[0.6, 0.8])
    _search(HybridRetriever(store=store, requisite_boost=0.0, fusion="rrf", rrf_k=20), "статья 80 ТК РФ")  # type: ignore[arg-type]
    sent = _sent(store)
    assert sent["query"] == models.RrfQuery(rrf=models.Rrf(k=20, weights=[0.5, 0.5, 0.5]))
    assert len(sent["prefetch"]) == 3


def test_user_filters_reach_every_prefetch():
    store = FakeStore(centroid=[0.6, 0.8])
    retriever = HybridRetriever(store=store)  # type: ignore[arg-type]
    _search(retriever, "статья 80 ТК РФ", filters={"field": "meta.doc_type", "operator": "==", "value": "кодекс"})
    inner = _sent(store)["prefetch"][0].prefetch
    assert all(p.filter is not None for p in inner)
    assert inner[-1].filter.must[0] == models.Filter(must=[_field("meta.article", "80"), _field("meta.code", TK)])


def test_single_list_fusions_query_one_vector():
    store = FakeStore(centroid=[0.6, 0.8])
    _search(HybridRetriever(store=store, fusion="dense", top_k=3), "статья 80 ТК РФ")  # type: ignore[arg-type]
    sent = _sent(store)
    assert sent["using"] == DENSE_VECTORS_NAME and sent["query"] == [1.0, 0.0] and sent["limit"] == 3
    sparse = HybridRetriever(store=store, fusion="sparse")  # type: ignore[arg-type]
    sparse.run(query_embedding=QUERY, query_sparse_embedding=SPARSE)
    assert _sent(store)["using"] == SPARSE_VECTORS_NAME
    calls = len(store.client.calls)
    empty = sparse.run(query_embedding=QUERY, query_sparse_embedding=SparseEmbedding(indices=[], values=[]))
    assert empty["documents"] == [] and len(store.client.calls) == calls  # nothing to ask


def test_an_empty_or_outdated_index_is_a_store_error():
    store = FakeStore()
    store.client.exists = False
    with pytest.raises(StoreError, match="pravo index"):
        _search(HybridRetriever(store=store), "отпуск")  # type: ignore[arg-type]
    old = FakeStore()
    old.client.vectors = {DENSE_VECTORS_NAME: object()}
    with pytest.raises(StoreError, match=SENTENCE_VECTORS_NAME):
        _search(HybridRetriever(store=old), "отпуск")  # type: ignore[arg-type]
    assert "query_points" not in store.client.names() + old.client.names()
