"""What ``pravo serve`` holds for its lifetime: one store, one Searcher, one Answerer, one lock.

The REST API and the Gradio UI both call this object, so the models load once per process and
the embedded store (one process, one open client) is shared by every request. Queries and
indexing take the same lock: the embedded engine is not documented as safe for concurrent use
from several threads, and an index run must not interleave with a search reading half-written
records. On 2 cores the embedding model keeps both cores busy anyway, so little is lost.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any, Callable

from pydantic import ValidationError

from pravo.indexer.discovery import SUPPORTED_SUFFIXES
from pravo.core.store import ChunkIndex, DocumentRegistry, store_from_settings
from pravo.indexer.runner import IndexReport, index_paths
from pravo.core.store import QdrantStore
from pravo.core.errors import ConfigurationError, QueryError
from pravo.core.settings import Settings
from pravo.qa.answers import Answer
from pravo.qa.ask import Answerer
from pravo.qa.hits import Hit, SearchFilters
from pravo.qa.search import Searcher

logger = logging.getLogger(__name__)

#: The requisites of a document the API and the UI show (no server paths, no bookkeeping).
PUBLIC_FIELDS = (
    "doc_id", "title", "source", "doc_type", "number", "date", "issuer", "jurisdiction", "url",
    "n_chunks", "indexed_at", "mentioned_by",
)
#: Seconds a status request waits for a running index batch before answering from its last figures.
STATUS_WAIT = 2.0
#: Folder (under the data dir) where uploaded files are kept and indexed from.
UPLOADS = "uploads"


def parse_filters(raw: dict[str, Any] | None) -> SearchFilters | None:
    """Filters from form or JSON values (blank values dropped), or None when none is set.

    :raises QueryError: naming the filter and what is wrong with its value.
    """
    values = {k: v for k, v in (raw or {}).items() if v is not None and not (isinstance(v, str) and not v.strip())}
    if not values:
        return None
    try:
        return SearchFilters(**values)
    except ValidationError as e:
        err = e.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else "filters"
        raise QueryError(f"{field} {values.get(field, '')!r}: {err['msg']}", field=field) from e


def public_record(record: dict[str, Any]) -> dict[str, Any]:
    """A registry record reduced to what users see; ``mentions`` as the doc_ids mentioned."""
    out = {k: record.get(k) for k in PUBLIC_FIELDS}
    out["mentioned_by"] = list(record.get("mentioned_by") or [])
    out["mentions"] = sorted({m["resolved_doc_id"] for m in record.get("mentions") or [] if m.get("resolved_doc_id")})
    return out


def safe_doc_id(doc_id: str) -> bool:
    """Whether ``doc_id`` looks like an id pravo gives (relative, ``/``-separated, no ``..``)."""
    if not doc_id or len(doc_id) > 1000 or doc_id.startswith(("/", "\\")) or "\x00" in doc_id:
        return False
    return ".." not in doc_id.replace("\\", "/").split("/")


class PravoService:
    """
    Search, answers, documents and indexing for one ``pravo serve`` process.

    Usage example:
    ```python
    service = PravoService(load_settings())
    service.warm_up()
    hits = service.search("постановление № 443", top_k=5)
    answer = service.ask("Какое постановление одобрило программу «Интелавто»?")
    service.close()
    ```
    """

    def __init__(self, settings: Settings, store: QdrantStore | None = None) -> None:
        self.settings = settings
        self.store = store or store_from_settings(settings)
        self.searcher = Searcher(settings, store=self.store)
        self.answerer = Answerer(settings, store=self.store)
        self.lock = threading.RLock()
        self.indexing = False
        self._last_status: dict[str, Any] = {}

    def warm_up(self) -> None:
        """Load the query model (shared by both pipelines) before the first request."""
        self.searcher.warm_up()
        self.answerer.warm_up()

    def close(self) -> None:
        self.store.close()

    # -- queries ------------------------------------------------------------------------------

    def search(self, query: str, top_k: int = 10, filters: SearchFilters | None = None) -> list[Hit]:
        """:raises QueryError: on an unusable query; :raises StoreError: if nothing is indexed."""
        with self.lock:
            return self.searcher.search(query, top_k=top_k, filters=filters)

    def ask(self, question: str, filters: SearchFilters | None = None) -> Answer:
        """:raises QueryError: on an unusable question; :raises StoreError: if nothing is indexed."""
        with self.lock:
            return self.answerer.ask(question, filters=filters)

    def documents(self) -> list[dict[str, Any]]:
        """Every indexed document's requisites, ordered by doc_id."""
        with self.lock:
            records = DocumentRegistry(self.store).documents()
        return [public_record(records[d]) for d in sorted(records)]

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document's requisites and text, or None (also for ids no indexing could give)."""
        if not safe_doc_id(doc_id):
            return None
        with self.lock:
            record = DocumentRegistry(self.store).document(doc_id)
        if record is None:
            return None
        return {**public_record(record), "text": record.get("text") or "", "pages": record.get("pages")}

    def status(self) -> dict[str, Any]:
        """Index status: documents, chunks, last indexed, model, store; the last figures while indexing."""
        if not self.lock.acquire(timeout=STATUS_WAIT):
            return {**self._last_status, "status": "indexing", "indexing": True}
        try:
            records, info = DocumentRegistry(self.store).load()
            info = info or {}
            status = {
                "status": "ok",
                "indexing": self.indexing,
                "documents": len(records),
                "chunks": ChunkIndex(self.store).count(),
                "last_indexed": max((r.get("indexed_at") or "" for r in records.values()), default="") or None,
                "embedding_model": info.get("embedding_model") or self.settings.embedding_model,
                "store": self.store.location,
                "engine": "server" if self.settings.qdrant_url else self.settings.embedded_engine,
            }
        finally:
            self.lock.release()
        self._last_status = status
        return status

    # -- indexing -----------------------------------------------------------------------------

    def index(
        self, paths: list[Path], recreate: bool = False, on_batch: Callable[[int, int], None] | None = None
    ) -> IndexReport:
        """Index files and folders on this machine, holding the store for the run.

        :raises ConfigurationError: if a path does not exist; :raises StoreError: as ``pravo index``.
        """
        with self.lock:
            self.indexing = True
            started = time.perf_counter()
            try:
                report = index_paths(paths, self.settings, recreate=recreate, store=self.store, on_batch=on_batch)
            finally:
                self.indexing = False
        logger.info("Indexed %(paths)s in %(s).1f s: %(summary)s",
                    {"paths": [str(p) for p in paths], "s": time.perf_counter() - started, "summary": report.summary()})
        return report

    @property
    def uploads_dir(self) -> Path:
        return self.settings.data_dir / UPLOADS

    def save_upload(self, name: str, data: bytes) -> Path:
        """Keep an uploaded file in the uploads folder under its base name; returns its path.

        :raises ConfigurationError: if the name is unusable or the file too large.
        """
        base = Path(name.replace("\\", "/")).name
        if not base or base.startswith(".") or Path(base).suffix.lower() not in SUPPORTED_SUFFIXES:
            raise ConfigurationError(
                f"cannot index {name!r}: expected a file named *.{', *.'.join(s.lstrip('.') for s in sorted(SUPPORTED_SUFFIXES))}"
            )
        if len(data) > self.settings.max_upload_bytes:
            raise ConfigurationError(f"{base} is {len(data)} bytes; the limit is {self.settings.max_upload_bytes} (PRAVO_MAX_UPLOAD_BYTES)")
        self.uploads_dir.mkdir(parents=True, exist_ok=True)
        target = self.uploads_dir / base
        target.write_bytes(data)
        return target
