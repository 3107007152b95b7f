"""Windows of prose: sentence-aware cuts of any text, with exact offsets into it.

:func:`split_prose` cuts news and other prose into overlapping windows of whole sentences;
:func:`sentence_window_spans` into consecutive sentence groups without overlap (the windows the
indexer embeds one by one and the answer builder scores as evidence); :func:`window_lines` cuts
the lines of one unit of an act (an article, a point) at paragraph, sentence or word ends.
Sentences are razdel's.

All texts are expected to be normalised by :func:`pravo.core.russian.text.normalize_text`.
"""

from __future__ import annotations

import bisect
import re

from razdel import sentenize

from pravo.core.russian.segments import Segment

_WORD_BREAK = re.compile(r"\s+")


class _Windower:
    """Cuts a unit's text into windows of at most ``max_chars`` at paragraph, sentence or word ends."""

    def __init__(self, text: str, lines: list[tuple[int, int]], max_chars: int, overlap_chars: int) -> None:
        self.text = text
        self.lines = lines
        self.line_ends = [end for _, end in lines]
        self.max_chars = max_chars
        self.overlap_chars = overlap_chars
        self._sentences: dict[int, tuple[list[int], list[int]]] = {}

    def sentences(self, line_index: int) -> tuple[list[int], list[int]]:
        """Return the sentence starts and the sentence ends of one line, ascending (cached)."""
        if line_index not in self._sentences:
            start, end = self.lines[line_index]
            spans = [(start + s.start, start + s.stop) for s in sentenize(self.text[start:end]) if s.text.strip()]
            self._sentences[line_index] = ([s for s, _ in spans], [e for _, e in spans])
        return self._sentences[line_index]

    def windows(self) -> list[tuple[int, int]]:
        """Return the ``(start, end)`` spans of the windows, in order."""
        first, last = self.lines[0][0], self.lines[-1][1]
        result: list[tuple[int, int]] = []
        position, previous_end = first, first
        while True:
            if last - position <= self.max_chars:
                result.append((position, last))
                return result
            end = self._choose_end(position, previous_end)
            if end is None:  # keeping the overlap would split a paragraph that fits whole: drop it
                position = self._skip_space(previous_end)
                continue
            result.append((position, end))
            previous_end = end
            position = self._overlap_start(position, end)

    def _skip_space(self, position: int) -> int:
        """Return the first non-space position at or after ``position``."""
        while self.text[position].isspace():
            position += 1
        return position

    def _choose_end(self, position: int, floor: int) -> int | None:
        """Pick the end of the window starting at ``position``; it must lie past ``floor``."""
        limit = position + self.max_chars
        crossing = bisect.bisect_right(self.line_ends, limit)
        cross_start, cross_end = self.lines[crossing]
        line_ends = self.line_ends[bisect.bisect_right(self.line_ends, floor) : crossing]
        if cross_end - cross_start <= self.max_chars:
            return line_ends[-1] if line_ends else None
        # a paragraph longer than max_chars crosses the limit: end at a sentence end inside it, or
        # before it; when that would leave the window less than a third full, at a word end
        ends = self.sentences(crossing)[1]
        sentence_ends = ends[bisect.bisect_right(ends, floor) : bisect.bisect_right(ends, limit)]
        structural = max(sentence_ends[-1:] + line_ends[-1:], default=None)
        if structural is not None and structural - position >= self.max_chars // 3:
            return structural
        lower = max(position, floor, cross_start, structural or 0)
        for match in reversed(list(_WORD_BREAK.finditer(self.text, lower + 1, limit + 1))):
            if match.start() > lower:
                return match.start()
        return structural if structural is not None else limit

    def _overlap_start(self, position: int, end: int) -> int:
        """Pick where the next window starts so that it repeats about ``overlap_chars`` of this one."""
        target = min(self.overlap_chars, (end - position) // 2)
        if target <= 0 or self.overlap_chars <= 0:
            return self._skip_space(end)
        first_line = bisect.bisect_right(self.line_ends, max(position, end - 2 * target))
        last_line = bisect.bisect_left(self.line_ends, end)
        candidates = []
        for line_index in range(first_line, min(last_line, len(self.lines) - 1) + 1):
            starts = self.sentences(line_index)[0]
            lowest = max(position + 1, end - int(1.5 * target))
            for start in starts[bisect.bisect_left(starts, lowest) : bisect.bisect_left(starts, end)]:
                if end - start >= 0.5 * target:
                    candidates.append(start)
        if candidates:
            return min(candidates, key=lambda start: abs((end - start) - target))
        for match in _WORD_BREAK.finditer(self.text, max(position + 1, end - target), end):
            if match.end() < end:
                return match.end()
        return self._skip_space(end)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so that it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def window_lines(text: str, lines: list[tuple[int, int]], max_chars: int, overlap_chars: int) -> list[tuple[int, int]]:
    """Cut the text of ``lines`` (``(start, end)`` of non-blank lines, in order) into overlapping windows.

    A window ends at a line (paragraph) end when the paragraph crossing ``max_chars`` fits in a
    window of its own; otherwise at a sentence end inside that paragraph, or at a word end when that
    would leave the window less than a third full. Consecutive windows share about
    ``overlap_chars``, starting at a sentence start where one lies near.

    :param text: the text the lines lie in.
    :param lines: the lines of one unit; not empty.
    :param max_chars: the longest a window may be.
    :param overlap_chars: about how many characters consecutive windows share.
    :returns: the ``(start, end)`` spans of the windows, in order.
    """
    return _Windower(text, lines, max_chars, overlap_chars).windows()


def _prose_sentences(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Return sentence spans; a sentence longer than ``2 * max_chars`` is cut at word ends into
    pieces of at most ``max_chars``."""
    spans: list[tuple[int, int]] = []
    for sentence in sentenize(text):
        start, end = trimmed(text, sentence.start, sentence.stop)
        if start >= end:
            continue
        too_long = end - start > 2 * max_chars
        while too_long and end - start > max_chars:
            cut = start + max_chars
            breaks = [m.start() for m in _WORD_BREAK.finditer(text, start + 1, cut + 1)]
            cut = breaks[-1] if breaks else cut
            spans.append(trimmed(text, start, cut))
            start = trimmed(text, cut, end)[0]
        spans.append((start, end))
    return spans


def split_prose(text: str, max_chars: int = 1000, overlap_sentences: int = 1) -> list[Segment]:
    """Split prose (news, articles) into windows of whole sentences.

    Windows hold whole sentences up to ``max_chars``; a longer sentence is a window of its own (cut
    at word ends only when longer than ``2 * max_chars``). Consecutive windows share
    ``overlap_sentences`` sentences, unless that would leave no room for a new one. A window ends at
    a paragraph break when it is at least half full there.

    :param text: the normalised text.
    :param max_chars: the longest a window of several sentences may be.
    :param overlap_sentences: how many sentences consecutive windows share.
    :returns: the segments in document order; all structure fields are None.
    """
    sentences = _prose_sentences(text, max_chars)
    segments: list[Segment] = []
    first, previous_last = 0, -1
    while first < len(sentences):
        last = first
        while last + 1 < len(sentences) and sentences[last + 1][1] - sentences[first][0] <= max_chars:
            last += 1
        if last + 1 < len(sentences):
            for candidate in range(last, max(first, previous_last + 1) - 1, -1):
                gap = text[sentences[candidate][1] : sentences[candidate + 1][0]]
                if "\n" in gap and sentences[candidate][1] - sentences[first][0] >= max_chars // 2:
                    last = candidate
                    break
        segments.append(Segment(sentences[first][0], sentences[last][1]))
        if last + 1 >= len(sentences):
            break
        following = max(first + 1, last + 1 - max(0, overlap_sentences))
        if sentences[last + 1][1] - sentences[following][0] > max_chars:
            following = last + 1
        first, previous_last = following, last
    return segments


def sentence_window_spans(text: str, max_chars: int) -> list[tuple[int, int]]:
    """``(start, end)`` in ``text`` of consecutive sentence groups, each at most about ``max_chars`` long.

    The stored multivector of a chunk has one vector per span, in this order; the answer builder
    relies on that to score the windows of a hit without embedding them again.
    """
    return [(s.start, s.end) for s in split_prose(text, max_chars=max_chars, overlap_sentences=0)]


def sentence_windows(text: str, max_chars: int) -> list[str]:
    """Consecutive sentence groups of ``text``, each at most about ``max_chars`` long."""
    return [text[start:end] for start, end in sentence_window_spans(text, max_chars)]
