"""Retrieval and answer evaluation exactly as ``../shared/eval/FORMAT.md`` describes it.

Retrieval: hits are mapped to units (a document, or document + article when the gold units name
articles), the first occurrence of each unit is kept, and over the first k units: recall@k (share
of questions with a relevant unit in the first k), MRR@10 and nDCG@10 with binary gains.

Answers: the share of in-scope answers holding a key fact (case-folded, whitespace-collapsed), the
share of citations whose quote is the source text at its offsets, abstention on out-of-scope and
on in-scope questions, and the median answer length.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from pravo.core.errors import ConfigurationError

RECALL_KS = (1, 5, 10)

Unit = tuple[str, str | None]


class _Searcher(Protocol):
    def search(self, query: str, top_k: int = 10, filters: Any = None) -> list[Any]: ...


def read_questions(path: Path, require_relevant: bool = False) -> list[dict[str, Any]]:
    """Read JSON Lines of questions (``question``, optional ``id``; ``relevant`` for question sets).

    Used by ``pravo search --batch`` and by the evaluation.

    :raises ConfigurationError: naming the file and line of a malformed entry.
    """
    if not path.is_file():
        raise ConfigurationError(f"{path}: no such file")
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            raise ConfigurationError(f"{path}, line {number}: not valid JSON ({e.msg})") from e
        if not isinstance(item, dict) or not isinstance(item.get("question"), str):
            raise ConfigurationError(f"{path}, line {number}: each line needs a 'question' string")
        if require_relevant and not isinstance(item.get("relevant"), list):
            raise ConfigurationError(f"{path}, line {number}: needs 'relevant', a list of documents or articles")
        questions.append(item)
    return questions


def load_question_set(path: Path) -> list[dict[str, Any]]:
    """Read a question set to score (every line has ``question`` and ``relevant``).

    :raises ConfigurationError: naming the file and line of a malformed entry.
    """
    return read_questions(path, require_relevant=True)


def relevant_units(item: dict[str, Any]) -> tuple[set[Unit], bool]:
    """The gold units of a question, and whether they are article-level."""
    by_article = any(r.get("article") is not None for r in item["relevant"])
    units = {(r["doc"], str(r["article"]) if by_article else None) for r in item["relevant"]}
    return units, by_article


def ranked_units(hits: list[dict[str, Any]], by_article: bool) -> list[Unit]:
    """Hits mapped to units, first occurrence of each kept, in rank order."""
    seen: dict[Unit, None] = {}
    for hit in hits:
        unit = (hit["doc_id"], hit.get("article") if by_article else None)
        seen.setdefault(unit, None)
    return list(seen)


def score_ranking(units: list[Unit], relevant: set[Unit]) -> dict[str, float]:
    """recall@1/5/10, reciprocal rank within 10 and nDCG@10 (binary gains) of one ranking."""
    scores: dict[str, float] = {}
    for k in RECALL_KS:
        scores[f"recall@{k}"] = 1.0 if any(u in relevant for u in units[:k]) else 0.0
    first = next((i for i, u in enumerate(units[:10]) if u in relevant), None)
    scores["mrr@10"] = 0.0 if first is None else 1.0 / (first + 1)
    dcg = sum(1.0 / math.log2(i + 2) for i, u in enumerate(units[:10]) if u in relevant)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(relevant), 10)))
    scores["ndcg@10"] = dcg / ideal if ideal else 0.0
    return scores


def evaluate_retrieval(
    searcher: _Searcher, questions: list[dict[str, Any]], top_k: int = 10
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Search every question and average the scores.

    :param top_k: Hits fetched per question; more than 10 leaves room for several chunks of one unit.
    :returns: The metrics (with ``questions`` and ``seconds``) and one detail row per question.
    """
    started = time.perf_counter()
    totals: dict[str, float] = {}
    details = []
    fetch = max(top_k, 10) * 3  # several chunks may map to one unit; score over the first 10 units
    skipped = sum(1 for item in questions if not item["relevant"])
    questions = [item for item in questions if item["relevant"]]  # out-of-scope questions have nothing to rank
    for item in questions:
        relevant, by_article = relevant_units(item)
        hits = [h.model_dump() if hasattr(h, "model_dump") else h for h in searcher.search(item["question"], top_k=min(fetch, 100))]
        units = ranked_units(hits, by_article)
        scores = score_ranking(units, relevant)
        for name, value in scores.items():
            totals[name] = totals.get(name, 0.0) + value
        rank = next((i + 1 for i, u in enumerate(units) if u in relevant), None)
        details.append({"id": item.get("id"), "question": item["question"], "rank": rank, "top": [list(u) for u in units[:5]]})
    n = len(questions)
    metrics: dict[str, Any] = {name: round(value / n, 4) for name, value in totals.items()} if n else {}
    metrics["questions"] = n
    if skipped:
        metrics["skipped_without_relevant"] = skipped
    metrics["seconds"] = round(time.perf_counter() - started, 2)
    return metrics, details


def format_metrics(name: str, metrics: dict[str, Any]) -> str:
    """One readable line of metrics."""
    keys = [f"recall@{k}" for k in RECALL_KS] + ["mrr@10", "ndcg@10"]
    parts = " ".join(f"{k}={metrics.get(k, 0):.3f}" for k in keys)
    return f"{name}: {parts} (n={metrics.get('questions', 0)}, {metrics.get('seconds', 0):.1f} s)"


# -- answers ------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Case-folded, whitespace-collapsed: how FORMAT.md compares answers and key facts."""
    return " ".join(text.casefold().split())


def contains_key_fact(answer: str, facts: list[str]) -> bool:
    """Whether the answer text holds one of the key facts (case-folded, whitespace-collapsed)."""
    folded = _fold(answer)
    return any(_fold(fact) in folded for fact in facts)


class _Answerer(Protocol):
    def ask(self, question: str) -> Any: ...


def evaluate_answers(
    answerer: _Answerer, questions: list[dict[str, Any]], document_text: Callable[[str], str | None]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Answer every question and score the answers as ``../shared/eval/FORMAT.md`` says.

    :param document_text: The stored text of a document by ``doc_id`` (the citations' offsets refer to it).
    :returns: The metrics and one detail row per question. Metrics: ``answer_has_fact`` (in-scope
        questions with ``answers`` whose answer holds one), ``quotes_valid`` (citations whose quote is
        the source text at their offsets), ``out_of_scope_abstained``, ``in_scope_abstained``,
        ``median_answer_chars``, and the counts behind each.
    """
    started = time.perf_counter()
    details = []
    has_fact = with_facts = quotes = valid = oos = oos_abstained = ins = ins_abstained = 0
    lengths: list[int] = []
    for item in questions:
        answer = answerer.ask(item["question"])
        out_of_scope = bool(item.get("out_of_scope"))
        facts = item.get("answers") or []
        fact_found = None
        if out_of_scope:
            oos += 1
            oos_abstained += answer.abstained
        else:
            ins += 1
            ins_abstained += answer.abstained
            if facts:
                with_facts += 1
                fact_found = contains_key_fact(answer.answer, facts)
                has_fact += fact_found
        bad_quotes = []
        for citation in answer.citations:
            quotes += 1
            text = document_text(citation.doc_id) or ""
            if text[citation.start : citation.end] == citation.quote:
                valid += 1
            else:
                bad_quotes.append(citation.n)
        lengths.append(len(answer.answer))
        details.append(
            {
                "id": item.get("id"),
                "question": item["question"],
                "out_of_scope": out_of_scope,
                "abstained": answer.abstained,
                "has_fact": fact_found,
                "answer": answer.answer,
                "citations": [c.label for c in answer.citations],
                "bad_quotes": bad_quotes,
            }
        )
    metrics: dict[str, Any] = {
        "answer_has_fact": round(has_fact / with_facts, 4) if with_facts else None,
        "questions_with_facts": with_facts,
        "quotes_valid": round(valid / quotes, 4) if quotes else None,
        "quotes": quotes,
        "out_of_scope_abstained": round(oos_abstained / oos, 4) if oos else None,
        "out_of_scope": oos,
        "in_scope_abstained": round(ins_abstained / ins, 4) if ins else None,
        "in_scope": ins,
        "median_answer_chars": statistics.median(lengths) if lengths else None,
        "questions": len(questions),
        "seconds": round(time.perf_counter() - started, 2),
    }
    return metrics, details


def format_answer_metrics(name: str, metrics: dict[str, Any]) -> str:
    """One readable line of answer metrics."""

    def share(key: str, count: str) -> str:
        value = metrics.get(key)
        return f"{key}={'–' if value is None else f'{value:.3f}'} (of {metrics.get(count, 0)})"

    return (
        f"{name}: {share('answer_has_fact', 'questions_with_facts')} {share('quotes_valid', 'quotes')} "
        f"{share('out_of_scope_abstained', 'out_of_scope')} {share('in_scope_abstained', 'in_scope')} "
        f"median_answer_chars={metrics.get('median_answer_chars')} (n={metrics.get('questions', 0)}, "
        f"{metrics.get('seconds', 0):.1f} s)"
    )
