"""After an index run: links between documents and the corpus statistics, over the whole registry.

Each record's ``mentions`` were found while it was indexed (:class:`MentionsExtractor`); here they
are resolved against every indexed act (:func:`pravo.core.russian.mentions.resolve_links`), and
each document's links are written where search reads them: on its chunks (``meta.mentions``,
``meta.mentioned_by``, ``meta.mention_keys``), so hits carry them and the retriever can bring the
texts mentioning a named act without reading the registry. Records keep the resolved mentions, who
mentions them, and the links last written to their chunks, so only what changed is written.

The corpus centroid (the mean sentence-window vector the answer builder compares a question with)
is computed here too, whenever the chunks changed, and kept in the index record.
"""

from __future__ import annotations

import logging
from typing import Any

from pravo.core.russian.mentions import mentioned_doc_ids, resolve_links
from pravo.core.store import ChunkIndex, DocumentRegistry, QdrantStore
from pravo.core.store.ids import INDEX_RECORD
from pravo.core.types import target_mention_keys

logger = logging.getLogger(__name__)


def chunk_links(mentions: list[dict[str, Any]], mentioned_by: list[str], records: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The link fields a document's chunks carry."""
    targets = mentioned_doc_ids(mentions)
    keys: list[str] = []
    for target in targets:
        record = records.get(target) or {}
        for key in target_mention_keys(record.get("doc_type"), record.get("number")):
            if key not in keys:
                keys.append(key)
    return {"mentions": targets, "mentioned_by": list(mentioned_by), "mention_keys": keys}


def refresh_index(store: QdrantStore, records: dict[str, dict[str, Any]], chunks_changed: bool) -> int:
    """Resolve every document's mentions, write the links that changed, and the centroid if chunks changed.

    :param records: Every document record by doc_id (without text), as after the run.
    :param chunks_changed: Whether chunks were written or deleted in this run.
    :returns: How many documents' links changed.
    """
    mentions_by_doc = {
        doc_id: [{k: v for k, v in m.items() if k != "resolved_doc_id"} for m in record.get("mentions") or []]
        for doc_id, record in records.items()
    }
    resolved, mentioned_by = resolve_links(mentions_by_doc, records)
    record_updates: dict[str, dict[str, Any]] = {}
    chunk_updates: dict[str, dict[str, Any]] = {}
    for doc_id, record in records.items():
        fields = {"mentions": resolved.get(doc_id, []), "mentioned_by": mentioned_by.get(doc_id, [])}
        links = chunk_links(fields["mentions"], fields["mentioned_by"], records)
        if record.get("chunk_links") != links:
            chunk_updates[doc_id] = links
            fields["chunk_links"] = links
        if any(record.get(k) != v for k, v in fields.items()):
            record_updates[doc_id] = fields
    ChunkIndex(store).set_fields(chunk_updates)
    if chunks_changed:
        record_updates[INDEX_RECORD] = {"centroid": ChunkIndex(store).sentence_centroid()}
    DocumentRegistry(store).update(record_updates)
    if chunk_updates:
        logger.info("Links between documents updated for %(n)d documents", {"n": len(chunk_updates)})
    return len(chunk_updates)
