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
from functools import lru_cache

from haystack.dataclasses import SparseEmbedding

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


def check_bm25(k1: float, b: float, avg_len: float) -> None:
    if k1 <= 0:
        raise ValueError(f"k1 must be positive, got {k1}")
    if not 0.0 <= b <= 1.0:
        raise ValueError(f"b must be between 0 and 1, got {b}")
    if avg_len <= 0:
        raise ValueError(f"avg_len must be positive, got {avg_len}")
