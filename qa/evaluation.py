"""Retrieval evaluation exactly as ``../shared/eval/FORMAT.md`` describes it.

Hits are mapped to units (a document, or document + article when the gold units name articles),
the first occurrence of each unit is kept, and over the first k units: recall@k (share of
questions with a relevant unit in the first k), MRR@10 and nDCG@10 with binary gains.
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from typing import Any, Protocol

from pravo.errors import ConfigurationError

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
    metrics["seconds"] = round(time.perf_counter() - started, 2)
    return metrics, details


def format_metrics(name: str, metrics: dict[str, Any]) -> str:
    """One readable line of metrics."""
    keys = [f"recall@{k}" for k in RECALL_KS] + ["mrr@10", "ndcg@10"]
    parts = " ".join(f"{k}={metrics.get(k, 0):.3f}" for k in keys)
    return f"{name}: {parts} (n={metrics.get('questions', 0)}, {metrics.get('seconds', 0):.1f} s)"
