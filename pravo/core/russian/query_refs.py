"""References a search query makes: «ст. 81 ТК РФ», «п. 3», «постановление № 443 от 4 июля».

:func:`parse_query_refs` reads the article, point, code, act kind, number and date a query names;
the code comes from the lexicon of :mod:`pravo.core.russian.codes`, so a query's code and a
document's title are compared by the same key. Unknown fields are None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pravo.core.russian.codes import code_named_in
from pravo.core.russian.dates import day_month_in, parse_date
from pravo.core.russian.patterns import KIND_WORD, find_act_number, kind_of, number_of

_SPACES = re.compile(r"\s+")


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


#: Kind words that name an act only with a number, a date or a title after them.
_WEAK_KINDS = frozenset({"закон", "решение", "письмо", "положение"})
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


def _query_doc_type(query: str) -> str | None:
    """Return the act kind a query names; «закон», «решение», «письмо», «положение» need a number, date or title."""
    for match in KIND_WORD.finditer(query):
        kind = kind_of(match)
        if kind not in _WEAK_KINDS:
            return kind
        after = query[match.end() :]
        if _WEAK_KIND_CONTEXT.match(after) or (kind == "закон" and _FEDERAL_BEFORE.search(query[: match.start()])):
            return kind
    return None


def parse_query_refs(query: str) -> QueryRefs:
    """Read the references a search query makes to an act, article, point, number or date.

    «статья 80 ТК» -> article "80", code "Трудовой кодекс"; «постановление № 443 от 4 июля» ->
    doc_type "постановление", number "443", day_month (4, 7). A named code also sets doc_type
    "кодекс". A bare number before «статьи»/«статей» is a count («2 статьи»), not an article.

    :param query: the user's query as typed.
    :returns: the references; what the query does not name is None.
    """
    query = _SPACES.sub(" ", query)
    named = code_named_in(query)
    code = named.title if named else None
    doc_type = "кодекс" if code else _query_doc_type(query)
    number_match = find_act_number(query)
    number = number_of(number_match) if number_match else None
    date = parse_date(query)
    return QueryRefs(
        article=_query_article(query),
        point=_query_point(query),
        code=code,
        doc_type=doc_type,
        number=number,
        date=date,
        day_month=None if date else day_month_in(query),
    )
