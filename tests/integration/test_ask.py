"""Questions answered from the fixture corpus, end to end: the QA pipeline, its YAML, the CLI.

The dense model is the small English MiniLM (the plumbing); the calibrated abstention of the
Russian default model is tested in ``test_default_model.py`` (slow).
"""

from __future__ import annotations

import json

import pytest
from haystack import Pipeline

from pravo.core.store import DocumentRegistry, store_from_settings
from pravo.indexer.runner import index_paths
from pravo.cli import main
from pravo.core.errors import QueryError, StoreError
from pravo.qa import Answer, Answerer, build_qa_pipeline, pipeline_inputs

QUESTION = "Какое постановление одобрило проект программы «Интелавто»?"


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """One index of the fixture corpus shared by the read-only tests of this module."""
    import shutil

    from pravo.core.settings import load_settings
    from tests.conftest import FIXTURES, minilm_path

    root = tmp_path_factory.mktemp("ask")
    shutil.copytree(FIXTURES / "corpus", root / "corpus")
    settings = load_settings(data_dir=root / "data", embedding_model=minilm_path(), model_cache_dir=root / "models")
    store = store_from_settings(settings)
    index_paths([root / "corpus"], settings, store=store)
    yield settings, store
    store.close()


@pytest.fixture(scope="module")
def answerer(indexed):
    settings, store = indexed
    return Answerer(settings.model_copy(update={"answer_min_support": 0.0}), store=store)


def assert_quotes_hold(answer: Answer, store) -> None:
    for citation in answer.citations:
        text = DocumentRegistry(store).document(citation.doc_id)["text"]
        assert text[citation.start : citation.end] == citation.quote


def test_answer_quotes_the_decree_and_the_news_at_exact_offsets(answerer, indexed):
    answer = answerer.ask(QUESTION)
    assert not answer.abstained and answer.citations
    assert "443" in answer.answer
    assert {c.doc_id for c in answer.citations} <= {"acts/p443", "news/intelavto"}
    assert "[1]" in answer.answer
    for citation in answer.citations:
        assert f"[{citation.n}]" in answer.answer
        assert citation.label and citation.quote
    assert_quotes_hold(answer, indexed[1])
    assert answer.hits and answer.hits[0].doc_id in {"acts/p443", "news/intelavto"}


def test_a_labour_code_answer_cites_its_article(answerer, indexed):
    answer = answerer.ask("За сколько недель работник предупреждает об увольнении по собственному желанию?")
    assert not answer.abstained
    first = answer.citations[0]
    assert (first.doc_id, first.article) == ("codes/tk_excerpt", "80")
    assert first.label == "ст. 80 ТК РФ"
    assert_quotes_hold(answer, indexed[1])


def test_weak_evidence_abstains_with_the_closest_documents(indexed):
    settings, store = indexed
    strict = Answerer(settings.model_copy(update={"answer_min_support": 2.0}), store=store)
    answer = strict.ask("Какая ставка НДС действует в России?")
    assert answer.abstained and answer.citations == []
    assert answer.answer.startswith("В проиндексированных документах нет ответа")
    assert "Ближайшие документы" in answer.answer and answer.hits


def test_filters_limit_the_evidence(answerer):
    from pravo.qa.hits import SearchFilters

    answer = answerer.ask(QUESTION, filters=SearchFilters(source="news"))
    assert answer.citations and all(c.doc_id == "news/intelavto" for c in answer.citations)


@pytest.mark.parametrize("question", ["", "   ", "?!", "слово " * 500])
def test_bad_questions_are_query_errors_naming_the_question(answerer, question):
    with pytest.raises(QueryError) as e:
        answerer.ask(question)
    assert e.value.field == "question"


def test_empty_index_is_a_store_error(tmp_path, minilm):
    from pravo.core.settings import load_settings

    settings = load_settings(data_dir=tmp_path / "empty", embedding_model=minilm)
    answerer = Answerer(settings)
    with pytest.raises(StoreError, match="pravo index"):
        answerer.ask(QUESTION)
    answerer.close()


def test_qa_pipeline_round_trips_through_yaml_and_answers_the_same(indexed):
    settings, store = indexed
    settings = settings.model_copy(update={"answer_min_support": 0.0})
    pipeline = build_qa_pipeline(settings, store=store)
    loaded = Pipeline.loads(pipeline.dumps())
    assert loaded.to_dict()["components"] == pipeline.to_dict()["components"]
    first = pipeline.run(pipeline_inputs(QUESTION))["citations"]["answer"]
    again = loaded.run(pipeline_inputs(QUESTION))["citations"]["answer"]
    assert again == first


@pytest.fixture
def env(monkeypatch, tmp_path, minilm, corpus):
    monkeypatch.setenv("PRAVO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PRAVO_EMBEDDING_MODEL", minilm)
    monkeypatch.setenv("PRAVO_MODEL_CACHE_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("PRAVO_ANSWER_MIN_SUPPORT", "0")
    monkeypatch.chdir(tmp_path)
    assert main(["index", str(corpus)]) == 0
    return tmp_path


def test_cli_ask_json_batch_and_errors(env, capsys):
    capsys.readouterr()
    assert main(["ask", QUESTION, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert set(answer) >= {"question", "answer", "citations", "hits", "abstained"}
    assert set(answer["citations"][0]) >= {"n", "doc_id", "label", "title", "article", "point", "quote", "start", "end"}

    assert main(["ask", QUESTION]) == 0
    text = capsys.readouterr().out
    assert "[1]" in text and "Источники:" in text

    batch = env / "questions.jsonl"
    batch.write_text(
        json.dumps({"id": "q1", "question": QUESTION}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "q2", "question": "   "}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "q3", "question": "статья 80"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    assert main(["ask", "--batch", str(batch)]) == 1
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [line["id"] for line in lines] == ["q1", "q2", "q3"]
    assert lines[0]["citations"] and lines[1]["field"] == "question" and "answer" in lines[2]
    assert "id 'q2'" in captured.err

    assert main(["ask", ""]) == 2
    assert "the question is empty" in capsys.readouterr().err
    assert main(["ask"]) == 2
    assert main(["ask", QUESTION, "--source", "blog"]) == 2


def test_generative_pipeline_through_yaml_and_a_fake_endpoint(indexed):
    from tests.fakes.openai_server import FakeChatServer

    settings, store = indexed
    with FakeChatServer() as server:
        def reply(body):  # cite whichever passage holds the news sentence, as a model would
            passages = body["messages"][1]["content"].split("\n\n[")
            n = next(i for i, p in enumerate(passages) if "одобрил проект" in p)  # passages[0] is the heading
            return f"Совет министров в постановлении №443 от 4 июля одобрил проект программы «Интелавто» [{n}]."

        server.reply = reply
        settings = settings.model_copy(update={"answer_min_support": 0.0, "llm_url": server.url, "llm_model": "fake"})
        pipeline = Pipeline.loads(build_qa_pipeline(settings, store=store).dumps())
        assert "generator" in pipeline.to_dict()["components"]
        answer = pipeline.run(pipeline_inputs(QUESTION))["citations"]["answer"]
        assert answer.mode == "generative", answer.note
        assert answer.answer.endswith("[1]") and answer.note is None
        assert answer.citations[0].doc_id == "news/intelavto" and "443" in answer.citations[0].quote
        assert_quotes_hold(answer, store)
        assert len(server.requests) == 1

        server.status = 503
        answer = Answerer(settings, store=store).ask(QUESTION)
        assert answer.mode == "extractive" and answer.citations and "Генеративный ответ недоступен" in answer.note


def test_cli_ask_with_the_endpoint_down_answers_extractively_with_a_note(env, capsys, monkeypatch):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("PRAVO_LLM_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("PRAVO_LLM_TIMEOUT", "3")
    capsys.readouterr()
    assert main(["ask", QUESTION]) == 0
    out = capsys.readouterr().out
    assert "[1]" in out and "Генеративный ответ недоступен" in out
