"""Patterns shared by the Russian rules: points, act numbers and act kinds, each written once.

- :data:`POINT_START`: a line opening a point, «1.», «2.1.», «3.2.1.» or a lettered «а)»; act
  structure, the end of an act's header and the evidence of an answer all use it.
- :data:`NUMBER_SIGN` and :data:`LAW_NUMBER`: an act's number, «№ 443», «N 197-ФЗ», «197-ФЗ»;
  read in headers, queries and mentions.
- :data:`KIND_WORD`: an act's kind word in any case form («постановлением», «Указом»), and
  :func:`kind_of` to name the kind it matched.
"""

from __future__ import annotations

import re

#: A line (``re.MULTILINE``: any line of a text) that opens a point: a numbered point «1.», «2.1.»
#: (group ``number``: "2.1") or a lettered sub-point «а)» (group ``letter``), then its text.
POINT_START = re.compile(r"^(?:(?P<number>\d{1,3}(?:\.\d{1,3})*)\.|(?P<letter>[а-я])\))[ \t]+\S", re.MULTILINE)

#: An act's number after «№» or «N»: «№ 443», «N 197-ФЗ», «№ 5-р», «№ 102-З», «N 51-ГД».
NUMBER_SIGN = re.compile(
    r"(?<![\w])(?:№|N)[ ]*(?P<number>(?:[А-ЯЁA-Z]{1,6}-)?\d[\w/.\-@]*(?:[ ](?:ГД|СФ|ЗРК|ЗРУ)(?![\w-]))?)"
)
#: A law's number written without a sign: «197-ФЗ», «1-ФКЗ», «102-З».
LAW_NUMBER = re.compile(r"(?<![\w\-])(?P<number>\d+-(?:ФКЗ|ФЗ|З))(?!\w)")

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
#: A kind word of an act in any case form; :func:`kind_of` names the kind a match stands for.
KIND_WORD = re.compile(
    r"(?<!\w)(?:" + "|".join(f"(?P<k{i}>{form})" for i, form in enumerate(_KIND_FORMS.values())) + r")(?!\w)",
    re.IGNORECASE,
)
_KIND_BY_GROUP = {f"k{i}": kind for i, kind in enumerate(_KIND_FORMS)}


def kind_of(match: re.Match[str]) -> str:
    """The canonical kind a :data:`KIND_WORD` match stands for: «постановлением» -> "постановление"."""
    return _KIND_BY_GROUP[match.lastgroup or ""]


def point_number(line: str) -> str | None:
    """The number of the numbered point a line opens: «2.1. Текст» -> "2.1"; None for «а) ...» or prose."""
    match = POINT_START.match(line)
    return match.group("number") if match else None


def find_act_number(text: str) -> re.Match[str] | None:
    """The first act number in ``text``, after a sign («№ 443») or else a law's («197-ФЗ»); None if none."""
    return NUMBER_SIGN.search(text) or LAW_NUMBER.search(text)


def number_of(match: re.Match[str]) -> str:
    """The number a :func:`find_act_number` match holds, without trailing punctuation: «443.» -> "443"."""
    return match.group("number").rstrip(".,-/")
