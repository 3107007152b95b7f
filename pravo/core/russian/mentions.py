"""Mentions of acts by their requisites inside any text, and their resolution to indexed acts.

«Совет министров в постановлении №443 от 4 июля одобрил ...», «постановлением Совета Министров
Республики Беларусь от 4 июля 2022 г. № 443», «Федеральный закон от 30.12.2001 N 197-ФЗ», «Указ
№ 1»: :func:`find_mentions` returns each with its kind, number, date (the year taken from the
text's own date when the mention leaves it out), issuer where written, and offsets.
:func:`resolve_links` matches the mentions of all indexed documents to the acts they name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from pravo.core.russian.dates import WrittenDate, dates_in, resolve_year, valid_iso
from pravo.core.russian.issuers import issuer_of
from pravo.core.russian.patterns import KIND_WORD, find_act_number, kind_of, number_of


@dataclass(frozen=True)
class Mention:
    """A reference to an act inside a text; None where the text does not say.

    ``date`` is ISO when the year is known (written or resolved from the text's own date);
    ``day_month`` is «MM-DD» whenever a day and month are written, with or without a year.
    ``text[start:end]`` is the mention as written.
    """

    kind: str | None
    number: str
    date: str | None
    day_month: str | None
    issuer: str | None
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: Typographic spaces read as plain spaces (NBSP between «№» and the number).
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\t"), " ")
#: How far after the kind word its number and date may stand.
_WINDOW_CHARS = 160
_FEDERAL_BEFORE = re.compile(r"(?:федеральн|конституционн)\w*\s+(?:конституционн\w*\s+)?$", re.IGNORECASE)
#: A number followed closely by its date: «№ 443 от 4 июля 2022 г.».
_DATE_AFTER_NUMBER = re.compile(r"^\s*(?:г\.\s*)?,?\s*от\s+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s+|\n")
#: Abbreviations whose dot does not end a sentence: «2022 г.», «ст.», initials «Р.».
_ABBREVIATION_BEFORE = re.compile(r"(?:^|[\s(])(?:г|гг|ст|п|пп|ч|им|д|[А-ЯЁA-Z])$")
#: The number must follow the kind word closely: «постановлением Совета Министров ... от ... № 443».
_MAX_GAP_CHARS = 110


def _sentence_end(window: str) -> int | None:
    """Where the first sentence of ``window`` ends (a line end, or a stop not after an abbreviation)."""
    for match in _SENTENCE_END.finditer(window):
        if match.group().startswith(".") and _ABBREVIATION_BEFORE.search(window[: match.start()]):
            continue
        return match.start()
    return None


def find_mentions(text: str, own_date: str | None = None) -> list[Mention]:
    """Find references to acts by their requisites in ``text``.

    A mention is a kind word in any case form («постановлении», «Указом», «Федеральный закон»)
    followed within the same sentence by a number («№443», «N 197-ФЗ») and optionally a date, before
    or after the number. A date without a year takes the year of ``own_date`` (the year before when
    that would put it after ``own_date``); with no ``own_date`` only ``day_month`` is known.

    :param text: any text (news, an act, a letter).
    :param own_date: the text's own date, ISO, or None.
    :returns: the mentions in text order.
    """
    mentions: list[Mention] = []
    text = text.translate(_SPACES)  # one character for one: offsets stay those of the given text
    kinds = list(KIND_WORD.finditer(text))
    for index, kind_match in enumerate(kinds):
        kind = kind_of(kind_match)
        if kind in ("кодекс", "конституция", "положение", "письмо"):
            continue
        limit = min(len(text), kind_match.end() + _WINDOW_CHARS)
        if index + 1 < len(kinds):
            limit = min(limit, kinds[index + 1].start())
        window_start = kind_match.end()
        window = text[window_start:limit]
        sentence_end = _sentence_end(window)
        if sentence_end is not None:
            window = window[:sentence_end]
        number = find_act_number(window)
        if number is None or number.start() > _MAX_GAP_CHARS:
            continue
        between = window[: number.start()]
        dates = [d for d in dates_in(window) if d.end <= number.start()]
        after = window[number.end() :]
        tail = _DATE_AFTER_NUMBER.match(after)
        if tail:
            following = [d for d in dates_in(after[tail.end() :]) if d.start == 0]
            if following:
                shift = number.end() + tail.end()
                d = following[0]
                dates.append(WrittenDate(d.start + shift, d.end + shift, d.day, d.month, d.year))
        date = dates[-1] if dates else None
        iso = None
        day_month = None
        if date is not None:
            day_month = f"{date.month:02d}-{date.day:02d}"
            iso = valid_iso(date.year, date.month, date.day) if date.year else resolve_year(date.day, date.month, own_date)
        issuer, _ = issuer_of(between)
        start = kind_match.start()
        federal = _FEDERAL_BEFORE.search(text[max(0, start - 40) : start])
        if federal:
            start -= len(federal.group())
        number_text = number_of(number)
        number_end = number.start("number") + len(number_text)
        end = window_start + max(number_end, date.end if date else 0)
        mentions.append(
            Mention(
                kind=kind,
                number=number_text,
                date=iso,
                day_month=day_month,
                issuer=issuer,
                start=start,
                end=end,
            )
        )
    return mentions


def _matches(mention: dict[str, Any], record: dict[str, Any]) -> bool:
    """Whether a mention names this act: the same number, and kind, date, issuer agreeing where both are known."""
    if record.get("source") != "act" or not record.get("number"):
        return False
    if mention.get("number", "").lower() != str(record["number"]).lower():
        return False
    if mention.get("kind") and record.get("doc_type") and mention["kind"] != record["doc_type"]:
        return False
    act_date = record.get("date")
    if act_date and mention.get("date") and mention["date"] != act_date:
        return False
    if act_date and not mention.get("date") and mention.get("day_month") and act_date[5:] != mention["day_month"]:
        return False
    if mention.get("issuer") and record.get("issuer") and mention["issuer"] != record["issuer"]:
        return False
    return True


def resolve_links(
    mentions_by_doc: dict[str, list[dict[str, Any]]], records: dict[str, dict[str, Any]]
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[str]]]:
    """Match every document's mentions to the indexed acts they name.

    :param mentions_by_doc: each document's mentions (:meth:`Mention.to_dict`), by doc_id.
    :param records: the registry records by doc_id (``source``, ``doc_type``, ``number``, ``date``, ``issuer``).
    :returns: the mentions with ``resolved_doc_id`` set (None when no act, or more than one, matches;
        a document's mentions of itself are dropped), and ``mentioned_by``: the doc_ids mentioning each act.
    """
    by_number: dict[str, list[str]] = defaultdict(list)
    for doc_id, record in records.items():
        if record.get("number"):
            by_number[str(record["number"]).lower()].append(doc_id)
    resolved: dict[str, list[dict[str, Any]]] = {}
    mentioned_by: dict[str, set[str]] = defaultdict(set)
    for doc_id, mentions in mentions_by_doc.items():
        kept = []
        for mention in mentions:
            candidates = [d for d in by_number.get(str(mention.get("number", "")).lower(), []) if _matches(mention, records[d])]
            if doc_id in candidates:
                continue  # the act's own header, its appendix «к постановлению ... № 443»
            target = candidates[0] if len(candidates) == 1 else None
            kept.append({**mention, "resolved_doc_id": target})
            if target:
                mentioned_by[target].add(doc_id)
        resolved[doc_id] = kept
    return resolved, {doc_id: sorted(sources) for doc_id, sources in mentioned_by.items()}


def mentioned_doc_ids(mentions: Iterable[dict[str, Any]] | None) -> list[str]:
    """The distinct doc_ids a document's resolved mentions point to, in order of first mention."""
    seen: list[str] = []
    for mention in mentions or []:
        target = mention.get("resolved_doc_id")
        if target and target not in seen:
            seen.append(target)
    return seen
