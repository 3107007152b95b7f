"""The parts of `pravo serve` that need no model or store: filters, ids, exposure, the serve record."""

from __future__ import annotations

import json
import os

import pytest

from pravo.core.errors import ConfigurationError, QueryError
from pravo.core.settings import load_settings
from pravo.ui.client import running_server, serve_file
from pravo.ui.server import check_exposure, is_loopback
from pravo.ui.service import parse_filters, public_record, safe_doc_id


def test_blank_form_filters_are_no_filters():
    assert parse_filters({"type": "", "number": "  ", "source": None}) is None
    filters = parse_filters({"type": "постановление", "date_from": "2022-01-01", "source": "act"})
    assert filters.type == "постановление" and filters.date_from.isoformat() == "2022-01-01"


@pytest.mark.parametrize("raw, field", [({"date_from": "4 июля"}, "date_from"), ({"source": "blog"}, "source")])
def test_bad_filter_values_name_the_field(raw, field):
    with pytest.raises(QueryError) as e:
        parse_filters(raw)
    assert e.value.field == field


@pytest.mark.parametrize("doc_id, ok", [
    ("acts/p443", True), ("news/2024/x.y", True), ("../../etc/passwd", False), ("acts/../../x", False),
    ("/etc/passwd", False), ("..\\..\\x", False), ("", False), ("a\x00b", False),
])
def test_safe_doc_ids(doc_id, ok):
    assert safe_doc_id(doc_id) is ok


def test_public_record_hides_server_paths_and_bookkeeping():
    record = {"doc_id": "a", "title": "T", "file_path": "/srv/a.txt", "root": "/srv", "fingerprint": "f", "text": "…",
              "mentions": [{"resolved_doc_id": "b"}, {"resolved_doc_id": None}], "mentioned_by": None}
    out = public_record(record)
    assert out["mentions"] == ["b"] and out["mentioned_by"] == []
    assert not {"file_path", "root", "fingerprint", "text"} & set(out)


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("192.168.1.5", False), ("::", False), ("example.org", False),
])
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback


def test_exposed_hosts_need_a_key_or_the_explicit_flag():
    check_exposure("127.0.0.1", None, False)
    check_exposure("0.0.0.0", "key", False)
    check_exposure("0.0.0.0", None, True)
    with pytest.raises(ConfigurationError, match="PRAVO_API_KEY.*--insecure-no-api-key"):
        check_exposure("0.0.0.0", None, False)


def test_serve_record_of_a_live_process_is_found_and_a_dead_ones_ignored(tmp_path):
    settings = load_settings(data_dir=tmp_path)
    assert running_server(settings) is None
    serve_file(settings).write_text(json.dumps({"url": "http://127.0.0.1:1", "pid": os.getpid(), "collection": "pravo"}))
    assert running_server(settings)["url"] == "http://127.0.0.1:1"
    assert running_server(settings.model_copy(update={"qdrant_url": "http://q:6333"})) is None  # a server store: no delegation
    serve_file(settings).write_text(json.dumps({"url": "http://127.0.0.1:1", "pid": 2**22 + 12345}))
    assert running_server(settings) is None
    serve_file(settings).write_text("{not json")
    assert running_server(settings) is None
