import pytest
from haystack.utils import Secret

from pravo.core.store import QdrantStore, chunk_point_id, document_point_id


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


def test_needs_a_location():
    with pytest.raises(ValueError, match="path .* or a url"):
        QdrantStore()
