"""Re-scoring of the fused candidates by the evidence each one holds for the question.

Qdrant's fusion (DBSF of chunk vectors, sentence windows and lemma BM25, plus requisite boosts)
ranks the candidates; this stage re-scores the best ``depth`` of them with four signals the fusion
flattens: the raw cosine of the question with the chunk, with its best sentence window, the share
of the question's lemmas the chunk holds (weighted by their rarity among the candidates), and the
share of the question's nouns it holds. The vectors come with the hits (the retriever read them in
its one query), so nothing is embedded and nothing is read: the ranker is a pure function.

A query that names an act or an article by its requisites («статья 80 ТК», «постановление № 443»;
:func:`~pravo.qa.extractors.query_refs.names_unit`, the retriever's rule too) keeps the fused order: the requisite boosts already put the named act, then the texts that mention
it, first, and that is what such a query asks for.

The fused score enters as a share of the best one (0..1); cosines of candidates differ by hundredths,
hence their large weights: the fusion picks the pool, the evidence orders it. Measured through
``pravo eval`` (recall@1, MRR@10): XQuAD-ru dev 0.936 → 0.941, 0.963 → 0.967; Labour Code dev
0.770 → 0.784, 0.854 → 0.863; with the fused score weighted as much as the evidence (weights 4, 1,
0.4, 0.1) the Labour Code stayed at 0.770.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
from haystack import Document, component, default_from_dict, default_to_dict

from pravo.core.russian.query_refs import QueryRefs
from pravo.core.sparse import term_index
from pravo.core.types import chunk_vectors
from pravo.qa.evidence import content_lemmas, question_nouns, rarity_weighted_shares
from pravo.qa.extractors.query_refs import names_unit


def evidence_score(
    fused: float,
    top_fused: float,
    dense: float,
    window: float,
    lexical: float,
    nouns: float,
    weights: tuple[float, float, float, float],
) -> float:
    """fused / best fused + w·(chunk cosine, best window cosine, lemma share, noun share)."""
    return (fused / top_fused if top_fused > 0 else 0.0) + sum(w * x for w, x in zip(weights, (dense, window, lexical, nouns)))


@component
class EvidenceRanker:
    """
    Re-scores the best fused candidates by their cosines and by the question's words they hold.

    Usage example:
    ```python
    ranker = EvidenceRanker(depth=20)
    hits = ranker.run(query=question, query_embedding=vector, documents=candidates, top_k=10)["documents"]
    ```
    """

    def __init__(
        self,
        depth: int = 20,
        dense_weight: float = 32.0,
        window_weight: float = 8.0,
        lexical_weight: float = 3.2,
        noun_weight: float = 0.8,
    ) -> None:
        """
        :param depth: How many of the best fused candidates are re-scored; 0 keeps the fused order.
        :param dense_weight: Weight of the question's cosine with the chunk.
        :param window_weight: Weight of its cosine with the chunk's best sentence window.
        :param lexical_weight: Weight of the share of the question's lemmas in the chunk (with its
            heading), read from the chunk's stored lemma-BM25 vector.
        :param noun_weight: Weight of the share of the question's nouns in the chunk.
        :raises ValueError: if ``depth`` or a weight is negative.
        """
        if depth < 0 or min(dense_weight, window_weight, lexical_weight, noun_weight) < 0:
            raise ValueError("depth and the weights must not be negative")
        self.depth = depth
        self.dense_weight = dense_weight
        self.window_weight = window_weight
        self.lexical_weight = lexical_weight
        self.noun_weight = noun_weight

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(
            self,
            depth=self.depth,
            dense_weight=self.dense_weight,
            window_weight=self.window_weight,
            lexical_weight=self.lexical_weight,
            noun_weight=self.noun_weight,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "EvidenceRanker":
        return default_from_dict(cls, data)

    @component.output_types(documents=list[Document])
    def run(
        self,
        query: str,
        query_embedding: np.ndarray | list[float],
        documents: list[Document],
        refs: QueryRefs | None = None,
        top_k: int | None = None,
    ) -> dict[str, list[Document]]:
        """
        :param query: The query text.
        :param query_embedding: Its dense embedding (normalised), the one the retriever used.
        :param documents: Fused candidates, best first, with ``score`` and their stored vectors.
        :param refs: Requisites the query names; when it names an article, code or act number the
            fused order is kept.
        :param top_k: How many to return; all when None.
        :returns: ``documents``: the re-scored candidates best first (``score`` is the new score),
            then the rest in fused order.
        """
        head, tail = documents[: self.depth], documents[self.depth :]
        if len(head) > 1 and not names_unit(refs):
            head = self._rescore(query, query_embedding, head)
        ranked = head + tail
        return {"documents": ranked if top_k is None else ranked[:top_k]}

    def _rescore(self, query: str, query_embedding: np.ndarray | list[float], head: list[Document]) -> list[Document]:
        vectors = [chunk_vectors(d.meta) for d in head]
        # the chunk's lemmas are its stored BM25 vector's terms: nothing is lemmatised again here
        lemmas = [term_index(lm) for lm in content_lemmas(query)]
        nouns = [term_index(lm) for lm in question_nouns(query)]
        held = [v.terms for v in vectors]
        lexical_shares = rarity_weighted_shares(lemmas, held)
        top = max(float(d.score or 0.0) for d in head)
        weights = (self.dense_weight, self.window_weight, self.lexical_weight, self.noun_weight)
        q = np.asarray(query_embedding, dtype=np.float32)
        scored = []
        for doc, v, words, lexical in zip(head, vectors, held, lexical_shares):
            dense = float(np.dot(q, v.dense)) if v.dense is not None else 0.0
            window = float((v.windows @ q).max()) if v.windows is not None else dense
            noun_share = sum(1 for n in nouns if n in words) / len(nouns) if nouns else 1.0
            score = evidence_score(float(doc.score or 0.0), top, dense, window, lexical, noun_share, weights)
            scored.append(replace(doc, score=score))
        return sorted(scored, key=lambda d: d.score or 0.0, reverse=True)
