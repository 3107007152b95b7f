"""Qdrant Edge (the embedded default) and qdrant-client's local mode answer the same requests alike.

The same index is built with both engines and the same searches are run: hybrid fusion, requisite
boost, filters and the single-retriever modes must give every chunk the same score and so the same
ranking. Chunks with equal scores may come in either order (the engines break ties differently),
so rankings are compared as score levels, each with its set of chunks.
"""

from __future__ import annotations

import pytest

from pravo.core.store import store_from_settings
from pravo.indexer.runner import index_paths
from pravo.qa.hits import SearchFilters
from pravo.qa.search import Searcher


#: Scores the two engines compute in float32 (Rust and numpy) differ in the last digits: a tie is
#: a pair of scores closer than this, and equal scores may differ by up to it.
TIE = 1e-4


def score_levels(hits) -> list[tuple[float, frozenset[str]]]:
    """A ranking as its distinct scores, best first, each with the chunks that have it."""
    levels: list[tuple[float, set[str]]] = []
    for hit in sorted(hits, key=lambda h: -h.score):
        if levels and levels[-1][0] - hit.score < TIE:
            levels[-1][1].add(hit.chunk_id)
        else:
            levels.append((hit.score, {hit.chunk_id}))
    return [(score, frozenset(ids)) for score, ids in levels]


def assert_same_levels(edge, local, query: str) -> None:
    assert edge, query
    assert [ids for _, ids in edge] == [ids for _, ids in local], query
    assert [score for score, _ in edge] == pytest.approx([score for score, _ in local], abs=TIE), query


QUERIES = [
    ("постановление № 443", None),
    ("статья 80 ТК РФ", None),
    ("уволить за прогулы", None),
    ("программа", SearchFilters(date_from="2022-01-01")),
    ("отпуск", SearchFilters(source="act", type="кодекс")),
]


@pytest.mark.parametrize("fusion", ["dbsf", "rrf", "dense", "sparse"])
def test_edge_and_local_mode_rank_alike(tmp_path, corpus, minilm, fusion):
    from pravo.core.settings import load_settings

    rankings = {}
    for engine in ("edge", "local"):
        settings = load_settings(
            data_dir=tmp_path / engine, embedding_model=minilm, model_cache_dir=tmp_path / "models",
            embedded_engine=engine, fusion=fusion,
        )
        store = store_from_settings(settings)
        index_paths([corpus], settings, store=store)
        searcher = Searcher(settings, store=store)
        # more than the fixture corpus has chunks: whole rankings, no tie cut off at the end
        rankings[engine] = [score_levels(searcher.search(q, top_k=50, filters=f)) for q, f in QUERIES]
        store.close()
    for (query, _), edge_levels, local_levels in zip(QUERIES, rankings["edge"], rankings["local"]):
        assert_same_levels(edge_levels, local_levels, query)
