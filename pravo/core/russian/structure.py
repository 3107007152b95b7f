"""Splitting Russian legal acts into segments along their own structure.

Codes and laws are split by «Раздел» / «Глава» / «Статья» headings; decrees without articles
(«ПОСТАНОВЛЯЕТ: 1. ... 1.1. ...») by their top-level numbered points. A unit longer than a segment
is cut into windows by :func:`pravo.core.russian.prose.window_lines`. Every
:class:`~pravo.core.russian.segments.Segment` carries exact offsets into the text it was cut from,
so ``text[segment.start:segment.end]`` is the segment's text.

All texts are expected to be normalised by :func:`pravo.core.russian.text.normalize_text`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from pravo.core.russian.patterns import point_number
from pravo.core.russian.prose import trimmed, window_lines
from pravo.core.russian.requisites import parse_requisites
from pravo.core.russian.segments import Segment

_NUMBER = r"\d+(?:\.\d+)*(?:-\d+)?"
_ARTICLE_HEADING = re.compile(
    r"^(?:статья|с т а т ь я)[ ]+(?P<number>" + _NUMBER + r")[ ]*(?P<dot>\.)?[ ]*(?P<title>.*)$",
    re.IGNORECASE,
)
_CHAPTER_HEADING = re.compile(
    r"^(?:глава|г л а в а)[ ]+(?P<number>" + _NUMBER + r"|[IVXLC]+)[ ]*(?P<dot>\.)?[ ]*(?P<title>.*)$",
    re.IGNORECASE,
)
_SECTION_HEADING = re.compile(
    r"^(?:раздел|р а з д е л)[ ]+(?P<number>[IVXLC]+|\d+)[ ]*(?P<dot>\.)?[ ]*(?P<title>.*)$",
    re.IGNORECASE,
)
_PARAGRAPH_SIGN_HEADING = re.compile(r"^§[ ]*\d+(?:\.\d+)*\.?[ ]+\S")
_ROMAN_HEADING = re.compile(r"^(?P<number>[IVXLC]+)\.[ ]+(?P<title>[А-ЯЁA-Z«\"].*)$")
_ACT_DATIVE = (
    r"(?:постановлению|указу|приказу|решению|распоряжению|закону|федеральному|кодексу|положению|правилам"
    r"|инструкции|порядку|программе|методике|регламенту|соглашению|протоколу|декрету|договору)"
)
_APPENDIX_HEADING = re.compile(
    r"^(?:приложение|п р и л о ж е н и е)(?:[ ]+(?:(?:№|N)[ ]*)?\d+(?:\.\d+)?)?"
    r"(?:[ ]+к[ ]+" + _ACT_DATIVE + r"\b.*)?(?<![.;:,])$"
    r"|^(?:утвержден[аоы]?|у т в е р ж д е н[ ]?[аоы]?)"
    r"(?:[ ]+(?:постановлени|указ|приказ|решени|распоряжени)\w*\b.*)?(?<![.;:,])$",
    re.IGNORECASE,
)
_REPEALED = re.compile(r"^[(\[]?\s*(?:статья\s+|пункт\s+)?(?:утратил[аои]?|утратили|исключен[аоы]?)\b", re.IGNORECASE)
_EDITORIAL_NOTE = re.compile(r"^(?:\(|\.\s*-)")
_REPEAL_MENTION = re.compile(r"утратил[аои]?\s+силу|исключен[аоы]?\b", re.IGNORECASE)
_SIGNATORY = re.compile(
    r"^(?:Премьер-министр|Президент|Председатель|Первый заместитель|Заместитель|Министр|Руководитель"
    r"|Директор|Глава|Губернатор|Мэр|Исполняющий обязанности|Временно исполняющий|Врио)\b",
    re.IGNORECASE,
)
_SIGNATURE_NAME = re.compile(r"(?:^|\s)[А-ЯЁ]\.[ ]?(?:[А-ЯЁ]\.[ ]?)?[А-ЯЁ][А-ЯЁа-яё]+(?:-[А-ЯЁ][А-ЯЁа-яё]+)?$")
_SIGNATURE_TAIL = re.compile(
    r"^(?:(?:г\.[ ]?)?(?:Москва|Минск|МОСКВА|МИНСК|Астана|Бишкек|Ташкент|Ереван)(?:,[ ]*Кремль)?"
    r"|\d{1,2}[ .][\wа-яё.]+[ ]\d{4}[ ]*(?:г\.|года)?"
    r"|(?:№|N)[ ]*\d[\w/-]*|\d{1,2}\.\d{1,2}\.\d{4}(?:[ ]*(?:№|N)[ ]*\d[\w/-]*)?)$"
)
_DIRECTIVE = re.compile(
    r"(?:постановляет|постановляю|приказываю|решил[аио]?|постановил[аио]?|обязываю)\s*:\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_DIRECTIVE_CAPS = re.compile(r"\b(?:ПОСТАНОВЛЯЕТ|ПОСТАНОВЛЯЮ|ПРИКАЗЫВАЮ|РЕШИЛ|П О С Т А Н О В Л Я Е Т)\s*:")
_LINE = re.compile(r"[^\n]+")

_MAX_HEADING_CHARS = 2000
_MAX_UNDOTTED_HEADING_CHARS = 250


@dataclass
class _Unit:
    """Lines that form one unit (an article, a top-level point, a preamble) before windowing."""

    lines: list[tuple[int, int]]
    section: str | None
    chapter: str | None
    article: str | None = None
    article_title: str | None = None
    is_article: bool = False
    appendix: str | None = None


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every non-blank line, trimmed of surrounding spaces."""
    spans = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
    return spans


def _heading_is_plausible(match: re.Match[str], line: str) -> bool:
    """Tell a heading («Глава 5. Title», «Статья 80») from a body line that begins with the word."""
    title = match.group("title")
    if len(line) > _MAX_HEADING_CHARS:
        return False
    if match.group("dot"):
        return True
    if not title:
        return True
    return (
        (title[0].isupper() or title[0] in "«\"(")
        and title[-1] not in ".;:,"
        and len(line) <= _MAX_UNDOTTED_HEADING_CHARS
    )


def _match_heading(pattern: re.Pattern[str], line: str) -> re.Match[str] | None:
    """Match a structural heading line and check that it is plausible as a heading."""
    match = pattern.match(line)
    if match and _heading_is_plausible(match, line):
        return match
    return None


def _is_repealed_text(title: str | None, body_lines: list[str]) -> bool:
    """Tell whether an article (or point) is repealed from its title or its only editorial notes.

    :param title: the heading's title, e.g. "Утратила силу"; None when the heading has none.
    :param body_lines: the lines after the heading.
    :returns: True for «Утратила силу», «Исключена», or a body made only of notes saying so.
    """
    if title and _REPEALED.match(title):
        return True
    if title or not body_lines:
        return False
    return all(_EDITORIAL_NOTE.match(line) for line in body_lines) and any(
        _REPEAL_MENTION.search(line) for line in body_lines
    )


def _signature_block_end(text: str, spans: list[tuple[int, int]], index: int) -> int | None:
    """Return the index past a signature block starting at line ``index``, or None if there is none.

    A block is a position line («Премьер-министр Республики Беларусь  Р.Головченко», or «Президент» /
    «Российской Федерации» / «В.ПУТИН» over up to three lines) followed by place, date and number lines.
    """
    first = text[spans[index][0] : spans[index][1]]
    if len(first) > 150 or not _SIGNATORY.match(first) or _CHAPTER_HEADING.match(first):
        return None
    name_index = None
    for offset in range(3):
        if index + offset >= len(spans):
            break
        line = text[spans[index + offset][0] : spans[index + offset][1]]
        if len(line) > 150 or (offset and line[-1] in ".;:,"):
            break
        if _SIGNATURE_NAME.search(line):
            name_index = index + offset
            break
    if name_index is None:
        return None
    end = name_index + 1
    while end < len(spans) and _SIGNATURE_TAIL.match(text[spans[end][0] : spans[end][1]]):
        end += 1
    return end


def _heading_with_continuation(
    text: str, spans: list[tuple[int, int]], index: int, match: re.Match[str]
) -> tuple[str, int]:
    """Return a heading's full text and the index of the line after it.

    «ГЛАВА 1» followed by a line «ОБЩИЕ ПОЛОЖЕНИЯ» becomes «ГЛАВА 1 ОБЩИЕ ПОЛОЖЕНИЯ».
    """
    heading = text[spans[index][0] : spans[index][1]]
    if match.group("title") or index + 1 >= len(spans):
        return heading, index + 1
    following = text[spans[index + 1][0] : spans[index + 1][1]]
    gap = text[spans[index][1] : spans[index + 1][0]]
    if gap.count("\n") <= 2 and len(following) <= 200 and not _is_structural(following):
        return heading + " " + following, index + 2
    return heading, index + 1


def _appendix_heading(text: str, spans: list[tuple[int, int]], index: int) -> str:
    """Return the appendix heading: «Приложение» joined with its «к постановлению ...» lines."""
    parts = [text[spans[index][0] : spans[index][1]]]
    for next_index in range(index + 1, min(index + 6, len(spans))):
        line = text[spans[next_index][0] : spans[next_index][1]]
        gap = text[spans[next_index - 1][1] : spans[next_index][0]]
        all_caps = not any(char.islower() for char in line) and any(char.isalpha() for char in line[:3])
        if gap.count("\n") > 1 or len(line) > 120 or all_caps or line[-1] in ".;:" or _is_structural(line):
            break
        parts.append(line)
    return " ".join(parts)


def _is_structural(line: str) -> bool:
    """Tell whether a line is an article, chapter, section or point heading."""
    return bool(
        _match_heading(_ARTICLE_HEADING, line)
        or _match_heading(_CHAPTER_HEADING, line)
        or _match_heading(_SECTION_HEADING, line)
        or point_number(line) is not None
    )


def _collect_units(text: str) -> list[_Unit]:
    """Walk the lines of an act and group them into units with their section/chapter context."""
    spans = _line_spans(text)
    units: list[_Unit] = []
    section: str | None = None
    chapter: str | None = None
    appendix: str | None = None
    current: _Unit | None = None

    def close() -> None:
        nonlocal current
        if current is not None and current.lines:
            units.append(current)
        current = None

    index = 0
    while index < len(spans):
        start, end = spans[index]
        line = text[start:end]
        in_article = current is not None and current.is_article
        section_match = _match_heading(_SECTION_HEADING, line)
        chapter_match = None if section_match else _match_heading(_CHAPTER_HEADING, line)
        article_match = _match_heading(_ARTICLE_HEADING, line)
        if section_match:
            close()
            section, index = _heading_with_continuation(text, spans, index, section_match)
            chapter = None
            continue
        if chapter_match:
            close()
            chapter, index = _heading_with_continuation(text, spans, index, chapter_match)
            continue
        if _PARAGRAPH_SIGN_HEADING.match(line) and len(line) <= 300 and line[-1] not in ".;:,":
            close()
            index += 1
            continue
        if article_match:
            close()
            title = article_match.group("title").strip() or None
            current = _Unit([spans[index]], section, chapter, article_match.group("number"), title, True, appendix)
            index += 1
            continue
        signature_end = _signature_block_end(text, spans, index)
        if signature_end is not None:
            close()
            index = signature_end
            continue
        if len(line) <= 200 and _APPENDIX_HEADING.match(line):
            close()
            section = appendix = _appendix_heading(text, spans, index)
            chapter = None
            current = _Unit([], section, chapter, appendix=appendix)
        elif not in_article:
            roman = _ROMAN_HEADING.match(line)
            if roman and len(line) <= 200 and line[-1] not in ".;:,":
                close()
                chapter = line
                index += 1
                continue
            number = point_number(line)
            if number and "." not in number:
                close()
        if current is None:
            current = _Unit([], section, chapter, appendix=appendix)
        current.lines.append(spans[index])
        index += 1
    close()
    return units


def _point_stacks(text: str, lines: list[tuple[int, int]]) -> list[tuple[tuple[str, int], ...]]:
    """For each line of a unit, return the chain of numbered points enclosing it, outermost first.

    A point «1.2.» lies inside «1.»; it ends at the next point that is not inside it («1.3.», «2.»).
    Each chain element is ``(number, index of the point's line)``.
    """
    stacks: list[tuple[tuple[str, int], ...]] = []
    stack: list[tuple[str, int]] = []
    for line_index, (start, end) in enumerate(lines):
        number = point_number(text[start:end])
        if number:
            while stack and not number.startswith(stack[-1][0] + "."):
                stack.pop()
            stack.append((number, line_index))
        stacks.append(tuple(stack))
    return stacks



def _unit_segments(text: str, unit: _Unit, max_chars: int, overlap_chars: int) -> list[Segment]:
    """Window one unit and attach its context and the narrowest point to each window."""
    body = [text[s:e] for s, e in unit.lines[1:]] if unit.is_article else []
    article_repealed = unit.is_article and _is_repealed_text(unit.article_title, body)
    stacks = _point_stacks(text, unit.lines)
    line_ends = [end for _, end in unit.lines]
    segments = []
    for window_start, window_end in window_lines(text, unit.lines, max_chars, overlap_chars):
        start, end = trimmed(text, window_start, window_end)
        if start >= end:
            continue
        first = bisect.bisect_right(line_ends, start)
        last = bisect.bisect_left(line_ends, end)
        common = [a for a, b in zip(stacks[first], stacks[last]) if a == b]
        point = common[-1][0] if common else None
        repealed = article_repealed
        if point is not None and not repealed:
            point_start, point_end = unit.lines[common[-1][1]]
            point_text = text[point_start:point_end]
            repealed = bool(_REPEALED.match(point_text[len(point) + 1 :].strip()))
        segments.append(
            Segment(
                start, end, unit.section, unit.chapter, unit.article, unit.article_title, point, repealed, unit.appendix
            )
        )
    return segments


def split_act(text: str, max_chars: int = 1200, overlap_chars: int = 200) -> list[Segment]:
    """Split a legal act into segments by its sections, chapters, articles and points.

    Articles («Статья 22.2. ...») are the units of codes and laws; acts without articles are split
    by their top-level points («1.», «2.»), sub-points staying inside. A unit longer than
    ``max_chars`` is cut into overlapping windows at paragraph ends (sentence ends, then word ends,
    only when a single paragraph is longer than ``max_chars``). Text before the first article or
    point becomes its own segment(s); chapter and section heading lines are carried as context and
    left out of the segments; signature blocks are dropped.

    :param text: the normalised act.
    :param max_chars: the longest a segment may be.
    :param overlap_chars: about how many characters consecutive windows of one unit share.
    :returns: the segments in document order.
    """
    if max_chars <= 0:
        raise ValueError("max_chars must be positive")
    segments: list[Segment] = []
    for unit in _collect_units(text):
        segments.extend(_unit_segments(text, unit, max_chars, max(0, min(overlap_chars, max_chars // 2))))
    return segments


def looks_like_legal_act(text: str) -> bool:
    """Tell whether a text is structured as a legal act rather than prose that mentions one.

    True for two or more «Статья N» headings, a directive («ПОСТАНОВЛЯЕТ:», «постановляю:»), or a
    header naming an act kind followed by numbered points.

    :param text: the normalised text.
    :returns: True for acts, False for news and other prose.
    """
    spans = _line_spans(text)
    lines = [text[s:e] for s, e in spans]
    if sum(1 for line in lines if _match_heading(_ARTICLE_HEADING, line)) >= 2:
        return True
    if _DIRECTIVE_CAPS.search(text) or _DIRECTIVE.search(text):
        return True
    points = sum(1 for line in lines if (number := point_number(line)) and "." not in number)
    return points >= 2 and parse_requisites(text).doc_type is not None
