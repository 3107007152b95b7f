"""Any supported file → Documents: routes each file by its suffix to the converter for its format.

One component rather than Haystack's ``FileTypeRouter`` + converters + ``DocumentJoiner``: the
pipeline keeps one ``converter`` with one ``failures`` output, every converter gets its file's
own meta (``doc_id``…), and a file of an unknown type is a failure, not a silently dropped output.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict

from pravo.indexer.converters.docx import RussianDOCXToDocument
from pravo.indexer.converters.files import DEFAULT_MAX_BYTES, check_max_bytes, check_meta, failure
from pravo.indexer.converters.html import RussianHTMLToDocument
from pravo.indexer.converters.jsonl import JSONLToDocuments, JsonlRead
from pravo.indexer.converters.pdf import RussianPDFToDocument
from pravo.indexer.converters.rtf import RussianRTFToDocument
from pravo.indexer.converters.text import RussianTextFileToDocument
from pravo.core.types import Failure

logger = logging.getLogger(__name__)

#: Suffix → the format's converter class; ``pravo.indexer.discovery`` indexes exactly these suffixes.
CONVERTERS: dict[str, type] = {
    ".txt": RussianTextFileToDocument,
    ".md": RussianTextFileToDocument,
    ".html": RussianHTMLToDocument,
    ".htm": RussianHTMLToDocument,
    ".docx": RussianDOCXToDocument,
    ".pdf": RussianPDFToDocument,
    ".rtf": RussianRTFToDocument,
    ".jsonl": JSONLToDocuments,
}


@component
class AnyFormatToDocument:
    """
    Converts ``.txt``/``.md``, ``.html``/``.htm``, ``.docx``, ``.pdf``, ``.rtf`` and ``.jsonl`` files
    to Documents, each with the converter for its suffix; documents come in the order of the sources.
    Every bad file (or bad line of a ``.jsonl``) is logged and reported in ``failures``; the batch goes on.

    Usage example:
    ```python
    converter = AnyFormatToDocument()
    result = converter.run(sources=["acts/p443.docx", "news/intelavto.html"],
                           meta=[{"doc_id": "acts/p443"}, {"doc_id": "news/intelavto"}])
    result["failures"]  # [] when both were readable
    ```
    """

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        """
        :param max_bytes: Files larger than this are refused with a reason (``PRAVO_MAX_FILE_BYTES``).
        :raises ValueError: if ``max_bytes`` is not positive.
        """
        self.max_bytes = check_max_bytes(max_bytes)
        converters: dict[type, Any] = {}
        self._by_suffix = {
            suffix: converters.setdefault(cls, cls(max_bytes=max_bytes)) for suffix, cls in CONVERTERS.items()
        }

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, max_bytes=self.max_bytes)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "AnyFormatToDocument":
        return default_from_dict(cls, data)

    @component.output_types(documents=list[Document], failures=list[Failure])
    def run(
        self,
        sources: list[str | Path],
        meta: list[dict[str, Any]] | None = None,
        indexed: dict[str, str] | None = None,
        parsed: dict[str, JsonlRead] | None = None,
    ) -> dict[str, Any]:
        """
        :param sources: File paths.
        :param meta: One dict per source merged into its Documents' meta; ``doc_id`` defaults to the file stem.
        :param indexed: ``doc_id → content_hash`` already in the index, for ``.jsonl`` files: their
            unchanged lines are not converted again.
        :param parsed: ``source → (lines, failures)`` of ``.jsonl`` files already read with
            :func:`~pravo.indexer.converters.jsonl.read_jsonl`: converted as given, not read again.
        :returns: ``documents`` and ``failures`` (a :class:`~pravo.core.types.Failure` for each file
            skipped, or each bad line of a ``.jsonl``, whose ``line`` is set).
        :raises ValueError: if ``meta`` is given with another length than ``sources``.
        """
        documents: list[Document] = []
        failures: list[Failure] = []
        for source, extra in zip(sources, check_meta(sources, meta)):
            suffix = Path(source).suffix.lower()
            converter = self._by_suffix.get(suffix)
            if converter is None:
                supported = ", ".join(sorted(CONVERTERS))
                failures.append(failure(source, f"unsupported file type {suffix or '(none)'}; supported: {supported}"))
                continue
            if isinstance(converter, JSONLToDocuments):
                result = converter.run(sources=[source], meta=[extra], indexed=indexed, parsed=parsed)
            else:
                result = converter.run(sources=[source], meta=[extra])
            documents.extend(result["documents"])
            failures.extend(result["failures"])
        return {"documents": documents, "failures": failures}
