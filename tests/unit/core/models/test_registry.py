"""The registry: other names pass through untouched, the cache folder is the loading machine's, warm-up resolves."""

from __future__ import annotations

from pathlib import Path

import pytest

from pravo.core.models import (
    DEFAULT_EMBEDDING_MODEL,
    default_cache_dir,
    default_model_dir,
    registry,
    resolve_model,
    warm_up_resolved,
)


@pytest.mark.parametrize(
    "name", ["intfloat/multilingual-e5-base", "sentence-transformers/all-MiniLM-L6-v2", "/models/my-e5", "./local"]
)
def test_resolve_model_passes_other_names_through(tmp_path: Path, name: str) -> None:
    cache = tmp_path / "cache"

    assert resolve_model(name, cache) == name
    assert not cache.exists()  # nothing converted, nothing created



def test_the_cache_folder_defaults_to_the_home_of_whoever_loads_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))

    assert default_cache_dir() == tmp_path / "home" / ".cache" / "pravo" / "models"
    assert default_model_dir(None).parent == default_cache_dir()
    assert default_model_dir("~/models").parent == tmp_path / "home" / "models"
    assert not (tmp_path / "home").exists()  # naming a folder creates nothing


class _Embedder:
    """Stands in for a sentence-transformers-haystack embedder: its warm_up reads ``self.model``."""

    def __init__(self, model: str, model_cache_dir: str | None = None) -> None:
        self.model = model
        self.model_cache_dir = model_cache_dir
        self.loaded: list[str] = []

    def base_warm_up(self) -> None:
        self.loaded.append(self.model)


def test_warm_up_loads_the_resolved_folder_and_keeps_the_name(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str | None]] = []

    def fake_resolve(name: str, cache_dir: str | None = None) -> str:
        calls.append((name, cache_dir))
        return "/converted/multilingual-e5-small"

    monkeypatch.setattr(registry, "resolve_model", fake_resolve)
    embedder = _Embedder(DEFAULT_EMBEDDING_MODEL, model_cache_dir="/srv/models")

    warm_up_resolved(embedder, _Embedder.base_warm_up)

    assert embedder.loaded == ["/converted/multilingual-e5-small"]
    assert calls == [(DEFAULT_EMBEDDING_MODEL, "/srv/models")]
    assert embedder.model == DEFAULT_EMBEDDING_MODEL


def test_a_failed_warm_up_keeps_the_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "resolve_model", lambda name, cache_dir=None: "/converted")
    embedder = _Embedder(DEFAULT_EMBEDDING_MODEL)

    def failing(self: _Embedder) -> None:
        raise OSError("no space left")

    with pytest.raises(OSError):
        warm_up_resolved(embedder, failing)
    assert embedder.model == DEFAULT_EMBEDDING_MODEL
