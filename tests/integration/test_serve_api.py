"""The REST API of `pravo serve` (FastAPI's TestClient): contract shapes, errors naming the field,
no path traversal, the API key on the API and the UI, bounded bodies, indexing through the API."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from pravo.ui.api import MAX_JSON_BYTES, create_api
from pravo.ui.app import create_app
from pravo.ui.service import PravoService

HIT_KEYS = {"doc_id", "chunk_id", "title", "source", "doc_type", "number", "date", "issuer", "article", "point", "text", "score"}
CITATION_KEYS = {"n", "doc_id", "label", "title", "article", "point", "quote", "start", "end"}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """One service over an index of the fixture corpus, shared by the read-only tests here."""
    import shutil

    from pravo.core.settings import load_settings
    from tests.conftest import FIXTURES, minilm_path

    root = tmp_path_factory.mktemp("api")
    shutil.copytree(FIXTURES / "corpus", root / "corpus")
    settings = load_settings(data_dir=root / "data", embedding_model=minilm_path(), model_cache_dir=root / "models",
                             answer_min_support=0.0)
    service = PravoService(settings)
    service.index([root / "corpus"])
    yield service
    service.close()


@pytest.fixture(scope="module")
def client(service):
    return TestClient(create_api(service), raise_server_exceptions=False)


def test_search_returns_the_contract_shape(client):
    response = client.post("/api/search", json={"query": "постановление № 443", "top_k": 3})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "постановление № 443" and len(body["hits"]) == 3
    assert all(HIT_KEYS <= set(hit) for hit in body["hits"])
    assert body["hits"][0]["doc_id"] == "acts/p443" and body["hits"][0]["number"] == "443"


def test_search_filters_apply(client):
    response = client.post("/api/search", json={"query": "Интелавто", "filters": {"source": "news"}})
    assert response.status_code == 200
    assert {hit["doc_id"] for hit in response.json()["hits"]} == {"news/intelavto"}


def test_ask_returns_an_answer_whose_quotes_are_the_document_text(client):
    response = client.post("/api/ask", json={"question": "Какое постановление одобрило программу Интелавто?"})
    assert response.status_code == 200
    answer = response.json()
    assert {"question", "answer", "citations", "hits", "abstained"} <= set(answer)
    assert not answer["abstained"] and answer["citations"] and "[1]" in answer["answer"]
    for citation in answer["citations"]:
        assert CITATION_KEYS <= set(citation)
        document = client.get(f"/api/documents/{citation['doc_id']}").json()
        assert document["text"][citation["start"] : citation["end"]] == citation["quote"]


def test_documents_list_requisites_without_server_paths(client):
    body = client.get("/api/documents").json()
    assert body["count"] == 3
    by_id = {d["doc_id"]: d for d in body["documents"]}
    assert set(by_id) == {"acts/p443", "codes/tk_excerpt", "news/intelavto"}
    decree = by_id["acts/p443"]
    assert (decree["doc_type"], decree["number"], decree["date"], decree["source"]) == ("постановление", "443", "2022-07-04", "act")
    assert "news/intelavto" in decree["mentioned_by"]
    assert not {"file_path", "root", "text"} & set(decree)


def test_one_document_by_an_id_with_slashes(client):
    response = client.get("/api/documents/acts/p443")
    assert response.status_code == 200
    body = response.json()
    assert body["doc_id"] == "acts/p443" and "Интелавто" in body["text"] and body["n_chunks"] >= 1


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents/..%2F..%2Fetc%2Fpasswd",
        "/api/documents/acts%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/documents/%2Fetc%2Fpasswd",
        "/api/documents/no/such/doc",
    ],
)
def test_unknown_or_escaping_document_ids_are_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["field"] == "doc_id" and "no document" in response.json()["error"]


def test_a_literal_dot_dot_path_is_404_too(client):
    # clients normalise «..» away; whatever reaches the server is not found, and no file is read
    response = client.get("/api/documents/../../etc/passwd")
    assert response.status_code == 404
    assert "root:" not in response.text


@pytest.mark.parametrize(
    "body, status, field",
    [
        ({}, 422, "query"),
        ({"query": "отпуск", "top_k": 0}, 422, "top_k"),
        ({"query": "отпуск", "top_k": "много"}, 422, "top_k"),
        ({"query": "отпуск", "filters": {"date_from": "4 июля"}}, 422, "filters.date_from"),
        ({"query": "отпуск", "filters": {"source": "blog"}}, 422, "filters.source"),
        ({"query": "отпуск", "filters": {"colour": "red"}}, 422, "filters.colour"),
        ({"query": "отпуск", "unknown": 1}, 422, "unknown"),
        ({"query": "   "}, 400, "query"),
        ({"query": "?!"}, 400, "query"),
    ],
)
def test_malformed_search_requests_get_4xx_naming_the_field(client, body, status, field):
    response = client.post("/api/search", json=body)
    assert response.status_code == status
    error = response.json()
    assert set(error) == {"error", "field"} and error["field"] == field and error["error"]


def test_ask_errors_name_the_question(client):
    response = client.post("/api/ask", json={"question": ""})
    assert response.status_code == 400 and response.json()["field"] == "question"
    response = client.post("/api/ask", json={"q": "x"})
    assert response.status_code == 422 and response.json()["field"] in {"question", "q"}


def test_invalid_json_is_400(client):
    response = client.post("/api/search", content=b'{"query": ', headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["field"] == "body"


def test_request_bodies_are_bounded(client):
    big = json.dumps({"query": "а" * (MAX_JSON_BYTES + 1)})
    response = client.post("/api/search", content=big.encode(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and response.json()["field"] == "body"

    def chunks():  # no Content-Length: counted while read
        for _ in range(20):
            yield b"a" * (MAX_JSON_BYTES // 10)

    response = client.post("/api/search", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_health_reports_counts_model_and_store(client, service):
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["documents"] == 3 and body["chunks"] >= 3
    assert body["embedding_model"] == service.settings.embedding_model
    assert body["store"].endswith("edge") and body["last_indexed"]


def test_openapi_docs_are_served(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/search", "/api/ask", "/api/documents", "/api/documents/{doc_id}", "/api/health", "/api/index"} <= set(paths)


def test_the_api_key_is_required_on_the_api_and_the_ui(service):
    client = TestClient(create_app(service, api_key="s3cret"), raise_server_exceptions=False)
    denied = client.post("/api/search", json={"query": "отпуск"})
    assert denied.status_code == 401 and denied.json()["field"] == "api_key"
    assert client.get("/api/documents", headers={"X-API-Key": "wrong"}).status_code == 401
    assert client.get("/api/documents", headers={"X-API-Key": "s3cret"}).status_code == 200
    assert client.get("/api/health", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    # the UI: its config (and every event) needs a login with the key as password
    assert client.get("/config").status_code == 401
    assert client.post("/login", data={"username": "юрист", "password": "wrong"}).status_code >= 400
    assert client.post("/login", data={"username": "юрист", "password": "s3cret"}).status_code == 200
    assert client.get("/config").status_code == 200


def test_without_a_key_the_ui_is_open(service):
    client = TestClient(create_app(service), raise_server_exceptions=False)
    page = client.get("/")
    assert page.status_code == 200 and "pravo" in page.text
    assert client.get("/config").status_code == 200


def test_indexing_through_the_api_and_by_upload(settings, corpus, tmp_path):
    service = PravoService(settings)
    client = TestClient(create_api(service), raise_server_exceptions=False)
    try:
        response = client.post("/api/index", json={"paths": [str(corpus)]})
        assert response.status_code == 200
        report = response.json()
        assert (report["new"], report["failed"]) == (3, []) and report["summary"].startswith("3 new")

        missing = client.post("/api/index", json={"paths": [str(tmp_path / "nowhere")]})
        assert missing.status_code == 400 and missing.json()["field"] == "paths"
        assert client.post("/api/index", json={"paths": []}).json()["field"] == "paths"

        hostile = "<script>alert('x')</script> Постановление о <b>тестах</b> № 7 от 1 марта 2023 г."
        uploaded = client.post("/api/index/upload", files=[("files", ("../../evil.txt", hostile.encode(), "text/plain"))])
        assert uploaded.status_code == 200 and uploaded.json()["new"] == 1
        assert (settings.data_dir / "uploads" / "evil.txt").is_file()  # base name only: nothing written outside
        document = client.get("/api/documents/evil").json()
        assert document["text"].startswith("<script>")  # JSON carries the text as is; the UI escapes it

        refused = client.post("/api/index/upload", files=[("files", ("tool.exe", b"MZ", "application/octet-stream"))])
        assert refused.status_code == 400 and refused.json()["field"] == "files"
    finally:
        service.close()
