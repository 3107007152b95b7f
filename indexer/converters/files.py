"""What every file converter does around its format: size limit, hashing, meta, reporting bad files.

A converter supplies one function, ``(path, bytes) -> (text, extra meta)``, that raises
``ValueError`` with a reason a user can act on; ``convert_files`` does the rest the same way for
every format, so all Documents carry the same meta and every bad file is reported the same way.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any, Callable

from haystack import Document

from pravo.core.russian.text import normalize_text
from pravo.core.types import Failure

logger = logging.getLogger(__name__)

#: ``(path, file bytes) -> (text, extra meta)``; raises ValueError with the reason the file is unusable.
Convert = Callable[[Path, bytes], tuple[str, dict[str, Any]]]

DEFAULT_MAX_BYTES = 100 * 1024 * 1024


def check_max_bytes(max_bytes: int) -> int:
    """:raises ValueError: if ``max_bytes`` is not positive."""
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    return max_bytes


def read_file(path: Path, max_bytes: int) -> bytes:
    """The file's bytes.

    :raises ValueError: if the file is empty or larger than ``max_bytes``.
    :raises OSError: if it cannot be read.
    """
    size = path.stat().st_size
    if size == 0:
        raise ValueError("the file is empty")
    if size > max_bytes:
        raise ValueError(f"the file is {size:,} bytes, over the limit of {max_bytes:,} (PRAVO_MAX_FILE_BYTES)")
    return path.read_bytes()


def failure(path: Path | str, error: BaseException | str, line: int | None = None) -> Failure:
    """Log a skipped file (or ``line`` of a bulk file) and return its :class:`Failure`."""
    if isinstance(error, OSError) and error.strerror:
        reason = error.strerror
    else:
        reason = str(error)
    found = Failure(str(path), reason, line)
    logger.warning("Skipping %(path)s: %(reason)s", {"path": path, "reason": found.message()})
    return found


def check_meta(sources: list[Any], meta: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """One meta dict per source.

    :raises ValueError: if ``meta`` has another length than ``sources``.
    """
    if meta is None:
        return [{} for _ in sources]
    if len(meta) != len(sources):
        raise ValueError(f"got {len(sources)} sources but {len(meta)} meta dicts; give one meta per source")
    return meta


def convert_files(
    sources: list[str | Path], meta: list[dict[str, Any]] | None, max_bytes: int, convert: Convert
) -> dict[str, Any]:
    """Run ``convert`` on each file; a file that fails is logged and reported, the others go on.

    :param meta: One dict per source, merged last into its Document's meta. A ``content_hash`` given
        there (the incremental runner hashed the file already, to see whether it changed) is kept,
        not computed again.
    :returns: ``documents`` (``id`` = ``doc_id``; meta ``doc_id`` (the stem unless given),
        ``file_path``, ``content_hash`` (SHA-256 of the bytes), ``encoding`` and whatever ``convert``
        adds, then the given meta) and ``failures`` (one :class:`~pravo.core.types.Failure` a file).
    :raises ValueError: if ``meta`` is given with another length than ``sources``.
    """
    documents: list[Document] = []
    failures: list[Failure] = []
    for source, extra in zip(sources, check_meta(sources, meta)):
        path = Path(source)
        try:
            data = read_file(path, max_bytes)
            text, found = convert(path, data)
            text = normalize_text(text)
            if not text.strip():
                raise ValueError("the file holds no text")
        except (OSError, ValueError) as e:
            failures.append(failure(path, e))
            continue
        doc_meta = {
            "doc_id": path.stem,
            "file_path": str(path),
            "content_hash": extra.get("content_hash") or hashlib.sha256(data).hexdigest(),
            "encoding": None,
            **found,
            **extra,
        }
        documents.append(Document(id=doc_meta["doc_id"], content=text, meta=doc_meta))
    return {"documents": documents, "failures": failures}


def join_lines(lines: list[str]) -> str:
    """One paragraph per line, runs of blank lines kept to one, as the legal splitter expects."""
    out: list[str] = []
    for line in lines:
        line = " ".join(line.split())
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n" if out else ""
