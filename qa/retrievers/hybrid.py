"""Hybrid retrieval inside Qdrant: dense, sentence-level and lemma-BM25 candidates fused by the Query API.

Three prefetches (chunk embedding, best sentence window by MAX_SIM, BM25 over lemmas with IDF)
feed one fusion query. When the question names requisites («статья 80 ТК», «постановление
№ 443») a fourth prefetch brings the chunks that carry them and an outer formula query boosts
them, so an exact reference is never outranked by a paraphrase. A code named alone («…по ТК РФ»)
multiplies the fused score of its chunks (``meta.code``): among several codes the named one
comes first, and within it the fused order is the same as without the boost.

One Query API call per search: the hits come back with their stored vectors
(:class:`~pravo.core.types.ChunkVectors`) and their documents' links (``meta.mentions``,
``meta.mentioned_by``, written at indexing time), so the stages after it read nothing more. The
index record (the corpus centroid the answer builder needs) is read once per index generation.

Fusion was chosen by measurement on the dev sets (README, «Retrieval quality»): distribution-based
score fusion (each list's scores scaled by its mean ± 3σ, then summed) beat reciprocal rank
fusion, which throws the score gaps away.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

import numpy as np
from haystack import Document, component, default_to_dict
from haystack.dataclasses import SparseEmbedding
from haystack_integrations.document_stores.qdrant.filters import convert_filters_to_qdrant
from qdrant_client import models

from pravo.core.errors import StoreError
from pravo.core.russian.query_refs import QueryRefs
from pravo.core.store import (
    DENSE_VECTORS_NAME,
    SENTENCE_VECTORS_NAME,
    SPARSE_VECTORS_NAME,
    ChunkIndex,
    DocumentRegistry,
    QdrantStore,
    from_dict_with_store,
)
from pravo.core.types import query_mention_keys
from pravo.qa.extractors.query_refs import names_unit

logger = logging.getLogger(__name__)

FUSIONS = ("dbsf", "rrf", "dense", "sparse")
#: Texts that mention the act a query names get this share of the requisite boost: after the act, before the rest.
MENTION_BOOST_SHARE = 0.5
Fusion = Literal["dbsf", "rrf", "dense", "sparse"]


def _and(*filters: models.Filter | None) -> models.Filter | None:
    conditions: list[Any] = [f for f in filters if f is not None]
    if not conditions:
        return None
    if len(conditions) == 1:
        return conditions[0]
    return models.Filter(must=conditions)


def _field(key: str, value: str) -> models.FieldCondition:
    return models.FieldCondition(key=key, match=models.MatchValue(value=value))


def requisite_filter(refs: QueryRefs | None) -> models.Filter | None:
    """The chunks that carry the unit a query names (article and point, in the named code; or an
    act's number), or None when it names no unit."""
    if not names_unit(refs):
        return None
    assert refs is not None
    if refs.article:
        must = [_field("meta.article", refs.article)]
        if refs.point:
            must.append(_field("meta.point", refs.point))
        if refs.code:
            must.append(_field("meta.code", refs.code))
        return models.Filter(must=must)
    return models.Filter(must=[_field("meta.number", str(refs.number))])


def code_filter(refs: QueryRefs | None) -> models.Filter | None:
    """The chunks of the code a query names without an article («…по ТК РФ?»), or None."""
    if refs is None or not refs.code or names_unit(refs):
        return None
    return models.Filter(must=[_field("meta.code", refs.code)])


def mentioning_filter(refs: QueryRefs | None) -> models.Filter | None:
    """The chunks of documents that mention the act a query names by number (not by article).

    «постановление № 443» → the news and acts whose mentions resolve to an indexed act № 443
    (``meta.mention_keys``, written at indexing time), which then rank next after the act itself.
    """
    if refs is None or not refs.number or refs.article:
        return None
    keys = query_mention_keys(refs.doc_type, str(refs.number))
    return models.Filter(must=[models.FieldCondition(key="meta.mention_keys", match=models.MatchAny(any=keys))])


@component
class HybridRetriever:
    """
    Retrieves chunks from Qdrant by dense, sentence-level and sparse similarity, fused in one Query API call.

    Fusions: ``dbsf`` (distribution-based score fusion of the three lists), ``rrf`` (reciprocal
    rank fusion, weighted), or one retriever alone (``dense``, ``sparse``) for comparison. Chunks
    carrying requisites named in the query (article, point, code, act number) get ``requisite_boost``.

    Usage example:
    ```python
    retriever = HybridRetriever(store=QdrantStore(path=".pravo/qdrant"))
    docs = retriever.run(query_embedding=vec, query_sparse_embedding=sparse, refs=QueryRefs(article="80"))["documents"]
    ```
    """

    def __init__(
        self,
        store: QdrantStore,
        fusion: Fusion = "dbsf",
        use_sentences: bool = True,
        dense_weight: float = 0.5,
        candidates: int = 100,
        requisite_boost: float = 1.0,
        rrf_k: int = 60,
        top_k: int = 10,
    ) -> None:
        """
        :param store: The Qdrant store to search.
        :param fusion: One of ``dbsf``, ``rrf``, ``dense``, ``sparse``.
        :param use_sentences: Add the sentence-window multivector as a third list.
        :param dense_weight: ``rrf`` only: the weight of each dense list; the sparse list gets 1 − w.
        :param candidates: Candidates each prefetch passes to fusion.
        :param requisite_boost: Added to the fused score of chunks carrying requisites named in the query.
        :param rrf_k: The k constant of reciprocal rank fusion.
        :param top_k: Chunks returned by default.
        :raises ValueError: naming the parameter and the valid values.
        """
        if fusion not in FUSIONS:
            raise ValueError(f"fusion must be one of {', '.join(FUSIONS)}; got {fusion!r}")
        if not 0.0 <= dense_weight <= 1.0:
            raise ValueError(f"dense_weight must be between 0 and 1, got {dense_weight}")
        if candidates < 1 or top_k < 1:
            raise ValueError(f"candidates and top_k must be at least 1, got {candidates} and {top_k}")
        if requisite_boost < 0:
            raise ValueError(f"requisite_boost must not be negative, got {requisite_boost}")
        self.store = store
        self.fusion = fusion
        self.use_sentences = use_sentences
        self.dense_weight = dense_weight
        self.candidates = candidates
        self.requisite_boost = requisite_boost
        self.rrf_k = rrf_k
        self.top_k = top_k
        self._state: tuple[tuple[int, int], np.ndarray | None] | None = None

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(
            self,
            store=self.store.to_dict(),
            fusion=self.fusion,
            use_sentences=self.use_sentences,
            dense_weight=self.dense_weight,
            candidates=self.candidates,
            requisite_boost=self.requisite_boost,
            rrf_k=self.rrf_k,
            top_k=self.top_k,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "HybridRetriever":
        return from_dict_with_store(cls, data)

    def _index_state(self) -> np.ndarray | None:
        """Checks the index once, then the corpus centroid from the index record, read once per generation."""
        generation = self.store.generation()
        if self._state is not None and self._state[0] == generation:
            return self._state[1]
        chunks = ChunkIndex(self.store)
        if self._state is None:
            if not chunks.exists():
                raise StoreError(f"nothing is indexed in {self.store.location} yet; run `pravo index` first")
            chunks.check_schema()
        info = DocumentRegistry(self.store).index_info() or {}
        centroid = np.asarray(info["centroid"], dtype=np.float64) if info.get("centroid") else None
        self._state = (generation, centroid)
        return centroid

    # -- search --------------------------------------------------------------------------------

    @component.output_types(documents=list[Document], corpus_centroid=np.ndarray | None)
    def run(
        self,
        query_embedding: np.ndarray | list[float],
        query_sparse_embedding: SparseEmbedding,
        refs: QueryRefs | None = None,
        filters: dict[str, Any] | None = None,
        top_k: int | None = None,
    ) -> dict[str, Any]:
        """
        :param query_embedding: Dense embedding of the query.
        :param query_sparse_embedding: Lemma sparse vector of the query.
        :param refs: Requisites named in the query (article, point, code, number...).
        :param filters: Haystack-style filters on chunk meta (``meta.doc_type``, ``meta.date``...).
        :param top_k: Chunks to return; the init value when None.
        :returns: ``documents``: chunks, best first, with ``score`` and their stored vectors;
            ``corpus_centroid``: the mean sentence-window vector of the index (None when unknown).
        :raises StoreError: if nothing has been indexed yet.
        """
        if top_k is None:
            top_k = self.top_k
        centroid = self._index_state()
        chunks = ChunkIndex(self.store)
        query_embedding = [float(x) for x in query_embedding]
        user_filter = convert_filters_to_qdrant(filters)
        limit = max(self.candidates, top_k)
        sparse_vector = models.SparseVector(
            indices=list(query_sparse_embedding.indices), values=list(query_sparse_embedding.values)
        )

        def found(documents: list[Document]) -> dict[str, Any]:
            return {"documents": documents, "corpus_centroid": centroid}

        if self.fusion == "dense":
            return found(chunks.query(query=query_embedding, using=DENSE_VECTORS_NAME, query_filter=user_filter, limit=top_k))
        if self.fusion == "sparse":
            if not sparse_vector.indices:
                return found([])
            return found(chunks.query(query=sparse_vector, using=SPARSE_VECTORS_NAME, query_filter=user_filter, limit=top_k))

        prefetch = [models.Prefetch(query=query_embedding, using=DENSE_VECTORS_NAME, filter=user_filter, limit=limit)]
        weights = [self.dense_weight]
        if self.use_sentences:
            prefetch.append(
                models.Prefetch(query=[query_embedding], using=SENTENCE_VECTORS_NAME, filter=user_filter, limit=limit)
            )
            weights.append(self.dense_weight)
        if sparse_vector.indices:
            prefetch.append(models.Prefetch(query=sparse_vector, using=SPARSE_VECTORS_NAME, filter=user_filter, limit=limit))
            weights.append(1.0 - self.dense_weight)
        boosting = self.requisite_boost > 0
        named = requisite_filter(refs) if boosting else None
        if named is not None:
            # the chunks that carry the named requisites join the candidates whatever their similarity
            prefetch.append(
                models.Prefetch(query=query_embedding, using=DENSE_VECTORS_NAME, filter=_and(named, user_filter), limit=limit)
            )
            weights.append(self.dense_weight)
        mentioning = mentioning_filter(refs) if named is not None else None
        if mentioning is not None:
            # texts that mention the named act join the candidates too, and rank next after the act
            prefetch.append(
                models.Prefetch(
                    query=query_embedding, using=DENSE_VECTORS_NAME, filter=_and(mentioning, user_filter), limit=limit
                )
            )
            weights.append(self.dense_weight)

        if self.fusion == "rrf":
            fused: Any = models.RrfQuery(rrf=models.Rrf(k=self.rrf_k, weights=weights))
        else:
            fused = models.FusionQuery(fusion=models.Fusion.DBSF)
        scope = code_filter(refs) if boosting else None
        if named is None and scope is None:
            return found(chunks.query(prefetch=prefetch, query=fused, limit=top_k))
        if named is not None:
            boosts: list[Any] = ["$score", models.MultExpression(mult=[self.requisite_boost, named])]
            if mentioning is not None:
                boosts.append(models.MultExpression(mult=[self.requisite_boost * MENTION_BOOST_SHARE, mentioning]))
            formula: Any = models.SumExpression(sum=boosts)
        else:
            # a code named alone: its chunks' fused score times (1 + boost), so the order within it stays
            formula = models.MultExpression(
                mult=["$score", models.SumExpression(sum=[1.0, models.MultExpression(mult=[self.requisite_boost, scope])])]
            )
        outer = models.Prefetch(prefetch=prefetch, query=fused, limit=limit)
        return found(chunks.query(prefetch=[outer], query=models.FormulaQuery(formula=formula), limit=top_k))
