"""Qdrant Edge (the embedded default) and qdrant-client's local mode answer the same requests alike.

The same index is built with both engines and the same searches are run: hybrid fusion, requisite
boost, filters and the single-retriever modes must rank the same chunks first.
"""

from __future__ import annotations

import pytest

from indexer.pipeline import store_from_settings
from indexer.runner import index_paths
from qa.hits import SearchFilters
from qa.search import Searcher

pytestmark = pytest.mark.integration

QUERIES = [
    ("постановление № 443", None),
    ("статья 80 ТК РФ", None),
    ("уволить за прогулы", None),
    ("программа", SearchFilters(date_from="2022-01-01")),
    ("отпуск", SearchFilters(source="act", type="кодекс")),
]


@pytest.mark.parametrize("fusion", ["dbsf", "rrf", "dense", "sparse"])
def test_edge_and_local_mode_rank_alike(tmp_path, corpus, minilm, fusion):
    from pravo.settings import load_settings

    rankings = {}
    for engine in ("edge", "local"):
        settings = load_settings(
            data_dir=tmp_path / engine, embedding_model=minilm, model_cache_dir=tmp_path / "models",
            embedded_engine=engine, fusion=fusion,
        )
        store = store_from_settings(settings)
        index_paths([corpus], settings, store=store)
        searcher = Searcher(settings, store=store)
        rankings[engine] = [[h.chunk_id for h in searcher.search(q, top_k=3, filters=f)] for q, f in QUERIES]
        store.close()
    for (query, _), edge_ids, local_ids in zip(QUERIES, rankings["edge"], rankings["local"]):
        assert edge_ids[:1] == local_ids[:1], query
        assert set(edge_ids) == set(local_ids), query
