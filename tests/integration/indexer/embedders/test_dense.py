"""warm_up() turns the configured name into a folder and loads it once for both passage embedders."""

from __future__ import annotations

from typing import Any

import pytest
from haystack import Document

from pravo.core.models import DEFAULT_EMBEDDING_MODEL, registry
from pravo.core.settings import load_settings
from pravo.indexer.embedders.dense import dense_document_embedder, sentence_window_embedder


@pytest.fixture
def resolved(monkeypatch: pytest.MonkeyPatch, minilm: str) -> list[tuple[str, Any]]:
    """The default name resolves to the small MiniLM folder (no conversion); the calls are recorded."""
    calls: list[tuple[str, Any]] = []
    real = registry.resolve_model

    def resolve(name: str, cache_dir: Any = None) -> str:
        calls.append((name, cache_dir))
        return minilm if name == DEFAULT_EMBEDDING_MODEL else real(name, cache_dir)

    monkeypatch.setattr(registry, "resolve_model", resolve)
    return calls


def test_warm_up_resolves_the_name_and_both_embedders_share_one_model(resolved, tmp_path) -> None:
    settings = load_settings(model_cache_dir=tmp_path / "models", embedding_device=None, passage_prefix="")
    passages = dense_document_embedder(settings)
    windows = sentence_window_embedder(settings)
    before = (passages.to_dict(), windows.to_dict())
    assert resolved == []

    passages.warm_up()
    windows.warm_up()

    assert resolved == [(DEFAULT_EMBEDDING_MODEL, str(tmp_path / "models"))] * 2
    assert (passages.to_dict(), windows.to_dict()) == before
    assert passages.model == windows.model == DEFAULT_EMBEDDING_MODEL
    model = passages.embedding_backend.model  # type: ignore[union-attr]
    assert windows._embedder.embedding_backend.model is model  # type: ignore[union-attr]
    chunk = Document(content="Работник имеет право расторгнуть трудовой договор. Он предупреждает работодателя.")
    embedded = passages.run([chunk])["documents"][0]
    assert len(embedded.embedding) == 384
