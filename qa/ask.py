"""Question answering: a Haystack pipeline from a question to a cited ANSWER, and the Python API.

```
question ─→ refs ──────┐
         ─→ dense ─────┼─→ retriever ─→ ranker ─→ answer (extractive) ─→ [generator] ─→ citations (verified) ─→ ANSWER
         ─→ sparse ────┘         (dense embedding also to the ranker and the answer builder)

Only the retriever (one query: hits with their vectors and links) and the citation check (one read
of the cited documents' texts, none while the kept texts are current) reach the store.
```

The generator stage joins only when ``PRAVO_LLM_URL`` names an OpenAI-compatible endpoint; it
rewrites the extractive draft from the same passages and falls back to it when the endpoint fails.
Every answer leaves through :class:`~pravo.qa.builders.citations.CitationVerifier`.
"""

from __future__ import annotations

import logging
from typing import Any

from haystack import Pipeline
from haystack.core.errors import PipelineRuntimeError

from pravo.core.store import store_from_settings
from pravo.core.store import QdrantStore
from pravo.core.errors import QueryError, unwrap
from pravo.core.settings import Settings
from pravo.qa.answers import Answer
from pravo.qa.builders.citations import CitationVerifier
from pravo.qa.builders.extractive import ExtractiveAnswerBuilder
from pravo.qa.hits import SearchFilters, validate_query
from pravo.qa.search import build_search_pipeline, search_inputs

logger = logging.getLogger(__name__)

#: Hits the retriever passes to the answer builder.
RETRIEVED_HITS = 10


def build_qa_pipeline(settings: Settings, store: QdrantStore | None = None) -> Pipeline:
    """Assemble the question-answering pipeline from the settings.

    Run it with :func:`pipeline_inputs`; the answer is ``result["citations"]["answer"]``.
    """
    store = store or store_from_settings(settings)
    pipeline = build_search_pipeline(settings, store=store)
    pipeline.add_component(
        "answer",
        ExtractiveAnswerBuilder(
            evidence_hits=settings.answer_evidence_hits,
            max_citations=settings.answer_max_citations,
            window_chars=settings.sentence_max_chars,
            min_support=settings.answer_min_support,
        ),
    )
    pipeline.add_component("citations", CitationVerifier(store=store))
    pipeline.connect("ranker.documents", "answer.documents")
    pipeline.connect("dense.embedding", "answer.query_embedding")
    pipeline.connect("retriever.corpus_centroid", "answer.corpus_centroid")
    pipeline.connect("ranker.documents", "citations.documents")
    if settings.llm_url:
        from pravo.qa.generators.openai_compatible import GenerativeAnswerer

        pipeline.add_component(
            "generator",
            GenerativeAnswerer(
                api_base_url=settings.llm_url,
                model=settings.llm_model,
                timeout=settings.llm_timeout,
                max_tokens=settings.llm_max_tokens,
            ),
        )
        pipeline.connect("answer.answer", "generator.draft")
        pipeline.connect("ranker.documents", "generator.documents")
        pipeline.connect("generator.answer", "citations.answer")
    else:
        pipeline.connect("answer.answer", "citations.answer")
    return pipeline


def pipeline_inputs(
    question: str, filters: dict[str, Any] | None = None, top_k: int = RETRIEVED_HITS, rerank_depth: int = 20
) -> dict[str, Any]:
    """The inputs of a QA pipeline (built here or loaded from YAML) for one question."""
    return {**search_inputs(question, filters, top_k, rerank_depth), "answer": {"question": question}}


class Answerer:
    """
    Answers questions with citations from the index; models load once, on the first question.

    Usage example:
    ```python
    from pravo.core.settings import load_settings
    from pravo.qa import Answerer

    answerer = Answerer(load_settings())
    answer = answerer.ask("Какое постановление одобрило программу «Интелавто»?")
    print(answer.answer)                       # "... [1]"
    print(answer.citations[0].label, answer.citations[0].quote)
    answerer.pipeline                          # the Haystack pipeline, to extend or serialise
    ```
    """

    def __init__(self, settings: Settings, store: QdrantStore | None = None) -> None:
        self.settings = settings
        self.store = store or store_from_settings(settings)
        self.pipeline = build_qa_pipeline(settings, store=self.store)

    def warm_up(self) -> None:
        """Load the query embedding model now rather than on the first question."""
        self.pipeline.warm_up()

    def ask(self, question: str, filters: SearchFilters | None = None) -> Answer:
        """
        :param question: A question in Russian.
        :param filters: Requisite and source filters on the documents searched.
        :returns: The answer, its verified citations and the hits it was drawn from.
        :raises QueryError: if the question is empty or too long.
        :raises StoreError: if nothing is indexed or the store cannot be opened.
        """
        question = validate_query(question, field="question")
        try:
            inputs = pipeline_inputs(
                question, filters.to_haystack() if filters else None, rerank_depth=self.settings.rerank_depth
            )
            result = self.pipeline.run(inputs)
        except PipelineRuntimeError as e:
            raise unwrap(e) from e
        return result["citations"]["answer"]

    def close(self) -> None:
        self.store.close()


__all__ = ["Answerer", "QueryError", "build_qa_pipeline", "pipeline_inputs"]
