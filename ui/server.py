"""``pravo serve``: the UI and the REST API in one process, safe by default.

Binds 127.0.0.1 unless told otherwise; any other address needs ``PRAVO_API_KEY`` (checked on the
API and the UI) or ``--insecure-no-api-key``. The models load and the store opens before the port
is announced, and ``<PRAVO_DATA_DIR>/serve.json`` says where the server is, so that ``pravo index``
can index through it (``ui/client.py``); the file goes when the server stops.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import signal
import socket
import sys
from pathlib import Path

from pravo.core.errors import ConfigurationError
from pravo.core.settings import Settings
from pravo.ui.client import serve_file

logger = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, api_key: str | None, insecure: bool) -> None:
    """Refuse to serve beyond this machine without an API key, unless told so explicitly.

    :raises ConfigurationError: naming both ways out.
    """
    if is_loopback(host) or api_key or insecure:
        return
    raise ConfigurationError(
        f"--host {host} makes the index and its indexing endpoint reachable from other machines; set PRAVO_API_KEY "
        "(required on the API and the UI), or pass --insecure-no-api-key to serve without one"
    )


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as e:
        sock.close()
        raise ConfigurationError(f"cannot listen on {host}:{port}: {e.strerror or e}; choose another --port") from e
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def serve(settings: Settings, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, insecure_no_api_key: bool = False) -> None:
    """Load the models, open the store, and serve until interrupted.

    :raises ConfigurationError: if the address is exposed without a key, or the port is taken.
    :raises StoreError: if the store is held by another process or unreachable.
    """
    api_key = settings.api_key.get_secret_value() if settings.api_key else None
    check_exposure(host, api_key, insecure_no_api_key)
    if not is_loopback(host) and not api_key:
        print(f"pravo: warning: serving on {host} without an API key: anyone who reaches this port can read and index", file=sys.stderr)
    sock = _listen(host, port)  # a taken port fails now, before the models load

    import uvicorn

    from pravo.ui.app import create_app
    from pravo.ui.service import PravoService

    service = PravoService(settings)
    try:
        service.status()  # opens the store now: a held store fails here with the message saying what to do
        service.warm_up()
        actual_port = sock.getsockname()[1]
        shown_host = f"[{host}]" if ":" in host else host
        url = f"http://{shown_host}:{actual_port}"
        app = create_app(service, api_key=api_key)
        config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=5)
        server = uvicorn.Server(config)
        record = serve_file(settings)
        if not settings.qdrant_url:
            record.parent.mkdir(parents=True, exist_ok=True)
            record.write_text(
                json.dumps({"url": url, "pid": os.getpid(), "collection": settings.collection,
                            "data_dir": str(Path(settings.data_dir).resolve())}),
                encoding="utf-8",
            )
        print(f"pravo serve: {url}/ (UI), {url}/docs (REST API); Ctrl+C stops", flush=True)
        # uvicorn shuts down gracefully on SIGTERM, then raises the signal again: exit through our cleanup
        previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
        try:
            server.run(sockets=[sock])
        finally:
            signal.signal(signal.SIGTERM, previous)
            _remove_record(record)
    finally:
        sock.close()
        service.close()


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _remove_record(record: Path) -> None:
    try:
        if json.loads(record.read_text(encoding="utf-8")).get("pid") == os.getpid():
            record.unlink()
    except (OSError, ValueError):
        pass
