"""Incremental indexing: what changed since the last run is indexed, the rest is left alone.

A document is skipped when its file's SHA-256 and the indexing fingerprint match the record in
the store: no file is parsed and no model is loaded for it. Changed documents replace their old
chunks; documents gone from an indexed folder are removed.

A ``.jsonl`` bulk file holds one document per line, each with the SHA-256 of its line: only new
and changed lines are converted and embedded, lines gone from the file are removed, and while a
file has unreadable lines none of its indexed lines is removed (an unreadable line may be one of
them). A bulk file is parsed once: the lines found new or changed go to the converter as read.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from haystack.core.errors import PipelineRuntimeError

from pravo.indexer.converters.jsonl import JsonlLine, JsonlRead, read_jsonl
from pravo.indexer.discovery import SourceFile, discover
from pravo.core.store import store_from_settings
from pravo.indexer.pipeline import build_indexing_pipeline, indexing_fingerprint
from pravo.core.errors import unwrap
from pravo.core.store import ChunkIndex, DocumentRegistry, QdrantStore
from pravo.core.store.schema import model_error
from pravo.indexer.links import refresh_index
from pravo.core.settings import Settings
from pravo.core.types import Failure

logger = logging.getLogger(__name__)

#: Files per pipeline run: large enough for length-sorted embedding batches, small enough to bound memory.
FILES_PER_RUN = 64
BYTES_PER_RUN = 4 * 1024 * 1024
#: Most characters of parsed ``.jsonl`` lines kept from the check for the converter, which then
#: does not parse those files again. Past it a file is parsed twice, which costs little beside
#: embedding what changed: read_jsonl took 34 s for a generated 152 MB dump (2 shared cores), while
#: the 1.6 MB Labour Code takes 184 s to index (README, «Speed and memory»).
PARSED_CHARS_KEPT = 16 * 1024 * 1024


@dataclass
class IndexReport:
    """What one ``pravo index`` run did."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, Failure.message()): what the user reads
    chunks: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """The one-line summary printed at the end of a run."""
        return (
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, {self.removed} removed, "
            f"{len(self.failed)} failed; {self.chunks} chunks written in {self.seconds:.1f} s"
        )


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file_meta(source: SourceFile, fingerprint: str, content_hash: str | None) -> dict[str, str]:
    """The meta the converter gives the file's Documents; ``content_hash``, when the file was hashed
    here to see whether it changed, so the converter does not hash it again (a ``.jsonl`` has none:
    each of its lines has its own). Should the file change in between, the next run sees another
    hash than the one recorded and indexes it again."""
    meta = {"doc_id": source.doc_id, "root": source.root, "fingerprint": fingerprint}
    if content_hash is not None:
        meta["content_hash"] = content_hash
    return meta


def _batches(files: list[SourceFile]) -> list[list[SourceFile]]:
    batches: list[list[SourceFile]] = []
    current: list[SourceFile] = []
    size = 0
    for source in files:
        length = source.path.stat().st_size
        if current and (len(current) >= FILES_PER_RUN or size + length > BYTES_PER_RUN):
            batches.append(current)
            current, size = [], 0
        current.append(source)
        size += length
    if current:
        batches.append(current)
    return batches


class _BulkFiles:
    """Incremental bookkeeping for ``.jsonl`` bulk files, whose documents are their lines."""

    def __init__(self) -> None:
        self.indexed: dict[str, str] = {}  # unchanged lines: doc_id → content hash, not converted again
        self.changed: dict[str, list[str]] = {}  # file path → doc_ids of its new or changed lines
        self.read_paths: set[str] = set()  # files read: their lines no longer there are removed
        self.keep_prefixes: list[str] = []  # files with unreadable lines: none of their old lines is removed
        self.present: list[str] = []  # doc_ids of the file last checked
        self.parsed: dict[str, JsonlRead] = {}  # file path → its new and changed lines and bad lines, as read
        self._parsed_chars = 0

    def check(
        self, source: SourceFile, max_bytes: int, is_current: Callable[[str, str], bool], report: IndexReport
    ) -> bool:
        """Compare each line of ``source`` with the index; True if some line needs indexing.

        A file with nothing to index has its bad lines reported here (no pipeline run will).
        """
        self.present = []
        try:
            lines, bad = read_jsonl(source.path, source.doc_id, max_bytes)
        except (OSError, ValueError) as e:
            reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            report.failed.append((str(source.path), reason))
            self.keep_prefixes.append(source.doc_id + "/")
            return False
        self.read_paths.add(str(source.path))
        if bad:
            self.keep_prefixes.append(source.doc_id + "/")
        self.present = [line.doc_id for line in lines]
        changed: list[JsonlLine] = []
        for line in lines:
            if is_current(line.doc_id, line.content_hash):
                report.unchanged += 1
                self.indexed[line.doc_id] = line.content_hash
            else:
                changed.append(line)
        if not changed:
            report.failed.extend((f.path, f.message()) for f in bad)
            return False
        self.changed[str(source.path)] = [line.doc_id for line in changed]
        chars = sum(len(line.text) for line in changed)
        if self._parsed_chars + chars <= PARSED_CHARS_KEPT:  # else the converter reads the file again
            self.parsed[str(source.path)] = (changed, bad)
            self._parsed_chars += chars
        return True

    def take_parsed(self, batch: list[SourceFile]) -> dict[str, JsonlRead]:
        """What was read of the batch's bulk files, for the converter (and no longer held here)."""
        return {str(s.path): self.parsed.pop(str(s.path)) for s in batch if str(s.path) in self.parsed}


def check_embedding_model(store: QdrantStore, settings: Settings, info: dict | None, names: set[str]) -> None:
    """Refuse early, before any model loads, to add to an index built with another embedding model
    or by an older pravo.

    :param names: The collections that exist.
    :raises StoreError: naming both models (or the missing vectors) and the fix.
    """
    if store.collection in names:
        ChunkIndex(store).check_schema()
    if info and info.get("embedding_model") not in (None, settings.embedding_model):
        raise model_error(store.location, store.collection, info, settings.embedding_model, None)


def index_paths(
    paths: list[Path],
    settings: Settings,
    recreate: bool = False,
    progress_bar: bool = False,
    on_batch: Callable[[int, int], None] | None = None,
    store: QdrantStore | None = None,
) -> IndexReport:
    """Index files and folders incrementally.

    :param paths: Files and folders to index.
    :param settings: pravo's settings.
    :param recreate: Drop the index first and rebuild it from ``paths``.
    :param progress_bar: Show the embedding progress bar (on a terminal).
    :param on_batch: Called with (files done, files to index) after each pipeline run.
    :param store: The store to use; from the settings when None.
    :returns: What was done; ``failed`` names each file skipped and why.
    :raises ConfigurationError: if a path does not exist or has an unsupported type.
    :raises StoreError: if the store cannot be opened or was built with another embedding model.
    """
    started = time.perf_counter()
    report = IndexReport()
    files, folder_roots, skipped = discover(paths)
    report.failed.extend(skipped)
    store = store or store_from_settings(settings)
    if recreate:
        ChunkIndex(store).recreate()
    names = store.collection_names()
    known, info = DocumentRegistry(store).load(names=names)
    check_embedding_model(store, settings, info, names)
    fingerprint = indexing_fingerprint(settings)

    def is_current(doc_id: str, content_hash: str) -> bool:
        record = known.get(doc_id)
        return bool(record) and record.get("content_hash") == content_hash and record.get("fingerprint") == fingerprint

    to_index: list[SourceFile] = []
    hashes: dict[str, str] = {}  # file path → its SHA-256, handed to the converter so it is not computed twice
    present = {f.doc_id for f in files}
    # .jsonl bulk files hold one document per line, each with the hash of its line
    bulk = _BulkFiles()
    for source in files:
        if source.path.suffix.lower() == ".jsonl":
            if bulk.check(source, settings.max_file_bytes, is_current, report):
                to_index.append(source)
            present.update(bulk.present)
            continue
        try:
            digest = _file_hash(source.path)
        except OSError as e:
            report.failed.append((str(source.path), e.strerror or str(e)))
            continue
        record = known.get(source.doc_id)
        if record and record.get("content_hash") == digest and record.get("fingerprint") == fingerprint:
            report.unchanged += 1
            continue
        hashes[str(source.path)] = digest
        to_index.append(source)

    gone = [
        d
        for d, r in known.items()
        if d not in present
        and (r.get("root") in folder_roots or r.get("file_path") in bulk.read_paths)
        and not d.startswith(tuple(bulk.keep_prefixes))
    ]
    if gone:
        ChunkIndex(store).delete_documents(gone)
        DocumentRegistry(store).delete(gone)
        for doc_id in gone:
            known.pop(doc_id, None)
        report.removed = len(gone)
        logger.info("Removed %(n)d documents no longer on disk", {"n": len(gone)})

    if to_index:
        pipeline = build_indexing_pipeline(settings, store=store, progress_bar=progress_bar)
        done = 0
        for batch in _batches(to_index):
            try:
                result = pipeline.run(
                    {
                        "converter": {
                            "sources": [str(s.path) for s in batch],
                            "meta": [_file_meta(s, fingerprint, hashes.get(str(s.path))) for s in batch],
                            "indexed": bulk.indexed,
                            "parsed": bulk.take_parsed(batch),
                        },
                        "writer": {"index_info": info or {}},  # {}: no index record yet
                    },
                    include_outputs_from={"writer"},
                )
            except PipelineRuntimeError as e:
                raise unwrap(e) from e
            failures: list[Failure] = result.get("converter", {}).get("failures", [])
            # a bad line of a bulk file is not the whole file: the file's other lines were indexed
            failed_paths = {f.path for f in failures if f.whole_file}
            report.failed.extend((f.path, f.message()) for f in failures)
            written = result.get("writer", {})
            report.chunks += written.get("chunks_written", 0)
            written_records = {r["doc_id"]: r for r in written.get("records", [])}
            for source in batch:
                if str(source.path) in failed_paths:
                    continue
                if str(source.path) in bulk.changed:
                    for doc_id in bulk.changed[str(source.path)]:
                        if doc_id in known:
                            report.updated += 1
                        else:
                            report.new += 1
                    continue
                if source.doc_id in known:
                    report.updated += 1
                else:
                    report.new += 1
            known.update(written_records)
            done += len(batch)
            if on_batch:
                on_batch(done, len(to_index))
    # which documents mention which acts, over the whole registry; the corpus centroid if chunks changed
    refresh_index(store, known, chunks_changed=bool(gone) or report.chunks > 0)
    report.seconds = time.perf_counter() - started
    return report
