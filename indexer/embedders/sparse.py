"""BM25 over Russian lemmas as Qdrant sparse vectors.

Documents get the BM25 term-frequency part, ``tf·(k1+1) / (tf + k1·(1 − b + b·len/avg_len))``, per
lemma; queries get 1 per distinct lemma. Qdrant's IDF modifier on the sparse vector multiplies in
the inverse document frequency at search time, so the dot product is the BM25 score and the
collection's statistics stay current as documents come and go.

Lemmas map to sparse indices through a stable 32-bit hash, so no vocabulary has to be stored.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict
from haystack.dataclasses import SparseEmbedding

from pravo.core.russian.morphology import lemmatize


@lru_cache(maxsize=500_000)
def term_index(term: str) -> int:
    """Stable unsigned 32-bit index of a term (BLAKE2b digest), the same on every machine and run."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=4).digest(), "little")


def bm25_document_vector(lemmas: list[str], k1: float, b: float, avg_len: float) -> SparseEmbedding:
    """BM25 term-frequency saturation per lemma (Robertson/Spärck Jones, without IDF)."""
    counts = Counter(term_index(lm) for lm in lemmas)
    norm = k1 * (1.0 - b + b * len(lemmas) / avg_len)
    indices = sorted(counts)
    values = [counts[i] * (k1 + 1.0) / (counts[i] + norm) for i in indices]
    return SparseEmbedding(indices=indices, values=values)


def bm25_query_vector(lemmas: list[str], extra: list[str] | None = None, extra_weight: float = 0.5) -> SparseEmbedding:
    """Weight 1 per distinct query lemma: the IDF modifier supplies the rest of the BM25 score.

    ``extra`` lemmas (a thesaurus's statutory words for the question's everyday ones) that the
    question does not hold get ``extra_weight``.
    """
    weights = {term_index(lm): 1.0 for lm in lemmas}
    for lm in extra or []:
        weights.setdefault(term_index(lm), extra_weight)
    indices = sorted(weights)
    return SparseEmbedding(indices=indices, values=[weights[i] for i in indices])


def _check_bm25(k1: float, b: float, avg_len: float) -> None:
    if k1 <= 0:
        raise ValueError(f"k1 must be positive, got {k1}")
    if not 0.0 <= b <= 1.0:
        raise ValueError(f"b must be between 0 and 1, got {b}")
    if avg_len <= 0:
        raise ValueError(f"avg_len must be positive, got {avg_len}")


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
        _check_bm25(k1, b, avg_len)
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


@component
class LemmaBM25TextEmbedder:
    """
    Turns a query into a lemma sparse vector for Qdrant's IDF-weighted sparse search.

    Usage example:
    ```python
    LemmaBM25TextEmbedder().run("увольнение за прогулы")["sparse_embedding"]
    LemmaBM25TextEmbedder().run("больничный", expansions=["временная нетрудоспособность"])
    ```
    """

    def __init__(self, expansion_weight: float = 0.5) -> None:
        """
        :param expansion_weight: Weight of the lemmas of ``expansions`` (a question lemma weighs 1).
        :raises ValueError: if ``expansion_weight`` is not between 0 and 1.
        """
        if not 0.0 <= expansion_weight <= 1.0:
            raise ValueError(f"expansion_weight must be between 0 and 1, got {expansion_weight}")
        self.expansion_weight = expansion_weight

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, expansion_weight=self.expansion_weight)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LemmaBM25TextEmbedder":
        return default_from_dict(cls, data)

    @component.output_types(sparse_embedding=SparseEmbedding)
    def run(self, text: str, expansions: list[str] | None = None) -> dict[str, SparseEmbedding]:
        """
        :param text: The query.
        :param expansions: Phrases added to the query at ``expansion_weight`` (see ``QueryExpander``).
        :returns: ``sparse_embedding``: one entry per distinct lemma.
        :raises TypeError: if ``text`` is not a string.
        """
        if not isinstance(text, str):
            raise TypeError("LemmaBM25TextEmbedder expects a string; use LemmaBM25DocumentEmbedder for Documents")
        extra = lemmatize(" ".join(expansions)) if expansions and self.expansion_weight > 0 else None
        return {"sparse_embedding": bm25_query_vector(lemmatize(text), extra, self.expansion_weight)}
