"""The ANSWER shape users and scripts rely on (``../shared/design/interface.md``) and its citations."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from pravo.qa.hits import Hit

#: What an abstaining answer says first (the closest documents follow).
ABSTENTION_TEXT = "В проиндексированных документах нет ответа на этот вопрос."


class Citation(BaseModel):
    """The exact words of a source that support one marker ``[n]`` of an answer."""

    n: int = Field(description="The marker number in the answer text")
    doc_id: str
    label: str = Field(description="Human reference: «ст. 80 ТК РФ», «постановление … № 443 от 4 июля 2022 г.»")
    title: str | None
    article: str | None = Field(description="Article (Статья N) holding the quote, as written")
    point: str | None = Field(description="The narrowest point (пункт) holding the quote, as written")
    quote: str = Field(description="Exactly the document's text at [start, end)")
    start: int
    end: int
    chunk_id: str | None = Field(None, description="The hit the quote was taken from (added to the contract)")
    page: int | None = Field(None, description="Page of the source file, for paginated formats (added to the contract)")


class Answer(BaseModel):
    """An answer with markers [1], [2] and the citations behind them, or an abstention."""

    question: str
    answer: str
    citations: list[Citation]
    hits: list[Hit]
    abstained: bool
    mode: Literal["extractive", "generative"] = Field(
        "extractive", description="Who wrote the answer text (added to the contract)"
    )
    note: str | None = Field(None, description="What went differently, e.g. the generator was unreachable (added)")
