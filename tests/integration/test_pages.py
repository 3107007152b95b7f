"""What a document says about itself reaches hits and citations: a PDF's pages, a JSONL line's metadata.

The page a citation or hit names is checked against the PDF itself: each page's text layer is read
with pypdfium2 here, independently of the converter, and the quote is looked up in it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pypdfium2
import pytest

from pravo.core.store import DocumentRegistry, store_from_settings
from pravo.indexer.runner import index_paths
from pravo.cli import main
from pravo.qa import Answerer
from pravo.qa.search import Searcher
from tests.conftest import FIXTURES, minilm_path

PDF = FIXTURES / "formats" / "p443.pdf"
#: (question, the words of the decree that answer it): point 2.2 stands on page 1, point 3 on page 2.
QUESTIONS = (
    ("Кто оказывает содействие в реализации программы?", "Национальной академии наук Беларуси"),
    ("Когда постановление вступает в силу?", "вступает в силу после его официального опубликования"),
)


def squash(text: str) -> str:
    return " ".join(text.split())


def unhyphenated(text: str) -> str:
    """Text compared without hyphens: PDFium marks every line-end hyphen U+FFFE, a compound's too."""
    return squash(text.replace("\ufffe", "").replace("-", ""))


def pdf_page_texts(path: Path) -> list[str]:
    """Each page's text layer, without hyphens (see :func:`unhyphenated`)."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return [unhyphenated(page.get_textpage().get_text_range()) for page in pdf]
    finally:
        pdf.close()


def page_in_pdf(path: Path, text: str, words: int = 6) -> int:
    """The 1-based page of ``path`` whose text holds the first ``words`` words of ``text``; exactly one must."""
    head = " ".join(unhyphenated(text).split()[:words])
    found = [n for n, page in enumerate(pdf_page_texts(path), start=1) if head in page]
    assert len(found) == 1, f"{head!r} found on pages {found}"
    return found[0]


@pytest.fixture(scope="module")
def pdf_index(tmp_path_factory):
    from pravo.core.settings import load_settings

    root = tmp_path_factory.mktemp("pages")
    (root / "docs").mkdir()
    shutil.copy(PDF, root / "docs" / "p443.pdf")
    settings = load_settings(data_dir=root / "data", embedding_model=minilm_path(), model_cache_dir=root / "models")
    settings = settings.model_copy(update={"answer_min_support": 0.0, "llm_url": None})
    store = store_from_settings(settings)
    report = index_paths([root / "docs"], settings, store=store)
    assert report.failed == []
    yield root, settings, store
    store.close()


def test_the_fixture_pdf_has_the_answers_on_two_pages():
    assert [page_in_pdf(PDF, words) for _, words in QUESTIONS] == [1, 2]


def test_the_document_record_keeps_the_pdf_page_offsets(pdf_index):
    _, _, store = pdf_index
    record = DocumentRegistry(store).document("p443")
    pages = record["pages"]
    assert len(pages) == len(pdf_page_texts(PDF)) == 2 and pages[0] == 0
    # each page's offset is where that page's first words stand in the stored text
    for number, start in enumerate(pages, start=1):
        first_words = unhyphenated(record["text"][start : start + 60]).split()[:4]
        assert " ".join(first_words) in pdf_page_texts(PDF)[number - 1]


def test_citations_and_hits_name_the_page_their_text_stands_on(pdf_index):
    _, settings, store = pdf_index
    answerer = Answerer(settings, store=store)
    text = DocumentRegistry(store).document("p443")["text"]
    cited_pages = set()
    for question, words in QUESTIONS:
        answer = answerer.ask(question)
        assert not answer.abstained and answer.citations, question
        for citation in answer.citations:
            assert text[citation.start : citation.end] == citation.quote
            assert citation.page == page_in_pdf(PDF, citation.quote), citation.quote
            cited_pages.add(citation.page)
        for hit in answer.hits:
            assert hit.page == page_in_pdf(PDF, hit.text), hit.text
        assert any(words in squash(c.quote) and c.page == page_in_pdf(PDF, words) for c in answer.citations), (
            question, [c.quote for c in answer.citations],
        )
    assert cited_pages == {1, 2}


def test_every_chunk_of_the_pdf_knows_its_page_and_other_formats_have_none(pdf_index, tmp_path):
    _, settings, store = pdf_index
    hits = Searcher(settings, store=store).search("постановление программа Интелавто", top_k=50)
    assert len(hits) >= 4
    assert {hit.page for hit in hits} == {1, 2}
    for hit in hits:
        assert hit.page == page_in_pdf(PDF, hit.text)
        assert hit.model_dump(mode="json")["page"] == hit.page

    # the same decree as text: no pages, so no page anywhere
    (tmp_path / "txt").mkdir()
    shutil.copy(FIXTURES / "corpus" / "acts" / "p443.txt", tmp_path / "txt" / "p443.txt")
    plain = settings.model_copy(update={"data_dir": tmp_path / "data"})
    plain_store = store_from_settings(plain)
    try:
        index_paths([tmp_path / "txt"], plain, store=plain_store)
        assert DocumentRegistry(plain_store).document("p443")["pages"] is None
        answer = Answerer(plain, store=plain_store).ask(QUESTIONS[1][0])
        assert answer.citations and {c.page for c in answer.citations} == {None}
        assert {hit.page for hit in answer.hits} == {None}
    finally:
        plain_store.close()


def test_cli_ask_prints_the_page(pdf_index, monkeypatch, capsys):
    root, settings, store = pdf_index
    store.close()  # the embedded store is one folder opened by one process: let the CLI open it
    monkeypatch.setenv("PRAVO_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("PRAVO_EMBEDDING_MODEL", minilm_path())
    monkeypatch.setenv("PRAVO_MODEL_CACHE_DIR", str(root / "models"))
    monkeypatch.setenv("PRAVO_ANSWER_MIN_SUPPORT", "0")
    monkeypatch.delenv("PRAVO_LLM_URL", raising=False)
    capsys.readouterr()
    assert main(["ask", QUESTIONS[1][0], "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    point3 = [c for c in answer["citations"] if QUESTIONS[1][1] in squash(c["quote"])]
    assert point3 and point3[0]["page"] == 2
    assert main(["ask", QUESTIONS[1][0]]) == 0
    out = capsys.readouterr().out
    assert f"[{point3[0]['n']}] " in out and ", стр. 2 — p443," in out


# -- a JSONL line's own metadata --------------------------------------------------------------


def test_jsonl_metadata_reaches_the_hit_exactly_and_a_line_without_keeps_the_parsed_header(settings, tmp_path):
    decree = (FIXTURES / "corpus" / "acts" / "p443.txt").read_text(encoding="utf-8")
    given = {
        "title": "Об одобрении проекта программы «Интелавто» (редакция базы)",
        "date": "2022-07-05",
        "number": "443-а",
        "type": "постановление",
        "issuer": "Совмин РБ",
        "jurisdiction": "BY",
        "source": "act",
        "url": "https://pravo.by/document/?guid=443",
    }
    (tmp_path / "dump").mkdir()
    (tmp_path / "dump" / "etalon.jsonl").write_text(
        json.dumps({"id": "given", "text": decree, **given}, ensure_ascii=False)
        + "\n"
        + json.dumps({"id": "parsed", "text": decree}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    store = store_from_settings(settings)
    try:
        report = index_paths([tmp_path / "dump"], settings, store=store)
        assert report.failed == []
        hits = Searcher(settings, store=store).search("одобрить проект программы Интелавто", top_k=50)
        by_doc = {}
        for hit in hits:
            by_doc.setdefault(hit.doc_id, []).append(hit)
        assert set(by_doc) == {"etalon/given", "etalon/parsed"}
        requisites = ("title", "date", "number", "doc_type", "issuer", "source")
        expected_given = {**{k: given[k] for k in ("title", "date", "number", "issuer", "source")}, "doc_type": "постановление"}
        expected_parsed = {
            "title": "Об одобрении проекта научно-технической программы Союзного государства «Интелавто»",
            "date": "2022-07-04", "number": "443", "doc_type": "постановление",
            "issuer": "Совет Министров Республики Беларусь", "source": "act",
        }
        for hit in by_doc["etalon/given"]:
            assert {k: getattr(hit, k) for k in requisites} == expected_given
            assert hit.page is None
        for hit in by_doc["etalon/parsed"]:
            assert {k: getattr(hit, k) for k in requisites} == expected_parsed
        record = DocumentRegistry(store).document("etalon/given")
        assert (record["jurisdiction"], record["url"]) == ("BY", given["url"])
        assert DocumentRegistry(store).document("etalon/parsed")["url"] is None
    finally:
        store.close()
