"""HTML pages (pravo.by, pravo.gov.ru, news sites) → the document's own text, one paragraph per line.

The main text is found by trafilatura, the extractor Haystack's ``HTMLToDocument`` uses; before
that, the elements that are never the document (scripts, styles, navigation, header, footer,
forms) are dropped. Haystack's converter logs and drops a page it cannot read; this one reports it.
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict
from haystack.lazy_imports import LazyImport

from pravo.indexer.converters.files import DEFAULT_MAX_BYTES, check_max_bytes, convert_files, join_lines
from pravo.core.russian.text import decode_bytes
from pravo.core.types import Failure

with LazyImport("Run 'pip install trafilatura lxml_html_clean'") as trafilatura_import:
    import lxml.html
    from trafilatura import extract

logger = logging.getLogger(__name__)

#: Elements that never hold the document's text.
NON_CONTENT_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.-]+)""", re.IGNORECASE)


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode a page: BOM, then the ``<meta charset>`` it declares, then UTF-8/CP1251/KOI8-R detection.

    :returns: ``(html, encoding)``.
    :raises ValueError: if the bytes are not text.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    declared = _CHARSET.search(data[:8192])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            encoding = codecs.lookup(name).name
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            logger.info("The page declares charset %(name)s but is not in it; detecting", {"name": name})
    text, encoding = decode_bytes(data)
    return text, encoding


def html_to_text(markup: str, extraction_kwargs: dict[str, Any] | None = None) -> str:
    """The main text of a page, one paragraph per line.

    :raises ValueError: if the page has no text that trafilatura takes for content.
    """
    trafilatura_import.check()
    try:
        tree = lxml.html.document_fromstring(markup)
    except (ValueError, lxml.etree.ParserError) as e:
        raise ValueError(f"not a readable HTML page ({e})") from e
    for element in tree.xpath("|".join(f"//{tag}" for tag in NON_CONTENT_TAGS)):
        element.drop_tree()
    kwargs = {"include_tables": True, "include_comments": False, "include_images": False, "deduplicate": False}
    kwargs.update(extraction_kwargs or {})
    text = extract(tree, **kwargs)
    if not text or not text.strip():
        raise ValueError("no document text found in the page")
    return join_lines(text.splitlines())


@component
class RussianHTMLToDocument:
    """
    Converts ``.html``/``.htm`` pages to Documents holding the document's text only: no navigation,
    scripts, styles, headers or footers. Paragraphs stay one per line, so the legal splitter finds
    «Статья», «Глава» and points «1.», «1.1.» at line starts as in a ``.txt``. The encoding is the
    page's declared charset, else detected (UTF-8, CP1251, KOI8-R). A page that cannot be read is
    logged and reported in ``failures``; the other files go on.

    Usage example:
    ```python
    converter = RussianHTMLToDocument()
    result = converter.run(sources=["pravo_by/p443.html"], meta=[{"doc_id": "acts/p443"}])
    result["documents"][0].content.splitlines()[0]  # "ПОСТАНОВЛЕНИЕ СОВЕТА МИНИСТРОВ РЕСПУБЛИКИ БЕЛАРУСЬ"
    ```
    """

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES, extraction_kwargs: dict[str, Any] | None = None) -> None:
        """
        :param max_bytes: Files larger than this are refused with a reason.
        :param extraction_kwargs: Passed to trafilatura's ``extract`` (e.g. ``{"favor_recall": True}``).
        :raises ValueError: if ``max_bytes`` is not positive.
        """
        trafilatura_import.check()
        self.max_bytes = check_max_bytes(max_bytes)
        self.extraction_kwargs = extraction_kwargs or {}

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, max_bytes=self.max_bytes, extraction_kwargs=self.extraction_kwargs)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RussianHTMLToDocument":
        return default_from_dict(cls, data)

    def _convert(self, path: Path, data: bytes) -> tuple[str, dict[str, Any]]:
        markup, encoding = decode_html(data)
        return html_to_text(markup, self.extraction_kwargs), {"encoding": encoding}

    @component.output_types(documents=list[Document], failures=list[Failure])
    def run(self, sources: list[str | Path], meta: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """
        :param sources: File paths.
        :param meta: One dict per source merged into the Document's meta; ``doc_id`` defaults to the file stem.
        :returns: ``documents`` (meta ``doc_id``, ``file_path``, ``content_hash``, ``encoding``) and
            ``failures`` (a :class:`~pravo.core.types.Failure` for each file skipped).
        :raises ValueError: if ``meta`` is given with another length than ``sources``.
        """
        return convert_files(sources, meta, self.max_bytes, self._convert)
