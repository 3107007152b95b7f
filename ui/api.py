"""The REST API (``../shared/design/interface.md``): search, ask, documents, health, indexing.

Bodies are the contract's JSON shapes (HIT, ANSWER). Every error is ``{"error": "...", "field":
...}``: 4xx for what the client got wrong (naming the field), 503 when the index is empty or
unreachable, 500 (logged, no details) for a bug. Bodies are bounded: JSON requests by
``MAX_JSON_BYTES``, uploads by ``PRAVO_MAX_UPLOAD_BYTES``.
"""

from __future__ import annotations

import hmac
import logging
from pathlib import Path
from typing import Any, Awaitable, Callable

from fastapi import APIRouter, Depends, FastAPI, File, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pravo.core.errors import ConfigurationError, PravoError, QueryError, StoreError
from pravo.qa.answers import Answer
from pravo.qa.hits import MAX_QUERY_CHARS, Hit, SearchFilters
from pravo.qa.search import MAX_TOP_K
from pravo.ui.service import PravoService

logger = logging.getLogger(__name__)

#: Largest JSON request body; a query is at most MAX_QUERY_CHARS characters.
MAX_JSON_BYTES = 64 * 1024
#: Most paths one indexing request names.
MAX_INDEX_PATHS = 100


# -- request and response bodies ---------------------------------------------------------------


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(max_length=MAX_QUERY_CHARS * 2, description="Words or a question in Russian")
    top_k: int = Field(10, ge=1, le=MAX_TOP_K)
    filters: SearchFilters | None = None


class SearchResponse(BaseModel):
    query: str
    hits: list[Hit]


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(max_length=MAX_QUERY_CHARS * 2)
    filters: SearchFilters | None = None


class IndexRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    paths: list[str] = Field(min_length=1, max_length=MAX_INDEX_PATHS, description="Files and folders on the server")
    recreate: bool = False


class FailedFile(BaseModel):
    path: str
    reason: str


class IndexResponse(BaseModel):
    new: int
    updated: int
    unchanged: int
    removed: int
    failed: list[FailedFile]
    chunks: int
    seconds: float
    summary: str = Field(description="The line `pravo index` prints")


class ErrorResponse(BaseModel):
    error: str
    field: str | None = None


def _report(report: Any) -> IndexResponse:
    return IndexResponse(
        new=report.new, updated=report.updated, unchanged=report.unchanged, removed=report.removed,
        failed=[FailedFile(path=p, reason=r) for p, r in report.failed], chunks=report.chunks,
        seconds=round(report.seconds, 3), summary=report.summary(),
    )


def error(status: int, message: str, field: str | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "field": field}, status_code=status)


# -- request size bound ------------------------------------------------------------------------


class BodyLimit:
    """ASGI middleware: refuse API request bodies over a limit with 413, before or while reading them."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int | None]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.limit_for(scope.get("path", "")) if scope["type"] == "http" else None
        if limit is None:
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        too_large = error(413, f"the request body is larger than {limit} bytes", "body")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await too_large(scope, receive, send)
            return
        if declared is not None:  # the server holds the client to its declared length
            await self.app(scope, receive, send)
            return
        # no Content-Length (chunked): read up to the limit first, then hand the body on
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunks.append(message.get("body", b""))
            seen += len(chunks[-1])
            if seen > limit:
                await too_large(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


# -- the API -----------------------------------------------------------------------------------


def api_key_dependency(api_key: str | None) -> Callable[[Request], Awaitable[None]]:
    """A dependency that requires ``X-API-Key: KEY`` or ``Authorization: Bearer KEY`` when a key is set."""

    async def check(request: Request) -> None:
        if not api_key:
            return
        given = request.headers.get("x-api-key") or ""
        auth = request.headers.get("authorization") or ""
        if not given and auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        if not hmac.compare_digest(given.encode(), api_key.encode()):
            raise _Unauthorized()

    return check


class _Unauthorized(Exception):
    pass


def build_router(service: PravoService, api_key: str | None) -> APIRouter:
    router = APIRouter(prefix="/api", dependencies=[Depends(api_key_dependency(api_key))])
    responses: dict[int | str, dict[str, Any]] = {400: {"model": ErrorResponse}, 422: {"model": ErrorResponse}}

    @router.post("/search", response_model=SearchResponse, responses=responses, summary="Hybrid search")
    def search(body: SearchRequest) -> SearchResponse:
        hits = service.search(body.query, top_k=body.top_k, filters=body.filters)
        return SearchResponse(query=body.query, hits=hits)

    @router.post("/ask", response_model=Answer, responses=responses, summary="Answer with citations")
    def ask(body: AskRequest) -> Answer:
        return service.ask(body.question, filters=body.filters)

    @router.get("/documents", summary="Indexed documents with their requisites")
    def documents() -> dict[str, Any]:
        docs = service.documents()
        return {"count": len(docs), "documents": docs}

    @router.get("/documents/{doc_id:path}", responses={404: {"model": ErrorResponse}}, summary="One document: text and requisites")
    def document(doc_id: str) -> Any:
        found = service.document(doc_id)
        if found is None:
            return error(404, f"no document with id {doc_id!r} in the index", "doc_id")
        return found

    @router.get("/health", summary="Status, counts, model, store")
    def health() -> dict[str, Any]:
        return service.status()

    @router.post("/index", response_model=IndexResponse, responses=responses, summary="Index files and folders on the server")
    def index(body: IndexRequest) -> IndexResponse:
        return _report(service.index([Path(p) for p in body.paths], recreate=body.recreate))

    @router.post("/index/upload", response_model=IndexResponse, responses=responses, summary="Upload files and index them")
    def upload(files: list[UploadFile] = File(...)) -> IndexResponse:
        for f in files:
            service.save_upload(f.filename or "", f.file.read(service.settings.max_upload_bytes + 1))
        return _report(service.index([service.uploads_dir]))

    return router


def _field(loc: tuple[Any, ...] | list[Any]) -> str | None:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):  # where the value came from, not its name
        parts = parts[1:]
    return ".".join(parts) or None


def create_api(service: PravoService, api_key: str | None = None) -> FastAPI:
    """The FastAPI app with the REST API under ``/api``, OpenAPI docs at ``/docs``.

    :param service: What the endpoints call.
    :param api_key: Required on every ``/api`` request when set.
    """
    app = FastAPI(
        title="pravo",
        description="Search and question answering over Russian legal documents and news, with citations.",
        version="0.1.0",
    )
    app.include_router(build_router(service, api_key))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        err = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        field = _field(err.get("loc", ()))
        msg = err.get("msg", "invalid value")
        if err.get("type") == "json_invalid":
            return error(400, f"the body is not valid JSON: {msg}", "body")
        return error(422, f"{field}: {msg}" if field else msg, field or "body")

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> JSONResponse:
        return error(400, str(exc), exc.field)

    @app.exception_handler(ConfigurationError)
    async def bad_input(request: Request, exc: ConfigurationError) -> JSONResponse:
        return error(400, str(exc), "paths" if request.url.path.endswith("/index") else "files")

    @app.exception_handler(StoreError)
    async def store_unavailable(request: Request, exc: StoreError) -> JSONResponse:
        return error(503, str(exc))

    @app.exception_handler(PravoError)
    async def failed(request: Request, exc: PravoError) -> JSONResponse:
        return error(500, str(exc))

    @app.exception_handler(_Unauthorized)
    async def unauthorized(request: Request, exc: _Unauthorized) -> JSONResponse:
        response = error(401, "a valid API key is required: send the header X-API-Key (or Authorization: Bearer)", "api_key")
        response.headers["WWW-Authenticate"] = "Bearer"
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> JSONResponse:
        logger.error("Unexpected error on %(path)s", {"path": request.url.path}, exc_info=exc)
        return error(500, f"internal error ({type(exc).__name__}); see the server log")

    upload_limit = service.settings.max_upload_bytes * 4 + 64 * 1024  # several files per request

    def limit_for(path: str) -> int | None:
        if path.startswith("/api/index/upload"):
            return upload_limit
        if path.startswith("/api/"):
            return MAX_JSON_BYTES
        return None

    app.add_middleware(BodyLimit, limit_for=limit_for)
    return app
