"""Requisites of Russian-language legal acts (kind, number, date, issuer, title) and references in queries.

:func:`parse_requisites` reads an act's own header («ПОСТАНОВЛЕНИЕ СОВЕТА МИНИСТРОВ РЕСПУБЛИКИ
БЕЛАРУСЬ / 4 июля 2022 г. № 443 / Об одобрении ...»); a mention inside prose («в постановлении
№443 от 4 июля») is not a header and yields nothing. :func:`parse_query_refs` reads what a search
query refers to («ст. 81 ТК РФ», «постановление № 443 от 4 июля»). Unknown fields are None.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Requisites:
    """An act's requisites as written in its header; None where not plainly written."""

    doc_type: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    jurisdiction: str | None = None


@dataclass(frozen=True)
class QueryRefs:
    """What a search query refers to: an article, a point, a code, an act kind, number or date."""

    article: str | None = None
    point: str | None = None
    code: str | None = None
    doc_type: str | None = None
    number: str | None = None
    date: str | None = None
    day_month: tuple[int, int] | None = None


_MONTH_STEMS = (
    "январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"
)
_MONTH = (
    r"(?P<month>январ[ьяюе]|январем|январём|феврал[ьяюе]|февралем|февралём|март[аеу]?|мартом|апрел[ьяюе]"
    r"|апрелем|ма[йяюе]|маем|июн[ьяюе]|июнем|июл[ьяюе]|июлем|август[аеу]?|августом|сентябр[ьяюе]"
    r"|сентябрем|октябр[ьяюе]|октябрем|ноябр[ьяюе]|ноябрем|декабр[ьяюе]|декабрем)(?![а-яё])"
)
_WORD_DATE = re.compile(
    r"(?<!\d)[«\"]?[ ]?(?P<day>\d{1,2})[ ]?[»\"]?\s+" + _MONTH + r"\s+(?P<year>\d{4})(?!\d)", re.IGNORECASE
)
_NUMERIC_DATE = re.compile(r"(?<![\d.])(?P<day>\d{1,2})[ ]?\.[ ]?(?P<month>\d{1,2})[ ]?\.[ ]?(?P<year>\d{4})(?!\d)")
_DAY_MONTH = re.compile(r"(?<!\d)(?P<day>\d{1,2})\s+" + _MONTH + r"(?!\s+\d{4})", re.IGNORECASE)
_NUMERIC_DAY_MONTH = re.compile(r"(?<!\w)от\s+(?P<day>\d{1,2})\.(?P<month>\d{2})(?![\d.])", re.IGNORECASE)

_NUMBER_SIGN = re.compile(
    r"(?<![\w])(?:№|N)[ ]*(?P<number>(?:[А-ЯЁA-Z]{1,6}-)?\d[\w/.\-@]*(?:[ ](?:ГД|СФ|ЗРК|ЗРУ)(?![\w-]))?)"
)
_LAW_NUMBER = re.compile(r"(?<![\w\-])(?P<number>\d+-(?:ФКЗ|ФЗ|З))(?!\w)")
_SPACED_LETTERS = re.compile(r"(?<![^\W\d_])(?:[^\W\d_] ){2,}[^\W\d_](?![^\W\d_])")
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
    r"^(?:статья\s+\d|глава\s+\d|раздел\s+[IVXLC\d]|\d{1,3}\.\s|на\s+основании|в\s+соответствии|в\s+целях"
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

_JURISDICTIONS = (
    (re.compile(r"республик\w*\s+беларусь|\bРБ\b", re.IGNORECASE), "BY"),
    (re.compile(r"российск\w*\s+федераци\w*|\bРФ\b", re.IGNORECASE), "RU"),
    (re.compile(r"республик\w*\s+казахстан", re.IGNORECASE), "KZ"),
    (re.compile(r"кыргызск\w*\s+республик\w*", re.IGNORECASE), "KG"),
    (re.compile(r"республик\w*\s+узбекистан", re.IGNORECASE), "UZ"),
    (re.compile(r"республик\w*\s+армени\w*", re.IGNORECASE), "AM"),
)
_RF = r"(?:российской\s+федерации|рф\b|россии\b)"
_ISSUERS = (
    (r"совет\w*\s+министров\s+республики\s+беларусь", "Совет Министров Республики Беларусь", "BY"),
    (r"президент\w*\s+республики\s+беларусь", "Президент Республики Беларусь", "BY"),
    (r"правительств\w*\s+" + _RF, "Правительство Российской Федерации", "RU"),
    (r"президент\w*\s+" + _RF, "Президент Российской Федерации", "RU"),
    (r"государственн\w+\s+дум\w*", "Государственная Дума", "RU"),
    (r"совет\w*\s+федерации", "Совет Федерации", "RU"),
    (r"палат\w+\s+представителей", "Палата представителей Национального собрания Республики Беларусь", "BY"),
    (r"национальн\w+\s+банк\w*\s+республики\s+беларусь", "Национальный банк Республики Беларусь", "BY"),
    (r"центральн\w+\s+банк\w*\s+" + _RF, "Центральный банк Российской Федерации", "RU"),
    (r"правительств\w*\s+республики\s+казахстан", "Правительство Республики Казахстан", "KZ"),
    (r"президент\w*\s+республики\s+казахстан", "Президент Республики Казахстан", "KZ"),
    (r"конституционн\w+\s+суд\w*\s+" + _RF, "Конституционный Суд Российской Федерации", "RU"),
    (r"верховн\w+\s+суд\w*\s+" + _RF, "Верховный Суд Российской Федерации", "RU"),
    (r"конституционн\w+\s+суд\w*\s+республики\s+беларусь", "Конституционный Суд Республики Беларусь", "BY"),
    (r"верховн\w+\s+суд\w*\s+республики\s+беларусь", "Верховный Суд Республики Беларусь", "BY"),
)
_ISSUER_PATTERNS = tuple((re.compile(r"(?<!\w)" + p, re.IGNORECASE), name, code) for p, name, code in _ISSUERS)
#: Bodies whose name goes on after the head word: «Министерство финансов Российской Федерации».
_NAMED_BODY = re.compile(
    r"(?<!\w)(?P<head>министерств\w*|государственн\w+\s+комитет\w*|федеральн\w+\s+(?:[а-яё]+\s+)?служб\w*"
    r"|(?:[а-яё]+\s+)?(?:областн|городск|районн)\w+\s+исполнительн\w+\s+комитет\w*)(?P<name>(?:\s+\S+){0,10})",
    re.IGNORECASE,
)
_NAMED_BODY_END = re.compile(
    r"\s(?:от|приказ|постановление|распоряжение|решение|письмо|указание|инструкция)(?!\w)"
    r"|\s(?:№|N)\s*\d|\s\d{1,2}[\s.]|[«\"]",
    re.IGNORECASE,
)
_EXECUTIVE_COMMITTEE = re.compile(r"исполнительн\w+\s+комитет", re.IGNORECASE)
_ISSUER_WORDS = re.compile(
    r"совет|министр|министерств|президент|правительств|комитет|республик|федераци|банк|суд|дум|палат|собрани"
    r"|исполнительн|городск|областн|районн|служб|инспекци|агентств|администраци|пленум|правлени",
    re.IGNORECASE,
)
#: «ПРАВИТЕЛЬСТВО РОССИЙСКОЙ ФЕДЕРАЦИИ ПОСТАНОВЛЕНИЕ от ...»: an issuer before the kind on one line.
_KIND_AFTER_ISSUER = re.compile(r"\s(?=(?:ПОСТАНОВЛЕНИЕ|УКАЗ|РАСПОРЯЖЕНИЕ|ПРИКАЗ|РЕШЕНИЕ|ДЕКРЕТ)(?![А-ЯЁа-яё]))")
_NOMINATIVE_HEADS = (
    (re.compile(r"^министерств\w*", re.IGNORECASE), "Министерство"),
    (re.compile(r"^государственн\w+\s+комитет\w*", re.IGNORECASE), "Государственный комитет"),
)
_FEDERAL_SERVICE = re.compile(r"^федеральн\w+\s+(?:(?P<adjective>[а-яё]+)\s+)?служб\w*$", re.IGNORECASE)
_PROPER_NOUNS = (
    (re.compile(r"российской федерации", re.IGNORECASE), "Российской Федерации"),
    (re.compile(r"российская федерация", re.IGNORECASE), "Российская Федерация"),
    (re.compile(r"республики беларусь", re.IGNORECASE), "Республики Беларусь"),
    (re.compile(r"республика беларусь", re.IGNORECASE), "Республика Беларусь"),
    (re.compile(r"республики казахстан", re.IGNORECASE), "Республики Казахстан"),
    (re.compile(r"совета министров", re.IGNORECASE), "Совета Министров"),
    (re.compile(r"союзного государства", re.IGNORECASE), "Союзного государства"),
)

_KIND_FORMS = {
    "постановление": r"постановлени[еяюи]\w*",
    "указ": r"указ(?:а|у|ом|е|ы|ов|ами|ах)?",
    "распоряжение": r"распоряжени[еяюи]\w*",
    "приказ": r"приказ(?:а|у|ом|е|ы|ов|ами|ах)?",
    "декрет": r"декрет(?:а|у|ом|е|ы|ов|ами|ах)?",
    "конституция": r"конституци[яиюе]\w*",
    "кодекс": r"кодекс(?:а|у|ом|е|ы|ов|ами|ах)?",
    "закон": r"закон(?:а|у|ом|е|ы|ов|ами|ах)?",
    "решение": r"решени[еяюи]\w*",
    "письмо": r"письм(?:о|а|у|ом|е)",
    "положение": r"положени[еяюи]\w*",
}
_WEAK_KINDS = frozenset({"закон", "решение", "письмо", "положение"})
_QUERY_KIND = re.compile(
    r"(?<!\w)(?:" + "|".join(f"(?P<k{i}>{form})" for i, form in enumerate(_KIND_FORMS.values())) + r")(?!\w)",
    re.IGNORECASE,
)
_KIND_BY_GROUP = {f"k{i}": kind for i, kind in enumerate(_KIND_FORMS)}
#: What makes a weak kind word («закон», «решение») a reference: a number, a date, a title or a state.
_WEAK_KIND_CONTEXT = re.compile(
    r"^\s*(?:\S+\s+){0,5}?(?:№|N\s*\d|от\s+\d|\d+-ФЗ)|^\s+(?:о|об|рф|российской|республики)\b", re.IGNORECASE
)
_FEDERAL_BEFORE = re.compile(r"(?:федеральн|конституционн)\w*\s+$", re.IGNORECASE)

_ARTICLE_NUMBER = r"(?P<number>\d+(?:\.\d+)*(?:-\d+)?)"
_QUERY_ARTICLE = re.compile(r"(?<!\w)(?:стать[яиеюёй]\w*|ст\.?)\s*(?:№\s*)?" + _ARTICLE_NUMBER, re.IGNORECASE)
_QUERY_ARTICLE_BEFORE = re.compile(
    r"(?<![\w.])" + _ARTICLE_NUMBER + r"(?P<ordinal>\s*-?\s*(?:ая|ой|ую|ей|й|я|ю|е))?\s+(?P<word>стать[яиеюёй]\w*)",
    re.IGNORECASE,
)
_SINGULAR_ARTICLE_WORDS = frozenset({"статья", "статье", "статью", "статьей", "статьёй"})
_QUERY_POINT = re.compile(r"(?<!\w)(?:пункт\w*|п\.?)\s*(?P<number>\d+(?:\.\d+)*)", re.IGNORECASE)
_QUERY_SUBPOINT = re.compile(
    r"(?<!\w)(?:подпункт\w*|подп\.|пп\.?)\s*(?:(?P<number>\d+(?:\.\d+)*)|[«\"]?(?P<letter>[а-яё])[»\"]?(?!\w))",
    re.IGNORECASE,
)
_CODES = (
    ("Трудовой кодекс", r"трудов\w*\s+кодекс\w*", "ТК"),
    ("Гражданский процессуальный кодекс", r"гражданск\w*\s+процессуальн\w*\s+кодекс\w*", "ГПК"),
    ("Гражданский кодекс", r"гражданск\w*\s+кодекс\w*", "ГК"),
    ("Уголовно-процессуальный кодекс", r"уголовно-процессуальн\w*\s+кодекс\w*", "УПК"),
    ("Уголовный кодекс", r"уголовн\w*\s+кодекс\w*", "УК"),
    ("Налоговый кодекс", r"налогов\w*\s+кодекс\w*", "НК"),
    ("Семейный кодекс", r"семейн\w*\s+кодекс\w*", "СК"),
    ("Жилищный кодекс", r"жилищн\w*\s+кодекс\w*", "ЖК"),
    ("Земельный кодекс", r"земельн\w*\s+кодекс\w*", "ЗК"),
    ("Бюджетный кодекс", r"бюджетн\w*\s+кодекс\w*", "БК"),
    ("Арбитражный процессуальный кодекс", r"арбитражн\w*\s+процессуальн\w*\s+кодекс\w*", "АПК"),
    (
        "Кодекс об административных правонарушениях",
        r"кодекс\w*\s+(?:российской\s+федерации\s+|рф\s+|республики\s+беларусь\s+)?"
        r"об\s+административн\w*\s+правонарушени\w*",
        "КоАП",
    ),
)
_CODE_FULL = tuple((re.compile(r"(?<!\w)" + p, re.IGNORECASE), name) for name, p, _ in _CODES)
_CODE_BY_ABBREVIATION = {abbr.lower(): name for name, _, abbr in _CODES}
_ABBREVIATIONS = "|".join(abbr for _, _, abbr in _CODES)
_CODE_ABBR_STRICT = re.compile(r"(?<![\w-])(?P<abbr>" + _ABBREVIATIONS + r"|КОАП)(?![\w-])")
_CODE_ABBR_CONTEXT = re.compile(
    r"(?<![\w-])(?P<abbr>" + _ABBREVIATIONS + r")(?=\s+(?:рф|рб)(?!\w))"
    r"|(?:ст\.?|стать\w*)\s*\d+(?:\.\d+)*(?:-\d+)?\s+(?P<abbr2>" + _ABBREVIATIONS + r")(?![\w-])",
    re.IGNORECASE,
)


def _valid_iso(year: int, month: int, day: int) -> str | None:
    """Return the ISO date, or None when the day does not exist (31.02)."""
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_number(word: str) -> int:
    """Return the month number of a month name in any case form: «июля» -> 7."""
    word = word.lower()
    if word.startswith("ма") and not word.startswith("март"):
        return 5
    return next(index + 1 for index, stem in enumerate(_MONTH_STEMS) if stem != "ма" and word.startswith(stem))


def parse_date(text: str) -> str | None:
    """Return the first full date in ``text`` as ISO «YYYY-MM-DD»; None when no date has a year.

    «4 июля 2022 г.», «04.07.2022», «от 30.12.2001», «« 4 » ИЮЛЯ 2022 года» are all understood.

    :param text: any text.
    :returns: the ISO date, or None.
    """
    found: list[tuple[int, str]] = []
    for match in _WORD_DATE.finditer(text):
        iso = _valid_iso(int(match.group("year")), _month_number(match.group("month")), int(match.group("day")))
        if iso:
            found.append((match.start(), iso))
            break
    for match in _NUMERIC_DATE.finditer(text):
        iso = _valid_iso(int(match.group("year")), int(match.group("month")), int(match.group("day")))
        if iso:
            found.append((match.start(), iso))
            break
    return min(found)[1] if found else None


def _collapse_spaced_letters(line: str) -> str:
    """«П О С Т А Н О В Л Е Н И Е» -> «ПОСТАНОВЛЕНИЕ»."""
    return _SPACED_LETTERS.sub(lambda m: m.group().replace(" ", ""), line)


#: Names of bodies and codes that keep a capital inside a title: «О Правительстве Российской Федерации».
_CAPITALISED_BEFORE_STATE = re.compile(
    r"(?<![а-яё])(?P<word>правительств|президент|совет\w*\s+министров|верховн|конституционн|национальн\w*\s+банк"
    r"|государственн\w*\s+дум|(?:[а-яё]+(?:-[а-яё]+)?\s+)?кодекс)(?=[а-яё]*\s+(?:Российской Федерации|Республики \w+))"
)


def _capitalise_names(phrase: str) -> str:
    """Capitalise bodies and codes named with their state: «правительстве Российской Федерации» -> «Правительстве ...»."""
    return _CAPITALISED_BEFORE_STATE.sub(lambda m: m.group("word")[:1].upper() + m.group("word")[1:], phrase)


def _caps_to_lower(phrase: str) -> str:
    """Lower-case an all-caps phrase, keeping known proper names and quoted names capitalised."""
    if any(char.islower() for char in phrase) or not any(char.isalpha() for char in phrase):
        return phrase
    result = phrase.lower()
    for pattern, proper in _PROPER_NOUNS:
        result = pattern.sub(proper, result)
    result = _capitalise_names(result)
    return re.sub(r"([«\"])([а-яё])", lambda m: m.group(1) + m.group(2).upper(), result)


def _humanize_caps(phrase: str) -> str:
    """Turn an all-caps phrase into ordinary case: «ОБ ОДОБРЕНИИ ...» -> «Об одобрении ...»."""
    if any(char.islower() for char in phrase):
        return phrase
    result = _caps_to_lower(phrase)
    return result[:1].upper() + result[1:]


def _nominative_adjective(word: str) -> str:
    """«Минского» -> «Минский», «городского» -> «городской», «исполнительного» -> «исполнительный»."""
    lower = word.lower()
    if not lower.endswith("ого"):
        return word
    stem = word[:-3]
    if lower.endswith(("городского", "областного")):
        return stem + "ой"
    return stem + ("ий" if stem[-1:].lower() in "кгхжшчщ" else "ый")


def _feminine_nominative(adjective: str) -> str:
    """«налоговой» -> «налоговая»; a nominative adjective stays as it is."""
    if adjective.endswith("ой") or adjective.endswith("ей"):
        return adjective[:-2] + ("яя" if adjective.endswith("ней") else "ая")
    return adjective


def _executive_committee(phrase: str) -> str:
    """Put «Минского городского исполнительного комитета» into the nominative."""
    words = _caps_to_lower(phrase).split()
    words = [_nominative_adjective(w) for w in words[:-1]] + ["комитет"]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


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
                lines.append((_collapse_spaced_letters(comment), True))
            blank_before = True
            continue
        line = _SPACES.sub(" ", _collapse_spaced_letters(stripped))
        counted += 1
        if counted > 40 or _HEADER_STOP.match(line) or len(line) > 400:
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
        return "кодекс", quoted.group("rest"), _humanize_caps(quoted.group("inner").strip())
    code = _CODE_LINE.match(line)
    if code and line[0].isupper():
        title = code.group("title").strip()
        return "кодекс", code.group("rest"), _humanize_caps(title)
    match = _KIND_LINE.match(line)
    if not match:
        split = _KIND_AFTER_ISSUER.search(line)
        prefix = line[: split.start()] if split else ""
        if not split or any(c.islower() for c in prefix) or not _ISSUER_WORDS.search(prefix):
            return None
        recognised = _kind_of_line(line[split.end() :])
        return recognised if recognised is None else (recognised[0], recognised[1], None)
    kind = match.group("kind").lower().split()[-1]
    rest = match.group("rest").strip()
    word = match.group("kind")
    if word.isupper() and (not rest or rest[0].isupper() or rest[0].isdigit() or rest[:2].lower() in ("от", "№ ")):
        return kind, rest, _humanize_caps(line) if kind == "конституция" else None
    if not word[0].isupper():
        return None
    plausible = (
        not rest
        or rest.lower().startswith(("от ", "№", "n "))
        or any(pattern.match(rest) for pattern, _, _ in _ISSUER_PATTERNS)
        or _NAMED_BODY.match(rest) is not None
        or _STATE_GENITIVE.match(rest) is not None
    )
    if kind == "конституция" and plausible:
        return kind, rest, line
    return (kind, rest, None) if plausible else None


def _is_requisite_line(line: str) -> bool:
    """Tell a date/number/place/issuer line of a header from a title line."""
    if _PLACE_LINE.match(line) or _NOISE_LINE.match(line):
        return True
    if parse_date(line) or _NUMBER_SIGN.search(line) or re.match(r"^от\s", line, re.IGNORECASE):
        return len(line) <= 80
    if _TITLE_START.match(line) or len(line) > 100 or not _ISSUER_WORDS.search(line):
        return False
    return line[0].isupper()


def _starts_with_requisite(line: str) -> bool:
    """Tell a line that opens with a date, number, place, note or issuer from a title's continuation."""
    return bool(
        _REQUISITE_START.match(line)
        or _PLACE_LINE.match(line)
        or _NOISE_LINE.match(line)
        or any(pattern.match(line) for pattern, _, _ in _ISSUER_PATTERNS)
        or _NAMED_BODY.match(line)
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
    return _unquote(_humanize_caps(" ".join(parts)))


def _issuer(zone: str) -> tuple[str | None, str | None]:
    """Return the canonical issuer named in the header zone and the jurisdiction it implies."""
    found: list[tuple[int, str, str | None]] = []
    for pattern, name, jurisdiction in _ISSUER_PATTERNS:
        match = pattern.search(zone)
        if match:
            found.append((match.start(), name, jurisdiction))
    body = _NAMED_BODY.search(zone)
    if body:
        head = _SPACES.sub(" ", body.group("head"))
        name = body.group("name")
        end = _NAMED_BODY_END.search(name)
        name = _SPACES.sub(" ", (name[: end.start()] if end else name)).strip(" ,.;:")
        service = _FEDERAL_SERVICE.match(head)
        if _EXECUTIVE_COMMITTEE.search(head):
            found.append((body.start(), _executive_committee(head), None))
        elif service:
            adjective = service.group("adjective")
            head = "Федеральная " + (_feminine_nominative(adjective.lower()) + " " if adjective else "") + "служба"
            full = (head + " " + _caps_to_lower(name)).strip()
            found.append((body.start(), full, _jurisdiction(full)))
        elif name:
            for pattern, nominative in _NOMINATIVE_HEADS:
                head = pattern.sub(nominative, head)
            full = head + " " + _caps_to_lower(name)
            found.append((body.start(), full, _jurisdiction(full)))
    if not found:
        return None, None
    _, name, jurisdiction = min(found, key=lambda item: item[0])
    return name, jurisdiction


def _jurisdiction(zone: str) -> str | None:
    """Return the code of the first state named in the header zone («Республики Беларусь» -> "BY")."""
    hits = [(m.start(), code) for pattern, code in _JURISDICTIONS if (m := pattern.search(zone))]
    return min(hits)[1] if hits else None


def _number(zone: str) -> str | None:
    """Return the first act number in the header zone without its sign: «№ 443» -> "443"."""
    match = _NUMBER_SIGN.search(zone) or _LAW_NUMBER.search(zone)
    return match.group("number").rstrip(".,-/") if match else None


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
    issuer, issuer_jurisdiction = _issuer(zone)
    if issuer is None:
        adopted = _ADOPTED_BY.search(" ".join(line for line, _ in lines[kind_index + 1 :]))
        if adopted:
            issuer, issuer_jurisdiction = _issuer(adopted.group("body"))
    return Requisites(
        doc_type=doc_type,
        number=_number(zone),
        date=parse_date(zone),
        issuer=issuer,
        title=title,
        jurisdiction=issuer_jurisdiction or _jurisdiction(zone) or ("RU" if _FEDERAL_LAW.match(kind_line) else None),
    )


def _query_article(query: str) -> str | None:
    """Return the article number a query names: «ст. 81», «статье 22.2», «80-й статье»."""
    match = _QUERY_ARTICLE.search(query)
    if match:
        return match.group("number")
    for match in _QUERY_ARTICLE_BEFORE.finditer(query):
        number = match.group("number")
        # «2 статьи» counts articles; «81 статья», «80-й статье», «22.2 статья» name one
        if "." in number or match.group("ordinal") or match.group("word").lower() in _SINGULAR_ARTICLE_WORDS:
            return number
    return None


def _query_point(query: str) -> str | None:
    """Return the point a query names; «пункт» wins over «подпункт», a letter point is returned bare."""
    match = _QUERY_POINT.search(query)
    if match:
        return match.group("number")
    match = _QUERY_SUBPOINT.search(query)
    if match:
        return match.group("number") or match.group("letter").lower()
    return None


def _query_code(query: str) -> str | None:
    """Return the canonical title prefix of the code a query names first («ТК РФ» -> "Трудовой кодекс")."""
    found: list[tuple[int, str]] = []
    for pattern, name in _CODE_FULL:
        match = pattern.search(query)
        if match:
            found.append((match.start(), name))
    for pattern in (_CODE_ABBR_STRICT, _CODE_ABBR_CONTEXT):
        for match in pattern.finditer(query):
            abbr = match.groupdict().get("abbr") or match.group("abbr2")
            found.append((match.start(), _CODE_BY_ABBREVIATION[abbr.lower()]))
    return min(found)[1] if found else None


def _query_doc_type(query: str) -> str | None:
    """Return the act kind a query names; «закон», «решение», «письмо», «положение» need a number, date or title."""
    for match in _QUERY_KIND.finditer(query):
        kind = _KIND_BY_GROUP[match.lastgroup]
        if kind not in _WEAK_KINDS:
            return kind
        after = query[match.end() :]
        if _WEAK_KIND_CONTEXT.match(after) or (kind == "закон" and _FEDERAL_BEFORE.search(query[: match.start()])):
            return kind
    return None


def _query_day_month(query: str) -> tuple[int, int] | None:
    """Return ``(day, month)`` of a date written without a year: «от 4 июля», «от 04.07»."""
    match = _DAY_MONTH.search(query)
    if match:
        day, month = int(match.group("day")), _month_number(match.group("month"))
    else:
        match = _NUMERIC_DAY_MONTH.search(query)
        if not match:
            return None
        day, month = int(match.group("day")), int(match.group("month"))
    return (day, month) if _valid_iso(2000, month, day) else None


def parse_query_refs(query: str) -> QueryRefs:
    """Read the references a search query makes to an act, article, point, number or date.

    «статья 80 ТК» -> article "80", code "Трудовой кодекс"; «постановление № 443 от 4 июля» ->
    doc_type "постановление", number "443", day_month (4, 7). A named code also sets doc_type
    "кодекс". A bare number before «статьи»/«статей» is a count («2 статьи»), not an article.

    :param query: the user's query as typed.
    :returns: the references; what the query does not name is None.
    """
    query = _SPACES.sub(" ", query)
    code = _query_code(query)
    doc_type = "кодекс" if code else _query_doc_type(query)
    number_match = _NUMBER_SIGN.search(query) or _LAW_NUMBER.search(query)
    number = number_match.group("number").rstrip(".,-/") if number_match else None
    date = parse_date(query)
    return QueryRefs(
        article=_query_article(query),
        point=_query_point(query),
        code=code,
        doc_type=doc_type,
        number=number,
        date=date,
        day_month=None if date else _query_day_month(query),
    )
