"""Hybrid retrieval inside Qdrant: dense and lemma-BM25 candidates fused by the Query API.

Two prefetches (dense cosine, sparse BM25 with IDF) feed one fusion query; when the question
names requisites («статья 80 ТК», «постановление № 443») a third prefetch brings the chunks that
carry them, and they get a boost, so an exact reference is never outranked by a paraphrase.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from haystack import Document, component, default_from_dict, default_to_dict
from haystack.dataclasses import SparseEmbedding
from haystack_integrations.document_stores.qdrant.filters import convert_filters_to_qdrant
from qdrant_client import models

from indexer.store import DENSE_VECTORS_NAME, SPARSE_VECTORS_NAME, QdrantStore
from pravo.errors import StoreError

logger = logging.getLogger(__name__)

FUSIONS = ("weighted", "rrf", "dense", "sparse")
Fusion = Literal["weighted", "rrf", "dense", "sparse"]


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
    Retrieves chunks from Qdrant by dense and sparse similarity, fused in one Query API call.

    Fusions: ``weighted`` (a formula: ``w·dense + (1−w)·bm25/(bm25+s)``, plus a boost for chunks
    matching requisites named in the query), ``rrf`` (weighted reciprocal rank fusion), or one
    retriever alone (``dense``, ``sparse``) for comparison.

    Usage example:
    ```python
    retriever = HybridRetriever(store=QdrantStore(path=".pravo/qdrant"))
    docs = retriever.run(query_embedding=vec, query_sparse_embedding=sparse, refs={"article": "80"})["documents"]
    ```
    """

    def __init__(
        self,
        store: QdrantStore,
        fusion: Fusion = "weighted",
        dense_weight: float = 0.7,
        sparse_saturation: float = 10.0,
        candidates: int = 100,
        requisite_boost: float = 0.3,
        rrf_k: int = 60,
        top_k: int = 10,
    ) -> None:
        """
        :param store: The Qdrant store to search.
        :param fusion: One of ``weighted``, ``rrf``, ``dense``, ``sparse``.
        :param dense_weight: Share of the dense score (``weighted``) or weight of the dense list (``rrf``).
        :param sparse_saturation: BM25 score at which the sparse part reaches half its weight (``weighted``).
        :param candidates: Candidates each prefetch passes to fusion.
        :param requisite_boost: Added to chunks carrying an article or act number named in the query.
        :param rrf_k: The k constant of reciprocal rank fusion.
        :param top_k: Chunks returned by default.
        :raises ValueError: naming the parameter and the valid values.
        """
        if fusion not in FUSIONS:
            raise ValueError(f"fusion must be one of {', '.join(FUSIONS)}; got {fusion!r}")
        if not 0.0 <= dense_weight <= 1.0:
            raise ValueError(f"dense_weight must be between 0 and 1, got {dense_weight}")
        if sparse_saturation <= 0:
            raise ValueError(f"sparse_saturation must be positive, got {sparse_saturation}")
        if candidates < 1 or top_k < 1:
            raise ValueError(f"candidates and top_k must be at least 1, got {candidates} and {top_k}")
        if requisite_boost < 0:
            raise ValueError(f"requisite_boost must not be negative, got {requisite_boost}")
        self.store = store
        self.fusion = fusion
        self.dense_weight = dense_weight
        self.sparse_saturation = sparse_saturation
        self.candidates = candidates
        self.requisite_boost = requisite_boost
        self.rrf_k = rrf_k
        self.top_k = top_k

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(
            self,
            store=self.store.to_dict(),
            fusion=self.fusion,
            dense_weight=self.dense_weight,
            sparse_saturation=self.sparse_saturation,
            candidates=self.candidates,
            requisite_boost=self.requisite_boost,
            rrf_k=self.rrf_k,
            top_k=self.top_k,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "HybridRetriever":
        data["init_parameters"]["store"] = QdrantStore.from_dict(data["init_parameters"]["store"])
        return default_from_dict(cls, data)

    # -- requisites named in the query ---------------------------------------------------------

    def _code_doc_ids(self, code: str) -> list[str]:
        """Documents whose title names the code (``Трудовой кодекс`` → the Labour Code's doc_id)."""
        wanted = code.lower()
        return [
            doc_id
            for doc_id, record in self.store.documents().items()
            if (record.get("title") or "").lower().startswith(wanted)
        ]

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
        query_embedding: list[float],
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
        if not self.store.exists():
            raise StoreError(f"nothing is indexed in {self.store.location} yet; run `pravo index` first")
        user_filter = convert_filters_to_qdrant(filters)
        limit = max(self.candidates, top_k)
        dense = models.Prefetch(query=query_embedding, using=DENSE_VECTORS_NAME, filter=user_filter, limit=limit)
        sparse_vector = models.SparseVector(
            indices=list(query_sparse_embedding.indices), values=list(query_sparse_embedding.values)
        )
        sparse = models.Prefetch(query=sparse_vector, using=SPARSE_VECTORS_NAME, filter=user_filter, limit=limit)

        if self.fusion == "dense":
            docs = self.store.query(query=query_embedding, using=DENSE_VECTORS_NAME, query_filter=user_filter, limit=top_k)
            return {"documents": docs}
        if self.fusion == "sparse":
            if not sparse_vector.indices:
                return {"documents": []}
            docs = self.store.query(query=sparse_vector, using=SPARSE_VECTORS_NAME, query_filter=user_filter, limit=top_k)
            return {"documents": docs}

        prefetch = [dense]
        if sparse_vector.indices:
            prefetch.append(sparse)
        named = self.requisite_filter(refs)
        if named is not None and self.requisite_boost > 0:
            prefetch.append(
                models.Prefetch(query=query_embedding, using=DENSE_VECTORS_NAME, filter=_and(named, user_filter), limit=limit)
            )

        if self.fusion == "rrf":
            weights = [self.dense_weight]
            if sparse_vector.indices:
                weights.append(1.0 - self.dense_weight)
            if len(prefetch) > len(weights):
                weights.append(self.requisite_boost)
            query: Any = models.RrfQuery(rrf=models.Rrf(k=self.rrf_k, weights=weights))
        else:
            query = models.FormulaQuery(formula=self._formula(named, has_sparse=bool(sparse_vector.indices)), defaults=self._defaults(len(prefetch)))
        docs = self.store.query(prefetch=prefetch, query=query, limit=top_k)
        return {"documents": docs}

    def _formula(self, named: models.Filter | None, has_sparse: bool) -> models.Expression:
        terms: list[Any] = [models.MultExpression(mult=[self.dense_weight, "$score[0]"])]
        if has_sparse:
            # bm25 / (bm25 + s): 0 for no match, ½ at s, → 1 for strong matches
            saturated = models.DivExpression(
                div=models.DivParams(
                    left="$score[1]",
                    right=models.SumExpression(sum=["$score[1]", self.sparse_saturation]),
                    by_zero_default=0.0,
                )
            )
            terms.append(models.MultExpression(mult=[1.0 - self.dense_weight, saturated]))
        if named is not None and self.requisite_boost > 0:
            terms.append(models.MultExpression(mult=[self.requisite_boost, named]))
        return models.SumExpression(sum=terms)

    @staticmethod
    def _defaults(n_prefetch: int) -> dict[str, Any]:
        # a candidate missing from one list scores 0 there
        return {f"$score[{i}]": 0.0 for i in range(n_prefetch)}
