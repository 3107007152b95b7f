"""The indexing pipeline: file → Document → requisites → chunks → dense and sparse vectors → Qdrant.

```
converter ─documents→ requisites ─→ mentions ─documents→ splitter ─chunks→ dense ─→ [windows] ─→ sparse ─→ writer.chunks
                                              └──────────────────────documents──────────────────────→ writer.documents
```

After the runs, :func:`pravo.indexer.links.refresh_index` resolves the mentions over the whole
registry and writes the links to the chunks.
"""

from __future__ import annotations

import hashlib
import json

from haystack import Pipeline

from pravo.indexer.classifiers.mentions import MentionsExtractor
from pravo.indexer.classifiers.requisites import RequisitesExtractor
from pravo.indexer.converters.any_format import AnyFormatToDocument
from pravo.indexer.embedders.dense import dense_document_embedder, sentence_window_embedder
from pravo.indexer.embedders.sparse import LemmaBM25DocumentEmbedder
from pravo.indexer.preprocessors.legal_splitter import LegalDocumentSplitter
from pravo.core.store import QdrantStore, store_from_settings
from pravo.indexer.writers.qdrant_writer import QdrantIndexWriter
from pravo.core.settings import Settings

#: Bump when chunking or vectors change in a way that needs documents re-indexed.
PIPELINE_VERSION = 4


def indexing_fingerprint(settings: Settings) -> str:
    """A short hash of every setting that changes what a document's chunks and vectors are.

    A document whose content is unchanged but whose fingerprint differs is re-indexed.
    """
    relevant = {
        "version": PIPELINE_VERSION,
        "model": settings.embedding_model,
        "passage_prefix": settings.effective_passage_prefix,
        "max_chars": settings.chunk_max_chars,
        "overlap": settings.chunk_overlap_chars,
        "bm25": [settings.bm25_k1, settings.bm25_b, settings.bm25_avg_len],
        "sentences": settings.sentence_max_chars if settings.sentence_vectors else None,
    }
    return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:12]


def build_indexing_pipeline(settings: Settings, store: QdrantStore | None = None, progress_bar: bool = False) -> Pipeline:
    """Assemble the indexing pipeline from the settings.

    Run it with ``{"converter": {"sources": [...], "meta": [...]}}`` (and ``"indexed"``, the content
    hashes already indexed, so unchanged lines of ``.jsonl`` files are skipped, and ``"parsed"``,
    ``.jsonl`` files already read, so they are not read again); its outputs are
    ``converter.failures`` and ``writer.documents_written`` / ``writer.chunks_written``.
    """
    pipeline = Pipeline()
    pipeline.add_component("converter", AnyFormatToDocument(max_bytes=settings.max_file_bytes))
    pipeline.add_component("requisites", RequisitesExtractor())
    pipeline.add_component("mentions", MentionsExtractor())
    pipeline.add_component(
        "splitter", LegalDocumentSplitter(max_chars=settings.chunk_max_chars, overlap_chars=settings.chunk_overlap_chars)
    )
    pipeline.add_component("dense", dense_document_embedder(settings, progress_bar=progress_bar))
    pipeline.add_component(
        "sparse",
        LemmaBM25DocumentEmbedder(
            k1=settings.bm25_k1, b=settings.bm25_b, avg_len=settings.bm25_avg_len, meta_fields_to_embed=["context"]
        ),
    )
    pipeline.add_component(
        "writer", QdrantIndexWriter(store=store or store_from_settings(settings), embedding_model=settings.embedding_model)
    )
    pipeline.connect("converter.documents", "requisites.documents")
    pipeline.connect("requisites.documents", "mentions.documents")
    pipeline.connect("mentions.documents", "splitter.documents")
    pipeline.connect("mentions.documents", "writer.documents")
    pipeline.connect("splitter.chunks", "dense.documents")
    if settings.sentence_vectors:
        pipeline.add_component("windows", sentence_window_embedder(settings, progress_bar=progress_bar))
        pipeline.connect("dense.documents", "windows.documents")
        pipeline.connect("windows.documents", "sparse.documents")
    else:
        pipeline.connect("dense.documents", "sparse.documents")
    pipeline.connect("sparse.documents", "writer.chunks")
    return pipeline
