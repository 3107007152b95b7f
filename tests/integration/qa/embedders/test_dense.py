"""warm_up() turns the configured name into a folder; the query embedder shares the passages' model."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from haystack import Pipeline

from pravo.core.models import DEFAULT_EMBEDDING_MODEL, registry
from pravo.core.settings import load_settings
from pravo.indexer.embedders.dense import dense_document_embedder
from pravo.qa.embedders.dense import dense_text_embedder


@pytest.fixture
def resolved(monkeypatch: pytest.MonkeyPatch, minilm: str) -> list[str]:
    """The default name resolves to the small MiniLM folder (no conversion); the names are recorded."""
    calls: list[str] = []

    def resolve(name: str, cache_dir: Any = None) -> str:
        calls.append(name)
        return minilm if name == DEFAULT_EMBEDDING_MODEL else name

    monkeypatch.setattr(registry, "resolve_model", resolve)
    return calls


def test_a_saved_query_pipeline_holds_the_name_and_resolves_it_when_warmed_up(resolved) -> None:
    settings = load_settings(model_cache_dir=None, embedding_device=None, query_prefix="")
    pipeline = Pipeline()
    pipeline.add_component("dense", dense_text_embedder(settings))
    saved = pipeline.dumps()
    assert resolved == []
    assert f"model: {DEFAULT_EMBEDDING_MODEL}" in saved and "model_cache_dir: null" in saved

    loaded = Pipeline.loads(saved)
    vector = loaded.run({"dense": {"text": "статья 80"}})["dense"]["embedding"]

    assert resolved == [DEFAULT_EMBEDDING_MODEL]
    assert isinstance(vector, np.ndarray) and vector.dtype == np.float32 and vector.shape == (384,)
    assert loaded.dumps() == saved
    query = loaded.get_component("dense")
    passages = dense_document_embedder(settings)
    passages.warm_up()
    assert query.embedding_backend.model is passages.embedding_backend.model  # type: ignore[union-attr]
