"""RTF files (Word, WordPad and legal databases' exports) → text, one paragraph per line.

Read with striprtf: ``\\'xx`` escapes are decoded in the code page the file declares
(``\\ansicpg1251``, or a font's ``\\fcharset204``), ``\\uN`` escapes as Unicode. Table cells
become lines of their own, like paragraphs.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict
from haystack.lazy_imports import LazyImport

from pravo.indexer.converters.files import DEFAULT_MAX_BYTES, check_max_bytes, convert_files, join_lines
from pravo.core.types import Failure

with LazyImport("Run 'pip install striprtf'") as striprtf_import:
    from striprtf.striprtf import rtf_to_text as _striprtf

logger = logging.getLogger(__name__)

_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")
_CELL = re.compile(r"\\(?:nest)?cell(?![a-zA-Z])")


def rtf_bytes_to_text(data: bytes) -> tuple[str, str]:
    """The text of an RTF file, one paragraph per line.

    :returns: ``(text, code page)``.
    :raises ValueError: if the bytes are not RTF or hold text in no known code page.
    """
    striprtf_import.check()
    if not data.lstrip().startswith(b"{\\rtf"):
        raise ValueError("not an RTF file (it does not start with {\\rtf)")
    declared = _CODEPAGE.search(data[:4096])
    codepage = f"cp{declared.group(1).decode()}" if declared else "cp1252"
    try:
        # RTF is 7-bit ASCII with escapes; raw 8-bit bytes, where present, are in the declared code page
        markup = data.decode(codepage)
    except (LookupError, UnicodeDecodeError):
        markup = data.decode("latin-1")
    markup = _CELL.sub(r"\\par ", markup)
    try:
        text = _striprtf(markup, encoding=codepage, errors="replace")
    except (LookupError, ValueError, IndexError) as e:
        raise ValueError(f"not a readable RTF file ({type(e).__name__}: {e})") from e
    return join_lines(text.splitlines()), codepage


@component
class RussianRTFToDocument:
    """
    Converts ``.rtf`` files to Documents, Cyrillic included whether written as ``\\'xx`` escapes in
    the declared code page (``\\ansicpg1251``) or as ``\\uN`` escapes. Paragraphs and table cells
    become lines. A file that is not RTF is logged and reported in ``failures``; the others go on.

    Usage example:
    ```python
    converter = RussianRTFToDocument()
    result = converter.run(sources=["etalon/p443.rtf"], meta=[{"doc_id": "acts/p443"}])
    result["documents"][0].meta["encoding"]  # "cp1251"
    ```
    """

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        """
        :param max_bytes: Files larger than this are refused with a reason.
        :raises ValueError: if ``max_bytes`` is not positive.
        """
        striprtf_import.check()
        self.max_bytes = check_max_bytes(max_bytes)

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, max_bytes=self.max_bytes)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RussianRTFToDocument":
        return default_from_dict(cls, data)

    @staticmethod
    def _convert(path: Path, data: bytes) -> tuple[str, dict[str, Any]]:
        text, codepage = rtf_bytes_to_text(data)
        return text, {"encoding": codepage}

    @component.output_types(documents=list[Document], failures=list[Failure])
    def run(self, sources: list[str | Path], meta: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """
        :param sources: File paths.
        :param meta: One dict per source merged into the Document's meta; ``doc_id`` defaults to the file stem.
        :returns: ``documents`` (meta ``doc_id``, ``file_path``, ``content_hash``, ``encoding`` = the code
            page) and ``failures`` (a :class:`~pravo.core.types.Failure` for each file skipped).
        :raises ValueError: if ``meta`` is given with another length than ``sources``.
        """
        return convert_files(sources, meta, self.max_bytes, self._convert)
