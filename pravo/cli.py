"""The ``pravo`` command line (contract: ``../shared/design/interface.md``).

Exit codes: 0 success; 1 the work ran but some inputs failed (each named on stderr); 2 usage or
configuration error. In ``--json`` and ``--batch`` modes nothing but JSON goes to stdout.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Sequence

from pydantic import ValidationError

from pravo.core.errors import ConfigurationError, PravoError, QueryError, StoreError

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2
logger = logging.getLogger("pravo")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors too; keep its message short
        self.print_usage(sys.stderr)
        print(f"pravo: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pravo", description="Search Russian legal documents and news, with citations.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details to stderr")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    index = sub.add_parser("index", help="index files and folders (default: corpus/)")
    index.add_argument("paths", nargs="*", type=Path, help="files and folders to index")
    index.add_argument("--recreate", action="store_true", help="drop the index and rebuild it from PATHS")

    search = sub.add_parser("search", help="hybrid search")
    search.add_argument("query", nargs="?", help="words or a question")
    search.add_argument("--top-k", type=int, default=10, help="number of hits (1-100, default 10)")
    search.add_argument("--type", help="act kind: постановление, указ, закон, кодекс...")
    search.add_argument("--number", help="act number, e.g. 443 or 197-ФЗ")
    search.add_argument("--date-from", help="acts dated on or after this ISO date (YYYY-MM-DD)")
    search.add_argument("--date-to", help="acts dated on or before this ISO date (YYYY-MM-DD)")
    search.add_argument("--issuer", help="issuing body, e.g. 'Совет Министров Республики Беларусь'")
    search.add_argument("--source", help="act or news")
    search.add_argument("--json", action="store_true", help='print {"query": ..., "hits": [...]}')
    search.add_argument("--batch", type=Path, metavar="FILE", help="JSON Lines with 'question' (and 'id'); one JSON line out per line in")

    ask = sub.add_parser("ask", help="answer a question with citations")
    ask.add_argument("question", nargs="?", help="a question in Russian")
    ask.add_argument("--json", action="store_true", help="print one ANSWER as JSON")
    ask.add_argument("--batch", type=Path, metavar="FILE", help="JSON Lines with 'question' (and 'id'); one ANSWER line out per line in")
    for option in ("--type", "--number", "--date-from", "--date-to", "--issuer", "--source"):
        ask.add_argument(option, help=f"as for search ({option})")

    serve = sub.add_parser("serve", help="the web UI and the REST API in one process")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=7860, help="port (default 7860; 0 picks a free one)")
    serve.add_argument(
        "--insecure-no-api-key",
        action="store_true",
        help="allow a non-loopback --host without PRAVO_API_KEY: anyone who reaches the port can read and index",
    )

    evaluate = sub.add_parser("eval", help="score retrieval (or answers) on a question set (../shared/eval/FORMAT.md)")
    evaluate.add_argument("questions", type=Path, help="JSON Lines question set")
    evaluate.add_argument("--answers", action="store_true", help="score the answers of `pravo ask` instead of the ranking")
    evaluate.add_argument("--top-k", type=int, default=10)
    evaluate.add_argument("--json", action="store_true", help="print the metrics as JSON")
    evaluate.add_argument("--details", type=Path, help="write per-question ranks to this JSON Lines file")
    return parser


def _settings():
    from pravo.core.settings import load_settings

    return load_settings()


def _filters(args: argparse.Namespace):
    from pravo.qa.hits import SearchFilters

    raw = {
        "type": args.type, "number": args.number, "date_from": args.date_from, "date_to": args.date_to,
        "issuer": args.issuer, "source": args.source,
    }
    raw = {k: v for k, v in raw.items() if v is not None}
    if not raw:
        return None
    try:
        return SearchFilters(**raw)
    except ValidationError as e:
        err = e.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else "filters"
        option = "--" + field.replace("_", "-")
        raise QueryError(f"{option} {raw.get(field, '')!r}: {err['msg']}", field=field) from e


def _cmd_index(args: argparse.Namespace) -> int:
    settings = _settings()
    paths = args.paths or [Path("corpus")]
    if not args.paths and not Path("corpus").is_dir():
        raise ConfigurationError("no PATH given and there is no corpus/ folder here; run from the project folder or name the files to index")
    from pravo.ui.client import running_server

    server = running_server(settings)
    if server is not None:  # `pravo serve` holds the embedded store: index through it
        return _index_through_server(server, settings, paths, args.recreate)
    from pravo.indexer.runner import index_paths  # the models and the store: only when indexing here

    tty = sys.stderr.isatty()
    report = index_paths(paths, settings, recreate=args.recreate, progress_bar=tty)
    for path, reason in report.failed:
        print(f"pravo: failed: {path}: {reason}", file=sys.stderr)
    print(report.summary())
    return EXIT_PARTIAL if report.failed else EXIT_OK


def _index_through_server(server: dict[str, Any], settings: Any, paths: list[Path], recreate: bool) -> int:
    from pravo.ui.client import index_through_server

    for path in paths:
        if not path.exists():
            raise ConfigurationError(f"{path}: no such file or folder")
    print(f"pravo: `pravo serve` (pid {server['pid']}) holds the index; indexing through {server['url']}", file=sys.stderr)
    report = index_through_server(server, settings, paths, recreate)
    for failure in report.get("failed", []):
        print(f"pravo: failed: {failure['path']}: {failure['reason']}", file=sys.stderr)
    print(report["summary"])
    return EXIT_PARTIAL if report.get("failed") else EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from pravo.ui.server import serve

    if not 0 <= args.port <= 65535:
        raise ConfigurationError(f"--port {args.port}: must be between 0 and 65535")
    serve(_settings(), host=args.host, port=args.port, insecure_no_api_key=args.insecure_no_api_key)
    return EXIT_OK


def _print_hits(hits: list[Any]) -> None:
    if not hits:
        print("Ничего не найдено.")
        return
    for rank, hit in enumerate(hits, 1):
        where = []
        if hit.article:
            where.append(f"ст. {hit.article}")
        if hit.point:
            where.append(f"п. {hit.point}")
        requisites = " ".join(x for x in [hit.doc_type or "", f"№ {hit.number}" if hit.number else "", hit.date or ""] if x)
        head = f"{rank}. [{hit.score:.3f}] {hit.doc_id}"
        if where:
            head += " — " + ", ".join(where)
        print(head)
        if hit.title:
            print(f"   {hit.title}" + (f" ({requisites})" if requisites else ""))
        snippet = " ".join(hit.text.split())
        print(f"   {snippet[:240]}{'…' if len(snippet) > 240 else ''}")


def _run_batch(
    path: Path, handle: Callable[[dict[str, Any]], dict[str, Any]], on_error: Callable[[QueryError], dict[str, Any]]
) -> int:
    """``--batch``: one JSON line out per question line in, in order; a question that is refused
    is named on stderr and answered with ``on_error``'s fields, and the exit code is then 1."""
    from pravo.qa.evaluation import read_questions

    failed = 0
    for item in read_questions(path):
        try:
            out = handle(item)
        except QueryError as e:
            failed += 1
            print(f"pravo: {path}: id {item.get('id')!r}: {e}", file=sys.stderr)
            out = {"id": item.get("id"), "question": item["question"], **on_error(e)}
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return EXIT_PARTIAL if failed else EXIT_OK


def _cmd_search(args: argparse.Namespace) -> int:
    from pravo.qa.search import Searcher

    if args.batch is None and args.query is None:
        raise QueryError("give a QUERY or --batch FILE", field="query")
    filters = _filters(args)
    searcher = Searcher(_settings())
    if args.batch is not None:

        def search_one(item: dict[str, Any]) -> dict[str, Any]:
            hits = searcher.search(item["question"], top_k=args.top_k, filters=filters)
            return {"id": item.get("id"), "question": item["question"], "hits": [h.model_dump() for h in hits]}

        return _run_batch(args.batch, search_one, lambda e: {"hits": [], "error": str(e)})
    hits = searcher.search(args.query, top_k=args.top_k, filters=filters)
    if args.json:
        print(json.dumps({"query": args.query, "hits": [h.model_dump() for h in hits]}, ensure_ascii=False))
    else:
        _print_hits(hits)
    return EXIT_OK


def _print_answer(answer: Any) -> None:
    print(answer.answer)
    if answer.note:
        print(f"\n({answer.note})")
    if answer.citations:
        print("\nИсточники:")
        for c in answer.citations:
            page = f", стр. {c.page}" if c.page else ""
            print(f"[{c.n}] {c.label}{page} — {c.doc_id}, символы {c.start}–{c.end}")
    elif answer.abstained and answer.hits:
        print("\nБлижайшие фрагменты:")
        for hit in answer.hits[:3]:
            where = f", ст. {hit.article}" if hit.article else ""
            print(f"- {hit.doc_id}{where}: {' '.join(hit.text.split())[:160]}…")


def _cmd_ask(args: argparse.Namespace) -> int:
    from pravo.qa.ask import Answerer

    if args.batch is None and args.question is None:
        raise QueryError("give a QUESTION or --batch FILE", field="question")
    filters = _filters(args)
    answerer = Answerer(_settings())
    if args.batch is not None:

        def answer_one(item: dict[str, Any]) -> dict[str, Any]:
            return {"id": item.get("id"), **answerer.ask(item["question"], filters=filters).model_dump()}

        return _run_batch(args.batch, answer_one, lambda e: {"error": str(e), "field": e.field})
    answer = answerer.ask(args.question, filters=filters)
    if args.json:
        print(json.dumps(answer.model_dump(), ensure_ascii=False))
    else:
        _print_answer(answer)
    return EXIT_OK


def _cmd_eval(args: argparse.Namespace) -> int:
    from pravo.qa.evaluation import (
        evaluate_answers,
        evaluate_retrieval,
        format_answer_metrics,
        format_metrics,
        load_question_set,
    )
    from pravo.qa.search import Searcher

    questions = load_question_set(args.questions)
    if args.answers:
        from pravo.qa.ask import Answerer

        answerer = Answerer(_settings())

        @functools.lru_cache(maxsize=64)
        def text_of(doc_id: str) -> str | None:
            from pravo.core.store import DocumentRegistry

            return (DocumentRegistry(answerer.store).document(doc_id) or {}).get("text")

        metrics, details = evaluate_answers(answerer, questions, text_of)
        show = format_answer_metrics
    else:
        metrics, details = evaluate_retrieval(Searcher(_settings()), questions, top_k=args.top_k)
        show = format_metrics
    if args.details:
        with args.details.open("w", encoding="utf-8") as f:
            for row in details:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(json.dumps(metrics, ensure_ascii=False) if args.json else show(args.questions.name, metrics))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pravo`` console script."""
    args = _parser().parse_args(argv)
    if not args.verbose:
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not args.verbose:
        for noisy in ("sentence_transformers", "transformers", "haystack", "httpx"):
            logging.getLogger(noisy).setLevel(logging.ERROR)
    handlers = {"index": _cmd_index, "search": _cmd_search, "ask": _cmd_ask, "eval": _cmd_eval, "serve": _cmd_serve}
    try:
        return handlers[args.command](args)
    except (ConfigurationError, QueryError, StoreError) as e:
        print(f"pravo: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except PravoError as e:
        print(f"pravo: error: {e}", file=sys.stderr)
        return EXIT_PARTIAL
    except Exception as e:  # a bug or an environment problem: a message, not a traceback
        logger.debug("Unexpected error", exc_info=True)
        print(f"pravo: unexpected error: {type(e).__name__}: {e}", file=sys.stderr)
        if not args.verbose:
            print("pravo: run with -v for the full traceback", file=sys.stderr)
        else:
            import traceback

            traceback.print_exc()
        return EXIT_PARTIAL
    except KeyboardInterrupt:
        print("pravo: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
