import pytest
from haystack.utils import Secret

from pravo.core.store import QdrantStore, chunk_point_id, document_point_id
from pravo.core.errors import StoreError

pytestmark = pytest.mark.unit


def test_constructing_a_store_does_not_connect_or_create_anything(tmp_path):
    store = QdrantStore(path=str(tmp_path / "q"))
    assert store._client is None
    assert not (tmp_path / "q").exists()


def test_round_trip_keeps_the_api_key_as_an_env_reference(monkeypatch):
    monkeypatch.setenv("PRAVO_QDRANT_API_KEY", "s3cret")
    store = QdrantStore(url="http://localhost:6333", api_key=Secret.from_env_var("PRAVO_QDRANT_API_KEY"), collection="laws")
    data = store.to_dict()
    assert "s3cret" not in str(data)
    again = QdrantStore.from_dict(data)
    assert (again.url, again.collection, again.api_key.resolve_value()) == ("http://localhost:6333", "laws", "s3cret")


def test_ids_are_deterministic_uuids():
    assert chunk_point_id("acts/p443#0") == chunk_point_id("acts/p443#0") != chunk_point_id("acts/p443#1")
    assert document_point_id("acts/p443") == document_point_id("acts/p443") != document_point_id("acts/p444")


def test_second_process_gets_a_clear_message(tmp_path):
    import subprocess
    import sys

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


def test_needs_a_location():
    with pytest.raises(ValueError, match="path .* or a url"):
        QdrantStore()
