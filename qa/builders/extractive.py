"""The default answerer: quotes the sentences of the top hits that answer the question, offline.

No model beyond the one the search already ran: every sentence window of the top hits already has
its embedding in the index (the MAX_SIM multivector), so ranking the evidence costs a dot product
per window, plus lemma overlap with the question. The answer is made of the best windows, each
followed by its marker; nothing is paraphrased, so nothing can be misquoted.

When the evidence is weak, the builder abstains and lists the closest documents instead. Support
is the best window's cosine above the question's mean cosine with the whole corpus (so a window
that is merely of the same genre as the question does not count), plus a share of the question's
nouns that the best hit holds (a question about «НДС» is not answered by a chapter on pay).
Calibrated on tk_rf_dev_answers, the project's own Labour Code questions and XQuAD-ru dev.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np

from haystack import Document, component, default_from_dict, default_to_dict

from pravo.core.russian.labels import citation_label
from pravo.core.russian.prose import trimmed
from pravo.core.types import REQUISITE_FIELDS, chunk_vectors
from pravo.qa.answers import ABSTENTION_TEXT, Answer, Citation
from pravo.qa.evidence import (
    Window,
    asks_for_number,
    content_lemmas,
    coverage,
    point_at,
    question_nouns,
    windows_of,
)
from pravo.qa.hits import Hit

logger = logging.getLogger(__name__)

_LABEL_FIELDS = ("doc_id", *REQUISITE_FIELDS)


def without_heading(text: str, start: int, end: int, headings: list[str]) -> int:
    """Where the quote ``text[start:end]`` begins once a leading heading line («Статья 96. Работа в
    ночное время», the article's title) is left out; ``start`` when there is none or nothing else."""
    newline = text.find("\n", start, end)
    if newline == -1:
        return start
    first = text[start:newline].strip()
    if first.startswith(("Статья ", "Глава ", "Раздел ")) or any(first and first == h.strip() for h in headings if h):
        rest = newline + 1
        return rest if text[rest:end].strip() else start
    return start


def cite(hit: Document, window_start: int, window_end: int, n: int) -> Citation:
    """A citation of ``hit.content[window_start:window_end]`` with offsets into its document's text."""
    text = hit.content or ""
    meta = hit.meta
    window_start = without_heading(text, window_start, window_end, [meta.get("article_title") or "", meta.get("context") or ""])
    start, end = trimmed(text, window_start, window_end)
    article = meta.get("article")
    point = point_at(text, start, default=meta.get("point")) if meta.get("source") == "act" else meta.get("point")
    base = int(meta.get("start") or 0)
    return Citation(
        n=n,
        doc_id=meta.get("doc_id") or hit.id,
        label=citation_label({k: meta.get(k) for k in _LABEL_FIELDS}, article=article, point=point),
        title=meta.get("title"),
        article=article,
        point=point,
        quote=text[start:end],
        start=base + start,
        end=base + end,
        chunk_id=hit.id,
    )


def closest_documents(hits: list[Document], limit: int = 3) -> list[str]:
    """Labels of the documents (article where known) the best hits come from, without repeats."""
    labels: list[str] = []
    for hit in hits:
        label = citation_label({k: hit.meta.get(k) for k in _LABEL_FIELDS}, article=hit.meta.get("article"))
        if label not in labels:
            labels.append(label)
        if len(labels) == limit:
            break
    return labels


def abstention_text(hits: list[Document]) -> str:
    """What an abstaining answer says: no answer in the indexed documents, then the closest ones."""
    closest = closest_documents(hits)
    return ABSTENTION_TEXT + (" Ближайшие документы: " + "; ".join(closest) + "." if closest else "")


@component
class ExtractiveAnswerBuilder:
    """
    Builds an answer from the top hits' own sentences, with markers [1], [2], or abstains.

    Usage example:
    ```python
    builder = ExtractiveAnswerBuilder()
    result = builder.run(question="Какое время считается ночным?", documents=hits, query_embedding=vector,
                         corpus_centroid=centroid)
    result["answer"].answer  # "Ночное время - время с 22 часов до 6 часов. [1]"
    ```
    """

    def __init__(
        self,
        evidence_hits: int = 5,
        max_citations: int = 2,
        window_chars: int = 300,
        lexical_weight: float = 0.1,
        rank_weight: float = 0.02,
        number_weight: float = 0.02,
        second_margin: float = 0.04,
        min_support: float = 0.125,
        noun_weight: float = 0.08,
        top_k: int = 5,
    ) -> None:
        """
        :param evidence_hits: How many of the best hits are searched for answer sentences.
        :param max_citations: Most quotes in one answer.
        :param window_chars: The sentence window size the index was built with.
        :param lexical_weight: Weight of the question's lemmas found in a window, beside its cosine.
        :param rank_weight: Bonus of a window for the rank of its hit (1 for the best hit, falling as 1/rank).
        :param number_weight: Bonus of a window holding a number when the question asks how many or when.
        :param second_margin: A second quote joins when its score is within this of the first's.
        :param min_support: Abstain below this support (see the module docstring); 0 never abstains
            on weak evidence.
        :param noun_weight: Weight of the share of the question's nouns the best hit holds, in support.
        :param top_k: Hits returned with the answer.
        :raises ValueError: if a count or share is out of range.
        """
        if evidence_hits < 1 or max_citations < 1 or top_k < 1:
            raise ValueError("evidence_hits, max_citations and top_k must be at least 1")
        if min_support < 0 or noun_weight < 0:
            raise ValueError("min_support and noun_weight must not be negative")
        if window_chars < 50:
            raise ValueError(f"window_chars must be at least 50, got {window_chars}")
        self.evidence_hits = evidence_hits
        self.max_citations = max_citations
        self.window_chars = window_chars
        self.lexical_weight = lexical_weight
        self.rank_weight = rank_weight
        self.number_weight = number_weight
        self.second_margin = second_margin
        self.min_support = min_support
        self.noun_weight = noun_weight
        self.top_k = top_k

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(
            self,
            evidence_hits=self.evidence_hits,
            max_citations=self.max_citations,
            window_chars=self.window_chars,
            lexical_weight=self.lexical_weight,
            rank_weight=self.rank_weight,
            number_weight=self.number_weight,
            second_margin=self.second_margin,
            min_support=self.min_support,
            noun_weight=self.noun_weight,
            top_k=self.top_k,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ExtractiveAnswerBuilder":
        return default_from_dict(cls, data)

    # -- scoring ---------------------------------------------------------------------------------

    def score(self, window: Window, wants_number: bool) -> float:
        """How well a window answers: cosine, plus the question's terms it holds, its hit's rank, a number."""
        return (
            window.dense
            + self.lexical_weight * window.lexical
            + self.rank_weight / (1 + window.hit)
            + (self.number_weight if wants_number and window.number else 0.0)
        )

    @staticmethod
    def _overlap(hits: list[Document], a: Window, b: Window) -> bool:
        """Whether two windows quote overlapping text of one document (chunks of a long article overlap)."""
        ha, hb = hits[a.hit].meta, hits[b.hit].meta
        if (ha.get("doc_id") or hits[a.hit].id) != (hb.get("doc_id") or hits[b.hit].id):
            return False
        a0, b0 = int(ha.get("start") or 0), int(hb.get("start") or 0)
        return a0 + a.start < b0 + b.end and b0 + b.start < a0 + a.end

    def support(
        self,
        question: str,
        best: Window,
        hit: Document,
        query_embedding: Sequence[float] | None,
        centroid: np.ndarray | None = None,
    ) -> float:
        """How well the best window supports an answer (see the module docstring)."""
        if query_embedding is None:
            centroid = None
        baseline = float(np.dot(np.asarray(query_embedding), np.asarray(centroid))) if centroid is not None else 0.0
        nouns = question_nouns(question)
        return best.dense - baseline + self.noun_weight * coverage(nouns, hit.content or "")

    # -- run -------------------------------------------------------------------------------------

    @component.output_types(answer=Answer)
    def run(
        self,
        question: str,
        documents: list[Document],
        query_embedding: np.ndarray | list[float] | None = None,
        corpus_centroid: np.ndarray | None = None,
    ) -> dict[str, Any]:
        """
        :param question: The question as asked.
        :param documents: Hits from the retriever, best first, with their stored vectors.
        :param query_embedding: The question's dense embedding (the one the retriever used).
        :param corpus_centroid: The index's mean sentence-window vector (from the retriever); the
            support baseline is 0 without it.
        :returns: ``answer``: an :class:`~pravo.qa.answers.Answer` (quotes not yet checked against the
            stored text: :class:`~pravo.qa.builders.citations.CitationVerifier` does that).
        """
        hits = [Hit.from_document(d) for d in documents[: self.top_k]]
        evidence = documents[: self.evidence_hits]
        lemmas = content_lemmas(question)
        vectors = {d.id: w for d in evidence if (w := chunk_vectors(d.meta).windows) is not None}
        windows = windows_of(evidence, lemmas, query_embedding, vectors, self.window_chars)
        wants_number = asks_for_number(question)
        ranked = sorted(windows, key=lambda w: self.score(w, wants_number), reverse=True)
        best = ranked[0] if ranked else None
        support = self.support(question, best, evidence[best.hit], query_embedding, corpus_centroid) if best else 0.0
        if best is None or support < self.min_support:
            logger.info(
                "Abstaining on %(question)r: support %(support).3f below %(min).3f",
                {"question": question, "support": support, "min": self.min_support},
            )
            text = abstention_text(documents)
            return {"answer": Answer(question=question, answer=text, citations=[], hits=hits, abstained=True)}

        chosen: list[Window] = [best]
        top = self.score(best, wants_number)
        for window in ranked[1:]:
            if len(chosen) >= self.max_citations or self.score(window, wants_number) < top - self.second_margin:
                break
            if any(self._overlap(evidence, w, window) for w in chosen):
                continue
            chosen.append(window)
        citations = [cite(evidence[w.hit], w.start, w.end, n) for n, w in enumerate(chosen, 1)]
        text = " ".join(f"{c.quote} [{c.n}]" for c in citations)
        return {"answer": Answer(question=question, answer=text, citations=citations, hits=hits, abstained=False)}
