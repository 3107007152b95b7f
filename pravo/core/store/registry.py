"""The documents registry: one record per indexed document, and the record describing the index.

A document's record holds its text as indexed (what every citation's offsets point into), its
requisites, its version (``content_hash`` + ``fingerprint``), the acts it mentions and who mentions
it. The index record holds the embedding model, its dimension and the corpus statistics the
answer builder uses (the mean sentence-window vector).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from qdrant_client import models

from pravo.core.store.connection import QdrantStore
from pravo.core.store.ids import INDEX_RECORD, document_point_id

_WITHOUT_TEXT = models.PayloadSelectorExclude(exclude=["text"])


def _record_point(doc_id: str, payload: dict[str, Any]) -> models.PointStruct:
    return models.PointStruct(id=document_point_id(doc_id), vector={}, payload=payload)


class DocumentRegistry:
    """
    Reads and writes the ``<collection>_documents`` collection.

    Usage example:
    ```python
    registry = DocumentRegistry(store)
    records, info = registry.load()                 # one scroll: every record (no text) and the index record
    registry.records(["acts/p443"], with_text=True)  # one retrieve
    ```
    """

    def __init__(self, store: QdrantStore) -> None:
        self.store = store

    @property
    def _name(self) -> str:
        return self.store.documents_collection

    def exists(self) -> bool:
        return self.store.client.collection_exists(self._name)

    def create(self) -> None:
        """Create the collection (no vectors; records are read by id or scrolled)."""
        client = self.store.client
        client.create_collection(self._name, vectors_config={})
        if self.store.url:
            client.create_payload_index(self._name, "doc_id", models.PayloadSchemaType.KEYWORD, wait=True)

    def load(
        self, with_text: bool = False, names: set[str] | None = None
    ) -> tuple[dict[str, dict[str, Any]], dict[str, Any] | None]:
        """Every document record by doc_id and the index record, in one scroll of the collection.

        :param names: The collections that exist (:meth:`QdrantStore.collection_names`), if known.
        :returns: ``({}, None)`` before the first index.
        """
        exists = self._name in names if names is not None else self.exists()
        if not exists:
            return {}, None
        records: dict[str, dict[str, Any]] = {}
        info: dict[str, Any] | None = None
        offset = None
        while True:
            page, offset = self.store.client.scroll(
                self._name, limit=1024, offset=offset, with_payload=True if with_text else _WITHOUT_TEXT
            )
            for point in page:
                payload = dict(point.payload or {})
                if payload.get("kind") == "index":
                    info = payload
                elif payload.get("kind") == "document":
                    records[payload["doc_id"]] = payload
            if offset is None:
                return records, info

    def documents(self, with_text: bool = False) -> dict[str, dict[str, Any]]:
        """All document records by ``doc_id`` (without their text unless asked)."""
        return self.load(with_text=with_text)[0]

    def index_info(self) -> dict[str, Any] | None:
        """The record describing the index (embedding model, dimension, centroid), or None before the first index."""
        if not self.exists():
            return None
        found = self.store.client.retrieve(self._name, [document_point_id(INDEX_RECORD)], with_payload=True)
        return dict(found[0].payload or {}) if found else None

    def records(self, doc_ids: Iterable[str], with_text: bool = True) -> dict[str, dict[str, Any]]:
        """Some documents' records by doc_id, in one request; unknown ids are left out."""
        ids = list(dict.fromkeys(doc_ids))
        if not ids:
            return {}
        found = self.store.client.retrieve(
            self._name, [document_point_id(d) for d in ids], with_payload=True if with_text else _WITHOUT_TEXT
        )
        out = {}
        for point in found:
            payload = dict(point.payload or {})
            if payload.get("kind") == "document":
                out[payload["doc_id"]] = payload
        return out

    def document(self, doc_id: str, with_text: bool = True) -> dict[str, Any] | None:
        """One document's record (with its text unless asked not to), or None."""
        if not self.exists():
            return None
        return self.records([doc_id], with_text=with_text).get(doc_id)

    def put(self, records: Iterable[dict[str, Any]], index_info: dict[str, Any] | None = None) -> None:
        """Upsert document records (each needs ``doc_id``) and, when given, the index record."""
        points = [_record_point(r["doc_id"], {"kind": "document", **r}) for r in records]
        if index_info is not None:
            points.append(_record_point(INDEX_RECORD, {**index_info, "doc_id": INDEX_RECORD, "kind": "index"}))
        for start in range(0, len(points), 64):
            self.store.client.upsert(self._name, points[start : start + 64], wait=True)
        if points:
            self.store.changed()

    def update(self, fields: dict[str, dict[str, Any]]) -> None:
        """Set some fields of existing records (``{doc_id: {field: value}}``), in one request."""
        if not fields:
            return
        operations = [
            models.SetPayloadOperation(set_payload=models.SetPayload(payload=values, points=[document_point_id(doc_id)]))
            for doc_id, values in fields.items()
        ]
        self.store.client.batch_update_points(self._name, operations, wait=True)
        self.store.changed()

    def delete(self, doc_ids: Iterable[str]) -> None:
        """Remove documents' records (their chunks: :meth:`ChunkIndex.delete_documents`)."""
        ids = list(doc_ids)
        if ids:
            self.store.client.delete(
                self._name, points_selector=models.PointIdsList(points=[document_point_id(d) for d in ids]), wait=True
            )
            self.store.changed()
