"""SentenceWindowEmbedder with a real model (the small MiniLM): one float32 row per sentence window."""

import numpy as np
from haystack import Document

from pravo.core.types import VECTORS_META
from pravo.indexer.embedders.sentence_windows import SentenceWindowEmbedder


def test_sentence_windows_are_one_float32_row_per_window(minilm):
    text = "Первое предложение о сроках. " * 6 + "Второе предложение о порядке увольнения работника."
    embedder = SentenceWindowEmbedder(model=minilm, max_chars=80, max_batch_tokens=64)
    assert SentenceWindowEmbedder.from_dict(embedder.to_dict()).max_batch_tokens == 64
    out = embedder.run([Document(content=text), Document(content="Коротко.")])["documents"]
    rows = out[0].meta[VECTORS_META].windows
    assert isinstance(rows, np.ndarray) and rows.dtype == np.float32
    assert rows.shape[0] > 1 and rows.shape[1] == 384
    assert out[1].meta[VECTORS_META].windows.shape == (1, 384)
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
