"""The last stage of every answer: each quote is checked against the document text the index stores.

``text[start:end] == quote`` holds for every citation that leaves the pipeline. A quote found
elsewhere in its document (a generator that quoted the right words but the wrong offsets) is
moved to where it stands; a quote not found at all is dropped with its marker, and the answer says
so in its note. An answer left without any citation abstains.

The texts are read in one request for all the documents an answer cites, and kept for the next
questions while they are current: the hits say which version of each document they come from
(``doc_hash``), so a kept text is checked against that without asking the store.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import OrderedDict
from typing import Any

from haystack import Document, component, default_to_dict

from pravo.core.store import DocumentRegistry, QdrantStore, from_dict_with_store
from pravo.core.types import document_version
from pravo.qa.answers import ABSTENTION_TEXT, Answer, Citation

logger = logging.getLogger(__name__)

DROPPED_NOTE = "Цитаты, которых нет в тексте источника, удалены из ответа: {markers}."


def locate(text: str, quote: str, near: int) -> int | None:
    """Where ``quote`` stands in ``text``: the occurrence closest to ``near``, or None."""
    if not quote:
        return None
    best: int | None = None
    position = text.find(quote)
    while position != -1:
        if best is None or abs(position - near) < abs(best - near):
            best = position
        position = text.find(quote, position + 1)
    return best


def drop_markers(answer: str, markers: set[int]) -> str:
    """The answer text without the markers ``[n]`` of dropped citations (and the spaces they leave)."""
    for n in markers:
        answer = answer.replace(f"[{n}]", "")
    return re.sub(r"[ \t]{2,}", " ", re.sub(r"\s+([.,;:])", r"\1", answer)).strip()


def page_of(pages: list[int] | None, offset: int) -> int | None:
    """The 1-based page holding ``offset``, given each page's start offset; None without pages."""
    if not pages:
        return None
    return max(1, bisect.bisect_right(pages, offset))


@component
class CitationVerifier:
    """
    Checks every citation's quote against its document's stored text at its offsets.

    Usage example:
    ```python
    verifier = CitationVerifier(store=store)
    answer = verifier.run(answer=draft, documents=hits)["answer"]
    assert all(text_of(c.doc_id)[c.start:c.end] == c.quote for c in answer.citations)
    ```
    """

    def __init__(self, store: QdrantStore, cache_documents: int = 16) -> None:
        """
        :param store: The index whose document registry holds each document's text.
        :param cache_documents: Document texts kept in memory between questions (checked against the
            index's current version of the document before each use).
        :raises ValueError: if ``cache_documents`` is negative.
        """
        if cache_documents < 0:
            raise ValueError(f"cache_documents must not be negative, got {cache_documents}")
        self.store = store
        self.cache_documents = cache_documents
        self._cache: OrderedDict[str, dict[str, Any]] = OrderedDict()

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, store=self.store.to_dict(), cache_documents=self.cache_documents)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CitationVerifier":
        return from_dict_with_store(cls, data)

    def _records(self, doc_ids: list[str], versions: dict[str, str]) -> dict[str, dict[str, Any]]:
        """The records, with their texts, of the documents cited: kept ones while the hits show them
        current, the rest read in one request."""
        found: dict[str, dict[str, Any]] = {}
        missing = []
        for doc_id in dict.fromkeys(doc_ids):
            cached = self._cache.get(doc_id)
            if cached is not None and doc_id in versions and document_version(cached) == versions[doc_id]:
                self._cache.move_to_end(doc_id)
                found[doc_id] = cached
            else:
                missing.append(doc_id)
        if missing:
            for doc_id, record in DocumentRegistry(self.store).records(missing, with_text=True).items():
                found[doc_id] = record
                if self.cache_documents:
                    self._cache[doc_id] = record
                    self._cache.move_to_end(doc_id)
            while len(self._cache) > self.cache_documents:
                self._cache.popitem(last=False)
        return found

    @staticmethod
    def verify(citation: Citation, record: dict[str, Any] | None) -> Citation | None:
        """The citation with offsets that hold its quote, or None when its document does not hold it."""
        text = (record or {}).get("text") or ""
        if text[citation.start : citation.end] != citation.quote:
            position = locate(text, citation.quote, citation.start)
            if position is None:
                logger.warning(
                    "Dropping citation [%(n)s]: its quote is not in %(doc_id)s", {"n": citation.n, "doc_id": citation.doc_id}
                )
                return None
            citation = citation.model_copy(update={"start": position, "end": position + len(citation.quote)})
        page = page_of((record or {}).get("pages"), citation.start)
        return citation.model_copy(update={"page": page}) if page is not None else citation

    @component.output_types(answer=Answer)
    def run(self, answer: Answer, documents: list[Document] | None = None) -> dict[str, Answer]:
        """
        :param answer: An answer whose citations carry ``doc_id``, ``quote``, ``start`` and ``end``.
        :param documents: The hits the answer was drawn from: their ``doc_hash`` tells which kept
            texts are current. Without them every text is read.
        :returns: ``answer``: the same answer with every citation verified; unverifiable ones removed.
        """
        versions = {d.meta["doc_id"]: d.meta["doc_hash"] for d in documents or [] if d.meta.get("doc_hash")}
        records = self._records([c.doc_id for c in answer.citations], versions)
        kept: list[Citation] = []
        dropped: set[int] = set()
        for citation in answer.citations:
            verified = self.verify(citation, records.get(citation.doc_id))
            if verified is None:
                dropped.add(citation.n)
            else:
                kept.append(verified)
        if not dropped:
            return {"answer": answer.model_copy(update={"citations": kept})}
        note = DROPPED_NOTE.format(markers=", ".join(f"[{n}]" for n in sorted(dropped)))
        update: dict[str, Any] = {
            "citations": kept,
            "answer": drop_markers(answer.answer, dropped),
            "note": " ".join(x for x in (answer.note, note) if x),
        }
        if not kept and not answer.abstained:
            update.update(abstained=True, answer=ABSTENTION_TEXT)
        return {"answer": answer.model_copy(update=update)}
