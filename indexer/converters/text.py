"""Plain text and Markdown files → one Haystack Document each, text normalised for indexing."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict

from indexer.russian.text import decode_bytes, normalize_text

logger = logging.getLogger(__name__)


def read_text_file(path: Path, max_bytes: int) -> tuple[str, str, str]:
    """Read and normalise one text file.

    :returns: ``(text, encoding, sha256 of the bytes)``.
    :raises ValueError: with the reason when the file is empty, too large, binary or undecodable.
    """
    size = path.stat().st_size
    if size == 0:
        raise ValueError("the file is empty")
    if size > max_bytes:
        raise ValueError(f"the file is {size:,} bytes, over the limit of {max_bytes:,} (PRAVO_MAX_FILE_BYTES)")
    data = path.read_bytes()
    raw, encoding = decode_bytes(data)
    text = normalize_text(raw)
    if not text.strip():
        raise ValueError("the file holds no text, only whitespace")
    return text, encoding, hashlib.sha256(data).hexdigest()


@component
class RussianTextFileToDocument:
    """
    Reads ``.txt``/``.md`` files in UTF-8 (with or without BOM), CP1251 or KOI8-R into Documents.

    Line ends, non-breaking spaces, soft hyphens and zero-width characters are normalised; the
    normalised text is what every offset in the index refers to. A file that cannot be read is
    logged and reported in ``failures``; the other files go on.

    Usage example:
    ```python
    converter = RussianTextFileToDocument()
    result = converter.run(sources=["corpus/news/intelavto-443.txt"], meta=[{"doc_id": "news/intelavto-443"}])
    result["documents"][0].meta["doc_id"]  # "news/intelavto-443"
    ```
    """

    def __init__(self, max_bytes: int = 100 * 1024 * 1024) -> None:
        """
        :param max_bytes: Files larger than this are refused with a reason.
        :raises ValueError: if ``max_bytes`` is not positive.
        """
        if max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {max_bytes}")
        self.max_bytes = max_bytes

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, max_bytes=self.max_bytes)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RussianTextFileToDocument":
        return default_from_dict(cls, data)

    @component.output_types(documents=list[Document], failures=list[dict[str, str]])
    def run(self, sources: list[str | Path], meta: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """
        :param sources: File paths.
        :param meta: One dict per source merged into the Document's meta; ``doc_id`` defaults to the file stem.
        :returns: ``documents`` (``id`` = ``doc_id``; meta ``doc_id``, ``file_path``, ``content_hash``,
            ``encoding``) and ``failures`` (``{"path", "reason"}`` for each file skipped).
        :raises ValueError: if ``meta`` is given with another length than ``sources``.
        """
        if meta is None:
            meta = [{} for _ in sources]
        if len(meta) != len(sources):
            raise ValueError(f"got {len(sources)} sources but {len(meta)} meta dicts; give one meta per source")
        documents: list[Document] = []
        failures: list[dict[str, str]] = []
        for source, extra in zip(sources, meta):
            path = Path(source)
            try:
                text, encoding, digest = read_text_file(path, self.max_bytes)
            except (OSError, ValueError) as e:
                reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
                logger.warning("Skipping %(path)s: %(reason)s", {"path": path, "reason": reason})
                failures.append({"path": str(path), "reason": reason})
                continue
            doc_meta = {"doc_id": path.stem, "file_path": str(path), "content_hash": digest, "encoding": encoding, **extra}
            documents.append(Document(id=doc_meta["doc_id"], content=text, meta=doc_meta))
        return {"documents": documents, "failures": failures}
