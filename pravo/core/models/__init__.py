"""The model registry: dense model names resolved to folders ``SentenceTransformer`` loads."""

from __future__ import annotations

from haystack.utils import ComponentDevice

from pravo.core.settings import Settings


def embedding_device(settings: Settings) -> ComponentDevice | None:
    """The torch device the settings ask for (``PRAVO_EMBEDDING_DEVICE``), or None for automatic."""
    return ComponentDevice.from_str(settings.embedding_device) if settings.embedding_device else None
