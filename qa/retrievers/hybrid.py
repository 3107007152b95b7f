"""Hybrid retrieval inside Qdrant: dense, sentence-level and lemma-BM25 candidates fused by the Query API.

Three prefetches (chunk embedding, best sentence window by MAX_SIM, BM25 over lemmas with IDF)
feed one fusion query. When the question names requisites («статья 80 ТК», «постановление
№ 443») a fourth prefetch brings the chunks that carry them and an outer formula query boosts
them, so an exact reference is never outranked by a paraphrase.

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

from pravo.core.store import (
    DENSE_VECTORS_NAME,
    SENTENCE_VECTORS_NAME,
    SPARSE_VECTORS_NAME,
    QdrantStore,
    from_dict_with_store,
)
from pravo.core.errors import StoreError

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
    docs = retriever.run(query_embedding=vec, query_sparse_embedding=sparse, refs={"article": "80"})["documents"]
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
        self._checked = False

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

    # -- requisites named in the query ---------------------------------------------------------

    def _code_doc_ids(self, code: str) -> list[str]:
        """Documents whose title names the code (``Трудовой кодекс`` → the Labour Code's doc_id)."""
        wanted = code.lower()
        return [
            doc_id
            for doc_id, record in self.store.documents().items()
            if (record.get("title") or "").lower().startswith(wanted)
        ]

    def mentioning_filter(self, refs: dict[str, Any] | None) -> models.Filter | None:
        """A filter matching the chunks of documents that mention the act a query names by number, or None.

        «постановление № 443» → the chunks of the news and acts whose mentions resolve to act № 443
        (``mentioned_by`` in the registry), which then rank next after the act itself.
        """
        if not refs or not refs.get("number") or refs.get("article"):
            return None
        number = str(refs["number"]).lower()
        mentioning = sorted(
            {
                source
                for record in self.store.documents().values()
                if str(record.get("number") or "").lower() == number
                and (not refs.get("doc_type") or record.get("doc_type") in (None, refs["doc_type"]))
                for source in record.get("mentioned_by") or []
            }
        )
        if not mentioning:
            return None
        return models.Filter(must=[models.FieldCondition(key="meta.doc_id", match=models.MatchAny(any=mentioning))])

    def attach_links(self, documents: list[Document]) -> list[Document]:
        """Set ``mentions`` and ``mentioned_by`` (doc_ids) in each chunk's meta, from one registry lookup."""
        if not documents:
            return documents
        links = self.store.document_links(doc.meta.get("doc_id") for doc in documents)
        for doc in documents:
            found = links.get(doc.meta.get("doc_id") or "")
            doc.meta["mentions"] = found["mentions"] if found else None
            doc.meta["mentioned_by"] = found["mentioned_by"] if found else None
        return documents

    def requisite_filter(self, refs: dict[str, Any] | None) -> models.Filter | None:
        """A filter matching the chunks that carry what the query names, or None if it names nothing usable."""
        if not refs:
            return None
        must: list[Any] = []
        if refs.get("article"):
            must.append(models.FieldCondition(key="meta.article", match=models.MatchValue(value=refs["article"])))
            if refs.get("point"):
                must.append(models.FieldCondition(key="meta.point", match=models.MatchValue(value=refs["point"])))
            if refs.get("code"):
                doc_ids = self._code_doc_ids(refs["code"])
                if doc_ids:
                    must.append(models.FieldCondition(key="meta.doc_id", match=models.MatchAny(any=doc_ids)))
        elif refs.get("number"):
            must.append(models.FieldCondition(key="meta.number", match=models.MatchValue(value=refs["number"])))
        return models.Filter(must=must) if must else None

    # -- search --------------------------------------------------------------------------------

    @component.output_types(documents=list[Document])
    def run(
        self,
        query_embedding: np.ndarray | list[float],
        query_sparse_embedding: SparseEmbedding,
        refs: dict[str, Any] | None = None,
        filters: dict[str, Any] | None = None,
        top_k: int | None = None,
    ) -> dict[str, list[Document]]:
        """
        :param query_embedding: Dense embedding of the query.
        :param query_sparse_embedding: Lemma sparse vector of the query.
        :param refs: Requisites named in the query (``article``, ``point``, ``code``, ``number``...).
        :param filters: Haystack-style filters on chunk meta (``meta.doc_type``, ``meta.date``...).
        :param top_k: Chunks to return; the init value when None.
        :returns: ``documents``: chunks, best first, with ``score``.
        :raises StoreError: if nothing has been indexed yet.
        """
        if top_k is None:
            top_k = self.top_k
        if not self._checked:
            if not self.store.exists():
                raise StoreError(f"nothing is indexed in {self.store.location} yet; run `pravo index` first")
            self.store.check_schema()
            self._checked = True
        query_embedding = [float(x) for x in query_embedding]
        user_filter = convert_filters_to_qdrant(filters)
        limit = max(self.candidates, top_k)
        sparse_vector = models.SparseVector(
            indices=list(query_sparse_embedding.indices), values=list(query_sparse_embedding.values)
        )

        if self.fusion == "dense":
            docs = self.store.query(query=query_embedding, using=DENSE_VECTORS_NAME, query_filter=user_filter, limit=top_k)
            return {"documents": self.attach_links(docs)}
        if self.fusion == "sparse":
            if not sparse_vector.indices:
                return {"documents": []}
            docs = self.store.query(query=sparse_vector, using=SPARSE_VECTORS_NAME, query_filter=user_filter, limit=top_k)
            return {"documents": self.attach_links(docs)}

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
        named = self.requisite_filter(refs) if self.requisite_boost > 0 else None
        if named is not None:
            # the chunks that carry the named requisites join the candidates whatever their similarity
            prefetch.append(
                models.Prefetch(query=query_embedding, using=DENSE_VECTORS_NAME, filter=_and(named, user_filter), limit=limit)
            )
            weights.append(self.dense_weight)

        mentioning = self.mentioning_filter(refs) if named is not None else None
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
        if named is None:
            return {"documents": self.attach_links(self.store.query(prefetch=prefetch, query=fused, limit=top_k))}
        boosts: list[Any] = ["$score", models.MultExpression(mult=[self.requisite_boost, named])]
        if mentioning is not None:
            boosts.append(models.MultExpression(mult=[self.requisite_boost * MENTION_BOOST_SHARE, mentioning]))
        boosted = models.FormulaQuery(formula=models.SumExpression(sum=boosts))
        outer = models.Prefetch(prefetch=prefetch, query=fused, limit=limit)
        return {"documents": self.attach_links(self.store.query(prefetch=[outer], query=boosted, limit=top_k))}
