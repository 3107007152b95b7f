"""The converted default model is found again, not converted twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from pravo.core.models import DEFAULT_EMBEDDING_MODEL, resolve_model


@pytest.mark.slow
def test_second_resolve_reuses_the_folder(converted: Path, model_cache: Path) -> None:
    before = (converted.stat().st_mtime_ns, (converted / "model.safetensors").stat().st_mtime_ns)

    again = resolve_model(DEFAULT_EMBEDDING_MODEL, model_cache)

    assert Path(again) == converted
    assert (converted.stat().st_mtime_ns, (converted / "model.safetensors").stat().st_mtime_ns) == before
