"""Splits documents by their own structure: legal acts by article and point, prose by sentences."""

from __future__ import annotations

import bisect
import logging
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict

from pravo.core.types import REQUISITE_FIELDS, document_version
from pravo.core.russian.prose import split_prose
from pravo.core.russian.segments import Segment
from pravo.core.russian.structure import split_act

logger = logging.getLogger(__name__)

#: Document-level meta copied onto every chunk (filters and hits need them).
DOCUMENT_FIELDS = ("doc_id", *REQUISITE_FIELDS, "code")
#: A chunk's links to other documents until :mod:`pravo.indexer.links` sets them.
NO_LINKS: dict[str, list[str]] = {"mentions": [], "mentioned_by": [], "mention_keys": []}


def page_at(pages: list[int] | None, offset: int) -> int | None:
    """The 1-based page holding ``offset``, given each page's start offset (a PDF's ``meta["pages"]``).

    None for a document without pages (every format but PDF).
    """
    if not pages:
        return None
    return max(1, bisect.bisect_right(pages, offset))


def chunk_id(doc_id: str, position: int) -> str:
    """The chunk's id: its document and position, stable across runs (``acts/p443#3``)."""
    return f"{doc_id}#{position}"


def chunk_context(doc: Document, segment: Segment, text: str) -> str:
    """Where the chunk stands, as a reader would say it: title, chapter, article heading.

    Embedded and indexed together with the chunk, so a window in the middle of a long article
    still knows which article it belongs to. Parts the chunk text already starts with are left out.
    """
    parts: list[str] = []
    title = doc.meta.get("title")
    if title and not text.startswith(title[:40]):
        parts.append(title)
    if segment.section and not text.startswith(segment.section):
        parts.append(segment.section)
    if segment.chapter and not text.startswith(segment.chapter):
        parts.append(segment.chapter)
    if segment.article and not text.lstrip().lower().startswith("статья"):
        heading = f"Статья {segment.article}."
        if segment.article_title:
            heading += " " + segment.article_title
        parts.append(heading)
    return "\n".join(parts)


@component
class LegalDocumentSplitter:
    """
    Splits each Document into chunks that know their place: article and point for legal acts
    (``meta["source"] == "act"``), sentence-aware windows for news and other prose.

    Each chunk's ``content`` is exactly ``document.content[start:end]``; its meta carries
    ``doc_id``, ``chunk_index``, ``start``, ``end``, ``section``, ``chapter``, ``article``,
    ``article_title``, ``point``, ``appendix``, ``repealed``, ``context``, ``page`` (the 1-based page
    where the chunk starts, from the document's ``meta["pages"]``; None when it has none) and the
    document's requisites.

    Usage example:
    ```python
    splitter = LegalDocumentSplitter(max_chars=1200, overlap_chars=200)
    chunks = splitter.run(documents=[labour_code])["chunks"]
    chunks[0].meta["article"]  # "1"
    ```
    """

    def __init__(self, max_chars: int = 1200, overlap_chars: int = 200, prose_overlap_sentences: int = 1) -> None:
        """
        :param max_chars: Longest chunk; longer articles and points become overlapping windows.
        :param overlap_chars: Overlap between consecutive windows of one article.
        :param prose_overlap_sentences: Sentences shared by consecutive windows of prose.
        :raises ValueError: if the sizes are inconsistent.
        """
        if max_chars < 100:
            raise ValueError(f"max_chars must be at least 100, got {max_chars}")
        if not 0 <= overlap_chars < max_chars:
            raise ValueError(f"overlap_chars must be between 0 and max_chars ({max_chars}), got {overlap_chars}")
        if prose_overlap_sentences < 0:
            raise ValueError(f"prose_overlap_sentences must not be negative, got {prose_overlap_sentences}")
        self.max_chars = max_chars
        self.overlap_chars = overlap_chars
        self.prose_overlap_sentences = prose_overlap_sentences

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(
            self,
            max_chars=self.max_chars,
            overlap_chars=self.overlap_chars,
            prose_overlap_sentences=self.prose_overlap_sentences,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LegalDocumentSplitter":
        return default_from_dict(cls, data)

    def split(self, doc: Document) -> list[Document]:
        """Chunks of one document."""
        text = doc.content or ""
        if doc.meta.get("source") == "act":
            segments = split_act(text, max_chars=self.max_chars, overlap_chars=self.overlap_chars)
        else:
            segments = split_prose(text, max_chars=self.max_chars, overlap_sentences=self.prose_overlap_sentences)
        doc_id = doc.meta.get("doc_id") or doc.id
        base = {**{k: doc.meta.get(k) for k in DOCUMENT_FIELDS}, **NO_LINKS}
        base["doc_id"] = doc_id
        base["doc_hash"] = document_version(doc.meta)
        pages = doc.meta.get("pages")
        chunks = []
        for position, segment in enumerate(segments):
            chunk_text = text[segment.start : segment.end]
            meta = {
                **base,
                "chunk_index": position,
                "start": segment.start,
                "end": segment.end,
                "section": segment.section,
                "chapter": segment.chapter,
                "article": segment.article,
                "article_title": segment.article_title,
                "point": segment.point,
                "appendix": segment.appendix,
                "repealed": segment.repealed,
                "context": chunk_context(doc, segment, chunk_text),
                "page": page_at(pages, segment.start),
            }
            chunks.append(Document(id=chunk_id(doc_id, position), content=chunk_text, meta=meta))
        return chunks

    @component.output_types(chunks=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        """
        :param documents: Whole documents with ``source`` (act/news) set by the RequisitesExtractor.
        :returns: ``chunks``: all chunks of all documents, in document order.
        """
        chunks: list[Document] = []
        for doc in documents:
            doc_chunks = self.split(doc)
            if not doc_chunks:
                logger.warning("Document %(doc_id)s gave no chunks", {"doc_id": doc.meta.get("doc_id") or doc.id})
            chunks.extend(doc_chunks)
        return {"chunks": chunks}
