"""A query → its lemma sparse vector (the formula and the term hashing: :mod:`pravo.core.sparse`)."""

from __future__ import annotations

from typing import Any

from haystack import component, default_from_dict, default_to_dict
from haystack.dataclasses import SparseEmbedding

from pravo.core.russian.morphology import lemmatize
from pravo.core.sparse import bm25_query_vector


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
