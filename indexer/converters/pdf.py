"""PDF files with a text layer → text with whole paragraphs, one per line, and where each page starts.

Read with pypdfium2 (PDFium, Chrome's PDF engine; Haystack's ``PyPDFToDocument`` uses pypdf, which
is slower and loses more layout). A PDF's text comes as printed lines; the paragraphs are put back:

- a line break is kept where the line ended before the right margin with room for the next line's
  first word (the writer ended it), where the next line starts a point, article, chapter or
  appendix («1.», «2.1.», «а)», «Статья 5», «Глава 2», «Приложение»), where it starts at the
  text's usual first-line indent, or is indented after a sentence end; every other break was
  forced by the line width and becomes a space;
- a word hyphenated at a line end is joined: «поста-новление» → «постановление», while a compound
  broken at its own hyphen keeps it («научно-технической», «79-ФЗ»), decided by the Russian dictionary;
- a page number standing alone at the top or bottom of a page is dropped.

``meta["pages"]`` holds the offset in the final text where each page starts, so a citation can
name its page («стр. 3»): the page of offset ``o`` is ``bisect_right(pages, o)``.

A PDF that needs a password, or whose pages have no text layer (a scan), is a failure with the
reason; OCR is not done here.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict
from haystack.lazy_imports import LazyImport

from pravo.indexer.converters.files import DEFAULT_MAX_BYTES, check_max_bytes, convert_files
from pravo.core.russian.text import normalize_text
from pravo.core.types import Failure

with LazyImport("Run 'pip install pypdfium2'") as pdfium_import:
    import pypdfium2 as pdfium

logger = logging.getLogger(__name__)

#: A line that starts a unit of a legal text, never the continuation of the previous line.
STRUCTURE_START = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*\.\s"  # 1.  2.1.  3.2.1.
    r"|\d{1,3}(?:\.\d{1,3})*\)\s"  # 1)  2.1)
    r"|[а-яa-z]\)\s"  # а)  b)
    r"|(?:Статья|СТАТЬЯ)\s+\d"
    r"|(?:Глава|ГЛАВА|Раздел|РАЗДЕЛ)\s+[\dIVXLC]"
    r"|(?:Приложение|ПРИЛОЖЕНИЕ)\b)"
)
#: A list item's dash or bullet; a dash also stands inside sentences, so it starts a line only after «:», «;», «.».
BULLET_START = re.compile(r"^[•▪●–—-]\s")
_PAGE_NUMBER = re.compile(r"^[-–—\s]*\d{1,4}[-–—\s]*$|^(?:стр\.|Страница)\s*\d{1,4}(?:\s*(?:из|/)\s*\d{1,4})?$", re.IGNORECASE)
_SENTENCE_END = tuple(".:;!?»)")
#: PDFium marks a hyphen it takes for a line-end hyphenation with U+FFFE (and joins the lines); other
#: writers leave a hyphen, a soft hyphen or U+2010 at the line end.
_PDFIUM_HYPHEN = "\ufffe"
_LINE_END_HYPHENS = ("-", "\u00ad", "\u2010", "\u2011")
_WORD_TAIL = re.compile(r"([А-Яа-яЁёA-Za-z]+)$")
_WORD_HEAD = re.compile(r"^([А-Яа-яЁёA-Za-z]+)")


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=20000)
def keeps_hyphen(head: str, tail: str) -> bool:
    """Whether «head-» at a line end and «tail» on the next line are a hyphenated compound
    («научно-технической», «заказчиком-координатором») rather than one word hyphenated for the
    line («поста-новление»).

    The hyphenated form known to the dictionary keeps the hyphen; else the joined word known drops
    it; else both halves known words keep it; otherwise (names, rare words) the parts are joined.
    (The dictionary knows some compounds both ways, «гражданско-правовому» and «гражданскоправовому»;
    the hyphenated spelling is the usual one.)
    """
    if not head or not tail or not (head[-1].isalpha() and tail[0].isalpha()):
        return True
    morph = _morph()
    joined, hyphenated = (head + tail).lower(), f"{head}-{tail}".lower()
    if morph.word_is_known(hyphenated):
        return True
    if morph.word_is_known(joined):
        return False
    return len(head) > 2 and morph.word_is_known(head.lower()) and morph.word_is_known(tail.lower())


def _drop_hyphen(head_text: str, tail_text: str) -> bool:
    """Whether the hyphen between ``head_text`` (without it) and ``tail_text`` hyphenated one word."""
    head = _WORD_TAIL.search(head_text[-60:])
    tail = _WORD_HEAD.search(tail_text[:60])
    return bool(head and tail) and not keeps_hyphen(head.group(1), tail.group(1))


def repair_line_hyphens(line: str) -> tuple[str, bool]:
    """Resolve the hyphenations PDFium joined inside ``line`` (marked U+FFFE).

    :returns: the line, and whether it ends in a hyphen that may join it to the next line.
    """
    while _PDFIUM_HYPHEN in line:
        i = line.index(_PDFIUM_HYPHEN)
        if i == len(line) - 1:  # hyphenated across a page: the next line decides
            line = line[:i] + "-"
            break
        line = line[:i] + ("" if _drop_hyphen(line[:i], line[i + 1 :]) else "-") + line[i + 1 :]
    ends_hyphenated = line.endswith(_LINE_END_HYPHENS) and line[-2:-1].isalnum()  # «поста-», «79-» (ФЗ)
    if ends_hyphenated:
        line = line[:-1] + "-"
    return line, ends_hyphenated


@dataclass
class Line:
    """One printed line: its text and where it stands on the page (PDF points)."""

    text: str
    page: int
    left: float
    right: float
    first_word: float  # width of the first word: would it have fitted at the end of the line before?
    char_width: float


def _page_lines(textpage: Any, page_number: int) -> list[Line]:
    text = textpage.get_text_range()
    lines: list[Line] = []
    index = 0
    for raw in re.split(r"(\r\n|\n|\r)", text):
        if raw in ("\r\n", "\n", "\r") or not raw:
            index += len(raw)
            continue
        start, end = index, index + len(raw)
        index = end
        stripped = raw.strip()
        if not stripped:
            continue
        first = start + (len(raw) - len(raw.lstrip()))
        last = start + len(raw.rstrip()) - 1
        space = raw.find(" ", first - start)
        word_end = start + space - 1 if space > 0 else last
        try:
            left = textpage.get_charbox(first)[0]
            right = textpage.get_charbox(last)[2]
            word_right = textpage.get_charbox(word_end)[2]
        except (IndexError, ValueError, pdfium.PdfiumError):  # a line PDFium cannot place: treat as full width
            left, right, word_right = 0.0, float("inf"), 0.0
        first_word = max(word_right - left, 0.0)
        letters = (space if space > 0 else len(raw)) - (first - start)
        lines.append(Line(stripped, page_number, left, right, first_word, first_word / max(letters, 1)))
    # a page number alone at the top or bottom of the page is not text
    for edge in (0, -1):
        if lines and _PAGE_NUMBER.match(lines[edge].text):
            lines.pop(edge)
    return lines


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


@dataclass
class Layout:
    """The text block of a PDF: its left and right edges and the usual first-line indent."""

    left: float
    right: float
    indent: float | None

    @classmethod
    def of(cls, lines: list[Line]) -> "Layout":
        # robust to a line that sticks out (a wide table row, an overflowing header)
        left = _quantile([ln.left for ln in lines], 0.05)
        right = _quantile([ln.right for ln in lines if ln.right != float("inf")], 0.95)
        indents = Counter(round(ln.left - left) for ln in lines if ln.left - left > 2 * max(ln.char_width, 1.0))
        return cls(left, right, float(indents.most_common(1)[0][0]) if indents else None)


def _paragraph_break(prev: Line, line: Line, layout: Layout) -> bool:
    """Whether the break between ``prev`` and ``line`` ends a paragraph (else the line width forced it)."""
    if STRUCTURE_START.match(line.text):
        return True
    if BULLET_START.match(line.text) and prev.text.endswith((".", ":", ";")):
        return True
    char = max(prev.char_width, line.char_width, 1.0)
    room = layout.right - prev.right
    indent = prev.left - layout.left
    first_line = layout.indent is not None and abs(indent - layout.indent) <= 1.5
    if indent > 3 * char and not first_line and abs(indent - room) < 2 * char:
        room += indent  # a centred line: what was left over is split on both sides
    if room > line.first_word + 1.5 * char:  # the next word would have fitted: the writer ended the line
        return True
    indent = line.left - layout.left
    if layout.indent is not None and abs(indent - layout.indent) <= 1.5:
        return True  # the text's usual first-line indent: a paragraph starts (a wrapped line is never indented)
    return indent > 2 * char and prev.text.endswith(_SENTENCE_END)


def pdf_to_text(data: bytes) -> tuple[str, list[int]]:
    """The text of a PDF's text layer with paragraphs rejoined, and each page's start offset in it.

    :returns: ``(text, page start offsets)``; the text is normalised (``normalize_text``).
    :raises ValueError: if the PDF is encrypted, damaged or has no text layer.
    """
    pdfium_import.check()
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise ValueError("the PDF is encrypted and needs a password; save an unprotected copy") from e
        raise ValueError(f"not a readable PDF ({e})") from e
    try:
        pages: list[list[Line]] = []
        for number in range(len(pdf)):
            page = pdf[number]
            textpage = page.get_textpage()
            try:
                pages.append(_page_lines(textpage, number))
            finally:
                textpage.close()
                page.close()
    finally:
        pdf.close()
    lines = [line for page in pages for line in page]
    if not any(any(c.isalnum() for c in line.text) for line in lines):
        raise ValueError(f"no text layer in {len(pages)} page(s): a scanned image? OCR it first (e.g. ocrmypdf)")
    layout = Layout.of(lines)

    parts: list[str] = []
    length = 0
    starts: dict[int, int] = {}
    prev: Line | None = None
    prev_hyphenated = False
    for line in lines:
        text, hyphenated = repair_line_hyphens(line.text)
        text = normalize_text(text)
        if prev is not None:
            if prev_hyphenated:
                ends_paragraph = bool(STRUCTURE_START.match(line.text))
            else:
                ends_paragraph = _paragraph_break(prev, line, layout)
            if ends_paragraph:
                parts.append("\n")
                length += 1
            elif prev_hyphenated:
                if _drop_hyphen(parts[-1][:-1], text):
                    parts[-1] = parts[-1][:-1]
                    length -= 1
            else:
                parts.append(" ")
                length += 1
        starts.setdefault(line.page, length)
        parts.append(text)
        length += len(text)
        prev, prev_hyphenated = line, hyphenated
    page_starts, last = [], 0
    for number in range(len(pages)):
        last = starts.get(number, last)  # a page without text starts where the next text does
        page_starts.append(last)
    return "".join(parts) + "\n", page_starts


@component
class RussianPDFToDocument:
    """
    Converts ``.pdf`` files with a text layer to Documents: paragraphs rejoined one per line,
    line-end hyphenation repaired, page numbers' lines dropped, and ``meta["pages"]`` = the
    offset where each page starts in the text. An encrypted PDF, a damaged one or a scan without
    a text layer is logged and reported in ``failures``; the other files go on.

    Usage example:
    ```python
    converter = RussianPDFToDocument()
    doc = converter.run(sources=["pravo_gov_ru/p443.pdf"], meta=[{"doc_id": "acts/p443"}])["documents"][0]
    bisect.bisect_right(doc.meta["pages"], doc.content.index("2.1."))  # 2: «стр. 2»
    ```
    """

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        """
        :param max_bytes: Files larger than this are refused with a reason.
        :raises ValueError: if ``max_bytes`` is not positive.
        """
        pdfium_import.check()
        self.max_bytes = check_max_bytes(max_bytes)

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, max_bytes=self.max_bytes)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RussianPDFToDocument":
        return default_from_dict(cls, data)

    @staticmethod
    def _convert(path: Path, data: bytes) -> tuple[str, dict[str, Any]]:
        text, pages = pdf_to_text(data)
        return text, {"pages": pages}

    @component.output_types(documents=list[Document], failures=list[Failure])
    def run(self, sources: list[str | Path], meta: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """
        :param sources: File paths.
        :param meta: One dict per source merged into the Document's meta; ``doc_id`` defaults to the file stem.
        :returns: ``documents`` (meta ``doc_id``, ``file_path``, ``content_hash``, ``encoding`` = None,
            ``pages``) and ``failures`` (a :class:`~pravo.core.types.Failure` for each file skipped).
        :raises ValueError: if ``meta`` is given with another length than ``sources``.
        """
        return convert_files(sources, meta, self.max_bytes, self._convert)
