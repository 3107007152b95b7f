"""The header test set (tests/fixtures/russian/headers.jsonl): every requisite field right in ≥ 95% of
headers, and nothing invented where a field is absent. Scored by benchmarks/requisites.py."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
HEADERS = ROOT / "tests" / "fixtures" / "russian" / "headers.jsonl"


def _benchmark():
    spec = importlib.util.spec_from_file_location("requisites_benchmark", ROOT / "benchmarks" / "requisites.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


benchmark = _benchmark()
CASES = benchmark.load_headers(HEADERS)


def test_the_set_is_large_varied_and_well_formed():
    assert len(CASES) >= 80
    assert len({case["id"] for case in CASES}) == len(CASES)
    assert all(set(case["expected"]) == set(benchmark.FIELDS) for case in CASES)
    jurisdictions = {case["expected"]["jurisdiction"] for case in CASES}
    assert {"BY", "RU", "KZ", None} <= jurisdictions
    kinds = {case["expected"]["doc_type"] for case in CASES}
    assert {"постановление", "указ", "закон", "кодекс", "распоряжение", "приказ", "решение", "декрет"} <= kinds
    # every field is absent somewhere, so that inventing it would be caught
    for name in benchmark.FIELDS:
        assert any(case["expected"][name] is None for case in CASES), name


@pytest.mark.parametrize("field_name", ["doc_type", "number", "date", "issuer", "title", "jurisdiction"])
def test_each_field_is_right_in_95_percent_of_headers(field_name):
    score = benchmark.score_headers(CASES)[field_name]
    assert score.accuracy >= 0.95, score.wrong


def test_nothing_is_invented_where_a_field_is_absent():
    scores = benchmark.score_headers(CASES)
    assert {name: score.invented for name, score in scores.items() if score.invented} == {}


def test_score_counts_a_wrong_and_an_invented_field():
    cases = [
        {"id": "right", "text": "УКАЗ № 1\n\nО мерах\n",
         "expected": {"doc_type": "указ", "number": "1", "date": None, "issuer": None, "title": "О мерах", "jurisdiction": None}},
        {"id": "wrong", "text": "УКАЗ № 2\n\nО мерах\n",
         "expected": {"doc_type": "указ", "number": "3", "date": None, "issuer": None, "title": "О мерах", "jurisdiction": None}},
        {"id": "invented", "text": "УКАЗ № 2\n\nО мерах\n",
         "expected": {"doc_type": "указ", "number": None, "date": None, "issuer": None, "title": "О мерах", "jurisdiction": None}},
    ]
    scores = benchmark.score_headers(cases)
    assert scores["number"].right == 1 and scores["number"].total == 3
    assert scores["number"].invented == ["invented"]
    assert scores["title"].accuracy == 1.0


def test_the_script_prints_per_field_accuracy(capsys):
    assert benchmark.main([str(HEADERS)]) == 0
    out = capsys.readouterr().out
    for name in benchmark.FIELDS:
        assert name in out
    assert f"{len(CASES)} headers" in out
