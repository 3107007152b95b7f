"""Pure converters between Haystack Documents and Qdrant points (qdrant-haystack's, plus the vectors).

A chunk's dense vector and window vectors are set on the point directly: ``Document.to_dict``
(``dataclasses.asdict``) walks a list of floats element by element. Coming back, a point's vectors
become one :class:`~pravo.core.types.ChunkVectors` in ``meta[VECTORS_META]`` (the deep-copy
convention of :mod:`pravo.core.types`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from haystack import Document
from haystack_integrations.document_stores.qdrant.converters import (
    DENSE_VECTORS_NAME,
    SPARSE_VECTORS_NAME,
    convert_haystack_documents_to_qdrant_points,
    convert_qdrant_point_to_haystack_document,
)
from qdrant_client import models

from pravo.core.store.schema import SENTENCE_VECTORS_NAME
from pravo.core.types import VECTORS_META, ChunkVectors, as_matrix, chunk_vectors


def chunk_points(chunks: list[Document]) -> list[models.PointStruct]:
    """Qdrant points of embedded chunks: payload as qdrant-haystack writes it, all three vectors."""
    plain = [
        replace(doc, embedding=None, meta={k: v for k, v in doc.meta.items() if k != VECTORS_META}) for doc in chunks
    ]
    points = convert_haystack_documents_to_qdrant_points(plain, use_sparse_embeddings=True)
    for point, doc in zip(points, chunks):
        vector: Any = point.vector
        if doc.embedding is not None:
            vector[DENSE_VECTORS_NAME] = [float(x) for x in doc.embedding]
        windows = chunk_vectors(doc.meta).windows
        if windows is not None and len(windows):
            vector[SENTENCE_VECTORS_NAME] = windows.tolist()
    return points


def _terms(vector: Any) -> frozenset[int]:
    if vector is None:
        return frozenset()
    indices = vector.get("indices") if isinstance(vector, dict) else getattr(vector, "indices", None)
    return frozenset(indices or [])


def vectors_of(vector: Any) -> ChunkVectors:
    """The :class:`ChunkVectors` of a point's stored vectors (empty for a point read without them)."""
    if not isinstance(vector, dict):
        return ChunkVectors()
    dense = as_matrix(vector.get(DENSE_VECTORS_NAME))
    return ChunkVectors(dense=dense, windows=as_matrix(vector.get(SENTENCE_VECTORS_NAME)), terms=_terms(vector.get(SPARSE_VECTORS_NAME)))


def hit_from_point(point: Any) -> Document:
    """A Document from a scored point or record, its vectors (when read) in ``meta[VECTORS_META]``."""
    vectors = vectors_of(point.vector)
    bare = point.model_copy(update={"vector": None}) if point.vector is not None else point
    doc = convert_qdrant_point_to_haystack_document(bare, use_sparse_embeddings=False)
    if point.vector is not None:
        doc.meta[VECTORS_META] = vectors
    return doc
