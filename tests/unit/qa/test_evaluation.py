import json
import math

import pytest

from pravo.core.errors import ConfigurationError
from pravo.qa.evaluation import evaluate_retrieval, load_question_set, ranked_units, relevant_units, score_ranking


def test_units_keep_first_occurrence_and_respect_article_level():
    hits = [{"doc_id": "tk", "article": "81"}, {"doc_id": "tk", "article": "81"}, {"doc_id": "tk", "article": "80"}]
    assert ranked_units(hits, by_article=True) == [("tk", "81"), ("tk", "80")]
    assert ranked_units(hits, by_article=False) == [("tk", None)]
    assert relevant_units({"relevant": [{"doc": "tk", "article": 80}]}) == ({("tk", "80")}, True)


def test_scores_match_the_format_definitions():
    scores = score_ranking([("a", None), ("b", None), ("c", None)], {("b", None)})
    assert scores["recall@1"] == 0 and scores["recall@5"] == 1 and scores["mrr@10"] == 0.5
    assert scores["ndcg@10"] == pytest.approx(1 / math.log2(3))
    two = score_ranking([("b", None), ("x", None), ("c", None)], {("b", None), ("c", None)})
    assert two["ndcg@10"] == pytest.approx((1 + 0.5) / (1 + 1 / math.log2(3)))
    assert score_ranking([("x", None)] * 11, {("b", None)})["mrr@10"] == 0


def test_evaluate_runs_a_searcher_and_averages(tmp_path):
    class Fixed:
        def search(self, query, top_k=10, filters=None):
            return [{"doc_id": "p2"}, {"doc_id": "p1"}]

    questions = [
        {"id": "q1", "question": "a", "relevant": [{"doc": "p1"}]},
        {"id": "q2", "question": "b", "relevant": [{"doc": "p2"}]},
        {"id": "o1", "question": "c", "relevant": [], "out_of_scope": True},
    ]
    metrics, details = evaluate_retrieval(Fixed(), questions)
    assert metrics["recall@1"] == 0.5 and metrics["mrr@10"] == 0.75 and metrics["questions"] == 2
    assert metrics["skipped_without_relevant"] == 1  # nothing to rank for an out-of-scope question
    assert [d["rank"] for d in details] == [2, 1]


def test_evaluate_answers_scores_facts_quotes_abstention_and_length():
    from pravo.qa.answers import Answer, Citation
    from pravo.qa.evaluation import evaluate_answers

    text = "Ночное время - время с 22 часов до 6 часов."

    class Fixed:
        def ask(self, question):
            if question == "вне":
                return Answer(question=question, answer="Нет ответа.", citations=[], hits=[], abstained=True)
            good = Citation(n=1, doc_id="tk", label="ст. 96", title=None, article="96", point=None,
                            quote="с 22 часов до 6 часов", start=text.index("с 22"), end=text.index("с 22") + 21)
            bad = good.model_copy(update={"n": 2, "start": 0, "end": 21})
            return Answer(question=question, answer="С 22 ЧАСОВ до 6  часов [1] [2]", citations=[good, bad], hits=[], abstained=False)

    questions = [
        {"id": "a", "question": "ночь", "relevant": [], "answers": ["с 22 часов до 6 часов"]},
        {"id": "b", "question": "ночь2", "relevant": [], "answers": ["с 23 часов"]},
        {"id": "o", "question": "вне", "relevant": [], "out_of_scope": True},
    ]
    metrics, details = evaluate_answers(Fixed(), questions, lambda doc_id: text)
    assert metrics["answer_has_fact"] == 0.5  # case-folded, whitespace-collapsed
    assert metrics["quotes_valid"] == 0.5 and metrics["quotes"] == 4
    assert metrics["out_of_scope_abstained"] == 1.0 and metrics["in_scope_abstained"] == 0.0
    assert metrics["median_answer_chars"] == len("С 22 ЧАСОВ до 6  часов [1] [2]")
    assert details[1]["bad_quotes"] == [2]


def test_question_set_errors_name_file_and_line(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"question": "x", "relevant": []}) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="q.jsonl, line 2"):
        load_question_set(path)
