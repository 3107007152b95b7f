"""Issuers of acts and the states they belong to, as header zones and mentions name them.

:func:`issuer_of` turns «СОВЕТА МИНИСТРОВ РЕСПУБЛИКИ БЕЛАРУСЬ», «Министерства финансов Российской
Федерации», «Минского городского исполнительного комитета» into the canonical, nominative name
(«Совет Министров Республики Беларусь») and the state's code ("BY"); :func:`jurisdiction_of` finds
the first state a text names.
"""

from __future__ import annotations

import re

from pravo.core.russian.capitals import caps_to_lower

_SPACES = re.compile(r"\s+")

#: States and their codes, as a header or a title names them.
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
#: Words that an issuer's name holds: a line with none of them names no issuer.
ISSUER_WORDS = re.compile(
    r"совет|министр|министерств|президент|правительств|комитет|республик|федераци|банк|суд|дум|палат|собрани"
    r"|исполнительн|городск|областн|районн|служб|инспекци|агентств|администраци|пленум|правлени",
    re.IGNORECASE,
)
_NOMINATIVE_HEADS = (
    (re.compile(r"^министерств\w*", re.IGNORECASE), "Министерство"),
    (re.compile(r"^государственн\w+\s+комитет\w*", re.IGNORECASE), "Государственный комитет"),
)
_FEDERAL_SERVICE = re.compile(r"^федеральн\w+\s+(?:(?P<adjective>[а-яё]+)\s+)?служб\w*$", re.IGNORECASE)


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
    words = caps_to_lower(phrase).split()
    words = [_nominative_adjective(w) for w in words[:-1]] + ["комитет"]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def issuer_of(zone: str) -> tuple[str | None, str | None]:
    """Return the canonical issuer a header zone (or the words before a mention's number) names first.

    :param zone: the text that may name an issuer, in any case.
    :returns: ``(issuer, jurisdiction)``, the nominative name and its state's code; ``(None, None)``
        when no issuer is named.
    """
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
            full = (head + " " + caps_to_lower(name)).strip()
            found.append((body.start(), full, jurisdiction_of(full)))
        elif name:
            for pattern, nominative in _NOMINATIVE_HEADS:
                head = pattern.sub(nominative, head)
            full = head + " " + caps_to_lower(name)
            found.append((body.start(), full, jurisdiction_of(full)))
    if not found:
        return None, None
    _, name, jurisdiction = min(found, key=lambda item: item[0])
    return name, jurisdiction


def jurisdiction_of(zone: str) -> str | None:
    """Return the code of the first state named in the header zone («Республики Беларусь» -> "BY")."""
    hits = [(m.start(), code) for pattern, code in _JURISDICTIONS if (m := pattern.search(zone))]
    return min(hits)[1] if hits else None


def opens_with_issuer(line: str) -> bool:
    """Tell whether a line opens with an issuer's name: «Совета Министров ...», «Министерство финансов ...»."""
    return any(pattern.match(line) for pattern, _, _ in _ISSUER_PATTERNS) or _NAMED_BODY.match(line) is not None
