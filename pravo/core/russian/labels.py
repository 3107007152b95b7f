"""Human citation labels for hits and answers: «ст. 80 ТК РФ», «п. 3 постановления Совета Министров ...».

:func:`citation_label` builds the label a lawyer would write from a document's requisites (the
registry record or a chunk's meta) and the article and point a quote stands in. Well-known codes
are cited by their abbreviation («ТК РФ», «ГК РФ», «КоАП РБ»); other acts by kind, issuer, number
and date in the genitive when a point or article is named; news by title and date. Nothing is
invented: a requisite that is None is left out of the label.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from pravo.core.russian.codes import code_in_title

_MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)

#: A state named in a title, and the suffix of a code abbreviation for it.
_STATE_SUFFIXES = (
    (re.compile(r"российск\w*\s+федераци", re.IGNORECASE), "РФ"),
    (re.compile(r"республик\w*\s+беларусь", re.IGNORECASE), "РБ"),
    (re.compile(r"республик\w*\s+казахстан", re.IGNORECASE), "РК"),
)
_JURISDICTION_SUFFIXES = {"RU": "РФ", "BY": "РБ", "KZ": "РК"}
_JURISDICTION_GENITIVE = {
    "RU": "Российской Федерации",
    "BY": "Республики Беларусь",
    "KZ": "Республики Казахстан",
}

_KIND_GENITIVE = {
    "постановление": "постановления",
    "указ": "указа",
    "закон": "закона",
    "кодекс": "кодекса",
    "распоряжение": "распоряжения",
    "приказ": "приказа",
    "решение": "решения",
    "декрет": "декрета",
    "конституция": "Конституции",
    "положение": "положения",
    "письмо": "письма",
    "определение": "определения",
    "инструкция": "инструкции",
    "правила": "правил",
    "регламент": "регламента",
    "директива": "директивы",
}
_FEDERAL_LAW_NUMBER = re.compile(r"-ФК?З$")
_ADJECTIVE_ENDINGS = (("ый", "ого"), ("ий", "ого"), ("ой", "ого"), ("ая", "ой"), ("яя", "ей"), ("ое", "ого"))
_HUSHING = "гкхжшчщ"


def format_date(iso: str | None) -> str | None:
    """«2022-07-04» -> «4 июля 2022 г.»; a value that is not an ISO date is returned as it is."""
    if not iso:
        return None
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {_MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def code_abbreviation(title: str | None, jurisdiction: str | None = None) -> str | None:
    """The customary abbreviation of a code of the lexicon: «Трудовой кодекс Российской Федерации» -> «ТК РФ».

    The state comes from the title, else from ``jurisdiction`` (RU, BY, KZ); without either the
    abbreviation stands alone («ТК»). None for a title that names no well-known code.
    """
    code = code_in_title(title)
    if code is None or title is None:
        return None
    suffix = next((s for pattern, s in _STATE_SUFFIXES if pattern.search(title)), None)
    suffix = suffix or _JURISDICTION_SUFFIXES.get(jurisdiction or "")
    return f"{code.abbreviation} {suffix}" if suffix else code.abbreviation


def _genitive_word(word: str) -> str:
    """The genitive singular of one noun of an issuer's name («Совет» -> «Совета», «служба» -> «службы»)."""
    lower = word.lower()
    if lower.endswith("ие"):
        return word[:-1] + "я"
    if lower.endswith(("о", "е")):
        return word[:-1] + "а"
    if lower.endswith("а"):
        return word[:-1] + ("и" if lower[-2:-1] in _HUSHING else "ы")
    if lower.endswith("я"):
        return word[:-1] + "и"
    if lower.endswith("ь"):
        return word[:-1] + "я"
    if lower.endswith("й"):
        return word[:-1] + "я"
    if lower[-1:].isalpha():
        return word + "а"
    return word


def genitive(name: str) -> str:
    """Put an issuer's canonical (nominative) name into the genitive.

    The leading adjectives and the head noun are declined, the rest (already genitive) is kept:
    «Совет Министров Республики Беларусь» -> «Совета Министров Республики Беларусь»,
    «Минский городской исполнительный комитет» -> «Минского городского исполнительного комитета».
    """
    words = name.split()
    out: list[str] = []
    for index, word in enumerate(words):
        lower = word.lower()
        ending = next(((old, new) for old, new in _ADJECTIVE_ENDINGS if lower.endswith(old)), None)
        if ending and len(word) > 3:
            old, new = ending
            if old == "ий" and lower[-3:-2] not in _HUSHING:
                new = "его"  # «Верховный» is -ый; «Высший» -> «Высшего», «Синий» -> «Синего»
            if lower[-3:-2] in "жшчщ" and new == "ого":
                new = "его"
            out.append(word[: -len(old)] + new)
            continue
        out.append(_genitive_word(word))
        out.extend(words[index + 1 :])
        break
    return " ".join(out)


def _number_and_date(doc: dict[str, Any]) -> str:
    parts = []
    if doc.get("number"):
        parts.append(f"№ {doc['number']}")
    date = format_date(doc.get("date"))
    if date:
        parts.append(f"от {date}")
    return " ".join(parts)


def _act_name(doc: dict[str, Any], genitive_case: bool) -> str | None:
    """«постановление Совета Министров Республики Беларусь № 443 от 4 июля 2022 г.» (or its genitive)."""
    kind = doc.get("doc_type")
    issuer = doc.get("issuer")
    number = doc.get("number") or ""
    jurisdiction = doc.get("jurisdiction")
    if kind == "закон" and (_FEDERAL_LAW_NUMBER.search(number) or (jurisdiction == "RU" and not issuer)):
        head = "Федерального закона" if genitive_case else "Федеральный закон"
    elif kind == "закон" and jurisdiction in _JURISDICTION_GENITIVE:
        head = ("Закона " if genitive_case else "Закон ") + _JURISDICTION_GENITIVE[jurisdiction]
    elif kind:
        head = _KIND_GENITIVE.get(kind, kind) if genitive_case else kind
        if issuer:
            head += " " + genitive(issuer)
    elif issuer or number or doc.get("date"):
        head = ("документа " if genitive_case else "документ ") + (genitive(issuer) if issuer else "")
    else:
        return None
    tail = _number_and_date(doc)
    return " ".join(part for part in (head.strip(), tail) if part)


def _place(article: str | None, point: str | None) -> str:
    """«п. 2 ст. 81», «ст. 80», «п. 3», «подп. «а»» — where in the act a quote stands."""
    parts = []
    if point:
        parts.append(f"подп. «{point}»" if point.isalpha() else f"п. {point}")
    if article:
        parts.append(f"ст. {article}")
    return " ".join(parts)


def citation_label(doc: dict[str, Any], article: str | None = None, point: str | None = None) -> str:
    """The label a citation shows: «ст. 80 ТК РФ», «п. 3 постановления Совета Министров Республики Беларусь
    № 443 от 4 июля 2022 г.», or for news «<title>, 4 июля 2022 г.».

    :param doc: The document's requisites: ``title``, ``source``, ``doc_type``, ``number``, ``date``
        (ISO), ``issuer``, ``jurisdiction``; any may be missing or None (``doc_id`` is the last resort).
    :param article: The article the quote stands in, as written («80», «22.2»), or None.
    :param point: The narrowest point («3», «2.1»), or None.
    :returns: The label; never empty.
    """
    title = (doc.get("title") or "").strip() or None
    place = _place(article, point)
    if doc.get("source") == "news":
        date = format_date(doc.get("date"))
        name = ", ".join(part for part in (title, date) if part) or doc.get("doc_id") or "публикация"
        return f"{place}, {name}" if place else name
    code = code_abbreviation(title, doc.get("jurisdiction")) if doc.get("doc_type") in (None, "кодекс") else None
    if code:
        return f"{place} {code}" if place else code
    if doc.get("doc_type") == "кодекс" and title:
        return f"{place} {genitive(title)}" if place else title
    name = _act_name(doc, genitive_case=bool(place))
    if name is None:
        name = f"«{title}»" if title else (doc.get("doc_id") or "документ")
        return f"{place}, {name}" if place else name
    return f"{place} {name}" if place else name
