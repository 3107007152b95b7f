"""Whole pipelines serialise to YAML and load back into pipelines that behave the same."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from haystack import Pipeline

from pravo.core.store import store_from_settings
from pravo.indexer.pipeline import build_indexing_pipeline
from pravo.indexer.runner import index_paths
from pravo.core.settings import load_settings
from pravo.qa.ask import build_qa_pipeline, pipeline_inputs
from pravo.qa.search import build_search_pipeline, search_inputs

#: Loads a saved pipeline and runs it, in a process that imports nothing of pravo first: Haystack
#: imports the components by their paths, allowed the Haystack way (``allowed_modules``).
FRESH_PROCESS = """
import json, sys
assert not any(m == "pravo" or m.startswith("pravo.") for m in sys.modules)
from haystack import Pipeline
pipeline = Pipeline.loads(open(sys.argv[1], encoding="utf-8").read(), allowed_modules=["pravo"])
result = pipeline.run(json.loads(sys.argv[2]))
if "citations" in result:
    answer = result["citations"]["answer"]
    print(json.dumps({"answer": answer.answer, "doc_ids": [c.doc_id for c in answer.citations]}))
else:
    print(json.dumps({"ids": [d.id for d in result["ranker"]["documents"]]}))
"""


def _same(a: Pipeline, b: Pipeline) -> None:
    """Same components with the same parameters, same connections (in any order)."""
    da, db = a.to_dict(), b.to_dict()
    assert da["components"] == db["components"]
    key = lambda c: (c["sender"], c["receiver"])  # noqa: E731
    assert sorted(da["connections"], key=key) == sorted(db["connections"], key=key)


def test_search_pipeline_round_trips_and_answers_the_same(settings, corpus):
    store = store_from_settings(settings)
    index_paths([corpus], settings, store=store)
    pipeline = build_search_pipeline(settings, store=store)
    loaded = Pipeline.loads(pipeline.dumps())
    _same(loaded, pipeline)
    query = "статья 80 ТК"
    inputs = search_inputs(query, top_k=5, rerank_depth=settings.rerank_depth)
    first = [d.id for d in pipeline.run(inputs)["ranker"]["documents"]]
    again = [d.id for d in loaded.run(inputs)["ranker"]["documents"]]
    assert first == again and first[0] == "codes/tk_excerpt#3"
    store.close()


def test_indexing_pipeline_round_trips(settings):
    pipeline = build_indexing_pipeline(settings)
    loaded = Pipeline.loads(pipeline.dumps())
    _same(loaded, pipeline)
    data = loaded.to_dict()
    names = set(data["components"])
    assert names == {"converter", "requisites", "mentions", "splitter", "dense", "windows", "sparse", "writer"}
    store = data["components"]["writer"]["init_parameters"]["store"]["init_parameters"]
    assert store["path"].endswith("edge") and store["engine"] == "edge"


def test_saved_pipelines_hold_no_machine_path_and_answer_in_a_new_process(tmp_path, minilm, corpus, monkeypatch):
    # everything relative to the working directory, as a user's `.pravo` and a model folder beside it
    monkeypatch.chdir(tmp_path)
    shutil.copytree(minilm, tmp_path / "model")
    settings = load_settings(data_dir=".pravo", embedding_model="model")
    store = store_from_settings(settings)
    index_paths([corpus], settings, store=store)
    store.close()  # the new process opens the embedded folder itself
    question = "Какое постановление одобрило программу «Интелавто»?"
    for name, pipeline, inputs in (
        ("search", build_search_pipeline(settings), search_inputs("постановление № 443", top_k=3)),
        ("qa", build_qa_pipeline(settings), pipeline_inputs(question)),
    ):
        text = pipeline.dumps()
        for absolute in (str(tmp_path), os.path.expanduser("~"), sys.prefix, "/tmp/"):
            assert absolute not in text, (name, absolute)
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
        plain = json.dumps(inputs, default=lambda o: None)
        out = subprocess.run(
            [sys.executable, "-c", FRESH_PROCESS, f"{name}.yaml", plain],
            capture_output=True, text=True, timeout=300, cwd=tmp_path,
        )
        assert out.returncode == 0, out.stderr[-3000:]
        result = json.loads(out.stdout.strip().splitlines()[-1])
        here = pipeline.run(inputs)  # the same pipeline in this process: the new one answered the same
        if name == "search":
            assert result["ids"] == [d.id for d in here["ranker"]["documents"]]
            assert result["ids"][0].startswith("acts/p443")
        else:
            answer = here["citations"]["answer"]
            assert result == {"answer": answer.answer, "doc_ids": [c.doc_id for c in answer.citations]}
            assert result["doc_ids"]
        pipeline.get_component("retriever").store.close()  # let the next new process open the folder
