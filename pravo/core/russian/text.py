"""Reading and normalising Russian text as users have it: BOM, CP1251/KOI8-R, NBSP, soft hyphens, CRLF.

The normalised text is what the index stores; every offset (chunk ``start``/``end``, citation
offsets) refers to it.
"""

from __future__ import annotations

import re

#: Characters removed outright: soft hyphen, zero-width spaces and joiners, word joiner, BOM.
_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
#: Characters that are spaces in legal texts: NBSP, narrow NBSP, figure space, thin spaces, tabs.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\t\f\v"), " ")
_TRAILING_SPACE = re.compile(r"[ ]+$", re.MULTILINE)

#: The most frequent Russian letters; used to tell CP1251 from KOI8-R when UTF-8 fails.
_FREQUENT = set("оеаинтсрвлкмдпу")


def normalize_text(text: str) -> str:
    """Return ``text`` with line ends, spaces and invisible characters normalised.

    CRLF and CR become LF; NBSP and other typographic spaces become plain spaces; soft hyphens,
    zero-width characters and a BOM are removed; spaces at line ends are stripped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.translate(_DROP).translate(_SPACES)
    return _TRAILING_SPACE.sub("", text)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a text file's bytes; returns ``(text, encoding)``.

    UTF-8 (with or without BOM) is tried first; otherwise CP1251 and KOI8-R are both tried and the
    one whose letters look like Russian wins.

    :raises ValueError: if the bytes are not text (NUL bytes) or decode as nothing plausible.
    """
    if b"\x00" in data[:65536]:
        raise ValueError("the file contains NUL bytes: it is binary, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for encoding in ("cp1251", "koi8_r"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        letters = [c for c in text[:20000] if c.isalpha()]
        if not letters:
            continue
        # KOI8-R read as CP1251 (or vice versa) gives mostly capitals and rare letters
        score = sum(1 for c in letters if c in _FREQUENT) / len(letters)
        if best is None or score > best[0]:
            best = (score, text, encoding)
    if best is None or best[0] < 0.2:
        raise ValueError("the file is neither UTF-8 nor Russian text in CP1251 or KOI8-R; save it as UTF-8")
    return best[1], best[2]
