"""Word ``.docx`` files (exports of legal databases such as ЭТАЛОН) → text, one paragraph per line.

Read with python-docx, the library Haystack's ``DOCXToDocument`` uses. Body paragraphs and table
cells come in document order; Word's automatic numbering («1.», «1.1.», «а)») is written out,
because in a decree it is the point structure. Page headers and footers are left out.
"""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path
from typing import Any, Iterator

from haystack import Document, component, default_from_dict, default_to_dict
from haystack.lazy_imports import LazyImport

from pravo.indexer.converters.files import DEFAULT_MAX_BYTES, check_max_bytes, convert_files, join_lines
from pravo.core.types import Failure

with LazyImport("Run 'pip install python-docx'") as docx_import:
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

logger = logging.getLogger(__name__)

_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"  # Word's russianLower skips ё, й, ъ, ы, ь
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _letters(n: int, alphabet: str) -> str:
    """Word's letter numbering: a…z, then aa…zz."""
    return alphabet[(n - 1) % len(alphabet)] * ((n - 1) // len(alphabet) + 1)


def _roman(n: int) -> str:
    out = ""
    for value, digits in _ROMAN:
        while n >= value:
            out, n = out + digits, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """One level's number as Word shows it for ``w:numFmt``."""
    if fmt in ("russianLower", "russianUpper"):
        letters = _letters(n, _RUSSIAN)
        return letters.upper() if fmt == "russianUpper" else letters
    if fmt in ("lowerLetter", "upperLetter"):
        letters = _letters(n, "abcdefghijklmnopqrstuvwxyz")
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class Numbering:
    """Word's list numbering (``numbering.xml``), counted as paragraphs come: «1.», «1.1.», «а)»."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # abstract id → ilvl → (start, fmt, text)
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        for abstract in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.findall(qn("w:lvl")):
                start = lvl.find(qn("w:start"))
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                    int(start.get(qn("w:val"), "1")) if start is not None else 1,
                    fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
                    text.get(qn("w:val"), "") if text is not None else "",
                )
            self.levels[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self.abstract_of[num.get(qn("w:numId"))] = ref.get(qn("w:val"))

    def label(self, paragraph: Any) -> str:
        """The number Word shows before ``paragraph`` («2.1.»), or "" when it has none."""
        ppr = paragraph._p.pPr
        numpr = ppr.numPr if ppr is not None else None
        if numpr is None or numpr.numId is None:
            return ""
        abstract = self.abstract_of.get(str(numpr.numId.val))
        levels = self.levels.get(abstract or "")
        if not levels:
            return ""
        ilvl = numpr.ilvl.val if numpr.ilvl is not None else 0
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = levels[ilvl][2]
        for level in range(ilvl, -1, -1):
            if level in levels:
                n = counters.get(level, levels[level][0])
                text = text.replace(f"%{level + 1}", format_number(n, levels[level][1]))
        return text


def _blocks(parent: Any, document: Any, numbering: Numbering) -> Iterator[str]:
    """Paragraph texts under ``parent`` (the body, a cell, a content control) in order; tables cell by
    cell (a merged cell is one ``w:tc``, its continuations are empty)."""
    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            label = numbering.label(paragraph)
            text = paragraph.text
            yield f"{label} {text}" if label and text.strip() else text
        elif child.tag == qn("w:tbl"):
            for row in child.iterchildren(qn("w:tr")):
                for cell in row.iterchildren(qn("w:tc")):
                    yield from _blocks(cell, document, numbering)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content, document, numbering)


def docx_to_text(data: bytes) -> str:
    """The text of a ``.docx``: paragraphs and table cells in order, one per line.

    :raises ValueError: if the file is not a readable Word document.
    """
    docx_import.check()
    stream = io.BytesIO(data)
    if not zipfile.is_zipfile(stream):
        raise ValueError("not a DOCX file (it is not a ZIP package); a .doc from Word 97-2003 must be saved as .docx")
    try:
        document = docx.Document(stream)
        numbering = Numbering(document)
        lines = list(_blocks(document.element.body, document, numbering))
    except Exception as e:  # noqa: BLE001 - python-docx and lxml raise many kinds for a damaged package
        raise ValueError(f"not a readable DOCX file ({type(e).__name__}: {e})") from e
    return join_lines(lines)


@component
class RussianDOCXToDocument:
    """
    Converts ``.docx`` files to Documents: paragraphs and table cells in document order, one per
    line, with Word's automatic numbering written out (the points of a decree). A damaged or
    mislabelled file is logged and reported in ``failures``; the other files go on.

    Usage example:
    ```python
    converter = RussianDOCXToDocument()
    result = converter.run(sources=["etalon/p443.docx"], meta=[{"doc_id": "acts/p443"}])
    result["documents"][0].content.splitlines()[0]  # "ПОСТАНОВЛЕНИЕ СОВЕТА МИНИСТРОВ РЕСПУБЛИКИ БЕЛАРУСЬ"
    ```
    """

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        """
        :param max_bytes: Files larger than this are refused with a reason.
        :raises ValueError: if ``max_bytes`` is not positive.
        """
        docx_import.check()
        self.max_bytes = check_max_bytes(max_bytes)

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, max_bytes=self.max_bytes)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RussianDOCXToDocument":
        return default_from_dict(cls, data)

    @component.output_types(documents=list[Document], failures=list[Failure])
    def run(self, sources: list[str | Path], meta: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """
        :param sources: File paths.
        :param meta: One dict per source merged into the Document's meta; ``doc_id`` defaults to the file stem.
        :returns: ``documents`` (meta ``doc_id``, ``file_path``, ``content_hash``, ``encoding`` = None)
            and ``failures`` (a :class:`~pravo.core.types.Failure` for each file skipped).
        :raises ValueError: if ``meta`` is given with another length than ``sources``.
        """
        return convert_files(sources, meta, self.max_bytes, lambda path, data: (docx_to_text(data), {}))
