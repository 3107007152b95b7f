"""The two collections' schema: vector names, payload indexes, creation and the compatibility check.

- ``<collection>``: one point per chunk, a named dense vector (``text-dense``, cosine), the sentence
  windows' multivector (``sentences-dense``, MAX_SIM, no HNSW graph: it only re-scores prefetched
  candidates) and a sparse lemma vector (``text-sparse``, IDF modifier); the payload is the
  Haystack ``Document`` as qdrant-haystack's converters write it (``content``, ``meta.*``).
- ``<collection>_documents``: one point per indexed document, no vectors: its text as indexed,
  requisites, version, links; plus one record describing the index itself.
"""

from __future__ import annotations

from typing import Any

from haystack_integrations.document_stores.qdrant.converters import DENSE_VECTORS_NAME, SPARSE_VECTORS_NAME
from qdrant_client import models

from pravo.core.errors import StoreError

#: Named multivector holding one embedding per sentence window of a chunk (MAX_SIM comparator).
SENTENCE_VECTORS_NAME = "sentences-dense"

#: Chunk payload fields that filters and the re-indexing bookkeeping use.
CHUNK_PAYLOAD_INDEXES: dict[str, models.PayloadSchemaType] = {
    "meta.doc_id": models.PayloadSchemaType.KEYWORD,
    "meta.doc_hash": models.PayloadSchemaType.KEYWORD,
    "meta.source": models.PayloadSchemaType.KEYWORD,
    "meta.doc_type": models.PayloadSchemaType.KEYWORD,
    "meta.number": models.PayloadSchemaType.KEYWORD,
    "meta.issuer": models.PayloadSchemaType.KEYWORD,
    "meta.article": models.PayloadSchemaType.KEYWORD,
    "meta.point": models.PayloadSchemaType.KEYWORD,
    "meta.code": models.PayloadSchemaType.KEYWORD,
    "meta.mention_keys": models.PayloadSchemaType.KEYWORD,
    "meta.date": models.PayloadSchemaType.DATETIME,
}

__all__ = [
    "CHUNK_PAYLOAD_INDEXES",
    "DENSE_VECTORS_NAME",
    "SENTENCE_VECTORS_NAME",
    "SPARSE_VECTORS_NAME",
    "chunk_vectors_config",
    "missing_vectors",
]


def chunk_vectors_config(dense_dim: int) -> dict[str, Any]:
    """``create_collection`` arguments of the chunk collection for a model of ``dense_dim`` dimensions."""
    return {
        "vectors_config": {
            DENSE_VECTORS_NAME: models.VectorParams(size=dense_dim, distance=models.Distance.COSINE),
            SENTENCE_VECTORS_NAME: models.VectorParams(
                size=dense_dim,
                distance=models.Distance.COSINE,
                multivector_config=models.MultiVectorConfig(comparator=models.MultiVectorComparator.MAX_SIM),
                # scored only among prefetched candidates: no HNSW graph needed
                hnsw_config=models.HnswConfigDiff(m=0),
            ),
        },
        "sparse_vectors_config": {SPARSE_VECTORS_NAME: models.SparseVectorParams(modifier=models.Modifier.IDF)},
    }


def missing_vectors(collection_info: Any) -> list[str]:
    """The vectors this version of pravo writes and queries that a collection lacks."""
    params = collection_info.config.params
    dense = params.vectors if isinstance(params.vectors, dict) else {}
    missing = [name for name in (DENSE_VECTORS_NAME, SENTENCE_VECTORS_NAME) if name not in dense]
    if SPARSE_VECTORS_NAME not in (params.sparse_vectors or {}):
        missing.append(SPARSE_VECTORS_NAME)
    return missing


def schema_error(location: str, collection: str, missing: list[str]) -> StoreError:
    return StoreError(
        f"the index in {location} (collection {collection!r}) lacks the vectors {', '.join(missing)}: "
        "it was built by an older version of pravo; run `pravo index --recreate` to rebuild it"
    )


def model_error(location: str, collection: str, info: dict[str, Any], model: str | None, dim: int | None) -> StoreError:
    built = f"{info.get('embedding_model')!r} ({info.get('dense_dim')} dimensions)"
    wanted = f"{model!r}" + (f" ({dim})" if dim is not None else "")
    return StoreError(
        f"the index in {location} (collection {collection!r}) was built with the embedding model {built}, "
        f"not {wanted}; run `pravo index --recreate` to rebuild it, or set PRAVO_EMBEDDING_MODEL back"
    )
