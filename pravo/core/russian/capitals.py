"""Capitals in legal headers: «П О С Т А Н О В Л Е Н И Е», «ОБ ОДОБРЕНИИ ПРОЕКТА», «СОВЕТА МИНИСТРОВ».

Headers are often typed in capitals or with spaced letters; requisites are stored in ordinary case,
with the proper names of states and bodies kept capitalised («О Правительстве Российской Федерации»).
"""

from __future__ import annotations

import re

_SPACED_LETTERS = re.compile(r"(?<![^\W\d_])(?:[^\W\d_] ){2,}[^\W\d_](?![^\W\d_])")
#: Proper names that keep their capitals when a phrase in capitals is lower-cased.
_PROPER_NOUNS = (
    (re.compile(r"российской федерации", re.IGNORECASE), "Российской Федерации"),
    (re.compile(r"российская федерация", re.IGNORECASE), "Российская Федерация"),
    (re.compile(r"республики беларусь", re.IGNORECASE), "Республики Беларусь"),
    (re.compile(r"республика беларусь", re.IGNORECASE), "Республика Беларусь"),
    (re.compile(r"республики казахстан", re.IGNORECASE), "Республики Казахстан"),
    (re.compile(r"совета министров", re.IGNORECASE), "Совета Министров"),
    (re.compile(r"союзного государства", re.IGNORECASE), "Союзного государства"),
)


def collapse_spaced_letters(line: str) -> str:
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


def caps_to_lower(phrase: str) -> str:
    """Lower-case an all-caps phrase, keeping known proper names and quoted names capitalised."""
    if any(char.islower() for char in phrase) or not any(char.isalpha() for char in phrase):
        return phrase
    result = phrase.lower()
    for pattern, proper in _PROPER_NOUNS:
        result = pattern.sub(proper, result)
    result = _capitalise_names(result)
    return re.sub(r"([«\"])([а-яё])", lambda m: m.group(1) + m.group(2).upper(), result)


def humanize_caps(phrase: str) -> str:
    """Turn an all-caps phrase into ordinary case: «ОБ ОДОБРЕНИИ ...» -> «Об одобрении ...»."""
    if any(char.islower() for char in phrase):
        return phrase
    result = caps_to_lower(phrase)
    return result[:1].upper() + result[1:]
