"""`pravo serve` as a process: indexing while it holds the embedded store, its record, its refusals."""

from __future__ import annotations

import json
import shutil
import urllib.request

import pytest
from pravo.core.store import DocumentRegistry

from tests.integration.serve_helpers import pravo, running_serve, serve_env


def _post(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(request, timeout=60).read())


def test_pravo_index_goes_through_the_running_server(tmp_path, monkeypatch, capsys):
    from tests.conftest import FIXTURES

    shutil.copytree(FIXTURES / "corpus", tmp_path / "corpus")
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "p7.txt").write_text(
        "ПОСТАНОВЛЕНИЕ СОВЕТА МИНИСТРОВ РЕСПУБЛИКИ БЕЛАРУСЬ\n1 марта 2023 г. № 7\n\nО порядке проверки серверов\n\n"
        "1. Утвердить порядок проверки серверов Квазиморфа.\n",
        encoding="utf-8",
    )
    record = tmp_path / "data" / "serve.json"
    with running_serve(tmp_path, index=tmp_path / "corpus") as url:
        assert json.loads(record.read_text())["url"] == url
        env = serve_env(tmp_path)

        done = pravo(["index", str(extra)], env, tmp_path)
        assert done.returncode == 0, done.stderr
        assert "indexing through" in done.stderr
        assert done.stdout.strip().splitlines()[-1].startswith("1 new, 0 updated, 0 unchanged, 0 removed, 0 failed;")
        hits = _post(url + "/api/search", {"query": "Квазиморфа", "top_k": 1})["hits"]
        assert hits[0]["doc_id"] == "p7"  # searchable at once, by the server that indexed it

        again = pravo(["index", str(extra)], env, tmp_path)
        assert again.returncode == 0 and again.stdout.strip().startswith("0 new, 0 updated, 1 unchanged")

        (extra / "broken.txt").write_bytes(b"\x00\x00binary")
        partial = pravo(["index", str(extra)], env, tmp_path)
        assert partial.returncode == 1 and "broken.txt: the file contains NUL bytes" in partial.stderr

        missing = pravo(["index", str(tmp_path / "nowhere")], env, tmp_path)
        assert missing.returncode == 2 and "no such file or folder" in missing.stderr

        other = pravo(["index", str(extra)], {**env, "PRAVO_COLLECTION": "other"}, tmp_path)
        assert other.returncode == 2 and "stop it first" in other.stderr and "Traceback" not in other.stderr

        # other commands open the store themselves: a clear message, never a lock traceback
        code, err = _in_process(["search", "Квазиморфа"], env, monkeypatch, capsys)
        assert code == 2 and "`pravo serve` running?" in err and "Traceback" not in err
    assert not record.exists()  # removed when the server stops

    from pravo.core.store import store_from_settings
    from pravo.core.settings import load_settings

    store = store_from_settings(load_settings(data_dir=tmp_path / "data"))  # the store is free again
    try:
        assert DocumentRegistry(store).document("p7", with_text=False)["doc_id"] == "p7"
    finally:
        store.close()


def _in_process(argv: list[str], env: dict[str, str], monkeypatch, capsys) -> tuple[int, str]:
    """Run `pravo ARGV` in this process (modules loaded already) with ``env``; exit code and stderr."""
    from pravo.cli import main

    for key, value in env.items():
        if key.startswith("PRAVO_"):
            monkeypatch.setenv(key, value)
    capsys.readouterr()
    code = main(argv)
    return code, capsys.readouterr().err


def test_a_record_left_by_a_dead_server_is_ignored(tmp_path, corpus, monkeypatch, capsys):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "serve.json").write_text(json.dumps({"url": "http://127.0.0.1:9", "pid": 2**22 + 777}))
    code, err = _in_process(["index", str(corpus)], serve_env(tmp_path), monkeypatch, capsys)
    assert code == 0 and "indexing through" not in err


def test_a_held_store_without_a_server_says_what_to_do(tmp_path, corpus, monkeypatch, capsys):
    import portalocker

    lock_path = tmp_path / "data" / "edge" / ".lock"
    lock_path.parent.mkdir(parents=True)
    with lock_path.open("a") as held:  # what another process holding the embedded store does
        portalocker.lock(held, portalocker.LockFlags.EXCLUSIVE | portalocker.LockFlags.NON_BLOCKING)
        code, err = _in_process(["index", str(corpus)], serve_env(tmp_path), monkeypatch, capsys)
        portalocker.unlock(held)
    assert code == 2
    assert "is open in another process" in err and "PRAVO_QDRANT_URL" in err and "Traceback" not in err


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10"])
def test_serving_beyond_this_machine_needs_a_key(tmp_path, host, monkeypatch, capsys):
    code, err = _in_process(["serve", "--host", host, "--port", "0"], serve_env(tmp_path), monkeypatch, capsys)
    assert code == 2
    assert "PRAVO_API_KEY" in err and "--insecure-no-api-key" in err
    assert not (tmp_path / "data" / "serve.json").exists()


def test_a_taken_port_is_a_message(tmp_path, monkeypatch, capsys):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        code, err = _in_process(["serve", "--port", str(port)], serve_env(tmp_path), monkeypatch, capsys)
    assert code == 2 and f"cannot listen on 127.0.0.1:{port}" in err
    assert not (tmp_path / "data" / "serve.json").exists()
