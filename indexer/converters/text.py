"""Plain text and Markdown files → one Haystack Document each, text normalised for indexing."""

from __future__ import annotations

import logging
import unicodedata
from pathlib import Path
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict

from pravo.indexer.converters.files import DEFAULT_MAX_BYTES, check_max_bytes, convert_files
from pravo.core.russian.text import decode_bytes, normalize_text
from pravo.core.types import Failure

logger = logging.getLogger(__name__)

#: Share of control and box-drawing characters above which decoded "text" is taken for binary data.
_MAX_JUNK_SHARE = 0.02
_WHITESPACE_CONTROLS = frozenset("\n\r\t\f\v")


def junk_share(text: str, sample: int = 20000) -> float:
    """Share of characters in ``text[:sample]`` that no text has: control characters (other than
    line ends and tabs), private-use and box-drawing characters. Bytes of an image or an archive
    decoded as KOI8-R or CP1251 are full of them."""
    head = text[:sample]
    if not head:
        return 0.0
    junk = 0
    for char in head:
        category = unicodedata.category(char)
        if (category == "Cc" and char not in _WHITESPACE_CONTROLS) or category in ("Co", "Cn") or "\u2500" <= char <= "\u259f":
            junk += 1
    return junk / len(head)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file's bytes (UTF-8 with or without BOM, CP1251, KOI8-R) and normalise them.

    :returns: ``(text, encoding)``.
    :raises ValueError: if the bytes are binary or undecodable.
    """
    raw, encoding = decode_bytes(data)
    if junk_share(raw) > _MAX_JUNK_SHARE:
        raise ValueError("the file is binary (control characters throughout), not text")
    return normalize_text(raw), encoding


def _convert(path: Path, data: bytes) -> tuple[str, dict[str, Any]]:
    text, encoding = decode_text(data)
    if not text.strip():
        raise ValueError("the file holds no text, only whitespace")
    return text, {"encoding": encoding}


@component
class RussianTextFileToDocument:
    """
    Reads ``.txt``/``.md`` files in UTF-8 (with or without BOM), CP1251 or KOI8-R into Documents.

    Line ends, non-breaking spaces, soft hyphens and zero-width characters are normalised; the
    normalised text is what every offset in the index refers to. A file that cannot be read
    (empty, too large, binary, undecodable) is logged and reported in ``failures``; the other
    files go on.

    Usage example:
    ```python
    converter = RussianTextFileToDocument()
    result = converter.run(sources=["corpus/news/intelavto-443.txt"], meta=[{"doc_id": "news/intelavto-443"}])
    result["documents"][0].meta["doc_id"]  # "news/intelavto-443"
    ```
    """

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        """
        :param max_bytes: Files larger than this are refused with a reason.
        :raises ValueError: if ``max_bytes`` is not positive.
        """
        self.max_bytes = check_max_bytes(max_bytes)

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, max_bytes=self.max_bytes)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RussianTextFileToDocument":
        return default_from_dict(cls, data)

    @component.output_types(documents=list[Document], failures=list[Failure])
    def run(self, sources: list[str | Path], meta: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """
        :param sources: File paths.
        :param meta: One dict per source merged into the Document's meta; ``doc_id`` defaults to the file stem.
        :returns: ``documents`` (``id`` = ``doc_id``; meta ``doc_id``, ``file_path``, ``content_hash``,
            ``encoding``) and ``failures`` (a :class:`~pravo.core.types.Failure` for each file skipped).
        :raises ValueError: if ``meta`` is given with another length than ``sources``.
        """
        return convert_files(sources, meta, self.max_bytes, _convert)
