"""The lexicon of codes: one table of the codes pravo knows by name and abbreviation.

Both sides that must agree on «which code?» call this module: the query side
(:func:`code_named_in`: «ст. 81 ТК РФ», «Трудового кодекса» → the Labour Code) and the document
side (:func:`code_of_title`: «Трудовой кодекс Российской Федерации» → the same key), and citation
labels (:func:`code_in_title`, for «ТК РФ»). The key of a code is its canonical title prefix
(``"Трудовой кодекс"``), the value :class:`~pravo.core.russian.query_refs.QueryRefs` carries in
``code``. A query naming a code that no indexed title maps to («статья 5 ВК РФ» over the Labour
and Civil codes) yields a key that matches no document, rather than no code at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """One code of the lexicon.

    ``title`` is the canonical title prefix and the code's key («Трудовой кодекс»); ``abbreviation``
    the customary one («ТК»); ``pattern`` the name in any case form («трудового кодекса»), matched
    case-insensitively anywhere in a query and at the start of a title. ``alone``: whether the
    abbreviation by itself names the code in a query («ТК»); when False it needs a state after it
    («ВК РФ») or an article before it («ст. 5 ВК»), because it is common outside law (ВК is
    ВКонтакте, ЛК a personal account, УИК a polling station commission).
    """

    title: str
    abbreviation: str
    pattern: str
    alone: bool = True


#: The codes, longer names before the names they contain («Гражданский процессуальный» before «Гражданский»).
CODES: tuple[Code, ...] = (
    Code("Трудовой кодекс", "ТК", r"трудов\w*\s+кодекс\w*"),
    Code("Гражданский процессуальный кодекс", "ГПК", r"гражданск\w*\s+процессуальн\w*\s+кодекс\w*"),
    Code("Гражданский кодекс", "ГК", r"гражданск\w*\s+кодекс\w*"),
    Code("Уголовно-процессуальный кодекс", "УПК", r"уголовно-процессуальн\w*\s+кодекс\w*"),
    Code("Уголовно-исполнительный кодекс", "УИК", r"уголовно-исполнительн\w*\s+кодекс\w*", alone=False),
    Code("Уголовный кодекс", "УК", r"уголовн\w*\s+кодекс\w*"),
    Code("Налоговый кодекс", "НК", r"налогов\w*\s+кодекс\w*"),
    Code("Семейный кодекс", "СК", r"семейн\w*\s+кодекс\w*"),
    Code("Жилищный кодекс", "ЖК", r"жилищн\w*\s+кодекс\w*"),
    Code("Земельный кодекс", "ЗК", r"земельн\w*\s+кодекс\w*"),
    Code("Бюджетный кодекс", "БК", r"бюджетн\w*\s+кодекс\w*"),
    Code("Водный кодекс", "ВК", r"водн\w*\s+кодекс\w*", alone=False),
    Code("Лесной кодекс", "ЛК", r"лесн\w*\s+кодекс\w*", alone=False),
    Code("Воздушный кодекс", "ВзК", r"воздушн\w*\s+кодекс\w*"),
    Code("Градостроительный кодекс", "ГрК", r"градостроительн\w*\s+кодекс\w*"),
    Code("Арбитражный процессуальный кодекс", "АПК", r"арбитражн\w*\s+процессуальн\w*\s+кодекс\w*"),
    Code(
        "Кодекс административного судопроизводства",
        "КАС",
        r"кодекс\w*\s+административн\w*\s+судопроизводств\w*",
        alone=False,
    ),
    Code(
        "Кодекс об административных правонарушениях",
        "КоАП",
        r"кодекс\w*\s+(?:\S+\s+){0,3}?об\s+административн\w*\s+правонарушени\w*",
    ),
    Code(
        "Процессуально-исполнительный кодекс об административных правонарушениях",
        "ПИКоАП",
        r"процессуально-исполнительн\w*\s+кодекс\w*\s+(?:\S+\s+){0,3}?об\s+административн\w*",
    ),
    Code("Кодекс о браке и семье", "КоБС", r"кодекс\w*\s+(?:\S+\s+){0,3}?о\s+браке\s+и\s+семье"),
)

_BY_TITLE = {code.title: code for code in CODES}
_BY_ABBREVIATION = {code.abbreviation.lower(): code for code in CODES}
_IN_QUERY = tuple((re.compile(r"(?<!\w)" + code.pattern, re.IGNORECASE), code) for code in CODES)
_AT_TITLE_START = tuple((re.compile(r"^" + code.pattern, re.IGNORECASE), code) for code in CODES)
_ALL_ABBREVIATIONS = "|".join(code.abbreviation for code in CODES)
#: An abbreviation that names its code alone, written as it is written («ТК», «КоАП», «КОАП»), not «ук».
_ABBREVIATION_ALONE = re.compile(
    r"(?<![\w-])(?P<abbr>" + "|".join(code.abbreviation for code in CODES if code.alone) + r"|КОАП)(?![\w-])"
)
#: Any abbreviation, in any case, with a state after it («тк рф», «ВК РФ») or an article before it («ст. 5 ВК»).
_ABBREVIATION_IN_CONTEXT = re.compile(
    r"(?<![\w-])(?P<abbr>" + _ALL_ABBREVIATIONS + r")(?=\s+(?:рф|рб)(?!\w))"
    r"|(?:ст\.?|стать\w*)\s*\d+(?:\.\d+)*(?:-\d+)?\s+(?P<abbr2>" + _ALL_ABBREVIATIONS + r")(?![\w-])",
    re.IGNORECASE,
)


def code_named_in(query: str) -> Code | None:
    """The code a query names first, by its name in any case form or by its abbreviation.

    «ст. 81 ТК РФ», «трудового кодекса», «81 статья ТК» → the Labour Code; «статья 5 ВК РФ» → the
    Water Code; «жалоба на ук в доме» → None (a lower-case abbreviation needs «РФ» or an article).

    :param query: the query, spaces squeezed.
    :returns: the code, or None when the query names none.
    """
    found: list[tuple[int, str]] = []
    for pattern, code in _IN_QUERY:
        match = pattern.search(query)
        if match:
            found.append((match.start(), code.title))
    for pattern in (_ABBREVIATION_ALONE, _ABBREVIATION_IN_CONTEXT):
        for match in pattern.finditer(query):
            abbreviation = match.groupdict().get("abbr") or match.group("abbr2")
            found.append((match.start(), _BY_ABBREVIATION[abbreviation.lower()].title))
    return _BY_TITLE[min(found)[1]] if found else None


def code_in_title(title: str | None) -> Code | None:
    """The code a document's title names at its start: «ГРАЖДАНСКИЙ КОДЕКС РФ (часть первая)» → the Civil Code.

    :param title: a document's title, in any case and spacing; None or blank is no code.
    :returns: the code, or None for a title that is not a known code's.
    """
    if not title:
        return None
    title = " ".join(title.split())
    return next((code for pattern, code in _AT_TITLE_START if pattern.match(title)), None)


def code_of_title(title: str | None) -> str | None:
    """The key of the code a document's title names (the key :func:`code_named_in` yields for a query).

    «Трудовой кодекс Российской Федерации» → "Трудовой кодекс", as for «ТК РФ»; «Кодекс Российской
    Федерации об административных правонарушениях» → "Кодекс об административных правонарушениях",
    as for «КоАП»; «О защите прав потребителей» → None.

    :param title: a document's title; None or blank is no code.
    :returns: the canonical title prefix of the code, or None for a title that names no known code.
    """
    code = code_in_title(title)
    return code.title if code else None
