import hashlib
import json

import pytest

from indexer.converters.jsonl import JSONLToDocuments, read_jsonl

pytestmark = pytest.mark.unit


def _line(**record) -> str:
    return json.dumps(record, ensure_ascii=False)


@pytest.fixture
def dump(tmp_path):
    path = tmp_path / "etalon.jsonl"
    lines = [
        _line(id="p443", text="ПОСТАНОВЛЕНИЕ\u00a0№ 443\r\n1. Одобрить.", title="Об одобрении", date="2022-07-04",
              number="443", type="постановление", issuer="Совет Министров Республики Беларусь", extra={"x": 1}),
        "{not json",
        _line(text="Новость без id."),
        "",
        _line(id="p443", text="Второй раз тот же id."),
        _line(id="n2", title="Без текста"),
        _line(id=7, text="Указ № 7.", source="act"),
        "[1, 2]",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_line_is_a_document_a_bad_line_names_its_number(dump):
    result = JSONLToDocuments().run(sources=[dump], meta=[{"doc_id": "dumps/etalon", "root": "/r"}])
    docs = {d.id: d for d in result["documents"]}
    assert list(docs) == ["dumps/etalon/p443", "dumps/etalon/3", "dumps/etalon/7"]
    first = docs["dumps/etalon/p443"]
    assert first.content == "ПОСТАНОВЛЕНИЕ № 443\n1. Одобрить."  # normalised like every file
    raw = dump.read_bytes().splitlines()[0]
    assert first.meta == {
        "doc_id": "dumps/etalon/p443", "file_path": str(dump), "content_hash": hashlib.sha256(raw).hexdigest(),
        "encoding": "utf-8", "line": 1, "title": "Об одобрении", "date": "2022-07-04", "number": "443",
        "doc_type": "постановление", "issuer": "Совет Министров Республики Беларусь", "root": "/r",
    }
    assert docs["dumps/etalon/7"].meta["source"] == "act"
    assert [f["reason"] for f in result["failures"]] == [
        "line 2: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        "line 5: id 'p443' is already used on line 1",
        "line 6: no 'text' string",
        "line 8: a line must be a JSON object, not list",
    ]
    assert all(f["path"] == str(dump) for f in result["failures"])


def test_lines_already_indexed_with_the_same_hash_are_not_converted_again(dump):
    lines, _ = read_jsonl(dump, "etalon", 10**6)
    indexed = {lines[0].doc_id: lines[0].content_hash, lines[1].doc_id: "an older hash"}
    result = JSONLToDocuments().run(sources=[dump], indexed=indexed)
    assert [d.id for d in result["documents"]] == ["etalon/3", "etalon/7"]


def test_whole_file_problems_are_one_failure(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n\n", encoding="utf-8")
    big = tmp_path / "big.jsonl"
    big.write_text(_line(text="а" * 50), encoding="utf-8")
    cp1251 = tmp_path / "cp1251.jsonl"
    cp1251.write_bytes(_line(text="Статья").encode("cp1251"))
    result = JSONLToDocuments(max_bytes=60).run(sources=[empty, blank, big, cp1251])
    assert result["documents"] == []
    assert [f["reason"] for f in result["failures"]] == [
        "the file is empty",
        "the file holds no lines",
        "the file is 112 bytes, over the limit of 60 (PRAVO_MAX_FILE_BYTES)",
        "line 1: not UTF-8 (invalid continuation byte at byte 10)",
    ]
    assert JSONLToDocuments.from_dict(JSONLToDocuments(max_bytes=60).to_dict()).max_bytes == 60
