"""Real-world files end to end: one decree in five formats, a folder of bad files, a JSONL bulk file.

The dense model is the small MiniLM (see tests/conftest.py); what is checked is the text, the
requisites and the structure each format yields, what the CLI reports and what stays searchable.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from haystack import Document

from pravo.indexer.classifiers.requisites import RequisitesExtractor
from pravo.indexer.converters.any_format import AnyFormatToDocument
from pravo.core.store import ChunkIndex, DocumentRegistry, store_from_settings
from pravo.indexer.preprocessors.legal_splitter import LegalDocumentSplitter
from pravo.indexer import runner
from pravo.indexer.converters import jsonl
from pravo.indexer.runner import index_paths
from pravo.cli import main
from tests.conftest import FIXTURES
from tests.fixtures.formats.writers import decree_text, write_docx, write_html, write_rtf

FORMATS = FIXTURES / "formats"
REQUISITES = ("source", "title", "doc_type", "number", "date", "issuer", "jurisdiction")


def squash(text: str) -> str:
    return " ".join(text.split())


def write_decree_in_five_formats(folder: Path) -> list[Path]:
    """acts/txt/p443.txt (CP1251), acts/html/p443.html, acts/docx/p443.docx, acts/pdf/p443.pdf, acts/rtf/p443.rtf."""
    text = decree_text()
    paths = []
    for fmt in ("txt", "html", "docx", "pdf", "rtf"):
        (folder / fmt).mkdir(parents=True)
        target = folder / fmt / f"p443.{fmt}"
        if fmt == "txt":
            target.write_bytes(text.encode("cp1251"))
        elif fmt == "html":
            write_html(text, target, encoding="windows-1251")
        elif fmt == "docx":
            write_docx(text, target)
        elif fmt == "pdf":
            shutil.copy(FORMATS / "p443.pdf", target)
        else:
            write_rtf(text, target)
        paths.append(target)
    return paths


def test_the_same_decree_in_five_formats_gives_the_same_requisites_points_and_text(tmp_path):
    paths = write_decree_in_five_formats(tmp_path)
    converted = AnyFormatToDocument().run(sources=paths, meta=[{"doc_id": p.suffix[1:]} for p in paths])
    assert converted["failures"] == []
    documents = RequisitesExtractor().run(converted["documents"])["documents"]
    splitter = LegalDocumentSplitter()
    reference = Document(content=decree_text())
    reference = RequisitesExtractor().run([reference])["documents"][0]
    expected_requisites = {k: reference.meta[k] for k in REQUISITES}
    expected_chunks = [(c.meta["article"], c.meta["point"], squash(c.content)) for c in splitter.split(reference)]
    assert expected_requisites["number"] == "443" and [p for _, p, _ in expected_chunks][1:] == ["1", "2", "3"]
    for doc in documents:
        fmt = doc.meta["doc_id"]
        assert squash(doc.content) == squash(decree_text()), fmt
        assert {k: doc.meta[k] for k in REQUISITES} == expected_requisites, fmt
        chunks = [(c.meta["article"], c.meta["point"], squash(c.content)) for c in splitter.split(doc)]
        assert chunks == expected_chunks, fmt
        for chunk in splitter.split(doc):  # offsets refer to the document's own text, in every format
            assert doc.content[chunk.meta["start"] : chunk.meta["end"]] == chunk.content


def test_five_formats_index_into_hits_with_the_same_requisites_and_points(tmp_path, settings):
    write_decree_in_five_formats(tmp_path / "acts")
    store = store_from_settings(settings)
    report = index_paths([tmp_path / "acts"], settings, store=store)
    assert (report.new, report.failed) == (5, [])
    by_doc: dict[str, list] = {}
    for chunk in ChunkIndex(store).scroll():
        by_doc.setdefault(chunk.meta["doc_id"], []).append(chunk)
    assert set(by_doc) == {"txt/p443", "html/p443", "docx/p443", "pdf/p443", "rtf/p443"}
    shapes = {}
    for doc_id, chunks in by_doc.items():
        chunks.sort(key=lambda c: c.meta["chunk_index"])
        shapes[doc_id] = [
            (tuple(c.meta[k] for k in ("doc_type", "number", "date", "issuer")), c.meta["point"], squash(c.content))
            for c in chunks
        ]
    reference = shapes.pop("txt/p443")
    assert reference[1][0] == ("постановление", "443", "2022-07-04", "Совет Министров Республики Беларусь")
    assert shapes == {doc_id: reference for doc_id in shapes}
    assert DocumentRegistry(store).documents()["pdf/p443"]["content_hash"]
    store.close()


@pytest.fixture
def env(monkeypatch, tmp_path, minilm):
    monkeypatch.setenv("PRAVO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PRAVO_EMBEDDING_MODEL", minilm)
    monkeypatch.setenv("PRAVO_MODEL_CACHE_DIR", str(tmp_path / "models"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_folder_of_bad_files_indexes_the_good_ones_names_each_bad_one_exits_1(env, corpus, capsys, monkeypatch):
    monkeypatch.setenv("PRAVO_MAX_FILE_BYTES", "40000")  # the limit, small: a «100 MB» file without writing one
    write_docx(decree_text().replace("443", "444"), corpus / "acts" / "p444.docx")
    shutil.copy(FORMATS / "p443.pdf", corpus / "acts" / "p443-pdf.pdf")
    assert main(["index", str(corpus)]) == 0
    capsys.readouterr()

    bad = corpus / "bad"
    bad.mkdir()
    (bad / "corrupt.docx").write_bytes((corpus / "acts" / "p444.docx").read_bytes()[:500])
    shutil.copy(FORMATS / "encrypted.pdf", bad / "encrypted.pdf")
    shutil.copy(FORMATS / "scanned.pdf", bad / "scanned.pdf")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (bad / "huge.txt").write_text("Статья 1. " * 5000, encoding="utf-8")
    (bad / "lines.jsonl").write_text('{"id": "ok", "text": "Новость о постановлении № 443."}\n{"id": 1,\n', encoding="utf-8")
    good_news = corpus / "news" / "new.html"
    write_html("Совет Министров одобрил программу «Интелавто» постановлением № 443.", good_news, encoding="utf-8")
    # an indexed file turns unreadable: its indexed version must stay searchable
    (corpus / "acts" / "p444.docx").write_bytes(b"PK\x03\x04 truncated")

    assert main(["index", str(corpus)]) == 1
    captured = capsys.readouterr()
    failed = [line.removeprefix("pravo: failed: ").split(": ", 1) for line in captured.err.splitlines() if line.startswith("pravo: failed: ")]
    reasons = {Path(path).name: reason for path, reason in failed}
    assert reasons.keys() == {"corrupt.docx", "encrypted.pdf", "scanned.pdf", "empty.txt", "binary.txt", "huge.txt", "lines.jsonl", "p444.docx"}
    assert reasons["corrupt.docx"].startswith(("not a DOCX file", "not a readable DOCX file"))
    assert "encrypted and needs a password" in reasons["encrypted.pdf"]
    assert "no text layer" in reasons["scanned.pdf"] and "OCR" in reasons["scanned.pdf"]
    assert reasons["empty.txt"] == "the file is empty"
    assert "binary" in reasons["binary.txt"]
    assert "over the limit of 40,000 (PRAVO_MAX_FILE_BYTES)" in reasons["huge.txt"]
    assert reasons["lines.jsonl"].startswith("line 2: not valid JSON")
    summary = captured.out.strip().splitlines()[-1]
    assert summary.startswith("2 new, 0 updated, 4 unchanged, 0 removed, 8 failed;")  # new.html and lines.jsonl line 1

    assert main(["search", "Интелавто постановление № 443", "--json", "--top-k", "50"]) == 0
    doc_ids = {hit["doc_id"] for hit in json.loads(capsys.readouterr().out)["hits"]}
    assert {"acts/p443", "acts/p443-pdf", "news/intelavto", "news/new", "bad/lines/ok", "acts/p444"} <= doc_ids
    assert not any(d.startswith(("bad/corrupt", "bad/encrypted", "bad/scanned", "bad/empty", "bad/binary", "bad/huge")) for d in doc_ids)


def test_a_jsonl_file_is_indexed_line_by_line_and_incrementally(tmp_path, settings, monkeypatch):
    reads: list[str] = []
    read_jsonl = jsonl.read_jsonl

    def counted(path, *args):
        reads.append(Path(path).name)
        return read_jsonl(path, *args)

    monkeypatch.setattr(jsonl, "read_jsonl", counted)
    monkeypatch.setattr(runner, "read_jsonl", counted)
    folder = tmp_path / "dumps"
    folder.mkdir()
    bulk = folder / "etalon.jsonl"

    def write(*records: dict | str) -> None:
        bulk.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")

    act = {"id": "p443", "text": decree_text(), "source_url": "https://pravo.by"}
    news = {"id": "n1", "text": "Совет Министров одобрил программу «Интелавто»."}
    code = {"id": "tk80", "text": "Статья 80. Расторжение трудового договора по инициативе работника."}
    store = store_from_settings(settings)

    write(act, news, code)
    report = index_paths([folder], settings, store=store)
    assert (report.new, report.updated, report.unchanged, report.removed, report.failed) == (3, 0, 0, 0, [])
    docs = DocumentRegistry(store).documents()
    assert set(docs) == {"etalon/p443", "etalon/n1", "etalon/tk80"}
    assert docs["etalon/p443"]["number"] == "443" and docs["etalon/p443"]["file_path"] == str(bulk.resolve())

    report = index_paths([folder], settings, store=store)
    assert (report.new, report.unchanged, report.chunks) == (0, 3, 0)  # nothing converted, nothing embedded

    write(act, {**news, "text": news["text"] + " Заказчик — Министерство промышленности."})
    reads.clear()
    report = index_paths([folder], settings, store=store)
    assert reads == ["etalon.jsonl"]  # read once, to compare; the changed line is converted as read
    assert (report.new, report.updated, report.unchanged, report.removed) == (0, 1, 1, 1)
    assert set(DocumentRegistry(store).documents()) == {"etalon/p443", "etalon/n1"}
    assert "Министерство промышленности" in DocumentRegistry(store).documents(with_text=True)["etalon/n1"]["text"]

    # an unreadable line may be a document indexed before: while it is there, nothing of the file is removed
    write("{not json", news | {"text": "Другая редакция новости."})
    report = index_paths([folder], settings, store=store)
    assert (report.updated, report.unchanged, report.removed) == (1, 0, 0)
    assert report.failed == [(str(bulk.resolve()), "line 1: not valid JSON (Expecting property name enclosed in double quotes at column 2)")]
    assert set(DocumentRegistry(store).documents()) == {"etalon/p443", "etalon/n1"}
    # unchanged since, the bad line is still reported on the next run
    assert index_paths([folder], settings, store=store).failed == report.failed
    store.close()
