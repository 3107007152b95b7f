"""Dates as Russian legal texts write them: «4 июля 2022 г.», «04.07.2022», «« 4 » ИЮЛЯ 2022 года», «от 4 июля».

:func:`parse_date` reads the first full date of a text; :func:`day_month_in` a date written without
its year (a query's «от 4 июля»); :func:`dates_in` every full and year-less date of a window, with
offsets (the mentions of acts in prose). Month names are understood in any case form.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

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
#: «от 04.07» in a query: a year-less figure date needs «от» before it, or it is a number («5.12»).
_NUMERIC_DAY_MONTH_AFTER_OT = re.compile(r"(?<!\w)от\s+(?P<day>\d{1,2})\.(?P<month>\d{2})(?![\d.])", re.IGNORECASE)
#: «04.07» in a window after an act's kind word, where the context already says it is a date.
_NUMERIC_DAY_MONTH = re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{2})(?![\d.]|\.\d)")


def valid_iso(year: int, month: int, day: int) -> str | None:
    """The ISO date «YYYY-MM-DD», or None when the day does not exist (31.02)."""
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def month_number(word: str) -> int:
    """The month number of a month name in any case form: «июля» -> 7."""
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
        iso = valid_iso(int(match.group("year")), month_number(match.group("month")), int(match.group("day")))
        if iso:
            found.append((match.start(), iso))
            break
    for match in _NUMERIC_DATE.finditer(text):
        iso = valid_iso(int(match.group("year")), int(match.group("month")), int(match.group("day")))
        if iso:
            found.append((match.start(), iso))
            break
    return min(found)[1] if found else None


def day_month_in(query: str) -> tuple[int, int] | None:
    """Return ``(day, month)`` of a date written without a year: «от 4 июля», «от 04.07»."""
    match = _DAY_MONTH.search(query)
    if match:
        day, month = int(match.group("day")), month_number(match.group("month"))
    else:
        match = _NUMERIC_DAY_MONTH_AFTER_OT.search(query)
        if not match:
            return None
        day, month = int(match.group("day")), int(match.group("month"))
    return (day, month) if valid_iso(2000, month, day) else None


@dataclass(frozen=True)
class WrittenDate:
    """A date as written in a text: its offsets, day, month and year (None when not written)."""

    start: int
    end: int
    day: int
    month: int
    year: int | None


def dates_in(window: str) -> list[WrittenDate]:
    """Full and year-less dates in a window, in order («4 июля 2022 г.», «04.07.2022», «4 июля», «04.07»)."""
    found: list[WrittenDate] = []
    for pattern in (_WORD_DATE, _NUMERIC_DATE):
        for m in pattern.finditer(window):
            month = month_number(m.group("month")) if pattern is _WORD_DATE else int(m.group("month"))
            if valid_iso(int(m.group("year")), month, int(m.group("day"))):
                found.append(WrittenDate(m.start(), m.end(), int(m.group("day")), month, int(m.group("year"))))
    for m in _DAY_MONTH.finditer(window):
        day, month = int(m.group("day")), month_number(m.group("month"))
        if valid_iso(2000, month, day) and not any(d.start <= m.start() < d.end for d in found):
            found.append(WrittenDate(m.start(), m.end(), day, month, None))
    for m in _NUMERIC_DAY_MONTH.finditer(window):
        day, month = int(m.group("day")), int(m.group("month"))
        if valid_iso(2000, month, day) and not any(d.start <= m.start() < d.end for d in found):
            found.append(WrittenDate(m.start(), m.end(), day, month, None))
    return sorted(found, key=lambda d: d.start)


def resolve_year(day: int, month: int, own_date: str | None) -> str | None:
    """The date of «4 июля» in a text dated ``own_date``: that year, or the year before if it would lie ahead."""
    if not own_date:
        return None
    try:
        own = datetime.date.fromisoformat(own_date)
    except ValueError:
        return None
    iso = valid_iso(own.year, month, day)
    if iso and iso > own.isoformat():
        iso = valid_iso(own.year - 1, month, day)
    return iso
