"""Decides act or news and adds the requisites that are plainly present to each Document's meta."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict

from indexer.russian.requisites import parse_requisites
from indexer.russian.structure import looks_like_legal_act

#: Meta keys this component sets; unknown values are None, never guessed.
REQUISITE_FIELDS = ("source", "title", "doc_type", "number", "date", "issuer", "jurisdiction")


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


@component
class RequisitesExtractor:
    """
    Marks each Document ``source`` = ``"act"`` or ``"news"`` and adds its requisites to meta:
    ``title``, ``doc_type``, ``number``, ``date`` (ISO), ``issuer``, ``jurisdiction``.

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
            if looks_like_legal_act(text):
                found = asdict(parse_requisites(text))
                found["source"] = "act"
                found["title"] = found.get("title") or first_line_title(text)
            else:
                found = dict.fromkeys(REQUISITE_FIELDS)
                found["source"] = "news"
                found["title"] = first_line_title(text)
            meta = {**doc.meta, **{k: found.get(k) for k in REQUISITE_FIELDS}}
            out.append(replace(doc, meta=meta))
        return {"documents": out}
