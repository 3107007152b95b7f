"""The extractive answer builder: which sentences it quotes, with what offsets, and when it abstains."""

from __future__ import annotations

import pytest
from haystack import Document

from pravo.core.russian.prose import sentence_window_spans
from pravo.qa.answers import ABSTENTION_TEXT
from pravo.qa.builders.extractive import ExtractiveAnswerBuilder, without_heading

pytestmark = pytest.mark.unit

ART96 = (
    "Статья 96. Работа в ночное время\n"
    "Ночное время - время с 22 часов до 6 часов.\n"
    "Продолжительность работы (смены) в ночное время сокращается на один час без последующей отработки."
)
ART58 = "Статья 58. Срок трудового договора\nТрудовые договоры могут заключаться на определенный срок не более пяти лет."


class FakeStore:
    """The three store calls the builder makes, over vectors given by the test."""

    def __init__(self, vectors: dict[str, list[list[float]]], centroid: list[float] | None = None) -> None:
        self.vectors = vectors
        self.centroid = centroid
        self.centroid_calls = 0

    def sentence_vectors(self, ids):
        return {i: self.vectors[i] for i in ids if i in self.vectors}

    def count_chunks(self):
        return 2

    def sentence_centroid(self):
        self.centroid_calls += 1
        return self.centroid

    def to_dict(self):
        return {"type": "tests.FakeStore", "init_parameters": {}}


def hit(chunk_id: str, text: str, start: int, article: str, score: float = 1.0) -> Document:
    meta = {
        "doc_id": "tk_rf", "title": "Трудовой кодекс Российской Федерации", "source": "act", "doc_type": "кодекс",
        "number": "197-ФЗ", "date": "2001-12-30", "jurisdiction": "RU", "article": article, "start": start,
        "end": start + len(text), "article_title": text.split("\n", 1)[0].partition(". ")[2] or None,
    }
    return Document(id=chunk_id, content=text, meta=meta, score=score)


def vectors_for(text: str, best_window_containing: str) -> list[list[float]]:
    """One unit vector per window: (1, 0) for the window holding the phrase, (0, 1) for the others."""
    return [[1.0, 0.0] if best_window_containing in text[s:e] else [0.0, 1.0] for s, e in sentence_window_spans(text, 300)]


@pytest.fixture
def hits():
    return [hit("tk_rf#96", ART96, 1000, "96"), hit("tk_rf#58", ART58, 500, "58", score=0.5)]


def builder_for(hits, phrase: str, **kwargs) -> ExtractiveAnswerBuilder:
    store = FakeStore({h.id: vectors_for(h.content, phrase) for h in hits}, centroid=[0.0, 0.0])
    return ExtractiveAnswerBuilder(store=store, window_chars=300, **kwargs)  # type: ignore[arg-type]


def test_quotes_the_best_window_with_a_marker_and_document_offsets(hits):
    builder = builder_for(hits, "22 часов", max_citations=1)
    answer = builder.run(question="Какое время считается ночным?", documents=hits, query_embedding=[1.0, 0.0])["answer"]
    assert not answer.abstained
    assert len(answer.citations) == 1
    citation = answer.citations[0]
    assert "с 22 часов до 6 часов" in citation.quote
    assert not citation.quote.startswith("Статья")  # the heading line is not quoted
    local = ART96.index(citation.quote)
    assert (citation.start, citation.end) == (1000 + local, 1000 + local + len(citation.quote))
    assert citation.label == "ст. 96 ТК РФ" and citation.article == "96" and citation.chunk_id == "tk_rf#96"
    assert answer.answer == f"{citation.quote} [1]"
    assert [h.chunk_id for h in answer.hits] == ["tk_rf#96", "tk_rf#58"]


def test_a_second_quote_joins_only_when_close_to_the_first(hits):
    close = builder_for(hits, "Статья", second_margin=5.0).run(
        question="Работа в ночное время", documents=hits, query_embedding=[1.0, 0.0]
    )["answer"]
    assert [c.n for c in close.citations] == [1, 2]
    assert "[1]" in close.answer and "[2]" in close.answer
    alone = builder_for(hits, "22 часов", second_margin=0.0).run(
        question="Какое время считается ночным?", documents=hits, query_embedding=[1.0, 0.0]
    )["answer"]
    assert len(alone.citations) == 1


def test_overlapping_chunks_of_one_article_are_not_quoted_twice():
    first = hit("tk_rf#70", "Испытание не может превышать двух недель.", 100, "70")
    second = hit("tk_rf#71", "Испытание не может превышать двух недель.", 100, "70")
    builder = builder_for([first, second], "Испытание", second_margin=5.0)
    answer = builder.run(question="Какое испытание?", documents=[first, second], query_embedding=[1.0, 0.0])["answer"]
    assert len(answer.citations) == 1


def test_abstains_on_weak_support_and_lists_the_closest_documents(hits):
    builder = builder_for(hits, "22 часов", min_support=1.5)
    answer = builder.run(question="Какая ставка НДС действует в России?", documents=hits, query_embedding=[1.0, 0.0])["answer"]
    assert answer.abstained
    assert answer.citations == []
    assert answer.answer.startswith(ABSTENTION_TEXT)
    assert "ст. 96 ТК РФ" in answer.answer and "ст. 58 ТК РФ" in answer.answer
    assert answer.hits  # the closest hits come with it


def test_support_subtracts_the_question_baseline_against_the_corpus(hits):
    flat = builder_for(hits, "22 часов")
    flat.store.centroid = [1.0, 0.0]  # every window as close to the question as the corpus on average
    answer = flat.run(question="Какое время считается ночным?", documents=hits, query_embedding=[1.0, 0.0])["answer"]
    assert answer.abstained
    flat.run(question="Какое время считается ночным?", documents=hits, query_embedding=[1.0, 0.0])
    assert flat.store.centroid_calls == 1  # cached while the index keeps its size


def test_no_hits_abstains():
    builder = ExtractiveAnswerBuilder(store=FakeStore({}))  # type: ignore[arg-type]
    answer = builder.run(question="Что угодно?", documents=[], query_embedding=[1.0, 0.0])["answer"]
    assert answer.abstained and answer.answer == ABSTENTION_TEXT and answer.hits == []


def test_without_heading_skips_a_heading_line_but_never_the_whole_quote():
    assert ART96[without_heading(ART96, 0, len(ART96), [])] == "Н"
    only_heading = "Статья 96. Работа в ночное время"
    assert without_heading(only_heading, 0, len(only_heading), []) == 0
    titled = "Работа в ночное время\nНочное время - время с 22 часов."
    assert titled[without_heading(titled, 0, len(titled), ["Работа в ночное время"]) :].startswith("Ночное")


@pytest.mark.parametrize(
    "kwargs", [{"evidence_hits": 0}, {"max_citations": 0}, {"window_chars": 10}, {"min_support": -1.0}]
)
def test_init_rejects_bad_values(kwargs):
    with pytest.raises(ValueError):
        ExtractiveAnswerBuilder(store=FakeStore({}), **kwargs)  # type: ignore[arg-type]


def test_to_dict_holds_every_parameter(tmp_path):
    from pravo.core.store import QdrantStore

    store = QdrantStore(path=str(tmp_path / "s"))
    builder = ExtractiveAnswerBuilder(store=store, evidence_hits=3, min_support=0.2, lexical_weight=0.3)
    data = builder.to_dict()
    params = data["init_parameters"]
    assert params["store"] == store.to_dict()
    assert (params["evidence_hits"], params["min_support"], params["lexical_weight"]) == (3, 0.2, 0.3)
    again = ExtractiveAnswerBuilder.from_dict(data)
    assert again.to_dict() == data
