"""HTML of the UI: escaping, words of the query marked by lemma, document marks at offsets, answers."""

from __future__ import annotations

import html
import json
import re

import pytest

from pravo.core.errors import QueryError, StoreError
from pravo.qa.answers import Answer, Citation
from pravo.qa.hits import Hit
from pravo.ui import render

HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def hit(**overrides) -> Hit:
    values = dict(doc_id="acts/p443", chunk_id="acts/p443#1", title="Об одобрении программы", source="act",
                  doc_type="постановление", number="443", date="2022-07-04", issuer="Совет Министров", article=None,
                  point="1", text="1. Одобрить проект программы «Интелавто».", score=1.25, start=10, end=50)
    values.update(overrides)
    return Hit(**values)


def test_words_are_marked_by_lemma():
    out = render.highlight("Уволен за прогулы; прогул — грубое нарушение.", render.query_terms("увольнение за прогула"))
    assert out.count('<mark class="pravo-term">') == 2
    assert '<mark class="pravo-term">прогулы</mark>' in out and '<mark class="pravo-term">прогул</mark>' in out
    assert "за" not in re.findall(r"<mark[^>]*>([^<]*)</mark>", out)  # stop words are not marked


def test_numbers_are_marked_as_written():
    out = render.highlight("постановление № 443 и № 4430", render.query_terms("№ 443"))
    assert re.findall(r"<mark[^>]*>([^<]*)</mark>", out) == ["443"]


def test_everything_is_escaped():
    out = render.render_hits("script", [hit(title=HOSTILE, text=HOSTILE + " script", doc_id="a/<b>")])
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "a/&lt;b&gt;" in out
    document = render.render_document({"doc_id": "x", "title": HOSTILE, "text": HOSTILE * 2}, 0, len(HOSTILE))
    assert "<script>" not in document and "<img" not in document
    assert html.unescape(re.sub(r"<[^>]+>", "", document.split('class="pravo-doc"', 1)[1].split(">", 1)[1])).startswith(HOSTILE)


def test_data_open_round_trips_an_id_with_quotes():
    out = render.render_hits("программа", [hit(doc_id='news/"q"<&>')])
    value = re.search(r'data-open="([^"]*)"', out).group(1)
    assert json.loads(html.unescape(value)) == {"doc_id": 'news/"q"<&>', "start": 10, "end": 50, "terms": ["программа"]}


def test_snippet_is_cut_around_the_first_match():
    text = "вступление " * 80 + "программа Интелавто одобрена " + "заключение " * 80
    out = render.snippet(text, render.query_terms("Интелавто"), size=200)
    assert out.startswith("… ") and out.endswith(" …") and '<mark class="pravo-term">Интелавто</mark>' in out
    assert len(re.sub(r"<[^>]+>", "", out)) <= 204


def test_document_marks_the_span_exactly():
    text = "Статья 80. Расторжение трудового договора по инициативе работника."
    out = render.render_document({"doc_id": "codes/tk", "title": "ТК", "text": text}, 11, 41)
    marked = re.search(r'<mark class="pravo-target"[^>]*>(.*?)</mark>', out).group(1)
    assert html.unescape(marked) == text[11:41]


@pytest.mark.parametrize("start, end", [(None, None), (5, 2), (0, 10_000), (-1, 3)])
def test_document_without_a_valid_span_has_no_mark(start, end):
    out = render.render_document({"doc_id": "d", "title": None, "text": "короткий текст"}, start, end)
    assert "pravo-target" not in out and "короткий текст" in out


def test_missing_document_is_a_message():
    assert "не найден" in render.render_document(None)


def citation(n=1, **overrides) -> Citation:
    values = dict(n=n, doc_id="acts/p443", label="постановление № 443", title="Об одобрении", article=None,
                  point="1", quote="Одобрить проект", start=13, end=28)
    values.update(overrides)
    return Citation(**values)


def test_answer_markers_open_their_citations():
    answer = Answer(question="Какое постановление?", answer="Постановление № 443 [1], см. также [2] и [7].",
                    citations=[citation(1), citation(2, doc_id="news/intelavto", start=0, end=5, quote="Совет")],
                    hits=[hit()], abstained=False)
    out = render.render_answer(answer)
    markers = re.findall(r'<a href="#" class="pravo-cite" data-open="([^"]*)"[^>]*>\[(\d)\]</a>', out)
    assert [n for _, n in markers] == ["1", "2"]  # [7] cites nothing: left as text
    assert json.loads(html.unescape(markers[1][0]))["doc_id"] == "news/intelavto"
    assert "Источники" in out and "<blockquote>Одобрить проект</blockquote>" in out


def test_abstention_is_shown_with_the_closest_documents():
    answer = Answer(question="Сколько стоит луна?", answer="В проиндексированных документах нет ответа на этот вопрос.",
                    citations=[], hits=[hit(title="Ближайший акт")], abstained=True)
    out = render.render_answer(answer)
    assert "Ответа нет" in out and "Ближайшие документы" in out and "Ближайший акт" in out
    assert "pravo-answer" not in out


def test_documents_filter_and_table():
    records = [
        {"doc_id": "acts/p443", "title": "Об одобрении", "doc_type": "постановление", "number": "443", "source": "act", "n_chunks": 4},
        {"doc_id": "news/intelavto", "title": "Беларусь и Россия", "doc_type": None, "number": None, "source": "news", "n_chunks": 2},
    ]
    assert [r["doc_id"] for r in render.filter_documents(records, "443")] == ["acts/p443"]
    assert [r["doc_id"] for r in render.filter_documents(records, source="news")] == ["news/intelavto"]
    assert [r["doc_id"] for r in render.filter_documents(records, "РОССИЯ")] == ["news/intelavto"]
    assert render.filter_documents(records, doc_type="указ") == []
    table = render.render_documents(records, 2)
    assert table.count('class="pravo-docrow"') == 2 and "Показано 2 из 2" in table
    assert "Под фильтр" in render.render_documents([], 2) and "Документов нет" in render.render_documents([], 0)


def test_status_lists_what_the_issue_names():
    out = render.render_status({"documents": 3, "chunks": 11, "last_indexed": "2026-01-01T00:00:00+00:00",
                                "embedding_model": "<m>", "store": "/data/edge", "indexing": False})
    for word in ("Документов", "Фрагментов", "Последняя индексация", "Модель эмбеддингов", "Хранилище", "&lt;m&gt;"):
        assert word in out


@pytest.mark.parametrize(
    "error, expected",
    [
        (QueryError("the query is empty; type...", field="query"), "Введите вопрос или слова для поиска."),
        (QueryError("date_from '4 июля': invalid", field="date_from"), "Проверьте поле «дата «с»»"),
        (StoreError("nothing is indexed in /x yet; run `pravo index` first"), "Индекс пуст"),
        (RuntimeError("boom"), "Внутренняя ошибка (RuntimeError)"),
    ],
)
def test_errors_read_as_russian_messages(error, expected):
    assert render.error_text(error).startswith(expected)
    assert "Traceback" not in render.message(render.error_text(error), "error")
