from datetime import datetime

import pytest
import qdrant_edge as edge
from qdrant_client import models

from pravo.core.store.edge import edge_expression, edge_filter, edge_query
from pravo.core.errors import StoreError


def test_filters_translate_with_every_condition_kind():
    flt = models.Filter(
        must=[
            models.FieldCondition(key="meta.article", match=models.MatchValue(value="80")),
            models.FieldCondition(key="meta.doc_id", match=models.MatchAny(any=["tk", "gk"])),
            models.FieldCondition(key="meta.date", range=models.DatetimeRange(gte=datetime(2022, 1, 1))),
        ],
        must_not=[models.FieldCondition(key="meta.doc_hash", match=models.MatchValue(value="old"))],
    )
    out = edge_filter(flt)
    assert isinstance(out, edge.Filter) and len(out.must) == 3 and len(out.must_not) == 1
    assert edge_filter(None) is None
    with pytest.raises(StoreError, match="cannot evaluate the filter condition"):
        edge_filter(models.Filter(must=[models.HasIdCondition(has_id=[1])]))


def test_queries_and_formulas_translate():
    assert isinstance(edge_query(models.FusionQuery(fusion=models.Fusion.DBSF)), edge.Fusion.Dbsf)
    assert isinstance(edge_query(models.RrfQuery(rrf=models.Rrf(k=10, weights=[1.0, 0.5]))), edge.Fusion.Rrf)
    formula = models.SumExpression(sum=["$score", models.MultExpression(mult=[0.5, models.Filter(must=[])])])
    assert edge_expression(formula) is not None
    with pytest.raises(StoreError, match="cannot run the query"):
        edge_query(models.OrderByQuery(order_by="meta.date"))

