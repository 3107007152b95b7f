"""Search: a Haystack pipeline from query text to ranked chunks, and a small API around it.

```
query ─→ refs (requisites named in the query) ────────────┐
      ─→ expander (thesaurus) ─→ dense (query embedding) ──┼─→ retriever (Qdrant: prefetch + fusion) ─→ ranker ─→ documents
      ─→ sparse (lemma BM25 vector, + expansions) ─────────┘        (re-scores the best fused candidates)
```
"""

from __future__ import annotations

import logging
from typing import Any

from haystack import Pipeline
from haystack.core.errors import PipelineRuntimeError

from pravo.qa.embedders.dense import dense_text_embedder
from pravo.qa.embedders.sparse import LemmaBM25TextEmbedder
from pravo.core.store import store_from_settings
from pravo.core.store import QdrantStore
from pravo.core.errors import QueryError, unwrap
from pravo.core.settings import Settings
from pravo.qa.extractors.query_refs import QueryRefsExtractor
from pravo.qa.extractors.thesaurus import QueryExpander
from pravo.qa.hits import Hit, SearchFilters, validate_query
from pravo.qa.rankers.evidence import EvidenceRanker
from pravo.qa.retrievers.hybrid import HybridRetriever

logger = logging.getLogger(__name__)

MAX_TOP_K = 100


def build_search_pipeline(settings: Settings, store: QdrantStore | None = None) -> Pipeline:
    """Assemble the search pipeline from the settings.

    Run it with :func:`search_inputs`; the hits are ``result["ranker"]["documents"]``.
    """
    store = store or store_from_settings(settings)
    pipeline = Pipeline()
    pipeline.add_component("refs", QueryRefsExtractor())
    pipeline.add_component(
        "expander",
        QueryExpander(
            thesaurus=str(settings.thesaurus) if settings.thesaurus else None,
            expand_dense=settings.expand_dense and settings.expansion_weight > 0,
        ),
    )
    pipeline.add_component("dense", dense_text_embedder(settings))
    pipeline.add_component("sparse", LemmaBM25TextEmbedder(expansion_weight=settings.expansion_weight))
    pipeline.add_component(
        "retriever",
        HybridRetriever(
            store=store,
            fusion=settings.fusion,
            use_sentences=settings.sentence_vectors,
            dense_weight=settings.dense_weight,
            candidates=settings.candidates,
            requisite_boost=settings.requisite_boost,
        ),
    )
    pipeline.add_component("ranker", EvidenceRanker(depth=settings.rerank_depth))
    pipeline.connect("expander.dense_text", "dense.text")
    pipeline.connect("expander.expansions", "sparse.expansions")
    pipeline.connect("refs.refs", "retriever.refs")
    pipeline.connect("dense.embedding", "retriever.query_embedding")
    pipeline.connect("sparse.sparse_embedding", "retriever.query_sparse_embedding")
    pipeline.connect("retriever.documents", "ranker.documents")
    pipeline.connect("dense.embedding", "ranker.query_embedding")
    pipeline.connect("refs.refs", "ranker.refs")
    return pipeline


def search_inputs(
    query: str, filters: dict[str, Any] | None = None, top_k: int = 10, rerank_depth: int = 20
) -> dict[str, Any]:
    """The inputs of a search pipeline (built here or loaded from YAML) for one query."""
    return {
        "refs": {"query": query},
        "expander": {"query": query},
        "sparse": {"text": query},
        "retriever": {"filters": filters, "top_k": max(top_k, rerank_depth)},
        "ranker": {"query": query, "top_k": top_k},
    }


class Searcher:
    """
    Hybrid search over the index; models load once, on the first query.

    Usage example:
    ```python
    searcher = Searcher(load_settings())
    for hit in searcher.search("постановление № 443", top_k=5):
        print(hit.doc_id, hit.article, hit.score)
    ```
    """

    def __init__(self, settings: Settings, store: QdrantStore | None = None) -> None:
        self.settings = settings
        self.store = store or store_from_settings(settings)
        self.pipeline = build_search_pipeline(settings, store=self.store)

    def warm_up(self) -> None:
        """Load the query embedding model now rather than on the first query."""
        self.pipeline.warm_up()

    def search(self, query: str, top_k: int = 10, filters: SearchFilters | None = None) -> list[Hit]:
        """
        :param query: Words or a question in Russian.
        :param top_k: How many hits, 1 to 100.
        :param filters: Requisite and source filters.
        :returns: Hits, best first.
        :raises QueryError: if the query is empty or too long, or ``top_k`` is out of range.
        :raises StoreError: if nothing is indexed or the store cannot be opened.
        """
        query = validate_query(query)
        if not 1 <= top_k <= MAX_TOP_K:
            raise QueryError(f"top_k must be between 1 and {MAX_TOP_K}, got {top_k}", field="top_k")
        haystack_filters = filters.to_haystack() if filters else None
        try:
            result = self.pipeline.run(search_inputs(query, haystack_filters, top_k, self.settings.rerank_depth))
        except PipelineRuntimeError as e:
            raise unwrap(e) from e
        return [Hit.from_document(doc) for doc in result["ranker"]["documents"]]

    def close(self) -> None:
        self.store.close()

