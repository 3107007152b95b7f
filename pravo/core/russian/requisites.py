"""Requisites of Russian-language legal acts as their own headers write them: kind, number, date, issuer, title.

:func:`parse_requisites` reads an act's own header («ПОСТАНОВЛЕНИЕ СОВЕТА МИНИСТРОВ РЕСПУБЛИКИ
БЕЛАРУСЬ / 4 июля 2022 г. № 443 / Об одобрении ...»); a mention inside prose («в постановлении
№443 от 4 июля») is not a header and yields nothing. Unknown fields are None. References in a
search query are read by :mod:`pravo.core.russian.query_refs`, mentions inside a text by
:mod:`pravo.core.russian.mentions`.

:func:`normalize_requisite` writes a requisite given with a document (a JSONL line's ``date``,
``number``, ``type``…) the way :func:`parse_requisites` writes a parsed one, so the JSONL converter
and the requisites classifier check given values with the same rule.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from pravo.core.russian.capitals import collapse_spaced_letters, humanize_caps
from pravo.core.russian.dates import parse_date
from pravo.core.russian.issuers import ISSUER_WORDS, issuer_of, jurisdiction_of, opens_with_issuer
from pravo.core.russian.patterns import NUMBER_SIGN, find_act_number, number_of, point_number


@dataclass(frozen=True)
class Requisites:
    """An act's requisites as written in its header; None where not plainly written."""

    doc_type: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    jurisdiction: str | None = None


_SPACES = re.compile(r"\s+")

#: Nominative kind words that can open a header line, and their canonical kind.
_KIND_LINE = re.compile(
    r"^[«\"]?(?:совместное\s+)?(?P<kind>федеральный\s+конституционный\s+закон|федеральный\s+закон|закон"
    r"|постановление|указ|распоряжение|приказ|решение|декрет|конституция|положение|письмо|определение"
    r"|инструкция|правила|регламент|директива)(?![а-яё])(?P<rest>.*)$",
    re.IGNORECASE,
)
_CODE_LINE = re.compile(
    r"^(?P<title>(?:[а-яё]+(?:[ -][а-яё]+)?\s+)?кодекс(?:\s+(?:российской\s+федерации|рф|республики\s+[а-яё]+"
    r"|кыргызской\s+республики))?(?:\s+(?:об?|обо)\s+[^()]+?)?(?:\s*\([^)]*\))?)\s*(?P<rest>(?:от\s.*)?)$",
    re.IGNORECASE,
)
_QUOTED_LINE = re.compile(r"^[«\"](?P<inner>[^«»\"]+)[»\"]\s*(?P<rest>(?:от\s.*)?)$")
_PART_LINE = re.compile(r"^\(?часть\s+(?:перв|втор|трет|четв[её]рт)\w*\)?$", re.IGNORECASE)
#: A line that opens with a requisite rather than words of a title: a date, a number, «от», a place.
_REQUISITE_START = re.compile(
    r"^(?:от\s|(?:№|N)\s*\d|[«\"]?\s?\d{1,2}\s?[»\"]?[\s.]|г\.\s)", re.IGNORECASE
)
#: A state in the genitive after a kind word: «Закон Республики Казахстан от ...».
_STATE_GENITIVE = re.compile(r"^(?:республики\s+[а-яё]+|российской\s+федерации|кыргызской\s+республики)", re.IGNORECASE)
_FEDERAL_LAW = re.compile(r"^(?:федеральный\s+(?:конституционный\s+)?закон)(?![а-яё])", re.IGNORECASE)
_TITLE_START = re.compile(r"^(?:о|об|обо)\s", re.IGNORECASE)
_TITLE_IN_LINE = re.compile(r"(?<!\S)(?:О|Об|Обо|ОБ|ОБО)\s+\S")
_QUOTED = re.compile(r"[«\"](?P<title>.+)[»\"]")
_HEADER_STOP = re.compile(
    r"^(?:статья\s+\d|глава\s+\d|раздел\s+[IVXLC\d]|на\s+основании|в\s+соответствии|в\s+целях"
    r"|во\s+исполнение|руководствуясь|в\s+связи\s+с)",
    re.IGNORECASE,
)
_DIRECTIVE = re.compile(r"(?:постановляет|постановляю|приказываю|решил[аио]?|постановил[аио]?)\s*:", re.IGNORECASE)
_NOISE_LINE = re.compile(
    r"^(?:зарегистрирован|национальный\s+правовой|официальн|опубликован|документ\s+предоставлен|источник"
    r"|скачано|дата\s+сохранения|редакция|ред\.|\(ред\.|с\s+изм|https?:|www\.)",
    re.IGNORECASE,
)
_ADOPTED_LINE = re.compile(r"^(?:принят|одобрен)[аоы]?(?:\s|$)", re.IGNORECASE)
_ADOPTED_BY = re.compile(r"(?<!\w)принят[аоы]?\s+(?P<body>.{1,80})", re.IGNORECASE)
_PLACE_LINE = re.compile(
    r"^(?:г\.\s*)?(?:москва|минск|астана|бишкек|ташкент|ереван)(?:,\s*кремль)?\.?$"
    r"|^(?:российская\s+федерация|республика\s+беларусь|республика\s+казахстан)$",
    re.IGNORECASE,
)

#: «ПРАВИТЕЛЬСТВО РОССИЙСКОЙ ФЕДЕРАЦИИ ПОСТАНОВЛЕНИЕ от ...»: an issuer before the kind on one line.
_KIND_AFTER_ISSUER = re.compile(r"\s(?=(?:ПОСТАНОВЛЕНИЕ|УКАЗ|РАСПОРЯЖЕНИЕ|ПРИКАЗ|РЕШЕНИЕ|ДЕКРЕТ)(?![А-ЯЁа-яё]))")


def _opens_top_level_point(line: str) -> bool:
    """«1. Одобрить ...» ends a header; «1.1. ...» and «а) ...» do not open a top-level point."""
    number = point_number(line)
    return number is not None and "." not in number


def _header_lines(text: str) -> list[tuple[str, bool]]:
    """Return the header lines of an act as ``(line, follows_blank_line)``.

    '# ' comment lines (other than source notes) come first, then up to 40 non-blank lines before the
    first article, chapter, point or preamble. Spaced letters are collapsed and spaces squeezed.
    """
    lines: list[tuple[str, bool]] = []
    blank_before = True
    counted = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            blank_before = True
            continue
        if stripped.startswith("#"):
            comment = _SPACES.sub(" ", stripped.lstrip("#").strip())
            if comment and not _NOISE_LINE.match(comment):
                lines.append((collapse_spaced_letters(comment), True))
            blank_before = True
            continue
        line = _SPACES.sub(" ", collapse_spaced_letters(stripped))
        counted += 1
        if counted > 40 or _HEADER_STOP.match(line) or _opens_top_level_point(line) or len(line) > 400:
            break
        lines.append((line, blank_before))
        blank_before = False
        if _DIRECTIVE.search(line):
            break
    return lines


def _kind_of_line(line: str) -> tuple[str, str, str | None] | None:
    """Recognise a header line naming the act's kind.

    :returns: ``(kind, rest of the line, code title)`` or None when the line names no kind.
    """
    quoted = _QUOTED_LINE.match(line)
    if quoted and _CODE_LINE.match(quoted.group("inner")):  # «"Трудовой кодекс ..." от 30.12.2001 N 197-ФЗ»
        return "кодекс", quoted.group("rest"), humanize_caps(quoted.group("inner").strip())
    code = _CODE_LINE.match(line)
    if code and line[0].isupper():
        title = code.group("title").strip()
        return "кодекс", code.group("rest"), humanize_caps(title)
    match = _KIND_LINE.match(line)
    if not match:
        split = _KIND_AFTER_ISSUER.search(line)
        prefix = line[: split.start()] if split else ""
        if not split or any(c.islower() for c in prefix) or not ISSUER_WORDS.search(prefix):
            return None
        recognised = _kind_of_line(line[split.end() :])
        return recognised if recognised is None else (recognised[0], recognised[1], None)
    kind = match.group("kind").lower().split()[-1]
    rest = match.group("rest").strip()
    word = match.group("kind")
    if word.isupper() and (not rest or rest[0].isupper() or rest[0].isdigit() or rest[:2].lower() in ("от", "№ ")):
        return kind, rest, humanize_caps(line) if kind == "конституция" else None
    if not word[0].isupper():
        return None
    plausible = (
        not rest
        or rest.lower().startswith(("от ", "№", "n "))
        or opens_with_issuer(rest)
        or _STATE_GENITIVE.match(rest) is not None
    )
    if kind == "конституция" and plausible:
        return kind, rest, line
    return (kind, rest, None) if plausible else None


def _is_requisite_line(line: str) -> bool:
    """Tell a date/number/place/issuer line of a header from a title line."""
    if _PLACE_LINE.match(line) or _NOISE_LINE.match(line):
        return True
    if parse_date(line) or NUMBER_SIGN.search(line) or re.match(r"^от\s", line, re.IGNORECASE):
        return len(line) <= 80
    if _TITLE_START.match(line) or len(line) > 100 or not ISSUER_WORDS.search(line):
        return False
    return line[0].isupper()


def _starts_with_requisite(line: str) -> bool:
    """Tell a line that opens with a date, number, place, note or issuer from a title's continuation."""
    return bool(
        _REQUISITE_START.match(line)
        or _PLACE_LINE.match(line)
        or _NOISE_LINE.match(line)
        or opens_with_issuer(line)
    )


def _unquote(title: str) -> str:
    """«"Об одобрении ..."» -> «Об одобрении ...» when one pair of quotes wraps the whole title."""
    if len(title) > 2 and title[0] + title[-1] in ("«»", '""') and not any(q in title[1:-1] for q in "«»\""):
        return title[1:-1].strip()
    return title


def _title_from(lines: list[tuple[str, bool]], index: int, first: str) -> str:
    """Join a title line with its continuation lines (no blank line between).

    A continuation starts in lower case or with a quote, or is in capitals like a capitals title, or —
    after a sentence-case line that does not end a sentence — goes on with words, not requisites
    («в постановление Совета Министров / Республики Беларусь от 17 февраля 2012 г. № 156»).
    """
    parts = [first]
    caps = not any(char.islower() for char in first)
    for line, blank_before in lines[index + 1 :]:
        if blank_before or _ADOPTED_LINE.match(line) or _DIRECTIVE.search(line) or _starts_with_requisite(line):
            break
        line_caps = not any(c.islower() for c in line)
        continues = (
            line[0].islower()
            or line[0] in "«\"("
            or (caps and line_caps)
            or (not caps and not line_caps and parts[-1][-1:] not in ".;:" and not _TITLE_START.match(line))
        )
        if not continues:
            break
        parts.append(line)
    return _unquote(humanize_caps(" ".join(parts)))


def _number(zone: str) -> str | None:
    """Return the first act number in the header zone without its sign: «№ 443» -> "443"."""
    match = find_act_number(zone)
    return number_of(match) if match else None


def parse_requisites(text: str) -> Requisites:
    """Read the requisites of an act from its header.

    The header is the '# ' comment lines and the non-blank lines before the first article, chapter,
    numbered point or preamble («На основании ...»). A header must have a line naming the act's kind
    («ПОСТАНОВЛЕНИЕ ...», «ФЕДЕРАЛЬНЫЙ ЗАКОН», «Трудовой кодекс Российской Федерации»); otherwise —
    news, prose that merely mentions an act — every field is None.

    :param text: the normalised act.
    :returns: the requisites; fields not plainly written are None.
    """
    lines = _header_lines(text)
    kind_index = None
    for index, (line, _) in enumerate(lines[:12]):
        recognised = _kind_of_line(line)
        if recognised:
            kind_index, (doc_type, rest, title) = index, recognised
            break
    if kind_index is None:
        return Requisites()
    kind_line = lines[kind_index][0]
    zone_lines = [line for line, _ in lines[:kind_index] if not _NOISE_LINE.match(line)]
    if title is not None:  # a code or a constitution: its kind line is its title
        zone_lines.append(kind_line)
        for line, _ in lines[kind_index + 1 :]:
            if _PART_LINE.match(line):  # «ЧАСТЬ ПЕРВАЯ» between the code's title and its date
                continue
            if not _is_requisite_line(line):
                break
            zone_lines.append(line)
    else:
        quoted = _QUOTED.search(rest)
        in_line = _TITLE_IN_LINE.search(rest)
        if quoted:
            title = quoted.group("title").strip()
            zone_lines.append(kind_line[: len(kind_line) - len(rest) + quoted.start()])
        elif in_line:
            title = _title_from(lines, kind_index, rest[in_line.start() :])
            zone_lines.append(kind_line[: len(kind_line) - len(rest) + in_line.start()])
        else:
            zone_lines.append(kind_line)
            for index in range(kind_index + 1, len(lines)):
                line = lines[index][0]
                if _TITLE_START.match(line):
                    title = _title_from(lines, index, line)
                    break
                if _is_requisite_line(line):
                    if not _NOISE_LINE.match(line):
                        zone_lines.append(line)
                    continue
                if not (_ADOPTED_LINE.match(line) or _DIRECTIVE.search(line)):
                    title = _title_from(lines, index, line)
                break
    zone = "\n".join(zone_lines)
    issuer, issuer_jurisdiction = issuer_of(zone)
    if issuer is None:
        adopted = _ADOPTED_BY.search(" ".join(line for line, _ in lines[kind_index + 1 :]))
        if adopted:
            issuer, issuer_jurisdiction = issuer_of(adopted.group("body"))
    return Requisites(
        doc_type=doc_type,
        number=_number(zone),
        date=parse_date(zone),
        issuer=issuer,
        title=title,
        jurisdiction=issuer_jurisdiction or jurisdiction_of(zone) or ("RU" if _FEDERAL_LAW.match(kind_line) else None),
    )


# -- requisites given with a document (a JSONL line's metadata), written as parsed ones ----------

#: The values of ``source``: a legal act, or news (any other text).
SOURCES = ("act", "news")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_GIVEN_NUMBER_SIGN = re.compile(r"^(?:№|N(?=[\s\d]))\s*")
_JURISDICTION = re.compile(r"^[A-Z]{2}$")


def normalize_requisite(field: str, value: object) -> str | None:
    """A requisite given with a document, checked and written the way parsed requisites are.

    - ``title``, ``issuer``: whitespace collapsed;
    - ``doc_type``: lower case («Постановление» → «постановление», as ``--type`` compares it);
    - ``number``: without a leading «№» or «N» («№ 443» → «443», «N 197-ФЗ» → «197-ФЗ»);
    - ``date``: ISO «YYYY-MM-DD», or anything :func:`pravo.core.russian.dates.parse_date` reads
      («04.07.2022», «4 июля 2022 г.»), written as ISO;
    - ``source``: ``act`` or ``news``;
    - ``jurisdiction``: a two-letter country code («BY», «ru» → «RU»).

    :param field: The meta key (one of :data:`pravo.core.types.REQUISITE_FIELDS`).
    :param value: The given value; None or blank means not given.
    :returns: The value as stored, or None when not given.
    :raises ValueError: with the reason (without the field's name) when the value is not usable.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"must be text, not {type(value).__name__}")
    text = " ".join(str(value).split())
    if not text:
        return None
    if field == "doc_type":
        return text.lower()
    if field == "number":
        number = _GIVEN_NUMBER_SIGN.sub("", text)
        if not number:
            raise ValueError(f"has no number in {text!r}")
        return number
    if field == "date":
        if _ISO_DATE.match(text):
            try:
                return datetime.date.fromisoformat(text).isoformat()
            except ValueError:
                pass
        else:
            parsed = parse_date(text)
            if parsed:
                return parsed
        raise ValueError(f"is not a date: {text!r} (write YYYY-MM-DD, DD.MM.YYYY or «4 июля 2022 г.»)")
    if field == "source":
        if text.lower() not in SOURCES:
            raise ValueError(f"must be act or news, not {text!r}")
        return text.lower()
    if field == "jurisdiction":
        if not _JURISDICTION.match(text.upper()):
            raise ValueError(f"must be a two-letter country code (BY, RU, KZ...), not {text!r}")
        return text.upper()
    return text
