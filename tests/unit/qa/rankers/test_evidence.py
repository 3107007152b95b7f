"""The evidence ranker: re-scores fused candidates by cosines and question words, keeps requisite queries."""

from __future__ import annotations

import pytest
from haystack import Document

from pravo.core.sparse import term_index
from pravo.core.russian.morphology import lemmatize
from pravo.core.store import DENSE_VECTORS_NAME, SENTENCE_VECTORS_NAME, SPARSE_VECTORS_NAME
from pravo.qa.rankers.evidence import EvidenceRanker, evidence_score

pytestmark = pytest.mark.unit


class FakeStore:
    def __init__(self, vectors):
        self._vectors = vectors

    def vectors(self, ids):
        return {i: self._vectors[i] for i in ids if i in self._vectors}

    def to_dict(self):
        return {"type": "tests.FakeStore", "init_parameters": {}}


def doc(chunk_id: str, text: str, score: float) -> Document:
    return Document(id=chunk_id, content=text, meta={"context": None}, score=score)


@pytest.fixture
def candidates():
    return [
        doc("a", "Работа в выходные дни оплачивается в двойном размере.", 3.0),
        doc("b", "Ночное время - время с 22 часов до 6 часов.", 2.9),
        doc("c", "Иной текст.", 1.0),
    ]


def terms(text: str) -> dict:
    """A stored sparse vector's shape: the term indices of the text's lemmas."""
    return {"indices": sorted({term_index(lm) for lm in lemmatize(text)}), "values": []}


@pytest.fixture
def store(candidates):
    a, b, c = (d.content for d in candidates)
    return FakeStore({
        "a": {DENSE_VECTORS_NAME: [0.0, 1.0], SENTENCE_VECTORS_NAME: [[0.0, 1.0]], SPARSE_VECTORS_NAME: terms(a)},
        "b": {DENSE_VECTORS_NAME: [1.0, 0.0], SENTENCE_VECTORS_NAME: [[1.0, 0.0]], SPARSE_VECTORS_NAME: terms(b)},
        "c": {DENSE_VECTORS_NAME: [0.0, 1.0]},
    })


def test_a_close_candidate_with_the_question_words_overtakes_the_fused_leader(store, candidates):
    ranker = EvidenceRanker(store=store, depth=20)  # type: ignore[arg-type]
    out = ranker.run(query="Какое время считается ночным?", query_embedding=[1.0, 0.0], documents=candidates)["documents"]
    assert [d.id for d in out] == ["b", "a", "c"]
    # b: 2.9/3.0 fused + 32·1 chunk cosine + 8·1 window cosine + 3.2·lemma share + 0.8·noun share
    assert 2.9 / 3.0 + 40.0 < out[0].score <= 2.9 / 3.0 + 44.0 and out[1].score < 1.0 + 4.0
    assert candidates[0].score == 3.0  # the input documents are not changed


def test_queries_naming_requisites_keep_the_fused_order(store, candidates):
    ranker = EvidenceRanker(store=store)  # type: ignore[arg-type]
    out = ranker.run(query="статья 80", query_embedding=[1.0, 0.0], documents=candidates, refs={"article": "80"})["documents"]
    assert [d.id for d in out] == ["a", "b", "c"]


def test_depth_limits_what_is_rescored_and_top_k_what_is_returned(store, candidates):
    out = EvidenceRanker(store=store, depth=2).run(  # type: ignore[arg-type]
        query="Какое время считается ночным?", query_embedding=[1.0, 0.0], documents=candidates, top_k=2
    )["documents"]
    assert [d.id for d in out] == ["b", "a"]
    unchanged = EvidenceRanker(store=store, depth=0).run(  # type: ignore[arg-type]
        query="Какое время считается ночным?", query_embedding=[1.0, 0.0], documents=candidates
    )["documents"]
    assert [d.id for d in unchanged] == ["a", "b", "c"]


def test_evidence_score_formula():
    assert evidence_score(2.0, 4.0, 0.9, 0.8, 0.5, 1.0, (4.0, 1.0, 0.4, 0.1)) == pytest.approx(0.5 + 3.6 + 0.8 + 0.2 + 0.1)
    assert evidence_score(1.0, 0.0, 0.0, 0.0, 0.0, 0.0, (1.0, 1.0, 1.0, 1.0)) == 0.0


def test_bad_parameters_and_round_trip(tmp_path):
    from pravo.core.store import QdrantStore

    with pytest.raises(ValueError):
        EvidenceRanker(store=QdrantStore(path=str(tmp_path / "s")), depth=-1)
    ranker = EvidenceRanker(store=QdrantStore(path=str(tmp_path / "s")), depth=7, lexical_weight=0.5)
    assert EvidenceRanker.from_dict(ranker.to_dict()).to_dict() == ranker.to_dict()
    assert ranker.to_dict()["init_parameters"]["depth"] == 7
