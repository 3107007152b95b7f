"""The extractive answer builder: which sentences it quotes, with what offsets, and when it abstains."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from haystack import Document

from pravo.core.russian.prose import sentence_window_spans
from pravo.core.types import VECTORS_META, ChunkVectors
from pravo.qa.answers import ABSTENTION_TEXT
from pravo.qa.builders.extractive import ExtractiveAnswerBuilder, without_heading

ART96 = (
    "Статья 96. Работа в ночное время\n"
    "Ночное время - время с 22 часов до 6 часов.\n"
    "Продолжительность работы (смены) в ночное время сокращается на один час без последующей отработки."
)
ART58 = "Статья 58. Срок трудового договора\nТрудовые договоры могут заключаться на определенный срок не более пяти лет."


QUERY_VECTOR = np.array([1.0, 0.0], dtype=np.float32)
#: A zero mean window vector: the support baseline (its cosine with the question) is 0.
NEUTRAL_CENTROID = np.array([0.0, 0.0], dtype=np.float32)


def hit(chunk_id: str, text: str, start: int, article: str, score: float = 1.0) -> Document:
    meta = {
        "doc_id": "tk_rf", "title": "Трудовой кодекс Российской Федерации", "source": "act", "doc_type": "кодекс",
        "number": "197-ФЗ", "date": "2001-12-30", "jurisdiction": "RU", "article": article, "start": start,
        "end": start + len(text), "article_title": text.split("\n", 1)[0].partition(". ")[2] or None,
    }
    return Document(id=chunk_id, content=text, meta=meta, score=score)


def vectors_for(text: str, best_window_containing: str) -> ChunkVectors:
    """One unit vector per window: (1, 0) for the window holding the phrase, (0, 1) for the others."""
    rows = [[1.0, 0.0] if best_window_containing in text[s:e] else [0.0, 1.0] for s, e in sentence_window_spans(text, 300)]
    return ChunkVectors(dense=np.array([0.5, 0.5], dtype=np.float32), windows=np.asarray(rows, dtype=np.float32))


def with_windows(hits: list[Document], phrase: str) -> list[Document]:
    """The hits as the retriever returns them: each with its stored vectors in ``meta``."""
    return [replace(h, meta={**h.meta, VECTORS_META: vectors_for(h.content or "", phrase)}) for h in hits]


@pytest.fixture
def hits():
    return [hit("tk_rf#96", ART96, 1000, "96"), hit("tk_rf#58", ART58, 500, "58", score=0.5)]


def answer_for(hits, phrase: str, question: str, centroid=NEUTRAL_CENTROID, **kwargs):
    """The builder's answer over ``hits`` whose windows holding ``phrase`` point along the question."""
    builder = ExtractiveAnswerBuilder(window_chars=300, **kwargs)
    documents = with_windows(hits, phrase)
    return builder.run(question=question, documents=documents, query_embedding=QUERY_VECTOR, corpus_centroid=centroid)["answer"]


def test_quotes_the_best_window_with_a_marker_and_document_offsets(hits):
    answer = answer_for(hits, "22 часов", "Какое время считается ночным?", max_citations=1)
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


def test_the_window_vectors_come_from_the_hits_meta(hits):
    """Each hit's ``ChunkVectors.windows`` decide the quote: point them elsewhere and the quote moves."""
    night = answer_for(hits, "22 часов", "Какое время считается ночным?", max_citations=1)
    term = answer_for(hits, "пяти лет", "Какое время считается ночным?", max_citations=1)
    assert night.citations[0].chunk_id == "tk_rf#96" and "с 22 часов до 6 часов" in night.citations[0].quote
    # the second hit's window now points along the question: it is quoted, whatever the words say
    assert term.citations[0].chunk_id == "tk_rf#58" and "не более пяти лет" in term.citations[0].quote
    # a list embedding works as well as an array
    listed = ExtractiveAnswerBuilder(max_citations=1).run(
        question="Какое время считается ночным?", documents=with_windows(hits, "22 часов"),
        query_embedding=[1.0, 0.0], corpus_centroid=NEUTRAL_CENTROID,
    )["answer"]
    assert listed.citations[0].quote == night.citations[0].quote


def test_a_second_quote_joins_only_when_close_to_the_first(hits):
    close = answer_for(hits, "Статья", "Работа в ночное время", second_margin=5.0)
    assert [c.n for c in close.citations] == [1, 2]
    assert "[1]" in close.answer and "[2]" in close.answer
    alone = answer_for(hits, "22 часов", "Какое время считается ночным?", second_margin=0.0)
    assert len(alone.citations) == 1


def test_overlapping_chunks_of_one_article_are_not_quoted_twice():
    first = hit("tk_rf#70", "Испытание не может превышать двух недель.", 100, "70")
    second = hit("tk_rf#71", "Испытание не может превышать двух недель.", 100, "70")
    answer = answer_for([first, second], "Испытание", "Какое испытание?", second_margin=5.0)
    assert len(answer.citations) == 1


def test_abstains_on_weak_support_and_lists_the_closest_documents(hits):
    answer = answer_for(hits, "22 часов", "Какая ставка НДС действует в России?", min_support=1.5)
    assert answer.abstained
    assert answer.citations == []
    assert answer.answer.startswith(ABSTENTION_TEXT)
    assert "ст. 96 ТК РФ" in answer.answer and "ст. 58 ТК РФ" in answer.answer
    assert answer.hits  # the closest hits come with it


def test_support_subtracts_the_question_baseline_against_the_corpus(hits):
    question = "Какое время считается ночным?"
    # every window as close to the question as the corpus on average: no support left
    flat = answer_for(hits, "22 часов", question, centroid=np.array([1.0, 0.0], dtype=np.float32))
    assert flat.abstained
    # without a centroid (an index without windows) the baseline is 0, as with an orthogonal one
    assert not answer_for(hits, "22 часов", question, centroid=None).abstained
    assert not answer_for(hits, "22 часов", question).abstained


def test_hits_without_window_vectors_score_no_cosine(hits):
    """Without ``ChunkVectors`` in meta a window has no cosine: support falls to the nouns' share."""
    builder = ExtractiveAnswerBuilder(window_chars=300)
    answer = builder.run(
        question="Какое время считается ночным?", documents=hits, query_embedding=QUERY_VECTOR,
        corpus_centroid=NEUTRAL_CENTROID,
    )["answer"]
    assert answer.abstained


def test_no_hits_abstains():
    builder = ExtractiveAnswerBuilder()
    answer = builder.run(question="Что угодно?", documents=[], query_embedding=QUERY_VECTOR)["answer"]
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
        ExtractiveAnswerBuilder(**kwargs)


def test_to_dict_holds_every_parameter():
    builder = ExtractiveAnswerBuilder(evidence_hits=3, min_support=0.2, lexical_weight=0.3)
    data = builder.to_dict()
    params = data["init_parameters"]
    assert "store" not in params
    assert (params["evidence_hits"], params["min_support"], params["lexical_weight"]) == (3, 0.2, 0.3)
    again = ExtractiveAnswerBuilder.from_dict(data)
    assert again.to_dict() == data
