"""Generative answers through any OpenAI-compatible endpoint (Ollama, vLLM, llama.cpp, a gateway).

The model writes the answer text from numbered passages; it never supplies quotes. Its reply is
checked before it replaces the extractive draft:

- every sentence must carry a marker [n] of a passage it was given; sentences without one, or whose
  words are mostly not in the passages they cite, are dropped (the note says how many);
- the markers are renumbered in order of use, and each citation quotes the sentence window of its
  passage closest to the sentences that cite it, so quotes still come from the source text (the
  citation verifier checks them after this stage);
- a reply that says the passages hold no answer makes the answer abstain;
- if the endpoint fails, times out or leaves nothing usable, the extractive draft is returned with
  a note saying why.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict
from haystack.dataclasses import ChatMessage
from haystack.utils import Secret, deserialize_secrets_inplace
from razdel import sentenize

from pravo.core.russian.prose import sentence_window_spans
from pravo.core.russian.morphology import lemmatize
from pravo.qa.answers import Answer, Citation
from pravo.qa.builders.extractive import abstention_text, cite

logger = logging.getLogger(__name__)

NO_ANSWER = "НЕТ ОТВЕТА"

SYSTEM_PROMPT = (
    "Ты — юридический ассистент. Отвечай на вопрос по-русски, кратко (не более 3 предложений), "
    "только на основании пронумерованных фрагментов документов ниже. После каждого предложения ставь "
    "номер фрагмента, на котором оно основано, в квадратных скобках, например [1] или [2][3]. "
    "Не используй знания вне фрагментов и не придумывай номера, даты и суммы. "
    f"Если во фрагментах нет ответа на вопрос, ответь ровно: {NO_ANSWER}"
)

_MARKER = re.compile(r"\[(\d{1,2})\]")


def build_messages(question: str, passages: list[Document]) -> list[ChatMessage]:
    """The chat: the rules, then the numbered passages with their requisites, then the question."""
    blocks = []
    for n, passage in enumerate(passages, 1):
        meta = passage.meta
        head = " ".join(
            x for x in (meta.get("title"), f"ст. {meta['article']}" if meta.get("article") else None) if x
        )
        blocks.append(f"[{n}] {head}\n{(passage.content or '').strip()}")
    user = "Фрагменты:\n\n" + "\n\n".join(blocks) + f"\n\nВопрос: {question}"
    return [ChatMessage.from_system(SYSTEM_PROMPT), ChatMessage.from_user(user)]


def _without_markers(sentence: str) -> str:
    """The sentence without its [n] markers and the spaces they leave before punctuation."""
    return re.sub(r"\s+([.,;:!?])", r"\1", _MARKER.sub("", sentence)).strip()


def _support(sentence: str, passages: list[str]) -> float:
    """Share of the sentence's lemmas (without markers) that occur in the passages it cites."""
    words = set(lemmatize(_MARKER.sub(" ", sentence)))
    if not words:
        return 0.0
    present: set[str] = set()
    for text in passages:
        present |= set(lemmatize(text))
    return len(words & present) / len(words)


def check_reply(
    reply: str, passages: list[Document], min_support: float = 0.5
) -> tuple[list[tuple[str, list[int]]], int]:
    """Split a reply into sentences with the passage numbers (1-based) each cites.

    :returns: The kept sentences with their markers, and how many sentences were dropped (no valid
        marker, or too few of their words in the passages they cite).
    """
    kept: list[tuple[str, list[int]]] = []
    dropped = 0
    for sentence in (s.text.strip() for s in sentenize(reply.strip())):
        if not sentence:
            continue
        markers = [int(m) for m in _MARKER.findall(sentence)]
        valid = sorted({m for m in markers if 1 <= m <= len(passages)}, key=markers.index)
        if not valid:
            if _MARKER.sub("", sentence).strip(" .,;:"):
                dropped += 1
            continue
        if _support(sentence, [passages[m - 1].content or "" for m in valid]) < min_support:
            dropped += 1
            continue
        kept.append((_without_markers(sentence), valid))
    return kept, dropped


def closest_window(passage: Document, sentences: list[str], window_chars: int) -> tuple[int, int]:
    """The sentence window of a passage that shares the most lemmas with the sentences citing it."""
    text = passage.content or ""
    spans = sentence_window_spans(text, window_chars) or [(0, len(text))]
    wanted = set()
    for sentence in sentences:
        wanted |= set(lemmatize(sentence))
    return max(spans, key=lambda span: (len(wanted & set(lemmatize(text[span[0] : span[1]]))), -span[0]))


@component
class GenerativeAnswerer:
    """
    Rewrites the extractive draft with a chat model behind an OpenAI-compatible endpoint.

    Usage example:
    ```python
    generator = GenerativeAnswerer(api_base_url="http://localhost:11434/v1", model="qwen2.5:7b-instruct")
    answer = generator.run(draft=extractive_answer, documents=hits)["answer"]
    ```
    """

    def __init__(
        self,
        api_base_url: str,
        model: str,
        api_key: Secret = Secret.from_env_var("PRAVO_LLM_API_KEY", strict=False),
        timeout: float = 60.0,
        max_tokens: int = 512,
        passages: int = 5,
        window_chars: int = 300,
        min_support: float = 0.5,
    ) -> None:
        """
        :param api_base_url: The endpoint, e.g. ``http://localhost:11434/v1`` (Ollama).
        :param model: The model name the endpoint serves.
        :param api_key: Key for the endpoint; local servers need none.
        :param timeout: Seconds before the extractive draft is returned instead.
        :param max_tokens: Longest reply.
        :param passages: How many of the best hits the model reads.
        :param window_chars: Sentence window size of the index (quotes are windows).
        :param min_support: Least share of a sentence's words found in the passages it cites.
        :raises ValueError: if the URL is not http(s) or a number is out of range.
        """
        if not re.match(r"^https?://", api_base_url or ""):
            raise ValueError(f"api_base_url must be an http(s) URL, got {api_base_url!r}")
        if timeout <= 0 or max_tokens < 1 or passages < 1 or not 0 <= min_support <= 1:
            raise ValueError("timeout, max_tokens and passages must be positive and min_support a share")
        self.api_base_url = api_base_url
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.max_tokens = max_tokens
        self.passages = passages
        self.window_chars = window_chars
        self.min_support = min_support
        self._generator: Any = None

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(
            self,
            api_base_url=self.api_base_url,
            model=self.model,
            api_key=self.api_key.to_dict(),
            timeout=self.timeout,
            max_tokens=self.max_tokens,
            passages=self.passages,
            window_chars=self.window_chars,
            min_support=self.min_support,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "GenerativeAnswerer":
        params = dict(data["init_parameters"])
        deserialize_secrets_inplace(params, keys=["api_key"])
        return default_from_dict(cls, {**data, "init_parameters": params})

    def warm_up(self) -> None:
        """Create the chat client (no request is sent)."""
        if self._generator is None:
            from haystack.components.generators.chat import OpenAIChatGenerator

            key = self.api_key.resolve_value() or "no-key"  # local servers accept any key
            self._generator = OpenAIChatGenerator(
                api_key=Secret.from_token(key),
                model=self.model,
                api_base_url=self.api_base_url,
                timeout=self.timeout,
                max_retries=0,
                generation_kwargs={"temperature": 0.0, "max_tokens": self.max_tokens},
            )

    def _fallback(self, draft: Answer, reason: str) -> dict[str, Answer]:
        note = f"Генеративный ответ недоступен ({reason}); показан ответ из цитат."
        return {"answer": draft.model_copy(update={"note": " ".join(x for x in (draft.note, note) if x)})}

    @component.output_types(answer=Answer)
    def run(self, draft: Answer, documents: list[Document]) -> dict[str, Answer]:
        """
        :param draft: The extractive answer, returned when the endpoint cannot do better.
        :param documents: Hits, best first; the first ``passages`` are given to the model.
        :returns: ``answer``: the generated answer with citations from the passages, or the draft.
        """
        if draft.abstained:
            return {"answer": draft}  # weak evidence: no model is asked to make up for it
        passages = documents[: self.passages]
        if not passages:
            return {"answer": draft}
        self.warm_up()
        try:
            replies = self._generator.run(messages=build_messages(draft.question, passages))["replies"]
            reply = (replies[0].text or "").strip() if replies else ""
        except Exception as e:  # any failure of the endpoint: connection, timeout, HTTP error, bad JSON
            logger.warning("Generator at %(url)s failed: %(error)s", {"url": self.api_base_url, "error": e})
            return self._fallback(draft, f"{type(e).__name__} от {self.api_base_url}")
        if not reply:
            return self._fallback(draft, "пустой ответ модели")
        if reply.upper().startswith(NO_ANSWER):
            text = abstention_text(passages)
            return {"answer": draft.model_copy(update={"answer": text, "citations": [], "abstained": True, "mode": "generative"})}
        kept, dropped = check_reply(reply, passages, self.min_support)
        if not kept:
            return self._fallback(draft, "в ответе модели нет предложений со ссылками на фрагменты")
        order: list[int] = []
        for _, markers in kept:
            order += [m for m in markers if m not in order]
        renumber = {m: n for n, m in enumerate(order, 1)}
        citations: list[Citation] = []
        for m in order:
            citing = [s for s, markers in kept if m in markers]
            start, end = closest_window(passages[m - 1], citing, self.window_chars)
            citations.append(cite(passages[m - 1], start, end, renumber[m]))
        text = " ".join(s + " " + "".join(f"[{renumber[m]}]" for m in markers) for s, markers in kept)
        note = f"Удалено предложений без опоры на фрагменты: {dropped}." if dropped else None
        return {
            "answer": draft.model_copy(
                update={"answer": text, "citations": citations, "mode": "generative", "note": note, "abstained": False}
            )
        }
