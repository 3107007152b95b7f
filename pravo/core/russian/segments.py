"""A segment: a piece of a text with exact offsets and the structure it lies in.

Both splitters return segments: :func:`pravo.core.russian.structure.split_act` (codes, laws,
decrees, with their articles and points) and :func:`pravo.core.russian.prose.split_prose` (news
and other prose, structure fields None). ``text[segment.start:segment.end]`` is the segment's text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    """One piece of a document, with the structural context it lies in.

    ``start``/``end`` are offsets into the given text; ``section``/``chapter`` are the heading lines
    of the enclosing «Раздел» (or «Приложение») and «Глава»; ``article`` is the article number as
    written ("22.2"); ``point`` is the narrowest numbered point holding the whole segment («3»,
    «2.1»; lettered and bracketed items «а)», «1)» stay inside it); ``appendix`` is the heading of
    the appendix («Приложение к постановлению ...») the segment lies in, None in the act itself.
    """

    start: int
    end: int
    section: str | None = None
    chapter: str | None = None
    article: str | None = None
    article_title: str | None = None
    point: str | None = None
    repealed: bool = False
    appendix: str | None = None

