"""Evidence for an answer: the sentence windows of the top hits, scored against the question.

Pure functions, no model and no store: the answer builder hands in the hits, the question's
embedding and the windows' stored embeddings. A window is the same span of a chunk that the indexer
embedded (:func:`pravo.core.russian.prose.sentence_window_spans`), so its dense score is
exact and costs a dot product.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from haystack import Document

from pravo.core.russian.morphology import STOPWORDS, lemma, lemmatize, names_a_thing, tokenize
from pravo.core.russian.patterns import POINT_START
from pravo.core.russian.prose import sentence_window_spans

#: Question words: they say what is asked, not what the answer is about.
QUESTION_WORDS = frozenset(
    "какой каков сколько кто что когда где куда откуда почему зачем чей каким образом ли можно нужно".split()
)

#: The question asks for a quantity, a date or a term: the answer holds a number, in figures or words.
_ASKS_NUMBER = re.compile(
    r"\b(?:сколько|скольк\w+|какой\s+срок|какие\s+сроки|на\s+какой\s+(?:максимальный\s+|минимальный\s+)?срок|в\s+какой\s+срок"
    r"|как\s+долго|когда|в\s+каком\s+году|какого\s+числа|какой\s+(?:размер|процент|возраст)|во\s+сколько"
    r"|какова\s+(?:продолжительность|сумма|стоимость)|какое\s+(?:время|количество|число))\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = re.compile(
    r"\d|\b(?:одн\w+|дв[ау]\w*|двух\w*|тр[ие]\w*|четыр\w+|пят\w+|шест\w+|сем\w+|восьм\w+|девят\w+|десят\w+"
    r"|двадцат\w+|тридцат\w+|сорок\w*|сот\w*|тысяч\w*|миллион\w*|миллиард\w*|полтор\w+|половин\w+)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Window:
    """One sentence window of a hit, with the features that rank it as evidence."""

    hit: int  # position of the hit, 0 = best
    start: int  # offsets in the hit's text (the chunk)
    end: int
    text: str
    dense: float  # cosine of the question and the window
    lexical: float  # share of the question's content lemmas (weighted by rarity) the window holds
    number: bool  # holds a number, in figures or words


def content_lemmas(text: str) -> list[str]:
    """Lemmas that say what a question is about: no stop words, no question words, no duplicates."""
    seen: dict[str, None] = {}
    for lm in lemmatize(text):
        if lm not in QUESTION_WORDS and len(lm) > 1:
            seen.setdefault(lm, None)
    return list(seen)


def question_nouns(question: str) -> list[str]:
    """Lemmas of the nouns, abbreviations and foreign words of a question: what it is about («НДС», «отпуск»)."""
    found: list[str] = []
    for token in tokenize(question):
        if token in STOPWORDS or not names_a_thing(token):
            continue
        lm = lemma(token)
        if lm not in QUESTION_WORDS and lm not in found:
            found.append(lm)
    return found


def coverage(lemmas: Sequence[str], text: str) -> float:
    """Share of ``lemmas`` that occur in ``text`` (1.0 when there are none to look for)."""
    if not lemmas:
        return 1.0
    present = set(lemmatize(text))
    return sum(1 for lm in lemmas if lm in present) / len(lemmas)


def asks_for_number(question: str) -> bool:
    """Whether the question asks how many, how long, when or what size."""
    return bool(_ASKS_NUMBER.search(question))


def holds_number(text: str) -> bool:
    """Whether the text holds a number in figures or in words («трех», «пяти лет»)."""
    return bool(_NUMBER_WORDS.search(text))


def rarity_weighted_shares(terms: Sequence[Hashable], held: Sequence[set[Any]]) -> list[float]:
    """For each candidate, the share of ``terms`` it holds, each term weighted by its rarity among
    the candidates (log(1 + n / (1 + df))): a word every candidate holds says little."""
    df = {t: sum(1 for h in held if t in h) for t in terms}
    idf = {t: math.log(1.0 + len(held) / (1.0 + df[t])) for t in terms}
    total = sum(idf.values()) or 1.0
    return [sum(idf[t] for t in terms if t in h) / total for h in held]


def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return float(np.dot(np.asarray(a, dtype=np.float32), np.asarray(b, dtype=np.float32)))


def windows_of(
    hits: Sequence[Document],
    question_lemmas: Sequence[str],
    query_embedding: Sequence[float] | None,
    window_vectors: dict[str, Any],
    max_chars: int,
) -> list[Window]:
    """Cut each hit into its sentence windows and score every window against the question.

    :param hits: Chunks, best first.
    :param question_lemmas: :func:`content_lemmas` of the question.
    :param query_embedding: The question's dense embedding (normalised), or None.
    :param window_vectors: Stored window embeddings by chunk id (an array or rows of floats, one row
        per window); a chunk without them scores 0 dense.
    :param max_chars: The window size the index was built with (``PRAVO_SENTENCE_MAX_CHARS``).
    """
    spans: list[tuple[int, int, int, str, set[str]]] = []
    for position, hit in enumerate(hits):
        text = hit.content or ""
        for start, end in sentence_window_spans(text, max_chars) or ([(0, len(text))] if text.strip() else []):
            spans.append((position, start, end, text[start:end], set(lemmatize(text[start:end]))))
    if not spans:
        return []
    shares = rarity_weighted_shares(question_lemmas, [lemmas for *_, lemmas in spans])
    out: list[Window] = []
    counters: dict[int, int] = {}
    for (position, start, end, text, _), lexical in zip(spans, shares):
        k = counters.get(position, 0)
        counters[position] = k + 1
        found = window_vectors.get(hits[position].id)
        vectors = found if found is not None else []
        dense = _dot(query_embedding, vectors[k]) if query_embedding is not None and k < len(vectors) else 0.0
        out.append(Window(position, start, end, text, dense, lexical, holds_number(text)))
    return out


def point_at(chunk_text: str, offset: int, default: str | None = None) -> str | None:
    """The number of the narrowest point («3», «2.1») that holds ``offset`` in a chunk of an act.

    The last line at or before ``offset`` that opens a numbered point wins; sub-points «а)» are
    appended to it («3.а»). Without one, ``default`` (the chunk's own point) is returned.
    """
    number: str | None = None
    letter: str | None = None
    for match in POINT_START.finditer(chunk_text, 0, offset + 1):
        if match.start() > offset:
            break
        if match.group("number"):
            number, letter = match.group("number"), None
        else:
            letter = match.group("letter")
    if number is None:
        number = default
    if number and letter:
        return f"{number}.{letter}"
    return number
