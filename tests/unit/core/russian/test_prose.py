"""Tests of cutting prose into sentence windows (pravo.core.russian.prose)."""

from __future__ import annotations

import pytest

from pravo.core.russian.prose import sentence_window_spans, sentence_windows, split_prose
from tests.unit.core.russian.segment_checks import assert_well_formed, read_fixture


@pytest.fixture(scope="module")
def news() -> str:
    return read_fixture("news_union_state.txt")


def test_prose_windows_share_one_sentence(news):
    windows = split_prose(news, max_chars=300, overlap_sentences=1)
    assert len(windows) >= 3
    assert_well_formed(news, windows)
    for window in windows:
        assert window.end - window.start <= 300
        assert (window.section, window.chapter, window.article, window.article_title, window.point) == (None,) * 5
        assert window.repealed is False
    for previous, following in zip(windows, windows[1:]):
        assert previous.start < following.start < previous.end
        shared = news[following.start : previous.end]
        assert shared.endswith((".", "»", "!", "?"))
    assert windows[0].start == 0 and windows[-1].end == len(news.rstrip())


def test_prose_without_overlap_tiles_the_text(news):
    windows = split_prose(news, max_chars=300, overlap_sentences=0)
    for previous, following in zip(windows, windows[1:]):
        assert previous.end <= following.start
        assert news[previous.end : following.start].strip() == ""


def test_prose_prefers_paragraph_breaks():
    first = "Первое предложение первого абзаца довольно длинное и подробное. " * 3
    second = "Второй абзац начинается здесь и продолжается дальше. " * 3
    text = first.strip() + "\n" + second.strip()
    windows = split_prose(text, max_chars=300, overlap_sentences=0)
    assert text[windows[0].start : windows[0].end] == first.strip()


def test_long_sentence_is_its_own_window_and_very_long_is_cut_at_words():
    long_sentence = "Стороны договорились " + " ".join(["о сотрудничестве"] * 40) + "."
    text = "Короткое начало. " + long_sentence + " Короткий конец."
    windows = split_prose(text, max_chars=500, overlap_sentences=1)
    pieces = [text[w.start : w.end] for w in windows]
    assert long_sentence in pieces
    very_long = " ".join(["слово"] * 600) + "."
    cut = split_prose(very_long, max_chars=500)
    assert len(cut) > 1
    for window in cut:
        assert window.end - window.start <= 500
        assert window.start == 0 or very_long[window.start - 1] == " "


def test_prose_of_blank_text_is_empty():
    assert split_prose("  \n\n  ") == []


def test_sentence_window_spans_are_the_prose_windows_without_overlap(news):
    spans = sentence_window_spans(news, 300)
    assert spans == [(s.start, s.end) for s in split_prose(news, max_chars=300, overlap_sentences=0)]
    assert sentence_windows(news, 300) == [news[start:end] for start, end in spans]
    assert sentence_window_spans("", 300) == []
