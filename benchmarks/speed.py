"""Indexing throughput, re-index time, warm search latency and peak memory, on this machine.

    python benchmarks/speed.py ../shared/corpus/tk_rf --questions ../shared/eval/tk_rf_dev.jsonl
    python benchmarks/speed.py ../shared/corpus/tk_rf ../shared/corpus/ru_codes --questions ../shared/eval/tk_rf_dev.jsonl
    python benchmarks/speed.py --data-dir .bench/tk --existing --questions ../shared/eval/tk_rf_dev.jsonl

Indexes the folders into a fresh store (``--data-dir``, a temporary folder by default), indexes
them again unchanged, then times searches and extractive answers (``pravo ask``) with the models
loaded: first in the indexing process, then in a new process on the closed index, as `pravo serve`
or `pravo search` meet it (the figures without a suffix). ``--existing`` skips indexing and times
an index already built in ``--data-dir``. Tokens are counted with the dense model's tokenizer over
everything it embedded: each chunk with its context, and each sentence window.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pravo.core.models import resolve_model
from pravo.core.russian.prose import sentence_windows
from pravo.core.store import ChunkIndex, store_from_settings
from pravo.indexer.runner import index_paths
from pravo.core.settings import load_settings
from pravo.qa.evaluation import load_question_set
from pravo.qa.ask import Answerer
from pravo.qa.search import Searcher


def _peak_mib() -> float:
    """This process's peak resident memory. Linux's ru_maxrss survives exec, so a process started by
    one that had indexed would report the indexer's peak: read VmHWM, which starts afresh."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def count_tokens(settings, store) -> tuple[int, int]:
    """Tokens embedded for chunks and for sentence windows, as the model's tokenizer counts them."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(resolve_model(settings.embedding_model, settings.model_cache_dir))
    chunk_texts, window_texts = [], []
    for chunk in ChunkIndex(store).scroll():
        context = chunk.meta.get("context")
        chunk_texts.append(settings.effective_passage_prefix + "\n".join(x for x in (context, chunk.content) if x))
        if settings.sentence_vectors:
            window_texts += [settings.effective_passage_prefix + w for w in sentence_windows(chunk.content or "", settings.sentence_max_chars)]

    def total(texts: list[str]) -> int:
        return sum(min(len(ids), 512) for ids in tokenizer(texts, add_special_tokens=True)["input_ids"]) if texts else 0

    return total(chunk_texts), total(window_texts)


def time_queries(settings, store, questions: list[str], queries: int, label: str) -> dict[str, float]:
    """p50/p95 of searches and extractive answers, cycling through the questions, models loaded."""
    figures: dict[str, float] = {}
    for name, system in (("search", Searcher(settings, store=store)), ("ask", Answerer(settings, store=store))):
        call = system.search if name == "search" else system.ask
        for q in questions[:5]:
            call(q)  # warm: models loaded, caches filled
        latencies = []
        for i in range(queries):
            t = time.perf_counter()
            call(questions[i % len(questions)])
            latencies.append((time.perf_counter() - t) * 1000)
        latencies.sort()
        p95 = latencies[max(0, int(round(0.95 * len(latencies))) - 1)]
        figures[f"{name}_p50_ms"] = round(statistics.median(latencies), 1)
        figures[f"{name}_p95_ms"] = round(p95, 1)
        what = f"search over {ChunkIndex(store).count()} chunks" if name == "search" else "extractive ask"
        print(f"{label} {what}: p50 {figures[f'{name}_p50_ms']} ms, p95 {figures[f'{name}_p95_ms']} ms "
              f"({len(latencies)} queries)", flush=True)
    return figures


def _fresh_process(args: argparse.Namespace, data_dir: Path) -> dict[str, float]:
    """Latencies in a new process on the index just built, as `pravo search` or `pravo serve` meet it."""
    print("in a new process, on the closed index:", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "latencies.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--existing", "--data-dir", str(data_dir),
                   "--questions", str(args.questions), "--queries", str(args.queries), "--json", str(out)]
        subprocess.run(command, check=True)
        found = json.loads(out.read_text(encoding="utf-8"))
    return {k: v for k, v in found.items() if k.startswith(("search_", "ask_"))} | {"peak_mib_search_process": found["peak_mib"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", type=Path, nargs="*", help="folders or files to index together")
    parser.add_argument("--questions", type=Path, help="question set whose questions are the search load")
    parser.add_argument("--data-dir", type=Path, help="where to build the index (default: a temporary folder)")
    parser.add_argument("--queries", type=int, default=200, help="searches to time (cycling through the questions)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--existing", action="store_true", help="time searches and answers on the index already in --data-dir; do not index")
    args = parser.parse_args()

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="pravo-bench-"))
    settings = load_settings(data_dir=data_dir)
    store = store_from_settings(settings)
    figures: dict[str, object] = {"corpora": [str(c) for c in args.corpora], "data_dir": str(data_dir)}

    if args.existing:
        if args.data_dir is None:
            parser.error("--existing needs --data-dir")
    elif not args.corpora:
        parser.error("name the folders to index, or use --existing with --data-dir")
    else:
        started = time.perf_counter()
        first = index_paths(args.corpora, settings, recreate=True, store=store)
        index_seconds = time.perf_counter() - started
        chunk_tokens, window_tokens = count_tokens(settings, store)
        figures.update(
            documents=first.new,
            chunks=first.chunks,
            index_seconds=round(index_seconds, 1),
            chunks_per_s=round(first.chunks / index_seconds, 1),
            tokens_embedded=chunk_tokens + window_tokens,
            chunk_tokens=chunk_tokens,
            window_tokens=window_tokens,
            tokens_per_s=round((chunk_tokens + window_tokens) / index_seconds, 1),
            peak_mib_after_index=round(_peak_mib()),
        )
        print(f"indexed {first.new} documents, {first.chunks} chunks in {index_seconds:.1f} s: "
              f"{figures['chunks_per_s']} chunks/s, {figures['tokens_per_s']} tokens/s "
              f"({chunk_tokens} chunk + {window_tokens} window tokens)", flush=True)

        started = time.perf_counter()
        again = index_paths(args.corpora, settings, store=store)
        reindex_seconds = time.perf_counter() - started
        figures.update(reindex_seconds=round(reindex_seconds, 2), reindex_chunks_written=again.chunks,
                       reindex_share=round(reindex_seconds / index_seconds, 4), chunks_after_reindex=ChunkIndex(store).count())
        print(f"re-index unchanged: {reindex_seconds:.2f} s ({100 * reindex_seconds / index_seconds:.1f}% of the first run), "
              f"{again.chunks} chunks written, {ChunkIndex(store).count()} chunks in the index", flush=True)

    if args.questions:
        questions = [q["question"] for q in load_question_set(args.questions)]
        if args.existing:
            figures.update(time_queries(settings, store, questions, args.queries, "warm"))
        else:
            inside = time_queries(settings, store, questions, args.queries, "in the indexing process, warm")
            figures.update({f"{k}_indexing_process": v for k, v in inside.items()})
            store.close()
            figures.update(_fresh_process(args, data_dir))
    figures["peak_mib"] = round(_peak_mib())
    print(f"peak memory (RSS): {figures['peak_mib']} MiB")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
