"""QdrantStore against what lies outside the process: a second process on the same folder, a server that is not there."""

import subprocess
import sys

import pytest

from pravo.core.store import QdrantStore
from pravo.core.errors import StoreError


def test_second_process_gets_a_clear_message(tmp_path):
    path = tmp_path / "q"
    holder = QdrantStore(path=str(path))
    holder.client  # takes the folder lock
    code = (
        "from pravo.core.store import QdrantStore\n"
        f"QdrantStore(path={str(path)!r}).client\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0
    assert "open in another process" in result.stderr and "PRAVO_QDRANT_URL" in result.stderr
    holder.close()


def test_unreachable_server_is_named():
    with pytest.raises(StoreError, match="cannot reach the Qdrant server at http://127.0.0.1:9"):
        QdrantStore(url="http://127.0.0.1:9", timeout=1).client
