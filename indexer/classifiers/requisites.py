"""Decides act or news and adds the requisites that are plainly present to each Document's meta.

Requisites given with a document win over what its text says: a JSONL line's ``title``, ``date``,
``number``, ``type`` (→ ``doc_type``), ``issuer``, ``jurisdiction`` and ``source`` reach this
component as meta (see :mod:`pravo.indexer.converters.jsonl`), are kept as given (written the way parsed
ones are, see :func:`normalize_requisite`), and only the fields not given are parsed from the text.
"""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import asdict, replace
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict

from pravo.core.types import REQUISITE_FIELDS
from pravo.core.russian.codes import code_of_title
from pravo.core.russian.dates import parse_date
from pravo.core.russian.requisites import parse_requisites
from pravo.core.russian.structure import looks_like_legal_act

logger = logging.getLogger(__name__)

#: Meta keys this component sets; unknown values are None, never guessed.

SOURCES = ("act", "news")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER_SIGN = re.compile(r"^(?:№|N(?=[\s\d]))\s*")
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

    :param field: The meta key (one of :data:`REQUISITE_FIELDS`).
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
        number = _NUMBER_SIGN.sub("", text)
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


def first_line_title(text: str, max_chars: int = 200) -> str | None:
    """The first non-blank line, cut at a word boundary to ``max_chars``: the title of a news text."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            if len(line) <= max_chars:
                return line
            cut = line[:max_chars].rsplit(" ", 1)[0]
            return cut + "…"
    return None


def given_requisites(doc: Document) -> dict[str, str]:
    """The requisites already in the document's meta (given with it), normalised.

    A value that is not usable is left out with a warning, so the text's own requisite is used;
    the JSONL converter reports such a line as a failure before it gets here.
    """
    given: dict[str, str] = {}
    for field in REQUISITE_FIELDS:
        try:
            value = normalize_requisite(field, doc.meta.get(field))
        except ValueError as e:
            logger.warning(
                "Document %(doc_id)s: ignoring its given %(field)s (%(reason)s); reading it from the text",
                {"doc_id": doc.meta.get("doc_id") or doc.id, "field": field, "reason": str(e)},
            )
            continue
        if value is not None:
            given[field] = value
    return given


@component
class RequisitesExtractor:
    """
    Marks each Document ``source`` = ``"act"`` or ``"news"`` and adds its requisites to meta:
    ``title``, ``doc_type``, ``number``, ``date`` (ISO), ``issuer``, ``jurisdiction``.

    A requisite already in a Document's meta (a JSONL line's metadata) is kept, normalised by
    :func:`normalize_requisite`; only the others are parsed from the text. A given ``source``
    also decides whether the header is parsed (``act``) or not (``news``).

    Usage example:
    ```python
    doc = RequisitesExtractor().run([Document(content=decree_text)])["documents"][0]
    doc.meta["number"]  # "443"
    ```
    """

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RequisitesExtractor":
        return default_from_dict(cls, data)

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        """
        :param documents: Whole documents (not chunks).
        :returns: ``documents``: copies with the requisite meta fields set.
        """
        out = []
        for doc in documents:
            text = doc.content or ""
            given = given_requisites(doc)
            source = given.get("source") or ("act" if looks_like_legal_act(text) else "news")
            if source == "act":
                found = asdict(parse_requisites(text))
                found["title"] = found.get("title") or first_line_title(text)
            else:
                found = dict.fromkeys(REQUISITE_FIELDS)
                found["title"] = first_line_title(text)
            found["source"] = source
            meta = {**doc.meta, **{k: given.get(k, found.get(k)) for k in REQUISITE_FIELDS}}
            meta["code"] = code_of_title(meta["title"]) if source == "act" else None
            out.append(replace(doc, meta=meta))
        return {"documents": out}
