"""The ``pravo`` command line: exit codes, JSON output and messages, as the contract fixes them."""

from __future__ import annotations

import json

import pytest

from pravo.cli import main


@pytest.fixture
def env(monkeypatch, tmp_path, minilm):
    monkeypatch.setenv("PRAVO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PRAVO_EMBEDDING_MODEL", minilm)
    monkeypatch.setenv("PRAVO_MODEL_CACHE_DIR", str(tmp_path / "models"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_index_search_json_and_batch(env, corpus, capsys):
    assert main(["index", str(corpus)]) == 0
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary.startswith("3 new, 0 updated, 0 unchanged, 0 removed, 0 failed;")

    assert main(["search", "постановление № 443", "--json", "--top-k", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["query"] == "постановление № 443" and len(out["hits"]) == 3
    hit = out["hits"][0]
    assert set(hit) >= {"doc_id", "chunk_id", "title", "source", "doc_type", "number", "date", "issuer", "article", "point", "text", "score"}
    assert hit["doc_id"] == "acts/p443" and hit["number"] == "443"

    batch = env / "questions.jsonl"
    batch.write_text(
        json.dumps({"id": "a", "question": "статья 80"}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "b", "question": "Интелавто"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    assert main(["search", "--batch", str(batch), "--top-k", "2"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"] and all(len(line["hits"]) == 2 for line in lines)


def test_failed_file_exits_1_and_is_named(env, corpus, capsys):
    (corpus / "broken.txt").write_bytes(b"\x00\x00binary")
    assert main(["index", str(corpus)]) == 1
    captured = capsys.readouterr()
    assert "broken.txt: the file contains NUL bytes" in captured.err
    assert "3 new" in captured.out and "1 failed" in captured.out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["search", ""], "the query is empty"),
        (["search", "отпуск", "--date-from", "4 июля"], "--date-from '4 июля'"),
        (["search", "отпуск", "--source", "blog"], "--source 'blog'"),
        (["search", "отпуск", "--top-k", "0"], "top_k must be between 1 and 100"),
        (["index", "no/such/folder"], "no/such/folder: no such file or folder"),
        (["search"], "give a QUERY or --batch FILE"),
    ],
)
def test_usage_errors_exit_2_with_a_message(env, corpus, capsys, argv, message):
    main(["index", str(corpus)])
    capsys.readouterr()
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


def test_search_before_indexing_says_what_to_do(env, capsys):
    assert main(["search", "отпуск"]) == 2
    assert "run `pravo index` first" in capsys.readouterr().err


def test_an_unexpected_failure_is_a_message_not_a_traceback(env, capsys, monkeypatch):
    import pravo.cli as cli

    def boom(args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli, "_cmd_search", boom)
    assert main(["search", "отпуск"]) == 1
    err = capsys.readouterr().err
    assert "unexpected error: RuntimeError: disk on fire" in err and "Traceback" not in err
