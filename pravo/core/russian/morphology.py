"""Russian word forms reduced to lemmas for lexical search (pymorphy3).

«прогула», «прогулом», «прогулы» → «прогул»; numbers and codes stay as written, lower-cased
(«197-ФЗ» → «197-фз», «22.2» → «22.2»), so that «№ 443» and «197-ФЗ» are matched exactly.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

#: A token: a number with dots, slashes or a letter suffix («22.2», «1/12345», «197-ФЗ»), or a word
#: (hyphenated words kept whole: «какой-либо», «Санкт-Петербург»).
_TOKEN = re.compile(
    r"\d+(?:[./]\d+)*(?:-[а-яёa-z]+)?"
    r"|[а-яёa-z]+(?:-[а-яёa-z]+)*",
    re.IGNORECASE,
)

#: Function words that carry no meaning for retrieval. Kept short on purpose: negation («не»),
#: «без», «до», «после» change the meaning of legal phrases and stay.
STOPWORDS = frozenset(
    """
    и в во на с со к ко о об обо от по из у за для а но же ли бы то это как так что чтобы
    который которая которое которые такой также или либо ни его ее её их он она оно они мы вы
    я ты быть являться при ведь вот уже еще ещё лишь только n
    """.split()
)

_local = threading.local()


def _analyzer():
    analyzer = getattr(_local, "analyzer", None)
    if analyzer is None:
        import pymorphy3

        analyzer = pymorphy3.MorphAnalyzer(lang="ru")
        _local.analyzer = analyzer
    return analyzer


def tokenize(text: str) -> list[str]:
    """Split ``text`` into lower-cased word and number tokens (``ё`` folded to ``е``)."""
    return [t.lower().replace("ё", "е") for t in _TOKEN.findall(text)]


@lru_cache(maxsize=200_000)
def lemma(token: str) -> str:
    """Return the dictionary form of one lower-cased token; numbers and Latin words are returned as is."""
    if not token or not ("а" <= token[0] <= "я"):
        return token
    return _analyzer().parse(token)[0].normal_form.replace("ё", "е")


@lru_cache(maxsize=50_000)
def names_a_thing(token: str) -> bool:
    """Whether a lower-cased token is a noun, an abbreviation or a word pymorphy does not know («ндс»).

    Plain numbers are not; codes («197-фз») and Latin words (names, «BSkyB») are.
    """
    if not token:
        return False
    if token[0].isdigit():
        return any(c.isalpha() for c in token)  # «3-ндфл», «197-фз»
    if not ("а" <= token[0] <= "я"):
        return True
    tag = _analyzer().parse(token)[0].tag
    return tag.POS == "NOUN" or "Abbr" in tag or "UNKN" in tag


def lemmatize(text: str, *, drop_stopwords: bool = True) -> list[str]:
    """Return the lemmas of the tokens of ``text`` in order, without stop words by default."""
    lemmas = [lemma(t) for t in tokenize(text)]
    if drop_stopwords:
        return [lm for lm in lemmas if lm not in STOPWORDS]
    return lemmas
