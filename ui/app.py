"""One ASGI app for ``pravo serve``: the REST API under ``/api`` and the Gradio UI at ``/``."""

from __future__ import annotations

import hmac
import os

from fastapi import FastAPI

from pravo.ui.api import create_api
from pravo.ui.service import PravoService

# no telemetry or update checks from a server that must work offline
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


def create_app(service: PravoService, api_key: str | None = None) -> FastAPI:
    """The API (key required when ``api_key`` is set) with the UI mounted at ``/`` (login with the key).

    :param service: The one service every request uses.
    :param api_key: ``PRAVO_API_KEY``: required as ``X-API-Key``/Bearer on the API and as the
        password of the UI's login page.
    """
    import gradio as gr

    from pravo.ui.web import CSS, build_ui, theme

    app = create_api(service, api_key=api_key)
    auth = None
    if api_key:
        def auth(username: str, password: str) -> bool:
            return hmac.compare_digest((password or "").encode(), api_key.encode())

    return gr.mount_gradio_app(
        app,
        build_ui(service),
        path="/",
        auth=auth,
        auth_message="Введите ключ доступа (PRAVO_API_KEY) в поле пароля; имя пользователя любое.",
        footer_links=[],
        run_history=False,
        show_error=False,
        max_file_size=service.settings.max_upload_bytes,
        theme=theme(),
        css=CSS,
    )
