"""Chunks → lemma BM25 sparse vectors (the formula and the term hashing: :mod:`pravo.core.sparse`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict

from pravo.core.russian.morphology import lemmatize
from pravo.core.sparse import bm25_document_vector, check_bm25


@component
class LemmaBM25DocumentEmbedder:
    """
    Adds a lemma-BM25 sparse embedding to each document (``Document.sparse_embedding``).

    Usage example:
    ```python
    embedder = LemmaBM25DocumentEmbedder(meta_fields_to_embed=["context"])
    docs = embedder.run([Document(content="Работник уволен за прогул")])["documents"]
    ```
    """

    def __init__(
        self,
        k1: float = 1.2,
        b: float = 0.75,
        avg_len: float = 90.0,
        meta_fields_to_embed: list[str] | None = None,
    ) -> None:
        """
        :param k1: BM25 term-frequency saturation.
        :param b: BM25 length normalisation (0 = none, 1 = full).
        :param avg_len: Assumed average document length in lemmas.
        :param meta_fields_to_embed: Meta fields whose text is indexed with the content (e.g. an article heading).
        :raises ValueError: if a BM25 parameter is out of range.
        """
        check_bm25(k1, b, avg_len)
        self.k1 = k1
        self.b = b
        self.avg_len = avg_len
        self.meta_fields_to_embed = list(meta_fields_to_embed or [])

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(
            self, k1=self.k1, b=self.b, avg_len=self.avg_len, meta_fields_to_embed=self.meta_fields_to_embed
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LemmaBM25DocumentEmbedder":
        return default_from_dict(cls, data)

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        """
        :param documents: Documents to embed.
        :returns: ``documents``: copies with ``sparse_embedding`` set.
        :raises TypeError: if the input is not a list of Documents.
        """
        if not isinstance(documents, list) or (documents and not isinstance(documents[0], Document)):
            raise TypeError("LemmaBM25DocumentEmbedder expects a list of Documents")
        out = []
        for doc in documents:
            parts = [str(doc.meta[k]) for k in self.meta_fields_to_embed if doc.meta.get(k)]
            parts.append(doc.content or "")
            vector = bm25_document_vector(lemmatize("\n".join(parts)), self.k1, self.b, self.avg_len)
            out.append(replace(doc, sparse_embedding=vector))
        return {"documents": out}
