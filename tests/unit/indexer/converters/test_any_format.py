from pathlib import Path

import pytest
from haystack import Pipeline

from pravo.indexer.converters.any_format import AnyFormatToDocument
from tests.fixtures.formats.writers import write_docx, write_html, write_rtf

FORMATS = Path(__file__).parents[3] / "fixtures" / "formats"


def test_each_file_goes_to_its_format_in_source_order_failures_collected(tmp_path):
    text = tmp_path / "a.TXT"
    text.write_text("Статья 1. Текст.", encoding="cp1251")
    bulk = tmp_path / "bulk.jsonl"
    bulk.write_text('{"id": "x", "text": "Строка."}\n{broken\n', encoding="utf-8")
    sources = [
        write_docx("Документ Word.", tmp_path / "b.docx"),
        text,
        FORMATS / "p443.pdf",
        bulk,
        write_html("Страница.", tmp_path / "c.htm", encoding="utf-8"),
        write_rtf("Документ RTF.", tmp_path / "d.rtf"),
        tmp_path / "e.odt",
    ]
    (tmp_path / "e.odt").write_bytes(b"PK")
    meta = [{"doc_id": f"f/{Path(s).stem}"} for s in sources]
    result = AnyFormatToDocument().run(sources=sources, meta=meta)
    assert [d.id for d in result["documents"]] == ["f/b", "f/a", "f/p443", "f/bulk/x", "f/c", "f/d"]
    assert [d.content.split("\n")[0] for d in result["documents"]][:2] == ["Документ Word.", "Статья 1. Текст."]
    assert [(Path(f.path).name, f.message().split(";")[0]) for f in result["failures"]] == [
        ("bulk.jsonl", "line 2: not valid JSON (Expecting property name enclosed in double quotes at column 2)"),
        ("e.odt", "unsupported file type .odt"),
    ]
    assert [f.whole_file for f in result["failures"]] == [False, True]  # a bad line, then a whole file


def test_the_limit_applies_to_every_format_and_the_component_round_trips_in_a_pipeline(tmp_path):
    converter = AnyFormatToDocument(max_bytes=100)
    result = converter.run(sources=[FORMATS / "p443.pdf"])
    assert "over the limit of 100 (PRAVO_MAX_FILE_BYTES)" in result["failures"][0].reason
    pipeline = Pipeline()
    pipeline.add_component("converter", converter)
    loaded = Pipeline.loads(pipeline.dumps())
    assert loaded.get_component("converter").max_bytes == 100
    with pytest.raises(ValueError):
        AnyFormatToDocument(max_bytes=0)
