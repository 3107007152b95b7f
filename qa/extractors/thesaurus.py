"""Everyday words in a question mapped to the words the codes use: «зарплата» → «заработная плата».

People ask about «декрет», «больничный» and «учителя»; the Labour Code says «отпуск по уходу за
ребенком», «временная нетрудоспособность» and «педагогический работник». Neither the lemma index
nor a small multilingual model bridges that gap, so a question's everyday phrases add the
statutory ones to the query: to the lemma vector at a lower weight, and to the text the dense model
embeds. The thesaurus is a plain TSV file (``qa/data/thesaurus_ru.tsv``); users can point
``PRAVO_THESAURUS`` at their own.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from haystack import component, default_from_dict, default_to_dict

from pravo.core.russian.morphology import lemma, tokenize
from pravo.core.errors import ConfigurationError

logger = logging.getLogger(__name__)

DEFAULT_THESAURUS = Path(__file__).resolve().parent.parent / "data" / "thesaurus_ru.tsv"
#: Longest everyday phrase, in words.
MAX_PHRASE_WORDS = 4


def lemmas_of(text: str) -> tuple[str, ...]:
    """Lemmas of every word and number of ``text``, in order (function words kept)."""
    return tuple(lemma(t) for t in tokenize(text))


@dataclass(frozen=True)
class Thesaurus:
    """Everyday phrases (as lemma tuples) → statutory phrases."""

    entries: dict[tuple[str, ...], tuple[str, ...]]

    @classmethod
    def from_tsv(cls, path: Path) -> "Thesaurus":
        """
        :param path: Lines of ``everyday phrase<TAB>statutory phrase; statutory phrase``; ``#`` starts a comment.
        :raises ConfigurationError: if the file cannot be read or a line is malformed (named with its number).
        """
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise ConfigurationError(f"cannot read the thesaurus {path}: {e}; set PRAVO_THESAURUS to a UTF-8 TSV file") from e
        entries: dict[tuple[str, ...], tuple[str, ...]] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.split("\t")
            key = lemmas_of(parts[0]) if len(parts) == 2 else ()
            targets = tuple(t.strip() for t in parts[1].split(";") if t.strip()) if len(parts) == 2 else ()
            if not key or not targets or len(key) > MAX_PHRASE_WORDS:
                raise ConfigurationError(
                    f"{path}, line {number}: expected 'everyday phrase<TAB>statutory phrase; ...' "
                    f"with at most {MAX_PHRASE_WORDS} words before the tab, got {line!r}"
                )
            entries[key] = entries.get(key, ()) + tuple(t for t in targets if t not in entries.get(key, ()))
        return cls(entries)

    def expansions(self, question: str) -> list[str]:
        """Statutory phrases for the everyday phrases in ``question``, in order, without repeats.

        A phrase whose lemmas the question already holds adds nothing and is left out.
        """
        words = lemmas_of(question)
        present = set(words)
        found: list[str] = []
        for start in range(len(words)):
            for size in range(min(MAX_PHRASE_WORDS, len(words) - start), 0, -1):
                for target in self.entries.get(words[start : start + size], ()):
                    if target not in found and not set(lemmas_of(target)) <= present:
                        found.append(target)
        return found


@lru_cache(maxsize=8)
def load_thesaurus(path: str) -> Thesaurus:
    """The thesaurus at ``path``, read once per process."""
    return Thesaurus.from_tsv(Path(path))


@component
class QueryExpander:
    """
    Adds the statutory phrases for a question's everyday words.

    Usage example:
    ```python
    out = QueryExpander().run("Положен ли больничный на испытательном сроке?")
    out["expansions"]  # ["временная нетрудоспособность", "испытание при приеме на работу"]
    out["dense_text"]  # the question, then «(временная нетрудоспособность; испытание при приеме на работу)»
    ```
    """

    def __init__(self, thesaurus: str | None = None, expand_dense: bool = True) -> None:
        """
        :param thesaurus: Path of a TSV thesaurus; the bundled one when None.
        :param expand_dense: Also append the statutory phrases to the text the dense model embeds.
        :raises ConfigurationError: if the thesaurus cannot be read or is malformed.
        """
        self.thesaurus = thesaurus
        self.expand_dense = expand_dense
        self._thesaurus = load_thesaurus(str(thesaurus or DEFAULT_THESAURUS))

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, thesaurus=self.thesaurus, expand_dense=self.expand_dense)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "QueryExpander":
        return default_from_dict(cls, data)

    @component.output_types(dense_text=str, expansions=list[str])
    def run(self, query: str) -> dict[str, Any]:
        """
        :param query: The user's question.
        :returns: ``expansions``: the statutory phrases found; ``dense_text``: the text to embed (the
            question, with the phrases in brackets when ``expand_dense`` and any were found).
        """
        expansions = self._thesaurus.expansions(query)
        if expansions:
            logger.debug("query %r expanded with %s", query, expansions)
        dense_text = f"{query} ({'; '.join(expansions)})" if expansions and self.expand_dense else query
        return {"dense_text": dense_text, "expansions": expansions}
