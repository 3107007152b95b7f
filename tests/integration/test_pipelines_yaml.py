"""Whole pipelines serialise to YAML and load back into pipelines that behave the same."""

from __future__ import annotations

import pytest
from haystack import Pipeline

from pravo.core.store import store_from_settings
from pravo.indexer.pipeline import build_indexing_pipeline
from pravo.indexer.runner import index_paths
from pravo.qa.search import build_search_pipeline, search_inputs

pytestmark = pytest.mark.integration


def _same(a: Pipeline, b: Pipeline) -> None:
    """Same components with the same parameters, same connections (in any order)."""
    da, db = a.to_dict(), b.to_dict()
    assert da["components"] == db["components"]
    key = lambda c: (c["sender"], c["receiver"])  # noqa: E731
    assert sorted(da["connections"], key=key) == sorted(db["connections"], key=key)


def test_search_pipeline_round_trips_and_answers_the_same(settings, corpus):
    store = store_from_settings(settings)
    index_paths([corpus], settings, store=store)
    pipeline = build_search_pipeline(settings, store=store)
    loaded = Pipeline.loads(pipeline.dumps())
    _same(loaded, pipeline)
    query = "статья 80 ТК"
    inputs = search_inputs(query, top_k=5, rerank_depth=settings.rerank_depth)
    first = [d.id for d in pipeline.run(inputs)["ranker"]["documents"]]
    again = [d.id for d in loaded.run(inputs)["ranker"]["documents"]]
    assert first == again and first[0] == "codes/tk_excerpt#3"
    store.close()


def test_indexing_pipeline_round_trips(settings):
    pipeline = build_indexing_pipeline(settings)
    loaded = Pipeline.loads(pipeline.dumps())
    _same(loaded, pipeline)
    data = loaded.to_dict()
    names = set(data["components"])
    assert names == {"converter", "requisites", "splitter", "dense", "windows", "sparse", "writer"}
    store = data["components"]["writer"]["init_parameters"]["store"]["init_parameters"]
    assert store["path"].endswith("edge") and store["engine"] == "edge"
