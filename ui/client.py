"""Finding a running ``pravo serve`` for a data dir and indexing through it (``pravo index`` uses this).

The embedded store is opened by one process at a time. While ``pravo serve`` holds it, it keeps
``<PRAVO_DATA_DIR>/serve.json`` (URL, pid, collection); ``pravo index`` reads it and sends the
paths to the server's ``POST /api/index`` instead of failing on the lock. Standard library only,
so the command line does not import the web stack.
"""

from __future__ import annotations

import json
import logging
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from pravo.core.errors import ConfigurationError, StoreError
from pravo.core.settings import Settings

logger = logging.getLogger(__name__)

SERVE_FILE = "serve.json"
HEALTH_TIMEOUT = 10.0


def serve_file(settings: Settings) -> Path:
    return settings.data_dir / SERVE_FILE


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def running_server(settings: Settings) -> dict[str, Any] | None:
    """The record of a live ``pravo serve`` holding this data dir's embedded store, or None.

    None with a Qdrant server (``PRAVO_QDRANT_URL``): then both can run at once. A record left by a
    server that died is ignored.
    """
    if settings.qdrant_url:
        return None
    path = serve_file(settings)
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        pid = int(info["pid"])
        str(info["url"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not _alive(pid):
        logger.info("Ignoring %(path)s: process %(pid)d is gone", {"path": str(path), "pid": pid})
        return None
    return info


def _request(method: str, url: str, api_key: str | None, body: dict[str, Any] | None = None,
             timeout: float | None = None) -> dict[str, Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if api_key:
        request.add_header("X-API-Key", api_key)
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (our own loopback URL)
        return json.loads(response.read().decode("utf-8"))


def _error_of(e: urllib.error.HTTPError) -> str:
    try:
        return json.loads(e.read().decode("utf-8")).get("error") or str(e)
    except (ValueError, OSError, AttributeError):
        return str(e)


def index_through_server(info: dict[str, Any], settings: Settings, paths: list[Path], recreate: bool) -> dict[str, Any]:
    """Index ``paths`` (made absolute) in the running server; returns its IndexResponse JSON.

    :raises ConfigurationError: for a path the server refuses, a missing or wrong API key, or a server
        holding another collection.
    :raises StoreError: if the server does not answer.
    """
    url = str(info["url"]).rstrip("/")
    if info.get("collection") not in (None, settings.collection):
        raise ConfigurationError(
            f"`pravo serve` (pid {info['pid']}, {url}) holds the embedded store in {settings.data_dir} with the collection "
            f"{info.get('collection')!r}, not {settings.collection!r}; stop it first, or index with the same PRAVO_COLLECTION"
        )
    api_key = settings.api_key.get_secret_value() if settings.api_key else None
    try:
        _request("GET", f"{url}/api/health", api_key, timeout=HEALTH_TIMEOUT)
    except urllib.error.HTTPError as e:
        if e.code == 401:
            raise ConfigurationError(
                f"`pravo serve` at {url} holds the index and needs its API key: set PRAVO_API_KEY as for the server"
            ) from e
        raise StoreError(f"`pravo serve` at {url} holds the index but answered {e.code}: {_error_of(e)}") from e
    except (urllib.error.URLError, OSError) as e:
        raise StoreError(
            f"`pravo serve` (pid {info['pid']}) holds the embedded store in {settings.data_dir} but does not answer at {url} "
            f"({getattr(e, 'reason', e)}); wait until it has started, or stop it and run `pravo index` again"
        ) from e
    body = {"paths": [str(p.resolve()) for p in paths], "recreate": recreate}
    try:
        return _request("POST", f"{url}/api/index", api_key, body=body, timeout=None)
    except urllib.error.HTTPError as e:
        message = _error_of(e)
        if 400 <= e.code < 500:
            raise ConfigurationError(message) from e
        raise StoreError(f"`pravo serve` at {url} could not index: {message}") from e
    except (urllib.error.URLError, OSError) as e:
        raise StoreError(f"lost `pravo serve` at {url} while indexing ({getattr(e, 'reason', e)}); run `pravo index` again") from e
