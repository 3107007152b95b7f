import pytest

from pravo.core.errors import ConfigurationError
from pravo.core.settings import DEFAULT_EMBEDDING_MODEL, load_settings
from pravo.core.store import store_from_settings


def test_environment_variables_configure_everything(monkeypatch, tmp_path):
    monkeypatch.setenv("PRAVO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PRAVO_QDRANT_URL", "http://qdrant:6333")
    monkeypatch.setenv("PRAVO_COLLECTION", "laws")
    monkeypatch.setenv("PRAVO_FUSION", "rrf")
    settings = load_settings()
    assert (settings.data_dir, settings.qdrant_url, settings.collection, settings.fusion) == (tmp_path, "http://qdrant:6333", "laws", "rrf")
    assert store_from_settings(settings).documents_collection == "laws_documents"  # built, not connected


def test_e5_models_get_their_prefixes():
    default = load_settings()
    assert default.embedding_model == DEFAULT_EMBEDDING_MODEL
    assert (default.effective_query_prefix, default.effective_passage_prefix) == ("query: ", "passage: ")
    other = load_settings(embedding_model="deepvk/USER-bge-m3")
    assert (other.effective_query_prefix, other.effective_passage_prefix) == ("", "")


@pytest.mark.parametrize(
    "env, name",
    [("PRAVO_FUSION", "PRAVO_FUSION"), ("PRAVO_COLLECTION", "PRAVO_COLLECTION"), ("PRAVO_CHUNK_MAX_CHARS", "PRAVO_CHUNK_MAX_CHARS")],
)
def test_bad_values_name_the_variable(monkeypatch, env, name):
    monkeypatch.setenv(env, "not/valid")
    with pytest.raises(ConfigurationError, match=name):
        load_settings()
