import pytest
from qdrant_client import models

from pravo.core.store import QdrantStore
from pravo.qa.retrievers.hybrid import HybridRetriever

pytestmark = pytest.mark.unit


def _retriever(**kwargs):
    return HybridRetriever(store=QdrantStore(path="/nonexistent/never-opened"), **kwargs)


def test_round_trip_of_every_init_parameter():
    retriever = _retriever(fusion="rrf", use_sentences=False, dense_weight=0.3, candidates=50, requisite_boost=0.5, rrf_k=20, top_k=7)
    data = retriever.to_dict()
    assert data["init_parameters"]["store"]["init_parameters"]["path"] == "/nonexistent/never-opened"
    assert {k: v for k, v in data["init_parameters"].items() if k != "store"} == {
        "fusion": "rrf", "use_sentences": False, "dense_weight": 0.3, "candidates": 50,
        "requisite_boost": 0.5, "rrf_k": 20, "top_k": 7,
    }
    assert HybridRetriever.from_dict(data).to_dict() == data


def test_invalid_parameters_list_the_choices():
    with pytest.raises(ValueError, match="dbsf, rrf, dense, sparse"):
        _retriever(fusion="linear")
    with pytest.raises(ValueError, match="dense_weight"):
        _retriever(dense_weight=1.5)


def test_requisite_filter_for_article_and_number():
    retriever = _retriever()
    by_article = retriever.requisite_filter({"article": "22.2", "point": "3"})
    assert by_article == models.Filter(
        must=[
            models.FieldCondition(key="meta.article", match=models.MatchValue(value="22.2")),
            models.FieldCondition(key="meta.point", match=models.MatchValue(value="3")),
        ]
    )
    by_number = retriever.requisite_filter({"number": "443", "article": None})
    assert by_number.must[0].key == "meta.number"
    assert retriever.requisite_filter({"article": None, "number": None}) is None
    assert retriever.requisite_filter(None) is None
