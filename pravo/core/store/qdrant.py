"""The Qdrant store: one client, two collections.

- ``<collection>``: one point per chunk, a named dense vector (``text-dense``, cosine) and a named
  sparse vector (``text-sparse``, IDF modifier) per point; the payload is the Haystack ``Document``
  as qdrant-haystack's converters write it (``content``, ``meta.*``).
- ``<collection>_documents``: one point per indexed document, no vectors: its text as the indexer
  stored it, requisites, content hash and bookkeeping for incremental indexing; plus one record
  describing the index itself (embedding model and dimension).

Embedded on disk by default (Qdrant Edge in-process, or qdrant-client's local mode); a server or
cluster when ``url`` is set.
Mapping between Haystack Documents and Qdrant points uses qdrant-haystack's pure converters and
filter translation. The client connects lazily: constructing a store touches nothing.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from haystack import Document, default_from_dict, default_to_dict
from haystack.utils import Secret, deserialize_secrets_inplace
from haystack_integrations.document_stores.qdrant.converters import (
    DENSE_VECTORS_NAME,
    SPARSE_VECTORS_NAME,
    convert_haystack_documents_to_qdrant_points,
    convert_id,
    convert_qdrant_point_to_haystack_document,
)
from haystack_integrations.document_stores.qdrant.filters import convert_filters_to_qdrant
from qdrant_client import QdrantClient, models

from pravo.core.store.edge import EdgeClient
from pravo.core.russian.mentions import find_mentions, mentioned_doc_ids, resolve_links
from pravo.core.errors import StoreError
from pravo.core.settings import Settings

logger = logging.getLogger(__name__)

__all__ = [
    "DENSE_VECTORS_NAME",
    "SENTENCE_VECTORS_NAME",
    "SPARSE_VECTORS_NAME",
    "QdrantStore",
    "chunk_point_id",
    "document_point_id",
    "store_from_settings",
]

#: Named multivector holding one embedding per sentence window of a chunk (MAX_SIM comparator).
SENTENCE_VECTORS_NAME = "sentences-dense"
#: Meta key under which the sentence-window vectors reach the store (see SentenceWindowEmbedder).
SENTENCE_VECTORS_META = "_sentence_vectors"

#: Namespace of pravo's deterministic ids.
PRAVO_NAMESPACE = uuid.UUID("6f1c1d2e-8a53-5b8e-9a4f-3c0d7e2b9a11")
_INDEX_RECORD = "__pravo_index__"

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
    "meta.date": models.PayloadSchemaType.DATETIME,
}

# an embedded store folder is opened by one client per process: share it.
_LOCAL_CLIENTS: dict[str, QdrantClient] = {}
_LOCAL_LOCK = threading.Lock()
#: Links between documents by doc_id (None: not in the store), per embedded store folder, shared
#: like the client. Every search attaches them to its hits, and a record's payload holds the whole
#: document text: reading it took 10 ms of an 80 ms search over nine codes. The folder lock keeps
#: other processes from writing while it is open; a server can be written by anyone, so it is
#: read afresh there.
_LINKS: dict[str, dict[str, dict[str, list[str]] | None]] = {}


def chunk_point_id(chunk_id: str) -> str:
    """Qdrant point id of a chunk: uuid5 of ``doc_id#position`` (qdrant-haystack's ``convert_id``)."""
    return convert_id(chunk_id)


def document_point_id(doc_id: str) -> str:
    """Qdrant point id of a document's record in the documents collection."""
    return str(uuid.uuid5(PRAVO_NAMESPACE, "doc:" + doc_id))


def from_dict_with_store(cls: type, data: dict[str, Any]) -> Any:
    """Build a component whose ``store`` init parameter was serialised with :meth:`QdrantStore.to_dict`."""
    params = {**data["init_parameters"], "store": QdrantStore.from_dict(data["init_parameters"]["store"])}
    return default_from_dict(cls, {**data, "init_parameters": params})


class QdrantStore:
    """
    pravo's access to Qdrant: chunks with dense and sparse vectors, and the documents registry.

    Usage example:
    ```python
    store = QdrantStore(path=".pravo/qdrant", collection="pravo")
    store.ensure_collections(dense_dim=384)
    store.write_chunks(chunks)
    ```
    """

    def __init__(
        self,
        path: str | None = None,
        url: str | None = None,
        api_key: Secret | None = None,
        collection: str = "pravo",
        timeout: int = 60,
        write_batch_size: int = 256,
        engine: str = "edge",
    ) -> None:
        """
        :param path: Folder of the embedded store; used when ``url`` is not set.
        :param url: URL of a Qdrant server or cluster; takes precedence over ``path``.
        :param api_key: API key for the server, as a Secret (never serialised as a value).
        :param collection: Name of the chunk collection; documents live in ``<collection>_documents``.
        :param timeout: Request timeout for a server, in seconds.
        :param write_batch_size: Points per upsert request.
        :param engine: The embedded engine behind ``path``: ``edge`` (Qdrant Edge, in-process Rust) or
            ``local`` (qdrant-client's pure-Python local mode). Ignored with ``url``.
        :raises ValueError: if neither ``path`` nor ``url`` is given, or a value is out of range.
        """
        if not path and not url:
            raise ValueError("QdrantStore needs a path (embedded store) or a url (Qdrant server)")
        if not collection:
            raise ValueError("QdrantStore needs a collection name")
        if write_batch_size < 1:
            raise ValueError(f"write_batch_size must be at least 1, got {write_batch_size}")
        if engine not in ("edge", "local"):
            raise ValueError(f"engine must be 'edge' or 'local', got {engine!r}")
        self.path = path
        self.url = url
        self.api_key = api_key
        self.collection = collection
        self.timeout = timeout
        self.write_batch_size = write_batch_size
        self.engine = engine
        self._client: Any = None

    @property
    def _folder_key(self) -> str:
        """The embedded store's folder, resolved: the key of its shared client and links cache."""
        return str(Path(self.path).resolve())  # type: ignore[arg-type]

    @property
    def documents_collection(self) -> str:
        return f"{self.collection}_documents"

    @property
    def location(self) -> str:
        """Where the data lives, for messages and status: the server URL or the folder."""
        return self.url or str(Path(self.path or "").resolve())

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(
            self,
            path=self.path,
            url=self.url,
            api_key=self.api_key.to_dict() if self.api_key else None,
            collection=self.collection,
            timeout=self.timeout,
            write_batch_size=self.write_batch_size,
            engine=self.engine,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "QdrantStore":
        params = dict(data["init_parameters"])
        deserialize_secrets_inplace(params, keys=["api_key"])
        return default_from_dict(cls, {**data, "init_parameters": params})

    # -- connection ---------------------------------------------------------------------------

    @property
    def client(self) -> Any:
        """The Qdrant client, connected on first use.

        :raises StoreError: if the embedded store is held by another process, or the server is unreachable.
        """
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _connect(self) -> Any:
        if self.url:
            try:
                client = QdrantClient(
                    url=self.url,
                    api_key=self.api_key.resolve_value() if self.api_key else None,
                    timeout=self.timeout,
                )
                client.get_collections()
            except Exception as e:
                raise StoreError(
                    f"cannot reach the Qdrant server at {self.url} ({e}); start it (docker compose up -d qdrant) "
                    "or unset PRAVO_QDRANT_URL to use the embedded store"
                ) from e
            return client
        key = self._folder_key
        with _LOCAL_LOCK:
            client = _LOCAL_CLIENTS.get(key)
            if client is None:
                Path(key).mkdir(parents=True, exist_ok=True)
                try:
                    client = EdgeClient(key) if self.engine == "edge" else QdrantClient(path=key)
                except RuntimeError as e:
                    if "already accessed" in str(e):
                        raise StoreError(
                            f"the embedded store {key} is open in another process (is `pravo serve` running?); "
                            "stop it, or use a Qdrant server (PRAVO_QDRANT_URL) so that several processes can share the index"
                        ) from e
                    raise StoreError(f"cannot open the embedded store {key}: {e}") from e
                _LOCAL_CLIENTS[key] = client
            return client

    def close(self) -> None:
        """Release the client (and, for the embedded store, the folder lock)."""
        if self._client is None:
            return
        if not self.url:
            key = self._folder_key
            with _LOCAL_LOCK:
                if _LOCAL_CLIENTS.get(key) is self._client:
                    del _LOCAL_CLIENTS[key]
                    _LINKS.pop(key, None)
                    self._client.close()
        else:
            self._client.close()
        self._client = None

    # -- collections --------------------------------------------------------------------------

    def exists(self) -> bool:
        """Whether the chunk collection exists (something was indexed)."""
        return self.client.collection_exists(self.collection)

    def ensure_collections(self, dense_dim: int, embedding_model: str | None = None) -> None:
        """Create both collections and the payload indexes if missing; check the dense dimension.

        :raises StoreError: if the existing index was built with another dimension or model.
        """
        client = self.client
        if not client.collection_exists(self.documents_collection):
            client.create_collection(self.documents_collection, vectors_config={})
            self._payload_index(self.documents_collection, "doc_id", models.PayloadSchemaType.KEYWORD)
        if not client.collection_exists(self.collection):
            client.create_collection(
                self.collection,
                vectors_config={
                    DENSE_VECTORS_NAME: models.VectorParams(size=dense_dim, distance=models.Distance.COSINE),
                    SENTENCE_VECTORS_NAME: models.VectorParams(
                        size=dense_dim,
                        distance=models.Distance.COSINE,
                        multivector_config=models.MultiVectorConfig(comparator=models.MultiVectorComparator.MAX_SIM),
                        # scored only among prefetched candidates: no HNSW graph needed
                        hnsw_config=models.HnswConfigDiff(m=0),
                    ),
                },
                sparse_vectors_config={SPARSE_VECTORS_NAME: models.SparseVectorParams(modifier=models.Modifier.IDF)},
            )
            for field, schema in CHUNK_PAYLOAD_INDEXES.items():
                self._payload_index(self.collection, field, schema)
        self.check_schema()
        info = self.index_info()
        if info is None:
            self._put_index_info({"dense_dim": dense_dim, "embedding_model": embedding_model})
            return
        if info.get("dense_dim") != dense_dim or (embedding_model and info.get("embedding_model") != embedding_model):
            raise StoreError(
                f"the index in {self.location} (collection {self.collection!r}) was built with the embedding model "
                f"{info.get('embedding_model')!r} ({info.get('dense_dim')} dimensions), not {embedding_model!r} "
                f"({dense_dim}); run `pravo index --recreate` to rebuild it, or set PRAVO_EMBEDDING_MODEL back"
            )

    def check_schema(self) -> None:
        """Make sure the chunk collection has the vectors this version of pravo writes and queries.

        :raises StoreError: naming what is missing and the fix (an index built by an older pravo).
        """
        if not self.client.collection_exists(self.collection):
            return
        params = self.client.get_collection(self.collection).config.params
        dense = params.vectors if isinstance(params.vectors, dict) else {}
        missing = [name for name in (DENSE_VECTORS_NAME, SENTENCE_VECTORS_NAME) if name not in dense]
        if SPARSE_VECTORS_NAME not in (params.sparse_vectors or {}):
            missing.append(SPARSE_VECTORS_NAME)
        if missing:
            raise StoreError(
                f"the index in {self.location} (collection {self.collection!r}) lacks the vectors {', '.join(missing)}: "
                "it was built by an older version of pravo; run `pravo index --recreate` to rebuild it"
            )

    def _payload_index(self, collection: str, field: str, schema: models.PayloadSchemaType) -> None:
        # only a server gets payload indexes: local mode ignores them (with a warning), and the
        # embedded collections are small enough for Edge to filter without them
        if self.url:
            self.client.create_payload_index(collection, field, schema, wait=True)

    def recreate(self) -> None:
        """Delete both collections (``pravo index --recreate``)."""
        for name in (self.collection, self.documents_collection):
            if self.client.collection_exists(name):
                self.client.delete_collection(name)
        self._documents_changed()

    def index_info(self) -> dict[str, Any] | None:
        """The record describing the index (embedding model, dimension), or None before the first index."""
        if not self.client.collection_exists(self.documents_collection):
            return None
        found = self.client.retrieve(self.documents_collection, [document_point_id(_INDEX_RECORD)], with_payload=True)
        return dict(found[0].payload or {}) if found else None

    def _put_index_info(self, info: dict[str, Any]) -> None:
        payload = {"doc_id": _INDEX_RECORD, "kind": "index", **info}
        self.client.upsert(
            self.documents_collection,
            [models.PointStruct(id=document_point_id(_INDEX_RECORD), vector={}, payload=payload)],
        )

    # -- chunks -------------------------------------------------------------------------------

    def write_chunks(self, chunks: list[Document]) -> int:
        """Upsert chunks (with ``embedding``, ``sparse_embedding`` and sentence-window vectors); same id overwrites."""
        written = 0
        for start in range(0, len(chunks), self.write_batch_size):
            batch = chunks[start : start + self.write_batch_size]
            windows = [doc.meta.get(SENTENCE_VECTORS_META) for doc in batch]
            # The dense vector is set on the point directly: Document.to_dict (dataclasses.asdict)
            # walks a list of floats element by element.
            plain = [
                replace(doc, embedding=None, meta={k: v for k, v in doc.meta.items() if k != SENTENCE_VECTORS_META})
                for doc in batch
            ]
            points = convert_haystack_documents_to_qdrant_points(plain, use_sparse_embeddings=True)
            for point, doc, vectors in zip(points, batch, windows):
                if doc.embedding is not None:
                    point.vector[DENSE_VECTORS_NAME] = list(doc.embedding)  # type: ignore[index]
                if vectors is not None and len(vectors):
                    rows = vectors.tolist() if hasattr(vectors, "tolist") else vectors
                    point.vector[SENTENCE_VECTORS_NAME] = rows  # type: ignore[index]
            self.client.upsert(self.collection, points=points, wait=True)
            written += len(points)
        return written

    def delete_chunks(self, doc_id: str, keep_hash: str | None = None) -> None:
        """Delete a document's chunks; with ``keep_hash``, only those from other versions of it."""
        must: list[models.Condition] = [models.FieldCondition(key="meta.doc_id", match=models.MatchValue(value=doc_id))]
        must_not: list[models.Condition] = []
        if keep_hash is not None:
            must_not.append(models.FieldCondition(key="meta.doc_hash", match=models.MatchValue(value=keep_hash)))
        self.client.delete(
            self.collection,
            points_selector=models.FilterSelector(filter=models.Filter(must=must, must_not=must_not or None)),
            wait=True,
        )

    def count_chunks(self, filters: dict[str, Any] | None = None) -> int:
        if not self.client.collection_exists(self.collection):
            return 0
        return self.client.count(self.collection, count_filter=convert_filters_to_qdrant(filters), exact=True).count

    def chunks(self, filters: dict[str, Any] | None = None, with_vectors: bool = False) -> Iterator[Document]:
        """All chunks matching Haystack-style ``filters``, in no particular order."""
        offset = None
        while True:
            records, offset = self.client.scroll(
                self.collection,
                scroll_filter=convert_filters_to_qdrant(filters),
                limit=512,
                offset=offset,
                with_payload=True,
                with_vectors=with_vectors,
            )
            for record in records:
                yield convert_qdrant_point_to_haystack_document(record, use_sparse_embeddings=True)
            if offset is None:
                return

    def query(self, **kwargs: Any) -> list[Document]:
        """Run a Query API request on the chunk collection; returns Documents with ``score`` set."""
        response = self.client.query_points(self.collection, with_payload=True, **kwargs)
        return [convert_qdrant_point_to_haystack_document(p, use_sparse_embeddings=True) for p in response.points]

    def vectors(self, chunk_ids: list[str]) -> dict[str, dict[str, Any]]:
        """The stored vectors of some chunks by chunk id: ``{DENSE_VECTORS_NAME: [...],
        SENTENCE_VECTORS_NAME: [[...], ...], ...}``."""
        if not chunk_ids:
            return {}
        by_point = {str(uuid.UUID(chunk_point_id(c))): c for c in chunk_ids}
        records = self.client.retrieve(self.collection, list(by_point), with_payload=False, with_vectors=True)
        return {
            by_point[str(uuid.UUID(str(r.id)))]: (r.vector if isinstance(r.vector, dict) else {}) for r in records
        }

    def sentence_vectors(self, chunk_ids: list[str]) -> dict[str, list[list[float]]]:
        """The sentence-window vectors of some chunks (one per window, in window order), by chunk id."""
        found: dict[str, list[list[float]]] = {}
        for chunk_id, vectors in self.vectors(chunk_ids).items():
            windows = vectors.get(SENTENCE_VECTORS_NAME)
            if windows:
                found[chunk_id] = [list(v) for v in windows]
        return found

    def sentence_centroid(self, sample: int = 500) -> list[float] | None:
        """Mean of the sentence-window vectors of up to ``sample`` chunks (in id order, i.e. a fixed
        pseudo-random sample); None when the index holds none.

        A question's cosine with it is its mean cosine with the corpus: the baseline that tells a
        window that matches the question from one that is merely of the same genre.
        """
        total: list[float] | None = None
        count = 0
        offset = None
        seen = 0
        while seen < sample:
            records, offset = self.client.scroll(
                self.collection, limit=min(128, sample - seen), offset=offset, with_payload=False, with_vectors=True
            )
            for record in records:
                seen += 1
                vectors = record.vector if isinstance(record.vector, dict) else {}
                for vector in vectors.get(SENTENCE_VECTORS_NAME) or []:
                    total = list(vector) if total is None else [a + b for a, b in zip(total, vector)]
                    count += 1
            if offset is None:
                break
        return [x / count for x in total] if total is not None and count else None

    # -- documents registry -------------------------------------------------------------------

    def _links_cache(self) -> dict[str, dict[str, list[str]] | None] | None:
        """This embedded folder's cache of document links; None for a server."""
        if self.url:
            return None
        with _LOCAL_LOCK:
            return _LINKS.setdefault(self._folder_key, {})

    def _documents_changed(self) -> None:
        """Drop the links cache; called after every registry write, so that a search running
        between the drop and the write cannot cache the old links again."""
        if not self.url:
            with _LOCAL_LOCK:
                _LINKS.pop(self._folder_key, None)

    def put_documents(self, records: Iterable[dict[str, Any]]) -> None:
        """Upsert document records; each needs ``doc_id``."""
        points = [
            models.PointStruct(id=document_point_id(r["doc_id"]), vector={}, payload={"kind": "document", **r})
            for r in records
        ]
        for start in range(0, len(points), 64):
            self.client.upsert(self.documents_collection, points[start : start + 64], wait=True)
        self._documents_changed()

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        """Remove documents: their chunks and their records."""
        ids = list(doc_ids)
        for doc_id in ids:
            self.delete_chunks(doc_id)
        if ids:
            self.client.delete(
                self.documents_collection,
                points_selector=models.PointIdsList(points=[document_point_id(d) for d in ids]),
                wait=True,
            )
            self._documents_changed()

    def documents(self, with_text: bool = False) -> dict[str, dict[str, Any]]:
        """All document records by ``doc_id`` (without their text unless asked)."""
        if not self.client.collection_exists(self.documents_collection):
            return {}
        selector: Any = True if with_text else models.PayloadSelectorExclude(exclude=["text"])
        found: dict[str, dict[str, Any]] = {}
        offset = None
        while True:
            records, offset = self.client.scroll(
                self.documents_collection,
                scroll_filter=models.Filter(must=[models.FieldCondition(key="kind", match=models.MatchValue(value="document"))]),
                limit=256,
                offset=offset,
                with_payload=selector,
            )
            for record in records:
                payload = dict(record.payload or {})
                found[payload["doc_id"]] = payload
            if offset is None:
                return found

    def document(self, doc_id: str, with_text: bool = True) -> dict[str, Any] | None:
        """One document's record (with its text unless asked not to), or None."""
        if not self.client.collection_exists(self.documents_collection):
            return None
        selector: Any = True if with_text else models.PayloadSelectorExclude(exclude=["text"])
        found = self.client.retrieve(self.documents_collection, [document_point_id(doc_id)], with_payload=selector)
        if not found or (found[0].payload or {}).get("kind") != "document":
            return None
        return dict(found[0].payload or {})

    # -- links between documents (mentions) -----------------------------------------------------

    def refresh_links(self) -> int:
        """Recompute which documents mention which acts, from all registry records.

        Each record keeps its ``mentions`` (found in its text, re-read only when the document changed:
        ``mentions_version`` is its content hash and fingerprint) with ``resolved_doc_id`` set, and
        ``mentioned_by``: the doc_ids whose mentions resolve to it. Recomputed whole after each index
        run, so an act indexed after the news about it gets linked and a removed document's links go.

        :returns: how many records changed.
        """
        records = self.documents()
        if not records:
            return 0
        mentions_by_doc: dict[str, list[dict[str, Any]]] = {}
        for doc_id, record in records.items():
            version = _mentions_version(record)
            if record.get("mentions_version") == version and isinstance(record.get("mentions"), list):
                mentions_by_doc[doc_id] = [
                    {k: v for k, v in m.items() if k != "resolved_doc_id"} for m in record["mentions"]
                ]
                continue
            full = self.document(doc_id) or {}
            found = find_mentions(full.get("text") or "", own_date=record.get("date"))
            mentions_by_doc[doc_id] = [m.to_dict() for m in found]
        resolved, mentioned_by = resolve_links(mentions_by_doc, records)
        updates: dict[str, dict[str, Any]] = {}
        for doc_id, record in records.items():
            fields = {
                "mentions": resolved.get(doc_id, []),
                "mentioned_by": mentioned_by.get(doc_id, []),
                "mentions_version": _mentions_version(record),
            }
            if any(record.get(k) != v for k, v in fields.items()):
                updates[doc_id] = fields
        self._update_documents(updates)
        if updates:
            logger.info("Links between documents updated in %(n)d records", {"n": len(updates)})
        return len(updates)

    def _update_documents(self, updates: dict[str, dict[str, Any]]) -> None:
        """Merge fields into existing document records (re-upserting the whole payload)."""
        for doc_id, fields in updates.items():
            found = self.client.retrieve(self.documents_collection, [document_point_id(doc_id)], with_payload=True)
            if not found:
                continue
            payload = {**(found[0].payload or {}), **fields}
            self.client.upsert(
                self.documents_collection,
                [models.PointStruct(id=document_point_id(doc_id), vector={}, payload=payload)],
                wait=True,
            )
        self._documents_changed()

    def document_links(self, doc_ids: Iterable[str]) -> dict[str, dict[str, list[str]]]:
        """For some documents, in at most one request: the doc_ids each mentions and the doc_ids mentioning it.

        :returns: ``{doc_id: {"mentions": [...], "mentioned_by": [...]}}`` for the documents found.
        """
        ids = list(dict.fromkeys(doc_ids))
        if not ids or not self.client.collection_exists(self.documents_collection):
            return {}
        cache = self._links_cache()
        known: dict[str, dict[str, list[str]] | None] = cache if cache is not None else {}
        missing = [d for d in ids if d not in known]
        if missing:
            records = self.client.retrieve(
                self.documents_collection,
                [document_point_id(d) for d in missing],
                with_payload=models.PayloadSelectorInclude(include=["doc_id", "mentions", "mentioned_by"]),
            )
            fetched: dict[str, dict[str, list[str]] | None] = dict.fromkeys(missing)
            for record in records:
                payload = record.payload or {}
                if payload.get("doc_id") in fetched:
                    fetched[payload["doc_id"]] = {
                        "mentions": mentioned_doc_ids(payload.get("mentions")),
                        "mentioned_by": list(payload.get("mentioned_by") or []),
                    }
            known.update(fetched)
        return {d: {k: list(v) for k, v in links.items()} for d in ids if (links := known.get(d)) is not None}


def _mentions_version(record: dict[str, Any]) -> str:
    """Which version of a document its stored mentions were found in."""
    return f"{record.get('content_hash')}-{record.get('fingerprint')}"


def store_from_settings(settings: Settings) -> QdrantStore:
    """The store the settings point at: a server when ``PRAVO_QDRANT_URL`` is set, else the embedded
    store in ``<data_dir>/edge`` (Qdrant Edge) or ``<data_dir>/qdrant`` (qdrant-client local mode)."""
    api_key = Secret.from_env_var("PRAVO_QDRANT_API_KEY", strict=False) if settings.qdrant_api_key else None
    if settings.qdrant_url:
        return QdrantStore(url=settings.qdrant_url, api_key=api_key, collection=settings.collection)
    folder = "edge" if settings.embedded_engine == "edge" else "qdrant"
    return QdrantStore(path=str(settings.data_dir / folder), collection=settings.collection, engine=settings.embedded_engine)
