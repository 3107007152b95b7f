import hashlib
import json

import pytest

from pravo.indexer.converters.jsonl import JSONLToDocuments, read_jsonl


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
    assert [f.message() for f in result["failures"]] == [
        "line 2: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        "line 5: id 'p443' is already used on line 1",
        "line 6: no 'text' string",
        "line 8: a line must be a JSON object, not list",
    ]
    assert all(f.path == str(dump) for f in result["failures"])
    assert [(f.line, f.whole_file) for f in result["failures"]] == [(2, False), (5, False), (6, False), (8, False)]


def test_lines_already_indexed_with_the_same_hash_are_not_converted_again(dump):
    lines, _ = read_jsonl(dump, "etalon", 10**6)
    indexed = {lines[0].doc_id: lines[0].content_hash, lines[1].doc_id: "an older hash"}
    result = JSONLToDocuments().run(sources=[dump], indexed=indexed)
    assert [d.id for d in result["documents"]] == ["etalon/3", "etalon/7"]


def test_lines_already_read_are_converted_as_given_not_read_again(dump):
    lines, bad = read_jsonl(dump, "etalon", 10**6)
    dump.unlink()  # only what was read is left
    result = JSONLToDocuments().run(sources=[str(dump)], meta=[{"doc_id": "etalon"}], parsed={str(dump): (lines[1:], bad)})
    assert [d.id for d in result["documents"]] == ["etalon/3", "etalon/7"]
    assert result["documents"][0].meta["content_hash"] == lines[1].content_hash
    assert [f.message() for f in result["failures"]] == [f.message() for f in bad] and len(bad) == 4


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
    assert [f.message() for f in result["failures"]] == [
        "the file is empty",
        "the file holds no lines",
        "the file is 112 bytes, over the limit of 60 (PRAVO_MAX_FILE_BYTES)",
        "line 1: not UTF-8 (invalid continuation byte at byte 10)",
    ]
    assert JSONLToDocuments.from_dict(JSONLToDocuments(max_bytes=60).to_dict()).max_bytes == 60


def test_line_metadata_is_mapped_and_written_as_parsed_requisites(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(
        _line(id="a", text="Текст.", type="Постановление", number="№ 443", date="04.07.2022", source="Act",
              jurisdiction="by", issuer=" Совет  Министров ", url=" https://pravo.by/443 ", title=None, doc_type="")
        + "\n",
        encoding="utf-8",
    )
    meta = JSONLToDocuments().run(sources=[path])["documents"][0].meta
    assert {k: meta[k] for k in ("doc_type", "number", "date", "source", "jurisdiction", "issuer", "url")} == {
        "doc_type": "постановление", "number": "443", "date": "2022-07-04", "source": "act",
        "jurisdiction": "BY", "issuer": "Совет Министров", "url": "https://pravo.by/443",
    }
    assert "title" not in meta  # null is "not given": the text's own title will be used


def test_a_line_with_unusable_metadata_is_a_failure_naming_its_key(tmp_path):
    path = tmp_path / "dump.jsonl"
    lines = [
        _line(id="ok", text="Текст.", date="2022-07-04"),
        _line(id="d", text="Текст.", date="31.02.2022"),
        _line(id="s", text="Текст.", source="law"),
        _line(id="t", text="Текст.", type="указ", doc_type="закон"),
        _line(id="j", text="Текст.", jurisdiction="Беларусь"),
        _line(id="n", text="Текст.", number={"n": 1}),
        _line(id="u", text="Текст.", url=5),
        _line(id="same", text="Текст.", type="указ", doc_type="Указ"),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = JSONLToDocuments().run(sources=[path])
    assert [d.id for d in result["documents"]] == ["dump/ok", "dump/same"]
    assert [f.message() for f in result["failures"]] == [
        "line 2: 'date' is not a date: '31.02.2022' (write YYYY-MM-DD, DD.MM.YYYY or «4 июля 2022 г.»)",
        "line 3: 'source' must be act or news, not 'law'",
        "line 4: 'type' and 'doc_type' differ ('указ', 'закон')",
        "line 5: 'jurisdiction' must be a two-letter country code (BY, RU, KZ...), not 'Беларусь'",
        "line 6: 'number' must be text, not dict",
        "line 7: 'url' must be text, not int",
    ]
