"""Decides act or news and adds the requisites that are plainly present to each Document's meta.

Requisites given with a document win over what its text says: a JSONL line's ``title``, ``date``,
``number``, ``type`` (→ ``doc_type``), ``issuer``, ``jurisdiction`` and ``source`` reach this
component as meta (see :mod:`pravo.indexer.converters.jsonl`), are kept as given (written the way parsed
ones are, by :func:`pravo.core.russian.requisites.normalize_requisite`, the rule the JSONL converter
checks them with), and only the fields not given are parsed from the text.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, replace
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict

from pravo.core.types import REQUISITE_FIELDS
from pravo.core.russian.codes import code_of_title
from pravo.core.russian.requisites import normalize_requisite, parse_requisites
from pravo.core.russian.structure import looks_like_legal_act

logger = logging.getLogger(__name__)


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
    :func:`~pravo.core.russian.requisites.normalize_requisite`; only the others are parsed from the text. A given ``source``
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
