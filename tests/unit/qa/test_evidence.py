"""Evidence for answers: question terms, windows scored against a question, where a quote stands."""

from __future__ import annotations

import pytest
from haystack import Document

from pravo.core.russian.prose import sentence_window_spans
from pravo.core.russian.prose import trimmed
from pravo.qa.evidence import (
    asks_for_number,
    content_lemmas,
    coverage,
    holds_number,
    point_at,
    question_nouns,
    windows_of,
)


def test_content_lemmas_drop_question_and_stop_words_and_repeats():
    assert content_lemmas("Какой отпуск положен работникам и каким работникам?") == ["отпуск", "положить", "работник"]


def test_question_nouns_keep_nouns_abbreviations_and_codes_not_verbs_or_numbers():
    assert question_nouns("Какая ставка НДС действует в России с 2019 года?") == ["ставка", "ндс", "россия", "год"]
    assert "3-ндфл" in question_nouns("Как подать декларацию 3-НДФЛ?")
    assert question_nouns("Что считается прогулом?") == ["прогул"]


def test_coverage_is_the_share_of_lemmas_found_in_any_form():
    assert coverage(["отпуск", "работник"], "Работникам предоставляется отпуск") == 1.0
    assert coverage(["отпуск", "ндс"], "Работникам предоставляется отпуск") == 0.5
    assert coverage([], "что угодно") == 1.0


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Сколько дней длится отпуск?", True),
        ("На какой максимальный срок можно заключить срочный трудовой договор?", True),
        ("Когда выплачивается заработная плата?", True),
        ("Какое время считается ночным?", True),
        ("Что считается прогулом?", False),
        ("Кто подписал постановление?", False),
    ],
)
def test_asks_for_number(question, expected):
    assert asks_for_number(question) is expected


def test_holds_number_in_figures_or_words():
    assert holds_number("не более 40 часов")
    assert holds_number("не менее трех календарных дней")
    assert holds_number("не более пяти лет")
    assert not holds_number("по соглашению сторон")


def test_windows_of_scores_each_window_with_its_stored_vector_and_the_question_terms():
    text = "Ночное время - время с 22 часов до 6 часов. Работа в ночное время сокращается на один час. " * 3
    spans = sentence_window_spans(text, 120)
    assert len(spans) >= 2
    vectors = [[1.0, 0.0]] + [[0.0, 1.0]] * (len(spans) - 1)
    hit = Document(id="tk#1", content=text)
    windows = windows_of([hit], ["ночной", "время"], [1.0, 0.0], {"tk#1": vectors}, 120)
    assert [(w.start, w.end) for w in windows] == spans
    assert windows[0].dense == pytest.approx(1.0) and windows[1].dense == pytest.approx(0.0)
    assert all(w.lexical == pytest.approx(1.0) for w in windows)
    assert all(w.number for w in windows)


def test_windows_of_without_vectors_scores_zero_dense_and_keeps_going():
    hit = Document(id="x#0", content="Первое предложение. Второе предложение.")
    windows = windows_of([hit], ["второй"], [1.0, 0.0], {}, 300)
    assert windows and all(w.dense == 0.0 for w in windows)
    assert windows_of([Document(id="e#0", content="")], ["x"], None, {}, 300) == []


def test_point_at_finds_the_narrowest_point_before_the_offset():
    chunk = "1. Одобрить проект.\n2. Установить, что:\n2.1. первое;\nа) подпункт;\n3. Контроль возложить."
    assert point_at(chunk, chunk.index("Одобрить")) == "1"
    assert point_at(chunk, chunk.index("первое")) == "2.1"
    assert point_at(chunk, chunk.index("подпункт")) == "2.1.а"
    assert point_at(chunk, chunk.index("Контроль")) == "3"
    assert point_at("Текст без пунктов.", 3, default="7") == "7"


def test_trimmed_span_drops_surrounding_whitespace():
    text = "  \n цитата \n"
    start, end = trimmed(text, 0, len(text))
    assert text[start:end] == "цитата"
