"""The index writer: which requests it sends to Qdrant for a batch, in what order, and what it returns."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from haystack import Document
from haystack.dataclasses import SparseEmbedding
from qdrant_client import models

from pravo.core.errors import StoreError
from pravo.core.store import DENSE_VECTORS_NAME, SENTENCE_VECTORS_NAME, SPARSE_VECTORS_NAME, chunk_point_id
from pravo.core.store.ids import INDEX_RECORD, document_point_id
from pravo.core.store.schema import chunk_vectors_config
from pravo.core.types import VECTORS_META, ChunkVectors
from pravo.indexer.writers.qdrant_writer import QdrantIndexWriter

MODEL = "test-model"


class RecordingClient:
    """The client methods the writer reaches through ChunkIndex and DocumentRegistry, recorded."""

    def __init__(self, existing: bool, info: dict[str, Any] | None) -> None:
        self.existing = existing
        self.info = info
        self.calls: list[tuple[str, tuple, dict]] = []

    def names(self) -> list[str]:
        return [name for name, _, _ in self.calls]

    def collection_exists(self, name: str) -> bool:
        self.calls.append(("collection_exists", (name,), {}))
        return self.existing

    def get_collections(self) -> Any:
        self.calls.append(("get_collections", (), {}))
        names = ["pravo", "pravo_documents"] if self.existing else []
        return SimpleNamespace(collections=[SimpleNamespace(name=n) for n in names])

    def retrieve(self, name: str, ids: list[Any], **kwargs: Any) -> list[Any]:
        self.calls.append(("retrieve", (name, ids), kwargs))
        return [models.Record(id=ids[0], payload={"kind": "index", **self.info})] if self.info else []

    def create_collection(self, name: str, **kwargs: Any) -> None:
        self.calls.append(("create_collection", (name,), kwargs))

    def create_payload_index(self, name: str, *args: Any, **kwargs: Any) -> None:
        self.calls.append(("create_payload_index", (name, *args), kwargs))

    def batch_update_points(self, name: str, operations: list[Any], **kwargs: Any) -> None:
        self.calls.append(("batch_update_points", (name, operations), kwargs))

    def upsert(self, name: str, points: list[Any], **kwargs: Any) -> None:
        self.calls.append(("upsert", (name, points), kwargs))

    def call(self, name: str) -> tuple[tuple, dict]:
        (found,) = [(args, kwargs) for n, args, kwargs in self.calls if n == name]
        return found


class FakeStore:
    location = "/fake/edge"
    collection = "pravo"
    documents_collection = "pravo_documents"
    url = None

    def __init__(self, existing: bool = True, info: dict[str, Any] | None = None, write_batch_size: int = 256) -> None:
        self.client = RecordingClient(existing, info)
        self.write_batch_size = write_batch_size
        self.changes = 0

    def changed(self) -> None:
        self.changes += 1

    def collection_names(self) -> set[str]:
        return {c.name for c in self.client.get_collections().collections}

    def to_dict(self) -> dict[str, Any]:
        return {"type": "tests.FakeStore", "init_parameters": {}}


CURRENT = {"dense_dim": 2, "embedding_model": MODEL}


def document(doc_id: str, text: str, content_hash: str) -> Document:
    meta = {"doc_id": doc_id, "content_hash": content_hash, "fingerprint": "f1", "title": f"Акт {doc_id}",
            "source": "act", "doc_type": "постановление", "number": "443", "code": None}
    return Document(id=doc_id, content=text, meta=meta)


def chunk(doc_id: str, n: int, text: str, content_hash: str, embedded: bool = True) -> Document:
    meta = {
        "doc_id": doc_id, "doc_hash": f"{content_hash}-f1", "start": 0, "end": len(text),
        VECTORS_META: ChunkVectors(windows=np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)),
    }
    return Document(
        id=f"{doc_id}#{n}",
        content=text,
        meta=meta,
        embedding=[0.6, 0.8] if embedded else None,
        sparse_embedding=SparseEmbedding(indices=[1, 5], values=[0.9, 0.4]),
    )


@pytest.fixture
def batch():
    documents = [document("acts/a", "Первый акт. Второе предложение.", "h1"), document("acts/b", "Второй акт.", "h2")]
    chunks = [
        chunk("acts/a", 0, "Первый акт.", "h1"),
        chunk("acts/a", 1, "Второе предложение.", "h1"),
        chunk("acts/b", 0, "Второй акт.", "h2"),
    ]
    return documents, chunks


def _stale(doc_id: str, version: str) -> models.Filter:
    return models.Filter(
        must=[models.FieldCondition(key="meta.doc_id", match=models.MatchValue(value=doc_id))],
        must_not=[models.FieldCondition(key="meta.doc_hash", match=models.MatchValue(value=version))],
    )


def test_a_batch_is_one_chunk_request_then_one_records_upsert(batch):
    documents, chunks = batch
    store = FakeStore(info=CURRENT, write_batch_size=2)
    out = QdrantIndexWriter(store=store, embedding_model=MODEL).run(chunks=chunks, documents=documents)  # type: ignore[arg-type]
    client = store.client
    # the index record is read to check the model; then one request for the chunks, one for the records
    assert client.names() == ["collection_exists", "retrieve", "batch_update_points", "upsert"]
    assert client.calls[1][1] == ("pravo_documents", [document_point_id(INDEX_RECORD)])

    (name, operations), kwargs = client.call("batch_update_points")
    assert name == "pravo" and kwargs.get("wait") is True
    # the upserts first (write_batch_size 2: two of them), the delete of other versions last
    assert [type(op) for op in operations] == [models.UpsertOperation, models.UpsertOperation, models.DeleteOperation]
    upserted = [p for op in operations[:2] for p in op.upsert.points]
    assert [str(p.id) for p in upserted] == [chunk_point_id(c.id) for c in chunks]
    first = upserted[0]
    assert first.vector[DENSE_VECTORS_NAME] == pytest.approx([0.6, 0.8])
    assert first.vector[SENTENCE_VECTORS_NAME] == [[1.0, 0.0], [0.0, 1.0]]
    assert first.vector[SPARSE_VECTORS_NAME].indices == [1, 5]
    assert VECTORS_META not in first.payload["meta"] and first.payload["meta"]["doc_hash"] == "h1-f1"
    assert operations[2].delete.filter == models.Filter(should=[_stale("acts/a", "h1-f1"), _stale("acts/b", "h2-f1")])

    (name, points), kwargs = client.call("upsert")
    assert name == "pravo_documents" and kwargs.get("wait") is True
    assert [str(p.id) for p in points] == [document_point_id("acts/a"), document_point_id("acts/b")]
    assert all(p.payload["kind"] == "document" for p in points)  # the index record is current: not rewritten
    assert points[0].payload["text"] == "Первый акт. Второе предложение." and points[0].payload["n_chunks"] == 2

    assert out["documents_written"] == 2 and out["chunks_written"] == 3
    assert [r["doc_id"] for r in out["records"]] == ["acts/a", "acts/b"]
    assert all("text" not in r for r in out["records"])
    assert out["records"][0]["content_hash"] == "h1" and out["records"][1]["n_chunks"] == 1
    assert store.changes == 2


def test_the_first_write_creates_the_collections_and_records_the_index(batch):
    documents, chunks = batch
    store = FakeStore(existing=False)
    writer = QdrantIndexWriter(store=store, embedding_model=MODEL)  # type: ignore[arg-type]
    writer.run(chunks=chunks, documents=documents)
    client = store.client
    assert client.names() == [
        "collection_exists", "get_collections", "create_collection", "create_collection",
        "batch_update_points", "upsert",
    ]
    creates = [(args, kwargs) for n, args, kwargs in client.calls if n == "create_collection"]
    assert creates[0] == (("pravo_documents",), {"vectors_config": {}})
    assert creates[1] == (("pravo",), chunk_vectors_config(2))
    (_, points), _ = client.call("upsert")
    assert len(points) == 3 and str(points[-1].id) == document_point_id(INDEX_RECORD)
    assert points[-1].payload == {**CURRENT, "doc_id": INDEX_RECORD, "kind": "index"}
    # a second batch through the same writer checks nothing again
    before = len(client.calls)
    writer.run(chunks=chunks[2:], documents=documents[1:])
    assert client.names()[before:] == ["batch_update_points", "upsert"]
    (_, points) = client.calls[-1][1]
    assert [p.payload["kind"] for p in points] == ["document"]


def test_an_index_info_given_by_the_caller_is_not_read_again(batch):
    documents, chunks = batch
    store = FakeStore()
    QdrantIndexWriter(store=store, embedding_model=MODEL).run(chunks=chunks, documents=documents, index_info=CURRENT)  # type: ignore[arg-type]
    assert store.client.names() == ["batch_update_points", "upsert"]


def test_a_chunk_without_embedding_is_a_store_error_before_any_write(batch):
    documents, chunks = batch
    store = FakeStore(info=CURRENT)
    writer = QdrantIndexWriter(store=store, embedding_model=MODEL)  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="acts/b#0"):
        writer.run(chunks=[*chunks[:2], chunk("acts/b", 0, "Второй акт.", "h2", embedded=False)], documents=documents)
    no_sparse = replace(chunks[0], sparse_embedding=None)
    with pytest.raises(StoreError, match="embed chunks"):
        writer.run(chunks=[no_sparse], documents=documents)
    assert store.client.calls == []


def test_an_index_of_another_model_is_a_store_error(batch):
    documents, chunks = batch
    store = FakeStore(info={"dense_dim": 384, "embedding_model": "other"})
    with pytest.raises(StoreError, match="recreate"):
        QdrantIndexWriter(store=store, embedding_model=MODEL).run(chunks=chunks, documents=documents)  # type: ignore[arg-type]
    assert "batch_update_points" not in store.client.names() and "upsert" not in store.client.names()


def test_a_document_without_chunks_is_not_written(batch):
    documents, chunks = batch
    store = FakeStore(info=CURRENT)
    out = QdrantIndexWriter(store=store, embedding_model=MODEL).run(chunks=chunks[:2], documents=documents)  # type: ignore[arg-type]
    assert out["documents_written"] == 1 and [r["doc_id"] for r in out["records"]] == ["acts/a"]
    (_, operations), _ = store.client.call("batch_update_points")
    assert operations[-1].delete.filter == models.Filter(should=[_stale("acts/a", "h1-f1")])


def test_needs_a_model_name_and_round_trips(tmp_path):
    from pravo.core.store import QdrantStore

    with pytest.raises(ValueError):
        QdrantIndexWriter(store=QdrantStore(path=str(tmp_path / "s")), embedding_model="")
    writer = QdrantIndexWriter(store=QdrantStore(path=str(tmp_path / "s")), embedding_model=MODEL)
    assert QdrantIndexWriter.from_dict(writer.to_dict()).to_dict() == writer.to_dict()
