"""Passage embedding in batches of near-equal token length.

sentence-transformers sorts texts by their length in characters before batching, and pads each
batch to its longest text in tokens. Characters are a poor guide to tokens: on the Labour Code
(1,162 chunks, 3,932 sentence windows) the model computed 20% more positions than there were
tokens. Sorting by token count brings that to 2%.
"""

from __future__ import annotations

from typing import Any

from haystack import component
from haystack_integrations.components.embedders.sentence_transformers import SentenceTransformersDocumentEmbedder


def token_sorted_batches(lengths: list[int], batch_size: int) -> list[list[int]]:
    """Positions of the texts grouped into batches of similar token length, longest first.

    :raises ValueError: if ``batch_size`` is below 1.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    return [order[start : start + batch_size] for start in range(0, len(order), batch_size)]


class _TokenSortedBackend:
    """Wraps sentence-transformers-haystack's embedding backend: batches are formed by token length.

    Each batch goes to ``SentenceTransformer.encode`` on its own, so the model pads to the
    longest text of a batch of near-equal token counts. The vectors are those of ``encode`` on
    the same texts; only the grouping changes.
    """

    def __init__(self, backend: Any) -> None:
        self._backend = backend
        self.model = backend.model

    def _token_lengths(self, texts: list[str]) -> list[int]:
        tokenizer = getattr(self.model, "tokenizer", None)
        if tokenizer is None or not callable(tokenizer):
            return [len(t) for t in texts]
        limit = self.model.max_seq_length or 512
        ids = tokenizer(texts, add_special_tokens=True, truncation=True, max_length=limit)["input_ids"]
        return [len(x) for x in ids]

    def embed(self, data: list[str], batch_size: int = 32, show_progress_bar: bool = False, **kwargs: Any) -> list[list[float]]:
        if not data:
            return []
        batches = token_sorted_batches(self._token_lengths(data), batch_size)
        vectors: list[list[float]] = [[] for _ in data]
        progress = None
        if show_progress_bar:
            from tqdm.auto import tqdm

            progress = tqdm(total=len(data), desc="Embedding", unit="text")
        for batch in batches:
            embedded = self._backend.embed([data[i] for i in batch], batch_size=len(batch), show_progress_bar=False, **kwargs)
            for position, vector in zip(batch, embedded, strict=True):
                vectors[position] = vector
            if progress is not None:
                progress.update(len(batch))
        if progress is not None:
            progress.close()
        return vectors


@component
class PassageEmbedder(SentenceTransformersDocumentEmbedder):
    """
    sentence-transformers-haystack's document embedder, with batches formed by token length.

    Same init parameters, serialization and vectors as ``SentenceTransformersDocumentEmbedder``;
    on the Labour Code the model computes 16% fewer positions.

    Usage example:
    ```python
    embedder = PassageEmbedder(model="/path/to/model", prefix="passage: ", normalize_embeddings=True)
    embedder.warm_up()
    chunks = embedder.run(chunks)["documents"]
    ```
    """

    def warm_up(self) -> None:
        """Load the model (one instance per model and settings, shared by all components)."""
        if self.embedding_backend is None:
            SentenceTransformersDocumentEmbedder.warm_up(self)  # not super(): @component rebuilds the class
            self.embedding_backend = _TokenSortedBackend(self.embedding_backend)  # type: ignore[assignment]
