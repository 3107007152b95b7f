"""Retrieval quality of pravo beside its parts and a plain baseline, on the same chunks.

Scores a question set (``../shared/eval/FORMAT.md``) against an index built by ``pravo index``:

- ``pravo``: the whole search pipeline as the CLI runs it (thesaurus, fusion, sentence windows,
  requisites, evidence ranker);
- ``dense alone`` and ``BM25 on lemmas alone``: one of its retrievers at a time (same Qdrant index),
  on the question as written (no thesaurus, no evidence ranker);
- ``Haystack BM25 as shipped``: ``InMemoryBM25Retriever`` over the very same chunks.

    PRAVO_DATA_DIR=.bench/tk pravo index ../shared/corpus/tk_rf
    PRAVO_DATA_DIR=.bench/tk python benchmarks/quality.py ../shared/eval/tk_rf_dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from haystack import Document
from haystack.document_stores.in_memory import InMemoryDocumentStore
from haystack.components.retrievers.in_memory import InMemoryBM25Retriever

from pravo.core.store import ChunkIndex, store_from_settings
from pravo.core.settings import load_settings
from pravo.qa.evaluation import evaluate_retrieval, format_metrics, load_question_set
from pravo.qa.search import Searcher


class HaystackBM25:
    """Haystack's in-memory BM25 as shipped, over pravo's chunks."""

    def __init__(self, chunks: list[Document]) -> None:
        store = InMemoryDocumentStore()
        store.write_documents([Document(id=c.id, content=c.content, meta=c.meta) for c in chunks])
        self.retriever = InMemoryBM25Retriever(store)

    def search(self, query: str, top_k: int = 10, filters=None) -> list[dict]:
        docs = self.retriever.run(query=query, top_k=top_k)["documents"]
        return [{"doc_id": d.meta["doc_id"], "article": d.meta.get("article")} for d in docs]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", type=Path, nargs="+", help="question sets in the format of ../shared/eval")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()

    settings = load_settings()
    store = store_from_settings(settings)
    chunks = list(ChunkIndex(store).scroll())
    plain = {"rerank_depth": 0, "expansion_weight": 0.0}  # the baselines: no evidence ranker, no thesaurus
    systems = {
        "pravo": Searcher(settings, store=store),
        "dense alone": Searcher(settings.model_copy(update={"fusion": "dense", **plain}), store=store),
        "BM25 on lemmas alone": Searcher(settings.model_copy(update={"fusion": "sparse", **plain}), store=store),
        "Haystack BM25 as shipped": HaystackBM25(chunks),
    }
    results: dict[str, dict[str, dict]] = {}
    for path in args.questions:
        questions = load_question_set(path)
        print(f"## {path.name}: {len(questions)} questions, {len(chunks)} chunks")
        for name, system in systems.items():
            metrics, _ = evaluate_retrieval(system, questions)
            results.setdefault(path.name, {})[name] = metrics
            print(format_metrics(f"{name:26s}", metrics), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
