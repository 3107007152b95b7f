import pytest
from haystack import Document

from pravo.indexer.preprocessors.legal_splitter import LegalDocumentSplitter, chunk_id, document_version, page_at

CODE = """# Трудовой кодекс Российской Федерации от 30.12.2001 N 197-ФЗ

Глава 13. Прекращение трудового договора

Статья 80. Расторжение трудового договора по инициативе работника (по собственному желанию)
{body}
"""


def _code(body: str) -> Document:
    meta = {"doc_id": "tk", "source": "act", "title": "Трудовой кодекс Российской Федерации", "number": "197-ФЗ", "content_hash": "abc"}
    return Document(id="tk", content=CODE.format(body=body), meta=meta)


def test_chunks_carry_article_requisites_offsets_and_ids():
    doc = _code("Работник имеет право расторгнуть трудовой договор, предупредив работодателя за две недели.")
    chunks = LegalDocumentSplitter().run([doc])["chunks"]
    article = [c for c in chunks if c.meta["article"] == "80"]
    assert len(article) == 1
    chunk = article[0]
    assert chunk.id == chunk_id("tk", chunk.meta["chunk_index"]) == f"tk#{chunk.meta['chunk_index']}"
    assert doc.content[chunk.meta["start"] : chunk.meta["end"]] == chunk.content
    assert chunk.meta["chapter"] == "Глава 13. Прекращение трудового договора"
    assert chunk.meta["number"] == "197-ФЗ" and chunk.meta["doc_hash"] == "abc"
    # the heading is in the text itself, so the context names only the code and the chapter
    assert chunk.meta["context"] == "Трудовой кодекс Российской Федерации\nГлава 13. Прекращение трудового договора"


def test_windows_of_a_long_article_carry_its_heading_as_context():
    body = "\n".join(f"Часть {i}: работник вправе требовать оплаты труда в полном размере." for i in range(60))
    chunks = [c for c in LegalDocumentSplitter(max_chars=600, overlap_chars=100).run([_code(body)])["chunks"] if c.meta["article"]]
    assert len(chunks) > 3
    assert all(len(c.content) <= 600 for c in chunks)
    later = chunks[1:]
    assert all("Статья 80. Расторжение трудового договора" in c.meta["context"] for c in later)


def test_news_is_split_into_sentence_windows():
    text = " ".join(f"Предложение номер {i} о программе «Интелавто»." for i in range(80))
    doc = Document(id="n", content=text, meta={"doc_id": "news/n", "source": "news", "title": "Новость"})
    chunks = LegalDocumentSplitter(max_chars=400).run([doc])["chunks"]
    assert len(chunks) > 5
    assert all(c.content.endswith(".") and c.meta["article"] is None for c in chunks)
    assert chunks[1].meta["context"] == "Новость"


def test_version_changes_with_fingerprint_and_params_are_validated():
    assert document_version({"content_hash": "a" * 64, "fingerprint": "f1"}) != document_version({"content_hash": "a" * 64, "fingerprint": "f2"})
    assert document_version({}) is None
    with pytest.raises(ValueError, match="overlap_chars"):
        LegalDocumentSplitter(max_chars=500, overlap_chars=500)
    splitter = LegalDocumentSplitter(max_chars=900, overlap_chars=150, prose_overlap_sentences=2)
    assert LegalDocumentSplitter.from_dict(splitter.to_dict()).to_dict() == splitter.to_dict()


def test_page_at_counts_pages_from_one():
    pages = [0, 100, 250]
    assert [page_at(pages, o) for o in (0, 99, 100, 249, 250, 10_000)] == [1, 1, 2, 2, 3, 3]
    assert page_at(None, 5) is None and page_at([], 5) is None


def test_chunks_of_a_paginated_document_carry_the_page_they_start_on():
    doc = _code("\n".join(f"{i}. Работник вправе требовать оплаты труда в полном размере за каждый день." for i in range(1, 30)))
    text = doc.content
    # three "pages": the second starts at point 10, the third at point 20
    pages = [0, text.index("\n10. ") + 1, text.index("\n20. ") + 1]
    paginated = Document(id=doc.id, content=text, meta={**doc.meta, "pages": pages})
    chunks = LegalDocumentSplitter(max_chars=300, overlap_chars=50).run([paginated])["chunks"]
    assert len(chunks) > 3
    for chunk in chunks:
        start = chunk.meta["start"]
        expected = 1 if start < pages[1] else 2 if start < pages[2] else 3
        assert chunk.meta["page"] == expected
    assert {c.meta["page"] for c in chunks} == {1, 2, 3}
    assert "pages" not in chunks[0].meta  # the page list stays with the document record
    unpaginated = LegalDocumentSplitter(max_chars=300, overlap_chars=50).run([doc])["chunks"]
    assert {c.meta["page"] for c in unpaginated} == {None}
