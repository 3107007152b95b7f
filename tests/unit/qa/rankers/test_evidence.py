"""The evidence ranker: re-scores fused candidates by cosines and question words, keeps unit-naming queries."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from haystack import Document

from pravo.core.russian.morphology import lemmatize
from pravo.core.russian.query_refs import QueryRefs
from pravo.core.sparse import term_index
from pravo.core.types import VECTORS_META, ChunkVectors
from pravo.qa.rankers.evidence import EvidenceRanker, evidence_score

QUESTION = "Какое время считается ночным?"
QUERY_VECTOR = np.array([1.0, 0.0], dtype=np.float32)


def terms(text: str) -> frozenset[int]:
    """A stored sparse vector's terms: the term indices of the text's lemmas."""
    return frozenset(term_index(lm) for lm in lemmatize(text))


def vectors(dense, windows=None, text: str | None = None) -> ChunkVectors:
    return ChunkVectors(
        dense=np.asarray(dense, dtype=np.float32),
        windows=None if windows is None else np.asarray(windows, dtype=np.float32),
        terms=terms(text) if text else frozenset(),
    )


def doc(chunk_id: str, text: str, score: float, chunk: ChunkVectors) -> Document:
    return Document(id=chunk_id, content=text, meta={"context": None, VECTORS_META: chunk}, score=score)


@pytest.fixture
def candidates():
    a = "Работа в выходные дни оплачивается в двойном размере."
    b = "Ночное время - время с 22 часов до 6 часов."
    return [
        doc("a", a, 3.0, vectors([0.0, 1.0], [[0.0, 1.0]], a)),
        doc("b", b, 2.9, vectors([1.0, 0.0], [[1.0, 0.0]], b)),
        doc("c", "Иной текст.", 1.0, vectors([0.0, 1.0])),
    ]


def test_a_close_candidate_with_the_question_words_overtakes_the_fused_leader(candidates):
    ranker = EvidenceRanker(depth=20)
    out = ranker.run(query=QUESTION, query_embedding=QUERY_VECTOR, documents=candidates)["documents"]
    assert [d.id for d in out] == ["b", "a", "c"]
    # b: 2.9/3.0 fused + 32·1 chunk cosine + 8·1 window cosine + 3.2·lemma share + 0.8·noun share
    assert 2.9 / 3.0 + 40.0 < out[0].score <= 2.9 / 3.0 + 44.0 and out[1].score < 1.0 + 4.0
    assert candidates[0].score == 3.0  # the input documents are not changed


def test_a_list_query_embedding_is_accepted(candidates):
    out = EvidenceRanker().run(query=QUESTION, query_embedding=[1.0, 0.0], documents=candidates)["documents"]
    assert [d.id for d in out] == ["b", "a", "c"]


def test_a_candidate_without_vectors_scores_on_its_fused_share_only(candidates):
    bare = [replace(d, meta={"context": None}) for d in candidates]
    out = EvidenceRanker().run(query=QUESTION, query_embedding=QUERY_VECTOR, documents=bare)["documents"]
    assert [d.id for d in out] == ["a", "b", "c"]
    assert out[0].score == pytest.approx(1.0)  # 3.0 / 3.0, no cosine, no word held


def test_queries_naming_an_article_or_a_number_keep_the_fused_order(candidates):
    ranker = EvidenceRanker()
    for refs in (QueryRefs(article="80", code="Трудовой кодекс", doc_type="кодекс"), QueryRefs(number="443")):
        out = ranker.run(query="статья 80", query_embedding=QUERY_VECTOR, documents=candidates, refs=refs)["documents"]
        assert [d.id for d in out] == ["a", "b", "c"]
        assert [d.score for d in out] == [3.0, 2.9, 1.0]


def test_a_code_alone_is_a_scope_and_is_rescored(candidates):
    refs = QueryRefs(code="Трудовой кодекс", doc_type="кодекс")
    out = EvidenceRanker().run(query=QUESTION, query_embedding=QUERY_VECTOR, documents=candidates, refs=refs)["documents"]
    assert [d.id for d in out] == ["b", "a", "c"]
    empty = EvidenceRanker().run(query=QUESTION, query_embedding=QUERY_VECTOR, documents=candidates, refs=QueryRefs())
    assert [d.id for d in empty["documents"]] == ["b", "a", "c"]


def test_depth_limits_what_is_rescored_and_top_k_what_is_returned(candidates):
    out = EvidenceRanker(depth=2).run(
        query=QUESTION, query_embedding=QUERY_VECTOR, documents=candidates, top_k=2
    )["documents"]
    assert [d.id for d in out] == ["b", "a"]
    unchanged = EvidenceRanker(depth=0).run(
        query=QUESTION, query_embedding=QUERY_VECTOR, documents=candidates
    )["documents"]
    assert [d.id for d in unchanged] == ["a", "b", "c"]


def test_evidence_score_formula():
    assert evidence_score(2.0, 4.0, 0.9, 0.8, 0.5, 1.0, (4.0, 1.0, 0.4, 0.1)) == pytest.approx(0.5 + 3.6 + 0.8 + 0.2 + 0.1)
    assert evidence_score(1.0, 0.0, 0.0, 0.0, 0.0, 0.0, (1.0, 1.0, 1.0, 1.0)) == 0.0


def test_bad_parameters_and_round_trip():
    with pytest.raises(ValueError):
        EvidenceRanker(depth=-1)
    with pytest.raises(ValueError):
        EvidenceRanker(noun_weight=-0.1)
    ranker = EvidenceRanker(depth=7, lexical_weight=0.5)
    assert EvidenceRanker.from_dict(ranker.to_dict()).to_dict() == ranker.to_dict()
    params = ranker.to_dict()["init_parameters"]
    assert params["depth"] == 7 and params["lexical_weight"] == 0.5 and "store" not in params
