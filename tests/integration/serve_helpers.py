"""Starting a real `pravo serve` process on a small index for tests (the small MiniLM model)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

STARTUP_SECONDS = 120


def serve_env(root: Path, **extra: str) -> dict[str, str]:
    """Environment for a pravo process on ``root/data`` with the MiniLM model, answers never abstaining."""
    from tests.conftest import minilm_path

    env = {k: v for k, v in os.environ.items() if not k.startswith("PRAVO_")}
    env.update(
        PRAVO_DATA_DIR=str(root / "data"),
        PRAVO_EMBEDDING_MODEL=minilm_path(),
        PRAVO_MODEL_CACHE_DIR=str(root / "models"),
        PRAVO_ANSWER_MIN_SUPPORT="0",
        HF_HUB_OFFLINE="1",
        GRADIO_ANALYTICS_ENABLED="False",
    )
    env.update(extra)
    return env


def pravo(args: list[str], env: dict[str, str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pravo.cli", *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


@contextlib.contextmanager
def running_serve(root: Path, index: Path | None = None, args: tuple[str, ...] = (), **extra: str) -> Iterator[str]:
    """Start `pravo serve --port 0`, index ``index`` through it with `pravo index` (if given), yield its URL; stop it after."""
    env = serve_env(root, **extra)
    log = (root / "serve.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "pravo.cli", "serve", "--port", "0", *args], env=env, cwd=root,
                               stdout=log, stderr=subprocess.STDOUT, text=True)
    record = root / "data" / "serve.json"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        url = None
        while time.monotonic() < deadline:
            assert process.poll() is None, (root / "serve.log").read_text()
            if record.exists():
                url = json.loads(record.read_text())["url"]
                try:
                    request = urllib.request.Request(url + "/api/health")
                    if extra.get("PRAVO_API_KEY"):
                        request.add_header("X-API-Key", extra["PRAVO_API_KEY"])
                    urllib.request.urlopen(request, timeout=5).read()
                    break
                except OSError:
                    pass
            time.sleep(0.3)
        else:
            raise AssertionError("pravo serve did not start:\n" + (root / "serve.log").read_text())
        if index is not None:  # through the server: its model is loaded already
            done = pravo(["index", str(index)], env, root)
            assert done.returncode == 0 and "indexing through" in done.stderr, done.stderr
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
