"""Deterministic point ids (uuid5), so writing a chunk or a record twice overwrites it."""

from __future__ import annotations

import uuid

from haystack_integrations.document_stores.qdrant.converters import convert_id

#: Namespace of pravo's deterministic ids.
PRAVO_NAMESPACE = uuid.UUID("6f1c1d2e-8a53-5b8e-9a4f-3c0d7e2b9a11")
#: doc_id of the record describing the index itself (model, dimension, corpus statistics).
INDEX_RECORD = "__pravo_index__"


def chunk_point_id(chunk_id: str) -> str:
    """Qdrant point id of a chunk: uuid5 of ``doc_id#position`` (qdrant-haystack's ``convert_id``)."""
    return convert_id(chunk_id)


def document_point_id(doc_id: str) -> str:
    """Qdrant point id of a document's record in the documents collection."""
    return str(uuid.uuid5(PRAVO_NAMESPACE, "doc:" + doc_id))


def same_point(a: object, b: object) -> bool:
    """Whether two point ids (str or UUID, as engines return them) name the same point."""
    return uuid.UUID(str(a)) == uuid.UUID(str(b))
