"""The shapes users and scripts rely on (``../shared/design/interface.md``): HIT and search filters."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from haystack import Document
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pravo.core.errors import QueryError

MAX_QUERY_CHARS = 2000


class Hit(BaseModel):
    """One search result: a chunk with its document's requisites and where it stands."""

    doc_id: str
    chunk_id: str
    title: str | None
    source: Literal["act", "news"] | None
    doc_type: str | None
    number: str | None
    date: str | None
    issuer: str | None
    article: str | None
    point: str | None
    text: str
    score: float
    start: int | None = Field(None, description="Offset of the chunk in the document text (added to the contract)")
    end: int | None = None
    page: int | None = Field(
        None,
        description="1-based page where the chunk starts in a paginated document (PDF); null otherwise (added to the contract)",
    )
    mentions: list[str] | None = Field(
        None, description="doc_ids of the acts this chunk's document mentions by requisites (added to the contract)"
    )
    mentioned_by: list[str] | None = Field(None, description="doc_ids of the documents that mention this one")

    @classmethod
    def from_document(cls, doc: Document) -> "Hit":
        meta = doc.meta
        return cls(
            doc_id=meta.get("doc_id") or doc.id,
            chunk_id=doc.id,
            title=meta.get("title"),
            source=meta.get("source"),
            doc_type=meta.get("doc_type"),
            number=meta.get("number"),
            date=meta.get("date"),
            issuer=meta.get("issuer"),
            article=meta.get("article"),
            point=meta.get("point"),
            text=doc.content or "",
            score=float(doc.score or 0.0),
            start=meta.get("start"),
            end=meta.get("end"),
            page=meta.get("page"),
            mentions=meta.get("mentions"),
            mentioned_by=meta.get("mentioned_by"),
        )


class SearchFilters(BaseModel):
    """Filters from the command line (``--type``, ``--number``...) or the REST API's ``filters``."""

    model_config = ConfigDict(extra="forbid")

    type: str | None = None
    number: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    issuer: str | None = None
    source: Literal["act", "news"] | None = None

    @field_validator("type", "number", "issuer")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("must not be empty")
        return value.strip() if value else value

    @model_validator(mode="after")
    def _range(self) -> "SearchFilters":
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"date_from ({self.date_from}) is after date_to ({self.date_to})")
        return self

    def to_haystack(self) -> dict[str, Any] | None:
        """Haystack filter syntax over chunk meta, or None when no filter is set."""
        conditions: list[dict[str, Any]] = []
        if self.type:
            conditions.append({"field": "meta.doc_type", "operator": "==", "value": self.type.lower()})
        if self.number:
            conditions.append({"field": "meta.number", "operator": "==", "value": self.number.lstrip("№N ").strip()})
        if self.issuer:
            conditions.append({"field": "meta.issuer", "operator": "==", "value": self.issuer})
        if self.source:
            conditions.append({"field": "meta.source", "operator": "==", "value": self.source})
        if self.date_from:
            conditions.append({"field": "meta.date", "operator": ">=", "value": self.date_from.isoformat()})
        if self.date_to:
            conditions.append({"field": "meta.date", "operator": "<=", "value": self.date_to.isoformat()})
        if not conditions:
            return None
        return {"operator": "AND", "conditions": conditions}


def validate_query(query: object, field: str = "query") -> str:
    """Return the query (or question) stripped, or raise QueryError naming what is wrong with it."""
    if not isinstance(query, str):
        raise QueryError(f"the {field} must be text", field=field)
    stripped = " ".join(query.split())
    if not stripped:
        raise QueryError(f"the {field} is empty; type a question or words to search for", field=field)
    if len(stripped) > MAX_QUERY_CHARS:
        raise QueryError(f"the {field} is {len(stripped)} characters long; the limit is {MAX_QUERY_CHARS}", field=field)
    if not any(c.isalnum() for c in stripped):
        raise QueryError(f"the {field} has no letters or digits to search for", field=field)
    return stripped
