"""The typed values that cross stages, each defined once.

- :data:`REQUISITE_FIELDS`: the requisites of a document (what a citation label and a filter need).
- :func:`document_version`: which version of a document a chunk belongs to (its ``doc_hash``).
- :class:`Failure`: a file (or a line of a bulk file) that could not be indexed, and why.
- :class:`ChunkVectors`: a chunk's stored vectors as they travel with it between components.

**The deep-copy convention.** Haystack deep-copies every component input; a list of floats is
copied element by element (with a Protocol ``isinstance`` check each: about 8 ms for 384 floats on
2 cores), a numpy array in one call. So every vector that crosses a component boundary is a numpy
``float32`` array: the query embedding (``np.ndarray``), and a chunk's own vectors in
``Document.meta[VECTORS_META]`` as one :class:`ChunkVectors`. Measured: warm search p50 77 → 62 ms
when the query vector became an array; indexing 242 → 204.5 s on the Labour Code with the window
vectors as arrays (README, «Speed and memory»).

The other places where pravo meets the framework, each solved once:

- Qdrant points are built in one pure function, :func:`pravo.core.store.points.chunk_points`, which
  sets the dense and window vectors on the point itself (``Document.to_dict`` would walk them).
- Models are named in a pipeline and resolved to a folder only in ``warm_up()``
  (:func:`pravo.core.models.warm_up_resolved`), so a saved pipeline holds no machine path.
- ``@component`` rebuilds a class, so subclasses of sentence-transformers-haystack's embedders call
  the base class's methods explicitly (``Base.run(self, ...)``), never through ``super()``.
- The passage embedder wraps the library's backend (``_TokenSortedBackend``) to batch by tokens;
  it is the one place a library object is replaced (with the arrays above: 1,779 → 2,340 tokens/s
  on the Labour Code).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: A document's requisites, in every record, chunk payload, hit and citation label.
REQUISITE_FIELDS = ("source", "title", "doc_type", "number", "date", "issuer", "jurisdiction")

#: ``Document.meta`` key of a chunk's :class:`ChunkVectors` (never stored as payload).
VECTORS_META = "_vectors"


def document_version(meta: dict[str, Any]) -> str | None:
    """Identifies one version of a document as indexed: its content hash and the indexing fingerprint.

    Chunks carry it as ``doc_hash`` and records as ``content_hash`` + ``fingerprint``; after a
    re-index, chunks with another value are stale.
    """
    content_hash = meta.get("content_hash")
    if content_hash is None:
        return None
    fingerprint = meta.get("fingerprint")
    return f"{content_hash}-{fingerprint}" if fingerprint else str(content_hash)


@dataclass(frozen=True)
class Failure:
    """Something the indexer could not read: a whole file, or one line of a ``.jsonl`` bulk file.

    :param path: The file.
    :param reason: What was wrong and how to fix it.
    :param line: The 1-based line of a bulk file; None when the whole file failed.
    """

    path: str
    reason: str
    line: int | None = None

    @property
    def whole_file(self) -> bool:
        return self.line is None

    def message(self) -> str:
        """The reason as the user reads it: «line 3: …» for a line of a bulk file."""
        return self.reason if self.line is None else f"line {self.line}: {self.reason}"


@dataclass(frozen=True)
class ChunkVectors:
    """A chunk's vectors: the chunk embedding, one embedding per sentence window, the sparse terms.

    ``windows`` rows are in the order of :func:`pravo.core.russian.prose.sentence_window_spans` of
    the chunk's text, which lets the answer builder score a window without embedding it again.
    """

    dense: np.ndarray | None = None
    windows: np.ndarray | None = None
    terms: frozenset[int] = field(default_factory=frozenset)


def chunk_vectors(meta: dict[str, Any]) -> ChunkVectors:
    """The :class:`ChunkVectors` a chunk carries (empty when it carries none)."""
    found = meta.get(VECTORS_META)
    return found if isinstance(found, ChunkVectors) else ChunkVectors()


def as_matrix(rows: Any) -> np.ndarray | None:
    """Rows of floats as one float32 array (None when there are none)."""
    if rows is None:
        return None
    array = np.asarray(rows, dtype=np.float32)
    return array if array.size else None


def target_mention_keys(doc_type: str | None, number: str | None) -> list[str]:
    """Keys a document that mentions the act (``doc_type``, ``number``) carries in ``meta.mention_keys``."""
    if not number:
        return []
    n = str(number).lower()
    return [f"№{n}", f"{doc_type or '*'}/№{n}"]


def query_mention_keys(doc_type: str | None, number: str) -> list[str]:
    """Keys matching the documents that mention an act a query names by number (and maybe kind):
    with a kind, acts of that kind or of none recorded; without one, any act with that number."""
    n = str(number).lower()
    return [f"{doc_type}/№{n}", f"*/№{n}"] if doc_type else [f"№{n}"]
