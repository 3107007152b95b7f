"""Finds the acts each document mentions by their requisites, while it is indexed.

The mentions go into the document's record (``mentions``, unresolved); which indexed act each one
names is decided over the whole registry after the run (:mod:`pravo.indexer.links`), so an act
indexed after the news about it still gets linked.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict

from pravo.core.russian.mentions import find_mentions


@component
class MentionsExtractor:
    """
    Sets ``meta["mentions"]``: the acts a whole document mentions («постановлении №443 от 4 июля»).

    Usage example:
    ```python
    doc = MentionsExtractor().run([Document(content=news_text, meta={"date": "2022-07-05"})])["documents"][0]
    doc.meta["mentions"][0]["number"]  # "443"
    ```
    """

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "MentionsExtractor":
        return default_from_dict(cls, data)

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        """
        :param documents: Whole documents with their requisites (``date`` gives a mention its year).
        :returns: ``documents``: copies with ``mentions`` (offsets into the document's text).
        """
        out = []
        for doc in documents:
            found = find_mentions(doc.content or "", own_date=doc.meta.get("date"))
            out.append(replace(doc, meta={**doc.meta, "mentions": [m.to_dict() for m in found]}))
        return {"documents": out}
