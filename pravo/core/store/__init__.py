"""The Qdrant store: the only place pravo talks to Qdrant (embedded Qdrant Edge, local mode, or a server)."""

from pravo.core.store.qdrant import (
    DENSE_VECTORS_NAME,
    SENTENCE_VECTORS_META,
    SENTENCE_VECTORS_NAME,
    SPARSE_VECTORS_NAME,
    QdrantStore,
    chunk_point_id,
    document_point_id,
    from_dict_with_store,
    store_from_settings,
)

__all__ = [
    "DENSE_VECTORS_NAME",
    "SENTENCE_VECTORS_META",
    "SENTENCE_VECTORS_NAME",
    "SPARSE_VECTORS_NAME",
    "QdrantStore",
    "chunk_point_id",
    "document_point_id",
    "from_dict_with_store",
    "store_from_settings",
]
