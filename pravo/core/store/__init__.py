"""The Qdrant store: the only place pravo talks to Qdrant (embedded Qdrant Edge, local mode, or a server).

Split by job: :mod:`~pravo.core.store.connection` (where the index lives, one client per folder,
what changed), :mod:`~pravo.core.store.schema` (the collections), :mod:`~pravo.core.store.chunks`
(chunk I/O), :mod:`~pravo.core.store.registry` (document records and the index record),
:mod:`~pravo.core.store.points` (pure converters), :mod:`~pravo.core.store.ids` (deterministic ids)
and :mod:`~pravo.core.store.edge` (the embedded engine behind the ``QdrantClient`` methods used).
"""

from pravo.core.store.chunks import ChunkIndex
from pravo.core.store.connection import QdrantStore, from_dict_with_store, store_from_settings
from pravo.core.store.ids import chunk_point_id, document_point_id
from pravo.core.store.registry import DocumentRegistry
from pravo.core.store.schema import DENSE_VECTORS_NAME, SENTENCE_VECTORS_NAME, SPARSE_VECTORS_NAME

__all__ = [
    "DENSE_VECTORS_NAME",
    "SENTENCE_VECTORS_NAME",
    "SPARSE_VECTORS_NAME",
    "ChunkIndex",
    "DocumentRegistry",
    "QdrantStore",
    "chunk_point_id",
    "document_point_id",
    "from_dict_with_store",
    "store_from_settings",
]
