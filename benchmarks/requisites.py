"""Accuracy of reading act requisites from headers, field by field, on a header test set.

Each line of the set is ``{"id", "text", "expected": {"doc_type", "number", "date", "issuer",
"title", "jurisdiction"}}``; a field is right when :func:`parse_requisites` returns exactly the
expected value (titles with spaces squeezed). A field expected null and filled is *invented*.

    .venv/bin/python benchmarks/requisites.py tests/fixtures/russian/headers.jsonl [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pravo.core.russian.requisites import parse_requisites  # noqa: E402

FIELDS = ("doc_type", "number", "date", "issuer", "title", "jurisdiction")


@dataclass
class FieldScore:
    """Counts for one requisite field over a header set."""

    right: int = 0
    total: int = 0
    invented: list[str] = field(default_factory=list)
    wrong: list[tuple[str, Any, Any]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


def load_headers(path: Path) -> list[dict[str, Any]]:
    """Read a header set (JSON Lines); blank lines are skipped."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _same(field_name: str, found: Any, expected: Any) -> bool:
    if field_name == "title" and isinstance(found, str) and isinstance(expected, str):
        return " ".join(found.split()) == " ".join(expected.split())
    return found == expected


def score_headers(cases: list[dict[str, Any]]) -> dict[str, FieldScore]:
    """Score :func:`parse_requisites` on each case; returns a :class:`FieldScore` per field."""
    scores = {name: FieldScore() for name in FIELDS}
    for case in cases:
        found = asdict(parse_requisites(case["text"]))
        for name in FIELDS:
            expected = case["expected"].get(name)
            score = scores[name]
            score.total += 1
            if _same(name, found[name], expected):
                score.right += 1
                continue
            score.wrong.append((case["id"], expected, found[name]))
            if expected is None:
                score.invented.append(case["id"])
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("headers", type=Path, help="the header set, JSON Lines")
    parser.add_argument("--errors", action="store_true", help="list every wrong field")
    args = parser.parse_args(argv)
    cases = load_headers(args.headers)
    scores = score_headers(cases)
    print(f"{len(cases)} headers in {args.headers}")
    print(f"{'field':<14}{'right':>7}{'accuracy':>10}{'invented':>10}")
    for name, score in scores.items():
        print(f"{name:<14}{score.right:>4}/{score.total:<3}{score.accuracy:>9.1%}{len(score.invented):>10}")
    every = sum(_case_right(case, scores) for case in cases)
    print(f"headers with every field right: {every}/{len(cases)}")
    if args.errors:
        for name, score in scores.items():
            for case_id, expected, found in score.wrong:
                print(f"  {name:<12} {case_id}: expected {expected!r}, got {found!r}")
    return 0


def _case_right(case: dict[str, Any], scores: dict[str, FieldScore]) -> bool:
    return not any(case["id"] == case_id for score in scores.values() for case_id, _, _ in score.wrong)


if __name__ == "__main__":
    raise SystemExit(main())
