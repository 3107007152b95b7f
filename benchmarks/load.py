"""Bounded load on a running `pravo serve`: N concurrent clients for T seconds against /api/search and /api/ask.

Each client sends one request at a time, alternating search and ask (``--ask-share`` of them asks),
with questions drawn in turn from a small list (or ``--questions`` JSON Lines with ``question``).
Prints, per endpoint, requests, failures, p50 / p95 / max latency and throughput; exits 1 if any
request failed. Only loopback URLs are accepted: this is a local benchmark, not a load generator.

```bash
pravo serve --port 7860 &
python benchmarks/load.py --url http://127.0.0.1:7860 --clients 20 --seconds 60
```
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

QUESTIONS = [
    "Какое постановление одобрило программу Интелавто?",
    "постановление № 443",
    "увольнение за прогул",
    "Продолжительность ежегодного отпуска",
    "расторжение трудового договора по инициативе работника",
    "статья 81 ТК РФ",
    "Кто государственный заказчик программы?",
    "испытательный срок при приеме на работу",
]


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of the values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def _loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Load:
    def __init__(self, url: str, questions: list[str], ask_share: float, api_key: str | None, timeout: float) -> None:
        self.url = url.rstrip("/")
        self.questions = questions
        self.ask_share = ask_share
        self.api_key = api_key
        self.timeout = timeout
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {"search": [], "ask": []}
        self.failures: dict[str, list[str]] = {"search": [], "ask": []}

    def _call(self, endpoint: str, question: str) -> None:
        body = {"query": question, "top_k": 10} if endpoint == "search" else {"question": question}
        request = urllib.request.Request(f"{self.url}/api/{endpoint}", data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
        if self.api_key:
            request.add_header("X-API-Key", self.api_key)
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = json.loads(response.read())
            ok = "hits" in payload
            reason = "" if ok else f"unexpected body {str(payload)[:80]}"
        except (urllib.error.URLError, OSError, ValueError) as e:
            ok, reason = False, f"{type(e).__name__}: {e}"
        elapsed = time.perf_counter() - started
        with self.lock:
            if ok:
                self.latencies[endpoint].append(elapsed)
            else:
                self.failures[endpoint].append(reason)

    def client(self, number: int, deadline: float) -> None:
        i = number
        asks = 0.0
        while time.monotonic() < deadline:
            asks += self.ask_share
            endpoint = "ask" if asks >= 1 else "search"
            if asks >= 1:
                asks -= 1
            self._call(endpoint, self.questions[i % len(self.questions)])
            i += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:7860", help="the running pravo serve (loopback only)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--ask-share", type=float, default=0.5, help="share of requests that are /api/ask (0..1)")
    parser.add_argument("--questions", type=Path, help="JSON Lines with 'question' (default: a built-in list)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a request counts as failed")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not _loopback(args.url):
        parser.error(f"{args.url}: only loopback addresses (127.0.0.0/8, ::1, localhost) are load-tested")
    if not 1 <= args.clients <= 200 or not 0 < args.seconds <= 3600 or not 0 <= args.ask_share <= 1:
        parser.error("--clients 1..200, --seconds up to 3600, --ask-share 0..1")
    questions = QUESTIONS
    if args.questions:
        questions = [json.loads(line)["question"] for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    load = Load(args.url, questions, args.ask_share, os.environ.get("PRAVO_API_KEY"), args.timeout)
    deadline = time.monotonic() + args.seconds
    started = time.perf_counter()
    threads = [threading.Thread(target=load.client, args=(n, deadline), daemon=True) for n in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started

    report = {"clients": args.clients, "seconds": round(wall, 1), "endpoints": {}}
    for endpoint in ("search", "ask"):
        lat = load.latencies[endpoint]
        report["endpoints"][endpoint] = {
            "requests": len(lat) + len(load.failures[endpoint]),
            "failures": len(load.failures[endpoint]),
            "p50_ms": round(percentile(lat, 50) * 1000) if lat else None,
            "p95_ms": round(percentile(lat, 95) * 1000) if lat else None,
            "max_ms": round(max(lat) * 1000) if lat else None,
            "mean_ms": round(statistics.fmean(lat) * 1000) if lat else None,
            "per_second": round(len(lat) / wall, 2),
            "first_failures": load.failures[endpoint][:3],
        }
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(f"{args.clients} clients, {wall:.0f} s against {args.url}")
        print(f"{'endpoint':<8} {'requests':>8} {'failed':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'req/s':>6}")
        for endpoint, r in report["endpoints"].items():
            print(f"{endpoint:<8} {r['requests']:>8} {r['failures']:>6} {r['p50_ms'] or '-':>7} {r['p95_ms'] or '-':>7} "
                  f"{r['max_ms'] or '-':>7} {r['per_second']:>6}")
            for reason in r["first_failures"]:
                print(f"  failed: {reason}", file=sys.stderr)
    return 1 if any(r["failures"] for r in report["endpoints"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
