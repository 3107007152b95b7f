"""Choose the fusion of dense and lemma-BM25 retrieval by measurement.

For each question of a set, fetches the dense and the sparse candidate lists (with scores) from
an existing index once, then scores several fusions offline with the project's evaluation:
dense alone, sparse alone, weighted RRF, and a weighted sum of per-query normalised scores.

    PRAVO_DATA_DIR=.bench/tk pravo index ../shared/corpus/tk_rf
    PRAVO_DATA_DIR=.bench/tk python benchmarks/fusion_study.py ../shared/eval/tk_rf_dev.jsonl
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from qdrant_client import models

from pravo.qa.embedders.sparse import LemmaBM25TextEmbedder
from pravo.core.store import ChunkIndex, store_from_settings
from pravo.qa.embedders.dense import dense_text_embedder
from pravo.core.store import DENSE_VECTORS_NAME, SPARSE_VECTORS_NAME
from pravo.core.settings import load_settings
from pravo.qa.evaluation import load_question_set, ranked_units, relevant_units, score_ranking

DEPTH = 200


def fetch(questions, settings):
    store = store_from_settings(settings)
    dense = dense_text_embedder(settings)
    dense.warm_up()
    sparse = LemmaBM25TextEmbedder()
    rows = []
    for item in questions:
        q = item["question"]
        vec = dense.run(q)["embedding"]
        sv = sparse.run(q)["sparse_embedding"]
        d = ChunkIndex(store).query(with_vectors=False, query=vec, using=DENSE_VECTORS_NAME, limit=DEPTH)
        s = ChunkIndex(store).query(with_vectors=False, query=models.SparseVector(indices=sv.indices, values=sv.values), using=SPARSE_VECTORS_NAME, limit=DEPTH) if sv.indices else []
        meta = {doc.id: {"doc_id": doc.meta["doc_id"], "article": doc.meta.get("article")} for doc in d + s}
        rows.append((item, [(x.id, x.score) for x in d], [(x.id, x.score) for x in s], meta))
    return rows


def rrf(lists, weights, k=60):
    fused = defaultdict(float)
    for ranked, w in zip(lists, weights):
        for rank, (cid, _) in enumerate(ranked):
            fused[cid] += w / (k + rank + 1)
    return sorted(fused, key=fused.get, reverse=True)


def norm_sum(dense, sparse, w, mode):
    def normalise(ranked):
        if not ranked:
            return {}
        scores = [s for _, s in ranked]
        hi, lo = max(scores), min(scores)
        if mode == "z":
            import statistics

            mean = statistics.fmean(scores)
            sd = statistics.pstdev(scores) or 1.0
            return {c: (s - mean) / (3 * sd) for c, s in ranked}
        if mode == "max":
            return {c: s / hi if hi else 0.0 for c, s in ranked}
        return {c: (s - lo) / (hi - lo) if hi > lo else 1.0 for c, s in ranked}

    nd, ns = normalise(dense), normalise(sparse)
    ids = set(nd) | set(ns)
    floor_d = min(nd.values(), default=0.0)
    floor_s = min(ns.values(), default=0.0)
    fused = {c: w * nd.get(c, floor_d) + (1 - w) * ns.get(c, floor_s) for c in ids}
    return sorted(fused, key=fused.get, reverse=True)


def evaluate(rows, rank_fn):
    totals = defaultdict(float)
    for item, dense, sparse, meta in rows:
        relevant, by_article = relevant_units(item)
        order = rank_fn(dense, sparse)
        hits = [meta[c] for c in order[:100]]
        for k, v in score_ranking(ranked_units(hits, by_article), relevant).items():
            totals[k] += v
    return {k: v / len(rows) for k, v in totals.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", type=Path, nargs="+")
    args = parser.parse_args()
    settings = load_settings()
    for path in args.questions:
        rows = fetch(load_question_set(path), settings)
        variants = {"dense": lambda d, s: [c for c, _ in d], "sparse": lambda d, s: [c for c, _ in s]}
        for w in (0.5, 0.6, 0.7, 0.8, 0.9):
            variants[f"rrf w={w}"] = lambda d, s, w=w: rrf([d, s], [w, 1 - w])
        for mode in ("max", "minmax", "z"):
            for w in (0.5, 0.6, 0.7, 0.8, 0.9):
                variants[f"{mode} w={w}"] = lambda d, s, w=w, mode=mode: norm_sum(d, s, w, mode)
        print(f"## {path.name} ({len(rows)} questions)")
        for name, fn in variants.items():
            m = evaluate(rows, fn)
            print(f"{name:16s} r@1={m['recall@1']:.3f} r@5={m['recall@5']:.3f} r@10={m['recall@10']:.3f} mrr={m['mrr@10']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
